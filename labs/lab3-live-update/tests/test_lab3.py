"""Lab 3, public tests: live updates of the mbox driver keep its state,
convert it to version 2's layout, wait in the driver's own prepare state
for a reader in progress, and roll back when the new version refuses."""

import pytest

from lab3util import (EINTR, EINVAL, LONG, put, read_msg, seen, start,
                      update, written)


@pytest.mark.points(10)
def test_mbox_keeps_the_last_message(agent_services, lab):
    """The mailbox keeps the last message."""
    shell, svc = start(agent_services, lab)
    put(shell, lab, "hello", "again")
    assert read_msg(shell, lab) == "again"


@pytest.mark.points(15)
@pytest.mark.depends("test_mbox_keeps_the_last_message")
def test_update_self_keeps_the_state(agent_services, lab):
    """A live update to itself keeps the state."""
    shell, svc = start(agent_services, lab)
    put(shell, lab, "hello", "abc")
    before = svc.get(lab.driver)
    out, rc = update(svc, lab, "self")
    assert rc == 0, out
    assert seen(shell, r"%s: started as new version \(version 1, 2 "
                r"messages\)" % lab.driver), "no 'started as new version' line"
    after = svc.get(lab.driver)
    assert after["endpoint"] == before["endpoint"]
    assert read_msg(shell, lab) == "abc"


@pytest.mark.points(25)
@pytest.mark.depends("test_mbox_keeps_the_last_message")
def test_update_to_v2_converts_the_state(agent_services, lab):
    """A live update to version 2 converts the state."""
    shell, svc = start(agent_services, lab)
    put(shell, lab, "hello", "abc")
    out, rc = update(svc, lab, "/usr/drivers/%s.v2" % lab.driver)
    assert rc == 0, out
    assert svc.get(lab.driver)["binary"] == "/usr/drivers/%s.v2" % lab.driver
    assert seen(shell, r"%s: started as new version \(version 2, 2 "
                r"messages\)" % lab.driver), \
        "version 2 did not start with the 2 messages of version 1"
    assert read_msg(shell, lab) == "abc"
    put(shell, lab, LONG)            # version 2 keeps 256 bytes
    assert read_msg(shell, lab) == LONG


@pytest.mark.points(25)
@pytest.mark.depends("test_mbox_keeps_the_last_message")
def test_own_prepare_state_waits_for_a_waiting_reader(agent_services, lab):
    """The update's prepare state waits while a reader is waiting."""
    shell, svc = start(agent_services, lab)
    m = shell.machine
    since = len(m.console_text())
    shell.check("cat %s > /tmp/got 2>&1 & true" % lab.device)
    waiting = r"%s: reader waiting" % lab.driver
    assert seen(shell, waiting, since), "no '%s' line" % waiting
    before = svc.get(lab.driver)
    out, rc = update(svc, lab, "self", "-state 7", "-maxtime 1HZ")
    assert rc == EINTR, "with a reader waiting, state 7 must not be " \
        "reached (expected exit %d, got %d):\n%s" % (EINTR, rc, out)
    after = svc.get(lab.driver)
    assert (after["endpoint"], after["restarts"], after["state"]) == \
        (before["endpoint"], before["restarts"], "up")
    put(shell, lab, "wake")
    assert written(shell, "/tmp/got").strip() == "wake"
    out, rc = update(svc, lab, "self", "-state 7")
    assert rc == 0, "no reader waits: state 7 must be reached:\n" + out
    assert read_msg(shell, lab) == "wake"


@pytest.mark.points(25)
@pytest.mark.depends("test_update_to_v2_converts_the_state")
def test_refusal_rolls_back(agent_services, lab):
    """A refused update rolls back to the running version."""
    shell, svc = start(agent_services, lab)
    put(shell, lab, "keep")
    out, rc = update(svc, lab, "/usr/drivers/%s.v2" % lab.driver)
    assert rc == 0, out
    put(shell, lab, LONG)
    before = svc.get(lab.driver)
    # Back to version 1: it cannot hold version 2's state and must refuse.
    out, rc = update(svc, lab, "/usr/drivers/%s" % lab.driver)
    assert rc == EINVAL, "version 1 must refuse version 2's state with " \
        "EINVAL (%d), `service update` exited %d:\n%s" % (EINVAL, rc, out)
    after = svc.get(lab.driver)
    assert after["binary"] == "/usr/drivers/%s.v2" % lab.driver
    assert (after["endpoint"], after["restarts"], after["state"]) == \
        (before["endpoint"], before["restarts"], "up")
    assert read_msg(shell, lab) == LONG
    put(shell, lab, "still")
    assert read_msg(shell, lab) == "still"
