"""Reading the test kit's protocol (os/tests/kit): the one reader of what an
in-guest (or host) suite prints.

A suite prints, per case, its failed checks and then one result line, and
ends with a summary::

    usertests: dirs: os/tests/user/usertests/files.c:202: rmdir("d") ...
    test dirs: FAILED (exit 1)
    test fork_exit: OK
    SOME TESTS FAILED (1 of 57)          (or: ALL TESTS PASSED)

A boot-module suite (pmtest, ktest) first announces ``SUITE: running N
tests``.

``parse(text)`` reads a finished output; ``run(shell, "usertests ...")``
runs a suite at the guest's shell; ``read_console(machine, "pmtest")``
follows a boot module's suite on the console, line by line. Each returns a
``SuiteResult``; ``result.check()`` raises ``SuiteFailed`` with the failing
cases' lines unless everything passed. ``defined_cases(folder)`` lists the
cases a suite's sources declare."""

import glob
import os
import re

# A whole result line (up to its end: on a console the reason may still be
# on its way).
CASE_RE = r"\btest (\w+): (OK|FAILED)(?: \(([^\r\n]*)\))?[^\r\n]*\r*\n"
PASSED = "ALL TESTS PASSED"
SUMMARY_RE = r"ALL TESTS PASSED|SOME TESTS FAILED \((\d+) of (\d+)\)"
# How sources declare cases: the kit's TEST(name), TEST_TIMEOUT(name, s),
# TEST_SIGNAL(name, sig) and TEST_CASE(name, s, sig).
DECL_RE = re.compile(r"^TEST(?:_TIMEOUT|_SIGNAL|_CASE)?\(\s*(\w+)", re.M)
# Seconds to wait for each next line of a boot module's suite: a hanging
# case is killed by the runner itself, so this only catches a dead guest.
LINE_TIMEOUT = 60


class SuiteFailed(AssertionError):
    """A suite did not pass; the message holds its failing cases' lines."""


class Case:
    """One case's result line: NAME, STATUS ("OK" or "FAILED") and REASON
    (what is in parentheses after FAILED, or "")."""

    def __init__(self, name, status, reason=""):
        self.name, self.status, self.reason = name, status, reason or ""

    @property
    def ok(self):
        return self.status == "OK"

    def __iter__(self):
        return iter((self.name, self.status, self.reason))

    def __eq__(self, other):
        return tuple(self) == tuple(other)

    def __repr__(self):
        return "Case(%r, %r, %r)" % tuple(self)


class SuiteResult:
    """What a run of SUITE printed: CASES in order, the SUMMARY line (None
    when the suite never got there), the exit STATUS when known, the
    ANNOUNCED number of cases when the suite said it, and the TEXT."""

    def __init__(self, suite, cases, summary, text, status=None,
                 announced=None):
        self.suite, self.cases, self.summary = suite, cases, summary
        self.text, self.status, self.announced = text, status, announced

    @property
    def names(self):
        return [c.name for c in self.cases]

    @property
    def failed(self):
        return [c.name for c in self.cases if not c.ok]

    @property
    def results(self):
        """[(name, status)] in order."""
        return [(c.name, c.status) for c in self.cases]

    @property
    def passed(self):
        return (self.summary == PASSED and not self.failed
                and self.status in (None, 0))

    def messages(self, name):
        """The lines SUITE printed about case NAME ("SUITE: NAME: ...")."""
        prefix = "%s: %s: " % (self.suite, name)
        return [l.strip() for l in self.text.splitlines()
                if l.lstrip().startswith(prefix)]

    def report(self):
        """The failing cases, each with its result line and messages, and
        the summary."""
        lines = []
        for c in self.cases:
            if c.ok:
                continue
            lines.append("test %s: FAILED (%s)" % (c.name, c.reason))
            lines += ["    " + l for l in self.messages(c.name)]
        lines.append("summary: %s; exit status: %s" % (self.summary,
                                                       self.status))
        if self.suite:
            lines += [l.strip() for l in self.text.splitlines()
                      if l.strip().startswith(self.suite + ": no test named")]
        return "\n".join(lines)

    def check(self, expected=None):
        """Raise SuiteFailed unless the run passed (and, given EXPECTED
        names, ran exactly those, each once). Returns self."""
        if not self.passed:
            raise SuiteFailed("%s: %d of %d cases failed: %s\n%s" % (
                self.suite, len(self.failed), len(self.cases),
                " ".join(self.failed), self.report()))
        if expected is not None:
            names = self.names
            if sorted(names) != sorted(expected):
                raise SuiteFailed(
                    "%s: cases that did not report: %s; unexpected or "
                    "repeated: %s" % (self.suite,
                                      sorted(set(expected) - set(names)),
                                      sorted(n for n in set(names) if
                                             names.count(n) > 1 or
                                             n not in expected)))
        return self


def parse(text, suite=None, status=None):
    """The SuiteResult of a finished output TEXT (exit STATUS if known)."""
    text = text.replace("\r", "")
    cases = [Case(*m) for m in re.findall(CASE_RE, text)]
    summaries = re.findall("(?:%s)" % SUMMARY_RE.replace("(\\d+)", "\\d+"),
                           text)
    announced = None
    if suite:
        m = re.search(r"%s: running (\d+) tests" % re.escape(suite), text)
        announced = int(m.group(1)) if m else None
    return SuiteResult(suite, cases, summaries[-1] if summaries else None,
                       text, status, announced)


def run(shell, command, timeout=600):
    """Run COMMAND (a suite and its arguments) at SHELL's prompt and
    return its SuiteResult (with the exit status)."""
    out, status = shell.run(command, timeout=timeout)
    suite = os.path.basename(command.split()[0])
    return parse(out, suite, status)


def read_console(machine, suite, announce=True, line_timeout=LINE_TIMEOUT,
                 handlers=()):
    """Follow SUITE (a boot module) on MACHINE's console up to its summary,
    waiting at most LINE_TIMEOUT seconds for each next line; with ANNOUNCE,
    first its "SUITE: running N tests". HANDLERS: [(regex, fn(match))]
    called for other lines the suite prints (prompts to answer). The
    result's text is the whole console so far."""
    announced = None
    if announce:
        machine.expect(r"%s: running (\d+) tests" % re.escape(suite),
                       timeout=line_timeout)
        announced = int(machine.console.match.group(1))
    patterns = [SUMMARY_RE, CASE_RE] + [h[0] for h in handlers]
    cases = []
    while True:
        i = machine.expect(patterns, timeout=line_timeout)
        match = machine.console.match
        if i == 0:
            return SuiteResult(suite, cases, match.group(0),
                               machine.console_text(),
                               announced=announced)
        if i == 1:
            cases.append(Case(*match.groups()))
        else:
            handlers[i - 2][1](match)


def defined_cases(folder):
    """The names of the cases declared in FOLDER's C sources, in file
    order."""
    names = []
    for path in sorted(glob.glob(os.path.join(folder, "*.c"))):
        with open(path) as f:
            names += DECL_RE.findall(f.read())
    return names
