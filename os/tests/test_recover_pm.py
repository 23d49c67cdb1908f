"""Issue 22: PM restarts in place and is live-updated with its state.

PM's manifest says `restart inplace`: after `service fi pm KIND` (every
kind, and code mutations) RS starts PM's program again in the dead
instance's memory, and a live update (to `self` or to PM's binary file)
carries that memory into the new version (os/servers/pm/README.md,
"Restart in place and live update"). After each, on a machine of its own,
the shared checks (os/tests/kit/core_recovery.py: restarted in place, same
endpoint and pid, restart count one higher for a fault, every other
process and service unchanged) and /bin/keeper (harness/keeper.py),
started before: waiting in PM (sigsuspend) with handlers and an alarm, a
child asleep in PM with an alarm, a heap and a mapping -- the same pid,
parent and child (still waitable), its memory and alarm, no wait that
ended without cause, and new memory to be had. A failed update (-x, -y,
-z, a state never reached) leaves the old PM serving with everything.
usertests passes after a fault (and an update)."""

from kit.core_recovery import Recovery, keeper_cases

LABEL = "pm"

# test_fault_keeps_every_process, test_code_mutation_keeps_every_process,
# test_update_keeps_every_process, test_failed_update_keeps_the_old_pm,
# test_usertests_pass_after_faults_and_an_update: every fault kind, code
# mutation, update and failed update with the keeper checked, and usertests
# after a crash and an update (kit.core_recovery.keeper_cases).
keeper_cases(LABEL, "process manager", globals())


def test_a_sleep_across_a_hang_ends(services, machine):
    """`fi pm hang` cancels PM's kernel alarm (a receive from the clock
    with no alarm); a sleep due while PM hangs ends once PM is back (its
    re-sync fires what came due and sets the alarm again)."""
    rec = Recovery(services, machine)
    services.shell.check("sleep 1 & true")
    rec.fi(LABEL, "hang", others_kept=False)
    out, rc = services.shell.run("wait", timeout=60)
    assert rc == 0, out


def test_a_sleep_across_an_update_ends(services, machine):
    """The new PM of a keep-state update runs in a copy of the old one,
    which has no kernel alarm; a sleep started before ends after the
    update (the re-sync sets the alarm again)."""
    rec = Recovery(services, machine)
    services.shell.check("sleep 2 & true")
    rec.update(LABEL, "self")
    out, rc = services.shell.run("wait", timeout=60)
    assert rc == 0, out
