"""The course kit's tooling (run it with /usr/bin/python3 from the project
root; the top Makefile's targets call it):

  labkit.py grade LAB [--submission DIR] [--out DIR] [--results FILE]
  labkit.py handout LAB [--out FILE] [--classroom]
  labkit.py autograder LAB [--out FILE]
  labkit.py check-labs [LAB ...]
  labkit.py list

LAB is the lab's number (1) or its folder name (lab1-first-driver).

Exit status: grade: 0 when the submission was graded (whatever its score;
a submission refused or not building scores 0), 2 on bad arguments (no
such lab, no such submission), 3 on an infrastructure error (no emulator,
too little disk, the project not building, the guest not booting before
the driver starts, a harness error): then `Score: ERROR` and no score.

Modules: build.py (the graded image), submission.py (what is taken from
a submission, what the compiler read), sandbox.py (limits of the build),
privileges.py (the manifest allow-list), labplugin.py (the tests'
fixtures), hostile.py (the grader's own attacks), gradescope/ (setup.sh
and run_autograder of the zip), classroom.py (the GitHub Classroom
workflow of ``handout --classroom``). handout,
autograder: 0 or 2/3. check-labs: 0 when every solution scores full marks
and every starter less, without errors; 1 otherwise."""

import argparse
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
from labs.tools import build  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
LABS = os.path.join(ROOT, "labs")
PYTHON = "/usr/bin/python3"
BUILD = os.path.join(ROOT, "build")

EXIT_GRADED = 0
EXIT_USAGE = 2
EXIT_INFRA = 3

class LabError(Exception):
    """A bad argument (no such lab, no such submission): exit 2."""


# The tooling or the project cannot grade: exit 3 (labs/tools/build.py).
InfraError = build.InfraError


def say(*parts):
    print("labkit:", *parts, flush=True)


# ---------------------------------------------------------------- labs

class Lab:
    def __init__(self, path):
        self.path = path
        with open(os.path.join(path, "lab.json")) as f:
            self.meta = json.load(f)
        self.number = int(self.meta["lab"])
        self.name = self.meta["name"]
        self.driver = self.meta.get("driver")
        self.device = self.meta.get("device")

    @property
    def starter(self):
        return os.path.join(self.path, "starter")

    @property
    def solution(self):
        return os.path.join(self.path, "solution")

    @property
    def tests(self):
        return os.path.join(self.path, "tests")


def all_labs():
    """Every lab folder with a lab.json, by number."""
    labs = []
    if os.path.isdir(LABS):
        for name in sorted(os.listdir(LABS)):
            p = os.path.join(LABS, name)
            if re.match(r"lab\d+-", name) and \
                    os.path.isfile(os.path.join(p, "lab.json")):
                labs.append(Lab(p))
    return sorted(labs, key=lambda l: l.number)


def find_lab(spec):
    spec = str(spec).strip()
    if not spec:
        raise LabError("no lab given: LAB=N (one of: %s)" % known())
    for lab in all_labs():
        if spec in (str(lab.number), "lab%d" % lab.number, lab.name,
                    os.path.basename(lab.path)):
            return lab
    raise LabError("no such lab '%s' (labs: %s)" % (spec, known()))


def known():
    return ", ".join("%d (%s)" % (l.number, l.name) for l in all_labs()) \
        or "none"


# -------------------------------------------------------------- running

def run(cmd, log=None, cwd=ROOT, env=None):
    """Run CMD; its output goes to LOG (a path) or through. Returns the
    exit status."""
    if log is None:
        return subprocess.call(cmd, cwd=cwd, env=env)
    with open(log, "wb") as f:
        return subprocess.call(cmd, cwd=cwd, env=env, stdout=f,
                               stderr=subprocess.STDOUT)


# -------------------------------------------------------------- grading

def pristine_tests(lab, submission, out, hidden=True):
    """Copy the lab's tests (and lab.json) to OUT from the lab's own tree,
    never from the submission. Returns the hashes."""
    sys.path.insert(0, ROOT)
    from harness.integrity import pristine_copy
    dst = os.path.join(out, "tests")
    if os.path.exists(dst):
        shutil.rmtree(dst)
    try:
        hashes = pristine_copy(lab.tests, dst, submission=submission)
    except Exception as e:      # refused (submission inside the tests...)
        raise InfraError("cannot copy the tests: %s" % e)
    if not hidden:
        shutil.rmtree(os.path.join(dst, "hidden"), ignore_errors=True)
    shutil.copyfile(os.path.join(lab.path, "lab.json"),
                    os.path.join(out, "lab.json"))
    return hashes


