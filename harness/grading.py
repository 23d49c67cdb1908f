"""Grading: points, parent/child dependencies, partial credit, outcomes.

Markers:
  ``@pytest.mark.points(N)``            the test is worth N points (default
                                       ``--default-points``, 0)
  ``@pytest.mark.depends("name", ...)`` parents: test function names (every
                                       parametrized instance counts; on the
                                       same emulator when both boot) or node
                                       ids; the test is skipped, with the
                                       reason, when a parent failed or was
                                       skipped, and is an error (not
                                       graded) when a parent was an error

Fixture ``credit``: ``credit.award(fraction, why)`` gives a passing test a
fraction (0..1) of its points; awards add up (capped at 1). A passing test
that never calls it gets full points; a failing or skipped one gets 0.

Outcomes (:func:`classify`): ``passed``, ``failed``, ``skipped``, ``error``.
An error is an infrastructure failure: :class:`EmulatorError` anywhere, or a
setup/teardown exception that is not the guest's fault. A :class:`GuestPanic`,
an assertion or a timeout waiting for the guest is the student's fault: a
failure. An error is never scored 0: its score is ``None`` and the totals
say the grade is incomplete.

The :class:`Grader` plugin (registered as ``harness-grading``) keeps one
:class:`TestResult` per test in run order; the report writers read it.
Besides scores it records what a student may read: the test's readable
title (:mod:`harness.titles`), whether it is hidden, the author's one-line
reason and the public detail of a failure (:mod:`harness.reasons`), and the
title of the parent whose failure skipped it.
"""

import dataclasses
import time

import pytest

from harness import reasons, titles
from harness.machine import EmulatorError

PLUGIN_NAME = "harness-grading"

# Exceptions that mean "the guest did not do it" even during setup.
_GUEST_FAULTS = (AssertionError, TimeoutError)
try:                                    # a pexpect timeout waiting for output
    import pexpect
    _GUEST_FAULTS = _GUEST_FAULTS + (pexpect.TIMEOUT,)
except ImportError:                     # pragma: no cover
    pass

class ParentNotGraded(EmulatorError):
    """A parent of this test had an infrastructure error: the test is an
    error too (not graded), never a skip worth 0."""


_RANK = {"passed": 0, "skipped": 1, "failed": 2, "error": 3}


@dataclasses.dataclass
class TestResult:
    """One test's result, as every report shows it. ``score`` is None for
    an error (not graded), else points * fraction for a pass, 0 otherwise.
    ``message`` is pytest's full text (for staff); what students may read:
    ``title`` (readable name, harness.titles), ``function`` (the test
    function's name), ``variant`` (the title's parametrization suffix),
    ``hidden`` (its file is under hidden/), ``reason`` (one line, the
    author's or a generic one, safe to show), ``detail`` (more lines a
    public test may show) and ``depends_on`` (the title of the parent whose
    failure or skip skipped this test)."""
    __test__ = False                    # not a pytest test class
    nodeid: str
    name: str
    outcome: str = "passed"
    points: float = 0
    fraction: float = 1.0
    score: object = 0
    message: str = ""
    credit: list = dataclasses.field(default_factory=list)
    properties: dict = dataclasses.field(default_factory=dict)
    duration: float = 0.0
    emulator: object = None
    group: str = ""                     # nodeid without the emulator
    title: str = ""
    function: str = ""
    variant: str = ""
    hidden: bool = False
    reason: str = ""
    detail: str = ""
    depends_on: str = ""

    def to_dict(self):
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d):
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


def score_of(outcome, points, fraction):
    """The score of a test: None for an error, points * fraction for a
    pass, 0 for a failure or a skip."""
    if outcome == "error":
        return None
    if outcome == "passed":
        return round(points * fraction, 4)
    return 0


def totals(results):
    """Summary of RESULTS (TestResults): score and max_score over every
    test, counts per outcome, and ``complete`` (False when any test is an
    error: the score then covers only the graded tests)."""
    counts = {k: 0 for k in _RANK}
    score = max_score = graded_max = 0
    for r in results:
        counts[r.outcome] = counts.get(r.outcome, 0) + 1
        max_score += r.points
        if r.score is not None:
            score += r.score
            graded_max += r.points
    return {"score": round(score, 4), "max_score": round(max_score, 4),
            "graded_max_score": round(graded_max, 4),
            "complete": counts["error"] == 0, "tests": len(results),
            "passed": counts["passed"], "failed": counts["failed"],
            "skipped": counts["skipped"], "errors": counts["error"]}


