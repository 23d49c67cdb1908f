"""Host test of the TCP engine (os/servers/inet/tcp*.c, API tcp.h): two
engines compiled with the host gcc over a simulated link
(os/tests/host/tcp/sim.c: a virtual millisecond clock, seeded loss,
duplication, reordering and delay), the kit cases of
os/tests/host/tcp/*.c: handshake, close and TIME_WAIT states, resets,
1 MiB transfers byte for byte over clean and bad links, fast retransmit,
the measured RTO and its backoff, malformed segments dropped and counted,
zero windows. Also checks that the engine's files compile as guest code
(the build's own rule: -m32 -ffreestanding, warnings are errors). No
emulator needed."""

import glob
import os
import subprocess

from harness import suite
from harness.hostbuild import compile
from harness.machine import ROOT

INET = os.path.join(ROOT, "os", "servers", "inet")
HOST = os.path.join(ROOT, "os", "tests", "host", "tcp")
KIT = [os.path.join(ROOT, "os", "tests", "kit", f)
       for f in ("run.c", "check.c", "posix.c")]


def engine_sources():
    """The engine: tcp*.c in the inet server's folder."""
    return sorted(glob.glob(os.path.join(INET, "tcp*.c")))


def build(tmp_path, sanitize):
    exe = tmp_path / "tcp_host"
    sources = (engine_sources() +
               sorted(glob.glob(os.path.join(HOST, "*.c"))) + KIT)
    r = compile(sources, exe, ["-m32", "-std=gnu11", "-O1", "-g"] +
                sanitize + ["-I", INET, "-I", HOST])
    return (exe if r.returncode == 0 else None), r.stderr


def test_tcp_engine_on_the_host(tmp_path):
    exe, err = build(tmp_path, ["-fsanitize=address,undefined",
                                "-fno-sanitize-recover=undefined"])
    if exe is None:                  # the host may lack the sanitizers
        exe, err = build(tmp_path, [])
    assert exe, err
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    env.pop("TCP_TRACE", None)
    run = subprocess.run([str(exe)], capture_output=True, text=True,
                         timeout=900, env=env)
    suite.parse(run.stdout + run.stderr, "tcp_host",
                run.returncode).check(suite.defined_cases(HOST))


def test_tcp_engine_builds_as_guest_code():
    """Each engine file through the guest build's rule for ring-3 objects
    (USER_CFLAGS: -m32 -ffreestanding, warnings are errors), whether or
    not inet's program is built yet."""
    objs = [os.path.join("build", "obj", "user", os.path.relpath(s, ROOT) +
                         ".o") for s in engine_sources()]
    assert objs
    r = subprocess.run(["make", "-s", "--no-print-directory", "-C", ROOT] +
                       objs, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
