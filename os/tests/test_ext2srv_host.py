"""Host test of the ext2 file server (os/servers/ext2): its request
handlers (table.c, do_*.c, srv_*.c) and the ext2 core compiled with the
host gcc (-m32), with fake kernel calls (os/tests/host/fake_kernel.c) and
a fake libbdev over an image file (os/tests/host/ext2srv/fake_bdev.c); the
cases (os/tests/host/ext2srv/ext2srv_host.c) ask requests as VFS would and
check the image after FS_UNMOUNT with e2fsck -fn and debugfs. Images are
made here with mke2fs -d (e2fsprogs: os/tools/deps.sh). No emulator
needed."""

import glob
import os
import shutil
import subprocess

import pytest

from harness import suite
from harness.hostbuild import compile
from harness.machine import ROOT

SERVER = os.path.join(ROOT, "os", "servers", "ext2")
HOST = os.path.join(ROOT, "os", "tests", "host")
KIT = [os.path.join(ROOT, "os", "tests", "kit", f)
       for f in ("run.c", "check.c", "inproc.c")]
CASES = ["readsuper_and_unmount", "read_tree_1k", "read_tree_4k",
         "write_and_change", "getdents", "bad_requests", "unlink_while_open",
         "statfs", "read_only", "write_back_alarm", "no_space",
         "kept_state_check"]
PATH = os.pathsep.join([os.environ.get("PATH", ""), "/sbin", "/usr/sbin"])


def tool(name):
    return shutil.which(name, path=PATH)


def pattern(n, seed):
    return bytes(((i * 131 + seed * 7) ^ (i >> 8)) & 0xff for i in range(n))


def make_tree(src):
    """Small and empty files, one past the single indirect block with
    1 KiB blocks, nested directories, a hard link, fast and slow symbolic
    links, a directory of many blocks."""
    (src / "dir" / "sub").mkdir(parents=True)
    (src / "hello.txt").write_bytes(b"hello, world\n")
    (src / "empty").write_bytes(b"")
    (src / "dir" / "sub" / "deep.txt").write_bytes(pattern(5000, 1))
    (src / "mid.bin").write_bytes(pattern(300 * 1024, 2))
    os.link(src / "hello.txt", src / "dir" / "hard.txt")
    os.symlink("hello.txt", src / "fast.lnk")
    os.symlink("dir/sub/" + "x" * 90, src / "slow.lnk")
    (src / "many").mkdir()
    for i in range(150):
        (src / "many" / ("entry-%03d-with-a-longer-name" % i)).write_bytes(
            b"%d\n" % i)


def mke2fs(img, size, *args):
    subprocess.run([tool("mke2fs"), "-q", "-F", "-t", "ext2"] + list(args) +
                   [str(img), size], check=True, capture_output=True,
                   env=dict(os.environ, PATH=PATH))


def server_sources():
    """The server's files and the core, without main.c (the receive
    loop: SEF and IPC)."""
    return [s for s in sorted(glob.glob(os.path.join(SERVER, "*.c")))
            if not s.endswith("/main.c")]


def build(tmp_path, sanitize):
    sources = server_sources() + [
        os.path.join(HOST, "fake_kernel.c"),
        os.path.join(ROOT, "os", "lib", "sys", "clock_time.c"),
        os.path.join(HOST, "ext2srv", "fake_bdev.c"),
        os.path.join(HOST, "ext2", "host_io.c"),
        os.path.join(HOST, "ext2srv", "ext2srv_host.c")]
    exe = tmp_path / "ext2srv_host"
    r = compile(sources + KIT, exe, ["-m32", "-std=c11", "-O1", "-g"] +
                sanitize +
                ["-include", os.path.join(HOST, "rootfs", "host_shim.h"),
                 "-I", SERVER, "-I", os.path.join(HOST, "ext2"),
                 "-I", os.path.join(HOST, "ext2srv")])
    return (exe if r.returncode == 0 else None), r.stderr


def test_ext2_server_handlers_on_the_host(tmp_path):
    if not all(tool(t) for t in ("mke2fs", "e2fsck", "debugfs")):
        pytest.fail("e2fsprogs missing: make deps (os/tools/deps.sh)")
    work = tmp_path / "work"
    work.mkdir()
    src = work / "src"
    make_tree(src)
    mke2fs(work / "1k.img", "8M", "-b", "1024", "-d", str(src))
    mke2fs(work / "4k.img", "8M", "-b", "4096", "-d", str(src))
    mke2fs(work / "small.img", "400K", "-b", "1024", "-N", "32")
    (work / "zero.img").write_bytes(bytes(1 << 20))
    exe, err = build(tmp_path, ["-fsanitize=address,undefined"])
    if exe is None:                  # the host may lack the sanitizers
        exe, err = build(tmp_path, [])
    assert exe, err
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0", PATH=PATH)
    run = subprocess.run([str(exe), str(work)], capture_output=True,
                         text=True, timeout=600, env=env)
    suite.parse(run.stdout + run.stderr, "ext2srv_host",
                run.returncode).check(CASES)
