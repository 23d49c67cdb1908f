"""Users on the console: the shell runs as root; `su student` gives a
process of the ordinary user student (1000:1000, /etc/passwd), which may
not reboot, power off or signal root's processes, nor become root again;
id and whoami name who runs. The in-guest checks of setuid/setgid are the
usertests cases of os/tests/user/usertests/creds.c, run here by name."""

import re

import pytest

from harness import suite


ROOT_ID = "uid=0(root) gid=0(root) groups=0(root)"
STUDENT_ID = "uid=1000(student) gid=1000(student) groups=1000(student)"
NOT_ROOT_SU = "su: only root may switch users (no passwords on this system)"


def lines(out):
    """OUT's lines, without su's warning about a missing home directory
    (the image may have no /home/student)."""
    return [l for l in out.splitlines()
            if l.strip() and not l.startswith("su: warning:")]


def alive(shell):
    """The system still answers: a new process runs and prints."""
    return shell.check("echo still here").strip() == "still here"


def test_the_console_shell_is_root(shell):
    assert shell.check("id").strip() == ROOT_ID
    assert shell.check("id -u").strip() == "0"
    assert shell.check("id -g").strip() == "0"
    assert shell.check("id -un").strip() == "root"
    assert shell.check("id -gn").strip() == "root"
    assert shell.check("whoami").strip() == "root"


def test_id_of_a_named_user_and_an_unknown_one(shell):
    assert shell.check("id student").strip() == STUDENT_ID
    out, status = shell.run("id nosuchuser")
    assert status == 1 and "id: nosuchuser: no such user" in out


def test_su_runs_a_command_as_student(shell):
    out = shell.check("su student -c id")
    assert lines(out) == [STUDENT_ID]
    assert lines(shell.check("su student -c whoami")) == ["student"]
    assert lines(shell.check("su student -c 'id -u; id -g; id -un'")) == \
        ["1000", "1000", "student"]
    # The environment is the user's; the shell is root again afterwards.
    out = shell.check("su student -c 'echo $USER $LOGNAME $HOME $SHELL'")
    assert lines(out) == ["student student /home/student /bin/sh"]
    assert shell.check("id").strip() == ROOT_ID


def test_su_without_a_command_is_an_interactive_shell(shell):
    m = shell.machine
    m.sendline("su student")
    shell.wait_prompt()
    assert lines(shell.check("id")) == [STUDENT_ID]
    out, status = shell.run("reboot")
    assert status == 1 and "only root may restart" in out
    m.sendline("exit")
    shell.wait_prompt()
    assert shell.check("id").strip() == ROOT_ID


def test_su_exit_status_is_the_commands(shell):
    out, status = shell.run("su student -c 'exit 7'")
    assert status == 7


def test_su_refusals(shell):
    out, status = shell.run("su nosuchuser -c id")
    assert status == 1
    assert "su: unknown user nosuchuser" in out
    # student cannot become anybody, root least of all.
    out, status = shell.run("su student -c 'su root -c id'")
    assert status == 1
    assert NOT_ROOT_SU in out
    assert "uid=0" not in out
    out, status = shell.run("su student -c 'su student -c id'")
    assert status == 1 and NOT_ROOT_SU in out
    out, status = shell.run("su student extra")
    assert status == 2 and "usage: su" in out


@pytest.mark.parametrize("command, message", [
    ("reboot", "reboot: only root may restart the system"),
    ("poweroff", "poweroff: only root may power off the system"),
])
def test_student_may_not_reboot_or_power_off(shell, command, message):
    out, status = shell.run("su student -c %s" % command)
    assert status == 1
    assert message in out
    assert "Operation not permitted" in out
    assert alive(shell)
    assert shell.machine.alive()


def test_student_may_not_kill_init(shell):
    out, status = shell.run("su student -c 'kill -9 1'")
    assert status == 1
    assert "kill: 1: Operation not permitted" in out
    assert alive(shell)


def test_student_may_not_kill_a_root_process(shell):
    m = shell.machine
    pid = shell.check("sleep 300 & echo pid=$!")
    pid = re.search(r"pid=(\d+)", pid).group(1)
    out, status = shell.run("su student -c 'kill %s'" % pid)
    assert status == 1
    assert "kill: %s: Operation not permitted" % pid in out
    # -1: every process student may signal (its own shell included).
    shell.run("su student -c 'kill -9 -1'")
    shell.check("kill -0 %s" % pid)    # the root process lives on
    out, status = shell.run("kill %s; wait %s" % (pid, pid))  # root may
    assert status == 128 + 15
    assert m.alive()


def test_student_may_signal_its_own_processes(shell):
    out = shell.check("su student -c 'sleep 300 & kill $!; wait $!; "
                      "echo status=$?'")
    assert "status=143" in out


@pytest.mark.parametrize("name", [
    "setuid_semantics", "fork_keeps_ids", "kill_other_user",
    "reboot_refused", "setpgid_other_user",
])
def test_usertests_credential_cases(shell, name):
    suite.run(shell, "usertests %s" % name, timeout=60).check([name])
    assert alive(shell)


def test_a_set_user_id_program_runs_as_its_owner(shell):
    """A copy of id owned by student with the set-user-id bit, run by root:
    the effective user is student, the real one root."""
    out, status = shell.run("cp /bin/id /tmp/sid && chown student /tmp/sid "
                            "&& chmod 4755 /tmp/sid")
    assert status == 0, out
    out = shell.check("/tmp/sid")
    assert out.strip() == ("uid=0(root) gid=0(root) euid=1000(student) "
                           "groups=0(root)")
    assert shell.check("/tmp/sid -un").strip() == "student"
    assert shell.check("/tmp/sid -run").strip() == "root"
    shell.check("rm /tmp/sid")
