"""make demo: a narrated, non-interactive instructor demo.

Boots the image on QEMU, shows the services, live-updates hello and the
printer (the printer in the middle of a print job), crashes both and shows
RS bringing them back, prints the measured recovery times, and powers the
guest off. Narration lines start with "==>"; the guest's console is shown
as it comes. Exit status 0 when every step worked.

    /usr/bin/python3 labs/tools/demo.py [--image build/os.iso]
"""

import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

from harness.machine import QemuMachine          # noqa: E402
from harness.recovery import measure             # noqa: E402
from harness.services import Services            # noqa: E402
from harness.shell import Shell                  # noqa: E402


class Tee:
    """The console log file, also shown on the terminal."""

    def __init__(self, log, out):
        self.log, self.out = log, out

    def write(self, text):
        self.log.write(text)
        self.out.write(text)
        self.out.flush()

    def flush(self):
        self.log.flush()
        self.out.flush()


def say(text):
    sys.stdout.write("\n\033[1m==> %s\033[0m\n" % text
                     if sys.stdout.isatty() else "\n==> %s\n" % text)
    sys.stdout.flush()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--image", default=os.path.join(ROOT, "build", "os.iso"))
    args = ap.parse_args(argv)

    say("Booting Phoenix on QEMU (%s)" % args.image)
    m = QemuMachine(args.image)
    times = []
    try:
        m.boot()
        m.console.logfile_read = Tee(m.console.logfile_read, sys.stdout)
        shell = Shell(m).wait_prompt()
        svc = Services(shell)

        say("The services RS runs: every driver is a process of its own")
        shell.check("service status")

        say("hello answers on /dev/hello")
        shell.check("cat /dev/hello")

        say("Live update: hello is replaced by version 2 while it runs")
        out, rc = svc.update("/usr/drivers/hello.v2", "hello")
        assert rc == 0, out
        shell.check("cat /dev/hello")
        shell.check("service status hello")

        say("Live update of the printer in the middle of a 16 KiB print "
            "job (state 7: it waits until no byte is in flight)")
        report = shell.check("lpjob /dev/lp 16384 512 4096 service update "
                             "/usr/drivers/printer -label printer -state 7",
                             timeout=300)
        assert "lpjob: 16384 of 16384 bytes written" in report, report
        data = m.wait_parallel(lambda d: len(d) >= 16384, what="the job")
        say("The printer printed %d bytes, none lost or doubled across the "
            "update" % len(data))

        for label, probe in (("hello", "cat /dev/hello"),
                             ("printer", "echo after the crash > /dev/lp")):
            say("Crashing %s (service fi %s): RS notices and restarts it"
                % (label, label))
            r = measure(svc, label, "crash", timeout=60,
                        probe=lambda s, p=probe: s.check(p))
            times.append(r)
            say("%s is back: detected after %.0f ms, answering again after "
                "%.0f ms" % (label, r.detection_latency_ms,
                             r.recovery_time_ms))

        say("A hang is noticed by the missing heartbeat (service fi hello "
            "hang)")
        times.append(measure(svc, "hello", "hang", timeout=60,
                             probe=lambda s: s.check("cat /dev/hello")))
        shell.check("service status")

        say("Measured recovery times (host ms from 'service fi')")
        print("  %-10s %-6s %12s %12s" % ("service", "fault", "detected",
                                          "recovered"))
        for r in times:
            print("  %-10s %-6s %12.0f %12.0f" % (r.label, r.kind,
                                                  r.detection_latency_ms,
                                                  r.recovery_time_ms))
        say("Powering the guest off")
        status = m.poweroff()
        say("The guest powered off (%s). End of the demo." % status)
        return 0 if status == "ok" else 1
    except Exception as e:                       # narrate, then fail
        say("The demo failed: %s: %s" % (type(e).__name__, e))
        say("Console log: %s" % m.console_log)
        return 1
    finally:
        m.close()


if __name__ == "__main__":
    sys.exit(main())
