"""The disk image `make disk` makes (os/tools/mkdisk.sh from os/disk,
os/disk/README.md), checked with e2fsprogs on the host: ext2 revision 1
with 4 KiB blocks, clean for e2fsck, /student and what it holds owned by
the user student of os/rootfs/etc/passwd, the rest by root, the modes
set whatever the checkout's are, os/disk/README.md left out, and a bad
source refused without touching the old image. No emulator."""

import os
import re
import shutil
import subprocess

from harness.machine import ROOT

MKDISK = os.path.join(ROOT, "os", "tools", "mkdisk.sh")
DISK_TREE = os.path.join(ROOT, "os", "disk")
# e2fsprogs lives in /sbin on Debian: not always on a user's PATH.
PATH = os.pathsep.join([os.environ.get("PATH", ""), "/sbin", "/usr/sbin"])


def run(*argv):
    return subprocess.run(list(argv), capture_output=True, text=True,
                          env=dict(os.environ, PATH=PATH), timeout=60)


def debugfs(img, request):
    r = run("debugfs", "-R", request, img)
    assert r.returncode == 0, r.stderr
    return r.stdout


def inode(img, path):
    """(permission bits, uid, gid) of PATH in IMG (debugfs stat)."""
    out = debugfs(img, "stat " + path)
    mode = re.search(r"Mode:\s+0?([0-7]+)", out).group(1)
    uid = re.search(r"User:\s+(\d+)", out).group(1)
    gid = re.search(r"Group:\s+(\d+)", out).group(1)
    return int(mode, 8), int(uid), int(gid)


def test_make_disk_image_is_ext2_rev1_4k_with_student_home(tmp_path):
    src = tmp_path / "tree"
    shutil.copytree(DISK_TREE, src)
    # Modes of the checkout do not matter: the image gets 0755 / 0644.
    os.chmod(src / "student" / "README.txt", 0o600)
    (src / "student" / "sub").mkdir(mode=0o700)
    (src / "student" / "sub" / "f").write_bytes(b"x" * 5000)
    (src / "etc").mkdir()
    img = str(tmp_path / "disk.img")
    r = run(MKDISK, img, str(src), "16M")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(img + ": ext2, 16M"), r.stdout
    assert os.path.getsize(img) == 16 << 20
    r = run("e2fsck", "-fn", img)
    assert r.returncode == 0, r.stdout + r.stderr
    head = run("dumpe2fs", "-h", img).stdout
    assert re.search(r"Filesystem revision #:\s+1 ", head), head
    assert re.search(r"Block size:\s+4096", head), head
    assert re.search(r"Filesystem volume name:\s+home", head), head
    names = debugfs(img, "ls /").split()
    assert "student" in names and "etc" in names and "lost+found" in names
    assert "README.md" not in names
    assert inode(img, "/") == (0o755, 0, 0)
    assert inode(img, "/etc") == (0o755, 0, 0)
    assert inode(img, "/lost+found")[1:] == (0, 0)
    assert inode(img, "/student") == (0o755, 1000, 1000)
    assert inode(img, "/student/README.txt") == (0o644, 1000, 1000)
    assert inode(img, "/student/sub") == (0o755, 1000, 1000)
    assert inode(img, "/student/sub/f") == (0o644, 1000, 1000)
    out = tmp_path / "readme"
    debugfs(img, "dump /student/README.txt %s" % out)
    assert out.read_bytes() == (src / "student" / "README.txt").read_bytes()
    assert b"persist" in out.read_bytes()


def test_the_default_disk_image_is_64_mib(tmp_path):
    img = str(tmp_path / "disk.img")
    r = run(MKDISK, img, DISK_TREE)
    assert r.returncode == 0, r.stderr
    assert os.path.getsize(img) == 64 << 20
    assert run("e2fsck", "-fn", img).returncode == 0


def test_a_bad_source_leaves_the_old_image_alone(tmp_path):
    img = tmp_path / "disk.img"
    img.write_bytes(b"old")
    r = run(MKDISK, str(img), str(tmp_path / "missing"))
    assert r.returncode == 1
    assert "no such folder" in r.stderr
    r = run(MKDISK, str(img), DISK_TREE, "1K")     # too small for ext2
    assert r.returncode == 1 and "mke2fs" in r.stderr, r.stderr
    assert img.read_bytes() == b"old"
    r = run(MKDISK, str(img))
    assert r.returncode == 2 and "usage" in r.stderr
