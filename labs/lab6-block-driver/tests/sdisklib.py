"""Helpers shared by lab 6's public and hidden tests: start the driver,
write known sectors with `blkio`, compare the disk with a model kept on
the host, bring host-made bytes into the guest on a second disk.

Every graded command runs through the trusted test agent
(harness.agentshell.AgentShell: only authenticated answers count); the
driver's console lines are never read. What the guest's disk holds is
checked with `sha256sum` and `blkio read` (their answers through the
agent), and, for the file-system tests, on the host: the guest copies
the disk back onto the ATA disk, powers off, and e2fsck and the host's own
reads look at the image file.

The model: `Disk` holds the bytes /dev/sd0 must hold (a host bytearray);
`Disk.write` makes the guest write sectors with `blkio write` (sector
LBA + i of the device written holds 64 words of 8 bytes: (LBA + i, word
index XOR SEED), little-endian, os/tests/user/blkio) and applies the same
bytes to the model; `Disk.check` compares the guest's whole disk with it.
"""

import hashlib
import os
import re
import struct

from harness import abi
from harness.agentshell import AgentShell
from harness.services import Services

FAULT_KINDS = abi.FAULT_KINDS          # `service fi` kinds (abi/sef.h)
SECTOR = 512
SIZE = 128 * 1024                      # the lab's disk: 32 chunks of 4 KiB
SECTORS = SIZE // SECTOR
TRANSFER_DISK = 1 << 20                # the ATA disk that carries bytes in


def fnv(data):
    """The 32-bit FNV-1a hash `blkio read` prints."""
    h = 0x811C9DC5
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def seeded(lba, seed):
    """The sector `blkio write DEV LBA 1 SEED` writes at sector LBA of
    DEV."""
    return b"".join(struct.pack("<II", lba & 0xFFFFFFFF,
                                (i ^ seed) & 0xFFFFFFFF) for i in range(64))


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def start(svc, lab, backoff=False):
    """`service up /usr/drivers/DRIVER -dev DEVICE -b` (no restart
    backoff: faults in a row are restarted at once), waited for until up.
    Returns SVC."""
    out, rc = svc.up("/usr/drivers/%s" % lab.driver, dev=lab.device,
                     b=not backoff)
    assert rc == 0, "service up %s exited %d:\n%s" % (lab.driver, rc, out)
    svc.wait(lab.driver, lambda s: s.get("state") == "up", 30, "up")
    return svc


def blkio(shell, args, timeout=60):
    """`blkio ARGS`'s answer line (without "blkio: "); it must succeed."""
    out, rc = shell.run("blkio " + args, timeout)
    found = re.search(r"^blkio: (.*)$", out, re.M)
    assert rc == 0 and found, "blkio %s failed (status %d):\n%s" % (
        args, rc, out)
    return found.group(1).strip()


def guest_sha256(shell, path, timeout=60):
    """The SHA-256 (hex) `sha256sum PATH` prints in the guest."""
    out, rc = shell.run("sha256sum " + path, timeout)
    found = re.search(r"^([0-9a-f]{64})\b", out, re.M)
    assert rc == 0 and found, "sha256sum %s failed (status %d):\n%s" % (
        path, rc, out)
    return found.group(1)


