"""Lab 6, public tests: the sdisk block driver reads and writes its disk
through /dev/sd0 and the partitions of an MBR on it, keeps every byte
across every kind of fault `service fi` injects, and a program writing
and reading the disk while the driver fails sees no error and no wrong
byte. Each test boots a fresh machine with the submission's driver."""

import pytest

from sdisklib import (FAULT_KINDS, SECTOR, SECTORS, SIZE, Disk,
                      WriteReadLoop, blkio, boot_with_disk, guest_sha256,
                      mbr, sha256, start, transfer_image)


@pytest.mark.points(10)
def test_disk_reads_and_writes(agent_services, lab):
    """/dev/sd0: 128 KiB of zeros, writes read back, bounds kept."""
    svc = start(agent_services, lab)
    shell = svc.shell
    assert blkio(shell, "size %s" % lab.device) == "size %d base 0" % SIZE
    disk = Disk(shell, lab.device)
    disk.check("a fresh disk (all zeros)")
    # Sectors inside a 4 KiB chunk, across two chunks, the last ones.
    disk.write(3, 2, 11)
    disk.write(6, 5, 12)
    disk.write(SECTORS - 3, 3, 13)
    for lba, count in ((3, 2), (0, 16), (SECTORS - 8, 8)):
        assert blkio(shell, "read %s %d %d" % (lab.device, lba, count)) == \
            disk.read_answer(lba, count), "sectors %d-%d read wrong" % (
                lba, lba + count - 1)
    # Reading past the end stops at the end.
    assert blkio(shell, "read %s %d 4" % (lab.device, SECTORS - 1)) == \
        disk.read_answer(SECTORS - 1, 1)
    # dd through the device file.
    shell.check("dd if=%s of=/tmp/sd.copy bs=4096 count=32" % lab.device)
    assert guest_sha256(shell, "/tmp/sd.copy") == sha256(bytes(disk.data))
    disk.check()


# The MBR of the partition tests (first sector, sectors): p0, p1, p3 (p2
# unused).
PARTS = [(16, 64), (80, 128), (0, 0), (208, 48)]


def partitioned():
    """128 KiB with the MBR of PARTS and a pattern in every other sector."""
    from harness.disk import sector_pattern
    data = bytearray(b"".join(sector_pattern(lba) for lba in range(SECTORS)))
    data[0:SECTOR] = mbr([PARTS[0], PARTS[1], (0, 0, 0), PARTS[3]])
    return bytes(data)


@pytest.mark.points(10)
def test_mbr_partitions(boot, tmp_path, lab):
    """An MBR on the disk: /dev/sd0p0..p3 are its partitions."""
    image = partitioned()
    path = transfer_image(str(tmp_path / "transfer.img"), image)
    svc = start(boot_with_disk(boot, path), lab)
    shell = svc.shell
    # Host-made bytes onto the lab's disk, from the ATA disk.
    shell.check("dd if=/dev/c0d0 of=%s bs=4096 count=32" % lab.device,
                timeout=120)
    disk = Disk(shell, lab.device, image)
    disk.check("the disk after dd from /dev/c0d0")
    for p, (first, count) in enumerate(PARTS):
        dev = "%sp%d" % (lab.device, p)
        if not count:
            out, rc = shell.run("blkio size " + dev)
            assert rc != 0, "%s (an unused entry) opened:\n%s" % (dev, out)
            continue
        assert blkio(shell, "size " + dev) == "size %d base %d" % (
            count * SECTOR, first * SECTOR), dev
        assert guest_sha256(shell, dev) == sha256(
            image[first * SECTOR:(first + count) * SECTOR]), \
            "%s does not hold the partition's bytes" % dev
    # A write through p3, read back through the whole disk.
    disk.write(5, 3, 77, device=lab.device + "p3", base=PARTS[3][0])
    assert blkio(shell, "read %s %d 3" % (lab.device, PARTS[3][0] + 5)) == \
        disk.read_answer(PARTS[3][0] + 5, 3)
    disk.check()


@pytest.mark.points(6)
@pytest.mark.depends("test_disk_reads_and_writes")
@pytest.mark.parametrize("kind", FAULT_KINDS)
def test_data_kept_after_fault(agent_services, lab, recovery, kind):
    """The disk keeps every byte written after a fault."""
    svc = start(agent_services, lab)
    shell = svc.shell
    disk = Disk(shell, lab.device)
    disk.write(0, SECTORS, 0x5eed)
    disk.write(40, 9, 0x77)
    r = recovery(svc, lab.driver, kind, timeout=90)
    assert r.restarts >= 1
    disk.check("the disk after the %s" % kind)
    # And it goes on working: a write after the fault is kept too.
    disk.write(100, 20, 0x99)
    disk.check("the disk written after the %s" % kind)


@pytest.mark.points(18)
@pytest.mark.depends("test_disk_reads_and_writes")
def test_program_writing_and_reading_sees_no_fault(agent_services, lab,
                                                   recovery, record_property):
    """A program writing and reading the disk sees no fault of any kind.

    Every fault kind in turn while a shell loop writes sectors 64-191
    with changing data and reads them back: no write or read fails, none
    reads wrong, and the rest of the disk (written before) is unchanged
    at the end."""
    svc = start(agent_services, lab)
    shell = svc.shell
    disk = Disk(shell, lab.device)
    disk.write(0, SECTORS, 0xfeed)
    loop = WriteReadLoop(lab.device, 64, 128)
    loop.start(shell)
    try:
        for kind in FAULT_KINDS:
            recovery(svc, lab.driver, kind, timeout=90)
    finally:
        stats = loop.stop(shell)
    for key, value in vars(stats).items():
        record_property("loop_" + key, value)
    assert stats.ok > 0, "the loop read nothing right: %r" % (stats,)
    assert stats.errors == 0, \
        "the loop saw %d failed writes or reads: %r" % (stats.errors, stats)
    assert stats.wrong == 0, \
        "the loop read wrong data %d times: %r" % (stats.wrong, stats)
    # The loop's last write: whatever seed, sectors 64-191 hold one of
    # them; outside, the first pattern.
    got = guest_sha256(shell, lab.device)
    candidates = []
    for seed in (1, 2, 3, 4):
        d = Disk(shell, lab.device, disk.data)
        d.expect(64, 128, seed)
        candidates.append(sha256(bytes(d.data)))
    assert got in candidates, "the disk lost bytes during the faults"
