"""The guest's /bin/keeper (os/tests/user/keeper): a process whose state
lives in PM and MM (pid, parent, a child, handlers, an alarm, a heap and a
mapping holding a pattern), to show it survives a restart or a live update
of pm or mm (os/tests/test_recover_pm.py, test_recover_mm.py).

``Keeper(shell).start()`` starts it; ``check()`` returns its report as a
dict (pid, ppid, child, waitable, heap, map, alarm, grow); ``assert_same``
checks that a report shows the process as it was, its memory intact and
still able to grow."""

import random
import re

from harness import mutate

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


def processes(shell):
    """The guest's processes as a set of (pid, name, endpoint), without ps
    and keeper's checker (which come and go)."""
    rows = set()
    for line in shell.check("ps").splitlines():
        words = line.split()
        if (len(words) >= 4 and words[0].isdigit() and
                words[2] not in ("ps",)):
            rows.add((int(words[0]), words[2], words[-1]))
    return rows


class KeptWorld:
    """What must survive a restart or update of LABEL (pm or mm): the
    keeper, every process (pid, name, endpoint) and LABEL's slot
    (endpoint, pid)."""

    def __init__(self, services, label):
        self.services, self.label = services, label
        self.shell = services.shell
        self.keeper = Keeper(self.shell)
        self.keeper.start()
        self.procs = processes(self.shell)
        self.status = services.get(label)

    def assert_kept(self, restarts):
        """LABEL is up in its slot with RESTARTS restarts, every process is
        still there, and the keeper is as it was."""
        now = self.services.get(self.label)
        assert now["state"] == "up", now
        assert now["endpoint"] == self.status["endpoint"], (now, self.status)
        assert now["pid"] == self.status["pid"], (now, self.status)
        assert now["restarts"] == restarts, (now, restarts)
        self.keeper.assert_same()
        assert processes(self.shell) == self.procs


def binary(label):
    """The file a live update to a binary uses: the service's own
    program in the root file system."""
    return "/usr/sbin/%s" % label


def fault(world, line):
    """`service LINE` (a fault), then LABEL back with one more restart and
    everything kept."""
    before = world.services.get(world.label)["restarts"]
    out, rc = world.services.run(line)
    assert rc == 0, (line, out)
    world.services.wait_recovered(world.label, before, timeout=60)
    world.assert_kept(before + 1)
    assert "%s: kept state is inconsistent" % world.label not in \
        world.shell.machine.console_text()


def update(world, target, args="", code=0):
    """`service update TARGET -label LABEL ARGS` exits CODE, and
    everything is kept, the restart count unchanged."""
    restarts = world.services.get(world.label)["restarts"]
    line = ("update %s -label %s %s" % (target, world.label, args)).strip()
    out, rc = world.services.run(line, timeout=120)
    assert rc == code, (line, out)
    world.assert_kept(restarts)


def mutation_lines(label):
    """[(kind, `fi LABEL patch ...` line)], one per harness.mutate kind
    (a fixed seed: the same lines every run)."""
    program, rng = mutate.load(label), random.Random(22)
    lines = []
    for kind in mutate.KINDS:
        addr, old, new = mutate.mutation(program, kind, rng)
        lines.append((kind, "fi %s patch 0x%x %s %s" % (
            label, addr, old.hex(), new.hex())))
    return lines
