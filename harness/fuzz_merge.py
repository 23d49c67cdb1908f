"""``make fuzz-merge DIR...`` (``python3 -m harness fuzz merge DIR...
[--out OUT]``): the reports of a fuzz run's shards (``make fuzz
SHARD=i/K``, harness/shard.py) put together into one report.json, as if
the run had been one: the batches in order, the messages, request counts
and error codes summed, every finding, panic, hang and unrecovered
service with its batch and replay command.

Refused like a campaign's (harness/campaign_merge.py): folders without a
report, shards of different plans (seed, N, batch, FI, frames, image),
different K, a shard given twice or missing, OUT being a shard; exit
status 2 with a message. Else 0 when the merged run is ok (the workers
ran as the student in every shard and nothing was found), 1 otherwise."""

import argparse
import os
import sys

from harness import shard as shardmod
from harness.fuzz import CLASSES, OUTDIR, REQUEST_COUNTS, format_table

LISTS = ("findings", "panics", "hangs", "unrecovered", "incomplete",
         "injected")


def _sum_requests(reports):
    """The ``requests`` tables of REPORTS summed (counts and error
    codes)."""
    out = {}
    for r in reports:
        for name, c in (r.get("requests") or {}).items():
            acc = out.setdefault(name, dict({k: 0 for k in REQUEST_COUNTS},
                                            codes={}))
            for k in REQUEST_COUNTS:
                acc[k] += c.get(k, 0)
            for code, n in c.get("codes", {}).items():
                acc["codes"][code] = acc["codes"].get(code, 0) + n
    return out


def merge(dirs, out):
    """The merged report dict of the shard folders DIRS. ShardError when
    they are not one whole plan."""
    out = os.path.abspath(out)
    items, k = shardmod.load_set(dirs, out, "fuzz")
    for d, r in items:
        got = [b["index"] for b in r["batches"]]
        if got != r["shard"]["batches"]:
            raise shardmod.ShardError(
                "fuzz merge: shard %d/%d (%s) ran %d of its %d batches (it "
                "stopped early): run it again" % (
                    r["shard"]["index"], k, d, len(got),
                    len(r["shard"]["batches"])))
    items.sort(key=lambda it: it[1]["shard"]["index"])
    reports = [r for _, r in items]
    first = reports[0]
    merged = dict(first)
    by_batch = lambda x: (x.get("batch", x.get("index", 0)),
                          x.get("message", 0))
    for key in LISTS:
        merged[key] = sorted((x for r in reports for x in r.get(key) or []),
                             key=by_batch)
    batches = sorted((b for r in reports for b in r["batches"]),
                     key=lambda b: b["index"])
    messages = {c: sum(r["messages"][c] for r in reports) for c in CLASSES}
    targets = {}
    for r in reports:
        for label, n in r["messages"]["server_by_target"].items():
            targets[label] = targets.get(label, 0) + n
    messages["total"] = sum(messages[c] for c in CLASSES)
    messages["server_by_target"] = dict(sorted(targets.items()))
    ids = {(r.get("uid"), r.get("gid")) for r in reports}
    uid, gid = ids.pop() if len(ids) == 1 else (None, None)
    as_student = all(r.get("as_student") for r in reports)
    sent = sum(r["sent"] for r in reports)
    sending = sum(b.get("duration_s", 0) for b in batches
                  if b.get("outcome") == "ok")
    wall = max(r["duration_s"] for r in reports)
    merged.update({
        "sent": sent, "messages": messages, "batches": batches,
        "skipped": sorted({s for r in reports for s in r.get("skipped")
                           or []}),
        "uid": uid, "gid": gid, "as_student": as_student,
        "worker_error": next((r["worker_error"] for r in reports
                              if r.get("worker_error")), None),
        "requests": _sum_requests(reports),
        "privileged_successes": sum(r.get("privileged_successes", 0)
                                    for r in reports),
        "boots": sum(r.get("boots", 0) for r in reports),
        "frames": sum(r.get("frames", 0) for r in reports),
        "duration_s": wall,
        "shard_seconds": round(sum(r["duration_s"] for r in reports), 3),
        "messages_per_second": round(sent / sending, 1) if sending
        else None,
        "shard": {"index": 0, "count": 1,
                  "batches": [b["index"] for b in batches]},
        "merged": [{"dir": os.path.relpath(os.path.abspath(d), out),
                    "shard": "%d/%d" % (r["shard"]["index"], k),
                    "batches": len(r["batches"]),
                    "duration_s": r["duration_s"]} for d, r in items],
    })
    merged["ok"] = as_student and not any(merged[key] for key in (
        "panics", "hangs", "unrecovered", "incomplete", "findings"))
    return merged


def default_dirs():
    """build/fuzz/shard-*-of-*, sorted."""
    return shardmod.shard_dirs(OUTDIR)


def main(argv=None):
    """``fuzz merge DIR... [--out DIR]``: merge, write report.json, print
    the table. Returns the exit status (module docstring)."""
    p = argparse.ArgumentParser(
        prog="python3 -m harness fuzz merge",
        description="Merge the reports of a fuzz run's shards (make fuzz "
                    "SHARD=i/K) into one (docs/scaling.md).",
        epilog="exit status: 0 ok, 1 something found, 2 refused")
    p.add_argument("dirs", nargs="*", metavar="DIR",
                   help="the shards' report folders (default: "
                   "build/fuzz/shard-*-of-*)")
    p.add_argument("--out", default=OUTDIR,
                   help="where the merged report.json goes (default "
                   "build/fuzz)")
    args = p.parse_args(sys.argv[1:] if argv is None else argv)
    dirs = args.dirs or default_dirs()
    try:
        report = merge(dirs, args.out)
    except shardmod.ShardError as e:
        print("fuzz: error: %s" % e, file=sys.stderr)
        return 2
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "report.json")
    shardmod.write_json(path, report)
    print(format_table(report))
    print("fuzz: merged %d shards (%s) into %s" % (
        len(dirs), ", ".join(m["shard"] for m in report["merged"]),
        os.path.relpath(path)))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
