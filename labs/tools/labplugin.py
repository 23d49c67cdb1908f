"""The labs' shared fixtures (a pytest plugin: `make grade` loads it with
`-p labs.tools.labplugin`; labs/conftest.py imports it for a direct
`python3 -m pytest labs/labN-NAME/tests`).

  lab   the lab's lab.json as an object: .number, .name, .title, .driver,
        .device, .meta (the whole dict), .dir (the folder of lab.json),
        .submission (the folder being graded: $LABKIT_SUBMISSION, else the
        lab's starter/)

lab.json is found from $LABKIT_LAB (a lab.json or its folder), else in the
test file's folder or one of its parents."""

import json
import os
from types import SimpleNamespace

import pytest


def find_lab_json(start):
    env = os.environ.get("LABKIT_LAB")
    if env:
        return env if env.endswith(".json") else os.path.join(env, "lab.json")
    d = os.path.abspath(start)
    while True:
        p = os.path.join(d, "lab.json")
        if os.path.isfile(p):
            return p
        parent = os.path.dirname(d)
        if parent == d:
            raise FileNotFoundError("no lab.json above %s (set LABKIT_LAB)"
                                    % start)
        d = parent


def load_lab(start):
    path = find_lab_json(start)
    with open(path) as f:
        meta = json.load(f)
    d = os.path.dirname(os.path.abspath(path))
    submission = os.environ.get("LABKIT_SUBMISSION") or \
        os.path.join(d, "starter")
    return SimpleNamespace(number=meta["lab"], name=meta["name"],
                           title=meta.get("title", ""),
                           driver=meta.get("driver"),
                           device=meta.get("device"), meta=meta, dir=d,
                           submission=os.path.abspath(submission))


@pytest.fixture
def lab(request):
    """The lab being graded (lab.json; see the module's docstring)."""
    return load_lab(os.path.dirname(str(request.path)))


# -- infrastructure, not the student ------------------------------------------
#
# Until a test starts the student's driver, nothing of theirs has run: a
# guest that does not reach its shell prompt, panics, hangs or exits while
# booting, or a test agent that cannot be started, is the grading
# machine's failure. The fixtures below turn those into infrastructure
# errors (never a score), and the first such error ends the run: the
# grade is incomplete whatever the other tests would say.

def _not_graded(what, error):
    from harness.machine import EmulatorError
    first = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return EmulatorError("infrastructure: %s before the student's driver "
                         "was started (%s)" % (what, first[:200]))


@pytest.fixture
def machine(boot):
    """A booted machine of the graded image; a boot that fails is an
    infrastructure error (see above)."""
    try:
        return boot()
    except (AssertionError, TimeoutError) as e:
        raise _not_graded("the guest did not boot", e) from None


@pytest.fixture
def agent(machine):
    """The trusted test agent on ``machine`` (harness.agent.Agent); a guest
    that does not reach its prompt or an agent that cannot start is an
    infrastructure error (see above)."""
    from harness.agent import Agent
    try:
        return Agent(machine).start()
    except (AssertionError, TimeoutError) as e:
        raise _not_graded("the guest did not reach its shell prompt or the "
                          "test agent did not start", e) from None


def pytest_sessionstart(session):
    global _session
    _session = session


_session = None


def pytest_runtest_logreport(report):
    if getattr(report, "harness_outcome", None) == "error" and _session:
        _session.shouldstop = ("infrastructure error in %s: the grade is "
                               "incomplete" % report.nodeid)
