"""Raw disk images for machines with a disk (``boot(disk=PATH)``).

A test makes a small image in its tmp folder, attaches it as the primary
master (the guest's /dev/c0d0: harness/machine.py ``qemu_drive``,
``bochs_geometry``) and checks on the host, after the guest powered off,
what the guest wrote into the file.

Every sector of an image made here can hold a known pattern
(:func:`sector_pattern`: the sector's number and each 8-byte word's index,
so a sector read from the wrong place or a shifted buffer is told from the
right one), and sector 0 can hold an MBR partition table (:func:`mbr`).
Images are sparse files: a 200 GiB image for an LBA48 request costs the
host only the sectors written.
"""

import os
import struct

SECTOR = 512
MBR_SIGNATURE = b"\x55\xaa"
MBR_TABLE = 446            # offset of the four 16-byte partition entries
PARTITION_LINUX = 0x83     # the type byte of an ext2 partition
# The CHS fields of an entry whose sectors lie beyond CHS addressing: the
# guest uses the LBA fields only.
_CHS_BEYOND = b"\xfe\xff\xff"


def sector_pattern(lba):
    """The 512 bytes the pattern puts in sector LBA: 64 words of 8 bytes,
    word I holding LBA (4 bytes, little-endian) then I ^ 0x50484e58 (4
    bytes)."""
    return b"".join(struct.pack("<II", lba & 0xFFFFFFFF, i ^ 0x50484E58)
                    for i in range(SECTOR // 8))


def mbr(partitions, boot_sector=None):
    """Sector 0 with an MBR partition table: PARTITIONS is up to four
    (start_lba, sectors, type) tuples (type default PARTITION_LINUX when
    a pair is given), entries 0.. in that order, the rest empty. The 446
    bytes before the table are BOOT_SECTOR's (default zeros)."""
    if len(partitions) > 4:
        raise ValueError("an MBR holds at most four partitions")
    head = (boot_sector or bytes(SECTOR))[:MBR_TABLE]
    table = b""
    for p in partitions:
        start, count = p[0], p[1]
        kind = p[2] if len(p) > 2 else PARTITION_LINUX
        table += struct.pack("<B3sB3sII", 0, _CHS_BEYOND, kind, _CHS_BEYOND,
                             start, count)
    table = table.ljust(64, b"\0")
    return head.ljust(MBR_TABLE, b"\0") + table + MBR_SIGNATURE


def make_image(path, size, partitions=(), pattern=True, regions=None):
    """Make the raw image PATH of SIZE bytes (a multiple of 512; a sparse
    file). PATTERN writes sector_pattern into the sectors of REGIONS, a
    list of (first_lba, count) (default: every sector; give regions for a
    big sparse image). PARTITIONS, when given, puts mbr(PARTITIONS) in
    sector 0 (keeping the pattern's first 446 bytes). Returns PATH."""
    if size <= 0 or size % SECTOR:
        raise ValueError("a disk image is a positive multiple of 512 bytes")
    sectors = size // SECTOR
    with open(path, "wb") as f:
        f.truncate(size)
        if pattern:
            for first, count in regions or [(0, sectors)]:
                f.seek(first * SECTOR)
                f.write(b"".join(sector_pattern(lba) for lba in
                                 range(first, min(first + count, sectors))))
        if partitions:
            f.seek(0)
            f.write(mbr(partitions, sector_pattern(0) if pattern else None))
    return path


def read_sectors(path, lba, count=1):
    """COUNT sectors of image PATH from sector LBA (bytes)."""
    with open(path, "rb") as f:
        f.seek(lba * SECTOR)
        return f.read(count * SECTOR)


def allocated_bytes(path):
    """How many bytes of image PATH the host really stores (sparse files
    store only what was written)."""
    return os.stat(path).st_blocks * 512
