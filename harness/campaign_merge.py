"""``make campaign-merge DIR...`` (``python3 -m harness campaign merge
DIR... [--out OUT]``): the reports of a campaign's shards (``make
campaign SHARD=i/K``, harness/shard.py) put together into one
report.json, report.html and trials.jsonl, as if the campaign had run on
one machine.

Refused, with a message and exit status 2: folders without a report,
shards of different plans (seed, faults, drivers, period, binaries or
image differ), shards cut in different numbers of pieces, a shard given
twice, a missing shard, a shard that stopped early, or OUT being one of
the shards.

The counts come from every shard's trials.jsonl, replayed in trial order
into one harness.campaign_stats.Stats: the outcomes, the per-kind and
per-driver tables and the recovery percentiles are those of the
unsharded run (whose machines record trials in that order with JOBS=1).
When a journal lost lines (rotated at 10 MB), the shards' report counts
are summed instead and the percentiles are read from the summed
histograms (``"recovery_from": "histograms"``).

Exit status: 0 every trial survived (and every disk checked clean), 1
some failed, 2 refused."""

import argparse
import datetime
import json
import os
import sys
from types import SimpleNamespace

from harness import campaign_plan as cplan
from harness import campaign_report
from harness import shard as shardmod
from harness.campaign_stats import (BIN_EDGES_MS, MAX_FAILURES, OUTCOMES,
                                    Stats)
from harness.machine import ROOT

OUT_DIR = os.path.join(ROOT, "build", "campaign")


def read_journal(d):
    """The trial records of shard folder D's trials.jsonl (and the
    rotated trials.jsonl.1 before it), in file order."""
    out = []
    for name in ("trials.jsonl.1", "trials.jsonl"):
        path = os.path.join(d, name)
        if not os.path.isfile(path):
            continue
        with open(path) as f:
            for line in f:
                if line.strip():
                    out.append(json.loads(line))
    return out


def stats_from_journals(drivers, records):
    """A Stats of RECORDS (trial records, any order) counted in trial
    order."""
    stats = Stats(cplan.KINDS, drivers)
    for r in sorted(records, key=lambda r: r["index"]):
        t = SimpleNamespace(kind=r["kind"], driver=r["driver"])
        stats.add(t, r["outcome"], r.get("recovery_us", -1), r.get("ok", 0),
                  r.get("err", 0), r.get("wrong", 0))
    return stats


def _sum_tables(tables):
    """{key: {outcome: count}} summed over TABLES (per_kind or
    per_driver tables of several reports)."""
    out = {}
    for table in tables:
        for key, row in (table or {}).items():
            acc = out.setdefault(key, dict.fromkeys(OUTCOMES, 0))
            for o, n in row.items():
                acc[o] = acc.get(o, 0) + n
    return out


def _histogram_percentile(hist, p):
    """The upper edge (ms) of the bin holding percentile P of HIST."""
    total = sum(hist)
    if not total:
        return None
    want = p / 100.0 * (total - 1)
    seen = 0
    for i, n in enumerate(hist):
        seen += n
        if seen > want:
            return BIN_EDGES_MS[i] if i < len(BIN_EDGES_MS) else None
    return None


def _sum_distributions(dists):
    """One recovery_ms entry of several shards' entries (summed
    histograms; percentiles from them)."""
    dists = [d for d in dists if d and d.get("count")]
    hist = [0] * (len(BIN_EDGES_MS) + 1)
    for d in dists:
        hist = [a + b for a, b in zip(hist, d["histogram"])]
    mx = max((d["max"] for d in dists), default=None)
    pct = lambda p: min(_histogram_percentile(hist, p) or mx, mx) \
        if dists else None
    return {"count": sum(d["count"] for d in dists),
            "min": min((d["min"] for d in dists), default=None),
            "median": pct(50), "p90": pct(90), "p99": pct(99), "max": mx,
            "bins_ms": list(BIN_EDGES_MS), "histogram": hist}


def _by_key(reports, key):
    """REPORTS' distributions under KEY (recovery_ms or
    recovery_ms_per_driver) merged per kind or driver."""
    keys = []
    for r in reports:
        for k in r.get(key) or {}:
            if k not in keys:
                keys.append(k)
    return {k: _sum_distributions([(r.get(key) or {}).get(k)
                                   for r in reports]) for k in keys}


