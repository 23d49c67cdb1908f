"""The wrong Python (another python3 first on PATH, without Debian's
python3-pytest and python3-pexpect) gets one line naming /usr/bin/python3
from the harness's entry points, not a traceback. Host only: a virtual
environment of Debian's interpreter without its packages stands in for
pyenv or /usr/local."""
import subprocess
import sys

import pytest

from harness.machine import ROOT
from harness.python import DEBIAN_PYTHON, message, missing


@pytest.fixture(scope="module")
def other_python(tmp_path_factory):
    """A python3 that does not see Debian's packages."""
    venv = tmp_path_factory.mktemp("venv")
    r = subprocess.run([sys.executable, "-m", "venv", "--without-pip",
                        str(venv)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip("no venv module: %s" % r.stderr.strip())
    return str(venv / "bin" / "python3")


def one_line(r):
    """The stderr of finished process R, which must be a single line."""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "Traceback" not in r.stderr
    return lines[0]


def test_missing_and_the_messages():
    assert missing(["sys", "no_such_module_here"]) == ["no_such_module_here"]
    other = message("x", ["pytest"], debian=False, executable="/opt/py3")
    assert other.startswith("x: this python3 (/opt/py3) has no pytest")
    assert "%s -m pytest" % DEBIAN_PYTHON in other
    assert "python3-pytest" in other
    own = message("x", ["pytest", "pexpect"], debian=True)
    assert own == ("x: /usr/bin/python3 has no pytest and pexpect: install "
                   "python3-pytest python3-pexpect (sudo make deps)")


@pytest.mark.parametrize("args", [["run", "-q"], ["report", "x"],
                                  ["campaign", "--help"]])
def test_python3_m_harness_names_debians_python(other_python, args):
    r = subprocess.run([other_python, "-m", "harness"] + args, cwd=ROOT,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    line = one_line(r)
    assert line.startswith("harness") and DEBIAN_PYTHON in line


def test_make_check_deps_names_debians_python(other_python):
    if subprocess.run(["os/tools/deps.sh", "--check"], cwd=ROOT,
                      capture_output=True).returncode != 0:
        pytest.skip("Debian packages missing: check-deps installs first")
    r = subprocess.run(["make", "-s", "check-deps", "PYTHON=" + other_python],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode != 0
    first = r.stderr.strip().splitlines()[0]
    assert first.startswith("make: this python3 (%s)" % other_python)
    assert DEBIAN_PYTHON in first and "Traceback" not in r.stderr
