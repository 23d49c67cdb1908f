"""Lab 0 hidden tests: two crashes, and a refused live update."""

import pytest

from tourlib import compare, crash_and_wait, field


@pytest.mark.points(2)
def test_restarts_after_two_fi(agent, lab):
    """answers.txt: hello's restart count after two crashes."""
    for _ in range(2):
        crash_and_wait(agent)
    compare(lab, "restarts_after_two_fi", field(agent, "hello", "restarts"))


@pytest.mark.points(2)
def test_update_x_status(agent, lab):
    """answers.txt: the exit status of a refused live update."""
    out, status, verified = agent.run("service update self -label hello -x")
    assert verified
    compare(lab, "update_x_status", status)
