"""The manifests students copy (the SDK's template and examples, the labs'
starters and solutions) say in their comment how often RS asks for a
heartbeat; that must be what their `period` line asks. Host only."""
import glob
import os
import re

import pytest

from harness.abi import CLOCK_HZ

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
MANIFESTS = sorted(glob.glob(os.path.join(ROOT, "sdk", "*", "*", "*.conf")) +
                   glob.glob(os.path.join(ROOT, "labs", "**", "*.conf"),
                             recursive=True))
WORDS = {"half a": 0.5, "half": 0.5, "one": 1, "two": 2, "three": 3,
         "four": 4, "five": 5, "ten": 10}
SAID = re.compile(r"heartbeat every ((?:half a|half|[\w.]+)) ?"
                  r"(seconds?|s|ticks?)\b")


def period_ticks(text):
    """The ticks of TEXT's `period` line (N, or NHZ: N seconds), or None."""
    m = re.search(r"^\s*period\s+(\d+)(HZ)?\s*;", text, re.M)
    if not m:
        return None
    return int(m.group(1)) * (CLOCK_HZ if m.group(2) else 1)


def said_ticks(text):
    """The heartbeat period TEXT's comment lines state, in ticks, or None
    when they state none."""
    comment = " ".join(line.lstrip("#").strip() for line in
                       text.splitlines() if line.startswith("#"))
    m = SAID.search(comment)
    if not m:
        return None
    number = WORDS.get(m.group(1))
    number = float(m.group(1)) if number is None else number
    return number if m.group(2).startswith("tick") else number * CLOCK_HZ


def test_the_reader_understands_the_phrasings():
    assert said_ticks("# answers a heartbeat\n# every two seconds (2HZ)") \
        == 2 * CLOCK_HZ
    assert said_ticks("# a heartbeat every half second") == CLOCK_HZ / 2
    assert said_ticks("# a heartbeat every 20 ticks (0.2 s)") == 20
    assert said_ticks("# a heartbeat every 10 s (10HZ)") == 10 * CLOCK_HZ
    assert period_ticks("service x {\n\tperiod  2HZ;\n};") == 2 * CLOCK_HZ
    assert period_ticks("service x {\n\tperiod  20;\n};") == 20


@pytest.mark.parametrize("path", MANIFESTS,
                         ids=lambda p: os.path.relpath(p, ROOT))
def test_the_heartbeat_comment_matches_the_period(path):
    text = open(path).read()
    said, period = said_ticks(text), period_ticks(text)
    if said is not None:
        assert period is not None, "%s: a heartbeat but no period" % path
        assert said == period, "%s: the comment says %g ticks, period " \
            "asks %d" % (path, said, period)


def test_the_template_says_its_period():
    text = open(os.path.join(ROOT, "sdk", "templates", "chardriver",
                             "template.conf")).read()
    assert said_ticks(text) == period_ticks(text) is not None
