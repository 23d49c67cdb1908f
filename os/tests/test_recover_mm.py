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

import pytest

from harness import mutate
from harness.keeper import Keeper
from kit.core_recovery import (Recovery, UPDATE_CRASH_EXIT, UPDATE_FAIL_EXIT,
                               UPDATE_TIMEOUT_EXIT, fi_kinds, manifest,
                               mutation_line)

LABEL = "mm"
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
    assert "mm: memory manager restarted in place" in text, text
    assert "kept state is inconsistent" not in text, text


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
    assert "mm: memory manager updated in place" in rec.console_since(mark)


@pytest.mark.parametrize("options,code", FAILED_UPDATES,
                         ids=["-x", "-y", "-z", "state5"])
def test_failed_update_keeps_the_old_mm(services, machine, options, code):
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
