"""Building the image a submission is graded on (labs/tools/labkit.py).

``build_image(lab, submission, out)``:

1. takes the files lab.json names from the submission (submission.py:
   regular files, size-limited; everything else ignored and listed);
2. checks the manifest against the lab's privilege allow-list
   (privileges.py) before anything is built;
3. stages them in OUT/driver/DRIVER with the lab's own pristine Makefile
   (from starter/, its include pointed at this project's SDK): no file of
   the submission is ever run or included by the host's build machinery;
4. builds the driver there with sandbox.run_limited (an unprivileged
   user, no network where the host allows it, time, memory, file-size and
   output limits), with ``-MD -save-temps=obj`` so that every file the
   compiler read and every assembler directive it emitted can be checked:
   only the staged folder, sdk/include and the compiler's own headers may
   be read, and no ``.incbin``/``.include``;
5. builds the image with it (the project's own make, as the grader's
   user) into OUT/os.iso, then builds the plain image back.

Returns a Built: ``ok`` False when the submission is refused or does not
build (the student's doing: it scores 0 and ``message`` says why, with
host paths removed); an infrastructure failure raises InfraError.
"""

import os
import re
import shutil
import subprocess

from harness import bootlist
from labs.tools import privileges, sandbox, submission as subm

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
BUILD = os.path.join(ROOT, "build")
SDK_INCLUDE = os.path.join(ROOT, "sdk", "include")
MANIFEST_CHECK = os.path.join(ROOT, "sdk", "lib", "manifest-check")
DRIVER_MK = os.path.join(ROOT, "sdk", "mk", "driver.mk")
GRADER_CFLAGS = "-MD -save-temps=obj"


class InfraError(Exception):
    """The project itself cannot build or grade: not the student's doing."""


class Built:
    """build_image()'s answer: OK, MESSAGE (for the student), COLLECTED
    (submission.Collected), ISO (the image when OK), NOTES (lines for the
    report: the sandbox used)."""

    def __init__(self, ok, message="", collected=None, iso=None, notes=()):
        self.ok, self.message, self.collected = ok, message, collected
        self.iso, self.notes = iso, list(notes)


MIN_FREE = 256 << 20     # bytes free on the grading disk, at least
EMULATOR = "qemu-system-i386"


def preflight(out):
    """Raise InfraError when this host cannot grade: no emulator, or less
    than MIN_FREE bytes free where the grading happens (OUT)."""
    if shutil.which(EMULATOR) is None:
        raise InfraError("%s is not installed (or not on PATH): run "
                         "'make deps'" % EMULATOR)
    free = shutil.disk_usage(out).free
    if free < MIN_FREE:
        raise InfraError("only %d MiB free on the disk of %s: grading "
                         "needs %d MiB" % (free >> 20, out, MIN_FREE >> 20))


def _run(cmd, log):
    with open(log, "wb") as f:
        return subprocess.call(cmd, cwd=ROOT, stdout=f,
                               stderr=subprocess.STDOUT)


def _tail(path, n=30):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-n:])
    except OSError:
        return ""


def make_project(target, log, extra=()):
    """`make TARGET` of the pristine project (raises InfraError)."""
    if _run(["make", "-j2", "--no-print-directory", target] + list(extra),
            log) != 0:
        raise InfraError("the project's %s does not build%s; see %s:\n%s"
                         % (target, " (" + " ".join(extra) + ")" if extra
                            else "", log, _tail(log)))


def compiler_include_dir():
    """The compiler's own header folder (stddef.h, stdarg.h...)."""
    out = subprocess.run(["gcc", "-m32", "-print-file-name=include"],
                         capture_output=True, text=True).stdout.strip()
    return os.path.normpath(out) if out else "/usr/lib/gcc"


def pristine_makefile(lab):
    """The lab's own Makefile (starter/Makefile) with its include of
    driver.mk pointed at this project's SDK."""
    with open(os.path.join(lab.starter, "Makefile")) as f:
        text = f.read()
    text, n = re.subn(r"(?m)^\s*-?include\s+\S*driver\.mk\s*$",
                      "include " + DRIVER_MK, text)
    if n == 0:
        text += "\ninclude %s\n" % DRIVER_MK
    return text


def stage(lab, collected, dst):
    """Write the collected files and the pristine Makefile to DST, owned
    by the build's user."""
    collected.write(dst)
    os.makedirs(os.path.join(dst, ".tmp"))
    with open(os.path.join(dst, "Makefile"), "w") as f:
        f.write(pristine_makefile(lab))
    ids = sandbox.unprivileged_ids(sandbox.BUILD_LIMITS)
    if ids is not None:
        for dirpath, dirnames, filenames in os.walk(dst):
            for n in [dirpath] + [os.path.join(dirpath, x)
                                  for x in filenames]:
                os.chown(n, *ids)


