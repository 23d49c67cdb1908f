"""Issue 20: the ext2 file server, checked with tools nobody here wrote.

An image is made on the host from a folder (mke2fs -d, harness/disk.py
make_ext2) and attached as /dev/c0d0; /etc/rc mounts it on /home
(harness.disk.ensure_mounted mounts it when nothing did). The guest reads
the host's files (sha256sum, and fpat's pattern check of the big one),
writes files of a seeded pattern (os/tests/user/fpat), makes a tree of
folders, renames, unlinks, makes a hard link and a symbolic link, changes
a mode, truncates a file, writes inside one (dd conv=notrunc) and
removes a folder tree, runs `sync` and powers off. On the host, `e2fsck -fn` must find nothing wrong,
`debugfs -R "dump ..."` gives back every byte the guest wrote
(harness.disk.pattern recomputes them), and `debugfs ls`/`stat` show the
names and link counts the guest left.

Sizes: QEMU moves a 16 MiB file each way (about 17 s for the test);
Bochs 1 MiB (7-15 s; a 16 MiB one costs it about 55 s). With 1 KiB
blocks both go through double indirect blocks (from 268 KiB on). The
4 KiB block variant runs on QEMU only, with a 1 MiB file."""

import hashlib
import os

import pytest

from harness import disk
from harness.shell import Shell

MIB = 1 << 20
# Seeds of the pattern files (harness.disk.pattern, fpat).
HOST_BIG, GUEST_BIG, GUEST_SMALL, HOST_A, HOST_B, SHRUNK = 3, 4, 5, 1, 2, 6


def host_tree(root, big):
    """The host folder the image is made from; returns {guest path:
    bytes} of its files."""
    files = {
        "hello.txt": b"Hello from the host\n",
        "tree/a/b/c.bin": disk.pattern(HOST_A, 5000),
        "tree/a/d.bin": disk.pattern(HOST_B, 70000),   # indirect blocks
        "rename-me": b"renamed by the guest\n",
        "unlink-me": b"unlinked by the guest\n",
        "link-src": b"two names after the guest's ln\n",
        "big.bin": None,
    }
    for name, data in files.items():
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if data is None:
            disk.write_pattern(path, HOST_BIG, big)
        else:
            with open(path, "wb") as f:
                f.write(data)
    os.symlink("tree/a/b/c.bin", os.path.join(root, "host-symlink"))
    return {name: data for name, data in files.items() if data is not None}


def round_trip(boot, tmp_path, big, size, block):
    """The whole round trip (see the top of the file) with a big file of
    BIG bytes each way, on an image of SIZE bytes of BLOCK-byte blocks."""
    tree = str(tmp_path / "tree")
    files = host_tree(tree, big)
    img = disk.make_ext2(str(tmp_path / "ext2.img"), size, tree, block)
    disk.check_clean(img)
    m = boot(disk=img)
    shell = Shell(m).wait_prompt()
    home = disk.ensure_mounted(shell)

    # The host's files read identically in the guest.
    out = shell.check("cd %s && sha256sum %s" % (home, " ".join(sorted(
        files))), timeout=120)
    for name, data in files.items():
        assert "%s  %s" % (hashlib.sha256(data).hexdigest(), name) in out, \
            (name, out)
    out = shell.check("fpat check %s/big.bin %d %d" % (home, big, HOST_BIG),
                      timeout=600)
    assert "%d bytes ok" % big in out, out
    out = shell.check("sha256sum %s/host-symlink" % home)
    assert hashlib.sha256(files["tree/a/b/c.bin"]).hexdigest() in out, out

    # The guest's changes.
    for line in (
            "mkdir -p %s/new/deep/er" % home,
            "fpat write %s/new/big %d %d" % (home, big, GUEST_BIG),
            "fpat write %s/new/deep/er/small 3000 %d" % (home, GUEST_SMALL),
            "mv %s/rename-me %s/new/renamed" % (home, home),
            "rm %s/unlink-me" % home,
            "ln %s/link-src %s/new/hardlink" % (home, home),
            "mkdir -p %s/gone/sub && echo x > %s/gone/sub/f" % (home, home),
            "rm -r %s/gone" % home,
            "echo written in the guest > %s/new/deep/note" % home,
            "chmod 640 %s/new/deep/note" % home,
            # Truncated to 3000 bytes (its indirect blocks freed).
            "fpat write %s/tree/a/d.bin 3000 %d" % (home, SHRUNK),
            # 3000 bytes written in place inside the big file.
            "dd if=%s/new/deep/er/small of=%s/big.bin bs=1000 count=3 "
            "seek=5 conv=notrunc" % (home, home),
            "ln -s deep/note %s/new/symlink" % home):
        shell.check(line, timeout=600)
    # Read back before the power-off (the cache's copy) too.
    out = shell.check("fpat check %s/new/big %d %d" % (home, big, GUEST_BIG),
                      timeout=600)
    assert "%d bytes ok" % big in out, out
    disk.sync_and_power_off(shell)

    # The host's view.
    disk.check_clean(img)
    assert disk.dump(img, "/new/big") == disk.pattern(GUEST_BIG, big)
    assert disk.dump(img, "/new/deep/er/small") == \
        disk.pattern(GUEST_SMALL, 3000)
    assert disk.dump(img, "/new/deep/note") == b"written in the guest\n"
    assert disk.dump(img, "/new/renamed") == files["rename-me"]
    want = bytearray(disk.pattern(HOST_BIG, big))
    want[5000:8000] = disk.pattern(GUEST_SMALL, 3000)
    assert disk.dump(img, "/big.bin") == want
    assert disk.dump(img, "/tree/a/d.bin") == disk.pattern(SHRUNK, 3000)
    top = disk.listdir(img, "/")
    assert "rename-me" not in top and "unlink-me" not in top, top
    assert "gone" not in top and "new" in top, top
    new = disk.listdir(img, "/new")
    assert set(new) == {"big", "deep", "renamed", "hardlink", "symlink"}, \
        new
    assert new["symlink"]["mode"] & 0o170000 == 0o120000, new
    assert 'Fast link dest: "deep/note"' in disk.debugfs(img,
                                                         "stat /new/symlink")
    assert new["hardlink"]["ino"] == top["link-src"]["ino"], (new, top)
    assert disk.inode_links(img, "/link-src") == 2
    assert disk.dump(img, "/new/hardlink") == files["link-src"]
    assert new["big"]["size"] == big
    deep = disk.listdir(img, "/new/deep")
    assert set(deep) == {"er", "note"}, deep
    assert deep["note"]["mode"] == 0o100640, oct(deep["note"]["mode"])


@pytest.mark.emulators("qemu", "bochs")
def test_files_round_trip_between_host_and_guest(boot, tmp_path, emulator):
    """Files made on the host read identically in the guest; files,
    folders, renames, unlinks and a hard link made in the guest are on the
    host after sync and power-off, byte for byte, and e2fsck finds the
    file system clean (QEMU: a 16 MiB file each way)."""
    if emulator == "qemu":
        round_trip(boot, tmp_path, 16 * MIB, 48 * MIB, 1024)
    else:
        round_trip(boot, tmp_path, 1 * MIB, 8 * MIB, 1024)


def test_4k_blocks_round_trip(boot, tmp_path):
    """The same on a file system of 4 KiB blocks (QEMU, a 1 MiB file)."""
    round_trip(boot, tmp_path, 1 * MIB, 16 * MIB, 4096)
