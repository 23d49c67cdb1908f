"""Lab 3, hidden tests: version 2 after a crash and an update of itself,
a reading client through a series of updates, and a refused update that
leaves the checkpoint alone."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
from harness.recovery import ReadLoop  # noqa: E402
from lab3util import EINVAL, LONG, put, read_msg, start, update  # noqa


@pytest.mark.points(10)
def test_v2_state_survives_a_crash_and_an_update_of_itself(agent_services,
                                                           lab):
    """Version 2's state survives a crash and an update to itself."""
    shell, svc = start(agent_services, lab)
    put(shell, lab, "one")
    out, rc = update(svc, lab, "/usr/drivers/%s.v2" % lab.driver)
    assert rc == 0, out
    put(shell, lab, LONG)
    out, rc = svc.fi(lab.driver, "crash")
    assert rc == 0, out
    svc.wait_recovered(lab.driver, timeout=60)
    assert read_msg(shell, lab) == LONG
    out, rc = update(svc, lab, "self")
    assert rc == 0, out
    assert read_msg(shell, lab) == LONG


@pytest.mark.points(10)
def test_a_reading_client_loses_nothing_in_updates(agent_services, lab):
    """A reading client loses nothing across three updates."""
    shell, svc = start(agent_services, lab)
    put(shell, lab, "steady")
    client = ReadLoop(lab.device, "steady")
    client.start(shell)
    for binary in ("self", "/usr/drivers/%s.v2" % lab.driver, "self"):
        out, rc = update(svc, lab, binary)
        assert rc == 0, out
    stats = client.stop(shell)
    assert stats.ok > 0 and (stats.errors, stats.wrong) == (0, 0), \
        "the client read %d messages right, %d errors, %d wrong" % (
            stats.ok, stats.errors, stats.wrong)


@pytest.mark.points(10)
def test_refused_update_leaves_the_checkpoint_alone(agent_services, lab):
    """A refused update leaves the saved state for the next crash."""
    shell, svc = start(agent_services, lab)
    out, rc = update(svc, lab, "/usr/drivers/%s.v2" % lab.driver)
    assert rc == 0, out
    put(shell, lab, LONG)
    out, rc = update(svc, lab, "/usr/drivers/%s" % lab.driver)
    assert rc == EINVAL, out
    # A crash now restores from DS: version 2's state must still be there.
    out, rc = svc.fi(lab.driver, "segv")
    assert rc == 0, out
    svc.wait_recovered(lab.driver, timeout=60)
    assert read_msg(shell, lab) == LONG