def _refusal(problems, collected):
    text = "\n".join(problems)
    ignored = collected.ignored_text() if collected else ""
    return text + ("\n" + ignored if ignored else "")


def _check_output(staged, allowed):
    """Problems in what the compiler read and emitted."""
    problems = []
    for path, source in sorted(subm.outside_files(
            os.path.join(staged, "build"), staged, allowed).items()):
        problems.append("%s includes %s, outside your submission: only "
                        "your own files and the SDK's headers (sdk/include) "
                        "may be included" % (source, path))
    for source, line in subm.asm_directives(os.path.join(staged, "build")):
        problems.append("%s makes the assembler read a file (%s): not "
                        "allowed" % (source, line))
    return problems


def build_driver(lab, collected, staged, log):
    """Build the staged driver in the sandbox and check it. Returns
    (problems, notes)."""
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C",
           "LC_ALL": "C", "HOME": os.path.join(staged, ".tmp"),
           "TMPDIR": os.path.join(staged, ".tmp")}
    # The build's user must read the SDK and write the staged folder: if
    # it cannot, that is this host's set-up, not the submission.
    probe = sandbox.run_limited(
        ["sh", "-c", 'test -r "$0" && test -r "$1" && test -w "$2"',
         DRIVER_MK, os.path.join(SDK_INCLUDE, "chardriver.h"), staged],
        staged, log, env=env)
    if probe.status != 0:
        raise InfraError("the build's user (%s) cannot read %s or write %s: "
                         "the project must be readable by every user"
                         % (sandbox.BUILD_LIMITS.user, ROOT, staged))
    result = sandbox.run_limited(
        ["make", "--no-print-directory", "SDK_BUILT=1",
         "GRADER_CFLAGS=" + GRADER_CFLAGS], staged, log, env=env)
    notes = ["the build ran as %s, %s" % (
        sandbox.BUILD_LIMITS.user if sandbox.unprivileged_ids(
            sandbox.BUILD_LIMITS) else "the grader's user",
        "without network" if result.isolated else
        "without a private network namespace (not available here)")]
    allowed = [staged, SDK_INCLUDE, compiler_include_dir()]
    problems = _check_output(staged, allowed)
    if problems:
        return problems, notes
    if result.status != 0:
        if shutil.disk_usage(staged).free < MIN_FREE // 4:
            raise InfraError("the disk filled up while building the "
                             "submission (%s)" % staged)
        with open(log, errors="replace") as f:
            text = f.read()
        shown = subm.filter_log(text, staged, [SDK_INCLUDE, "/usr/bin",
                                               "/usr/lib/gcc"])
        shown = shown.replace(ROOT + "/", "")
        why = "it took longer than %d seconds" % \
            sandbox.BUILD_LIMITS.seconds if result.timed_out else \
            "the compiler said"
        lines = shown.splitlines()[-40:]
        return ["the submission does not build (%s):\n%s"
                % (why, "\n".join(lines))], notes
    return [], notes


def build_image(lab, submission, out):
    """See the module docstring. OUT: the grading folder."""
    spec = lab.meta.get("submission")
    if not spec:
        raise InfraError("lab.json of %s names no submission files "
                         "(\"submission\": {\"files\": [...]})" % lab.name)
    collected = subm.collect(submission, spec)
    iso = os.path.join(out, "os.iso")
    log = os.path.join(out, "build.log")
    if lab.driver is None:
        make_project("image", log)
        bootlist.copy(os.path.join(BUILD, "os.iso"), out)
        return Built(not collected.problems, _refusal(collected.problems,
                                                      collected),
                     collected, iso)
    problems = list(collected.problems)
    problems += ["the submission has no %s" % n for n in collected.missing]
    staged = os.path.join(out, "driver", lab.driver)
    if not problems:
        stage(lab, collected, staged)
        problems = privileges.check(
            os.path.join(staged, lab.driver + ".conf"),
            lab.meta.get("privileges", {}), MANIFEST_CHECK)
    if problems:
        return Built(False, _refusal(problems, collected), collected)
    make_project("sdk", log)
    problems, notes = build_driver(lab, collected, staged,
                                   os.path.join(out, "driver-build.log"))
    if problems:
        return Built(False, _refusal(problems, collected), collected,
                     notes=notes)
    built = _run(["make", "-j2", "--no-print-directory", "image",
                  "EXTRA_DRIVERS=" + staged], log) == 0
    if built:
        # With its boot list: the grader's machines take the fast path.
        bootlist.copy(os.path.join(BUILD, "os.iso"), out)
    # The plain image back, whatever happened; if that fails, the project
    # is broken, not the submission.
    make_project("image", os.path.join(out, "restore.log"))
    if not built:
        shown = subm.filter_log(_tail(log, 40), staged, [SDK_INCLUDE])
        return Built(False, "the image with your driver does not build:\n"
                     + shown.replace(ROOT + "/", ""), collected, notes=notes)
    return Built(True, "", collected, iso, notes)
