"""The guest's /bin/keeper (os/tests/user/keeper): a process whose state
lives in PM and MM (pid, parent, a child, handlers, an alarm, a heap and a
mapping holding a pattern), to show it survives a restart or a live update
of pm or mm (os/tests/test_recover_pm.py, test_recover_mm.py).

``Keeper(shell).start()`` starts it; ``check()`` returns its report as a
dict (pid, ppid, child, waitable, heap, map, alarm, grow); ``assert_same``
checks that a report shows the process as it was, its memory intact and
still able to grow. The service's own checks (restarted in place, same
endpoint and pid) are os/tests/kit/core_recovery.py's."""

import re

REPORT_RE = re.compile(
    r"keeper: pid (?P<pid>\d+) ppid (?P<ppid>\d+) child (?P<child>\d+) "
    r"waitable (?P<waitable>-?\d+) heap (?P<heap>\S+) map (?P<map>\S+) "
    r"alarm (?P<alarm>\S+) grow (?P<grow>\S+) quiet (?P<quiet>\S+)")


class Keeper:
    def __init__(self, shell):
        self.shell = shell
        self.pid = None
        self.first = None

    def start(self):
        """Start the keeper; return its first report (all must be well)."""
        out = self.shell.check("keeper start")
        m = re.search(r"keeper: pid (\d+)", out)
        assert m, out
        self.pid = int(m.group(1))
        self.first = self.check()
        assert self.first["pid"] == self.pid, self.first
        self.assert_same(self.first)
        return self.first

    def check(self):
        """The keeper's report now, as a dict."""
        out, rc = self.shell.run("keeper check", timeout=60)
        m = REPORT_RE.search(out)
        assert rc == 0 and m, (rc, out)
        d = m.groupdict()
        for key in ("pid", "ppid", "child", "waitable"):
            d[key] = int(d[key])
        return d

    def assert_same(self, report=None):
        """REPORT (default: a new one) shows the keeper as it started: the
        same pid, parent and child (still its child, alive: waitpid
        WNOHANG 0), heap and mapping contents, the alarm still pending,
        new memory to be had apart from the old, and no wait in PM (K's
        sigsuspend, C's sleep) that ended without cause."""
        report = report or self.check()
        want = dict(self.first, waitable=0, heap="ok", map="ok",
                    alarm="pending", grow="ok", quiet="yes")
        assert report == want, (report, want)
        return report

    def stop(self):
        self.shell.check("keeper stop")


