"""The shell's exact messages and its job reports on the booted system (the
same formats os/tests/test_userland_host.py checks on the host): errors,
signal names, background jobs, ^C at the prompt."""

import re


def test_error_messages_and_statuses(shell):
    for line, message, status in [
        ("nosuchcmd", "sh: nosuchcmd: not found", 127),
        ("/etc/motd", "sh: /etc/motd: ", 126),
        ("echo x > /nonexistent/f", "sh: /nonexistent/f: No such file or "
         "directory", 1),
        ("cat < /nonexistent", "sh: /nonexistent: No such file or "
         "directory", 1),
        ("sh -c 'kill -TERM $$'", "Terminated (SIGTERM)", 143),
        ("sh -c 'kill -KILL $$'", "Killed (SIGKILL)", 137),
    ]:
        out, got = shell.run(line)
        assert message in out, line
        assert got == status, line
    # A syntax error runs nothing of its line (so no "; echo __rc:$?").
    shell.machine.sendline("echo ; ;")
    shell.machine.expect(r"sh: syntax error near ';'\r*\n")
    shell.wait_prompt()
    assert shell.check("echo $?").strip() == "2"


def test_quoting_expansion_and_redirection(shell):
    out = shell.check("X='a  b'; echo \"[$X]\" [$X] '$X' \\$X")
    assert out.strip() == "[a  b] [a b] $X $X"
    out = shell.check("ls /nonexistent > /tmp/out 2>&1; cat /tmp/out; "
                      "echo $? > /tmp/st; cat /tmp/st")
    assert out.split("\n")[0] == "ls: /nonexistent: No such file or directory"
    assert re.match(r"crw-rw-rw- +1 +root +root +1, +3 /dev/null$",
                    shell.check("ls -l /dev/null").strip())


def test_background_job_is_announced_and_reported(shell):
    m = shell.machine
    m.sendline("sleep 1 &")
    m.expect(r"\[(\d+)\]\r*\n")
    pid = m.console.match.group(1)
    shell.wait_prompt()
    m.sendline("sleep 2")
    m.expect(r"\[%s\] Done\r*\n" % pid, timeout=30)
    shell.wait_prompt()


def test_ctrl_c_at_the_prompt_gives_a_fresh_line(shell):
    m = shell.machine
    m.send("half a line")
    m.send("\x03")
    shell.wait_prompt()
    out, status = shell.run("echo fresh")
    assert out.strip() == "fresh" and status == 0
