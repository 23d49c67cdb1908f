"""Helpers shared by lab 3's public and hidden tests. Every graded
command runs through the trusted test agent (harness.agentshell.AgentShell:
only authenticated answers come back); the driver's own console lines
(``seen``) are asserted only together with facts read through the agent,
or only to synchronise."""

import re


# EINTR 4 (not ready within maxtime), EINVAL 22 (the new version refused)
EINTR, EINVAL = 4, 22
LONG = "x" * 100                     # fits version 2's message, not 1's


def start(agent_services, lab):
    """The lab's driver started through AGENT_SERVICES (the harness's
    fixture: Services on an AgentShell, the test agent started on the
    test's machine); (shell, svc)."""
    svc = agent_services
    shell = svc.shell
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
    """Whether PATTERN is on the console (from offset SINCE), or comes
    within 30 s: the driver's own lines, which it could print at will;
    never a pass by itself. (The console is not synchronised with the
    agent's channel: a line printed before the agent's answer may still be
    on its way.)"""
    return shell.machine.wait_console(pattern, since)


def written(shell, path, tries=200):
    """The text of PATH once a background job wrote something into it
    (read at most TRIES times, each a round trip through the agent);
    AssertionError when it stays empty."""
    for _ in range(tries):
        text = shell.check("cat %s" % path)
        if text:
            return text
    raise AssertionError("%s still empty after %d reads" % (path, tries))


def update(svc, lab, binary, *options):
    """service update BINARY -label DRIVER OPTIONS...; (out, status)."""
    return svc.run("update %s -label %s %s" % (binary, lab.driver,
                                               " ".join(options)), 120)
