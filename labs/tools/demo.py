"""make demo: a narrated instructor demo, paced for a lecture.

Boots the image on QEMU, shows the services, live-updates hello and the
printer (the printer in the middle of a print job), crashes both and shows
RS bringing them back, and powers the guest off; then a short summary:
the steps that worked, the measured recovery times, the console log.

Narration lines start with "==>"; the guest's console is shown as it
comes, without the harness's own plumbing (the ``; echo __rc:$?`` the
harness adds to each command line, and the ``__rc:N`` status lines).
Between steps the demo pauses (--pause SECONDS, default 3), or with
--step waits for Enter (make demo STEP=1). Exit status 0 when every step
worked.

    /usr/bin/python3 labs/tools/demo.py [--image build/os.iso]
        [--pause SECONDS] [--step]
"""

import argparse
import os
import re
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

from harness.machine import QemuMachine          # noqa: E402
from harness.recovery import measure             # noqa: E402
from harness.services import Services            # noqa: E402
from harness.shell import ECHOED, Shell          # noqa: E402

PLUMBING = "; echo " + ECHOED       # what Shell.run adds to a command line
STATUS_LINE = re.compile(r"__rc:\d+\r*")
DEFAULT_PAUSE = 3.0


def _held(partial):
    """How many characters at the end of PARTIAL (an unfinished console
    line) might begin the plumbing, and must wait for what comes next."""
    if "__rc:".startswith(partial) or re.fullmatch(r"__rc:\d*\r*", partial):
        return len(partial)         # maybe a whole status line
    for n in range(min(len(PLUMBING) - 1, len(partial)), 0, -1):
        if PLUMBING.startswith(partial[-n:]):
            return n
    return 0


class Unplumbed:
    """The console as the audience sees it, written to OUT: every
    ``; echo __rc:$?`` taken out of the echoed command lines and every
    ``__rc:N`` status line left out. Text that might begin either waits
    for the next write; the rest is shown at once (the prompt too)."""

    def __init__(self, out):
        self.out = out
        self.pending = ""

    def write(self, text):
        self.pending += text.replace(PLUMBING, "")
        shown = []
        while "\n" in self.pending:
            line, self.pending = self.pending.split("\n", 1)
            line = line.replace(PLUMBING, "")
            if not STATUS_LINE.fullmatch(line):
                shown.append(line + "\n")
        self.pending = self.pending.replace(PLUMBING, "")
        keep = _held(self.pending)
        cut = len(self.pending) - keep
        shown.append(self.pending[:cut])
        self.pending = self.pending[cut:]
        self.out.write("".join(shown))
        self.out.flush()

    def flush(self):
        self.out.flush()


class Tee:
    """The console log file (everything, plumbing included), also shown on
    the terminal through SHOW (an Unplumbed)."""

    def __init__(self, log, show):
        self.log, self.show = log, show

    def write(self, text):
        self.log.write(text)
        self.show.write(text)

    def flush(self):
        self.log.flush()
        self.show.flush()


class Pacer:
    """The pace of the demo: before each step but the first, PAUSE seconds
    (the audience reads what the last step did), or with STEP a keypress:
    Enter on KEYS (a file, default the terminal)."""

    def __init__(self, pause=DEFAULT_PAUSE, step=False, keys=None,
                 out=sys.stdout, sleep=time.sleep):
        self.pause, self.step = pause, step
        self.keys, self.out, self.sleep = keys, out, sleep
        self.steps = 0

    def __call__(self):
        self.steps += 1
        if self.steps == 1:
            return
        if self.step:
            self.out.write("\n   [Enter: next step] ")
            self.out.flush()
            keys = self.keys or sys.stdin
            if keys.readline() == "":       # end of input: go on unpaced
                self.step = False
        elif self.pause > 0:
            self.sleep(self.pause)


def say(text, out=None):
    out = out or sys.stdout
    out.write("\n\033[1m==> %s\033[0m\n" % text if out.isatty()
              else "\n==> %s\n" % text)
    out.flush()


