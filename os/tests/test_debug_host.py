"""Issue 19: what `make debug EXTRA_DRIVERS=DIR` gives GDB, on the host (no
emulator, seconds): a driver scaffolded outside the tree (with its version 2,
DIR/build/NAME.v2) is built, and the GDB script is written to a
file of this test (GDB_SCRIPT=..., so the tree's build/phoenix.gdb stays as
it is): it lists the driver and its v2 with their unstripped copies in
build/debug, and GDB, with no machine, loads the driver's symbols from it
and resolves a phoenix-break in the driver's source, one by FILE:LINE in
hello's main.c (not the kernel's), and one in hello.v2 (which also checks
the code in memory: after a live update the process is still "hello"). The booted session is
os/tests/test_debug.py."""

import os
import re
import shutil
import subprocess

import pytest

from harness.machine import ROOT

NAME = "gdbdrv"


def run(argv, cwd=ROOT):
    """Run ARGV in CWD; the CompletedProcess (output as text)."""
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL)


def test_extra_driver_symbols_in_the_gdb_script(tmp_path):
    if shutil.which("gdb") is None:
        pytest.fail("gdb is not installed: run 'make deps'")
    drv = tmp_path / NAME
    r = run([os.path.join(ROOT, "sdk", "bin", "new-driver"), NAME, str(drv)])
    assert r.returncode == 0, r.stderr
    r = run(["make", "--no-print-directory", "-C", str(drv),
             "PHOENIX_SDK=%s" % os.path.join(ROOT, "sdk")])
    assert r.returncode == 0, r.stdout + r.stderr
    if not (drv / "build" / (NAME + ".v2")).exists():
        shutil.copy(drv / "build" / NAME, drv / "build" / (NAME + ".v2"))
    script = tmp_path / "phoenix.gdb"
    r = run(["make", "--no-print-directory", "GDB_SCRIPT=%s" % script,
             "EXTRA_DRIVERS=%s" % drv, str(script)])
    assert r.returncode == 0, r.stdout + r.stderr

    programs = dict(re.findall(r"^phoenix-program (\S+) (\S+)$",
                               script.read_text(), re.M))
    debug = os.path.join(ROOT, "build", "debug")
    assert programs[NAME] == os.path.join(debug, NAME)
    assert programs[NAME + ".v2"] == os.path.join(debug, NAME + ".v2")
    for name in ("hello", "hello.v2", "vfs", "tty", "rs", "cat"):
        assert programs[name] == os.path.join(ROOT, "build", "bin", name)
    # Unstripped: the driver's debugging sections are there.
    sections = run(["objdump", "-h", programs[NAME]]).stdout
    assert ".debug_info" in sections and ".debug_line" in sections

    # FILE:LINE: hello's main.c, not the kernel's os/kernel/main.c.
    with open(os.path.join(ROOT, "sdk", "examples", "hello", "main.c")) as f:
        line = next(i for i, text in enumerate(f, 1)
                    if "if (n > req->size)" in text)
    r = run(["gdb", "-batch", "-nx", "-x", str(script),
             "-ex", "phoenix-break %s %s_read" % (NAME, NAME),
             "-ex", "info breakpoints", "-ex", "phoenix-programs",
             "-ex", "phoenix-break hello main.c:%d" % line,
             "-ex", "phoenix-break hello.v2 hello_read",
             "-ex", "info breakpoints 3"],
            cwd=str(tmp_path))
    out = r.stdout + r.stderr
    assert re.search(r"Breakpoint 1 at 0x4[0-9a-f]{7}: file %s\.c, line \d+"
                     % NAME, out), out
    assert "phoenix-break: %s %s_read: 1 location, only in process %s" % (
        NAME, NAME, NAME) in out, out
    assert '$_streq(proc_current->name, "%s")' % NAME in out, out
    assert re.search(r"^\* %s +%s$" % (NAME, re.escape(programs[NAME])), out,
                     re.M), out
    assert re.search(r"Breakpoint 2 at 0x4[0-9a-f]{7}: file main\.c, line %d"
                     % line, out), out
    assert ("phoenix-break: hello main.c:%d: 1 location, only in process "
            "hello or hello.v2" % line) in out, out
    # hello.v2 runs in a process called hello after a live update (or
    # hello.v2 when started as itself): the condition also asks for its
    # code, a word where it differs from hello's.
    assert "only in process hello.v2 or hello\n" in out, out
    assert re.search(r'stop only if \(\$_streq\(proc_current->name, '
                     r'"hello\.v2"\) \|\| \$_streq\(proc_current->name, '
                     r'"hello"\)\) && \*\(unsigned int \*\) 0x4[0-9a-f]{7} == '
                     r'0x[0-9a-f]+', out), out
