"""Host test of the SDK's state helper (sdk/include/dsstate.h,
os/lib/ds/ds_state.c): compiled with the host gcc (-m32) against a fake
data store (os/tests/host/dsstate/dsstate_host.c), its cases on the test
kit (os/tests/kit, in process); the output read with harness.suite. A 16 KiB
state comes back whole; a save cut short, a missing or short chunk, a
changed byte, a bad or oversized header, a layout changed without a new
version are each refused with an error and a sentence, the memory left as
it was; an older layout is migrated, or refused with ENOSYS when there is
no migration (issue 19). No emulator needed."""

import os

from harness.hostbuild import KIT_INPROC, check_kit_suite
from harness.machine import ROOT

HOST = os.path.join(ROOT, "os", "tests", "host")
LIB = os.path.join(ROOT, "os", "lib", "ds")
CASES = ["crc32_is_the_common_one", "a_16k_state_comes_back_whole",
         "nothing_saved_is_enoent", "a_save_cut_short_is_detected",
         "a_missing_or_short_chunk_is_incomplete",
         "a_changed_byte_is_corrupt", "a_bad_or_oversized_header_is_refused",
         "a_new_layout_without_a_new_version_is_refused",
         "an_older_layout_is_migrated", "no_migration_is_enosys",
         "delete_removes_every_blob",
         "a_name_too_long_for_the_chunk_keys_is_refused"]


def test_state_helper_on_the_host(tmp_path):
    exe = tmp_path / "dsstate_host"
    check_kit_suite(
        "dsstate_host", [os.path.join(HOST, "dsstate", "dsstate_host.c"),
                         os.path.join(LIB, "ds_state.c"),
                         os.path.join(LIB, "ds_state_crc.c")] + KIT_INPROC,
        exe, ["-m32", "-std=gnu11", "-O1", "-g"], CASES)
