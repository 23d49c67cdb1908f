"""Issue 20: mounts, symbolic links and sync (os/servers/vfs/mount.c,
path.c, do_mount.c, do_symlink.c; the commands mount, umount, df, sync,
ln -s). In the guest: usertests' symlink, statfs, sync/getmnt and mount
refusal cases (no disk needed), and the commands' output on the root file
system. The handlers themselves, with a fake second file server (mounts,
EXDEV, "..", EBUSY, reboot), are os/tests/test_vfs_host.py."""

import re

import pytest

from harness import suite
from harness.services import Services

GUEST_CASES = ["symlink_file", "symlink_dir", "symlink_dangling",
               "symlink_loop", "statfs_rootfs", "sync_and_getmnt",
               "mount_refusals"]


def test_symlinks_statfs_and_mount_refusals_in_the_guest(shell):
    suite.run(shell, "usertests " + " ".join(GUEST_CASES),
              timeout=300).check(GUEST_CASES)


def test_commands_on_the_root_file_system(shell):
    # ln -s, ls -l and stat show the link; cat follows it.
    shell.check("echo hello > /tmp/t && ln -s /tmp/t /tmp/l")
    out = shell.check("ls -l /tmp/l")
    assert re.search(r"^lrwxrwxrwx +1 root +root +6 /tmp/l -> /tmp/t$", out,
                     re.M), out
    assert shell.check("cat /tmp/l").strip() == "hello"
    out = shell.check("stat /tmp/l")
    assert "File: /tmp/l -> /tmp/t" in out and "symbolic link" in out, out
    out, rc = shell.run("ln -s /tmp/t /tmp/l")
    assert rc == 1 and "ln: /tmp/l: File exists" in out, out
    # mount lists the root file system; df shows it as "none".
    assert shell.check("mount").strip() == "none on / type rootfs (rw)"
    out = shell.check("df").splitlines()
    assert re.match(r"Filesystem +1K-blocks +Used +Available +Use% +"
                    r"Mounted on$", out[0]), out
    assert re.match(r"none +65536 +\d+ +\d+ +\d+% /$", out[1]), out
    assert shell.check("df /tmp/l").splitlines()[1] == out[1]
    out, rc = shell.run("df /missing")
    assert rc == 1 and "df: /missing: No such file or directory" in out
    shell.check("sync")
    # Refusals of the commands.
    out, rc = shell.run("umount /tmp")
    assert rc == 1 and "umount: /tmp: Invalid argument" in out, out
    out, rc = shell.run("mount /dev/null /tmp")
    assert rc == 1 and "mount: /dev/null on /tmp:" in out, out
    out, rc = shell.run("mount /dev/c0d0")
    assert rc == 2 and "usage: mount [-r] DEV DIR" in out, out
    shell.check("rm /tmp/l /tmp/t")


MKE2FS = "/usr/sbin/mke2fs"
E2FSCK = "/usr/sbin/e2fsck"
DEBUGFS = "/usr/sbin/debugfs"


def ext2_image(tmp_path, size="8M"):
    """An ext2 disk image (the whole disk, no partition table) made by
    mke2fs from a small tree: hello.txt, sub/inner.txt, link ->
    hello.txt."""
    import subprocess
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "hello.txt").write_text("hello from ext2\n")
    (tree / "sub" / "inner.txt").write_text("inner\n")
    (tree / "link").symlink_to("hello.txt")
    img = str(tmp_path / "ext2.img")
    subprocess.run([MKE2FS, "-q", "-t", "ext2", "-d", str(tree), img, size],
                   check=True)
    return img


def fsck_clean(img):
    """e2fsck -fn of IMG: (clean, its output)."""
    import subprocess
    r = subprocess.run([E2FSCK, "-fn", img], capture_output=True, text=True)
    return r.returncode == 0, r.stdout + r.stderr


def debugfs_cat(img, path):
    import subprocess
    return subprocess.run([DEBUGFS, "-R", "cat " + path, img],
                          capture_output=True, text=True).stdout


def guest_shell(m):
    """The shell; a disk /etc/rc mounted on /home is unmounted first (the
    tests mount it themselves)."""
    from harness.shell import Shell
    shell = Shell(m).wait_prompt()
    if "rc: /dev/c0d0 mounted on /home" in m.console_text():
        shell.check("umount /home", timeout=60)
    return shell


