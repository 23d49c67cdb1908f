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



# The `service update` runs that fail by design, with their exit status
# (kit.core_recovery): the old instance serves on with its state.
def failed_updates():
    from kit.core_recovery import (UPDATE_CRASH_EXIT, UPDATE_FAIL_EXIT,
                                   UPDATE_TIMEOUT_EXIT)
    return ((dict(x=True), UPDATE_CRASH_EXIT), (dict(y=True), UPDATE_FAIL_EXIT),
            (dict(z=True), UPDATE_TIMEOUT_EXIT),
            (dict(state=5, maxtime="1HZ"), UPDATE_TIMEOUT_EXIT))


def fault_kept(rec, label, kind, held):
    """`service fi LABEL KIND` (KIND "patch:MUTATION": a code mutation)
    through kit.core_recovery (restarted in place: same endpoint and pid,
    one restart more, every other process kept); then HELD is intact."""
    from kit.core_recovery import mutation_line
    if kind.startswith("patch:"):
        kind = mutation_line(label, kind.split(":")[1])
    rec.fi(label, kind, timeout=90)
    held.still_held()
    held.verify()


def update_kept(rec, label, held, expect=0, binary="self", **options):
    """`service update BINARY -label LABEL` with OPTIONS exits EXPECT
    (kit.core_recovery: same endpoint and pid); then HELD is intact."""
    rec.update(label, binary, expect=expect, **options)
    held.still_held()
    held.verify()
