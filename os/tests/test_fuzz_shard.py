"""Sharded fuzzing (`make fuzz N=... SHARD=i/K`, harness/shard.py) on the
guest: each shard sends exactly its planned batches (indices i mod K,
the same batch seeds, message ranges and, by the guest's hash of what it
sent, the same messages as the unsharded run), and `python3 -m harness
fuzz merge` (harness/fuzz_merge.py) gives the unsharded run's totals."""

import json
import os
import subprocess
import sys

from harness import fuzz
from harness.machine import ROOT

N, BATCH, SEED, K = 2000, 1000, 4243, 2


def harness(*args):
    return subprocess.run([sys.executable, "-m", "harness"]
                          + [str(a) for a in args], cwd=ROOT,
                          capture_output=True, text=True, timeout=900)


def report_of(out):
    with open(os.path.join(str(out), "report.json")) as f:
        return json.load(f)


def batch_rows(report):
    return [(b["index"], b["seed"], b["count"], b["first_message"],
             b["outcome"], b.get("hash"), b.get("sent"), b["replay"])
            for b in report["batches"]]


def test_fuzz_shards_send_the_unsharded_batches_and_merge_to_its_totals(
        tmp_path):
    r = harness("fuzz", "-n", N, "--batch", BATCH, "--seed", SEED, "--out",
                tmp_path / "whole")
    assert r.returncode == 0, r.stdout + r.stderr
    shards = []
    for i in range(K):
        d = tmp_path / ("shard-%d" % i)
        r = harness("fuzz", "-n", N, "--batch", BATCH, "--seed", SEED,
                    "--shard", "%d/%d" % (i, K), "--out", d)
        assert r.returncode == 0, r.stdout + r.stderr
        rep = report_of(d)
        assert [b["index"] for b in rep["batches"]] == [i]
        assert rep["batches"][0]["seed"] == fuzz.batch_seed(SEED, i)
        shards.append(d)
    r = harness("fuzz", "merge", *shards, "--out", tmp_path / "merged")
    assert r.returncode == 0, r.stdout + r.stderr
    whole, merged = report_of(tmp_path / "whole"), report_of(
        tmp_path / "merged")
    assert batch_rows(merged) == batch_rows(whole)
    for key in ("seed", "n", "sent", "plan", "plan_id", "ok", "findings",
                "panics", "hangs", "unrecovered"):
        assert merged[key] == whole[key], key
    for cls in fuzz.CLASSES + ("total",):
        assert merged["messages"][cls] == whole["messages"][cls], cls
    assert {k: v["sent"] for k, v in merged["requests"].items()} == \
        {k: v["sent"] for k, v in whole["requests"].items()}
