"""Shards: one deterministic slice of a campaign's trials or a fuzz run's
batches, so that K machines (a Slurm job array, a CI job matrix) run one
plan between them and ``merge`` puts their reports back together
(docs/scaling.md).

``SHARD=i/K`` (0 <= i < K) takes the items (trials, batches) whose index
is i modulo K: every shard gets every K-th item, so the kinds and drivers
of a campaign spread evenly and the union of the K shards is exactly the
unsharded plan (the same indices, hence the same seeds and replay
commands).

Every sharded report records the plan it is a slice of (:func:`plan_id`
over the plan's fields and the build: the SHA-256 of the image) and its
place in it (``"shard": {"index": i, "count": K}``); :func:`check_set`
refuses reports of different plans and names missing or duplicated
shards."""

import hashlib
import json
import os
import re


class ShardError(Exception):
    """A SHARD text or a set of shard reports that cannot be used (the
    message says why); exit status 2."""


def parse(text):
    """(i, K) of a SHARD text ``i/K`` with 0 <= i < K; None for None or
    "". ShardError for anything else."""
    if text is None or text == "":
        return None
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", str(text))
    if not m:
        raise ShardError("SHARD must be i/K (shard i of K, 0 <= i < K, "
                         "e.g. 0/4), not %r" % text)
    i, k = int(m.group(1)), int(m.group(2))
    if k == 0:
        raise ShardError("SHARD %r: K (the number of shards) must be at "
                         "least 1" % text)
    if i >= k:
        raise ShardError("SHARD %r: i must be 0..%d (shards are numbered "
                         "from 0, like Slurm's array task ids)"
                         % (text, k - 1))
    return i, k


def indices(shard, total):
    """The item indices of SHARD ((i, K) or None: all) among TOTAL."""
    if shard is None:
        return range(total)
    i, k = shard
    return range(i, total, k)


def name(shard):
    """``i/K`` of SHARD."""
    return "%d/%d" % shard


def dir_name(shard):
    """The default folder of SHARD's report: ``shard-i-of-K``."""
    return "shard-%d-of-%d" % shard


def file_sha256(path):
    """The hex SHA-256 of the file PATH, or None when it cannot be read."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def plan_id(fields):
    """A short digest of FIELDS (a dict of JSON values: what makes two
    runs the same plan)."""
    text = json.dumps(fields, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def load_report(path):
    """The report dict of PATH (a folder holding report.json, or the
    file). ShardError when there is none or it is not JSON."""
    f = os.path.join(path, "report.json") if os.path.isdir(path) else path
    try:
        with open(f) as fh:
            return json.load(fh)
    except FileNotFoundError:
        raise ShardError("%s: no report.json (did this shard run?)" % path)
    except (OSError, ValueError) as e:
        raise ShardError("%s: cannot read its report: %s" % (path, e))


def check_set(items, what):
    """Check that ITEMS, [(dir, report)], are the shards of one plan,
    each once and none missing. WHAT names the runs ("campaign", "fuzz").
    Returns K. ShardError (naming the folders) otherwise."""
    if not items:
        raise ShardError("%s merge: no shard folders given" % what)
    first_dir, first = items[0]
    for d, rep in items:
        if "plan" not in rep:
            raise ShardError("%s: its report records no plan (made before "
                             "sharding existed?): run it again" % d)
    for d, rep in items[1:]:
        if rep["plan"] != first["plan"]:
            a, b = first["plan"], rep["plan"]
            diff = sorted(k for k in set(a) | set(b)
                          if a.get(k) != b.get(k))
            raise ShardError(
                "%s merge: %s and %s are shards of different plans "
                "(they differ in %s: %s vs %s); every shard must run the "
                "same plan (seed, size, drivers, build) from the same "
                "image" % (what, first_dir, d, ", ".join(diff),
                           "; ".join("%s=%s" % (k, json.dumps(a.get(k)))
                                     for k in diff),
                           "; ".join("%s=%s" % (k, json.dumps(b.get(k)))
                                     for k in diff)))
    counts = {rep.get("shard", {"count": 1})["count"] for _, rep in items}
    if len(counts) != 1:
        raise ShardError("%s merge: the shards were cut in different "
                         "numbers of pieces (K = %s)" % (
                             what, ", ".join(str(c) for c in sorted(counts))))
    k = counts.pop()
    seen = {}
    for d, rep in items:
        i = rep.get("shard", {"index": 0})["index"]
        if i in seen:
            raise ShardError("%s merge: shard %d/%d is given twice (%s and "
                             "%s)" % (what, i, k, seen[i], d))
        seen[i] = d
        stopped = rep.get("stopped_early") or (
            rep.get("incomplete") if isinstance(rep.get("incomplete"), str)
            else None)
        if stopped:
            raise ShardError("%s merge: shard %d/%d (%s) stopped early (%s): "
                             "run it again" % (what, i, k, d, stopped))
    missing = [i for i in range(k) if i not in seen]
    if missing:
        raise ShardError("%s merge: %d of %d shards missing: %s (have %s)"
                         % (what, len(missing), k,
                            ", ".join("%d/%d" % (i, k) for i in missing),
                            ", ".join("%d/%d (%s)" % (i, k, seen[i])
                                      for i in sorted(seen))))
    return k


def shard_dirs(out_dir):
    """The shard folders (shard-*-of-*, what SHARD=i/K writes by default)
    under OUT_DIR, sorted; none when OUT_DIR is missing."""
    try:
        names = os.listdir(out_dir)
    except OSError:
        return []
    return sorted(os.path.join(out_dir, n) for n in names
                  if n.startswith("shard-") and
                  os.path.isdir(os.path.join(out_dir, n)))


def write_json(path, data):
    """Write DATA as indented JSON to PATH atomically (a .tmp file
    renamed over it): a reader never sees half a report."""
    with open(path + ".tmp", "w") as f:
        json.dump(data, f, indent=2)
        f.write("\n")
    os.replace(path + ".tmp", path)


def load_set(dirs, out, what):
    """The reports of the shard folders DIRS of a WHAT ("campaign",
    "fuzz") run about to be merged into OUT: [(dir, report)] and K, after
    checking that OUT is none of them and that they are one whole plan
    (check_set). ShardError otherwise."""
    out = os.path.abspath(out)
    for d in dirs:
        if os.path.abspath(d) == out:
            raise ShardError(
                "%s merge: the output folder %s is one of the shards "
                "(give another one with --out)" % (what, d))
    items = [(d, load_report(d)) for d in dirs]
    return items, check_set(items, what)
