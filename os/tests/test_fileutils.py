"""The file utilities in the guest (cmp, cksum, sha256sum, dd, touch, mv,
stat), checked against what the host computes from the very files the root
file system was made of. One boot for the module (module_machine): every
test works under /tmp/fu and removes it, so the machine is left as found.
Host tests of the same sources: test_fileutils_host.py."""

import hashlib
import os
import re

import pytest

from harness.machine import ROOT
from harness.shell import Shell

WORK = "/tmp/fu"


@pytest.fixture(scope="module")
def sh(module_machine):
    return Shell(module_machine).wait_prompt()


@pytest.fixture
def work(sh):
    """A fresh /tmp/fu; removed after the test, and checked gone."""
    sh.check("rm -r -f %s; mkdir %s" % (WORK, WORK))
    yield sh
    sh.check("rm -r -f %s" % WORK)
    out, status = sh.run("ls %s" % WORK)
    assert status != 0, out


def posix_cksum(data):
    """POSIX cksum's CRC of DATA (the length appended, complemented)."""
    crc = 0
    tail = []
    n = len(data)
    while n:
        tail.append(n & 0xff)
        n >>= 8
    for byte in bytes(data) + bytes(tail):
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7 if crc & 0x80000000
                   else crc << 1) & 0xffffffff
    return crc ^ 0xffffffff


