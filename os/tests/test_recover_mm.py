"""Issue 22: MM restarts in place and is live-updated with its state.

MM's manifest says `restart inplace`: after `service fi mm KIND` (every
kind, and code mutations) RS starts MM's program again in the dead
instance's memory, and a live update (to `self` or to MM's binary file)
carries its records into the new version (os/servers/mm/README.md,
"Restart in place and live update"). After each, on a machine of its own:
MM has the same endpoint and pid, its restart count is up by one for a
fault (the same for an update), every process is still there, and
/bin/keeper (harness/keeper.py), started before, still has its heap and
its mapping byte for byte, and MM still knows them: one more heap page
and a new mapping are placed apart from the old ones, written and given
back. A failed update (-x, -y, -z, a state never reached) leaves the old
MM serving. usertests (fork, exec, sbrk, mmap) passes after a fault and
an update."""

import pytest

from harness import abi, suite
from harness.keeper import KeptWorld, binary, fault, mutation_lines, update

LABEL = "mm"
FI_KINDS = list(abi.FAULT_KINDS)
UPDATE_STATES = (1, 2, 3)
# (service arguments after `update BINARY -label LABEL`, exit status)
FAILED_UPDATES = [("-x", abi.ERESTART), ("-y", abi.ENOSYS),
                  ("-z", abi.EINTR), ("-state 5 -maxtime 1HZ", abi.EINTR)]


@pytest.mark.parametrize("kind", FI_KINDS)
def test_fault_keeps_every_process(services, kind):
    world = KeptWorld(services, LABEL)
    fault(world, "fi %s %s" % (LABEL, kind))
    assert "mm: memory manager restarted in place" in \
        services.shell.machine.console_text()


@pytest.mark.parametrize("kind", [k for k, _ in mutation_lines(LABEL)])
def test_code_mutation_keeps_every_process(services, kind):
    world = KeptWorld(services, LABEL)
    fault(world, dict(mutation_lines(LABEL))[kind])


@pytest.mark.parametrize("target", ["self", "binary"])
@pytest.mark.parametrize("state", UPDATE_STATES)
def test_update_keeps_every_process(services, target, state):
    world = KeptWorld(services, LABEL)
    update(world, "self" if target == "self" else binary(LABEL),
           "-state %d" % state)
    assert "mm: memory manager updated in place" in \
        services.shell.machine.console_text()


@pytest.mark.parametrize("args,code", FAILED_UPDATES,
                         ids=[a.split()[0] for a, _ in FAILED_UPDATES])
def test_failed_update_keeps_the_old_mm(services, args, code):
    world = KeptWorld(services, LABEL)
    update(world, "self", args, code)


def test_usertests_pass_after_a_fault_and_an_update(services):
    world = KeptWorld(services, LABEL)
    fault(world, "fi %s crash" % LABEL)
    update(world, "self")
    suite.run(services.shell, "usertests", timeout=600).check()
    world.keeper.assert_same()
