"""Host test of the data store server (os/servers/ds): its request
handlers compiled with the host gcc (-m32) together with fake kernel calls
and a fake notify (os/tests/host/ds/ds_host.c), its cases on the test kit
(os/tests/kit, in process); the output read with harness.suite. No
emulator needed."""

import glob
import os

from harness.hostbuild import check_server_suite
from harness.machine import ROOT

SERVER = os.path.join(ROOT, "os", "servers", "ds")
HOST = os.path.join(ROOT, "os", "tests", "host")
CASES = ["patterns", "u32", "bad_keys", "str_mem", "labels", "delete",
         "full", "subscribe", "tombstones", "sub_limits", "kept_state"]


def test_ds_handlers_on_the_host(tmp_path):
    sources = [s for s in sorted(glob.glob(os.path.join(SERVER, "*.c")))
               if os.path.basename(s) not in ("main.c", "sef_shim.c")]
    exe = tmp_path / "ds_host"
    check_server_suite(
        "ds", [os.path.join(HOST, "fake_kernel.c"),
               os.path.join(ROOT, "os", "lib", "sys", "vircopy_str.c")] +
        sources, exe, CASES, std="c11")