def score_line(summary):
    """The one-line score of SUMMARY (from totals): ``Score: X/Y`` when
    complete; otherwise it says ERROR and incomplete first, never a bare
    score that reads as a grade."""
    if summary["complete"]:
        return "Score: %g/%g" % (summary["score"], summary["max_score"])
    return ("Score: ERROR, incomplete: %d test(s) not graded "
            "(infrastructure errors, %g points); graded tests: %g/%g"
            % (summary["errors"], summary["max_score"] -
               summary.get("graded_max_score", 0), summary["score"],
               summary.get("graded_max_score", 0)))


def exit_status(results):
    """0 when every test passed (or was skipped), 1 on any failure, 2 on
    any infrastructure error (the grade is incomplete)."""
    outcomes = {r.outcome for r in results}
    if "error" in outcomes:
        return 2
    if "failed" in outcomes:
        return 1
    return 0


def classify(when, excinfo, skipped):
    """The outcome of one phase WHEN ("setup", "call", "teardown") that
    raised EXCINFO (a pytest ExceptionInfo or None); SKIPPED if pytest
    reported it skipped."""
    if skipped:
        return "skipped"
    if excinfo is None:
        return "passed"
    if excinfo.errisinstance(EmulatorError):
        return "error"
    if when == "call":
        return "failed"
    if when == "setup" and excinfo.errisinstance(_GUEST_FAULTS):
        return "failed"                 # e.g. a panic while booting
    return "error"


class Credit:
    """Partial credit for one test: ``award(fraction, why)``."""

    def __init__(self):
        self.awards = []

    def award(self, fraction, why=""):
        """Add FRACTION (0..1) of the test's points, for reason WHY."""
        fraction = float(fraction)
        if not 0 <= fraction <= 1:
            raise ValueError("credit fraction %r is not within 0..1"
                             % fraction)
        self.awards.append((fraction, str(why)))

    @property
    def fraction(self):
        """The fraction earned if the test passes (1 without awards)."""
        if not self.awards:
            return 1.0
        return min(1.0, sum(f for f, _ in self.awards))

    def reasons(self):
        return ["%g: %s" % (f, why) for f, why in self.awards]


def points_of(item, default=0):
    marker = item.get_closest_marker("points")
    if marker is None:
        return default
    if len(marker.args) != 1 or not isinstance(marker.args[0], (int, float)):
        raise pytest.UsageError("%s: points marker takes one number"
                                % item.nodeid)
    return marker.args[0]


def emulator_of(item):
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("emulator") if callspec else None


def group_of(item):
    """ITEM's node id without its emulator parameter: the same test on
    another emulator has the same group (used by differential mode)."""
    callspec = getattr(item, "callspec", None)
    base = item.nodeid.split("[", 1)[0]
    if not callspec:
        return base
    others = ["%s=%s" % (k, callspec.params[k]) for k in callspec.params
              if k != "emulator"]
    return base + ("[%s]" % ",".join(others) if others else "")


def _matches(parent, item):
    return parent in (item.nodeid, item.name, item.originalname) or \
        item.nodeid.endswith("::" + parent)


def _is_parent(parent, other, child):
    """Whether OTHER is named by PARENT in CHILD's depends marker. When
    both run on an emulator, only the instance on CHILD's emulator counts
    (--differential: QEMU's child depends on QEMU's parent)."""
    if not _matches(parent, other):
        return False
    mine, theirs = emulator_of(child), emulator_of(other)
    return mine is None or theirs is None or mine == theirs


