"""State held in VFS and rootfs across a fault or a live update of either
(os/tests/test_recover_vfs.py, test_recover_rootfs.py).

HeldState starts /bin/vfsstate in the background (os/tests/user/vfsstate:
a file open at an offset, a pipe with unread data, a working directory, a
reader blocked on a pipe and one blocked on a terminal nobody types on),
and keeps a copy of a larger file with its checksum (rootfs's content).
verify() wakes vfsstate (SIGUSR1), which checks all of it with the same
descriptors and writes its verdict, and compares the copy's checksum."""

import time

TTY = "/dev/agent"           # a terminal line the console tests leave alone


class HeldState:
    def __init__(self, shell, where="/tmp/vs", tty=TTY, timeout=60):
        self.shell, self.dir = shell, where
        shell.check("rm -rf %s %s.big" % (where, where))
        shell.check("cp /bin/sh %s.big" % where)
        self.big_sum = shell.check("cksum %s.big" % where).split()[0]
        shell.check("vfsstate %s %s > %s.log & true" % (where, tty, where))
        self.pid = self._wait_file("ready", timeout).strip()
        assert self.pid.isdigit(), self.pid

    def _wait_file(self, name, timeout):
        """The contents of DIR/NAME once it exists (polled: the guest
        process writes it when it gets there)."""
        deadline = time.monotonic() + timeout
        while True:
            out, rc = self.shell.run("cat %s/%s" % (self.dir, name))
            if rc == 0 and out.strip():
                return out
            assert time.monotonic() < deadline, \
                "%s/%s never written; log: %s" % (
                    self.dir, name,
                    self.shell.run("cat %s.log" % self.dir)[0])

    def still_held(self):
        """vfsstate and its two children are alive (ps lists them)."""
        rows = [line.split() for line in self.shell.check("ps").splitlines()]
        alive = [r for r in rows if len(r) >= 3 and r[2] == "vfsstate"]
        assert len(alive) == 3, rows
        return alive

    def verify(self, timeout=60):
        """Wake vfsstate and assert its verdict is ok and the copy of
        /bin/sh has the checksum it had."""
        self.shell.check("kill -USR1 %s" % self.pid)
        verdict = self._wait_file("result", timeout).strip()
        assert verdict == "vfsstate: ok", verdict
        assert self.shell.check("cksum %s.big" % self.dir).split()[0] == \
            self.big_sum
        self.shell.check("rm -rf %s %s.big %s.log" % ((self.dir,) * 3))


FAULTS = ("crash", "panic", "segv", "exit", "badio", "badipc", "hang")
# `service update` runs on LABEL that fail by design, and the exit code
# (as for drivers: os/tests/test_reliability.py): the old instance serves
# on with its state.
FAILED_UPDATES = (("-x", 200), ("-y", 78), ("-z", 4),
                  ("-state 5 -maxtime 1HZ", 4))


def patch_line(label):
    """A `fi LABEL patch` line: one code mutation of LABEL's binary (the
    text guard catches it within a heartbeat period)."""
    import random
    from harness import mutate
    binary, rng = mutate.load(label), random.Random(22)
    addr, old, new = mutate.mutation(binary, "flip", rng)
    return "fi %s patch 0x%x %s %s" % (label, addr, old.hex(), new.hex())


def fault_kept(services, label, kind, held):
    """`service fi LABEL KIND` (KIND "patch": a code mutation): LABEL
    comes back in place (same endpoint and pid, restart count up) and
    HELD is intact."""
    before = services.get(label)
    line = patch_line(label) if kind == "patch" else \
        "fi %s %s" % (label, kind)
    out, rc = services.run(line)
    assert rc == 0, (line, out)
    after = services.wait_recovered(label, before["restarts"], timeout=90)
    assert after["endpoint"] == before["endpoint"], line
    assert after["pid"] == before["pid"], line
    held.still_held()
    held.verify()


def update_kept(services, label, args, code, held):
    """`service update self -label LABEL ARGS` exits CODE; LABEL is up at
    its endpoint, HELD is intact."""
    before = services.get(label)
    line = "update self -label %s %s" % (label, args)
    out, rc = services.run(line.strip(), timeout=120)
    assert rc == code, (line, out)
    after = services.get(label)
    assert after["state"] == "up", (line, after)
    assert after["endpoint"] == before["endpoint"], line
    held.still_held()
    held.verify()
