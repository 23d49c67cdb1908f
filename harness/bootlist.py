"""The fast boot path: an image's boot list for QEMU's own Multiboot loader.

os/tools/mkiso.sh builds the ISO (GRUB) and, next to each image OUT.iso,
the folder OUT.boot: the kernel and the boot modules as the ISO holds them
and ``multiboot.list``, the same boot as grub.cfg: a first line
``kernel.elf CMDLINE``, then one line ``NAME ARG...`` per module. QEMU
boots it with ``-kernel kernel.elf -initrd "NAME ARG...,..." -append
CMDLINE`` run in that folder (a module's command line is then exactly
GRUB's: ``NAME ARG...``), with no BIOS disk reads and no GRUB: the
firmware's Multiboot option ROM copies the files QEMU loaded into guest
memory. os/tools/multiboot.sh does the same for ``make run``.

The boot paths a :class:`harness.machine.QemuMachine` knows (``boot=``):
``multiboot`` (this one, the default when the image has a boot list) and
``iso`` (the BIOS boots the CD, GRUB reads the kernel and modules from it).
The CD stays attached on both paths: the guest sees the same hardware.
"""

import os
import shutil

LIST = "multiboot.list"
BOOT_PATHS = ("multiboot", "iso")


def default():
    """The boot path of a QEMU machine not told one: PHOENIX_BOOT in the
    environment (the pytest option --boot sets it), else the fast path."""
    return os.environ.get("PHOENIX_BOOT") or "multiboot"


class BootList:
    """The boot of one image: FOLDER (QEMU's working directory), KERNEL
    (a file name in it), CMDLINE and MODULES ("NAME ARG..." each)."""

    def __init__(self, folder, kernel, cmdline, modules):
        self.folder = folder
        self.kernel = kernel
        self.cmdline = cmdline
        self.modules = modules

    def qemu_args(self):
        """QEMU's arguments for this boot (names relative to FOLDER). In
        -initrd a ',' separates modules, so a ',' of a line is doubled."""
        return ["-kernel", self.kernel,
                "-initrd", ",".join(m.replace(",", ",,")
                                    for m in self.modules),
                "-append", self.cmdline]


def folder(image):
    """The boot folder mkiso.sh writes next to IMAGE (OUT.iso -> OUT.boot)."""
    base = image[:-len(".iso")] if image.endswith(".iso") else image
    return base + ".boot"


def read(image):
    """The BootList of IMAGE, or None when it has none (an image not made
    by mkiso.sh). Raises ValueError for a list without its kernel line."""
    where = os.path.abspath(folder(image))
    try:
        with open(os.path.join(where, LIST)) as f:
            lines = [line.rstrip("\n") for line in f]
    except FileNotFoundError:
        return None
    if not lines or not lines[0].strip():
        raise ValueError("%s: no kernel line" % os.path.join(where, LIST))
    kernel, _, cmdline = lines[0].partition(" ")
    return BootList(where, kernel, cmdline, [m for m in lines[1:] if m])


def copy(image, dest):
    """Copy IMAGE and its boot folder (when it has one; an older copy's is
    replaced) into the folder DEST; returns the copy's path."""
    out = os.path.join(str(dest), os.path.basename(image))
    shutil.copyfile(image, out)
    shutil.rmtree(folder(out), ignore_errors=True)
    src = folder(image)
    if os.path.isdir(src):
        shutil.copytree(src, folder(out))
    return out