def host_file(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


def test_sha256sum_and_cksum_of_root_files_match_the_host(sh):
    """/etc/passwd and /bin/sh (many blocks) came from these host files
    (os/rootfs/proto, build/stripped): the same digests."""
    for guest, host in (("/etc/passwd", "os/rootfs/etc/passwd"),
                        ("/bin/sh", "build/stripped/sh")):
        data = host_file(host)
        out = sh.check("sha256sum %s" % guest).strip()
        assert out == "%s  %s" % (hashlib.sha256(data).hexdigest(), guest)
        out = sh.check("cksum %s" % guest).strip()
        assert out == "%d %d %s" % (posix_cksum(data), len(data), guest)


def test_sha256sum_check(work):
    work.check("sha256sum /etc/passwd /etc/group > %s/SUMS" % WORK)
    out = work.check("sha256sum -c %s/SUMS" % WORK)
    assert out.split("\n")[:2] == ["/etc/passwd: OK", "/etc/group: OK"]
    work.check("cp /etc/passwd %s/p; echo more >> %s/p" % (WORK, WORK))
    work.check("sha256sum %s/p > %s/SUMS2; echo x >> %s/p"
               % (WORK, WORK, WORK))
    out, status = work.run("sha256sum -c %s/SUMS2" % WORK)
    assert status == 1
    assert "%s/p: FAILED" % WORK in out
    assert "sha256sum: WARNING: 1 computed checksum did NOT match" in out


def test_dd_of_dev_zero(work):
    out = work.check("dd if=/dev/zero of=%s/z bs=512 count=8" % WORK)
    assert out.split("\n")[:3] == ["8+0 records in", "8+0 records out",
                                   "4096 bytes copied"]
    assert work.check("wc -c < %s/z" % WORK).strip() == "4096"
    out = work.check("sha256sum %s/z" % WORK).strip()
    assert out.split()[0] == hashlib.sha256(b"\0" * 4096).hexdigest()
    # ibs/obs gathering, skip= and seek= with conv=notrunc.
    out = work.check("dd if=/dev/zero of=%s/z2 ibs=100 obs=300 count=7"
                     % WORK)
    assert out.split("\n")[:3] == ["7+0 records in", "2+1 records out",
                                   "700 bytes copied"]
    data = host_file("os/rootfs/etc/passwd")
    work.check("dd if=/etc/passwd of=%s/pw bs=10 skip=2 count=3 "
               "status=none" % WORK)
    work.check("dd if=/etc/group of=%s/pw bs=5 seek=1 count=1 conv=notrunc "
               "status=none" % WORK)
    want = data[20:50]
    want = want[:5] + host_file("os/rootfs/etc/group")[:5] + want[10:]
    out = work.check("sha256sum %s/pw" % WORK).split()[0]
    assert out == hashlib.sha256(want).hexdigest()


def test_dd_from_a_pipe_gets_every_byte(work):
    data = host_file("os/rootfs/etc/passwd") * 3
    out = work.check("cat /etc/passwd /etc/passwd /etc/passwd | "
                     "dd bs=64 of=%s/piped" % WORK)
    assert out.split("\n")[2] == "%d bytes copied" % len(data)
    assert work.check("sha256sum %s/piped" % WORK).split()[0] == \
        hashlib.sha256(data).hexdigest()
    out, status = work.run("dd if=%s/none" % WORK)
    assert status == 1
    assert "dd: %s/none: No such file or directory" % WORK in out


def test_cmp(work):
    work.check("echo one two > %s/a; echo one too > %s/b; cp %s/a %s/c"
               % ((WORK,) * 4))
    out, status = work.run("cmp %s/a %s/b" % (WORK, WORK))
    assert status == 1
    assert out.strip() == "%s/a %s/b differ: byte 6, line 1" % (WORK, WORK)
    out, status = work.run("cmp %s/a %s/c" % (WORK, WORK))
    assert (out.strip(), status) == ("", 0)
    out, status = work.run("cmp -s %s/a %s/b" % (WORK, WORK))
    assert (out.strip(), status) == ("", 1)
    out, status = work.run("cmp %s/a %s/none" % (WORK, WORK))
    assert status == 2
    assert "cmp: %s/none: No such file or directory" % WORK in out
    out, status = work.run("cat %s/a | cmp - %s/c" % (WORK, WORK))
    assert status == 0


def test_mv_across_directories(work):
    work.check("mkdir %s/x %s/y; echo moved > %s/x/f" % ((WORK,) * 3))
    work.check("mv %s/x/f %s/y" % (WORK, WORK))
    assert work.check("ls %s/x" % WORK).strip() == ""
    assert work.check("cat %s/y/f" % WORK).strip() == "moved"
    work.check("mv %s/y/f %s/x/g" % (WORK, WORK))
    assert work.check("ls %s/x" % WORK).split() == ["g"]
    work.check("mv %s/x %s/y" % (WORK, WORK))
    assert work.check("cat %s/y/x/g" % WORK).strip() == "moved"
    # Not into itself.
    out, status = work.run("mv %s/y %s/y/x" % (WORK, WORK))
    assert status == 1 and "Invalid argument" in out, out
    assert work.check("cat %s/y/x/g" % WORK).strip() == "moved"
    out, status = work.run("mv %s/none %s/y" % (WORK, WORK))
    assert status == 1
    assert "mv: %s/none: No such file or directory" % WORK in out


def test_stat_fields(sh):
    size = len(host_file("os/rootfs/etc/passwd"))
    out = sh.check("stat /etc/passwd")
    lines = out.split("\n")
    assert lines[0] == "  File: /etc/passwd"
    assert re.match(r"  Size: %d +\tregular file$" % size, lines[1]), out
    assert re.match(r"Device: \d+,\d+\tInode: \d+ +Links: 1$", lines[2]), out
    assert lines[3] == ("Access: (0644/-rw-r--r--)  Uid: (    0/    root)"
                        "   Gid: (    0/    root)")
    for line, word in zip(lines[4:7], ("Access", "Modify", "Change")):
        assert re.match(r"%s: \d+$" % word, line), out
    out = sh.check("stat -c '%s %a %A %U %G %h %F %t %T' /dev/null")
    assert out.strip() == \
        "0 666 crw-rw-rw- root root 1 character special file 1 3"
    assert "Device type: 1,3" in sh.check("stat /dev/null")
    out = sh.check("stat -c '%U %u %G %a %F' /home/student /tmp")
    assert out.split("\n")[:2] == ["student 1000 student 755 directory",
                                   "root 0 root 1777 directory"]


def test_touch_creates_and_sets_times(work):
    f = "%s/t" % WORK
    work.check("touch %s" % f)
    assert work.check("stat -c '%%s %%F' %s" % f).strip() == \
        "0 regular empty file"
    work.check("touch -c %s/absent" % WORK)
    out, status = work.run("ls %s/absent" % WORK)
    assert status == 1
    # -r: another file's times; then now again (not earlier).
    ref = work.check("stat -c '%X %Y' /etc/passwd").strip()
    work.check("touch -r /etc/passwd %s" % f)
    assert work.check("stat -c '%%X %%Y' %s" % f).strip() == ref
    work.check("touch %s" % f)
    after = work.check("stat -c '%%Y' %s" % f).strip()
    assert int(after) >= int(ref.split()[1])
    # Only the owner or root sets given times; now needs write permission.
    work.check("chmod 666 %s" % f)
    out, status = work.run("su student -c 'touch %s'" % f)
    assert status == 0, out
    out, status = work.run("su student -c 'touch -r /etc/passwd %s'" % f)
    assert status == 1 and "Operation not permitted" in out
    out, status = work.run("su student -c 'touch /etc/passwd'")
    assert status == 1 and "Permission denied" in out
