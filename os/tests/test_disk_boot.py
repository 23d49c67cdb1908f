"""The disk at boot (os/rootfs/etc/rc, os/disk, os/tools/mkdisk.sh): with
a disk, /etc/rc mounts its first MBR partition, or the whole disk, on
/home; what is written there and synced is on the disk after a power-off
(read on the host with debugfs, e2fsck clean) and in the guest after the
next boot. Without a disk, or with a disk that holds no file system,
/home stays the one in memory and rc says so."""

import os
import re
import subprocess

import pytest

from harness.disk import SECTOR, mbr
from harness.machine import ROOT
from harness.shell import Shell

MKDISK = os.path.join(ROOT, "os", "tools", "mkdisk.sh")
DISK_TREE = os.path.join(ROOT, "os", "disk")
PATH = os.pathsep.join([os.environ.get("PATH", ""), "/sbin", "/usr/sbin"])
PROTO = os.path.join(ROOT, "build", "rootfs.proto")
YEAR_2020 = 1577836800
YEAR_2100 = 4102444800


def has_mount():
    """Whether the image has the mount command and the ext2 server (the
    p20-vfs and p20-ext2srv work)."""
    try:
        with open(PROTO) as f:
            text = f.read()
    except OSError:
        return False
    return re.search(r"^f /bin/mount ", text, re.M) is not None and \
        re.search(r"^f /sbin/ext2 ", text, re.M) is not None


needs_mount = pytest.mark.skipif(not has_mount(),
                                 reason="no /bin/mount or /sbin/ext2 in "
                                 "the image")


def host(*argv):
    r = subprocess.run(list(argv), capture_output=True,
                       env=dict(os.environ, PATH=PATH), timeout=120)
    return r


def make_disk(path, size="64M"):
    r = host(MKDISK, str(path), DISK_TREE, size)
    assert r.returncode == 0, r.stderr
    return str(path)


def power_off(shell, machine):
    """Power off; the file server must not have failed on the way (at
    power-off VFS unmounts every file system)."""
    machine.sendline("poweroff")
    assert machine.wait_poweroff(timeout=120) == "ok"
    text = machine.console_text()
    assert not re.search(r"rs: fs_\w+ .*failed|vfs: unmounting .*: -\d",
                         text), text[-2000:]


def assert_clean(img):
    """e2fsck finds no error, and the power-off unmounted the file
    system (the ext2 server marks it valid only at unmount)."""
    r = host("e2fsck", "-fn", img)
    assert r.returncode == 0, r.stdout.decode() + r.stderr.decode()
    head = host("dumpe2fs", "-h", img).stdout
    assert re.search(rb"Filesystem state:\s+clean\n", head), head


@pytest.mark.emulators("qemu", "bochs")
def test_without_a_disk_home_is_in_memory(boot):
    m = boot()
    shell = Shell(m).wait_prompt()
    assert m.wait_console(r"rc: no disk: /home is in memory"), m.tail()
    assert shell.check("stat -c '%U %G %a %F' /home/student").strip() == \
        "student student 755 directory"


def test_a_disk_without_a_file_system_leaves_home_in_memory(boot,
                                                             disk_image):
    m = boot(disk=disk_image(8 << 20))
    shell = Shell(m).wait_prompt()
    assert m.wait_console(r"rc: /dev/c0d0 not mounted: /home is in "
                          r"memory"), m.tail()
    assert shell.check("stat -c '%U %a' /home/student").strip() == \
        "student 755"


@needs_mount
@pytest.mark.emulators("qemu", "bochs")
def test_files_written_in_home_persist_across_boots(boot, tmp_path):
    img = make_disk(tmp_path / "disk.img")
    m = boot(disk=img)
    shell = Shell(m).wait_prompt()
    assert m.wait_console(r"rc: /dev/c0d0 mounted on /home"), m.tail()
    assert "persist across reboots" in shell.check(
        "cat /home/student/README.txt")
    shell.check("su student -c 'echo kept across boots > "
                "/home/student/notes.txt'")
    shell.check("sync")
    power_off(shell, m)
    assert_clean(img)
    out = tmp_path / "notes.txt"
    r = host("debugfs", "-R", "dump /student/notes.txt %s" % out, img)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == b"kept across boots\n"
    stat = host("debugfs", "-R", "stat /student/notes.txt", img)
    assert re.search(rb"User:\s+1000\s+Group:\s+1000", stat.stdout), \
        stat.stdout
    # The ext2 server stamps it with the wall clock (the kernel's CMOS
    # reading at boot): a date after 2020, not seconds since boot.
    mtime = int(re.search(rb"mtime: 0x([0-9a-f]+)", stat.stdout).group(1),
                16)
    assert YEAR_2020 <= mtime < YEAR_2100, stat.stdout
    m = boot(disk=img)
    shell = Shell(m).wait_prompt()
    assert m.wait_console(r"rc: /dev/c0d0 mounted on /home"), m.tail()
    assert shell.check("cat /home/student/notes.txt").strip() == \
        "kept across boots"
    power_off(shell, m)
    assert_clean(img)


@needs_mount
def test_a_partitioned_disk_mounts_its_first_partition(boot, tmp_path):
    fs = make_disk(tmp_path / "fs.img", "16M")
    first, sectors = 2048, (16 << 20) // SECTOR
    img = str(tmp_path / "disk.img")
    with open(img, "wb") as out, open(fs, "rb") as src:
        out.truncate((first + sectors + 2048) * SECTOR)
        out.write(mbr([(first, sectors)]))
        out.seek(first * SECTOR)
        out.write(src.read())
    m = boot(disk=img)
    shell = Shell(m).wait_prompt()
    assert m.wait_console(r"rc: /dev/c0d0p0 mounted on /home"), m.tail()
    assert "persist across reboots" in shell.check(
        "cat /home/student/README.txt")
