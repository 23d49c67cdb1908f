"""Lab 6, hidden tests: faults in a row with writes between them, the
partition table after a crash, a fresh start after `service down`, a
live update."""

import pytest

from sdisklib import (SECTOR, SECTORS, Disk, blkio, boot_with_disk,
                      guest_sha256, mbr, sha256, start, transfer_image)


@pytest.mark.points(10)
def test_data_kept_across_faults_in_a_row(agent_services, lab, recovery):
    """Hidden: every byte survives five faults in a row, written between."""
    svc = start(agent_services, lab)
    disk = Disk(svc.shell, lab.device)
    disk.write(0, SECTORS, 1)
    for n, kind in enumerate(("segv", "crash", "badio", "exit", "panic")):
        recovery(svc, lab.driver, kind, timeout=90)
        disk.check("the disk after the %s (fault %d of 5)" % (kind, n + 1))
        # Sectors across a chunk boundary, different after each fault.
        disk.write(8 * (n + 1) - 1, 3 + n, 100 + n)
    disk.check("the disk after the last write")


@pytest.mark.points(5)
def test_partitions_found_again_after_a_crash(boot, tmp_path, lab, recovery):
    """Hidden: the restarted driver serves the MBR's partitions."""
    from harness.disk import sector_pattern
    parts = [(8, 24), (32, 200)]
    image = bytearray(b"".join(sector_pattern(lba)
                               for lba in range(SECTORS)))
    image[0:SECTOR] = mbr(parts)
    path = transfer_image(str(tmp_path / "transfer.img"), bytes(image))
    svc = start(boot_with_disk(boot, path), lab)
    shell = svc.shell
    shell.check("dd if=/dev/c0d0 of=%s bs=4096 count=32" % lab.device,
                timeout=120)
    recovery(svc, lab.driver, "crash", timeout=90)
    first, count = parts[1]
    dev = lab.device + "p1"
    assert blkio(shell, "size " + dev) == "size %d base %d" % (
        count * SECTOR, first * SECTOR), "partition 1 is not as in the MBR"
    assert guest_sha256(shell, dev) == sha256(
        bytes(image[first * SECTOR:(first + count) * SECTOR])), \
        "partition 1 lost its bytes in the crash"


@pytest.mark.points(5)
def test_fresh_start_after_down_is_empty(agent_services, lab):
    """Hidden: a fresh start after service down is an empty disk."""
    svc = start(agent_services, lab)
    disk = Disk(svc.shell, lab.device)
    disk.write(0, 64, 9)
    out, rc = svc.down(lab.driver)
    assert rc == 0, out
    start(svc, lab)
    Disk(svc.shell, lab.device).check("a fresh start after service down "
                                      "(all zeros)")


@pytest.mark.points(5)
def test_live_update_keeps_the_disk(agent_services, lab):
    """Hidden: a live update keeps every byte."""
    svc = start(agent_services, lab)
    disk = Disk(svc.shell, lab.device)
    disk.write(0, SECTORS, 0x1d)
    out, rc = svc.update("self", lab.driver)
    assert rc == 0, "service update self -label %s exited %d:\n%s" % (
        lab.driver, rc, out)
    disk.check("the disk after a live update")


@pytest.mark.points(10)
def test_file_system_written_during_crashes_survives_remount(boot, tmp_path,
                                                             lab, recovery):
    """Hidden: files written during crashes survive umount and mount."""
    from fslib import (FILES, MOUNT, copy_in, copy_out, e2fsck,
                       fs_transfer_image, mount, returned_fs, umount, dump)
    from sdisklib import power_off
    image = fs_transfer_image(tmp_path)
    svc = start(boot_with_disk(boot, image), lab)
    shell = svc.shell
    copy_in(shell, lab.device)
    mount(shell, lab.device)
    for n, kind in enumerate(("crash", "hang", "badipc")):
        shell.check("mkdir %s/d%d" % (MOUNT, n), timeout=120)
        shell.check("cp %s/sub/b.bin %s/d%d/b.bin" % (MOUNT, MOUNT, n),
                    timeout=120)
        recovery(svc, lab.driver, kind, timeout=120)
        shell.check("rm %s/d%d/b.bin" % (MOUNT, n - 1) if n else "true",
                    timeout=120)
    umount(shell)
    mount(shell, lab.device)
    assert guest_sha256(shell, MOUNT + "/d2/b.bin") == \
        sha256(FILES["sub/b.bin"]), "d2/b.bin lost its bytes over a remount"
    umount(shell)
    copy_out(shell, lab.device)
    power_off(shell)
    fs = returned_fs(tmp_path, image)
    clean, report = e2fsck(fs)
    assert clean, "e2fsck -fn finds the file system damaged:\n" + report
    assert dump(fs, "d2/b.bin", tmp_path) == FILES["sub/b.bin"]
    assert dump(fs, "d0/b.bin", tmp_path) is None, "d0/b.bin was removed"
