"""The ATA disk driver (os/drivers/ata) on a raw disk image the test makes
(harness/disk.py: every sector holds sector_pattern(lba)), attached as the
primary master (boot(disk=...)).

The hardware layer is tested in the guest by os/tests/services/atatest
(IDENTIFY, reads at the start, middle and end, past the end, 256 sectors
in one command, writes read back, LBA48 above sector 2^28); what it wrote
is checked in the image file on the host after the guest powered off. The
driver itself is started as /etc/rc would (service up /usr/drivers/ata):
it reports the disk and the CD-ROM, says so when there is no disk, and
comes back after a crash."""

import os
import re
import struct

import pytest

from harness.disk import allocated_bytes, read_sectors, sector_pattern
from harness.services import Services
from harness.shell import Shell

MIB = 1 << 20
LBA48_BASE = 1 << 28            # the first sector LBA28 cannot address
WRITTEN = 0x57524954            # atatest's write pattern ("WRIT")
PASSED_RE = r"atatest: (all \d+ checks passed|FAILED)"


def written_pattern(lba):
    """The 512 bytes atatest writes to sector LBA."""
    return b"".join(struct.pack("<II", lba & 0xFFFFFFFF, i ^ WRITTEN)
                    for i in range(64))


def run_atatest(machine, sectors, timeout=120):
    """Start atatest on MACHINE for a disk of SECTORS sectors; return the
    console text from its start once it says whether its checks passed."""
    shell = Shell(machine).wait_prompt()
    shell.check("service down ata")          # /etc/rc started the driver
    since = len(machine.console_text())
    shell.check('service up /usr/tests/atatest -label ata -args "%d"'
                % sectors, timeout=60)
    assert machine.wait_console(PASSED_RE, since=since, timeout=timeout), \
        machine.tail()
    text = machine.console_text()[since:]
    assert "atatest: all 8 checks passed" in text, text
    return shell, text


def power_off(shell, machine):
    """Power the guest off and wait until the emulator is gone (the image
    file then holds everything the guest wrote)."""
    machine.sendline("poweroff")
    assert machine.wait_poweroff(timeout=120) == "ok"


