"""Host test of the network server (os/servers/inet): its protocol code
(Ethernet, ARP, IPv4, ICMP, UDP, the socket layer, the driver's queue,
/dev/ip) compiled with the host gcc (-m32), without main.c and drv.c
(the receive loop and the driver's IPC), with fakes for the chardriver
library and the wire (os/tests/host/inet/fake.c). The cases
(os/tests/host/inet/inet_host.c) feed crafted and random frames, ask
requests as VFS would and read what inet sends. The TCP engine is the
real one when os/servers/inet has it (tcp*.c), else a stand-in with no
connections. No emulator needed."""

import glob
import os
import subprocess

from harness import suite
from harness.hostbuild import compile
from harness.machine import ROOT

SERVER = os.path.join(ROOT, "os", "servers", "inet")
HOST = os.path.join(ROOT, "os", "tests", "host")
KIT = [os.path.join(ROOT, "os", "tests", "kit", f)
       for f in ("run.c", "check.c", "inproc.c")]
CASES = ["checksum", "arp_answers", "arp_resolves_and_retries",
         "ping_answered", "bad_input_dropped_and_counted",
         "random_frames_never_crash", "udp_socket_io",
         "udp_loopback_and_timeouts", "ports_below_1024_are_roots",
         "ping_socket", "interface_config",
         "driver_queue_and_restart", "socket_table"]
# With the real TCP engine (os/servers/inet/tcp*.c): sockets over it.
TCP_CASES = ["tcp_loopback_transfer", "tcp_waits_and_errors",
             "tcp_from_the_wire", "tcp_icmp_unreachable"]


def has_engine():
    """Does os/servers/inet have its TCP engine (tcp*.c)?"""
    return bool(glob.glob(os.path.join(SERVER, "tcp*.c")))


def sources():
    """The server's files but the receive loop and the driver's IPC, and
    the stand-in engine when the server has none."""
    own = [s for s in sorted(glob.glob(os.path.join(SERVER, "*.c")))
           if os.path.basename(s) not in ("main.c", "drv.c")]
    stand_in = ([] if has_engine() else
                [os.path.join(HOST, "inet", "tcp_none.c")])
    return own + stand_in + [os.path.join(HOST, "inet", "fake.c"),
                             os.path.join(HOST, "inet", "inet_host.c")]


def test_inet_protocols_on_the_host(tmp_path):
    exe = tmp_path / "inet_host"
    build = None
    for extra in (["-fsanitize=address,undefined"], []):
        build = compile(sources() + KIT, exe,
                        ["-m32", "-std=gnu11", "-O1", "-g"] + extra +
                        ["-I", SERVER, "-I", os.path.join(HOST, "inet")] +
                        (["-DHAVE_TCP"] if has_engine() else []))
        if build.returncode == 0:
            break                # with the sanitizers when the host has them
    assert build.returncode == 0, build.stderr
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    run = subprocess.run([str(exe)], capture_output=True, text=True,
                         timeout=300, env=env)
    suite.parse(run.stdout + run.stderr, "inet_host",
                run.returncode).check(CASES +
                                      (TCP_CASES if has_engine() else []))
