"""Host only: harness/disk.py's images (pattern, MBR, sparse files) and
the emulators' disk attach (harness/machine.py: QEMU's -drive, Bochs'
geometry and bochsrc lines)."""

import os
import struct
import subprocess

import pytest

from harness.disk import (SECTOR, allocated_bytes, make_image, mbr,
                          read_sectors, sector_pattern)
from harness.machine import (ROOT, EmulatorError, QemuMachine, bochs_disk_args,
                             bochs_geometry, qemu_drive)

MIB = 1 << 20


def test_every_sector_has_its_own_pattern():
    a, b = sector_pattern(7), sector_pattern(8)
    assert len(a) == SECTOR and a != b
    assert struct.unpack("<II", a[:8]) == (7, 0x50484E58)
    assert struct.unpack("<II", a[8:16]) == (7, 1 ^ 0x50484E58)


def test_mbr_entries_and_signature():
    sector = mbr([(2048, 4096), (6144, 8192, 0x0C)])
    assert len(sector) == SECTOR and sector[510:] == b"\x55\xaa"
    e0 = sector[446:462]
    assert e0[4] == 0x83 and struct.unpack("<II", e0[8:]) == (2048, 4096)
    e1 = sector[462:478]
    assert e1[4] == 0x0C and struct.unpack("<II", e1[8:]) == (6144, 8192)
    assert sector[478:510] == bytes(32)
    with pytest.raises(ValueError):
        mbr([(1, 1)] * 5)


def test_images_are_sparse_and_patterned(tmp_path):
    path = str(tmp_path / "d.img")
    make_image(path, 8 * MIB, partitions=[(2048, 2048), (4096, 4096)])
    assert os.path.getsize(path) == 8 * MIB
    assert read_sectors(path, 5) == sector_pattern(5)
    first = read_sectors(path, 0)
    assert first[:446] == sector_pattern(0)[:446] and first[510:] == \
        b"\x55\xaa"
    big = str(tmp_path / "big.img")
    make_image(big, 200 << 30, regions=[(0, 16), ((1 << 28) - 8, 16)])
    assert os.path.getsize(big) == 200 << 30
    assert allocated_bytes(big) < 4 * MIB
    assert read_sectors(big, (1 << 28) + 1) == sector_pattern((1 << 28) + 1)
    assert read_sectors(big, 100) == bytes(SECTOR)


@pytest.mark.parametrize("size", [8 * MIB, 1 * MIB, 100 * MIB, 512 * 63 * 16,
                                  (16 << 30) - MIB])
def test_bochs_geometry_covers_the_image_exactly(size):
    c, h, s = bochs_geometry(size)
    assert c * h * s * 512 == size
    assert c <= 65535 and h <= 16 and s <= 63


@pytest.mark.parametrize("size", [0, 1000, 512 * 65537 * 16 * 63])
def test_bochs_geometry_refuses_what_bochs_cannot_take(size):
    with pytest.raises(EmulatorError):
        bochs_geometry(size)


def test_the_attach_arguments(tmp_path):
    path = str(tmp_path / "d.img")
    make_image(path, 8 * MIB, pattern=False)
    assert qemu_drive(path) == "file=%s,format=raw,if=ide,index=0" % path
    assert bochs_disk_args(path) == ["--disk", path, "--geometry", "32/16/32"]
    assert bochs_disk_args(None) == []
    with pytest.raises(EmulatorError):
        QemuMachine(os.path.join(ROOT, "harness", "disk.py"),
                    disk=str(tmp_path / "missing.img"))
    rc = subprocess.run([os.path.join(ROOT, "os/tools/mkbochsrc.sh"), "--iso",
                         "/x.iso"] + bochs_disk_args(path),
                        capture_output=True, text=True, check=True).stdout
    assert 'ata0-master: type=disk, path="%s", mode=flat, cylinders=32, ' \
        'heads=16, spt=32' % path in rc
    assert 'ata1-master: type=cdrom, path="/x.iso"' in rc
    plain = subprocess.run([os.path.join(ROOT, "os/tools/mkbochsrc.sh"),
                            "--iso", "/x.iso"], capture_output=True,
                           text=True, check=True).stdout
    assert 'ata0-master: type=cdrom, path="/x.iso", status=inserted' in plain
    assert "ata1" not in plain


