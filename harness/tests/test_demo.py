"""make demo's presentation, on the host (nothing boots): the console
without the harness's plumbing, the pacing between steps, the closing
summary, the make variables."""

import io
import os
import subprocess
import sys

import pytest

from harness.machine import ROOT
from harness.recovery import Recovery

sys.path.insert(0, os.path.join(ROOT, "labs", "tools"))
import demo                                      # noqa: E402
sys.path.pop(0)

# What the console of a demo step carries: the prompt, the echo of the
# typed line with the plumbing, the output, an RS line, the status line
# (QEMU's console ends lines with \r\r\n or \r\n).
CONSOLE = ("# service status; echo __rc:$?\r\n"
           "label    endpoint  restarts\r\n"
           "hello    12        0\r\n"
           "__rc:0\r\r\n"
           "# service fi hello crash; echo __rc:$?\r\n"
           "rs: hello (endpoint 12) failed: exception; restarting\r\n"
           "__rc:0\r\n"
           "# echo __rc is not plumbing; echo __rc:$?\r\n"
           "__rc is not plumbing\r\n"
           "__rc:0\r\n"
           "# ")
SHOWN = ("# service status\r\n"
         "label    endpoint  restarts\r\n"
         "hello    12        0\r\n"
         "# service fi hello crash\r\n"
         "rs: hello (endpoint 12) failed: exception; restarting\r\n"
         "# echo __rc is not plumbing\r\n"
         "__rc is not plumbing\r\n"
         "# ")


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 13, len(CONSOLE)])
def test_console_is_shown_without_plumbing(size):
    """However the console arrives in pieces, the audience sees the
    command lines as typed and no status line; the prompt at once."""
    out = io.StringIO()
    view = demo.Unplumbed(out)
    for i in range(0, len(CONSOLE), size):
        view.write(CONSOLE[i:i + size])
    assert out.getvalue() == SHOWN
    assert "__rc:" not in out.getvalue()


def test_text_is_held_only_while_it_may_be_plumbing():
    out = io.StringIO()
    view = demo.Unplumbed(out)
    view.write("# cat /dev/hello;")
    assert out.getvalue() == "# cat /dev/hello"         # ";" may begin it
    view.write(" ls")
    assert out.getvalue() == "# cat /dev/hello; ls"
    view.write("\n__r")
    assert out.getvalue().endswith("ls\n")
    view.write("eady\n")
    assert out.getvalue().endswith("ls\n__ready\n")


def test_pacer_pauses_between_steps_or_waits_for_enter():
    slept = []
    pace = demo.Pacer(pause=2.5, sleep=slept.append, out=io.StringIO())
    pace()
    assert slept == []                  # nothing before the first step
    pace()
    pace()
    assert slept == [2.5, 2.5]
    out = io.StringIO()
    keys = io.StringIO("\n")
    pace = demo.Pacer(step=True, keys=keys, out=out, sleep=slept.append)
    pace()
    pace()
    assert "[Enter: next step]" in out.getvalue()
    assert keys.read() == ""            # the Enter was read
    pace()                              # end of input: unpaced from now
    assert pace.step is False and slept == [2.5, 2.5]
    pace()
    assert slept == [2.5, 2.5, 3.0]     # back to the default pause


def test_summary_has_the_recovery_times():
    times = [Recovery("hello", "crash", 21.4, 180.6, "exception", 1),
             Recovery("hello", "hang", 2100.0, 2400.0, "no heartbeat", 2)]
    text = demo.summary(["a", "b", "c"], times, 95.2, "/tmp/console.log")
    lines = text.splitlines()
    assert lines[0] == "steps: 3 worked, 95 s"
    assert lines[3].split() == ["hello", "crash", "21", "181"]
    assert lines[4].split() == ["hello", "hang", "2100", "2400"]
    assert lines[-1] == "console log: /tmp/console.log"
    failed = demo.summary(["a", "b"], [], 3.0, "x", failed="b")
    assert failed.splitlines()[:2] == [
        "steps: 1 worked, then 'b' failed, 3 s",
        "recovery times: none measured"]


def test_make_demo_step_and_pause():
    p = subprocess.run(["make", "-n", "--no-print-directory", "demo",
                        "STEP=1", "PAUSE=0.5"], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "labs/tools/demo.py" in p.stdout
    assert "--step" in p.stdout and "--pause '0.5'" in p.stdout