@pytest.mark.emulators("qemu", "bochs")
def test_hardware_layer_reads_and_writes_the_disk(boot, disk_image, emulator):
    path = disk_image(8 * MIB)
    m = boot(disk=path)
    shell, text = run_atatest(m, 8 * MIB // 512)
    model = "QEMU HARDDISK" if emulator == "qemu" else "Generic 1234"
    assert 'atatest: c0d0 16384 sectors' in text and model in text, text
    # Past the end: the drive's own error, logged with its error register.
    assert re.search(r"ata: read at sector 16384 failed: status 0x[0-9a-f]+,"
                     r" error 0x[0-9a-f]+ \((aborted|sector not found)\)",
                     text), text
    power_off(shell, m)
    # What the guest wrote is in the file, nothing around it changed.
    for lba in (1000, 1001, 1002):
        assert read_sectors(path, lba) == written_pattern(lba), lba
    for lba in (0, 999, 1003, 8191, 16383):
        assert read_sectors(path, lba) == sector_pattern(lba), lba


@pytest.mark.emulators("qemu")
def test_lba48_above_sector_2_28_on_a_200_gib_sparse_disk(boot, disk_image):
    size = 200 << 30
    path = disk_image(size, regions=[(0, 2048), (LBA48_BASE - 64, 256)])
    m = boot(disk=path)
    shell, text = run_atatest(m, size // 512)
    assert "atatest: c0d0 %d sectors, LBA48" % (size // 512) in text, text
    power_off(shell, m)
    for lba in (LBA48_BASE + 32, LBA48_BASE + 33, 1000):
        assert read_sectors(path, lba) == written_pattern(lba), lba
    for lba in (LBA48_BASE - 1, LBA48_BASE, LBA48_BASE + 31,
                LBA48_BASE + 34):
        assert read_sectors(path, lba) == sector_pattern(lba), lba
    assert allocated_bytes(path) < 64 * MIB     # still sparse


def test_rc_starts_the_driver_which_reports_the_disk_and_the_cdrom(
        boot, disk_image):
    m = boot(disk=disk_image(8 * MIB))
    shell = Shell(m).wait_prompt()
    disk_re = (r"ata: c0d0 \(primary master\): QEMU HARDDISK, 16384 sectors "
               r"\(8 MiB\), LBA48")
    cdrom_re = r"ata: secondary master: ATAPI device \(CD-ROM\), left alone"
    assert m.wait_console(disk_re), m.tail()
    assert m.wait_console(cdrom_re), m.tail()
    svc = Services(shell)
    ata = svc.get("ata")
    assert ata["binary"] == "/usr/drivers/ata" and ata["dev"] == "/dev/c0d0"
    since = len(m.console_text())
    out, rc = svc.fi("ata", "crash")
    assert rc == 0, out
    svc.wait_recovered("ata")
    assert m.wait_console(disk_re, since=since), m.tail()


def test_without_a_disk_the_driver_says_so(boot):
    m = boot()
    shell = Shell(m).wait_prompt()
    assert m.wait_console(r"ata: no disk: no ATA disk on either channel "
                          r"\(/dev/c0d0-c0d3 absent\)"), m.tail()
    assert "ata: c0d" not in m.console_text()
    assert Services(shell).get("ata")["state"] == "up"   # serving nothing
    out, rc = shell.run("blkio read /dev/c0d0 0 1")
    assert rc == 1 and "blkio: error 6" in out, out      # ENXIO


# ---- the driver through VFS: /dev/c0d0 and its partitions -----------------

# The MBR of the partition tests: p0 sectors 2048-6143, p1 6144-14335.
PARTS = [(2048, 4096), (6144, 8192)]
SEED = 0x1234


def fnv(data):
    """The 32-bit FNV-1a hash blkio prints."""
    h = 0x811C9DC5
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def seeded(lba, seed=SEED):
    """The sector blkio writes as sector LBA of the device it writes."""
    return b"".join(struct.pack("<II", lba, i ^ seed) for i in range(64))


def blkio(shell, args):
    """`blkio ARGS`'s answer line (without "blkio: ")."""
    out = shell.check("blkio " + args, timeout=60)
    found = re.search(r"^blkio: (.*)$", out, re.M)
    assert found, out
    return found.group(1).strip()


def read_answer(path, lba, count):
    """What `blkio read` must answer for COUNT sectors of image PATH from
    sector LBA (clipped at its end)."""
    data = read_sectors(path, lba, count)
    return "read %d bytes fnv %08x" % (len(data), fnv(data))


@pytest.mark.emulators("qemu", "bochs")
def test_dev_c0d0_and_its_partitions_read_write_and_survive_a_crash(
        boot, disk_image):
    path = disk_image(8 * MIB, partitions=PARTS)
    m = boot(disk=path)
    shell = Shell(m).wait_prompt()
    # /etc/rc started the driver, which found the disk (and the CD-ROM).
    assert m.wait_console(r"ata: c0d0 \(primary master\): [^,]+, "
                          r"16384 sectors"), m.tail()
    assert m.wait_console(r"ata: secondary master: ATAPI"), m.tail()
    assert blkio(shell, "size /dev/c0d0") == "size %d base 0" % (8 * MIB)
    for lba, count in ((0, 1), (8000, 300), (16383, 1), (16380, 8),
                       (16384, 1)):
        assert blkio(shell, "read /dev/c0d0 %d %d" % (lba, count)) == \
            read_answer(path, lba, count), (lba, count)
    # The partitions of the MBR, and an unused one.
    assert blkio(shell, "size /dev/c0d0p0") == "size %d base %d" % (
        4096 * 512, 2048 * 512)
    assert blkio(shell, "size /dev/c0d0p1") == "size %d base %d" % (
        8192 * 512, 6144 * 512)
    assert blkio(shell, "read /dev/c0d0p1 0 2") == read_answer(path, 6144, 2)
    assert blkio(shell, "read /dev/c0d0p0 4095 4") == \
        read_answer(path, 6143, 1)               # clipped at p0's end
    out, rc = shell.run("blkio read /dev/c0d0p2 0 1")
    assert rc == 1 and "blkio: error" in out, out
    # A write through a partition, read back through the whole disk.
    assert blkio(shell, "write /dev/c0d0p1 10 3 %d" % SEED) == \
        "wrote 1536 bytes"
    data = b"".join(seeded(10 + i) for i in range(3))
    # DIOCFLUSH: FLUSH CACHE on the drive, through any of its minors.
    assert blkio(shell, "flush /dev/c0d0p1") == "flushed"
    assert blkio(shell, "read /dev/c0d0 6154 3") == \
        "read 1536 bytes fnv %08x" % fnv(data)
    # A crash between reads: the driver comes back and reads as before.
    svc = Services(shell)
    out, rc = svc.fi("ata", "crash")
    assert rc == 0, out
    svc.wait_recovered("ata")
    assert blkio(shell, "read /dev/c0d0 8000 300") == \
        read_answer(path, 8000, 300)
    assert blkio(shell, "read /dev/c0d0p1 10 3") == \
        "read 1536 bytes fnv %08x" % fnv(data)
    power_off(shell, m)
    for i in range(3):
        assert read_sectors(path, 6154 + i) == seeded(10 + i), i
    assert read_sectors(path, 6153) == sector_pattern(6153)
    assert read_sectors(path, 6157) == sector_pattern(6157)


@pytest.mark.emulators("bochs")
def test_a_killed_bochs_leaves_the_image_usable(boot, disk_image):
    """Bochs locks its disk image (IMG.lock) and unlocks it only when it
    exits by itself; the harness, which kills it, removes the lock, so the
    next machine opens the image."""
    path = disk_image(8 * MIB)
    m = boot(disk=path)
    Shell(m).wait_prompt()
    m.close()
    assert not os.path.exists(path + ".lock")
    m = boot(disk=path)
    shell = Shell(m).wait_prompt()
    assert blkio(shell, "read /dev/c0d0 5 1") == read_answer(path, 5, 1)


class BlockLoop:
    """A recovery client (harness/recovery.py's ReadLoop manners):
    `blkio loop` reading COUNT sectors from LBA of DEVICE in the guest's
    background until stopped, each read checked against HASH."""

    def __init__(self, device, lba, count, hash_,
                 output="/tmp/blkio-loop.out", stopfile="/tmp/blkio-loop.stop"):
        self.command = "blkio loop %s %d %d %08x %s" % (device, lba, count,
                                                       hash_, stopfile)
        self.output, self.stopfile = output, stopfile

    def start(self, shell):
        shell.check("rm -f %s" % self.stopfile)
        shell.check("%s > %s & true" % (self.command, self.output))

    def stop(self, shell):
        from harness.recovery import parse_readloop
        shell.check("echo > %s" % self.stopfile)
        shell.check("wait")
        text = shell.check("cat %s" % self.output)
        stats = parse_readloop(text)
        assert stats is not None, text
        return stats


KINDS = ("crash", "panic", "segv", "hang", "exit", "badio", "badipc")


def test_every_fault_kind_while_a_program_reads_the_disk(boot, disk_image,
                                                          recovery):
    """Faults of every kind in the driver while `blkio loop` reads 64
    sectors again and again: RS brings it back each time, and every read
    the program makes returns the disk's bytes (VFS waits for the new
    driver: no read fails, none is wrong)."""
    path = disk_image(8 * MIB)
    m = boot(disk=path)
    shell = Shell(m).wait_prompt()
    svc = Services(shell)
    assert m.wait_console(r"ata: c0d0 \(primary master\)"), m.tail()
    # A period of 1 s: a hung driver is caught soon; -b: no backoff.
    shell.check("service down ata")
    out, rc = svc.up("/usr/drivers/ata", dev="/dev/c0d0", period="1HZ",
                     b=True)
    assert rc == 0, out
    want = fnv(read_sectors(path, 3000, 64))
    for kind in KINDS:
        r = recovery(svc, "ata", kind, client=BlockLoop("/dev/c0d0", 3000, 64,
                                                        want), timeout=90)
        c = r.client
        assert c.ok > 0 and c.errors == 0 and c.wrong == 0, (kind, c)
    assert svc.get("ata")["restarts"] == len(KINDS)
    assert blkio(shell, "read /dev/c0d0 8000 300") == \
        read_answer(path, 8000, 300)


def test_slave_and_secondary_channel_disks(boot, disk_image):
    """Disks as primary master (c0d0), primary slave (c0d1) and secondary
    slave (c0d3, IRQ 15; the CD-ROM is the secondary master): each is
    found with its size and read through its own device file; a write to
    c0d3 lands in its own image only."""
    d0, d1, d3 = disk_image(8 * MIB), disk_image(4 * MIB), disk_image(2 * MIB)
    extra = []
    for path, index in ((d1, 1), (d3, 3)):
        extra += ["-drive", "file=%s,format=raw,if=ide,index=%d" % (path,
                                                                    index)]
    m = boot(disk=d0, extra_args=extra)
    shell = Shell(m).wait_prompt()
    for d, sectors, where in ((0, 16384, "primary master"),
                              (1, 8192, "primary slave"),
                              (3, 4096, "secondary slave")):
        assert m.wait_console(r"ata: c0d%d \(%s\): QEMU HARDDISK, %d sectors"
                              % (d, where, sectors)), m.tail()
    assert m.wait_console(r"ata: secondary master: ATAPI"), m.tail()
    assert "ata: c0d2" not in m.console_text()
    for dev, path, size in (("c0d1", d1, 4 * MIB), ("c0d3", d3, 2 * MIB)):
        assert blkio(shell, "size /dev/" + dev) == "size %d base 0" % size
        assert blkio(shell, "read /dev/%s 100 200" % dev) == \
            read_answer(path, 100, 200)
    out, rc = shell.run("blkio read /dev/c0d2 0 1")
    assert rc == 1 and "blkio: error 6" in out, out      # ENXIO
    assert blkio(shell, "write /dev/c0d3 7 2 %d" % SEED) == "wrote 1024 bytes"
    power_off(shell, m)
    assert read_sectors(d3, 7, 2) == seeded(7) + seeded(8)
    for path in (d0, d1):
        assert read_sectors(path, 7) == sector_pattern(7)


def test_live_update_while_a_program_reads_the_disk(boot, disk_image):
    """`service update self -label ata` while `blkio loop` reads: the new
    version probes the drives again and serves on; no read fails."""
    path = disk_image(8 * MIB)
    m = boot(disk=path)
    shell = Shell(m).wait_prompt()
    svc = Services(shell)
    assert m.wait_console(r"ata: c0d0 \(primary master\)"), m.tail()
    before = svc.get("ata")
    client = BlockLoop("/dev/c0d0", 500, 32, fnv(read_sectors(path, 500, 32)))
    client.start(shell)
    since = len(m.console_text())
    out, rc = svc.update("self", "ata")
    assert rc == 0, out
    assert m.wait_console(r"ata: c0d0 \(primary master\)", since=since), \
        m.tail()
    c = client.stop(shell)
    assert c.ok > 0 and c.errors == 0 and c.wrong == 0, c
    after = svc.get("ata")
    assert after["state"] == "up" and after["endpoint"] == before["endpoint"]
    assert after["restarts"] == before["restarts"]
