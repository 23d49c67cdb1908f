"""Host test of MM's kept-state check (os/servers/mm/check.c, issue 22):
check.c and proc.c compiled with the host gcc (-m32) against a fake
kernel (os/tests/host/mm/mm_host.c: one process's proc_info and the pages
it has mapped), its cases on the test kit (os/tests/kit, in process). A
consistent record passes (a stale one is not held against the kernel,
device memory is never read); overlapping, unsorted, misaligned or
out-of-bounds mappings, a bad heap, too many mappings or bytes, a record
in another slot, a heap start other than the kernel's image end, and a
page the record says is mapped that the kernel does not have are each
refused with -EINVAL and a reason naming it. No emulator needed."""

import os

from harness.hostbuild import check_server_suite
from harness.machine import ROOT

SERVER = os.path.join(ROOT, "os", "servers", "mm")
CASES = ["a_consistent_state_passes",
         "overlapping_or_unsorted_mappings_are_refused",
         "a_bad_heap_or_count_is_refused",
         "a_record_in_another_slot_is_refused",
         "disagreeing_with_the_kernel_is_refused"]


def test_mm_state_check_on_the_host(tmp_path):
    exe = tmp_path / "mm_host"
    check_server_suite("mm", [os.path.join(SERVER, "check.c"),
                              os.path.join(SERVER, "proc.c")], exe, CASES)
