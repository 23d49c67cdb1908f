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
import re
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


# ---- ext2 images: made, read and checked with e2fsprogs --------------------
#
# The guest's ext2 server is checked with tools nobody here wrote: an image
# is made from a host folder with mke2fs -d, what the guest wrote is read
# back with debugfs, and e2fsck -fn (read-only, forced) must find nothing.

MIB = 1 << 20


class Ext2Error(AssertionError):
    """An e2fsprogs tool failed, or e2fsck found an error: the message
    holds the command and everything it printed."""


def _tool(args, check=True):
    """Run the e2fsprogs command ARGS; (status, output: stdout and stderr
    together). With CHECK, a non-zero status raises Ext2Error."""
    import subprocess
    try:
        r = subprocess.run(args, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=300)
    except FileNotFoundError:
        raise Ext2Error("%s not found: install e2fsprogs (make deps)"
                        % args[0])
    out = r.stdout.decode("utf-8", "replace")
    if check and r.returncode != 0:
        raise Ext2Error("%s exited %d:\n%s" % (" ".join(args), r.returncode,
                                               out))
    return r.returncode, out


def make_ext2(path, size, tree=None, block=1024, label=None):
    """Make the ext2 (revision 1) image PATH of SIZE bytes (a whole number
    of MiB, so that Bochs takes it too) with mke2fs, its root holding a
    copy of the host folder TREE (mke2fs -d: files, folders, links, modes;
    owners as on the host) when given. BLOCK: 1024 or 4096. Returns
    PATH."""
    if size <= 0 or size % MIB:
        raise ValueError("an ext2 test image is a whole number of MiB")
    if block not in (1024, 2048, 4096):
        raise ValueError("ext2 blocks of 1, 2 or 4 KiB, not %r" % block)
    with open(path, "wb") as f:
        f.truncate(size)
    args = ["mke2fs", "-q", "-F", "-t", "ext2", "-r", "1", "-b", str(block),
            "-E", "root_owner=0:0"]
    if label:
        args += ["-L", label]
    if tree is not None:
        args += ["-d", str(tree)]
    _tool(args + [str(path), "%dk" % (size // 1024)])
    return path


def debugfs(image, request):
    """debugfs -R REQUEST on IMAGE (read-only); its output. debugfs says
    what went wrong on its output with status 0: a line naming the
    request's failure (``File not found by ext2_lookup``) raises
    Ext2Error."""
    status, out = _tool(["debugfs", "-R", request, str(image)], check=False)
    bad = [l for l in out.splitlines()
           if re.search(r"not found|Bad magic|No such file|Could not|"
                        r"while (opening|reading|trying)", l)]
    if status != 0 or bad:
        raise Ext2Error("debugfs -R %r %s failed (status %d):\n%s"
                        % (request, image, status, out))
    return out


def dump(image, guest_path, out_path=None):
    """The bytes of file GUEST_PATH (absolute, in the file system of
    IMAGE), read by ``debugfs -R "dump GUEST_PATH OUT"``. Kept in OUT_PATH
    when given (else a temporary file, removed)."""
    import tempfile
    keep = out_path is not None
    if not keep:
        fd, out_path = tempfile.mkstemp(prefix="dump-")
        os.close(fd)
        os.unlink(out_path)
    try:
        debugfs(image, 'dump "%s" "%s"' % (guest_path, out_path))
        if not os.path.exists(out_path):
            raise Ext2Error("debugfs dumped nothing for %s of %s"
                            % (guest_path, image))
        with open(out_path, "rb") as f:
            return f.read()
    finally:
        if not keep and os.path.exists(out_path):
            os.unlink(out_path)


def listdir(image, guest_path="/"):
    """The entries of folder GUEST_PATH of IMAGE (``debugfs ls -l``) as a
    dict name -> {"ino", "mode" (int), "uid", "gid", "size"}, without .
    and .."""
    out = debugfs(image, 'ls -l "%s"' % guest_path)
    entries = {}
    for line in out.splitlines():
        # " 12  100644 (1)      0      0    5000 7-Dec-2026 09:30 name"
        m = re.match(r"\s*(\d+)\s+([0-7]+)\s+\(\d+\)\s+(\d+)\s+(\d+)\s+"
                     r"(\d+)\s+\S+\s+\S+\s(.*)$", line)
        if m and m.group(6) not in (".", ".."):
            entries[m.group(6)] = {"ino": int(m.group(1)),
                                   "mode": int(m.group(2), 8),
                                   "uid": int(m.group(3)),
                                   "gid": int(m.group(4)),
                                   "size": int(m.group(5))}
    return entries


def inode_links(image, guest_path):
    """The link count of GUEST_PATH's inode (``debugfs stat``)."""
    out = debugfs(image, 'stat "%s"' % guest_path)
    m = re.search(r"Links:\s*(\d+)", out)
    if not m:
        raise Ext2Error("no link count in debugfs stat %s:\n%s"
                        % (guest_path, out))
    return int(m.group(1))


def e2fsck(image):
    """``e2fsck -fn IMAGE`` (forced, read-only): (exit status, output).
    0 means the file system is clean; 4 errors left uncorrected; 8 an
    operational error."""
    return _tool(["e2fsck", "-fn", str(image)], check=False)


def problems(e2fsck_output):
    """The lines of E2FSCK_OUTPUT where e2fsck -n declined to fix a
    problem ("... Fix? no", "Clear? no"): with -n, a wrong free-blocks or
    free-inodes count in the superblock is reported this way with exit
    status 0."""
    return [line for line in e2fsck_output.splitlines()
            if re.search(r"\? no\s*$", line)]


def check_clean(image):
    """Raise Ext2Error with e2fsck's whole output when ``e2fsck -fn``
    finds anything wrong with IMAGE: a status other than 0, or a problem
    it declined to fix (see problems). Returns the output."""
    status, out = e2fsck(image)
    if status != 0 or problems(out):
        raise Ext2Error("e2fsck -fn %s exited %d:\n%s" % (image, status, out))
    return out


# ---- content the host and the guest both compute ---------------------------
#
# fpat (os/tests/user/fpat) writes and checks files of this pattern in the
# guest: byte I of a file of seed SEED is byte I % 4 (little-endian) of
# word I // 4, and word W is ((W + 1) * 0x9E3779B1) ^ SEED (mod 2^32). A
# byte in the wrong place, a hole or a block of another file is seen.

PATTERN_MULT = 0x9E3779B1


def pattern(seed, size, offset=0):
    """SIZE bytes of the pattern of SEED from byte OFFSET of the file."""
    first, skip = divmod(offset, 4)
    words = (skip + size + 3) // 4
    seed &= 0xFFFFFFFF
    chunks = []
    step = 1 << 16
    for base in range(first, first + words, step):
        n = min(step, first + words - base)
        chunks.append(struct.pack(
            "<%dI" % n, *[(((w + 1) * PATTERN_MULT) & 0xFFFFFFFF) ^ seed
                          for w in range(base, base + n)]))
    return b"".join(chunks)[skip:skip + size]


def pattern_sha256(seed, size):
    """The SHA-256 (hex) of a pattern file: what sha256sum prints for it."""
    import hashlib
    h = hashlib.sha256()
    step = 1 << 20
    for off in range(0, size, step):
        h.update(pattern(seed, min(step, size - off), off))
    return h.hexdigest()


def write_pattern(path, seed, size):
    """Write a host file PATH of SIZE bytes of the pattern of SEED."""
    step = 1 << 20
    with open(path, "wb") as f:
        for off in range(0, size, step):
            f.write(pattern(seed, min(step, size - off), off))
    return path


# ---- the guest's side: its mounts, a clean stop ----------------------------

# Where /etc/rc mounts the first disk's file system (issue 20).
HOME = "/home"
DEVICE = "/dev/c0d0"


def mounts(shell):
    """The guest's mounts (``mount`` without arguments) as a list of
    (device, directory, type, options) tuples."""
    out = shell.check("mount")
    found = []
    for line in out.splitlines():
        m = re.match(r"(\S+) on (\S+) type (\S+) \(([^)]*)\)\s*$", line)
        if m:
            found.append(m.groups())
    return found


def ensure_mounted(shell, device=DEVICE, directory=HOME):
    """DEVICE's file system mounted: where it is already (/etc/rc mounts
    /dev/c0d0 on /home), else mounted on DIRECTORY now. Returns the
    directory."""
    for dev, where, _, _ in mounts(shell):
        if dev == device:
            return where
    shell.check("mount %s %s" % (device, directory), timeout=60)
    return directory


def sync_and_power_off(shell, timeout=300):
    """``sync`` at the guest's shell, then ``poweroff``; returns once the
    emulator is gone (the image file holds everything written). The
    power-off unmounts every file system (VFS sends FS_UNMOUNT), so
    e2fsck finds it clean."""
    shell.check("sync", timeout=timeout)
    shell.machine.sendline("poweroff")
    assert shell.machine.wait_poweroff(timeout=timeout) == "ok"
