"""Lab 6's file-system helpers (public and hidden tests): an ext2 image of
the lab's disk made on the host with e2fsprogs (`mke2fs -d`), brought
into the guest on a second disk (/dev/c0d0) and copied onto /dev/sd0 with
dd; at the end the guest copies /dev/sd0 back onto /dev/c0d0 and powers
off, and the host checks the image with `e2fsck -fn` and reads files out
of it with `debugfs -R dump`: tools nobody here wrote, on bytes no driver
can forge.

The transfer disk (sdisklib.TRANSFER_DISK bytes) holds the file system
at IN_OFFSET (not at 0: /etc/rc mounts an attached disk's file system on
/home when it finds one, and this one is the lab's); the guest writes
the disk back at OUT_OFFSET."""

import os
import random
import re
import shutil
import subprocess

from sdisklib import SIZE, read_image, transfer_image

IN_OFFSET = 64 * 1024
OUT_OFFSET = 256 * 1024
MOUNT = "/tmp/mnt"


def tool(name):
    """The path of e2fsprogs' NAME (in /sbin on Debian). A grading host
    without e2fsprogs is an infrastructure error, never a score."""
    for d in os.environ.get("PATH", "").split(os.pathsep) + ["/sbin",
                                                             "/usr/sbin"]:
        p = os.path.join(d, name)
        if os.access(p, os.X_OK):
            return p
    from harness.machine import EmulatorError
    raise EmulatorError("infrastructure: %s not found (e2fsprogs: "
                        "os/tools/deps.sh --grading)" % name)


def seeded_bytes(seed, size):
    rng = random.Random(seed)
    return bytes(rng.getrandbits(8) for _ in range(size))


# The files of the image: path -> bytes.
FILES = {
    "a.bin": seeded_bytes(1, 24 * 1024),
    "notes.txt": b"Phoenix lab 6: a file system above a driver that crashes.\n"
                 * 20,
    "sub/b.bin": seeded_bytes(2, 9 * 1024 + 100),
}


def make_fs(tmp_path, files=FILES):
    """An ext2 file system of SIZE bytes (1 KiB blocks) holding FILES,
    made with `mke2fs -d`; its bytes."""
    src = tmp_path / "fs-src"
    if src.exists():
        shutil.rmtree(src)
    for name, data in files.items():
        p = src / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    img = tmp_path / "fs.img"
    with open(img, "wb") as f:
        f.truncate(SIZE)
    r = subprocess.run([tool("mke2fs"), "-q", "-F", "-t", "ext2", "-b",
                        "1024", "-N", "32", "-m", "0", "-d", str(src),
                        str(img), str(SIZE // 1024)],
                       capture_output=True, text=True)
    assert r.returncode == 0, "mke2fs failed: " + r.stderr
    return img.read_bytes()


def fs_transfer_image(tmp_path, files=FILES):
    """The transfer disk with the file system of FILES at IN_OFFSET."""
    return transfer_image(str(tmp_path / "transfer.img"),
                          make_fs(tmp_path, files), IN_OFFSET)


def copy_in(shell, device):
    """dd the file system from the transfer disk onto DEVICE."""
    shell.check("dd if=/dev/c0d0 of=%s bs=4096 skip=%d count=%d" % (
        device, IN_OFFSET // 4096, SIZE // 4096), timeout=120)


def copy_out(shell, device):
    """dd DEVICE back onto the transfer disk at OUT_OFFSET."""
    shell.check("dd if=%s of=/dev/c0d0 bs=4096 seek=%d count=%d" % (
        device, OUT_OFFSET // 4096, SIZE // 4096), timeout=120)


def mount(shell, device, where=MOUNT):
    shell.check("mkdir -p %s" % where)
    out, rc = shell.run("mount %s %s" % (device, where), timeout=120)
    assert rc == 0, "mount %s %s failed (status %d):\n%s" % (
        device, where, rc, out)


def umount(shell, where=MOUNT):
    out, rc = shell.run("umount %s" % where, timeout=120)
    assert rc == 0, "umount %s failed (status %d):\n%s" % (where, rc, out)


def returned_fs(tmp_path, image):
    """The file system the guest wrote back (a file on the host)."""
    path = tmp_path / "returned.img"
    path.write_bytes(read_image(image, OUT_OFFSET, SIZE))
    return str(path)


def e2fsck(path):
    """`e2fsck -fn PATH`: (clean, its output)."""
    r = subprocess.run([tool("e2fsck"), "-fn", path], capture_output=True,
                       text=True)
    return r.returncode == 0, r.stdout + r.stderr


def dump(path, name, tmp_path):
    """The bytes of file NAME in the ext2 image PATH (`debugfs -R "dump
    NAME OUT"`), or None when it is not there."""
    out = tmp_path / ("dump-" + re.sub(r"[^A-Za-z0-9]", "_", name))
    if out.exists():
        out.unlink()
    subprocess.run([tool("debugfs"), "-R", "dump /%s %s" % (name, out),
                    path], capture_output=True, text=True)
    return out.read_bytes() if out.exists() else None


class CopyLoop:
    """A client for harness.recovery: a guest shell loop that copies
    SRC to DST in the mounted file system and compares them (`cp`, then
    `cmp`), again and again until STOPFILE exists. Each round prints
    "ok N" or "E N" (the copy or the comparison failed); the host parses
    the lines through the agent."""

    def __init__(self, src, dst, output="/tmp/lab6-cp.out",
                 stopfile="/tmp/lab6-cp.stop"):
        self.src, self.dst = src, dst
        self.output, self.stopfile = output, stopfile

    def start(self, shell):
        shell.check("rm -f %s %s" % (self.stopfile, self.output))
        loop = ("i=0; while [ ! -f {stop} ]; do "
                "if cp {src} {dst} && cmp {src} {dst}; then echo \"ok $i\"; "
                "else echo \"E $i\"; fi; i=$((i + 1)); done; echo loop-done"
                ).format(stop=self.stopfile, src=self.src, dst=self.dst)
        shell.check("(%s) > %s 2>&1 & true" % (loop, self.output))

    def stop(self, shell, tries=300):
        from harness.recovery import ClientStats
        shell.check("echo > %s" % self.stopfile)
        text = ""
        for _ in range(tries):
            text = shell.check("cat %s" % self.output, timeout=120)
            if "loop-done" in text:
                break
        else:
            raise AssertionError("the copy loop did not end:\n"
                                 + text[-2000:])
        ok = len(re.findall(r"^ok \d+$", text, re.M))
        errors = len(re.findall(r"^E \d+$", text, re.M))
        return ClientStats(reads=ok + errors, ok=ok, errors=errors, wrong=0)

