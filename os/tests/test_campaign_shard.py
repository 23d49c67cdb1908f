"""Sharded campaigns (`make campaign SHARD=i/K`, harness/shard.py) on the
guest: the K shards run exactly the planned slices (trial indices i mod
K, the same trial seeds), and their merge (`python3 -m harness campaign
merge`, harness/campaign_merge.py) has the same per-trial outcomes and
the same totals as the unsharded campaign of the same seed. The small
case runs in make test; the 200-fault, 4-shard case is marked `scale`
(make test-scale)."""

import json
import os
import subprocess
import sys

import pytest

from harness import campaign_plan as cplan
from harness.machine import ROOT

# Outcome-bearing fields of a trial record (its plan and what it became;
# detail, counts and times depend on what ran before it on its machine).
PLANNED = ("index", "seed", "driver", "kind", "delay", "addr", "old", "new")


def harness(*args, timeout=1200):
    """`python3 -m harness ARGS` from the project root; the process."""
    return subprocess.run([sys.executable, "-m", "harness"]
                          + [str(a) for a in args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def report_of(out):
    with open(os.path.join(str(out), "report.json")) as f:
        return json.load(f)


def trials_of(out):
    with open(os.path.join(str(out), "trials.jsonl")) as f:
        return sorted((json.loads(line) for line in f),
                      key=lambda r: r["index"])


def outcome_rows(records):
    """(plan..., outcome) of each trial record."""
    return [tuple(r.get(k) for k in PLANNED) + (r["outcome"],)
            for r in records]


def sharded_vs_unsharded(tmp, faults, seed, k):
    """Run the campaign unsharded and as K shards (one machine each, one
    after the other), merge the shards; returns (whole, [shard dirs],
    merged) folders, every process checked."""
    whole = tmp / "whole"
    r = harness("campaign", "--faults", faults, "--seed", seed, "--jobs", 1,
                "--out", whole)
    assert r.returncode in (0, 1), r.stdout + r.stderr
    shards = []
    for i in range(k):
        d = tmp / ("shard-%d" % i)
        r = harness("campaign", "--faults", faults, "--seed", seed,
                    "--jobs", 1, "--shard", "%d/%d" % (i, k), "--out", d)
        assert r.returncode in (0, 1), r.stdout + r.stderr
        shards.append(d)
    merged = tmp / "merged"
    r = harness("campaign", "merge", *shards, "--out", merged)
    assert r.returncode in (0, 1), r.stdout + r.stderr
    assert "merged %d shards" % k in r.stdout
    return whole, shards, merged


def check_same(whole, shards, merged, faults, seed, k):
    """The shards ran their planned slices, and the merge equals the
    unsharded run trial by trial and in every total."""
    for i, d in enumerate(shards):
        rep = report_of(d)
        assert rep["shard"] == {"index": i, "count": k,
                                "trials": len(range(i, faults, k))}
        got = trials_of(d)
        assert [t["index"] for t in got] == list(range(i, faults, k))
        assert [t["seed"] for t in got] == \
            [cplan.trial_seed(seed, j) for j in range(i, faults, k)]
    a, m = report_of(whole), report_of(merged)
    assert outcome_rows(trials_of(merged)) == outcome_rows(trials_of(whole))
    assert m["plan"] == a["plan"] and m["plan_id"] == a["plan_id"]
    for key in ("faults", "trials", "seed", "drivers", "outcomes",
                "per_kind", "per_driver", "survived", "survival_rate",
                "os_crashes", "hangs", "wrong_data", "not_recovered",
                "errors"):
        assert m[key] == a[key], key
    for kind, rec in a["recovery_ms"].items():
        assert m["recovery_ms"][kind]["count"] == rec["count"], kind
    assert [(f["index"], f["seed"], f["outcome"], f["replay"])
            for f in m["failures"]] == \
        [(f["index"], f["seed"], f["outcome"], f["replay"])
         for f in a["failures"]]
    assert os.path.isfile(os.path.join(str(merged), "report.html"))


def test_twelve_faults_in_three_shards_equal_the_unsharded_campaign(
        tmp_path):
    whole, shards, merged = sharded_vs_unsharded(tmp_path, 12, 3, 3)
    check_same(whole, shards, merged, 12, 3, 3)


@pytest.mark.scale
def test_two_hundred_faults_in_four_shards_equal_the_unsharded_campaign(
        tmp_path):
    whole, shards, merged = sharded_vs_unsharded(tmp_path, 200, 20261207, 4)
    check_same(whole, shards, merged, 200, 20261207, 4)
