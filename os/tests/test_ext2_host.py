"""Host test of the ext2 core (os/servers/ext2): the core compiled with the
host gcc (-m32) over a block device that is an image file
(os/tests/host/ext2/host_io.c), its cases on the test kit (in process,
os/tests/host/ext2/ext2_host.c), the output read with harness.suite.
Images are made here with mke2fs -d from a tree of files (e2fsprogs, a
Debian package: os/tools/deps.sh); after each case's writes `e2fsck -fn`
must find nothing and debugfs must read back what the core wrote. No
emulator needed."""

import glob
import os
import re
import shutil
import subprocess

import pytest

from harness import suite
from harness.hostbuild import compile
from harness.machine import ROOT

CORE = os.path.join(ROOT, "os", "servers", "ext2")
HOST = os.path.join(ROOT, "os", "tests", "host", "ext2")
# The test kit's runner, checks and in-process backend.
KIT = [os.path.join(ROOT, "os", "tests", "kit", f)
       for f in ("run.c", "check.c", "inproc.c")]
CASES = ["mount_and_statfs", "read_mke2fs_files", "write_sizes",
         "file_16mib", "holes_and_large_offsets", "truncate", "directories",
         "unlink_while_open", "orphans", "hard_links", "symlinks", "rename",
         "attributes", "no_space", "cache_write_back",
         "features_and_revisions", "indexed_directories",
         "random_operations", "random_trees"]
# e2fsprogs lives in /sbin on Debian: not always on a user's PATH.
PATH = os.pathsep.join([os.environ.get("PATH", ""), "/sbin", "/usr/sbin"])


def tool(name):
    return shutil.which(name, path=PATH)


# The hash seed of the indexed image (a UUID; any other puts
# entry-007-with-a-longer-name first of its leaf block about one time in
# twenty).
IDX_HASH_SEED = "e446c844-1d0b-4b11-9f73-1655b1be600d"


def pattern(n, seed):
    return bytes(((i * 131 + seed * 7) ^ (i >> 8)) & 0xff for i in range(n))


def make_tree(src):
    """The files mke2fs -d puts in the images: small and empty files, one
    past the single indirect block with 1 KiB blocks, nested directories,
    a hard link, fast and slow symbolic links, a directory of many
    blocks, a file of 16 MiB (double indirect with 1 KiB blocks)."""
    (src / "dir" / "sub").mkdir(parents=True)
    (src / "hello.txt").write_bytes(b"hello, world\n")
    (src / "empty").write_bytes(b"")
    (src / "dir" / "sub" / "deep.txt").write_bytes(pattern(5000, 1))
    (src / "mid.bin").write_bytes(pattern(300 * 1024, 2))
    (src / "big16.bin").write_bytes(os.urandom(16 << 20))
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


def make_images(work):
    src = work / "src"
    make_tree(src)
    mke2fs(work / "1k.img", "80M", "-b", "1024", "-d", str(src))
    mke2fs(work / "2k.img", "80M", "-b", "2048", "-d", str(src))
    mke2fs(work / "4k.img", "80M", "-b", "4096", "-d", str(src))
    # idx: 1k with its directories hash-indexed (dir_index) by e2fsck -D,
    # with a fixed hash seed (mke2fs draws one): the leaf blocks of /many
    # are then always the same, the name the case unlinks the first of
    # its block (indexed_directories).
    shutil.copy(work / "1k.img", work / "idx.img")
    subprocess.run([tool("debugfs"), "-w", "-R", "ssv hash_seed " +
                    IDX_HASH_SEED, str(work / "idx.img")], check=True,
                   capture_output=True)
    r = subprocess.run([tool("e2fsck"), "-fyD", str(work / "idx.img")],
                       capture_output=True, text=True)
    assert r.returncode in (0, 1), r.stdout + r.stderr
    mke2fs(work / "small.img", "400K", "-b", "1024", "-N", "32")
    mke2fs(work / "rev0.img", "8M", "-b", "1024", "-r", "0")
    mke2fs(work / "huge.img", "8M", "-O", "huge_file")
    subprocess.run([tool("mke2fs"), "-q", "-F", "-t", "ext4",
                    str(work / "ext4.img"), "8M"], check=True,
                   capture_output=True)
    (work / "zero.img").write_bytes(bytes(1 << 20))


def core_sources():
    """The core's files: the folder's .c files but the server's own
    (main.c, table.c, do_*.c, srv_*.c: they need the system library)."""
    return [s for s in sorted(glob.glob(os.path.join(CORE, "*.c")))
            if not re.match(r"(main|table|do_.*|srv_.*)\.c$",
                            os.path.basename(s))]


def build(tmp_path, sanitize):
    sources = core_sources() + [
        os.path.join(HOST, "host_io.c"), os.path.join(HOST, "ext2_host.c")]
    exe = tmp_path / "ext2_host"
    r = compile(sources + KIT, exe, ["-m32", "-std=c11", "-O1", "-g"] +
                sanitize + ["-I", CORE])
    return (exe if r.returncode == 0 else None), r.stderr


def test_ext2_core_on_the_host(tmp_path):
    if not all(tool(t) for t in ("mke2fs", "e2fsck", "debugfs")):
        pytest.fail("e2fsprogs missing: make deps (os/tools/deps.sh)")
    work = tmp_path / "work"
    work.mkdir()
    make_images(work)
    exe, err = build(tmp_path, ["-fsanitize=address,undefined"])
    if exe is None:                  # the host may lack the sanitizers
        exe, err = build(tmp_path, [])
    assert exe, err
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0", PATH=PATH)
    run = subprocess.run([str(exe), str(work)], capture_output=True,
                         text=True, timeout=600, env=env)
    suite.parse(run.stdout + run.stderr, "ext2_host",
                run.returncode).check(CASES)
