"""Why a test failed, in words a student may read.

Two texts per failure, computed from the exception where it happens:

- :func:`reason`: one line the test author wrote (the first line of
  ``assert x, "reason"`` or ``pytest.fail("reason")``) or a generic one by
  class: "the check did not hold" (an assert without a message),
  "the guest did not answer in time" (a hang or timeout), "kernel panic:
  MESSAGE", "failed". Hidden tests show only this.
- :func:`detail`: what a public test may show besides: the rest of the
  author's message and pytest's assertion explanation, or the exception's
  first line; at most ``DETAIL_LINES`` lines.

Neither ever holds a traceback or the test's source, and :func:`scrub`
takes host paths and object reprs out of both.
"""

import os
import re
import sys

from harness.machine import ROOT, EmulatorError, GuestPanic

GENERIC_ASSERT = "the check did not hold"
GENERIC_TIMEOUT = "the guest did not answer in time"
GENERIC_FAILURE = "failed"
REASON_MAX = 160
LINE_MAX = 200
DETAIL_LINES = 20

_TIMEOUTS = (TimeoutError,)
try:                                    # a pexpect timeout waiting for output
    import pexpect
    _TIMEOUTS = _TIMEOUTS + (pexpect.TIMEOUT,)
except ImportError:                     # pragma: no cover
    pass

_OBJECT_REPR = re.compile(r"<[^<>\n]*? at 0x[0-9a-fA-F]+>")
_PATH = re.compile(r"(?<![\w.~/-])/[^\s:'\"`(),;<>\[\]{}]+")
_PYTEST_HINTS = ("Use -v to get more diff", "Use -v to get the full diff")
_HOST_MARKS = (".py", "site-packages", "dist-packages", "/tmp/pytest-of-",
               "/tmp/tmp")


def _host_prefixes():
    """Folders whose paths are the host's: the project, the working
    directory, the home folder, Python's installation."""
    home = os.path.expanduser("~")
    found = {ROOT, os.getcwd(), sys.prefix, sys.base_prefix,
             home if home != "/" else ROOT}
    return tuple(sorted(p.rstrip("/") + "/" for p in found if p and p != "/"))


def _is_host_path(path):
    """Whether PATH looks like one of the host's rather than a guest's
    (/dev/dice, /usr/drivers/mbox.v2, /tmp/got): under a host folder,
    naming Python files, or deeper than any guest path (4+ parts)."""
    if path.rstrip("/") + "/" in _host_prefixes() or \
            path.startswith(_host_prefixes()):
        return True
    if any(mark in path for mark in _HOST_MARKS):
        return True
    return len([p for p in path.split("/") if p]) >= 4


def scrub(text):
    """TEXT with object reprs replaced by "<object>" and host paths by
    "<path>"."""
    text = _OBJECT_REPR.sub("<object>", text)
    return _PATH.sub(lambda m: "<path>" if _is_host_path(m.group(0))
                     else m.group(0), text)


def _cut(line, limit):
    """LINE without trailing blanks, cut to LIMIT characters ("..." ends a
    cut line)."""
    line = line.rstrip()
    return line if len(line) <= limit else line[:limit - 3].rstrip() + "..."


def _message(value):
    """The text of exception VALUE (pytest's outcome exceptions keep it in
    ``msg``)."""
    msg = getattr(value, "msg", None)
    return msg if isinstance(msg, str) else str(value)


def _authored(value):
    """The first line of the message the test author gave VALUE (an
    AssertionError or pytest.fail), or None when there was none: pytest
    rewrites ``assert x, "why"`` to "why\\nassert ...", and ``assert x`` to
    "assert ..." alone."""
    lines = _message(value).splitlines()
    first = lines[0].strip() if lines else ""
    if not first or first == "assert" or first.startswith("assert "):
        return None
    return first


def reason(excinfo):
    """The one-line, student-safe reason of the failure EXCINFO (a pytest
    ExceptionInfo); "" when EXCINFO is None."""
    if excinfo is None:
        return ""
    value = excinfo.value
    if excinfo.errisinstance(EmulatorError):
        return "infrastructure error"
    if isinstance(value, GuestPanic):
        first = (str(value.message).splitlines() or [""])[0]
        return _cut(scrub("kernel panic: " + first), REASON_MAX)
    if excinfo.errisinstance(_TIMEOUTS):
        return GENERIC_TIMEOUT
    authored_kinds = (AssertionError, _outcome("fail"), _outcome("skip"))
    if excinfo.errisinstance(authored_kinds):
        first = _authored(value)
        if first is None:
            return GENERIC_ASSERT if excinfo.errisinstance(AssertionError) \
                else GENERIC_FAILURE
        return _cut(scrub(first), REASON_MAX)
    return GENERIC_FAILURE


def detail(excinfo):
    """What a public test shows besides its reason: the lines of the
    failure EXCINFO after the author's first line (pytest's assertion
    explanation, a kernel panic's report) or "Class: first line" of any
    other exception; scrubbed, at most DETAIL_LINES lines; "" when there is
    nothing more."""
    if excinfo is None or excinfo.errisinstance(
            (EmulatorError, _outcome("skip"))):
        return ""
    value = excinfo.value
    if isinstance(value, GuestPanic):
        lines = str(value.report).splitlines()
    elif excinfo.errisinstance(_TIMEOUTS):
        lines = [] if not isinstance(value, TimeoutError) else \
            str(value).splitlines()[:1]
    elif excinfo.errisinstance((AssertionError, _outcome("fail"))):
        lines = _message(value).splitlines()
        if _authored(value) is not None:
            lines = lines[1:]
    else:
        first = (str(value).splitlines() or [""])[0]
        lines = ["%s: %s" % (type(value).__name__, first)]
    lines = [_cut(scrub(line), LINE_MAX) for line in lines
             if line.strip() and line.strip() not in _PYTEST_HINTS]
    if len(lines) > DETAIL_LINES:
        lines = lines[:DETAIL_LINES - 1] + ["..."]
    return "\n".join(lines)


def _outcome(name):
    """pytest's exception class of ``pytest.NAME`` (fail, skip)."""
    import pytest
    return getattr(pytest, name).Exception
