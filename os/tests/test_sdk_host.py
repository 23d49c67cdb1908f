"""The driver SDK on the host: its public headers are completely documented
(Doxygen, warnings as errors), and sdk/mk/driver.mk builds a driver from a
folder outside the project tree, checking its manifest (errors FILE:LINE).
No emulator needed."""
import glob
import os
import shutil
import struct
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SDK = os.path.join(ROOT, "sdk")
HELLO = os.path.join(SDK, "examples", "hello")


def public_headers():
    """Every header of sdk/include itself (not the abi and libc links)."""
    return sorted(glob.glob(os.path.join(SDK, "include", "*.h")))


def test_public_headers_are_the_documented_set():
    names = [os.path.basename(h) for h in public_headers()]
    for name in ("sef.h", "chardriver.h", "ds.h", "kcall.h", "log.h", "driver.h"):
        assert name in names
    assert os.path.islink(os.path.join(SDK, "include", "abi"))
    assert os.path.islink(os.path.join(SDK, "include", "libc"))


@pytest.mark.skipif(shutil.which("doxygen") is None, reason="doxygen not installed")
def test_doxygen_finds_nothing_undocumented(tmp_path):
    # HTML output: doxygen 1.9 wrongly reports documented parameters as
    # undocumented when only XML is generated.
    doxyfile = tmp_path / "Doxyfile"
    doxyfile.write_text("\n".join([
        'INPUT = ' + " ".join('"%s"' % h for h in public_headers()),
        'OUTPUT_DIRECTORY = "%s"' % (tmp_path / "out"),
        "GENERATE_HTML = YES", "GENERATE_LATEX = NO", "QUIET = YES",
        "OPTIMIZE_OUTPUT_FOR_C = YES", "EXTRACT_ALL = NO",
        "WARN_IF_UNDOCUMENTED = YES", "WARN_IF_DOC_ERROR = YES",
        "WARN_NO_PARAMDOC = YES", "WARN_AS_ERROR = YES",
        "MACRO_EXPANSION = YES", "EXPAND_ONLY_PREDEF = YES",
        'PREDEFINED = "__attribute__(x)="', ""]))
    r = subprocess.run(["doxygen", str(doxyfile)], cwd=str(tmp_path),
                       capture_output=True, text=True)
    assert r.returncode == 0 and "warning" not in r.stderr, r.stderr


def elf_header(path):
    """(class, type, machine) of the ELF file PATH."""
    with open(path, "rb") as f:
        ident = f.read(16)
        assert ident[:4] == b"\x7fELF", path
        e_type, e_machine = struct.unpack("<HH", f.read(4))
    return ident[4], e_type, e_machine


@pytest.fixture(scope="module")
def outside(tmp_path_factory):
    """hello copied to a folder outside the tree, its Makefile pointing at
    this SDK: the few lines a driver's Makefile is."""
    d = tmp_path_factory.mktemp("outside") / "hello"
    d.mkdir()
    for f in ("main.c", "hello.conf"):
        shutil.copy(os.path.join(HELLO, f), str(d / f))
    (d / "Makefile").write_text(
        "DRIVER = hello\nSRCS   = main.c\ninclude %s\n"
        % os.path.join(SDK, "mk", "driver.mk"))
    return d


def make(d, *args):
    return subprocess.run(["make", "-C", str(d)] + list(args),
                          capture_output=True, text=True)


def test_driver_mk_builds_outside_the_tree(outside):
    r = make(outside)
    assert r.returncode == 0, r.stdout + r.stderr
    binary = outside / "build" / "hello"
    # ELFCLASS32, ET_EXEC, EM_386
    assert elf_header(str(binary)) == (1, 2, 3)
    assert make(outside, "check").returncode == 0
    # Built once: a second make does nothing.
    r = make(outside)
    assert r.returncode == 0 and "LD" not in r.stdout, r.stdout


def test_driver_mk_bad_manifest_is_file_line(outside):
    conf = outside / "hello.conf"
    good = conf.read_text()
    lines = good.splitlines()
    at = next(i for i, l in enumerate(lines) if l.strip().startswith("ipc"))
    lines.insert(at + 1, "\tsystem  NOSUCHCALL;")
    conf.write_text("\n".join(lines) + "\n")
    try:
        r = make(outside)
        assert r.returncode != 0
        assert "hello.conf:%d:" % (at + 2) in r.stdout + r.stderr, \
            r.stdout + r.stderr
        assert make(outside, "check").returncode != 0
    finally:
        conf.write_text(good)
    assert make(outside, "check").returncode == 0


def test_driver_mk_clean(outside):
    assert make(outside).returncode == 0
    assert make(outside, "clean").returncode == 0
    assert not (outside / "build").exists()


def test_hello_builds_in_the_tree(tmp_path):
    # The example's own Makefile, with the output elsewhere (OUT) so the
    # OS build's copy is left alone; hello.v2 the way the OS build makes it.
    r = make(HELLO, "OUT=%s" % tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert elf_header(str(tmp_path / "hello")) == (1, 2, 3)
    r = make(HELLO, "OUT=%s" % tmp_path, "DRIVER=hello.v2",
             "MANIFEST=hello.conf", "CPPFLAGS=-DHELLO_VERSION=2")
    assert r.returncode == 0, r.stdout + r.stderr
    assert (tmp_path / "hello.v2").read_bytes() != \
        (tmp_path / "hello").read_bytes()
