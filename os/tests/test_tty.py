"""The terminal and memory-device drivers, driven by ttytest
(os/tests/ttytest/), a boot module that plays VFS and PM for them.

ttytest runs its cases in order and prints "test NAME: OK|FAILED". Cases
that need typing print "ttytest: type NAME" once their read waits; this
test then types NAME's keys on the serial console, and ttytest prints
what the read returned ("ttytest: NAME -> N "BYTES""). The console text
between the prompt and that line is what the terminal echoed."""

import re
import socket
import termios
import time

import pytest

from harness import suite

MODULES = ["tty vfs=ttytest pm=ttytest", "memdev vfs=ttytest", "ttytest"]
LINE_TIMEOUT = 60

# What is typed for each prompt, what the read returns (as ttytest shows
# it), and what the terminal echoes (CR NL shown as NL).
TYPED = {
    "line": ("hello\r", '6 "hello\\n"', "hello\n"),
    "lf": ("x\n", '2 "x\\n"', "x\n"),
    "partial": ("abcdef\r", '3 "abc"', "abcdef\n"),
    "two_readers": ("one\rtwo\r", '4 "one\\n"', "one\ntwo\n"),
    "erase": ("abx\x7fcz\x08d\r", '5 "abcd\\n"', "abx\b \bcz\b \bd\n"),
    "kill": ("junk\x15good\r", '5 "good\\n"', "junk" + "\b \b" * 4 + "good\n"),
    "eof": ("\x04", '0 ""', ""),
    "eof_mid": ("ab\x04", '2 "ab"', "ab"),
    "sigint": ("xyz\x03", None, "xyz^C\n"),
    "after_sigint": ("ok\r", '3 "ok\\n"', "ok\n"),
    "sigint_no_group": ("zz\x03fine\r", '5 "fine\\n"', "zz^C\nfine\n"),
    "raw": ("q", '1 "q"', ""),
    "raw_isig": ("s\x03", '1 "s"', ""),
    "burst": ("0123456789" * 30 + "\r", None, "0123456789" * 30 + "\n"),
    "overflow": ("x" * 1100 + "\r", None, "x" * 1023 + "\n"),
}
# Long results are shown shortened by ttytest.
LONG_RESULTS = {
    "burst": r'301 "(0123456789){3}01\.\.\.3456789\\n"',
    "overflow": r'1024 "x{32}\.\.\.x{7}\\n"',
}

PROMPT_RE = r"ttytest: type (\w+)\r*\n"


def raw_console(machine):
    """Make QEMU's console pty raw: no OPOST (which turns every NL the guest
    sends into CR NL, so the log would not show the guest's own CRs) and no
    ISIG (a typed ^C must reach the guest; the harness's signal=off already
    sees to that). On a pty master Linux applies the settings to the slave,
    QEMU's stdin and stdout. Call after QEMU has set its terminal up.
    (Bochs' pty is raw already.)"""
    if machine.name != "qemu":
        return
    fd = machine.console.child_fd
    attrs = termios.tcgetattr(fd)
    attrs[1] &= ~termios.OPOST
    attrs[3] &= ~termios.ISIG
    termios.tcsetattr(fd, termios.TCSANOW, attrs)


def run_ttytest(machine):
    """Answer ttytest's prompts until its summary. Returns ({case: "OK" or
    "FAILED"}, [prompts in order], summary line)."""
    machine.expect(r"tty: serial console ready", timeout=LINE_TIMEOUT)
    raw_console(machine)
    prompts = []

    def answer(match):
        name = match.group(1)
        prompts.append(name)
        assert name in TYPED, "ttytest asks for unknown input %s" % name
        machine.send(TYPED[name][0])

    result = suite.read_console(machine, "ttytest", announce=False,
                                line_timeout=LINE_TIMEOUT,
                                handlers=[(PROMPT_RE, answer)])
    return dict(result.results), prompts, result.summary


def failures(console):
    """ttytest's explanation lines of failed checks."""
    return "\n".join(l for l in console.splitlines()
                     if re.match(r"ttytest: \w+: \S+:\d+: ", l))


@pytest.mark.emulators("qemu", "bochs")
def test_tty_and_memdev(boot, image_factory):
    m = boot(image_factory(modules=MODULES))
    results, prompts, summary = run_ttytest(m)
    assert m.wait_poweroff() == "ok"
    console = m.console_text()
    failed = sorted(n for n, s in results.items() if s != "OK")
    assert not failed, "failed: %s\n%s" % (" ".join(failed),
                                           failures(console))
    assert summary == "ALL TESTS PASSED"
    assert sorted(prompts) == sorted(TYPED), prompts
    assert "kernel panic" not in console
    assert "tty: serial console ready" in console

    # Writes go out with NL as CR NL (the log keeps the guest's bytes).
    with open(m.console_log, newline="") as f:
        raw = f.read()
    assert "ttytest: written through the terminal\r\n" in raw
    # The agent's line (minor 2) writes on COM3, never on the console.
    assert m.agent_channel.readline(timeout=10) == \
        "ttytest: written on the agent's line"
    assert "written on the agent's line" not in raw
    assert ("abcdefghijklmnopqrstuvwxyz" * 27)[:699] + "\r\n" in raw

    # What each read returned, and what was echoed while typing.
    for name, (keys, shown, echo) in TYPED.items():
        start = console.index("ttytest: type %s\n" % name)
        start += len("ttytest: type %s\n" % name)
        if name == "sigint":
            end = console.index("ttytest: sigint: signal", start)
        else:
            end = console.index("ttytest: %s -> " % name, start)
            line = console[end:console.index("\n", end)]
            want = LONG_RESULTS.get(name) or re.escape(shown)
            assert re.fullmatch(r"ttytest: %s -> %s" % (name, want), line), \
                "%s: read returned %r" % (name, line)
        assert console[start:end] == echo, \
            "%s: echoed %r, expected %r" % (name, console[start:end], echo)
    assert "ttytest: sigint: signal 2 for group 42" in console
    assert 'ttytest: two_readers_second -> 4 "two\\n"' in console


