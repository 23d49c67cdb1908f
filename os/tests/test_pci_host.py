"""Host test of the PCI server (os/servers/pci, all but main.c): compiled
with the host gcc (-m32) against a fake bus on the configuration ports,
fake kernel calls, a fake RS and a fake DS (os/tests/host/pci/pci_host.c);
its cases on the test kit, in process. No emulator needed: the scan
(multifunction, bridges, bus 1), BAR sizing (memory, I/O, 64-bit, smaller
than a page, none), the reservation rules, the holder-only requests, the
release of a dead holder's device with its bus mastering off, a restart
that sizes no BAR, /dev/pci's text."""

import glob
import os

from harness.hostbuild import check_server_suite
from harness.machine import ROOT

SERVER = os.path.join(ROOT, "os", "servers", "pci")
CASES = ["scan_finds_the_functions", "scan_sizes_the_bars", "reserve_rules",
         "bar_and_config_access", "release_when_the_holder_is_gone",
         "restart_keeps_holders_and_sizes", "dev_pci_text"]


def test_pci_server_on_the_host(tmp_path):
    sources = [s for s in sorted(glob.glob(os.path.join(SERVER, "*.c")))
               if os.path.basename(s) not in ("main.c", "config.c")] + \
        [os.path.join(SERVER, "config.c")]
    exe = tmp_path / "pci_host"
    check_server_suite("pci", sources, exe, CASES)