class Disk:
    """The bytes DEVICE must hold (see the module's docstring)."""

    def __init__(self, shell, device, data=None):
        self.shell, self.device = shell, device
        self.data = bytearray(data if data is not None else bytes(SIZE))

    def expect(self, lba, count, seed, base=0):
        """The model after `blkio write` of COUNT sectors at LBA of a
        partition starting at sector BASE (0: the whole disk)."""
        for i in range(count):
            at = (base + lba + i) * SECTOR
            self.data[at:at + SECTOR] = seeded(lba + i, seed)

    def write(self, lba, count, seed, device=None, base=0):
        """Write COUNT sectors at LBA of DEVICE (default the disk; a
        partition starting at sector BASE) in the guest, and in the
        model."""
        answer = blkio(self.shell, "write %s %d %d %d" % (
            device or self.device, lba, count, seed))
        assert answer == "wrote %d bytes" % (count * SECTOR), answer
        self.expect(lba, count, seed, base)

    def read_answer(self, lba, count):
        """What `blkio read DEV LBA COUNT` must answer."""
        data = bytes(self.data[lba * SECTOR:(lba + count) * SECTOR])
        return "read %d bytes fnv %08x" % (len(data), fnv(data))

    def check(self, what="the disk"):
        """The guest's whole disk is the model (sha256sum of the device
        file), else an AssertionError naming the first wrong sectors
        (blkio read of each 4 KiB chunk)."""
        got = guest_sha256(self.shell, self.device)
        if got == sha256(bytes(self.data)):
            return
        wrong = []
        for c in range(SIZE // 4096):
            if blkio(self.shell, "read %s %d 8" % (self.device, c * 8)) != \
                    self.read_answer(c * 8, 8):
                wrong.append(c)
        raise AssertionError("%s does not hold the bytes written to it: "
                             "4 KiB chunks %s differ (%d of %d)"
                             % (what, wrong[:8], len(wrong), SIZE // 4096))


def transfer_image(path, payload, offset=0):
    """A raw disk image PATH of TRANSFER_DISK bytes holding PAYLOAD at
    byte OFFSET (zeros elsewhere), to attach as the guest's /dev/c0d0 and
    copy onto the lab's disk with dd. Returns PATH."""
    with open(path, "wb") as f:
        f.truncate(TRANSFER_DISK)
        f.seek(offset)
        f.write(payload)
    return path


def read_image(path, offset, size):
    with open(path, "rb") as f:
        f.seek(offset)
        return f.read(size)


def boot_with_disk(boot, path):
    """A machine with raw image PATH as its primary master (/dev/c0d0,
    the ATA driver started by /etc/rc), and Services over the trusted
    agent on it. A guest that does not boot or an agent that does not
    start is an infrastructure error, not a score (labs/tools/labplugin.py)."""
    from labs.tools.labplugin import _not_graded
    try:
        m = boot(disk=path)
        shell = AgentShell.on(m)
    except (AssertionError, TimeoutError) as e:
        raise _not_graded("the guest did not boot with its disk or the test "
                          "agent did not start", e) from None
    return Services(shell)


def power_off(shell):
    """Stop the test agent behind SHELL (the console's shell prompts
    again), power the guest off from the console and wait until the
    emulator is gone (the image file then holds everything the guest wrote
    to /dev/c0d0). Only what the host then reads in the file counts, not
    the console."""
    machine = shell.machine
    shell.agent.stop()
    machine.sendline("poweroff")
    assert machine.wait_poweroff(timeout=120) == "ok", \
        "the guest did not power off"


class WriteReadLoop:
    """A client for harness.recovery: a guest shell loop that writes
    COUNT sectors at LBA of DEVICE with seeds 1, 2, 3, 4, 1, ... and reads
    them back after each write, until STOPFILE exists. Each read is ok
    when its hash is the one of the seed just written, wrong for other
    bytes; a write or read that fails is an error. The host parses the
    loop's lines (through the agent), so a driver cannot forge them."""

    def __init__(self, device, lba, count, output="/tmp/lab6-loop.out",
                 stopfile="/tmp/lab6-loop.stop"):
        self.device, self.lba, self.count = device, lba, count
        self.output, self.stopfile = output, stopfile

    def start(self, shell):
        shell.check("rm -f %s %s" % (self.stopfile, self.output))
        io = "%s %d %d" % (self.device, self.lba, self.count)
        loop = ("while [ ! -f {stop} ]; do for s in 1 2 3 4; do "
                "blkio write {io} $s > /dev/null || echo \"E write $s\"; "
                "r=$(blkio read {io}) || echo \"E read $s\"; "
                "echo \"R $s $r\"; done; done; echo loop-done"
                ).format(stop=self.stopfile, io=io)
        shell.check("(%s) > %s 2>&1 & true" % (loop, self.output))

    def expected(self, seed):
        data = b"".join(seeded(self.lba + i, seed) for i in range(self.count))
        return "blkio: read %d bytes fnv %08x" % (len(data), fnv(data))

    def stop(self, shell, tries=200):
        from harness.recovery import ClientStats
        shell.check("echo > %s" % self.stopfile)
        text = ""
        for _ in range(tries):
            text = shell.check("cat %s" % self.output)
            if "loop-done" in text:
                break
        else:
            raise AssertionError("the write-read loop did not end:\n"
                                 + text[-2000:])
        ok = wrong = errors = 0
        for line in text.splitlines():
            if line.startswith("E "):
                errors += 1
            m = re.match(r"R (\d) (.*)$", line)
            if m:
                if m.group(2).strip() == self.expected(int(m.group(1))):
                    ok += 1
                elif m.group(2).startswith("blkio: read"):
                    wrong += 1
        return ClientStats(reads=ok + wrong, ok=ok, errors=errors,
                           wrong=wrong)


def mbr(partitions):
    """Sector 0 with an MBR of PARTITIONS, (first sector, sectors) each,
    type 0x83 (harness.disk.mbr)."""
    from harness.disk import mbr as make
    return make(partitions)


def here(*parts):
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), *parts)