def summary(steps, times, seconds, console_log, failed=None):
    """The closing summary (a string): steps done, the recovery times
    measured, how long it took, where the console log is."""
    done = [s for s in steps if s != failed]
    lines = ["steps: %d worked%s, %.0f s" % (
        len(done), ", then '%s' failed" % failed if failed else "",
        seconds)]
    if times:
        lines.append("recovery times (host ms from 'service fi'):")
        lines.append("  %-10s %-6s %10s %10s" % ("service", "fault",
                                                 "detected", "recovered"))
        for r in times:
            lines.append("  %-10s %-6s %10.0f %10.0f" % (
                r.label, r.kind, r.detection_latency_ms,
                r.recovery_time_ms))
    else:
        lines.append("recovery times: none measured")
    lines.append("console log: %s" % console_log)
    return "\n".join(lines)


def run_demo(m, step, times):
    """The steps of the demo on booted machine M; STEP(title) starts one
    (narrates it, paces it); TIMES gets the recovery measurements."""
    shell = Shell(m).wait_prompt()
    svc = Services(shell)

    step("The services RS runs: every driver is a process of its own")
    shell.check("service status")

    step("hello answers on /dev/hello")
    shell.check("cat /dev/hello")

    step("Live update: hello is replaced by version 2 while it runs")
    out, rc = svc.update("/usr/drivers/hello.v2", "hello")
    assert rc == 0, out
    shell.check("cat /dev/hello")
    shell.check("service status hello")

    step("Live update of the printer in the middle of a 16 KiB print job "
         "(state 7: it waits until no byte is in flight)")
    report = shell.check("lpjob /dev/lp 16384 512 4096 service update "
                         "/usr/drivers/printer -label printer -state 7",
                         timeout=300)
    assert "lpjob: 16384 of 16384 bytes written" in report, report
    data = m.wait_parallel(lambda d: len(d) >= 16384, what="the job")
    say("The printer printed %d bytes, none lost or doubled across the "
        "update" % len(data))

    for label, probe in (("hello", "cat /dev/hello"),
                         ("printer", "echo after the crash > /dev/lp")):
        step("Crashing %s (service fi %s): RS notices and restarts it"
             % (label, label))
        r = measure(svc, label, "crash", timeout=60,
                    probe=lambda s, p=probe: s.check(p))
        times.append(r)
        say("%s is back: detected after %.0f ms, answering again after "
            "%.0f ms" % (label, r.detection_latency_ms, r.recovery_time_ms))

    step("A hang is noticed by the missing heartbeat (service fi hello "
         "hang)")
    r = measure(svc, "hello", "hang", timeout=60,
                probe=lambda s: s.check("cat /dev/hello"))
    times.append(r)
    say("hello is back: detected after %.0f ms, answering again after "
        "%.0f ms" % (r.detection_latency_ms, r.recovery_time_ms))
    shell.check("service status")

    step("Powering the guest off")
    status = m.poweroff()
    say("The guest powered off (%s)." % status)
    return status == "ok"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--image", default=os.path.join(ROOT, "build", "os.iso"))
    ap.add_argument("--pause", type=float, default=DEFAULT_PAUSE,
                    help="seconds between steps (default %g)"
                         % DEFAULT_PAUSE)
    ap.add_argument("--step", action="store_true",
                    help="wait for Enter before each step")
    args = ap.parse_args(argv)
    if args.pause < 0:
        ap.error("--pause must not be negative")

    pace = Pacer(args.pause, args.step)
    steps, times = [], []

    def step(title):
        pace()
        steps.append(title)
        say(title)

    started = time.monotonic()
    say("Booting Phoenix on QEMU (%s)" % args.image)
    m = QemuMachine(args.image)
    failed, ok = None, False
    try:
        m.boot()
        m.console.logfile_read = Tee(m.console.logfile_read,
                                     Unplumbed(sys.stdout))
        ok = run_demo(m, step, times)
    except Exception as e:                       # narrate, then fail
        failed = steps[-1] if steps else "booting"
        say("The demo failed: %s: %s" % (type(e).__name__, e))
    finally:
        m.close()
    say("Summary")
    print(summary(steps, times, time.monotonic() - started, m.console_log,
                  failed))
    return 0 if ok and failed is None else 1


if __name__ == "__main__":
    sys.exit(main())
