"""Building image variants: the same kernel with another kernel command line
or other boot modules. Used by the ``image_factory`` fixture and by the
benchmark runner (:mod:`harness.bench`)."""

import os
import subprocess

from harness.machine import ROOT, EmulatorError

KERNEL = os.path.join(ROOT, "build", "kernel.elf")
# What an image holds: the kernel without its debugging sections (os/os.mk;
# GRUB reads every section from the CD). KERNEL keeps them, for the host.
IMAGE_KERNEL = os.path.join(ROOT, "build", "stripped", "kernel.elf")


def boot_modules():
    """The default boot modules (os/boot.mk), as paths."""
    out = subprocess.run(["make", "-s", "--no-print-directory", "-C", ROOT,
                          "print-boot-modules"],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise EmulatorError("cannot list the boot modules: %s" % out.stderr)
    return [os.path.join(ROOT, m) for m in out.stdout.split()]


def program(spec):
    """"NAME ARG..." -> "build/bin/NAME ARG..." (checked to exist)."""
    name, _, args = spec.partition(" ")
    path = os.path.join(ROOT, "build", "bin", name)
    if not os.path.isfile(path):
        raise EmulatorError("program %s is not built: run 'make'" % path)
    return (path + " " + args).rstrip()


def build_image(out, cmdline="", modules=None):
    """Write to OUT a bootable image of build/kernel.elf with kernel command
    line CMDLINE. MODULES, a list of "PROGRAM ARG..." strings naming programs
    in build/bin, replaces the default boot modules (os/boot.mk); the ARGs
    become argv. mkiso.sh also writes the image's boot list beside it (the
    fast boot path, harness/bootlist.py). Returns OUT. Raises
    EmulatorError when something is not built or os/tools/mkiso.sh
    fails."""
    if not os.path.isfile(KERNEL):
        raise EmulatorError("kernel %s is not built: run 'make'" % KERNEL)
    specs = ([program(m) for m in modules] if modules is not None
             else boot_modules())
    r = subprocess.run(
        [os.path.join(ROOT, "os/tools/mkiso.sh"), str(out),
         IMAGE_KERNEL if os.path.isfile(IMAGE_KERNEL) else KERNEL,
         cmdline] + specs,
        capture_output=True, text=True)
    if r.returncode != 0:
        raise EmulatorError("building an image variant failed: %s"
                            % r.stderr)
    return str(out)
