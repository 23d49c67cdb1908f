"""Lab 2, hidden tests: crashes in a row, clients during a hang, a fresh
start after `service down`, refused writes across a crash."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
from harness.recovery import ReadLoop  # noqa: E402
from lab2util import add, read_counter, start  # noqa: E402


@pytest.mark.points(10)
def test_state_kept_across_crashes_in_a_row(agent_services, lab):
    """The state survives four different faults in a row."""
    shell, svc = start(agent_services, lab)
    total, writes = 0, 0
    for value, kind in ((3, "crash"), (4, "segv"), (5, "panic"),
                        (6, "exit")):
        add(shell, lab, value)
        total, writes = total + value, writes + 1
        out, rc = svc.fi(lab.driver, kind)
        assert rc == 0, out
        svc.wait_recovered(lab.driver, timeout=60)
        assert read_counter(shell, lab) == (total, writes), \
            "the state was lost in the %s" % kind


@pytest.mark.points(10)
def test_reading_client_sees_no_wrong_value_in_a_hang(agent_services, lab,
                                                      recovery):
    """A reading client never sees a wrong value during a hang."""
    shell, svc = start(agent_services, lab)
    add(shell, lab, 40, 2)
    r = recovery(svc, lab.driver, "hang",
                 client=ReadLoop(lab.device, "total=42 writes=2"),
                 probe=lambda sh: read_counter(sh, lab))
    assert r.client.ok > 0 and r.client.wrong == 0, \
        "the client read %d values right and %d wrong" % (r.client.ok,
                                                         r.client.wrong)


@pytest.mark.points(5)
def test_fresh_start_after_down_is_empty(agent_services, lab):
    """A fresh start after service down begins at zero."""
    shell, svc = start(agent_services, lab)
    add(shell, lab, 9)
    out, rc = svc.down(lab.driver)
    assert rc == 0, out
    out, rc = svc.run("up /usr/drivers/%s -dev %s" % (lab.driver,
                                                      lab.device))
    assert rc == 0, out
    svc.wait(lab.driver, lambda s: s.get("state") == "up", what="up")
    assert read_counter(shell, lab) == (0, 0)


@pytest.mark.points(5)
def test_refused_write_stays_refused_after_a_crash(agent_services, lab):
    """A refused write leaves no trace, even after a crash."""
    shell, svc = start(agent_services, lab)
    add(shell, lab, 2)
    out, rc = shell.run("echo 12x > %s" % lab.device)
    assert rc != 0, out
    out, rc = svc.fi(lab.driver, "badio")
    assert rc == 0, out
    svc.wait_recovered(lab.driver, timeout=60)
    assert read_counter(shell, lab) == (2, 1)
