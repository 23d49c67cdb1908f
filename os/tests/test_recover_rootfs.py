"""Issue 22: rootfs recovers in place with every file (os/servers/rootfs/README.md
"Restart in place and live update").

After `service fi rootfs KIND` (every kind, and a code mutation) and after
`service update self -label rootfs` (states 1 2 3; -x -y -z and state 5 roll
back), the same rootfs (endpoint, pid), and VFS with it, still holds what processes had before
(kit/vfs_state.py, /bin/vfsstate): a file open at an offset, a pipe with
unread data, a working directory, a reader blocked on a pipe and one on a
terminal, files written before; and usertests pass."""

import pytest

from harness import suite
from kit.vfs_state import (FAILED_UPDATES, FAULTS, HeldState, fault_kept,
                           update_kept)

LABEL = "rootfs"


@pytest.mark.parametrize("kind", FAULTS + ("patch",))
def test_fault_keeps_the_state(services, kind):
    held = HeldState(services.shell)
    fault_kept(services, LABEL, kind, held)


@pytest.mark.parametrize("state", (1, 2, 3))
def test_update_self_keeps_the_state(services, state):
    held = HeldState(services.shell)
    update_kept(services, LABEL, "-state %d" % state, 0, held)


@pytest.mark.parametrize("args,code", FAILED_UPDATES,
                         ids=[a.split()[0] for a, _ in FAILED_UPDATES])
def test_failed_update_keeps_the_old_state(services, args, code):
    held = HeldState(services.shell)
    update_kept(services, LABEL, args, code, held)


def test_usertests_after_faults_and_updates(services):
    """A fault, a second one (after its backoff), an update: then the
    POSIX suite."""
    held = HeldState(services.shell)
    fault_kept(services, LABEL, "crash", held)
    held = HeldState(services.shell)
    fault_kept(services, LABEL, "segv", held)
    held = HeldState(services.shell)
    update_kept(services, LABEL, "", 0, held)
    suite.run(services.shell, "usertests", timeout=600).check()