@pytest.mark.emulators("qemu", "bochs")
def test_an_ext2_disk_mounted_read_written_and_unmounted(boot, tmp_path):
    img = ext2_image(tmp_path)
    m = boot(disk=img)
    shell = guest_shell(m)
    shell.check("mkdir -p /mnt")
    out, rc = shell.run("mount /dev/c0d0 /mnt")
    # Nothing from mount itself (RS's console line may show).
    assert rc == 0 and "mount" not in out, out
    out = shell.check("mount")
    assert "/dev/c0d0 on /mnt type ext2 (rw)" in out, out
    assert shell.check("cat /mnt/hello.txt") == "hello from ext2\n"
    names = shell.check("ls /mnt").split()
    assert "hello.txt" in names and "sub" in names, names
    # Write, list, read back; ".." leads out of the mount.
    shell.check("echo written in the guest > /mnt/new.txt")
    shell.check("mkdir /mnt/sub/made")
    assert shell.check("cat /mnt/new.txt") == "written in the guest\n"
    assert shell.check("cd /mnt/sub && pwd && cat inner.txt && ls ../..") \
        .split()[:2] == ["/mnt/sub", "inner"]
    assert shell.check("cd /mnt/sub/made && cd ../../.. && pwd").strip() \
        == "/"
    out = shell.check("stat -c %d /mnt/hello.txt")
    assert out.strip() == str(3 << 8), out          # DEV_MAKE(3, 0)
    # Symbolic links on ext2: one mke2fs made, one made here, one out.
    assert shell.check("cat /mnt/link") == "hello from ext2\n"
    shell.check("ln -s sub/inner.txt /mnt/l2 && ln -s /tmp /mnt/sub/out")
    assert shell.check("cat /mnt/l2") == "inner\n"
    assert "/mnt/l2 -> sub/inner.txt" in shell.check("ls -l /mnt/l2")
    assert shell.check("cd /mnt/sub/out && pwd").strip() == "/tmp"
    # A program run from the ext2 disk.
    shell.check("cp /bin/echo /mnt/e && chmod 755 /mnt/e")
    assert shell.check("/mnt/e run from ext2").strip() == "run from ext2"
    out, rc = shell.run("ln /mnt/new.txt /tmp/x")
    assert rc == 1 and "Invalid cross-device link" in out, out
    out = shell.check("df /mnt").splitlines()
    assert re.match(r"/dev/c0d0 +\d+ +\d+ +\d+ +\d+% /mnt$", out[1]), out
    # Busy while a shell's working directory is in it.
    out, rc = shell.run("cd /mnt/sub && umount /mnt; cd /")
    assert "umount: /mnt: Device or resource busy" in out, out
    out, rc = shell.run("mkdir -p /tmp/m2 && mount /dev/c0d0 /tmp/m2")
    assert rc == 1 and "mount: /dev/c0d0 on /tmp/m2: Device or resource " \
        "busy" in out, out
    shell.check("sync")
    shell.check("umount /mnt")
    assert shell.check("mount").strip() == "none on / type rootfs (rw)"
    out, rc = shell.run("cat /mnt/hello.txt")
    assert rc != 0, out
    # Read-only: reads work, writes are EROFS.
    shell.check("mount -r /dev/c0d0 /mnt")
    assert "/dev/c0d0 on /mnt type ext2 (ro)" in shell.check("mount")
    assert shell.check("cat /mnt/new.txt") == "written in the guest\n"
    out, rc = shell.run("echo no > /mnt/ro.txt")
    assert rc != 0 and "Read-only file system" in out, out
    shell.check("umount /mnt")
    # A device without an ext2 file system (a new RAM disk): the server
    # refuses it, mount says so and stops the server again.
    services = Services(shell)
    out, rc = services.up("/usr/drivers/ramdisk", dev="/dev/ram0",
                          args="size=256")
    assert rc == 0, out
    out, rc = shell.run("mount /dev/ram0 /mnt")
    assert rc == 1 and "mount: /dev/ram0 on /mnt: " in out, out
    assert "fs_ram0" not in [s["label"] for s in services.status()]
    assert shell.check("mount").strip() == "none on / type rootfs (rw)"
    m.sendline("poweroff")
    assert m.wait_poweroff(timeout=120) == "ok"
    clean, text = fsck_clean(img)
    assert clean, text
    assert debugfs_cat(img, "/new.txt") == "written in the guest\n"


def test_poweroff_unmounts_what_is_mounted(boot, tmp_path):
    img = ext2_image(tmp_path)
    m = boot(disk=img)
    shell = guest_shell(m)
    shell.check("mkdir -p /mnt && mount /dev/c0d0 /mnt")
    shell.check("echo kept > /mnt/kept.txt")
    m.sendline("poweroff")
    assert m.wait_poweroff(timeout=120) == "ok"
    clean, text = fsck_clean(img)
    assert clean, text
    assert debugfs_cat(img, "/kept.txt") == "kept\n"
