"""Host test of the network-driver library (os/lib/netdriver,
sdk/include/netdriver.h): its checks, request handlers, replies, copies,
counters and notifications compiled with the host gcc (-m32) against fake
safe copies and IPC and a fake card (os/tests/host/netdriver/
netdriver_host.c), its cases on the test kit (os/tests/kit, in process);
the output read with harness.suite. Frame sizes (14..1514 to send, a whole
frame's room to receive), the client named by NDEV_INIT and notified,
grants of another process refused, -EAGAIN on a full ring, counters of
what went through, link changes counted and notified (issue 21). No
emulator needed."""

import os
import subprocess

from harness import suite
from harness.hostbuild import compile
from harness.machine import ROOT

HOST = os.path.join(ROOT, "os", "tests", "host", "netdriver")
LIB = os.path.join(ROOT, "os", "lib", "netdriver")
# Everything but driver up (announce.c: DS), the SEF callbacks (init.c)
# and the loop itself (netdriver_task in task.c is linked, not run).
LIB_FILES = ["check.c", "table.c", "requests.c", "copy.c", "state.c",
             "task.c"]
KIT = [os.path.join(ROOT, "os", "tests", "kit", f)
       for f in ("run.c", "check.c", "inproc.c")]
CASES = ["size_checks", "notify_needs_a_client", "init_names_the_client",
         "send_frames", "receive_frames", "stats", "unknown_requests",
         "interrupts_and_link_changes"]


def test_netdriver_library_on_the_host(tmp_path):
    exe = tmp_path / "netdriver_host"
    # task.c's loop calls sef_startup, sef_receive and the SEF set-up
    # (init.c); the test never runs it, so stubs for the link only.
    stubs = tmp_path / "stubs.c"
    stubs.write_text(
        '#include "netdriver.h"\n'
        '#include <abi/message.h>\n'
        'void sef_startup(void) {}\n'
        'int sef_receive(endpoint_t s, message *m)'
        ' { (void) s; (void) m; return -1; }\n'
        'void netdriver_sef_setup(const struct netdriver *o) { (void) o; }\n')
    build = None
    for extra in (["-fsanitize=address,undefined"], []):
        build = compile(
            [os.path.join(HOST, "netdriver_host.c"), stubs] +
            [os.path.join(LIB, f) for f in LIB_FILES] + KIT, exe,
            ["-m32", "-std=gnu11", "-O1", "-g"] + extra)
        if build.returncode == 0:
            break                # with the sanitizers when the host has them
    assert build.returncode == 0, build.stderr
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    run = subprocess.run([str(exe)], capture_output=True, text=True,
                         timeout=60, env=env)
    suite.parse(run.stdout + run.stderr, "netdriver_host",
                run.returncode).check(CASES)
