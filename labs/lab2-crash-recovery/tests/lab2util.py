"""Helpers shared by lab 2's public and hidden tests: start the driver,
write numbers, read the counter back."""

import re

from harness.services import Services
from harness.shell import Shell

FAULT_KINDS = ("crash", "panic", "segv", "hang", "exit", "badio", "badipc")
STARTED_RE = r"%s: (?:started fresh|restarted|started as new version) " \
    r"\(total (\d+), (\d+) writes\)"


def start(machine, lab):
    """A shell and Services on MACHINE with the lab's driver started
    (`service up /usr/drivers/DRIVER -dev DEVICE`); (shell, svc)."""
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
    from the driver's last start line, or None."""
    def parse(text):
        found = re.findall(STARTED_RE % re.escape(lab.driver), text)
        return tuple(map(int, found[-1])) if found else None
    return parse
