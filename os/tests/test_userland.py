"""The userland on the booted system: init runs /etc/rc and keeps a shell on
the console, the shell behaves as on the host (os/tests/test_userland_host.py)
with Phoenix's own servers underneath, and usertests passes in the guest.

These tests need the whole system in the default image (boot services pm,
mm, vfs, rootfs, tty, memdev and the root file-system archive, os/boot.mk);
they are skipped while it is not there."""

import os
import re
import termios

import pytest

from harness.images import boot_modules

SERVICES = {"pm", "mm", "vfs", "rootfs", "tty", "memdev"}
PROMPT = "# "
# A newline on the console: the terminal driver sends "\r\n" and the
# emulator's pseudo-terminal may add another "\r".
RESULT_RE = r"test (\w+): (OK|FAILED)\r*\n"
SUMMARY_RES = [r"ALL TESTS PASSED", r"SOME TESTS FAILED \((\d+) of (\d+)\)"]
# Seconds to wait for the next usertests line: each test has its own limit
# of at most 60 s inside the guest, so this only catches a dead guest.
LINE_TIMEOUT = 90


def whole_system():
    try:
        names = {os.path.basename(m.split()[0]) for m in boot_modules()}
    except Exception:
        return False
    return SERVICES <= names and "rootfs.cpio" in names


pytestmark = pytest.mark.skipif(
    not whole_system(),
    reason="the default image does not hold the whole system yet "
           "(os/boot.mk: pm mm vfs rootfs tty memdev + rootfs.cpio)")


def shell(machine):
    """Wait for init's shell and return the machine."""
    machine.expect(r"init: running /etc/rc", timeout=60)
    machine.expect(re.escape(PROMPT), timeout=60)
    return machine


def run(machine, line, expect, timeout=30):
    """Type LINE; wait for EXPECT (a regex) then for the next prompt."""
    machine.sendline(line)
    machine.expect(expect, timeout=timeout)
    machine.expect(re.escape(PROMPT), timeout=timeout)


@pytest.mark.emulators("qemu", "bochs")
def test_init_gives_a_shell_that_powers_off(machine):
    shell(machine)
    run(machine, "echo hello | cat", r"hello\r*\n")
    machine.sendline("poweroff")
    assert machine.wait_poweroff(timeout=60) == "ok"


def test_shell_on_the_console(machine):
    m = shell(machine)
    run(m, "nosuchcmd; echo status $?",
        r"sh: nosuchcmd: not found\r*\nstatus 127\r*\n")
    run(m, "segv; echo status $?",
        r"Segmentation fault \(SIGSEGV\)\r*\nstatus 139\r*\n")
    run(m, "echo one > /tmp/f; echo two >> /tmp/f; cat < /tmp/f | wc -l",
        r"\s+2\r*\n")
    run(m, "cat /nonexistent; echo status $?",
        r"cat: /nonexistent: No such file or directory\r*\nstatus 1\r*\n")
    run(m, "echo x > /nonexistent/f; echo status $?",
        r"sh: /nonexistent/f: No such file or directory\r*\nstatus 1\r*\n")
    run(m, "X='a  b'; echo \"[$X]\" [$X] '$X'", r"\[a  b\] \[a b\] \$X\r*\n")
    run(m, "false || echo or && echo and", r"or\r*\nand\r*\n")
    run(m, "echo ; ;", r"sh: syntax error near ';'\r*\n")
    run(m, "ls /", r"bin\r*\ndev\r*\netc\r*\n")
    run(m, "ls -l /dev/null", r"crw-rw-rw- +1 +1, +3 /dev/null\r*\n")
    m.sendline("ps")
    m.expect(r"  PID S NAME             ENDPOINT\r*\n")
    m.expect(r"\n +1 S init +\d+\r*\n")
    m.expect(re.escape(PROMPT))
    run(m, "uptime", r"up \d+:\d\d:\d\d, \d+ processes, \d+ KiB free\r*\n")
    run(m, "sh -c 'kill -TERM $$'; echo status $?",
        r"Terminated \(SIGTERM\)\r*\nstatus 143\r*\n")
    m.sendline("sleep 1 &")
    m.expect(r"\[(\d+)\]\r*\n")
    pid = m.console.match.group(1)
    m.expect(re.escape(PROMPT))
    run(m, "sleep 2", r"\[%s\] Done\r*\n" % pid)
    m.sendline("exit 3")
    m.expect(r"init: shell exited \(status 3\), starting a new one")
    m.expect(re.escape(PROMPT))
    m.sendline("poweroff")
    assert m.wait_poweroff(timeout=60) == "ok"


def pass_ctrl_c_through(machine):
    """Let ^C reach the guest: QEMU's stdio console leaves the terminal's
    ISIG on, so a ^C would stop QEMU itself."""
    fd = machine.console.child_fd
    attrs = termios.tcgetattr(fd)
    attrs[3] &= ~termios.ISIG
    termios.tcsetattr(fd, termios.TCSANOW, attrs)


def test_ctrl_c_interrupts_the_foreground_job_not_the_shell(machine):
    m = shell(machine)
    pass_ctrl_c_through(m)
    m.send("half a line")
    m.send("\x03")
    m.expect(r"\r*\n" + re.escape(PROMPT))
    m.sendline("sleep 20")
    m.expect(r"sleep 20\r*\n")
    m.send("\x03")
    m.expect(re.escape(PROMPT), timeout=5)
    run(m, "echo status $?", r"status 130\r*\n")


def test_usertests_pass_in_the_guest(machine):
    """Every usertests test passes; a failure shows its check messages."""
    m = shell(machine)
    m.sendline("usertests")
    results = []
    while True:
        i = m.expect([RESULT_RE] + SUMMARY_RES, timeout=LINE_TIMEOUT)
        if i > 0:
            break
        results.append(m.console.match.groups())
    failed = [name for name, status in results if status != "OK"]
    details = "\n".join(l for l in m.console_text().splitlines()
                        if l.startswith("usertests: "))
    assert not failed, "usertests failed: %s\n%s" % (failed, details)
    assert len(results) >= 40
