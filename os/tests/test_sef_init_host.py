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
import subprocess

from harness import suite
from harness.hostbuild import compile
from harness.machine import ROOT

HOST = os.path.join(ROOT, "os", "tests", "host", "sef")
SEF = os.path.join(ROOT, "os", "lib", "sef")
KIT = [os.path.join(ROOT, "os", "tests", "kit", f)
       for f in ("run.c", "check.c", "inproc.c")]
CASES = ["fresh_start_keeps_ipc", "init_tells_rs_what_it_offers", "reset_restart_keeps_early_requests",
         "stateful_restart_clears_before_init", "live_update_keeps_ipc",
         "kept_restart_checks_state_and_keeps_ipc",
         "kept_restart_answers_request_in_flight",
         "kept_state_inconsistent_fails_init"]


def test_sef_init_clears_ipc_only_for_a_stateful_restart(tmp_path):
    exe = tmp_path / "sef_init_host"
    build = None
    for extra in (["-fsanitize=address,undefined"], []):
        build = compile(
            [os.path.join(HOST, "sef_init_host.c"),
             os.path.join(SEF, "startup.c"),
             os.path.join(SEF, "defaults.c")] + KIT, exe,
            ["-m32", "-std=gnu11", "-O1", "-g", "-I", SEF] + extra)
        if build.returncode == 0:
            break                # with the sanitizers when the host has them
    assert build.returncode == 0, build.stderr
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    run = subprocess.run([str(exe)], capture_output=True, text=True,
                         timeout=60, env=env)
    suite.parse(run.stdout + run.stderr, "sef_init_host",
                run.returncode).check(CASES)


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
    build = compile(
        [os.path.join(HOST, "sef_fi_host.c"),
         os.path.join(HOST, "catch_crash.c"), os.path.join(SEF, "fi.c"),
         os.path.join(SEF, "defaults.c")] + KIT, exe,
        ["-m32", "-std=gnu11", "-O1", "-g", "-I", SEF])
    assert build.returncode == 0, build.stderr
    run = subprocess.run([str(exe)], capture_output=True, text=True,
                         timeout=60)
    suite.parse(run.stdout + run.stderr, "sef_fi_host",
                run.returncode).check(FI_CASES)
