"""The system as a student meets it: boot to the shell prompt, run
pipelines and utilities, survive a crashing program, power off; and the
in-guest usertests suite on both emulators."""

import re

import pytest

from harness import suite
from harness import abi
from harness.shell import Shell


@pytest.mark.emulators("qemu", "bochs")
def test_boots_to_the_prompt_through_init_and_rc(boot):
    machine = boot(fresh=True)      # a real boot, not a restored snapshot
    machine.expect(r"init: running /etc/rc", timeout=60)
    machine.expect(r"rc: boot services up", timeout=60)
    Shell(machine).wait_prompt()
    text = machine.console_text()
    for server in abi.BOOT_SERVICES:
        assert re.search(abi.boot_started_re(server), text)
    assert "kernel panic" not in text


def test_echo_through_a_pipe(shell):
    out, status = shell.run("echo hi | cat")
    assert out.strip() == "hi"
    assert status == 0


def test_unknown_command_is_127(shell):
    out, status = shell.run("nosuchcmd; echo $?")
    assert "sh: nosuchcmd: not found" in out
    assert out.strip().splitlines()[-1] == "127"


def test_null_dereference_is_sigsegv_and_the_shell_goes_on(shell):
    out, status = shell.run("segv")
    assert "SIGSEGV" in out
    assert status == 128 + 11
    assert shell.check("echo still here").strip() == "still here"


def test_poweroff_ends_the_emulator(shell):
    shell.machine.sendline("poweroff")
    assert shell.machine.wait_poweroff(timeout=30) == "ok"
    assert not shell.machine.alive()


def test_files_and_utilities(shell):
    shell.check("mkdir -p /tmp/a/b")
    shell.check("echo one two three > /tmp/a/b/f")
    shell.check("echo four >> /tmp/a/b/f")
    assert shell.check("cat /tmp/a/b/f").split() == \
        ["one", "two", "three", "four"]
    assert shell.check("wc -l < /tmp/a/b/f").strip() == "2"
    shell.check("cp /tmp/a/b/f /tmp/g")
    assert "g" in shell.check("ls /tmp").split()
    shell.check("rm /tmp/g")
    assert "g" not in shell.check("ls /tmp").split()
    out, status = shell.run("cat /tmp/nothing")
    assert status != 0 and "No such file" in out


def test_quotes_redirection_and_status(shell):
    assert shell.check("echo 'a  b' \"c $?\"").strip() == "a  b c 0"
    out, status = shell.run("false || echo fallback && echo and")
    assert out.split() == ["fallback", "and"]
    out, status = shell.run("sh -c 'exit 7'")
    assert status == 7


def test_echo_says_a_write_error_as_cat_does(shell):
    """`echo x > /dev/full`: exit status 1 and `echo: write error: REASON`,
    the very line cat prints for the same error (issue 19)."""
    out, status = shell.run("cat /etc/motd > /dev/full")
    assert status == 1, out
    reason = re.search(r"^cat: write error: (.+)$", out, re.M)
    assert reason, out
    out, status = shell.run("echo x > /dev/full")
    assert status == 1, out
    assert "echo: write error: %s" % reason.group(1) in out.splitlines(), out


def test_ps_dmesg_uptime(shell):
    ps = shell.check("ps")
    assert re.search(r"^\s+1\s+\S\s+init\s+\d+", ps, re.M)
    for server in ("pm", "vfs", "tty"):
        assert re.search(r"\s%s\s+\d+" % server, ps)
    assert "Phoenix" in shell.check("dmesg")
    assert re.match(r"up \d+:\d\d:\d\d, \d+ processes, \d+ KiB free",
                    shell.check("uptime").strip())


def test_ctrl_c_interrupts_the_foreground_program(shell):
    m = shell.machine
    m.sendline("sleep 100; echo __rc:$?")
    m.expect(r"sleep 100; echo __rc:\$\?\r*\n")
    m.send("\x03")
    m.expect(r"__rc:(\d+)\r*\n")
    assert m.console.match.group(1) == "130"
    shell.wait_prompt()


