"""Issue 22: rootfs recovers in place with every file
(os/servers/rootfs/README.md "Restart in place and live update").

After `service fi rootfs KIND` (every kind, and a code mutation) and after
`service update self|/usr/boot/rootfs -label rootfs` (states 1 2 3; -x -y -z
and state 5 roll back), the same rootfs (endpoint, pid) keeps every file, and VFS what processes
had (kit/vfs_state.py, /bin/vfsstate): a file open at an offset, a pipe with
unread data, a working directory, a reader blocked on a pipe and one on a
terminal, files written before; and usertests pass."""

import pytest

from kit.core_recovery import Recovery, fi_kinds
from kit.vfs_state import HeldState, failed_updates, fault_kept, update_kept

LABEL = "rootfs"
FAILED = failed_updates()


@pytest.mark.parametrize("kind", fi_kinds() + ["patch:flip", "patch:skip"])
def test_fault_keeps_the_state(services, machine, kind):
    held = HeldState(services.shell)
    fault_kept(Recovery(services, machine), LABEL, kind, held)


@pytest.mark.parametrize("binary", ("self", "/usr/boot/" + LABEL))
@pytest.mark.parametrize("state", (1, 2, 3))
def test_update_keeps_the_state(services, machine, state, binary):
    """To itself and to its program file (the same PT_LOAD layout)."""
    held = HeldState(services.shell)
    update_kept(Recovery(services, machine), LABEL, held, binary=binary,
                state=state)


@pytest.mark.parametrize("options,code", FAILED,
                         ids=["-".join(sorted(o)) for o, _ in FAILED])
def test_failed_update_keeps_the_old_state(services, machine, options, code):
    held = HeldState(services.shell)
    update_kept(Recovery(services, machine), LABEL, held, expect=code,
                **options)


def test_usertests_after_faults(services, machine):
    """Two faults (the second after its backoff), each with the state
    checked, then the POSIX suite."""
    rec = Recovery(services, machine)
    for kind in ("crash", "segv"):
        held = HeldState(services.shell)
        fault_kept(rec, LABEL, kind, held)
    rec.usertests()


def test_usertests_after_an_update(services, machine):
    """An update with the state checked, then the POSIX suite (its big
    files need rootfs's heap to grow)."""
    rec = Recovery(services, machine)
    held = HeldState(services.shell)
    update_kept(rec, LABEL, held)
    rec.usertests()