def test_ttytest_runs_named_cases(boot, image_factory):
    """ttytest NAME... runs only those cases (handy when debugging)."""
    m = boot(image_factory(modules=MODULES[:2] + ["ttytest memdev_zero "
                                                  "tty_cancel"]))
    results, prompts, summary = run_ttytest(m)
    assert m.wait_poweroff() == "ok"
    assert results == {"memdev_zero": "OK", "tty_cancel": "OK"}
    assert prompts == []
    assert summary == "ALL TESTS PASSED"


def read_vga(sock_path):
    """The 25 rows of the VGA text screen, read from physical memory at
    0xB8000 through a QEMU monitor listening on the unix socket
    SOCK_PATH."""
    s = socket.socket(socket.AF_UNIX)
    deadline = time.monotonic() + 10
    while True:
        try:
            s.connect(sock_path)
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    s.settimeout(5)

    def until_prompt():
        out = b""
        while not out.endswith(b"(qemu) "):
            out += s.recv(65536)
        return out.decode("latin-1")

    try:
        until_prompt()
        s.sendall(b"xp /2000hx 0xb8000\n")
        words = []
        for line in until_prompt().splitlines():
            if re.match(r"^[0-9a-f]+: 0x", line):
                words += [int(w, 16) for w in line.split()[1:]]
        # Just hang up: the monitor's "quit" would end QEMU itself.
    finally:
        s.close()
    assert len(words) == 2000, "read %d words of the screen" % len(words)
    text = "".join(chr(w & 0xff) for w in words)
    return [text[i:i + 80].rstrip() for i in range(0, 2000, 80)]


@pytest.mark.emulators("qemu")      # reads the screen with QEMU's monitor
def test_vga_mirror(boot, image_factory, tmp_path):
    """What the terminal prints (writes and echo) shows on the VGA text
    screen too, below the kernel's boot messages."""
    sock = str(tmp_path / "monitor.sock")
    m = boot(image_factory(modules=MODULES[:2] + [
        "ttytest tty_write typed_line typed_lf"]),
        extra_args=["-monitor", "unix:%s,server=on,wait=off" % sock])
    m.expect(r"tty: serial console ready", timeout=LINE_TIMEOUT)
    raw_console(m)
    m.expect(PROMPT_RE, timeout=LINE_TIMEOUT)
    assert m.console.match.group(1) == "line"
    m.send("hello\r")
    m.expect(PROMPT_RE, timeout=LINE_TIMEOUT)
    assert m.console.match.group(1) == "lf"
    rows = read_vga(sock)
    m.send("x\n")
    m.expect(suite.SUMMARY_RE, timeout=LINE_TIMEOUT)
    assert m.wait_poweroff() == "ok"
    assert "console: VGA handed to tty" in m.console_text()
    screen = "\n".join(rows)
    assert rows[0].startswith("Phoenix"), screen
    i = rows.index("ttytest: written through the terminal")
    assert rows[i + 1] == "hello", screen


@pytest.mark.parametrize("call", ["poll", "select"])
def test_poll_and_select_wait_for_terminal_input(shell, call):
    """poll/select on the console (VFS_POLL -> the terminal's CDEV_SELECT):
    nothing typed is a timeout; a poll that waits wakes when a line is
    typed (the terminal's readiness report), and ^C ends one that waits
    for ever."""
    out = shell.check("polltest %s 0" % call)
    assert "polltest: timeout" in out, out
    m = shell.machine
    m.sendline("polltest %s 600000" % call)
    m.expect(r"polltest: waiting\r*\n")
    m.send("hello\r")
    ready = r"polltest: ready 1 revents=0x1" if call == "poll" else \
        r"polltest: ready 1"
    m.expect(ready + r"\r*\n")
    m.expect(r"polltest: read hello\r*\n")
    shell.wait_prompt()
    m.sendline("polltest %s -1; echo __rc:$?" % call)
    m.expect(r"polltest: waiting\r*\n")
    m.send("\x03")
    m.expect(r"__rc:(\d+)\r*\n")
    assert m.console.match.group(1) == "130"
    shell.wait_prompt()


def test_poll_on_the_console_survives_another_open_closing(shell):
    """The terminal's readiness watch belongs to minor 0, which every
    open of the console shares: another process opening and closing the
    console while a poll waits must not make the poll miss the input."""
    m = shell.machine
    shell.check("rm -f /tmp/pt.out")
    m.sendline("(while [ ! -s /tmp/pt.out ]; do sleep 1; done; "
               "echo x > /dev/tty; echo opened-and-closed) & "
               "polltest poll 600000 > /tmp/pt.out")
    m.expect(r"\nopened-and-closed\r*\n")
    m.send("late\r")
    shell.wait_prompt()
    out = shell.check("cat /tmp/pt.out")
    assert out == "polltest: waiting\npolltest: ready 1 revents=0x1\n" \
        "polltest: read late\n", out