def test_line_editing(shell):
    m = shell.machine
    m.send("echo abX\x7fc\r")
    m.expect(r"\nabc\r*\n")
    shell.wait_prompt()
    m.send("echo wrong\x15echo right\r")
    m.expect(r"\nright\r*\n")
    shell.wait_prompt()


SCRIPT = [
    "# /tmp/check.sh: a script that branches and loops",
    "count=$(ls /bin | wc -l)",
    "if [ $count -gt 10 ]; then echo many programs: $count; else echo few; fi",
    "for f in /bin/c*; do",
    '    if [ -f "$f" -a -x "$f" ]; then echo "prog $f"',
    '    elif [ -d "$f" ]; then echo "dir $f"; fi',
    "done",
    "tries=",
    'while [ "$tries" != xxx ]; do tries=x$tries; done',
    "until [ -e /tmp/flag ]; do echo > /tmp/flag; done",
    '[ -e /tmp/flag ] && echo "tries=$tries, flag there"',
    'echo "$(echo nested $(echo deep))" `echo back`',
    "for w in $(echo a b c); do [ $w = b ] && continue; echo w=$w; done",
    "i=0; while [ $i -lt 3 ]; do i=$((i + 1)); done",
    'case $i in 3) echo "i=$i";; *) echo "i wrong";; esac',
    "ls /bin | while read p; do case $p in sh) echo found $p;; esac; done",
    "cat <<EOF",
    "doc ${UNSET:-default} $i",
    "EOF",
    "test -d /nonexistent || exit 3",
]


def test_a_script_branches_loops_and_globs(shell):
    """A real script in the guest: if/elif, for over a glob of /bin,
    while, until, case, $(...), $((...)) and backquotes, [ and test, read,
    a here-document; an interactive for loop continued over lines with the
    "> " prompt; ^C ends an interactive loop."""
    shell.check("rm -f /tmp/check.sh /tmp/flag")
    for line in SCRIPT:
        shell.check("echo '%s' >> /tmp/check.sh" % line)
    programs = shell.check("ls /bin").split()
    out, status = shell.run("sh /tmp/check.sh")
    assert status == 3, out
    assert out.splitlines() == (
        ["many programs: %d" % len(programs)] +
        ["prog /bin/%s" % p for p in programs if p.startswith("c")] +
        ["tries=xxx, flag there", "nested deep back", "w=a", "w=c", "i=3",
         "found sh", "doc default 3"])
    m = shell.machine
    m.sendline("for i in 1 2")
    m.expect(r"\n> ")
    m.sendline("do echo i=$i; done; echo __rc:$?")
    m.expect(r"i=1\r*\ni=2\r*\n__rc:0\r*\n")
    shell.wait_prompt()
    m.sendline("while true; do echo tick; sleep 5; done; echo __rc:$?")
    m.expect(r"\ntick\r*\n")
    m.send("\x03")
    # 130: the ^C killed sleep; 0 only if it reached the shell in the
    # instant between echo and sleep (the loop still ends, after sleep).
    m.expect(r"__rc:(\d+)\r*\n")
    assert m.console.match.group(1) in ("130", "0")
    shell.wait_prompt()


def test_init_restarts_the_shell(shell):
    shell.machine.sendline("exit 3")
    shell.machine.expect(r"init: shell exited \(status 3\)")
    shell.wait_prompt()
    assert shell.check("echo back").strip() == "back"


@pytest.mark.emulators("qemu", "bochs")
def test_usertests_pass(shell):
    result = suite.run(shell, "usertests", timeout=600)
    assert len(result.cases) >= 30, result.text
    result.check()


def test_usertests_runs_one_test_by_name(shell):
    result = suite.run(shell, "usertests pipe_eof", timeout=60)
    assert result.results == [("pipe_eof", "OK")], result.text
    result.check()
