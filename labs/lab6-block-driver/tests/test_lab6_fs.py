"""Lab 6, public test of the file system above the driver: an ext2 image
made on the host (mke2fs -d) is copied onto /dev/sd0 and mounted; a
program copies and compares a file in it again and again while the
driver fails in every way `service fi` knows; then the file system is
unmounted, copied back to the host, and e2fsck and debugfs check it."""

import pytest

from fslib import (FILES, MOUNT, CopyLoop, copy_in, copy_out, dump, e2fsck,
                   fs_transfer_image, mount, returned_fs, umount)
from sdisklib import (FAULT_KINDS, boot_with_disk, guest_sha256, power_off,
                      sha256, start)


@pytest.mark.points(20)
def test_file_system_unaware_of_faults(boot, tmp_path, lab, recovery,
                                       record_property):
    """A mounted ext2 file system never notices the driver's faults.

    `cp` then `cmp` of a 24 KiB file in a loop while every fault kind is
    injected in turn: no copy or comparison fails; after umount the disk
    is copied back to the host, where `e2fsck -fn` finds it clean and
    `debugfs` reads every file, and the copies, byte for byte."""
    image = fs_transfer_image(tmp_path)
    svc = start(boot_with_disk(boot, image), lab)
    shell = svc.shell
    copy_in(shell, lab.device)
    mount(shell, lab.device)
    assert guest_sha256(shell, MOUNT + "/a.bin") == sha256(FILES["a.bin"]), \
        "a.bin does not read right in the mounted file system"
    loop = CopyLoop(MOUNT + "/a.bin", MOUNT + "/sub/copy.bin")
    loop.start(shell)
    try:
        for kind in FAULT_KINDS:
            recovery(svc, lab.driver, kind, timeout=120)
    finally:
        stats = loop.stop(shell)
    record_property("copies_ok", stats.ok)
    record_property("copies_failed", stats.errors)
    assert stats.ok > 0, "no copy was made: %r" % (stats,)
    assert stats.errors == 0, "%d copies or comparisons failed during the " \
        "faults: %r" % (stats.errors, stats)
    shell.check("cp %s/notes.txt %s/last.txt" % (MOUNT, MOUNT), timeout=120)
    umount(shell)
    copy_out(shell, lab.device)
    power_off(shell)
    fs = returned_fs(tmp_path, image)
    clean, report = e2fsck(fs)
    assert clean, "e2fsck -fn finds the file system damaged:\n" + report
    for name, data in list(FILES.items()) + [
            ("sub/copy.bin", FILES["a.bin"]), ("last.txt",
                                               FILES["notes.txt"])]:
        assert dump(fs, name, tmp_path) == data, \
            "%s does not hold its bytes on the returned disk" % name
