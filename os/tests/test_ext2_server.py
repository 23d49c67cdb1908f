"""The ext2 file server (os/servers/ext2) in the guest: an ext2 image made
on the host with mke2fs -d is attached as the primary master disk, mounted
with `mount /dev/c0d0 /mnt` (one /sbin/ext2 process per mount), read and
written through the shell's commands, and checked on the host after a
clean power-off (VFS unmounts every file system): debugfs reads back what
the guest wrote, e2fsck -fn finds nothing, the file system is marked
clean. Also: read-only mounts, a crash of the server (restarted in
place: its mount, its unwritten changes and open files kept; issue 22)
and of the disk driver under it (nothing is lost)."""

import hashlib
import re
import os
import shutil
import subprocess

import pytest

from harness.shell import Shell

PATH = os.pathsep.join([os.environ.get("PATH", ""), "/sbin", "/usr/sbin"])


def tool(name):
    path = shutil.which(name, path=PATH)
    if not path:
        pytest.fail("e2fsprogs missing: make deps (os/tools/deps.sh)")
    return path


def pattern(n, seed):
    return bytes(((i * 131 + seed * 7) ^ (i >> 8)) & 0xff for i in range(n))


def make_image(tmp_path, blocks="1024"):
    """An 8 MiB ext2 image of a small tree: a text file, a file of 300 KiB
    (past the single indirect block with 1 KiB blocks), a nested
    directory, a hard link, a symbolic link."""
    src = tmp_path / "src"
    (src / "dir" / "sub").mkdir(parents=True)
    (src / "hello.txt").write_bytes(b"hello, world\n")
    (src / "mid.bin").write_bytes(pattern(300 * 1024, 2))
    (src / "dir" / "sub" / "deep.txt").write_bytes(b"deep down\n")
    os.link(src / "hello.txt", src / "dir" / "hard.txt")
    os.symlink("hello.txt", src / "link")
    img = tmp_path / "disk.img"
    subprocess.run([tool("mke2fs"), "-q", "-F", "-t", "ext2", "-b", blocks,
                    "-d", str(src), str(img), "8M"], check=True,
                   capture_output=True)
    return str(img)


def debugfs(img, cmd):
    return subprocess.run([tool("debugfs"), "-R", cmd, img],
                          capture_output=True, text=True).stdout


def dump(img, path, tmp_path):
    out = tmp_path / "dumped"
    if out.exists():
        out.unlink()
    debugfs(img, 'dump "%s" "%s"' % (path, out))
    return out.read_bytes()


