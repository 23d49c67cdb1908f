"""Recovery grading on hello, with points: a fault is injected while a
client reads /dev/hello, and the harness measures detection latency,
recovery time, the open count kept and what the client saw (test
properties, shown in every report; see harness/recovery.py)."""

import pytest

from harness.recovery import ReadLoop, open_count

HELLO = "Hello, World!"


def read_hello(shell):
    out = shell.check("cat /dev/hello")
    assert HELLO in out, out


@pytest.mark.points(1)
def test_hello_answers(services):
    read_hello(services.shell)
    assert services.get("hello")["state"] == "up"


@pytest.mark.points(4)
@pytest.mark.depends("test_hello_answers")
@pytest.mark.parametrize("kind", ["crash", "hang"])
def test_hello_recovers_and_keeps_its_open_count(services, recovery, credit,
                                                 kind):
    """Full points: hello is back and answering, the client never read
    wrong data. Half of them when the open count was lost, and a quarter
    less when the client saw errors during the recovery."""
    for _ in range(2):
        read_hello(services.shell)
    # Opens before the fault: these two and the client's one.
    r = recovery(services, "hello", kind, client=ReadLoop("/dev/hello", HELLO),
                 state=open_count("hello"), expect_state=3,
                 probe=read_hello)
    assert r.restarts == 1
    assert r.detection_latency_ms <= r.recovery_time_ms
    if kind == "hang":
        assert r.failure_reason.startswith("no heartbeat")
    assert r.client.ok > 0 and r.client.wrong == 0, r.client
    if not r.state_kept:
        credit.award(0.5, "open count %s, expected 3" % r.state_value)
    elif r.client.errors:
        credit.award(0.75, "client saw %d errors" % r.client.errors)
