"""Host tests of the rootfs server (os/servers/rootfs): its request
handlers and archive unpacker compiled with the host gcc (-m32) together
with fake kernel calls (os/tests/host/rootfs/rootfs_host.c), fed an archive
that os/tools/mkrootfs.py builds; its cases on the test kit (os/tests/kit,
in process), the output read with harness.suite. No emulator needed."""

import glob
import os
import subprocess

from harness import suite
from harness.hostbuild import compile
from harness.machine import ROOT

SERVER = os.path.join(ROOT, "os", "servers", "rootfs")
TEST_C = os.path.join(ROOT, "os", "tests", "host", "rootfs", "rootfs_host.c")
MKROOTFS = os.path.join(ROOT, "os", "tools", "mkrootfs.py")
# The test kit's runner, checks and in-process backend.
KIT = [os.path.join(ROOT, "os", "tests", "kit", f)
       for f in ("run.c", "check.c", "inproc.c")]
CASES = ["unpack", "borrowed_pages", "bad_archives", "lookup_create", "owner_and_mode",
         "times", "read_write", "unlink_rmdir", "getdents", "rename", "link",
         "symlinks", "pages_no_doubling", "kept_check"]

PROTO = """
d / 711
d /bin 755
d /tmp 1777
d /etc 755
d /dev 755 2 3
f /bin/hello 755 {tmp}/hello
f /etc/big 644 {tmp}/big
f /etc/empty 4640 {tmp}/empty 1000 100
c /dev/null 666 1 3 0 5
l /bin/hi /bin/hello
"""


def test_rootfs_handlers_on_the_host(tmp_path):
    (tmp_path / "hello").write_bytes(b"hello, world\n")
    (tmp_path / "big").write_bytes(bytes((i * 7) & 0xff
                                         for i in range(100000)))
    (tmp_path / "empty").write_bytes(b"")
    proto = tmp_path / "test.proto"
    proto.write_text(PROTO.format(tmp=tmp_path))
    archive = tmp_path / "test.cpio"
    subprocess.run(["/usr/bin/python3", MKROOTFS, str(proto), str(archive)],
                   check=True)
    sources = [s for s in sorted(glob.glob(os.path.join(SERVER, "*.c")))
               if not s.endswith("/main.c")]
    exe = tmp_path / "rootfs_host"
    build = None
    for extra in (["-fsanitize=address,undefined"], []):
        build = compile(
            [TEST_C, os.path.join(ROOT, "os", "tests", "host",
                                  "fake_kernel.c"),
             os.path.join(ROOT, "os", "lib", "sys", "clock_time.c")] +
            sources + KIT, exe,
            ["-m32", "-std=c11", "-O1", "-g"] + extra +
            ["-include", os.path.join(ROOT, "os", "tests", "host", "rootfs",
                                      "host_shim.h"),
             "-I", SERVER])
        if build.returncode == 0:
            break                # with the sanitizers when the host has them
    assert build.returncode == 0, build.stderr
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    run = subprocess.run([str(exe), str(archive)], capture_output=True,
                         text=True, timeout=60, env=env)
    suite.parse(run.stdout + run.stderr, "rootfs_host",
                run.returncode).check(CASES)