def check_clean(img, state="clean"):
    """e2fsck -fn finds nothing, and the superblock says STATE ("not
    clean": a mount that was lost in a crash stays so until e2fsck)."""
    r = subprocess.run([tool("e2fsck"), "-fn", img], capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Filesystem state:         %s\n" % state in debugfs(img, "stats")


def mounted_shell(machine, options="", before=None):
    """The shell, with the disk mounted on /mnt with OPTIONS (/etc/rc
    mounts an ext2 disk on /home: unmounted first; then BEFORE() is
    called, if given)."""
    shell = Shell(machine).wait_prompt()
    if "rc: /dev/c0d0 mounted on /home" in machine.console_text():
        shell.check("umount /home", timeout=60)
    if before:
        before()
    shell.check("mkdir -p /mnt")
    shell.check("mount %s /dev/c0d0 /mnt" % options, timeout=60)
    return shell


def power_off(machine):
    machine.sendline("poweroff")
    assert machine.wait_poweroff(timeout=120) == "ok"


def sha256(data):
    return hashlib.sha256(data).hexdigest()


@pytest.mark.emulators("qemu", "bochs")
def test_mount_read_write_sync_and_power_off(boot, tmp_path):
    img = make_image(tmp_path)
    m = boot(disk=img)
    shell = mounted_shell(m)
    assert "/dev/c0d0 on /mnt type ext2 (rw)" in shell.check("mount")
    assert shell.check("cat /mnt/hello.txt") == "hello, world\n"
    assert shell.check("cat /mnt/dir/hard.txt") == "hello, world\n"
    assert shell.check("cat /mnt/link") == "hello, world\n"
    assert shell.check("cat /mnt/dir/sub/deep.txt") == "deep down\n"
    assert sha256(pattern(300 * 1024, 2)) in \
        shell.check("sha256sum /mnt/mid.bin", timeout=60)
    listing = shell.check("ls /mnt")
    for name in ("hello.txt", "mid.bin", "dir", "link", "lost+found"):
        assert name in listing
    # Writes: a copy of the big file, a new file, a directory, a rename,
    # a removal, a symbolic link.
    shell.check("cp /mnt/mid.bin /mnt/copy.bin", timeout=60)
    shell.check("echo written in the guest > /mnt/new.txt")
    shell.check("mkdir /mnt/newdir")
    shell.check("mv /mnt/dir/sub/deep.txt /mnt/newdir/moved.txt")
    shell.check("rm /mnt/dir/hard.txt")
    shell.check("ln -s newdir/moved.txt /mnt/sym")
    assert shell.check("cat /mnt/sym") == "deep down\n"
    assert shell.check("cmp /mnt/mid.bin /mnt/copy.bin", timeout=60) == ""
    shell.check("sync")
    power_off(m)
    check_clean(img)
    assert dump(img, "/copy.bin", tmp_path) == pattern(300 * 1024, 2)
    assert dump(img, "/new.txt", tmp_path) == b"written in the guest\n"
    assert dump(img, "/newdir/moved.txt", tmp_path) == b"deep down\n"
    assert 'Fast link dest: "newdir/moved.txt"' in debugfs(img, "stat /sym")
    assert "hard.txt" not in debugfs(img, "ls /dir")
    assert "deep.txt" not in debugfs(img, "ls /dir/sub")
    assert "Links: 1" in debugfs(img, "stat /hello.txt")


def test_sync_writes_back_before_a_crash_of_the_machine(boot, tmp_path):
    """sync puts everything on the disk: the emulator is killed (no
    unmount) and the image holds the file and is consistent (not marked
    clean: it was still mounted)."""
    img = make_image(tmp_path, blocks="4096")
    m = boot(disk=img)
    shell = mounted_shell(m)
    shell.check("cp /mnt/mid.bin /mnt/synced.bin", timeout=60)
    shell.check("sync")
    m.close()                        # the emulator is stopped
    assert dump(img, "/synced.bin", tmp_path) == pattern(300 * 1024, 2)
    r = subprocess.run([tool("e2fsck"), "-fn", img], capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_a_read_only_mount_changes_nothing(boot, tmp_path):
    img = make_image(tmp_path)
    before = []
    m = boot(disk=img)
    # /etc/rc mounted it read-write: the image as that umount left it.
    shell = mounted_shell(m, "-r", lambda: before.append(
        sha256(open(img, "rb").read())))
    assert "/dev/c0d0 on /mnt type ext2 (ro)" in shell.check("mount")
    assert shell.check("cat /mnt/hello.txt") == "hello, world\n"
    out, status = shell.run("echo no > /mnt/new.txt")
    assert status != 0
    assert "Read-only file system" in out
    out, status = shell.run("rm /mnt/hello.txt")
    assert status != 0
    shell.check("umount /mnt", timeout=60)
    assert "/mnt" not in shell.check("mount")
    power_off(m)
    assert sha256(open(img, "rb").read()) == before[0]
    check_clean(img)


def test_a_crashed_server_keeps_its_mount(boot, tmp_path):
    """The server restarts in place (manifest `restart inplace`: the same
    endpoint, pid and memory): its kept state checked, the mount goes on
    with what was not yet written back (a file written just before the
    crash, inside the 5 s write-back delay) and what processes hold on it
    (kit/vfs_state.py in /mnt: a file open at an offset, a working
    directory there, a copy of /bin/sh); umount writes it all back,
    e2fsck finds the disk clean and debugfs reads the files."""
    from kit.vfs_state import HeldState
    img = make_image(tmp_path)
    m = boot(disk=img)
    shell = mounted_shell(m)
    assert shell.check("cat /mnt/hello.txt") == "hello, world\n"
    before = re.search(r"label=fs_c0d0 .*", shell.check(
        "service status fs_c0d0")).group(0)
    shell.check("echo written before > /mnt/before.txt")
    held = HeldState(shell, where="/mnt/vs")
    since = len(m.console_text())
    shell.check("service fi fs_c0d0 crash")
    assert m.wait_console(r"ext2: fs_c0d0 restarted in place: mount kept",
                          since=since, timeout=60)
    assert "is lost" not in m.console_text()[since:]
    assert "kept state is inconsistent" not in m.console_text()[since:]
    after = re.search(r"label=fs_c0d0 .*", shell.check(
        "service status fs_c0d0")).group(0)
    fields = lambda line: dict(w.split("=", 1) for w in line.split())
    b, a = fields(before), fields(after)
    assert (a["endpoint"], a["pid"]) == (b["endpoint"], b["pid"]), (b, a)
    assert int(a["restarts"]) == int(b["restarts"]) + 1, (b, a)
    assert shell.check("cat /mnt/before.txt") == "written before\n"
    assert shell.check("cat /mnt/hello.txt") == "hello, world\n"
    held.still_held()
    held.verify()
    shell.check("echo written after > /mnt/after.txt")
    shell.check("umount /mnt", timeout=60)
    power_off(m)
    check_clean(img)
    assert debugfs(img, "cat /before.txt") == "written before\n"
    assert debugfs(img, "cat /after.txt") == "written after\n"


def test_reads_and_writes_survive_a_crash_of_the_disk_driver(boot, tmp_path):
    """The ata driver crashes while ext2 is mounted: libbdev waits for the
    new instance, opens the disk again and the server goes on."""
    img = make_image(tmp_path)
    m = boot(disk=img)
    shell = mounted_shell(m)
    shell.check("echo before > /mnt/before.txt")
    since = len(m.console_text())
    shell.check("service fi ata crash")
    assert m.wait_console(r"rs: ata restarted", since=since, timeout=60)
    assert sha256(pattern(300 * 1024, 2)) in \
        shell.check("sha256sum /mnt/mid.bin", timeout=60)
    shell.check("echo after > /mnt/after.txt")
    shell.check("sync")
    power_off(m)
    check_clean(img)
    assert dump(img, "/before.txt", tmp_path) == b"before\n"
    assert dump(img, "/after.txt", tmp_path) == b"after\n"


def test_files_are_stamped_with_the_wall_clock(boot, tmp_path):
    """Inode times are seconds since 1970 from the kernel's clock (QEMU's
    set with -rtc base to a known date): what the guest's stat shows and
    what debugfs reads on the host. The bound is an hour."""
    leap_day_epoch, hour = 1709208000, 3600    # 2024-02-29T12:00:00 UTC
    img = make_image(tmp_path)
    m = boot(disk=img, extra_args=["-rtc", "base=2024-02-29T12:00:00"])
    shell = mounted_shell(m)
    shell.check("echo stamped > /mnt/stamped.txt")
    mtime = int(shell.check("stat -c %Y /mnt/stamped.txt").strip())
    assert leap_day_epoch <= mtime < leap_day_epoch + hour, mtime
    power_off(m)
    check_clean(img)
    out = debugfs(img, "stat /stamped.txt")
    match = re.search(r"mtime: 0x([0-9a-f]+)", out)
    assert match, out
    assert int(match.group(1), 16) == mtime


def test_a_hung_disk_driver_stalls_the_mount_until_it_is_restarted(
        boot, tmp_path):
    """The ata driver hangs: the server waits in its request, VFS waits
    for the server (the documented stall); RS's heartbeat finds the hang
    and restarts the driver, libbdev sends the request again, and the
    read completes with the right bytes."""
    img = make_image(tmp_path)
    m = boot(disk=img)
    shell = mounted_shell(m)
    since = len(m.console_text())
    shell.check("service fi ata hang")
    assert sha256(pattern(300 * 1024, 2)) in \
        shell.check("sha256sum /mnt/mid.bin", timeout=120)
    assert m.wait_console(r"rs: ata \(endpoint \d+\) failed: no heartbeat",
                          since=since, timeout=60)
    shell.check("echo after > /mnt/after.txt")
    power_off(m)
    check_clean(img)
    assert dump(img, "/after.txt", tmp_path) == b"after\n"


def test_service_down_without_umount_writes_the_disk_back(boot, tmp_path):
    """`service down` of a server still mounted (SIGTERM): it unmounts
    before it exits, so the disk holds everything and is clean."""
    img = make_image(tmp_path)
    m = boot(disk=img)
    shell = mounted_shell(m)
    shell.check("echo kept > /mnt/kept.txt")
    shell.check("service down fs_c0d0", timeout=60)
    power_off(m)
    check_clean(img)
    assert dump(img, "/kept.txt", tmp_path) == b"kept\n"
