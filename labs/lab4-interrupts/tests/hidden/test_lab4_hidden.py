"""Lab 4 (hidden tests): the polling fallback, the counters across an
update, a crash in the middle of a job, the prepare states."""

import pytest

from conftest import counters, job_text, run_job, start_driver

JOB = 64 * 1024
# `service update -state S`'s exit status per prepare state (not a test
# parameter, so the test's name does not tell it).
PREPARE_EXIT = {"2": 0, "3": 0, "7": 0, "4": 22}


@pytest.mark.points(3)
def test_polling_fallback(agent_services, lab):
    """Without the interrupt (-args noirq), polling prints the job.

    Started with `-args noirq` the driver never enables the ACK
    interrupt: the alarm alone must print the job, byte-identical."""
    svc = agent_services
    start_driver(svc, lab, args="noirq")
    size = 4096
    written, _, _, report = run_job(svc.shell, lab["device"], size)
    assert written == size, report
    data = svc.shell.machine.wait_parallel(lambda d: len(d) >= size,
                                           what="the job")
    assert data == job_text(size)
    c = counters(svc.shell, lab["device"])
    assert c["polled"] >= size - 1, c


@pytest.mark.points(2)
def test_counters_survive_an_update(lpt):
    """The byte counters survive a live update."""
    svc, lab = lpt
    shell, label = svc.shell, lab["driver"]
    shell.check("echo hello > " + lab["device"])
    before = counters(shell, lab["device"])
    assert before["printed"] == 6, before
    out, rc = svc.update("self", label, state=7)
    assert rc == 0, out
    assert counters(shell, lab["device"])["printed"] == 6


@pytest.mark.points(3)
def test_crash_during_a_job_is_an_exact_prefix(lpt):
    """A crash during a job prints an exact prefix, then goes on."""
    svc, lab = lpt
    shell, m, label = svc.shell, svc.shell.machine, lab["driver"]
    before = svc.get(label)
    written, at, rc, report = run_job(shell, lab["device"], JOB,
                                      "service fi " + label)
    assert rc == 0, report
    svc.wait_recovered(label, before["restarts"], timeout=60)
    out, rc = svc.update("self", label, state=7)     # settle: no job
    assert rc == 0, out
    data = m.parallel_output()
    expected = job_text(JOB)
    assert len(data) >= written
    assert data == expected[:len(data)], "bytes lost, doubled or reordered"
    shell.check("echo after > " + lab["device"])
    assert m.wait_parallel(lambda d: len(d) >= len(data) + 6) == \
        data + b"after\n"


@pytest.mark.points(2)
@pytest.mark.parametrize("state", list(PREPARE_EXIT))
def test_prepare_states(lpt, state):
    """Each prepare state is reached, or refused, as it should be."""
    code = PREPARE_EXIT[state]
    svc, lab = lpt
    out, rc = svc.update("self", lab["driver"], state=state)
    assert rc == code, out
    assert svc.get(lab["driver"])["state"] == "up"