def test_a_campaign_with_ata_attaches_an_ext2_disk_with_fics_file(
        tmp_path):
    from harness import campaign_plan as cplan
    from harness import disk
    from harness.campaign import (DISK_SIZE, FIC_SEED, FIC_SIZE, FIC_SRC,
                                  Worker)
    assert "ata" in cplan.KNOWN_DRIVERS
    assert "ata" not in cplan.DEFAULT_DRIVERS
    w = Worker(0, "os.iso", str(tmp_path), ["hello", "ata"], {}, "10")
    path = w.make_disk()
    assert os.path.getsize(path) == DISK_SIZE
    disk.check_clean(path)
    assert disk.dump(path, "/" + FIC_SRC) == disk.pattern(FIC_SEED, FIC_SIZE)
    # fic's C side (os/tests/user/fic/fileop.c) says the same.
    with open(os.path.join(ROOT, "os/tests/user/fic/fileop.c")) as f:
        c = f.read()
    assert "#define FIC_SIZE (%d * 1024)" % (FIC_SIZE // 1024) in c
    assert "#define FIC_SEED 0x%Xu" % FIC_SEED in c
    with open(os.path.join(ROOT, "os/tests/user/fic/fic.h")) as f:
        assert '#define FIC_SRC  "/home/%s"' % FIC_SRC in f.read()
    assert Worker(1, "os.iso", str(tmp_path), ["hello"], {}, "10"
                  ).make_disk() is None


# ---- ext2 images and the seeded pattern ------------------------------------

def test_pattern_words_and_offsets():
    from harness.disk import pattern, pattern_sha256
    import hashlib
    p = pattern(0x1234, 1000)
    assert struct.unpack("<2I", p[:8]) == (0x9E3779B1 ^ 0x1234,
                                           (2 * 0x9E3779B1 & 0xFFFFFFFF)
                                           ^ 0x1234)
    assert pattern(0x1234, 10, 3) == p[3:13]
    assert pattern(0x1234, 999) == p[:999] and pattern(7, 1000) != p
    big = pattern(5, (1 << 20) + 5)
    assert pattern_sha256(5, len(big)) == hashlib.sha256(big).hexdigest()


def test_ext2_round_trip_on_the_host(tmp_path):
    from harness import disk
    tree = tmp_path / "tree"
    (tree / "a" / "b").mkdir(parents=True)
    disk.write_pattern(str(tree / "a" / "b" / "f"), 9, 300000)
    (tree / "t").write_bytes(b"text\n")
    os.link(str(tree / "t"), str(tree / "a" / "t2"))
    for block in (1024, 4096):
        img = disk.make_ext2(str(tmp_path / ("%d.img" % block)), 8 * MIB,
                             str(tree), block)
        disk.check_clean(img)
        assert disk.dump(img, "/a/b/f") == disk.pattern(9, 300000)
        top = disk.listdir(img)
        assert set(top) == {"a", "t", "lost+found"}, top
        assert top["t"]["size"] == 5 and top["a"]["mode"] & 0o40000
        assert disk.listdir(img, "/a")["t2"]["ino"] == top["t"]["ino"]
        assert disk.inode_links(img, "/t") == 2
        out = disk.debugfs(img, "stats")
        assert "Block size:               %d" % block in out, out


def test_ext2_tools_report_what_is_wrong(tmp_path):
    from harness import disk
    img = disk.make_ext2(str(tmp_path / "x.img"), 4 * MIB)
    with pytest.raises(disk.Ext2Error, match="File not found"):
        disk.dump(img, "/missing")
    with pytest.raises(disk.Ext2Error):
        disk.listdir(img, "/missing")
    # A free-blocks count in the superblock that lies: e2fsck -fn says so
    # (with status 0), check_clean fails and shows its output.
    with open(img, "r+b") as f:
        f.seek(1024 + 12)               # s_free_blocks_count
        f.write(struct.pack("<I", 7))
    status, out = disk.e2fsck(img)
    assert "Free blocks count wrong" in out, out
    assert disk.problems(out), out
    with pytest.raises(disk.Ext2Error, match="Free blocks count wrong"):
        disk.check_clean(img)
    # A wrong link count: e2fsck's status says so too.
    img = disk.make_ext2(str(tmp_path / "z.img"), 4 * MIB)
    subprocess.run(["debugfs", "-w", "-R", "sif / links_count 9", img],
                   check=True, capture_output=True)
    status, out = disk.e2fsck(img)
    assert status == 4 and "ref count is 9" in out, (status, out)
    with pytest.raises(disk.Ext2Error, match="ref count is 9"):
        disk.check_clean(img)
    with pytest.raises(ValueError):
        disk.make_ext2(str(tmp_path / "y.img"), 3 * MIB + 512)
