"""Issue 22: MM restarts in place and is live-updated with its state.

MM's manifest says `restart inplace`: after `service fi mm KIND` (every
kind, and code mutations) RS starts MM's program again in the dead
instance's memory, and a live update (to `self` or to MM's binary file)
carries its records into the new version (os/servers/mm/README.md,
"Restart in place and live update"). After each, on a machine of its own,
the shared checks (os/tests/kit/core_recovery.py: restarted in place, same
endpoint and pid, restart count one higher for a fault, every other
process and service unchanged) and /bin/keeper (harness/keeper.py),
started before: its heap and mapping byte for byte, and MM still knows
them (one more heap page and a new mapping are placed apart from the old
ones, written and given back), its pid, parent and child. A failed update
(-x, -y, -z, a state never reached) leaves the old MM serving. usertests
(fork, exec, sbrk, mmap) passes after a fault (and an update)."""

from kit.core_recovery import keeper_cases

LABEL = "mm"

# test_fault_keeps_every_process, test_code_mutation_keeps_every_process,
# test_update_keeps_every_process, test_failed_update_keeps_the_old_mm,
# test_usertests_pass_after_faults_and_an_update: every fault kind, code
# mutation, update and failed update with the keeper checked, and usertests
# after a crash and an update (kit.core_recovery.keeper_cases).
keeper_cases(LABEL, "memory manager", globals())
