"""Lab 5's test fixtures: ``lab`` (lab.json) when the lab kit's plugin
does not give it, ``vault`` (the lab's driver started on its device,
holding MESSAGE, through the harness's ``agent_services``: every command
through the trusted test agent, only authenticated answers) and the
campaign's helpers."""

import json
import os
import random
import statistics

import pytest

from harness import abi

HERE = os.path.dirname(os.path.abspath(__file__))
MESSAGE = "phoenix rises"
# Every `service fi` kind (abi/sef.h), in the order the campaign's fixed
# seed draws from (the graded sequence depends on it).
KINDS = ("crash", "segv", "panic", "exit", "badio", "badipc", "hang")
assert sorted(KINDS) == sorted(abi.FAULT_KINDS), "abi/sef.h changed the kinds"
SEED = 2024


def _lab_json():
    d = HERE
    for _ in range(3):
        p = os.path.join(d, "lab.json")
        if os.path.exists(p):
            with open(p) as f:
                return json.load(f)
        d = os.path.dirname(d)
    raise FileNotFoundError("lab.json not found above " + HERE)


if "lab" not in globals():
    @pytest.fixture(scope="session")
    def lab():
        return _lab_json()


def campaign(n, seed=SEED):
    """The fault kinds of a campaign of N faults (fixed SEED: every
    submission gets the same sequence)."""
    rng = random.Random(seed)
    return [rng.choice(KINDS) for _ in range(n)]


def relative_credit(student_ms, reference_ms, full=1.5, zero=4.0):
    """Credit for a recovery time relative to the reference's (measured
    in the same run): 1 up to FULL times the reference, 0 from ZERO times,
    linear between."""
    r = statistics.median(student_ms) / max(statistics.median(reference_ms),
                                            1.0)
    return max(0.0, min(1.0, (zero - r) / (zero - full))), r


@pytest.fixture
def vault(agent_services, lab):
    """The lab's driver up on its device, holding MESSAGE;
    (agent_services, lab).
    Started with -b: RS's restart backoff (2^(k-2) periods for the k-th
    failure in a row, up to 30 s) would otherwise dominate a campaign of
    back-to-back faults; it is RS's policy, not the driver's."""
    svc = agent_services
    out, rc = svc.up("/usr/drivers/" + lab["driver"], dev=lab["device"],
                     b=True)
    assert rc == 0, out
    svc.wait(lab["driver"], lambda s: s.get("state") == "up", 30, "up")
    svc.shell.check("echo %s > %s" % (MESSAGE, lab["device"]))
    assert svc.shell.check("cat " + lab["device"]).strip() == MESSAGE
    return svc, lab
