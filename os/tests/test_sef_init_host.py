"""Host test of SEF's init protocol (os/lib/sef/startup.c, defaults.c)
with a fake RS and kernel (os/tests/host/sef/sef_init_host.c), on the rule
libblockdriver relies on (issue 20; the seeds' restart race): a fresh
start, a live update and a restart with a new endpoint leave the IPC state
alone (a request that reached the new instance before its init finished is
served), only a stateful restart clears it (STATECTL_CLEAR_IPC), before
the init callback; a restart in place (SEF_INIT_KEPT, issue 22) keeps it,
checks the kept state first (an inconsistent one fails the init, never
used), and answers -EIO to the request the old instance was handling. No
emulator needed."""

import os

from harness.hostbuild import KIT_INPROC, check_kit_suite
from harness.machine import ROOT

HOST = os.path.join(ROOT, "os", "tests", "host", "sef")
SEF = os.path.join(ROOT, "os", "lib", "sef")
CASES = ["fresh_start_keeps_ipc", "init_tells_rs_what_it_offers",
         "reset_restart_keeps_early_requests",
         "stateful_restart_clears_before_init", "live_update_keeps_ipc",
         "kept_restart_checks_state_and_keeps_ipc",
         "kept_restart_answers_request_in_flight",
         "kept_state_inconsistent_fails_init"]


def test_sef_init_clears_ipc_only_for_a_stateful_restart(tmp_path):
    exe = tmp_path / "sef_init_host"
    check_kit_suite(
        "sef_init_host", [os.path.join(HOST, "sef_init_host.c"),
                          os.path.join(SEF, "startup.c"),
                          os.path.join(SEF, "defaults.c")] + KIT_INPROC,
        exe, ["-m32", "-std=gnu11", "-O1", "-g", "-I", SEF], CASES)


FI_CASES = ["midrequest_cuts_the_first_request_it_may",
            "a_kept_start_disarms_midrequest",
            "corrupt_calls_the_hook_then_crashes"]


def test_sef_debug_fault_kinds(tmp_path):
    """os/lib/sef/fi.c's debug kinds (os/tests/host/sef/sef_fi_host.c):
    midrequest cuts the first request it may, once (not the asker's, not
    a boot service's, not one whose sender waits for no answer), a kept
    start disarms it; corrupt crashes only after its hook damaged
    something."""
    exe = tmp_path / "sef_fi_host"
    check_kit_suite(
        "sef_fi_host", [os.path.join(HOST, "sef_fi_host.c"),
                        os.path.join(HOST, "catch_crash.c"),
                        os.path.join(SEF, "fi.c"),
                        os.path.join(SEF, "defaults.c")] + KIT_INPROC,
        exe, ["-m32", "-std=gnu11", "-O1", "-g", "-I", SEF], FI_CASES)