class Grader:
    """Collects a TestResult per test and enforces dependencies."""

    def __init__(self, config):
        self.config = config
        self.default_points = config.getoption("default_points", 0) or 0
        self.results = {}               # nodeid -> TestResult, run order
        self.items = {}
        self.started = time.time()

    # -- ordering and dependencies ----------------------------------------

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, session, config, items):
        """Stable reorder so that every parent runs before its children."""
        placed, order = set(), []

        def place(item, stack):
            if item.nodeid in placed:
                return
            if item.nodeid in stack:
                raise pytest.UsageError("dependency cycle at %s" % item.nodeid)
            for parent in _parents(item):
                for other in items:
                    if other is not item and _is_parent(parent, other,
                                                        item):
                        place(other, stack | {item.nodeid})
            placed.add(item.nodeid)
            order.append(item)

        for item in items:
            place(item, frozenset())
        items[:] = order
        self.items = {item.nodeid: item for item in items}
        emulators = {}
        for item in items:
            emulators.setdefault(group_of(item), set()).add(
                emulator_of(item))
        for item in items:
            item._harness_naming = titles.naming(
                item, len(emulators[group_of(item)]) > 1)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item):
        for parent in _parents(item):
            found = [r for nodeid, r in self.results.items()
                     if nodeid in self.items
                     and _is_parent(parent, self.items[nodeid], item)]
            if not found:
                item._harness_depends_on = titles.from_function(
                    parent.split("::")[-1])
                pytest.skip("depends on %s, which was not run" % parent)
            broken = [r for r in found if r.outcome == "error"]
            if broken:
                raise ParentNotGraded(
                    "depends on %s, which could not run (infrastructure "
                    "error): not graded" % broken[0].nodeid)
            bad = [r for r in found if r.outcome != "passed"]
            if bad:
                item._harness_depends_on = bad[0].title or \
                    titles.from_function(bad[0].name)
                pytest.skip("depends on %s, which %s" % (
                    bad[0].nodeid, "was skipped" if bad[0].outcome ==
                    "skipped" else "did not pass (%s)" % bad[0].outcome))

    # -- results -----------------------------------------------------------

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        report.harness_outcome = classify(call.when, call.excinfo,
                                          report.skipped)
        # What the item knows, carried on the report: under xdist the
        # controller that writes the reports has no items, only reports.
        report.harness_points = points_of(item, self.default_points)
        report.harness_emulator = emulator_of(item)
        report.harness_group = group_of(item)
        report.harness_naming = getattr(item, "_harness_naming", None) or \
            titles.naming(item)
        report.harness_depends_on = getattr(item, "_harness_depends_on", "")
        report.harness_reason = "depends on " + report.harness_depends_on \
            if report.harness_depends_on and report.skipped else \
            reasons.reason(call.excinfo)
        report.harness_detail = reasons.detail(call.excinfo)
        if call.when == "call" or report.harness_outcome != "passed":
            credit = getattr(item, "_harness_credit", None)
            report.harness_fraction = credit.fraction if credit else 1.0
            report.harness_credit = credit.reasons() if credit else []

    def pytest_runtest_logreport(self, report):
        r = self.results.get(report.nodeid)
        if r is None:
            item = self.items.get(report.nodeid)
            r = TestResult(nodeid=report.nodeid,
                           name=report.nodeid.split("::")[-1])
            if item is not None:
                r.points = points_of(item, self.default_points)
                r.emulator = emulator_of(item)
                r.group = group_of(item)
            elif hasattr(report, "harness_points"):       # from a worker
                r.points = report.harness_points
                r.emulator = report.harness_emulator
                r.group = report.harness_group
            else:
                r.group = report.nodeid
            _name(r, getattr(report, "harness_naming", None))
            self.results[report.nodeid] = r
        phase = getattr(report, "harness_outcome", None) or \
            ("skipped" if report.skipped else
             "passed" if report.passed else "failed")
        if _RANK[phase] > _RANK[r.outcome]:
            r.outcome = phase
            r.message = _message(report)
            r.reason = getattr(report, "harness_reason", "")
            r.detail = getattr(report, "harness_detail", "")
            r.depends_on = getattr(report, "harness_depends_on", "")
        r.duration += report.duration
        if hasattr(report, "harness_fraction"):
            r.fraction = report.harness_fraction
            r.credit = report.harness_credit
        for key, value in report.user_properties:
            r.properties[key] = value
        r.score = score_of(r.outcome, r.points, r.fraction)

    def ordered(self):
        return list(self.results.values())


def _name(result, naming):
    """Fill RESULT's naming fields from NAMING (titles.naming's dict, carried
    on the report); without it, from the test's name."""
    naming = naming or {"title": titles.from_name(result.name),
                        "function": result.name.split("[", 1)[0]}
    result.title = naming["title"]
    result.function = naming["function"]
    result.variant = naming.get("variant", "")
    result.hidden = bool(naming.get("hidden", False))


def _parents(item):
    parents = []
    for marker in item.iter_markers("depends"):
        parents.extend(marker.args)
    return parents


def _message(report):
    if report.skipped and isinstance(report.longrepr, tuple):
        return str(report.longrepr[2])
    text = getattr(report, "longreprtext", "") or ""
    return text[-4000:]


# -- pytest plugin hooks of this module --------------------------------------

def pytest_addoption(parser):
    group = parser.getgroup("phoenix")
    group.addoption("--default-points", type=float, default=0,
                    help="points of a test without a points marker "
                         "(default 0)")


def pytest_configure(config):
    config.addinivalue_line("markers",
                            "points(n): the test is worth N points")
    config.addinivalue_line("markers",
                            "depends(*names): skip unless these tests passed")
    if not config.pluginmanager.has_plugin(PLUGIN_NAME):
        config.pluginmanager.register(Grader(config), PLUGIN_NAME)


@pytest.fixture
def credit(request):
    """Partial credit for this test: ``credit.award(fraction, why)``."""
    c = Credit()
    request.node._harness_credit = c
    return c


def grader(config):
    """The session's Grader (None when the plugin is not loaded)."""
    return config.pluginmanager.get_plugin(PLUGIN_NAME)
