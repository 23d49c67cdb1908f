"""Fault-injection campaigns (`make campaign`, harness/campaign.py) run
end to end through `python3 -m harness campaign`: a small campaign that
every driver survives, a replay of one trial, bad input, and a campaign
against a deliberately wrong driver (os/tests/services/liar) that must
fail."""

import json
import os
import re
import subprocess
import sys

import pytest

from harness import campaign_plan as cplan
from harness import mutate
from harness.machine import ROOT

# A seed whose first 30 trials cover every kind and every driver
# (test_mutate_host.py checks the planner is deterministic).
SEED = 3
FAULTS = 30


def campaign(out, *args, env=None, timeout=600):
    """Run `python3 -m harness campaign --out OUT ARGS`; the process."""
    return subprocess.run(
        [sys.executable, "-m", "harness", "campaign", "--out", str(out)]
        + [str(a) for a in args], cwd=ROOT, capture_output=True, text=True,
        timeout=timeout, env=env)


def report_of(out):
    with open(os.path.join(str(out), "report.json")) as f:
        return json.load(f)


def trials_of(out):
    with open(os.path.join(str(out), "trials.jsonl")) as f:
        return [json.loads(line) for line in f]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("campaign")
    r = campaign(out, "--faults", FAULTS, "--seed", SEED)
    return out, r


def test_small_campaign_survives_every_fault(small):
    out, r = small
    assert r.returncode == 0, r.stdout + r.stderr
    rep = report_of(out)
    assert rep["trials"] == rep["faults"] == FAULTS
    assert rep["seed"] == SEED
    assert rep["drivers"] == list(cplan.DEFAULT_DRIVERS)
    assert rep["os_crashes"] == 0
    assert rep["hangs"] == 0
    assert rep["wrong_data"] == 0
    assert rep["not_recovered"] == 0
    assert rep["survival_rate"] == 1.0
    assert rep["outcomes"]["recovered"] + rep["outcomes"]["latent"] == FAULTS
    assert rep["failures"] == []
    # every kind was tried, and the per-kind and per-driver counts add up
    assert {k for k, row in rep["per_kind"].items()
            if sum(row.values())} == set(cplan.KINDS)
    assert sum(sum(row.values()) for row in rep["per_kind"].values()) \
        == FAULTS
    assert sum(sum(row.values()) for row in rep["per_driver"].values()) \
        == FAULTS
    for kind in cplan.FI_KINDS:               # a service fault always fails
        if rep["per_kind"][kind]["recovered"]:
            rec = rep["recovery_ms"][kind]
            assert rec["count"] == rep["per_kind"][kind]["recovered"]
            assert 0 < rec["min"] <= rec["median"] <= rec["p99"] \
                <= rec["max"]
            assert sum(rec["histogram"]) == rec["count"]
    assert rep["operations"]["wrong"] == 0
    assert rep["operations"]["ok"] > 0
    # the printed table
    assert re.search(r"survival %d/%d" % (FAULTS, FAULTS), r.stdout)
    # the progress (not a terminal: counter lines with the time left) and
    # where the reports went
    assert re.search(r"campaign: %d/%d trials, 0 failed, [\d.]+ trials/s, "
                     r"ETA 0s" % (FAULTS, FAULTS), r.stderr), r.stderr
    assert "campaign: reports in " in r.stdout


def test_small_campaign_trials_are_the_planned_ones(small):
    out, _ = small
    bins = {d: mutate.load(d) for d in cplan.DEFAULT_DRIVERS}
    planned = [t.as_dict() for t in cplan.plan(SEED, FAULTS,
                                                cplan.DEFAULT_DRIVERS, bins)]
    ran = sorted(trials_of(out), key=lambda t: t["index"])
    keys = ("index", "seed", "driver", "kind", "delay", "addr", "old", "new")
    assert [{k: t[k] for k in keys if k in t} for t in ran] == planned


def test_small_campaign_html_has_the_chart(small):
    out, _ = small
    with open(os.path.join(str(out), "report.html")) as f:
        page = f.read()
    assert '<svg id="recovery-chart"' in page
    assert 'class="bin"' in page
    assert "<script" not in page and "http://" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    assert "Survival: <b>%d of %d</b>" % (FAULTS, FAULTS) in page


def test_replay_runs_exactly_one_trial(tmp_path, small):
    out, _ = small
    wanted = sorted(trials_of(out), key=lambda t: t["index"])[7]
    r = campaign(tmp_path, "--replay", wanted["seed"])
    assert r.returncode == 0, r.stdout + r.stderr
    rep = report_of(tmp_path)
    assert rep["trials"] == 1 and rep["boots"] == 1
    (again,) = trials_of(tmp_path)
    for k in ("seed", "driver", "kind", "delay", "addr", "old", "new"):
        assert again.get(k) == wanted.get(k), k


@pytest.mark.parametrize("args, message", [
    (["--faults", "0"], "FAULTS must be a positive number"),
    (["--faults", "ten"], "FAULTS must be a positive number"),
    (["--faults", "3", "--drivers", "hello floppy"], "unknown driver floppy"),
    (["--replay", "x1"], "REPLAY must be a trial seed"),
])
def test_bad_input_exits_2(tmp_path, args, message):
    r = campaign(tmp_path, *args, timeout=60)
    assert r.returncode == 2
    assert "campaign: error: " + message in r.stderr


def test_missing_emulator_exits_2(tmp_path):
    env = dict(os.environ, PATH="/nonexistent")
    r = campaign(tmp_path, "--faults", "3", env=env, timeout=60)
    assert r.returncode == 2
    assert "qemu-system-i386 not found" in r.stderr


def test_a_lying_driver_fails_the_campaign(tmp_path):
    r = campaign(tmp_path, "--faults", 4, "--seed", SEED, "--drivers",
                 "hello", "--binary", "hello=/usr/tests/liar")
    assert r.returncode == 1, r.stdout + r.stderr
    rep = report_of(tmp_path)
    assert rep["wrong_data"] > 0
    assert rep["survival_rate"] < 1.0
    wrong = [f for f in rep["failures"] if f["outcome"] == "wrong"]
    assert wrong
    for f in wrong:
        assert f["replay"].startswith("make campaign REPLAY=%d " % f["seed"])
        assert "--binary hello=/usr/tests/liar" in f["replay"]
    assert "FAILED trial" in r.stdout


# A small campaign against the disk driver: its workload copies a file on
# the ext2 file system of /dev/c0d0 and compares it (fic's fileop.c).
ATA_FAULTS = 12


def test_ata_campaign_with_the_file_copy_workload(tmp_path):
    """`make campaign DRIVERS=ata`: every trial survives, the workload's
    copies were checked (and none was wrong), and e2fsck -fn finds the
    disk clean after the last trial and a clean power-off."""
    r = campaign(tmp_path, "--faults", ATA_FAULTS, "--seed", SEED,
                 "--drivers", "ata")
    assert r.returncode == 0, r.stdout + r.stderr
    rep = report_of(tmp_path)
    assert rep["trials"] == ATA_FAULTS and rep["drivers"] == ["ata"]
    assert rep["wrong_data"] == 0 and rep["os_crashes"] == 0, rep
    assert rep["survival_rate"] == 1.0, rep["failures"]
    assert rep["operations"]["ok"] > 0, rep["operations"]
    assert rep["fsck"] == {"checked": 1, "clean": 1, "dirty": []}, \
        rep["fsck"]
    assert "e2fsck -fn of the disk after a clean power-off: 1 of 1 clean" \
        in r.stdout, r.stdout
