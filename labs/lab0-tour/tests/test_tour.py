"""Lab 0 public tests: each boots a fresh system, asks it, and compares
with the student's answers.txt."""

import pytest

from tourlib import compare, crash_and_wait, field, must


@pytest.mark.points(2)
def test_hello_message(agent, lab):
    """answers.txt: the message /dev/hello gives."""
    out = must(agent, "cat /dev/hello")
    compare(lab, "hello_message", out.strip())


@pytest.mark.points(2)
def test_hello_period(agent, lab):
    """answers.txt: the hello service's period."""
    compare(lab, "hello_period", field(agent, "hello", "period"))


@pytest.mark.points(2)
def test_endpoint_after_fi(agent, lab):
    """answers.txt: hello's endpoint after a crash."""
    crash_and_wait(agent)
    compare(lab, "endpoint_after_fi", field(agent, "hello", "endpoint"))
