"""Integrity helpers for grading: pristine copies of the grading tests and
scoring a command only on the test agent's authenticated verdict.

``pristine_copy(src, dst, submission=None)`` copies the grading tests from
the harness's own tree into DST, so that what runs is the instructor's
copy, never a file of the submission: SRC must be a directory that is not
inside SUBMISSION (nor the other way round); symbolic links are refused
(they could point into the submission). It returns {relative path:
SHA-256} of every file copied and writes it to DST/pristine.json, which a
report can carry (so a grade names exactly which tests produced it).

``score(agent, command, points)``: POINTS when COMMAND, run through the
test agent (harness.agent.Agent), verified and exited 0; else 0 -- whatever
anything else printed on the console."""

import hashlib
import json
import os
import shutil

MANIFEST = "pristine.json"


def _inside(path, directory):
    path, directory = os.path.realpath(path), os.path.realpath(directory)
    return path == directory or path.startswith(directory + os.sep)


def _sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(65536), b""):
            h.update(block)
    return h.hexdigest()


def pristine_copy(src, dst, submission=None):
    """Copy the test tree SRC to DST (created; must not exist yet) and
    return the {relpath: sha256} manifest, also written to DST/pristine.json.
    Raises ValueError when SRC and SUBMISSION overlap or SRC holds a
    symbolic link."""
    if not os.path.isdir(src):
        raise ValueError("%s is not a directory" % src)
    if submission is not None and (_inside(src, submission) or
                                   _inside(submission, src)):
        raise ValueError("grading tests %s overlap the submission %s"
                         % (src, submission))
    hashes = {}
    for root, dirs, files in os.walk(src):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in dirs + files:
            if os.path.islink(os.path.join(root, name)):
                raise ValueError("symbolic link in the grading tests: %s"
                                 % os.path.join(root, name))
        for name in sorted(files):
            if name.endswith(".pyc"):
                continue
            rel = os.path.relpath(os.path.join(root, name), src)
            out = os.path.join(dst, rel)
            os.makedirs(os.path.dirname(out), exist_ok=True)
            shutil.copyfile(os.path.join(root, name), out)
            hashes[rel] = _sha256(out)
    os.makedirs(dst, exist_ok=True)
    with open(os.path.join(dst, MANIFEST), "w") as f:
        json.dump(hashes, f, indent=1, sort_keys=True)
        f.write("\n")
    return hashes


def verify_copy(dst):
    """Files of the pristine copy DST whose content no longer matches its
    manifest (changed, missing), as a sorted list; empty when intact."""
    with open(os.path.join(dst, MANIFEST)) as f:
        hashes = json.load(f)
    bad = []
    for rel, digest in hashes.items():
        path = os.path.join(dst, rel)
        if not os.path.isfile(path) or _sha256(path) != digest:
            bad.append(rel)
    return sorted(bad)


def score(agent, command, points):
    """POINTS if COMMAND verified through AGENT with status 0, else 0."""
    _, status, verified = agent.run(command)
    return points if verified and status == 0 else 0
