"""Issue 19: debugging a driver with GDB, as `make debug` sets it up
(docs/writing-a-driver.md, "Debugging a driver").

One QEMU machine booted for debugging (halted, its GDB stub on a free
port: harness.debugger) and one GDB in batch mode with build/phoenix.gdb.
GDB sets ``phoenix-break hello hello_read`` before the machine runs its
first instruction and lets it boot: every program is linked at the same
address, so mm, vfs and the others execute hello_read's address during
boot, and the breakpoint must not stop there. Then ``cat /dev/hello`` is
typed on the console: GDB must stop in hello's process, in hello_read,
with cat's request (position 0, cat's buffer size), show a backtrace with
source lines, step with ``next`` and print a local; at the second read
(position 14, after the message) it stops again, then detaches, and cat
ends as usual. The waits are on GDB's output and on the console, never
on time.

And `make debug` itself, twice at once as two users would: each QEMU
waits on its own free port, and the gdb command each prints, pasted as it
is (plus -batch and a few commands), attaches to its machine with every
program's symbols; GDB's `kill` then ends QEMU (and make); whatever
happens, the test kills both makes' process groups."""

import os
import re
import shutil
import signal
import subprocess

import pexpect
import pytest

from harness.debugger import Gdb, debug_args, free_port
from harness.machine import ROOT
from harness.shell import PROMPT_RE, Shell

HELLO_SRC = os.path.join(ROOT, "sdk", "examples", "hello", "main.c")
CAT_SRC = os.path.join(ROOT, "os", "commands", "cat", "main.c")
MARK = "@@phoenix-test %s@@"


def mark(name):
    """The GDB command that prints the marker NAME (echo's \\n is GDB's)."""
    return "echo %s\\n" % (MARK % name)


def section(output, name):
    """The part of GDB's OUTPUT after the marker NAME, up to the next one."""
    start = output.index(MARK % name) + len(MARK % name)
    end = output.find("@@phoenix-test", start)
    return output[start:] if end < 0 else output[start:end]


def source_facts():
    """(first and last line of hello_read in hello's source, the length of
    hello's message, cat's read size): what the stops must show."""
    with open(HELLO_SRC) as f:
        lines = f.read().split("\n")
    first = next(i for i, l in enumerate(lines, 1)
                 if re.match(r"static int hello_read\(", l))
    last = next(i for i, l in enumerate(lines[first:], first + 1)
                if l == "}")
    text = "\n".join(lines)
    message = re.search(r'#define HELLO_MESSAGE "(.*)"', text).group(1)
    message = message.encode().decode("unicode_escape")
    with open(CAT_SRC) as f:
        bufsize = int(re.search(r"#define BUF_SIZE (\d+)", f.read()).group(1))
    return first, last, len(message), bufsize


def value(output, name):
    """The value GDB printed in OUTPUT's section NAME (`$N = VALUE`)."""
    found = re.search(r"\$\d+ = (\S+)", section(output, name))
    assert found, "no value printed after %s:\n%s" % (name, output)
    return found.group(1)


@pytest.fixture
def gdb_factory(request, tmp_path):
    """gdb_factory(port, commands) -> a harness.debugger.Gdb, killed after
    the test whatever happened (its log kept with the artifacts under
    build/artifacts/ when the test failed)."""
    started = []

    def start(port, commands):
        g = Gdb(port, commands, str(tmp_path),
                request.config.option.timeout_scale)
        started.append(g)
        return g

    yield start
    for g in started:
        g.close()
    failed = getattr(request.node, "rep_call", None)
    if started and failed is not None and failed.failed:
        from harness.plugin import artifacts_dir
        dest = artifacts_dir(request.node.nodeid)
        os.makedirs(dest, exist_ok=True)
        shutil.copy(started[0].log_path, dest)


