"""Lab 2, public tests: the counter keeps its state across every kind of
crash `service fi` injects, and a client reading it never sees a wrong
value. Each test boots a fresh machine with the submission's driver."""

import pytest

from harness.recovery import ReadLoop
from lab2util import FAULT_KINDS, add, read_counter, restored, start


@pytest.mark.points(10)
def test_counter_counts(agent_services, lab):
    """The counter adds numbers and refuses other writes."""
    shell, svc = start(agent_services, lab)
    assert read_counter(shell, lab) == (0, 0)
    add(shell, lab, 5, 7)
    assert read_counter(shell, lab) == (12, 2)
    # Not a number: refused, nothing changes.
    out, rc = shell.run("echo abc > %s" % lab.device)
    assert rc != 0, "writing 'abc' should fail:\n" + out
    assert read_counter(shell, lab) == (12, 2)


@pytest.mark.points(10)
@pytest.mark.depends("test_counter_counts")
@pytest.mark.parametrize("kind", FAULT_KINDS)
def test_state_kept_after_fault(agent_services, lab, recovery, kind):
    """The counter keeps its state after a fault."""
    shell, svc = start(agent_services, lab)
    add(shell, lab, 5, 7)
    before = svc.get(lab.driver)
    r = recovery(svc, lab.driver, kind, state=restored(lab),
                 expect_state=(12, 2),
                 probe=lambda sh: read_counter(sh, lab))
    after = svc.get(lab.driver)
    assert after["endpoint"] == before["endpoint"]   # a stateful restart
    assert read_counter(shell, lab) == (12, 2), \
        "the state was lost in the %s (restarted with %r)" % (kind,
                                                              r.state_value)
    assert r.state_kept, "the restart line said %r, not total 12, 2 " \
        "writes" % (r.state_value,)
    add(shell, lab, 1)
    assert read_counter(shell, lab) == (13, 3)


@pytest.mark.points(20)
@pytest.mark.depends("test_counter_counts")
def test_reading_client_sees_no_wrong_value_in_a_crash(agent_services, lab,
                                                       recovery):
    """A reading client never sees a wrong value during a crash."""
    shell, svc = start(agent_services, lab)
    add(shell, lab, 5, 7)
    r = recovery(svc, lab.driver, "crash",
                 client=ReadLoop(lab.device, "total=12 writes=2"),
                 probe=lambda sh: read_counter(sh, lab))
    assert r.client.ok > 0, r.client
    assert r.client.wrong == 0, \
        "a client read a wrong value during the crash: %r" % (r.client,)
