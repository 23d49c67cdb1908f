"""Host test of the block-driver library (os/lib/blockdriver,
sdk/include/blockdriver.h): its request handlers, checks, MBR partitions
and copies compiled with the host gcc (-m32) against fake safe copies and
a fake driver (os/tests/host/blockdriver/blockdriver_host.c), its cases on
the test kit (os/tests/kit, in process); the output read with
harness.suite. Alignment and clipping at the end of a device, 64-bit
positions, vectors (too many, odd sizes, a bad grant), the whole-or-error
rule, minors of absent drives and partitions, read-only drives, MBR
entries (signature, unused, past the end, sector 0), the partition table
read on the first open and DIOCRESCAN (EBUSY while a partition is open),
DIOCGETP, DIOCFLUSH (the driver's flush, or success without one),
grants of another process refused; the interrupt wait (the
alarm, requests kept in order, -EBUSY past the queue's room) and the
replies (issue 20). No emulator needed."""

import os
import subprocess

from harness import suite
from harness.hostbuild import compile
from harness.machine import ROOT

HOST = os.path.join(ROOT, "os", "tests", "host", "blockdriver")
LIB = os.path.join(ROOT, "os", "lib", "blockdriver")
# Everything but driver up (announce.c: DS); task.c over a scripted
# sef_receive.
LIB_FILES = ["check.c", "mbr.c", "drives.c", "transfer.c", "requests.c",
             "table.c", "copy.c", "task.c"]
KIT = [os.path.join(ROOT, "os", "tests", "kit", f)
       for f in ("run.c", "check.c", "inproc.c")]
CASES = ["clip_and_alignment", "vectors", "mbr_parsing", "open_and_minors",
         "transfers", "gather_and_scatter", "partitions", "flush",
         "local_pieces",
         "wait_for_an_interrupt", "requests_during_a_wait", "replies"]


def test_blockdriver_library_on_the_host(tmp_path):
    exe = tmp_path / "blockdriver_host"
    build = None
    for extra in (["-fsanitize=address,undefined"], []):
        build = compile(
            [os.path.join(HOST, "blockdriver_host.c")] +
            [os.path.join(LIB, f) for f in LIB_FILES] + KIT, exe,
            ["-m32", "-std=gnu11", "-O1", "-g"] + extra)
        if build.returncode == 0:
            break                # with the sanitizers when the host has them
    assert build.returncode == 0, build.stderr
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    run = subprocess.run([str(exe)], capture_output=True, text=True,
                         timeout=60, env=env)
    suite.parse(run.stdout + run.stderr, "blockdriver_host",
                run.returncode).check(CASES)
