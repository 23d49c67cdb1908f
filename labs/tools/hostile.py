"""The grader's hostile submissions (labs/hostile/labN/cases.json), made
and judged: used by labs/tests/test_hostile.py and `make check-labs`.

A case is one entry of cases.json:

  name, what     its name and what it tries
  base           the folder its files start from: "starter" or "solution"
                 (the lab's), or a folder beside cases.json ("_driver")
  over           a folder beside cases.json whose files replace the base's
                 (lab 7's forger: only its nic.c over the starter)
  prepend, append {file: text} added to a file of the base
  write          {relative path: text} files written (replacing)
  symlink        {file: target} the file made a symbolic link
  sparse         {file: bytes} the file made a sparse file that large
  emulator       "missing" (no qemu-system-i386 on PATH), "crashes" (one
                 that fails at once), "never-boots" (one that runs and
                 prints nothing)
  expect         "refused" (graded 0, a clear message), "at_most_starter"
                 (graded, no more than the lab's starter), "infra" (an
                 infrastructure error: no score)
  message        a regular expression the grader's output must match
  forbid         host paths that must not exist after grading (what the
                 submission tried to create)
  quick          part of `make test`'s subset (all run in check-labs)

``judge(case, outcome, starter_score)`` -> list of what went wrong (empty:
the grader held).
"""

import json
import os
import re
import shutil
import stat
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
HOSTILE = os.path.join(ROOT, "labs", "hostile")
EMULATOR = "qemu-system-i386"


def labs():
    """The numbers of the labs with hostile cases (labs/hostile/labN)."""
    found = []
    for name in sorted(os.listdir(HOSTILE)):
        m = re.fullmatch(r"lab(\d+)", name)
        if m and os.path.isfile(os.path.join(HOSTILE, name, "cases.json")):
            found.append(int(m.group(1)))
    return found


def load(lab_number):
    """The cases of lab LAB_NUMBER (list of dicts, each with "dir": the
    folder of cases.json)."""
    d = os.path.join(HOSTILE, "lab%d" % lab_number)
    with open(os.path.join(d, "cases.json")) as f:
        cases = json.load(f)["cases"]
    for c in cases:
        c["dir"] = d
    return cases


def _base(case, lab_dir):
    base = case.get("base")
    if base in ("starter", "solution"):
        return os.path.join(lab_dir, base)
    return os.path.join(case["dir"], base) if base else None


