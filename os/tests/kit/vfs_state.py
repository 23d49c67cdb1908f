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



def failed_updates():
    """The `service update` runs that fail by design, with their exit
    status (kit.core_recovery.FAILED_UPDATES): the old instance serves on
    with its state."""
    from kit.core_recovery import FAILED_UPDATES
    return FAILED_UPDATES


def held_state_cases(label, into):
    """The cases of vfs and rootfs (LABEL), each on a machine of its own
    with a HeldState made before and verified after: every fault kind and
    two code mutations (fault_kept), an update to each binary in each
    state and each failed update (update_kept); installed into INTO (a
    test module's globals()) as test_fault_keeps_the_state,
    test_update_keeps_the_state and
    test_failed_update_keeps_the_old_state."""
    import pytest
    from kit.core_recovery import (Recovery, UPDATE_STATES, fi_kinds,
                                   install, update_binaries)
    failed = failed_updates()

    @pytest.mark.parametrize("kind", fi_kinds() + ["patch:flip", "patch:skip"])
    def fault(services, machine, kind):
        held = HeldState(services.shell)
        fault_kept(Recovery(services, machine), label, kind, held)

    @pytest.mark.parametrize("binary", update_binaries(label))
    @pytest.mark.parametrize("state", UPDATE_STATES)
    def update(services, machine, state, binary):
        """To itself and to its program file (the same PT_LOAD layout)."""
        held = HeldState(services.shell)
        update_kept(Recovery(services, machine), label, held, binary=binary,
                    state=state)

    @pytest.mark.parametrize("options,code", failed,
                             ids=["-".join(sorted(o)) for o, _ in failed])
    def failed_update(services, machine, options, code):
        held = HeldState(services.shell)
        update_kept(Recovery(services, machine), label, held, expect=code,
                    **options)

    install(into, {"test_fault_keeps_the_state": fault,
                   "test_update_keeps_the_state": update,
                   "test_failed_update_keeps_the_old_state": failed_update})


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