def test_table(report):
    tests = report.get("tests", [])
    names = [(t.get("title") or t["nodeid"].split("/tests/", 1)[-1]) +
             (t.get("variant") or "") for t in tests]
    width = max([len(n) for n in names] + [4])
    lines = ["  %-*s  %6s  %6s  %s" % (width, "test", "points", "score",
                                        "outcome"),
             "  " + "-" * (width + 26)]
    for n, t in zip(names, tests):
        score = "-" if t["score"] is None else "%g" % t["score"]
        outcome = t["outcome"]
        why = t.get("reason") or t.get("message") or ""
        if outcome != "passed" and why.strip():
            lines_ = why.strip().splitlines()
            errs = [l[1:].strip() for l in lines_ if l.startswith("E ")]
            why = (errs[0] if errs else lines_[-1]).replace(
                "Skipped: ", "").strip()
            outcome += ": " + why[:80]
        lines.append("  %-*s  %6g  %6s  %s" % (width, n, t["points"], score,
                                               outcome))
    return "\n".join(lines)


def write_failed_build(lab, out, reports, message):
    """Reports for a submission that did not build: score 0."""
    os.makedirs(reports, exist_ok=True)
    results = {"score": 0, "execution_time": 0,
               "output": "Your submission was refused or did not build, so "
               "no test ran. Score: 0.\n\n" + message,
               "stdout_visibility": "hidden", "tests": []}
    with open(os.path.join(reports, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    with open(os.path.join(reports, "report.json"), "w") as f:
        json.dump({"summary": {"score": 0, "max_score": None,
                               "complete": True, "build_failed": True},
                   "tests": [], "message": message}, f, indent=1)
    return results


def add_output(path, notes):
    """Append NOTES (lines for the student: ignored files, how the build
    ran) to the top-level output of the results.json at PATH."""
    if not notes or not os.path.isfile(path):
        return
    with open(path) as f:
        results = json.load(f)
    results["output"] = "\n".join([results.get("output", "")] + notes)
    with open(path, "w") as f:
        json.dump(results, f, indent=2)
        f.write("\n")


def grade(lab, submission=None, out=None, results_to=None, quiet=False,
          hidden=True, pytest_args=()):
    """Grade SUBMISSION (default: the lab's starter). PYTEST_ARGS go to
    pytest before the tests (``-k hello -x``, ``--lf``: pytest's cache is
    OUT/.pytest_cache, kept between gradings). Returns a dict {score,
    max_score, complete, built, errors, report}; raises LabError /
    InfraError."""
    submission = os.path.abspath(submission or lab.starter)
    if not os.path.isdir(submission):
        raise LabError("SUBMISSION %s: no such directory" % submission)
    out = os.path.abspath(out or os.path.join(BUILD, "grade",
                                              "lab%d" % lab.number))
    reports = os.path.join(out, "reports")
    if os.path.exists(reports):
        shutil.rmtree(reports)
    os.makedirs(out, exist_ok=True)
    say("grading %s (%s): submission %s" % (lab.name, lab.meta.get("title",
                                                                   ""),
                                             submission))
    build.preflight(out)
    say("building the image (log: %s)" % os.path.join(out, "build.log"))
    built = build.build_image(lab, submission, out)
    notes = [n for n in [built.collected.ignored_text()] + built.notes if n]
    if not built.ok:
        say("the submission is refused or does not build: score 0")
        print(built.message)
        write_failed_build(lab, out, reports, built.message)
        if results_to:
            shutil.copyfile(os.path.join(reports, "results.json"), results_to)
        return {"score": 0, "max_score": None, "complete": True,
                "built": False, "errors": 0, "report": None}
    for n in notes:
        say(n)
    staged = os.path.join(out, "submission")
    built.collected.write(staged)
    pristine_tests(lab, submission, out, hidden=hidden)
    env = dict(os.environ)
    env["LABKIT_LAB"] = os.path.join(out, "lab.json")
    # What the tests may read of the submission: the files taken, only.
    env["LABKIT_SUBMISSION"] = staged
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    # The lab's helper modules (tests/NAME.py) import by name.
    env["PYTHONPATH"] = os.pathsep.join(
        [os.path.join(out, "tests"), ROOT] +
        [p for p in [env.get("PYTHONPATH")] if p])
    cmd = [PYTHON, "-m", "harness", "run", "-p", "labs.tools.labplugin",
           "--import-mode=importlib",
           "-o", "cache_dir=" + os.path.join(out, ".pytest_cache"),
           "--rootdir", ROOT, "-c", os.path.join(ROOT, "pytest.ini"),
           "--image", os.path.join(out, "os.iso"),
           "--report-dir", reports] + list(pytest_args) + \
        [os.path.join(out, "tests")]
    if quiet:
        cmd.insert(cmd.index("--image"), "-q")
    say("running the tests (reports: %s)" % reports)
    log = os.path.join(out, "pytest.log") if quiet else None
    status = run(cmd, log=log, env=env)
    report_path = os.path.join(reports, "report.json")
    if not os.path.isfile(report_path):
        raise InfraError("the harness wrote no report (exit %d)%s" % (
            status, "; see " + log if log else ""))
    with open(report_path) as f:
        report = json.load(f)
    if status == 2 and not report.get("tests"):
        raise InfraError("the harness could not run the tests (exit 2)%s"
                         % ("; see " + log if log else ""))
    if not report.get("tests"):
        raise InfraError("no tests ran")
    from harness.integrity import verify_copy
    changed = verify_copy(os.path.join(out, "tests"))
    if changed:
        raise InfraError("the tests changed during the run: %s" % changed)
    s = report["summary"]
    print()
    print("%s: %s" % (lab.name, submission))
    print(test_table(report))
    print()
    if s.get("errors"):
        print("Score: ERROR, incomplete (graded tests: %g / %g); %d "
              "infrastructure errors" % (s["score"], s["max_score"],
                                          s["errors"]))
    else:
        print("Score: %g / %g" % (s["score"], s["max_score"]))
    print("Reports: %s (report.json, junit.xml, results.json, report.html)"
          % os.path.relpath(reports, ROOT))
    # results.json again, with the lab's Gradescope settings (lab.json
    # "gradescope": visibility per lab and per test).
    from harness.reports import gradescope
    gradescope.write(report, os.path.join(reports, "results.json"),
                     lab.meta.get("gradescope"))
    add_output(os.path.join(reports, "results.json"), notes)
    if results_to:
        shutil.copyfile(os.path.join(reports, "results.json"), results_to)
    return {"score": s["score"], "max_score": s["max_score"],
            "complete": not s.get("errors"), "built": True,
            "errors": s.get("errors", 0), "report": report}


# ------------------------------------------------------ handout, zip

def project_files():
    """The project's files: tracked by git (plus new, not ignored ones,
    so a lab being written is packed too). Paths relative to ROOT."""
    try:
        out = subprocess.check_output(
            ["git", "ls-files", "-z", "--cached", "--others",
             "--exclude-standard"], cwd=ROOT)
    except (OSError, subprocess.CalledProcessError) as e:
        raise InfraError("git ls-files failed: %s" % e)
    files = []
    for p in out.decode().split("\0"):
        full = os.path.join(ROOT, p)
        if p and (os.path.islink(full) or os.path.isfile(full)):
            files.append(p)      # symbolic links too (sdk/include/abi)
    return sorted(set(files))


def expand_links(files):
    """FILES with every symbolic link replaced by what it points to: a
    file's content under the link's name, a folder's files under it (for
    the zip, which keeps no links)."""
    out = []
    for p in files:
        full = os.path.join(ROOT, p)
        if os.path.islink(full) and os.path.isdir(full):
            for dirpath, _, names in os.walk(full, followlinks=True):
                for n in names:
                    f = os.path.join(dirpath, n)
                    out.append((os.path.relpath(f, ROOT), f))
        else:
            out.append((p, full))
    return out


def is_solution(path):
    """labs/labN-x/solution/... or labs/labN-x/tests/hidden/..."""
    parts = path.split("/")
    if len(parts) >= 3 and parts[0] == "labs" and re.match(r"lab\d+-",
                                                           parts[1]):
        if parts[2] == "solution":
            return True
        if parts[2:4] == ["tests", "hidden"]:
            return True
    return False


def handout_files():
    return [p for p in project_files() if not is_solution(p)]


def _tarinfo(tar, path, arcname):
    info = tar.gettarinfo(path, arcname)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def handout(lab, out=None, classroom=False):
    """build/handout/labN.tar.gz (or OUT): the project without solutions
    and hidden tests; with CLASSROOM, also GitHub Classroom's autograding
    workflow for LAB (labs/tools/classroom.py) at
    .github/workflows/classroom.yml."""
    out = os.path.abspath(out or os.path.join(BUILD, "handout",
                                              "lab%d.tar.gz" % lab.number))
    os.makedirs(os.path.dirname(out), exist_ok=True)
    files = handout_files()
    tmp = out + ".tmp"
    with tarfile.open(tmp, "w:gz") as tar:
        for p in files:
            full = os.path.join(ROOT, p)
            if os.path.islink(full):
                tar.addfile(_tarinfo(tar, full, p))
                continue
            with open(full, "rb") as f:
                tar.addfile(_tarinfo(tar, full, p), f)
        if classroom:
            from labs.tools import classroom as classroom_mod
            data = classroom_mod.workflow(lab).encode()
            info = tarfile.TarInfo(classroom_mod.WORKFLOW_PATH)
            info.size, info.mode = len(data), 0o644
            info.mtime = int(os.path.getmtime(os.path.join(lab.path,
                                                           "lab.json")))
            tar.addfile(info, io.BytesIO(data))
    os.replace(tmp, out)
    say("wrote %s: %d files, no solution/ and no tests/hidden/%s (unpack it "
        "into an empty directory, then: make -j2 && make run)"
        % (os.path.relpath(out, ROOT), len(files) + bool(classroom),
           "; GitHub Classroom autograding in .github/workflows/"
           "classroom.yml" if classroom else ""))
    return out


GRADESCOPE = os.path.join(LABS, "tools", "gradescope")


def autograder_files(lab):
    """The project's files for the autograder: no solutions, and of the
    hidden tests only this lab's."""
    keep = []
    prefix = "labs/%s/tests/hidden/" % os.path.basename(lab.path)
    for p in project_files():
        if is_solution(p) and not p.startswith(prefix):
            continue
        keep.append(p)
    return keep


def autograder(lab, out=None):
    out = os.path.abspath(out or os.path.join(BUILD, "autograder",
                                              "lab%d.zip" % lab.number))
    os.makedirs(os.path.dirname(out), exist_ok=True)
    files = autograder_files(lab)
    tmp = out + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        # Gradescope wants setup.sh and run_autograder at the zip's root
        # and unpacks it into /autograder/source: the project goes at the
        # root too, so that /autograder/source is the project.
        for name in ("setup.sh", "run_autograder"):
            with open(os.path.join(GRADESCOPE, name)) as f:
                text = f.read().replace("@LAB@", str(lab.number))
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.external_attr = 0o100755 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)
        for p, full in expand_links(files):
            info = zipfile.ZipInfo.from_file(full, p)
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(full, "rb") as f:
                z.writestr(info, f.read())
    os.replace(tmp, out)
    say("wrote %s: setup.sh, run_autograder and the project (%d files, no "
        "solutions; %s's hidden tests)" % (os.path.relpath(out, ROOT),
                                           len(files), lab.name))
    return out


# ---------------------------------------------------------- check-labs

def check_labs(specs):
    labs = [find_lab(s) for s in specs] if specs else all_labs()
    if not labs:
        say("no labs")
        return 1
    rows = []
    ok = True
    from harness.progress import Progress
    # One step per grading: "check-labs: 3/12 gradings, ETA 8m10s".
    progress = Progress(2 * len(labs), "check-labs", unit="gradings",
                        stream=sys.stdout, counter=True, every=1)
    for lab in labs:
        res = {}
        for kind, sub in (("solution", lab.solution),
                          ("starter", lab.starter)):
            if not os.path.isdir(sub):
                res[kind] = None
                progress.update(1, "%s %s missing" % (lab.name, kind))
                continue
            out = os.path.join(BUILD, "check-labs", "lab%d-%s"
                               % (lab.number, kind))
            try:
                res[kind] = grade(lab, sub, out=out, quiet=True)
            except (LabError, InfraError) as e:
                say("%s %s: %s" % (lab.name, kind, e))
                res[kind] = {"score": None, "max_score": None,
                             "complete": False, "built": False,
                             "errors": 1}
            progress.update(1, "%s %s: %s" % (lab.name, kind,
                                               fmt(res[kind])))
        sol, sta = res["solution"], res["starter"]
        verdict = []
        if sol is None:
            verdict.append("no solution/")
        elif not sol["complete"] or not sol["built"]:
            verdict.append("solution: errors or not built")
        elif sol["max_score"] in (None, 0) or sol["score"] != sol["max_score"]:
            verdict.append("solution not full marks")
        if sta is None:
            verdict.append("no starter/")
        elif not sta["complete"]:
            verdict.append("starter: harness errors")
        elif sol and sol["max_score"] and sta["score"] is not None and \
                sta["score"] >= sol["max_score"]:
            verdict.append("starter scores full marks")
        good = not verdict
        ok = ok and good
        rows.append((lab.name, fmt(sol), fmt(sta),
                     "ok" if good else "FAIL: " + "; ".join(verdict)))
    width = max(len(r[0]) for r in rows + [("lab",)])
    print()
    print("  %-*s  %-14s  %-14s  %s" % (width, "lab", "solution", "starter",
                                         "verdict"))
    for r in rows:
        print("  %-*s  %-14s  %-14s  %s" % ((width,) + r))
    print()
    print("check-labs: reports in %s/labN-{solution,starter}/reports "
          "(report.html, junit.xml, report.json, results.json; pytest.log "
          "beside them)" % os.path.relpath(os.path.join(BUILD, "check-labs"),
                                           ROOT))
    print("check-labs: %s" % ("every lab ok" if ok else "FAILED"))
    return 0 if ok else 1


def fmt(res):
    if res is None:
        return "missing"
    if not res.get("built"):
        return "no build" if res.get("score") is not None else "error"
    if not res["complete"]:
        return "error"
    return "%g / %g" % (res["score"], res["max_score"])


# ---------------------------------------------------------------- main

def main(argv=None):
    p = argparse.ArgumentParser(prog="labkit.py",
                                description="the course kit's tooling")
    sub = p.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("grade", help="grade a submission")
    g.add_argument("lab")
    g.add_argument("--submission", default="")
    g.add_argument("--out", default="")
    g.add_argument("--results", default="",
                   help="also copy results.json (Gradescope) here")
    g.add_argument("--no-hidden", action="store_true",
                   help="public tests only")
    g.add_argument("--pytest-args", default="",
                   help="arguments for pytest, one string (make grade "
                        "ARGS=\"-k hello -x\"; --lf reruns the last "
                        "failures)")
    h = sub.add_parser("handout", help="build/handout/labN.tar.gz")
    h.add_argument("lab")
    h.add_argument("--out", default="")
    h.add_argument("--classroom", action="store_true",
                   help="add GitHub Classroom's autograding workflow "
                        "(.github/workflows/classroom.yml)")
    a = sub.add_parser("autograder", help="build/autograder/labN.zip")
    a.add_argument("lab")
    a.add_argument("--out", default="")
    c = sub.add_parser("check-labs", help="solutions full, starters less")
    c.add_argument("labs", nargs="*")
    sub.add_parser("list", help="the labs")
    ns = p.parse_args(argv)
    os.chdir(ROOT)
    try:
        if ns.cmd == "grade":
            lab = find_lab(ns.lab)
            if ns.submission and not os.path.isdir(ns.submission):
                raise LabError("SUBMISSION %s: no such directory"
                               % ns.submission)
            r = grade(lab, ns.submission or None, ns.out or None,
                      ns.results or None, hidden=not ns.no_hidden,
                      pytest_args=shlex.split(ns.pytest_args))
            return EXIT_INFRA if r["errors"] else EXIT_GRADED
        if ns.cmd == "handout":
            handout(find_lab(ns.lab), ns.out or None, ns.classroom)
            return 0
        if ns.cmd == "autograder":
            autograder(find_lab(ns.lab), ns.out or None)
            return 0
        if ns.cmd == "check-labs":
            return check_labs(ns.labs)
        for lab in all_labs():
            print("%d  %-22s %s" % (lab.number, lab.name,
                                    lab.meta.get("title", "")))
        return 0
    except LabError as e:
        print("labkit: error: %s" % e, file=sys.stderr)
        return EXIT_USAGE
    except (InfraError, OSError) as e:
        # OSError: the host failed us (disk full, a file that vanished).
        print("labkit: infrastructure error: %s" % e, file=sys.stderr)
        if ns.cmd == "grade":
            print("Score: ERROR, not graded (infrastructure error; no "
                  "score is recorded)", flush=True)
        return EXIT_INFRA


if __name__ == "__main__":
    sys.exit(main())
