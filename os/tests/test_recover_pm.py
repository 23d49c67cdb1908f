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

import pytest

from harness import mutate
from harness.keeper import Keeper
from kit.core_recovery import (Recovery, UPDATE_CRASH_EXIT, UPDATE_FAIL_EXIT,
                               UPDATE_TIMEOUT_EXIT, fi_kinds, manifest,
                               mutation_line)

LABEL = "pm"
UPDATE_STATES = (1, 2, 3)
FAILED_UPDATES = [({"x": True}, UPDATE_CRASH_EXIT),
                  ({"y": True}, UPDATE_FAIL_EXIT),
                  ({"z": True}, UPDATE_TIMEOUT_EXIT),
                  ({"state": 5, "maxtime": "1HZ"}, UPDATE_TIMEOUT_EXIT)]


def kept(services, machine):
    """(Recovery, Keeper) on this machine, the keeper started."""
    keeper = Keeper(services.shell)
    keeper.start()
    return Recovery(services, machine), keeper


def needs_update():
    """Skip while the manifest still refuses `update` (the keep-state
    live update of a core service is not there yet)."""
    if "update" in manifest(LABEL).get("core", []):
        pytest.skip("%s's manifest refuses update (core)" % LABEL)


@pytest.mark.parametrize("kind", fi_kinds())
def test_fault_keeps_every_process(services, machine, kind):
    rec, keeper = kept(services, machine)
    mark = rec.mark()
    rec.fi(LABEL, kind)
    keeper.assert_same()
    text = rec.console_since(mark)
    assert "pm: process manager restarted in place" in text, text
    assert "kept state is inconsistent" not in text, text


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


@pytest.mark.parametrize("kind", mutate.KINDS)
def test_code_mutation_keeps_every_process(services, machine, kind):
    rec, keeper = kept(services, machine)
    rec.fi(LABEL, mutation_line(LABEL, kind))
    keeper.assert_same()


@pytest.mark.parametrize("binary", ["self", "/usr/boot/" + LABEL])
@pytest.mark.parametrize("state", UPDATE_STATES)
def test_update_keeps_every_process(services, machine, binary, state):
    needs_update()
    rec, keeper = kept(services, machine)
    mark = rec.mark()
    rec.update(LABEL, binary, state=state)
    keeper.assert_same()
    assert "pm: process manager updated in place" in rec.console_since(mark)


@pytest.mark.parametrize("options,code", FAILED_UPDATES,
                         ids=["-x", "-y", "-z", "state5"])
def test_failed_update_keeps_the_old_pm(services, machine, options, code):
    needs_update()
    rec, keeper = kept(services, machine)
    rec.update(LABEL, "self", expect=code, **options)
    keeper.assert_same()


def test_usertests_pass_after_faults_and_an_update(services, machine):
    rec, keeper = kept(services, machine)
    rec.fi(LABEL, "crash")
    keeper.assert_same()
    if "update" not in manifest(LABEL).get("core", []):
        rec.update(LABEL, "self")
        keeper.assert_same()
    rec.usertests()
    keeper.assert_same()
