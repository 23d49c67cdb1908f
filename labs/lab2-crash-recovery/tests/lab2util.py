"""Helpers shared by lab 2's public and hidden tests: start the driver,
write numbers, read the counter back. Every graded command runs through
the trusted test agent (harness.agentshell.AgentShell: only authenticated
answers come back); the driver's own console lines (``restored``) are
asserted only together with the same fact read through the agent."""

import re

from harness import abi

FAULT_KINDS = abi.FAULT_KINDS     # `service fi` kinds (abi/sef.h)
STARTED_RE = r"%s: (?:started fresh|restarted|started as new version) " \
    r"\(total (\d+), (\d+) writes\)"


def start(agent_services, lab):
    """The lab's driver started through AGENT_SERVICES (the harness's
    fixture: Services on an AgentShell, the test agent started on the
    test's machine) (`service up /usr/drivers/DRIVER -dev DEVICE`);
    (shell, svc)."""
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


def read_counter(shell, lab):
    """What the device reads now: (total, writes)."""
    out = shell.check("cat %s" % lab.device)
    lines = user_lines(out)
    assert len(lines) == 1, "cat %s printed %r" % (lab.device, out)
    m = re.fullmatch(r"total=(\d+) writes=(\d+)", lines[0].strip())
    assert m, "cat %s: expected 'total=T writes=W', got %r" % (lab.device,
                                                               lines[0])
    return int(m.group(1)), int(m.group(2))


def add(shell, lab, *values):
    """Write each of VALUES to the device (each write must succeed)."""
    for v in values:
        shell.check("echo %s > %s" % (v, lab.device))


def restored(lab):
    """A `state` callable for harness.recovery.measure: (total, writes)
    from the driver's last start line, or None. The driver's own claim on
    the console: never enough by itself (tests read the counter through
    the agent too)."""
    def parse(text):
        found = re.findall(STARTED_RE % re.escape(lab.driver), text)
        return tuple(map(int, found[-1])) if found else None
    return parse
