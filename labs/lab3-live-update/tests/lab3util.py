"""Helpers shared by lab 3's public and hidden tests."""

import re

from harness.services import Services
from harness.shell import Shell

# EINTR 4 (not ready within maxtime), EINVAL 22 (the new version refused)
EINTR, EINVAL = 4, 22
LONG = "x" * 100                     # fits version 2's message, not 1's


def start(machine, lab):
    """A shell and Services with the lab's driver started; (shell, svc)."""
    shell = Shell(machine).wait_prompt()
    svc = Services(shell)
    out, rc = svc.run("up /usr/drivers/%s -dev %s" % (lab.driver, lab.device))
    assert rc == 0, "service up %s exited %d:\n%s" % (lab.driver, rc, out)
    svc.wait(lab.driver, lambda s: s.get("state") == "up", what="up")
    return shell, svc


def user_lines(out):
    """OUT without the lines services print on the shared console."""
    return [line for line in out.splitlines()
            if line.strip() and not re.match(r"[a-z0-9_.]+: ", line)]


def read_msg(shell, lab):
    """The message the device holds (cat; one line)."""
    out = shell.check("cat %s" % lab.device)
    lines = user_lines(out)
    assert len(lines) == 1, "cat %s printed %r" % (lab.device, out)
    return lines[0].strip()


def put(shell, lab, *messages):
    for text in messages:
        shell.check("echo %s > %s" % (text, lab.device))


def seen(shell, pattern, since=0):
    return re.search(pattern, shell.machine.console_text()[since:]) \
        is not None


def update(svc, lab, binary, *options):
    """service update BINARY -label DRIVER OPTIONS...; (out, status)."""
    return svc.run("update %s -label %s %s" % (binary, lab.driver,
                                               " ".join(options)), 120)
