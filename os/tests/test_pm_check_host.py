"""Host test of PM's kept-state check (os/servers/pm/recover.c, issue 22):
recover.c and proc.c compiled with the host gcc (-m32) against a fake
kernel process table (os/tests/host/pm/pm_host.c), its cases on the test
kit (os/tests/kit, in process). A consistent table (a server, init, a
sleeping shell with an alarm, its child with a handler, a zombie) passes,
also when a server's record outlived its process; a pid used twice or out
of range, a parent that does not exist (of a process or a zombie), signal
state on a system process, two waits at once, unknown flags, an action
for SIGKILL, a record in another slot, a user process the kernel does not
have or whose kernel pid differs are each refused with -EINVAL and a
reason naming it. No emulator needed."""

import os

from harness.hostbuild import check_server_suite
from harness.machine import ROOT

SERVER = os.path.join(ROOT, "os", "servers", "pm")
CASES = ["a_consistent_table_passes", "a_pid_twice_is_refused",
         "a_missing_parent_is_refused",
         "flags_where_they_cannot_be_are_refused",
         "disagreeing_with_the_kernel_is_refused"]


def test_pm_state_check_on_the_host(tmp_path):
    exe = tmp_path / "pm_host"
    check_server_suite("pm", [os.path.join(SERVER, "recover.c"),
                              os.path.join(SERVER, "proc.c")], exe, CASES)