@pytest.mark.emulators("qemu")
def test_phoenix_break_stops_in_hello_read(boot, gdb_factory):
    if shutil.which("gdb") is None:
        pytest.fail("gdb is not installed: run 'make deps'")
    first, last, length, bufsize = source_facts()
    port = free_port()
    machine = boot(fresh=True, extra_args=debug_args(port))
    gdb = gdb_factory(port, [
        "phoenix-break hello hello_read",
        mark("running"), "continue",
        mark("stop1"), "phoenix-ps",
        mark("bt"), "bt",
        mark("pos1"), "print req->pos",
        mark("size1"), "print req->size",
        mark("next"), "next", "next",
        mark("n"), "print n",
        mark("cont"), "continue",
        mark("pos2"), "print req->pos",
        mark("end"), "detach"])
    gdb.expect(re.escape(MARK % "running"))
    Shell(machine).wait_prompt()
    machine.sendline("cat /dev/hello")
    out = gdb.wait_exit()

    # The breakpoint, resolved in hello's symbols, filtered on the process.
    assert re.search(r"phoenix-break: hello hello_read: 1 location, only in "
                     r"process hello", out), out
    # Booting went past it: the first stop is cat's read, in hello.
    found = re.search(r"Breakpoint 1, hello_read \(req=0x[0-9a-f]+\) at "
                      r"main\.c:(\d+)", section(out, "running"))
    assert found, out
    assert first < int(found.group(1)) < last, out
    assert re.search(r"process hello, endpoint \d+",
                     section(out, "stop1")), out
    # bt: hello_read, the library that called it, hello's main, with lines.
    frames = re.findall(r"^#(\d+) .*?(\w+) \(.*\) at (\S+):(\d+)$",
                        section(out, "bt"), re.M)
    names = [f[1] for f in frames]
    assert names[0] == "hello_read" and names[-1] == "main", out
    assert "chardriver_task" in names, out
    assert frames[0][2] == "main.c" and frames[-1][2] == "main.c", out
    # cat's request as sent: its buffer, from the start; then the message.
    assert value(out, "pos1") == "0", out
    assert value(out, "size1") == str(bufsize), out
    # next moved on through hello_read's lines; n is the bytes to copy.
    steps = [int(n) for n in re.findall(r"^(\d+)\t", section(out, "next"),
                                        re.M)]
    assert steps and all(first < n < last for n in steps), out
    assert max(steps) > int(found.group(1)), out
    assert value(out, "n") == str(length), out
    # cat's second read starts after the message; in hello again.
    assert re.search(r"Breakpoint 1, hello_read",
                     section(out, "cont")), out
    assert value(out, "pos2") == str(length), out
    assert "detached" in section(out, "end"), out
    # Detached, the machine runs on: cat ends with the message.
    machine.expect(r"Hello, World!\r*\n")
    machine.expect(PROMPT_RE)


def _kill_group(child):
    """Kill CHILD's process group (make, its shell and the QEMU it
    started: pexpect made CHILD a session and group leader)."""
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    child.close(force=True)


def test_make_debug_prints_a_free_port_for_each_user(request):
    if shutil.which("gdb") is None:
        pytest.fail("gdb is not installed: run 'make deps'")
    scale = request.config.option.timeout_scale
    makes, commands = [], []
    try:
        for _ in range(2):
            m = pexpect.spawn("make", ["--no-print-directory", "debug"],
                              cwd=ROOT, encoding="utf-8",
                              codec_errors="replace", timeout=300 * scale)
            makes.append(m)
            m.expect(r"QEMU waits for GDB on 127\.0\.0\.1:(\d+)")
            port = int(m.match.group(1))
            m.expect(r"\n    (gdb -x [^\r\n]*)\r?\n")
            command = m.match.group(1)
            assert command.endswith("-ex 'target remote 127.0.0.1:%d'"
                                    % port), command
            commands.append((port, command))
        assert commands[0][0] != commands[1][0], commands
        for (port, command), m in zip(commands, makes):
            run = subprocess.run(
                ["/bin/sh", "-c", command + " -batch -ex 'info line kmain' "
                 "-ex phoenix-programs -ex kill"], cwd="/", text=True,
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT, timeout=120 * scale)
            out = run.stdout
            # Attached to a machine halted at its first instruction.
            assert "0x0000fff0 in ?? ()" in out, out
            assert re.search(r'Line \d+ of "os/kernel/main\.c"', out), out
            listed = re.findall(r"^[ *] (\S+) +(/\S+)$", out, re.M)
            names = {name for name, _ in listed}
            assert {"hello", "vfs", "tty", "mm", "cat"} <= names, out
            assert all(os.path.isfile(path) for _, path in listed), out
            # GDB's kill ended QEMU: make is done.
            m.expect(pexpect.EOF, timeout=60 * scale)
    finally:
        for m in makes:
            _kill_group(m)