def merge(dirs, out):
    """The merged report dict of the shard folders DIRS, its trials.jsonl
    written into OUT. ShardError when they are not one whole plan."""
    out = os.path.abspath(out)
    items, k = shardmod.load_set(dirs, out, "campaign")
    for d, r in items:
        if r["trials"] != r["shard"]["trials"]:
            raise shardmod.ShardError(
                "campaign merge: shard %d/%d (%s) ran %d of its %d trials "
                "(it stopped early): run it again" % (
                    r["shard"]["index"], k, d, r["trials"],
                    r["shard"]["trials"]))
    items.sort(key=lambda it: it[1]["shard"]["index"])
    reports = [r for _, r in items]
    first = reports[0]
    drivers = list(first["drivers"])
    records = []
    complete = True
    for d, r in items:
        rec = read_journal(d)
        complete &= len(rec) == r["trials"]
        records.extend(rec)
    trials = sum(r["trials"] for r in reports)
    if complete:
        stats = stats_from_journals(drivers, records)
        outcomes = dict(stats.outcomes)
        per_kind, per_driver = stats.per_kind, stats.per_driver
        ops = {"ok": stats.ok_ops, "err": stats.err_ops,
               "wrong": stats.wrong_ops}
        recovery = {kk: v.as_dict() for kk, v in stats.recovery.items()}
        rec_driver = {kk: v.as_dict()
                      for kk, v in stats.recovery_per_driver.items()}
    else:
        outcomes = dict.fromkeys(OUTCOMES, 0)
        for r in reports:
            for o, n in r["outcomes"].items():
                outcomes[o] = outcomes.get(o, 0) + n
        per_kind = _sum_tables(r["per_kind"] for r in reports)
        per_driver = _sum_tables(r["per_driver"] for r in reports)
        ops = {kk: sum(r["operations"][kk] for r in reports)
               for kk in ("ok", "err", "wrong")}
        recovery = _by_key(reports, "recovery_ms")
        rec_driver = _by_key(reports, "recovery_ms_per_driver")
    failures = []
    for d, r in items:
        for f in r["failures"]:
            f = dict(f)
            if f.get("logs"):
                f["logs"] = os.path.relpath(
                    os.path.join(os.path.abspath(d), f["logs"]), out)
            failures.append(f)
    failures.sort(key=lambda f: f.get("index", 0))
    dropped = sum(r["failures_not_kept"] for r in reports) + \
        max(0, len(failures) - MAX_FAILURES)
    failures = failures[:MAX_FAILURES]
    survived = outcomes.get("recovered", 0) + outcomes.get("latent", 0)
    wall = max(r["duration_s"] for r in reports)
    merged = dict(first)
    merged.update({
        "trials": trials,
        "jobs": sum(r["jobs"] for r in reports),
        "outcomes": outcomes, "per_kind": per_kind,
        "per_driver": per_driver, "survived": survived,
        "survival_rate": round(survived / trials, 6) if trials else 0.0,
        "os_crashes": outcomes["crash"], "hangs": outcomes["hang"],
        "wrong_data": outcomes["wrong"],
        "not_recovered": outcomes["norecover"],
        "errors": outcomes["error"], "operations": ops,
        "recovery_ms": recovery, "recovery_ms_per_driver": rec_driver,
        "recovery_from": "journals" if complete else "histograms",
        "failures": failures, "failures_not_kept": dropped,
        "duration_s": wall,
        "shard_seconds": round(sum(r["duration_s"] for r in reports), 3),
        "trials_per_s": round(trials / wall, 3) if wall > 0 else 0,
        "boots": sum(r["boots"] for r in reports),
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "shard": {"index": 0, "count": 1, "trials": trials},
        "merged": [{"dir": os.path.relpath(os.path.abspath(d), out),
                    "shard": "%d/%d" % (r["shard"]["index"], k),
                    "trials": r["trials"], "duration_s": r["duration_s"],
                    "git_commit": r.get("git_commit"),
                    "date": r.get("date")} for d, r in items],
    })
    merged.pop("incomplete", None)
    fscks = [r["fsck"] for r in reports if "fsck" in r]
    if fscks:
        merged["fsck"] = {
            "checked": sum(f["checked"] for f in fscks),
            "clean": sum(f["clean"] for f in fscks),
            "dirty": [x for f in fscks for x in f["dirty"]]}
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "trials.jsonl"), "w") as f:
        for r in sorted(records, key=lambda r: r["index"]):
            f.write(json.dumps(r, sort_keys=True) + "\n")
    return merged


def parse_args(argv):
    """The options of ``campaign merge`` (argparse namespace)."""
    p = argparse.ArgumentParser(
        prog="python3 -m harness campaign merge",
        description="Merge the reports of a campaign's shards (make "
                    "campaign SHARD=i/K) into one (docs/scaling.md).",
        epilog="exit status: 0 every trial survived, 1 some failed, 2 "
               "refused (shards of different plans, missing or duplicated "
               "shards)")
    p.add_argument("dirs", nargs="*", metavar="DIR",
                   help="the shards' report folders (default: "
                   "build/campaign/shard-*-of-*)")
    p.add_argument("--out", default=OUT_DIR,
                   help="where the merged report goes (default "
                   "build/campaign)")
    return p.parse_args(argv)


def default_dirs():
    """build/campaign/shard-*-of-* (the folders `make campaign SHARD=`
    writes by default), sorted."""
    return shardmod.shard_dirs(OUT_DIR)


def main(argv=None):
    """``campaign merge DIR... [--out DIR]``: merge, write the reports,
    print the table. Returns the exit status (module docstring)."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    dirs = args.dirs or default_dirs()
    try:
        report = merge(dirs, args.out)
    except shardmod.ShardError as e:
        print("campaign: error: %s" % e, file=sys.stderr)
        return 2
    campaign_report.write(report, args.out)
    print(campaign_report.table(report))
    print("campaign: merged %d shards (%s) into %s (report.html, "
          "report.json, trials.jsonl)" % (
              len(dirs), ", ".join(m["shard"] for m in report["merged"]),
              os.path.relpath(args.out)))
    clean = "fsck" not in report or \
        report["fsck"]["clean"] == report["fsck"]["checked"]
    return 0 if report["survived"] == report["trials"] and clean else 1


if __name__ == "__main__":
    sys.exit(main())
