"""Host test of the e1000 driver's hardware layer (os/drivers/e1000:
e1000_hw.c, rings.c) against a fake card whose registers are plain memory
and whose DMA memory is the host's (os/tests/host/e1000/e1000_host.c), its
cases on the test kit (os/tests/kit, in process); the output read with
harness.suite. A reset that never finishes is given up (bounded wait);
the MAC address from receive address 0; the rings handed to the card
(addresses, lengths, tails, buffers within a page); the transmit ring
(padding to 60 bytes, the descriptor's command, one slot always empty,
slots taken back once done, wrapping); the receive ring (good frames,
errors and frames without end of packet dropped, the tail following,
wrapping); interrupts unmasked and masked, stop (issue 21). No emulator
needed."""

import os
import subprocess

from harness import suite
from harness.hostbuild import compile
from harness.machine import ROOT

HOST = os.path.join(ROOT, "os", "tests", "host", "e1000")
DRV = os.path.join(ROOT, "os", "drivers", "e1000")
KIT = [os.path.join(ROOT, "os", "tests", "kit", f)
       for f in ("run.c", "check.c", "inproc.c")]
CASES = ["reset_is_bounded", "address_from_receive_address_0",
         "rings_start", "transmit_ring", "receive_ring",
         "stop_and_interrupts"]


def test_e1000_hardware_layer_on_the_host(tmp_path):
    exe = tmp_path / "e1000_host"
    build = None
    for extra in (["-fsanitize=address,undefined"], []):
        build = compile(
            [os.path.join(HOST, "e1000_host.c"),
             os.path.join(DRV, "e1000_hw.c"), os.path.join(DRV, "rings.c")]
            + KIT, exe, ["-m32", "-std=gnu11", "-O1", "-g"] + extra)
        if build.returncode == 0:
            break                # with the sanitizers when the host has them
    assert build.returncode == 0, build.stderr
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    run = subprocess.run([str(exe)], capture_output=True, text=True,
                         timeout=120, env=env)
    suite.parse(run.stdout + run.stderr, "e1000_host",
                run.returncode).check(CASES)
