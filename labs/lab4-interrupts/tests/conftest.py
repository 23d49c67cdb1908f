"""Lab 4's test fixtures. ``lab`` (lab.json: the driver and its device)
comes from the lab kit's plugin when it is loaded; this file gives the
same fixture otherwise, and the lab's own fixture ``lpt`` (the printer
example stopped, the lab's driver started on /dev/lpt, through the
harness's ``agent_services``: every command through the trusted test
agent, only authenticated answers). What was printed is read
from the host's capture of the parallel port (machine.parallel_output()),
never from the console."""

import json
import os
import re

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
LINE = 64


def _lab_json():
    d = HERE
    for _ in range(3):
        p = os.path.join(d, "lab.json")
        if os.path.exists(p):
            with open(p) as f:
                return json.load(f)
        d = os.path.dirname(d)
    raise FileNotFoundError("lab.json not found above " + HERE)


if "lab" not in globals():
    @pytest.fixture(scope="session")
    def lab():
        return _lab_json()


def job_text(size):
    """The first SIZE bytes of lpjob's text (os/tests/user/lpjob)."""
    lines = []
    for k in range((size + LINE - 1) // LINE):
        letters = "".join(chr(ord("a") + (k + j) % 26) for j in range(53))
        lines.append("lp %06d %s\n" % (k % 1000000, letters))
    return "".join(lines).encode()[:size]


def counters(shell, device):
    """The driver's counters (a read of DEVICE): dict printed/irq/polled."""
    out = shell.check("cat " + device)
    m = re.search(r"lpt: printed (\d+) irq (\d+) polled (\d+)", out)
    assert m, "cat %s gave %r, not the counters line" % (device, out)
    return dict(zip(("printed", "irq", "polled"), map(int, m.groups())))


def run_job(shell, device, size, command=None, timeout=600):
    """lpjob DEVICE SIZE (512 per write) [running COMMAND after 4 KiB].
    Returns (bytes written, bytes written when COMMAND ended or None,
    COMMAND's status or None, report)."""
    line = "lpjob %s %d 512" % (device, size)
    if command:
        line += " 4096 " + command
    report, _ = shell.run(line, timeout=timeout)
    found = re.search(r"lpjob: (\d+) of (\d+) bytes written", report)
    assert found, report
    ended = re.search(r"lpjob: service exited (\d+) after (\d+) bytes",
                      report)
    if command:
        assert ended, report
    return (int(found.group(1)), int(ended.group(2)) if ended else None,
            int(ended.group(1)) if ended else None, report)


def start_driver(svc, lab, args=None):
    """Stop the printer example (same port, same IRQ), start the lab's
    driver on its device through SVC (the ``agent_services`` fixture: its
    ``shell`` an AgentShell, ``shell.machine`` the machine); its status
    fields."""
    out, rc = svc.down("printer")
    assert rc == 0, out
    out, rc = svc.up("/usr/drivers/" + lab["driver"], dev=lab["device"],
                     args=args)
    assert rc == 0, out
    return svc.wait(lab["driver"], lambda s: s.get("state") == "up",
                    timeout=30, what="up")


@pytest.fixture
def lpt(agent_services, lab):
    """The lab's driver running on its device; (agent_services, lab)."""
    start_driver(agent_services, lab)
    return agent_services, lab