def prepare(case, lab_dir, dest):
    """Make the submission of CASE in the new folder DEST."""
    if os.path.exists(dest):
        shutil.rmtree(dest)
    base = _base(case, lab_dir)
    if base:
        shutil.copytree(base, dest, symlinks=True)
    else:
        os.makedirs(dest)
    over = case.get("over")             # files that replace the base's
    if over:
        shutil.copytree(os.path.join(case["dir"], over), dest,
                        dirs_exist_ok=True)
    for name, text in case.get("prepend", {}).items():
        p = os.path.join(dest, name)
        with open(p) as f:
            old = f.read()
        with open(p, "w") as f:
            f.write(text + old)
    for name, text in case.get("append", {}).items():
        with open(os.path.join(dest, name), "a") as f:
            f.write(text)
    for name, text in case.get("write", {}).items():
        p = os.path.join(dest, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(text)
    for name, target in case.get("symlink", {}).items():
        p = os.path.join(dest, name)
        if os.path.lexists(p):
            os.remove(p)
        os.symlink(target, p)
    for name, size in case.get("sparse", {}).items():
        with open(os.path.join(dest, name), "wb") as f:
            f.truncate(int(size))
    return dest


def emulator_path(kind, workdir):
    """A PATH for the emulator case KIND ("missing", "crashes",
    "never-boots"; None: the host's own)."""
    path = os.environ.get("PATH", "/usr/bin:/bin")
    if kind is None:
        return path
    fake = os.path.join(workdir, "bin-" + kind)
    shutil.rmtree(fake, ignore_errors=True)
    os.makedirs(fake)
    if kind == "missing":
        # Every program of PATH but the emulator.
        for d in path.split(os.pathsep):
            if not os.path.isdir(d):
                continue
            for n in os.listdir(d):
                if not n.startswith("qemu-system") and \
                        not os.path.lexists(os.path.join(fake, n)):
                    os.symlink(os.path.join(d, n), os.path.join(fake, n))
        return fake
    script = {"crashes": "echo '%s: failed to initialize the machine' >&2\n"
                         "exit 1\n" % EMULATOR,
              "never-boots": "exec sleep 600\n"}[kind]
    p = os.path.join(fake, EMULATOR)
    with open(p, "w") as f:
        f.write("#!/bin/sh\n# A broken emulator for the grader's tests.\n"
                + script)
    os.chmod(p, os.stat(p).st_mode | stat.S_IXUSR | stat.S_IXGRP |
             stat.S_IXOTH)
    return fake + os.pathsep + path


class Outcome:
    """What grading one submission gave: EXIT status, OUTPUT (stdout and
    stderr), RESULTS (results.json as a dict, or None when none was
    written), SCORE (results' score, or the "Score: X / Y" line's)."""

    def __init__(self, exit, output, results):
        self.exit, self.output, self.results = exit, output, results
        self.score = None
        if results is not None and "score" in results:
            self.score = results["score"]
        m = re.search(r"^Score: ([0-9.]+) / ", output, re.M)
        if self.score is None and m:
            self.score = float(m.group(1))

    def text(self):
        """The output and the results' output, to match messages in."""
        extra = (self.results or {}).get("output", "")
        return self.output + "\n" + extra


def make_grade(tree, lab_number, submission, path, timeout=1800):
    """`make grade LAB=N SUBMISSION=...` in the project TREE with PATH."""
    env = dict(os.environ, PATH=path)
    r = subprocess.run(["make", "--no-print-directory", "-C", tree, "grade",
                        "LAB=%d" % lab_number, "SUBMISSION=" + submission],
                       capture_output=True, text=True, env=env,
                       timeout=timeout)
    results = os.path.join(tree, "build", "grade", "lab%d" % lab_number,
                           "reports", "results.json")
    data = None
    if r.returncode == 0 and os.path.isfile(results):
        with open(results) as f:
            data = json.load(f)
    return Outcome(r.returncode, r.stdout + r.stderr, data)


def run_autograder(root, submission, path, timeout=1800):
    """Gradescope's way: SUBMISSION's files copied into ROOT/submission,
    ROOT/run_autograder run from ROOT with PATH."""
    sub = os.path.join(root, "submission")
    shutil.rmtree(sub, ignore_errors=True)
    # cp keeps a sparse file sparse (copytree wrote the sparse-2gb case's
    # 4 GB of holes out as zeros: a minute and a half of make test), and
    # symbolic links as links.
    subprocess.run(["cp", "-a", "--sparse=always", submission, sub],
                   check=True)
    env = dict(os.environ, PATH=path)
    for v in ("AUTOGRADER_ROOT", "LABKIT_LAB", "LABKIT_SUBMISSION"):
        env.pop(v, None)
    r = subprocess.run([os.path.join(root, "run_autograder")], cwd=root,
                       capture_output=True, text=True, env=env,
                       timeout=timeout)
    results = os.path.join(root, "results", "results.json")
    data = None
    if os.path.isfile(results):
        with open(results) as f:
            data = json.load(f)
    return Outcome(r.returncode, r.stdout + r.stderr, data)


def judge(case, outcome, starter_score, gradescope=False):
    """What went wrong with CASE's OUTCOME (empty: the grader held).
    GRADESCOPE: OUTCOME came from run_autograder (an infrastructure error
    is then a non-zero exit and no results.json)."""
    bad = []
    want = case["expect"]
    if want == "infra":
        if outcome.exit == 0:
            bad.append("exit 0 for an infrastructure error")
        if gradescope and outcome.results is not None:
            bad.append("results.json written for an infrastructure error")
        if not gradescope and not re.search(r"Score: ERROR", outcome.output):
            bad.append("no 'Score: ERROR' line")
    else:
        if outcome.exit != 0:
            bad.append("exit %d, not graded" % outcome.exit)
        if outcome.score is None:
            bad.append("no score")
        elif want == "refused" and outcome.score != 0:
            bad.append("scored %s, not 0" % outcome.score)
        elif want == "at_most_starter" and outcome.score > starter_score:
            bad.append("scored %s, more than the starter's %s"
                       % (outcome.score, starter_score))
    if case.get("message") and not re.search(case["message"],
                                             outcome.text()):
        bad.append("no message matching %r" % case["message"])
    for p in case.get("forbid", []):
        if os.path.lexists(p):
            bad.append("%s exists: the submission ran code on the host" % p)
    return bad
