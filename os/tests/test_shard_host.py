"""Host tests of sharding (harness/shard.py) and of merging shards'
reports (harness/campaign_merge.py, harness/fuzz_merge.py): the SHARD
text, the slices' union being the whole plan, merges equal to the
unsharded report, and every refusal (other plans, missing, duplicated or
unfinished shards) with its message and exit status 2. No emulator: the
shards' folders are written here the way the runners write them."""

import argparse
import json
import os
import random
import subprocess
import sys

import pytest

from harness import campaign, campaign_merge
from harness import campaign_plan as cplan
from harness import campaign_report, fuzz
from harness import shard as shardmod
from harness.campaign_stats import Stats
from harness.machine import ROOT


@pytest.mark.parametrize("text,want", [("0/1", (0, 1)), ("3/4", (3, 4)),
                                       (" 1 / 2 ", (1, 2)), ("", None),
                                       (None, None)])
def test_shard_text(text, want):
    assert shardmod.parse(text) == want


@pytest.mark.parametrize("text,says", [
    ("0/0", "at least 1"), ("5/4", "must be 0..3"), ("4/4", "must be 0..3"),
    ("x", "must be i/K"), ("-1/4", "must be i/K"), ("1/", "must be i/K"),
    ("1/2/3", "must be i/K")])
def test_bad_shard_text_is_a_clear_error(text, says):
    with pytest.raises(shardmod.ShardError) as e:
        shardmod.parse(text)
    assert says in str(e.value)


def test_the_shards_of_a_plan_are_the_plan_once():
    for total in range(0, 30):
        for k in range(1, 9):
            got = [j for i in range(k)
                   for j in shardmod.indices((i, k), total)]
            assert sorted(got) == list(range(total)), (total, k)
            assert len(got) == len(set(got))


@pytest.mark.parametrize("args,says", [
    (["campaign", "--faults", "3", "--shard", "0/0"], "at least 1"),
    (["campaign", "--faults", "3", "--shard", "0/2"], "SHARD needs SEED"),
    (["fuzz", "-n", "10", "--shard", "0/2"], "SHARD needs SEED"),
    (["campaign", "--faults", "3", "--shard", "5/4"], "must be 0..3"),
    (["campaign", "--faults", "3", "--shard", "x"], "must be i/K"),
    (["campaign", "--replay", "7", "--shard", "0/2"], "does not go with"),
    (["fuzz", "-n", "10", "--shard", "5/4"], "must be 0..3"),
    (["fuzz", "-n", "10", "--shard", "x"], "must be i/K")])
