"""Lab 4 (public tests): the lpt driver on LPT1, interrupt-driven, live
update under load with no lost output. The parallel port is captured on
the host (machine.parallel_output()); print jobs are lpjob's numbered
lines, so a lost, doubled or reordered byte shows."""

import pytest

from conftest import counters, job_text, run_job, start_driver

JOB = 64 * 1024


@pytest.mark.points(2)
def test_driver_starts(agent_services, lab):
    """The lpt driver starts on its device."""
    s = start_driver(agent_services, lab)
    assert (s["state"], s["dev"]) == ("up", lab["device"])


@pytest.mark.points(2)
@pytest.mark.depends("test_driver_starts")
def test_echo_prints_exactly(lpt):
    """echo prints exactly its bytes on LPT1."""
    svc, lab = lpt
    shell, m = svc.shell, svc.shell.machine
    shell.check("echo hello > " + lab["device"])
    assert m.wait_parallel(lambda d: len(d) >= 6, what="hello") == b"hello\n"
    shell.check("echo again > " + lab["device"])
    assert m.wait_parallel(lambda d: len(d) >= 12) == b"hello\nagain\n"


@pytest.mark.points(3)
@pytest.mark.depends("test_echo_prints_exactly")
def test_a_job_prints_byte_identical(lpt):
    """A 64 KiB print job comes out byte-identical."""
    svc, lab = lpt
    written, _, _, report = run_job(svc.shell, lab["device"], JOB)
    assert written == JOB, report
    data = svc.shell.machine.wait_parallel(lambda d: len(d) >= JOB,
                                           what="the job")
    assert data == job_text(JOB)


@pytest.mark.points(4)
@pytest.mark.depends("test_echo_prints_exactly")
def test_interrupt_driven(lpt):
    """Most bytes move on the ACK interrupt, not on the polling alarm."""
    svc, lab = lpt
    size = 8192
    written, _, _, report = run_job(svc.shell, lab["device"], size)
    assert written == size, report
    c = counters(svc.shell, lab["device"])
    assert c["printed"] >= size - 1, c
    assert c["irq"] >= c["printed"] // 2, \
        "only %d of %d bytes were moved by the interrupt" % (c["irq"],
                                                             c["printed"])


@pytest.mark.points(5)
@pytest.mark.depends("test_a_job_prints_byte_identical")
def test_live_update_under_load(lpt):
    """A live update during a 64 KiB job loses and doubles nothing.

    `service update self -label lpt -state 7` while a 64 KiB job
    prints: the update waits for a moment with no job, nothing is lost or
    doubled, the driver keeps its endpoint."""
    svc, lab = lpt
    shell, m, label = svc.shell, svc.shell.machine, lab["driver"]
    before = svc.get(label)
    written, at, rc, report = run_job(
        shell, lab["device"], JOB,
        "service update self -label %s -state 7" % label)
    assert rc == 0, report
    assert 4096 <= at < JOB, "the update did not happen during the job:\n" \
        + report
    assert written == JOB, report
    data = m.wait_parallel(lambda d: len(d) >= JOB, what="the whole job")
    assert data == job_text(JOB)
    after = svc.get(label)
    assert (after["endpoint"], after["restarts"], after["state"]) == \
        (before["endpoint"], before["restarts"], "up")
