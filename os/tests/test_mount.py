"""Issue 20: mounts, symbolic links and sync (os/servers/vfs/mount.c,
path.c, do_mount.c, do_symlink.c; the commands mount, umount, df, sync,
ln -s). In the guest: usertests' symlink, statfs, sync/getmnt and mount
refusal cases (no disk needed), and the commands' output on the root file
system. The handlers themselves, with a fake second file server (mounts,
EXDEV, "..", EBUSY, reboot), are os/tests/test_vfs_host.py."""

import re

from harness import suite

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