def test_bad_shard_on_the_command_line_exits_2(args, says):
    r = subprocess.run([sys.executable, "-m", "harness"] + args, cwd=ROOT,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2, r.stdout + r.stderr
    assert says in r.stderr


# ---- campaign shards written as the runner writes them ----------------------

DRIVERS = ["hello", "rtc", "printer"]


def fake_outcome(rng):
    return rng.choice(["recovered"] * 6 + ["latent", "wrong", "hang"])


def fake_trials(seed, faults):
    """(Trial, outcome, recovery_us, ok, err, wrong) for every index: the
    planner's trial seeds, service-fi kinds only (no ELF needed)."""
    rng = random.Random(seed)
    out = []
    for i in range(faults):
        s = cplan.trial_seed(seed, i)
        t = cplan.Trial(i, s, rng.choice(DRIVERS),
                        rng.choice(cplan.FI_KINDS), rng.randint(0, 20))
        outcome = fake_outcome(rng)
        rec = rng.randint(1000, 900000) if outcome == "recovered" else -1
        out.append((t, outcome, rec, rng.randint(0, 50), 0,
                    1 if outcome == "wrong" else 0))
    return out


def write_run(out, iso, seed, faults, shard=None, stop_after=None):
    """Write OUT as `python3 -m harness campaign` would for SHARD (None:
    unsharded): report.json, report.html, trials.jsonl."""
    args = argparse.Namespace(faults=faults, seed=seed, replay=None,
                              drivers=list(DRIVERS), binaries={},
                              period="10", jobs=1, image=str(iso),
                              out=str(out), shard=shard)
    stats = Stats(cplan.KINDS, DRIVERS)
    os.makedirs(str(out), exist_ok=True)
    journal = campaign.Journal(os.path.join(str(out), "trials.jsonl"))
    mine = set(shardmod.indices(shard, faults))
    done = 0
    for t, outcome, rec_us, ok, err, wrong in fake_trials(seed, faults):
        if t.index not in mine or (stop_after is not None and
                                   done >= stop_after):
            continue
        done += 1
        stats.add(t, outcome, rec_us, ok, err, wrong)
        rec = dict(t.as_dict(), outcome=outcome, recovery_us=rec_us, ok=ok,
                   err=err, wrong=wrong, detail="d")
        journal.write(rec)
        if outcome not in ("recovered", "latent"):
            rec["replay"] = campaign.replay_command(t.seed, args)
            stats.add_failure(rec)
    journal.close()
    report = campaign_report.build(args, stats, 1.5, 1)
    report.update(campaign.plan_of(args))
    if stop_after is not None:
        report["incomplete"] = "KeyboardInterrupt: "
    campaign_report.write(report, str(out))
    return report


@pytest.fixture
def iso(tmp_path):
    p = tmp_path / "os.iso"
    p.write_bytes(b"image one")
    return p


def shard_dirs(tmp_path, iso, seed, faults, k, **kw):
    return [(tmp_path / ("s%d" % i), write_run(tmp_path / ("s%d" % i), iso,
                                               seed, faults, (i, k), **kw))
            for i in range(k)]


def merge_cli(what, dirs, out):
    return subprocess.run([sys.executable, "-m", "harness", what, "merge"]
                          + [str(d) for d in dirs] + ["--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True,
                          timeout=60)


def journal(d):
    return [json.loads(line) for line in open(os.path.join(str(d),
                                                           "trials.jsonl"))]


def test_merged_campaign_equals_the_unsharded_one(tmp_path, iso):
    whole = write_run(tmp_path / "whole", iso, 7, 200)
    dirs = [d for d, _ in shard_dirs(tmp_path, iso, 7, 200, 4)]
    r = merge_cli("campaign", dirs[::-1], tmp_path / "merged")
    assert r.returncode == 1, r.stdout + r.stderr    # some trials failed
    assert "merged 4 shards (0/4, 1/4, 2/4, 3/4)" in r.stdout
    merged = json.load(open(str(tmp_path / "merged" / "report.json")))
    for key in ("faults", "trials", "seed", "drivers", "outcomes",
                "per_kind", "per_driver", "survived", "survival_rate",
                "os_crashes", "hangs", "wrong_data", "not_recovered",
                "operations", "recovery_ms", "recovery_ms_per_driver",
                "plan", "plan_id", "failures_not_kept"):
        assert merged[key] == whole[key], key
    assert merged["failures"] == whole["failures"]
    assert merged["recovery_from"] == "journals"
    assert journal(tmp_path / "merged") == journal(tmp_path / "whole")
    assert [m["shard"] for m in merged["merged"]] == \
        ["0/4", "1/4", "2/4", "3/4"]
    page = open(str(tmp_path / "merged" / "report.html")).read()
    assert "Survival: <b>%d of 200</b>" % whole["survived"] in page
    assert '<p id="shards">Merged from 4 shards' in page
    assert "shards" not in open(str(tmp_path / "whole" / "report.html")
                                ).read()


def test_merge_without_whole_journals_sums_the_reports(tmp_path, iso):
    whole = write_run(tmp_path / "whole", iso, 8, 40)
    dirs = [d for d, _ in shard_dirs(tmp_path, iso, 8, 40, 2)]
    os.remove(os.path.join(str(dirs[0]), "trials.jsonl"))   # rotated away
    merged = campaign_merge.merge(dirs, str(tmp_path / "merged"))
    assert merged["recovery_from"] == "histograms"
    for key in ("outcomes", "per_kind", "per_driver", "survived",
                "operations"):
        assert merged[key] == whole[key], key
    for kind, rec in whole["recovery_ms"].items():
        got = merged["recovery_ms"][kind]
        assert (got["count"], got["min"], got["max"], got["histogram"]) == \
            (rec["count"], rec["min"], rec["max"], rec["histogram"]), kind
        if rec["count"]:
            assert got["min"] <= got["median"] <= got["p99"] <= got["max"]


def refused(what, dirs, out):
    """The stderr of a merge of DIRS into OUT that must be refused (exit
    2, OUT's report untouched)."""
    path = os.path.join(str(out), "report.json")
    before = open(path).read() if os.path.exists(path) else None
    r = merge_cli(what, dirs, out)
    assert r.returncode == 2, r.stdout + r.stderr
    assert (open(path).read() if os.path.exists(path) else None) == before
    return r.stderr


def test_merge_refuses_missing_and_duplicated_shards(tmp_path, iso):
    dirs = [d for d, _ in shard_dirs(tmp_path, iso, 7, 20, 4)]
    err = refused("campaign", dirs[:1] + dirs[2:], tmp_path / "m")
    assert "1 of 4 shards missing: 1/4" in err
    err = refused("campaign", dirs + [dirs[2]], tmp_path / "m")
    assert "shard 2/4 is given twice" in err
    err = refused("campaign", [tmp_path / "nowhere"], tmp_path / "m")
    assert "no report.json" in err
    err = refused("campaign", dirs, dirs[0])
    assert "is one of the shards" in err


@pytest.mark.parametrize("change,differs", [
    (dict(seed=8), "seed"), (dict(faults=21), "faults"),
    (dict(iso=b"image two"), "image_sha256")])
def test_merge_refuses_shards_of_other_plans(tmp_path, iso, change,
                                             differs):
    dirs = [d for d, _ in shard_dirs(tmp_path, iso, 7, 20, 2)]
    other = tmp_path / "other.iso"
    other.write_bytes(change.get("iso", b"image one"))
    write_run(dirs[1], other, change.get("seed", 7), change.get("faults", 20),
              (1, 2))
    err = refused("campaign", dirs, tmp_path / "m")
    assert "shards of different plans" in err and differs in err


def test_merge_refuses_other_drivers_other_k_and_a_stopped_shard(tmp_path,
                                                                  iso):
    dirs = [d for d, _ in shard_dirs(tmp_path, iso, 7, 20, 2)]
    rep = json.load(open(os.path.join(str(dirs[1]), "report.json")))
    rep["plan"]["drivers"] = ["hello"]
    json.dump(rep, open(os.path.join(str(dirs[1]), "report.json"), "w"))
    assert "drivers" in refused("campaign", dirs, tmp_path / "m")
    three = write_run(tmp_path / "t", iso, 7, 20, (1, 3))
    assert three["shard"]["count"] == 3
    assert "different numbers of pieces" in refused(
        "campaign", [dirs[0], tmp_path / "t"], tmp_path / "m")
    write_run(dirs[1], iso, 7, 20, (1, 2), stop_after=3)
    assert "stopped early" in refused("campaign", dirs, tmp_path / "m")


def test_an_unsharded_run_merges_alone(tmp_path, iso):
    whole = write_run(tmp_path / "whole", iso, 7, 10)
    assert whole["shard"] == {"index": 0, "count": 1, "trials": 10}
    merged = campaign_merge.merge([tmp_path / "whole"], str(tmp_path / "m"))
    assert merged["outcomes"] == whole["outcomes"]


# ---- fuzz shards -----------------------------------------------------------

def fuzz_run(out, iso, seed, count, batch, shard=None):
    """Write OUT's report.json as `python3 -m harness fuzz` would, batches
    made up from their seeds (a finding in every third batch)."""
    run = fuzz.Run.__new__(fuzz.Run)
    run.count, run.seed, run.batch, run.shard = count, seed, batch, shard
    run.fi, run.frames, run.as_root, run.inject = [], 0, False, None
    run.student = (1000, 1000)
    run.worker = {"uid": 1000, "gid": 1000, "root_run": False}
    run.cred_error = None
    run.messages = {c: 0 for c in fuzz.CLASSES}
    run.per_target, run.requests, run.skipped = {}, {}, ["x"]
    run.batches, run.findings, run.panics, run.hangs = [], [], [], []
    run.unrecovered, run.incomplete, run.injected = [], [], []
    run.boots, run.frames_sent, run.sent, run.duration = 1, 0, 0, 2.0
    for b in run.batch_indices():
        bseed = fuzz.batch_seed(seed, b)
        n = min(batch, count - b * batch)
        run.batches.append({"index": b, "seed": bseed, "count": n,
                            "first_message": b * batch, "outcome": "ok",
                            "duration_s": 1.0, "hash": "0x%08x" % bseed,
                            "replay": fuzz.replay_command(n, bseed)})
        run.sent += n
        run.messages["server"] += n // 2
        run.messages["syscall"] += n - n // 2
        run.per_target["vfs"] = run.per_target.get("vfs", 0) + n // 2
        run.requests.setdefault("open", dict(
            {k: 0 for k in fuzz.REQUEST_COUNTS}, codes={}))
        run.requests["open"]["sent"] += n
        run.requests["open"]["codes"]["EPERM"] = \
            run.requests["open"]["codes"].get("EPERM", 0) + 1
        if b % 3 == 2:
            run.findings.append({"batch": b, "batch_seed": bseed,
                                 "messages": [b * batch, b * batch + n - 1],
                                 "replay": fuzz.replay_command(n, bseed),
                                 "kind": "restart", "label": "vfs",
                                 "reason": "r"})
    report = fuzz.make_report(run)
    report.update(fuzz.plan_of(run, str(iso)))
    os.makedirs(str(out), exist_ok=True)
    json.dump(report, open(os.path.join(str(out), "report.json"), "w"))
    return report


def test_merged_fuzz_run_equals_the_unsharded_one(tmp_path, iso):
    whole = fuzz_run(tmp_path / "whole", iso, 5, 1050, 100)
    dirs = []
    for i in range(3):
        dirs.append(tmp_path / ("f%d" % i))
        fuzz_run(dirs[-1], iso, 5, 1050, 100, (i, 3))
    r = merge_cli("fuzz", dirs, tmp_path / "merged")
    assert r.returncode == 1, r.stdout + r.stderr    # findings
    merged = json.load(open(str(tmp_path / "merged" / "report.json")))
    for key in ("seed", "n", "batch", "sent", "messages", "findings",
                "requests", "batches", "plan", "plan_id", "ok",
                "as_student", "uid", "gid", "skipped"):
        assert merged[key] == whole[key], key
    assert [b["index"] for b in merged["batches"]] == list(range(11))


def test_fuzz_merge_refuses_other_plans_and_missing_shards(tmp_path, iso):
    dirs = []
    for i in range(3):
        dirs.append(tmp_path / ("f%d" % i))
        fuzz_run(dirs[-1], iso, 5, 1050, 100, (i, 3))
    assert "1 of 3 shards missing: 2/3" in refused("fuzz", dirs[:2],
                                                   tmp_path / "m")
    assert "given twice" in refused("fuzz", dirs + dirs[:1], tmp_path / "m")
    fuzz_run(dirs[2], iso, 6, 1050, 100, (2, 3))
    err = refused("fuzz", dirs, tmp_path / "m")
    assert "shards of different plans" in err and "seed" in err
