"""Host test of libbdev (os/lib/bdev), the file servers' block client:
compiled with the host gcc (-m32) against a fake driver that dies and
comes back at a new endpoint, grants that name their grantee, driver-up
events and a scripted receive (os/tests/host/bdev/bdev_host.c), its cases
on the test kit (os/tests/kit, in process). Plain reads, writes, vectors
and ioctls; a driver that dies under a call is waited for (the file
server's other messages kept for bdev_receive), its open devices opened
again at the new instance and the call sent there with new grants; an
idle restart; -EIO after the wait or after BDEV_RETRIES deaths (issue
20). No emulator needed."""

import os
import subprocess

from harness import suite
from harness.hostbuild import compile
from harness.machine import ROOT

HOST = os.path.join(ROOT, "os", "tests", "host", "bdev")
LIB = os.path.join(ROOT, "os", "lib", "bdev")
KIT = [os.path.join(ROOT, "os", "tests", "kit", f)
       for f in ("run.c", "check.c", "inproc.c")]
CASES = ["binding", "plain_io", "a_dead_driver_is_waited_for",
         "an_idle_restart", "a_driver_that_stays_away",
         "a_stale_alarm_does_not_end_the_wait",
         "a_driver_that_keeps_dying", "close"]


def test_bdev_library_on_the_host(tmp_path):
    exe = tmp_path / "bdev_host"
    build = None
    for extra in (["-fsanitize=address,undefined"], []):
        build = compile(
            [os.path.join(HOST, "bdev_host.c")] +
            [os.path.join(LIB, f) for f in ("call.c", "driver.c", "io.c",
                                            "queue.c")] + KIT, exe,
            ["-m32", "-std=gnu11", "-O1", "-g"] + extra)
        if build.returncode == 0:
            break                # with the sanitizers when the host has them
    assert build.returncode == 0, build.stderr
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    run = subprocess.run([str(exe)], capture_output=True, text=True,
                         timeout=60, env=env)
    suite.parse(run.stdout + run.stderr, "bdev_host",
                run.returncode).check(CASES)
