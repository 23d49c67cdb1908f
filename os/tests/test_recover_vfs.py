"""Issue 22: VFS recovers in place with its state (os/servers/vfs/README.md
"Restart in place and live update").

After `service fi vfs KIND` (every kind, and a code mutation) and after
`service update self|/usr/boot/vfs -label vfs` (states 1 2 3; -x -y -z
and state 5 roll back), the same VFS (endpoint, pid) still holds what processes had before
(kit/vfs_state.py, /bin/vfsstate): a file open at an offset, a pipe with
unread data, a working directory, a reader blocked on a pipe and one on a
terminal, files written before; and usertests pass."""

from kit.core_recovery import Recovery
from kit.vfs_state import HeldState, fault_kept, held_state_cases, update_kept

LABEL = "vfs"

# test_fault_keeps_the_state, test_update_keeps_the_state,
# test_failed_update_keeps_the_old_state: every fault kind and two code
# mutations, each update and failed update, with the held state verified
# after each (kit.vfs_state.held_state_cases).
held_state_cases(LABEL, globals())


def test_usertests_after_faults_and_updates(services, machine):
    """Two faults (the second after its backoff) and an update, each with
    the state checked, then the POSIX suite."""
    rec = Recovery(services, machine)
    for kind in ("crash", "segv"):
        held = HeldState(services.shell)
        fault_kept(rec, LABEL, kind, held)
    held = HeldState(services.shell)
    update_kept(rec, LABEL, held)
    rec.usertests()
