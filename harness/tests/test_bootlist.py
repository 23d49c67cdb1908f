"""The fast boot path's boot list (harness/bootlist.py, os/tools/mkiso.sh,
os/tools/multiboot.sh) and how a QEMU machine picks its boot path, on the
host (a fake emulator prints its arguments and working directory)."""

import os
import shutil
import subprocess

import pytest

from harness import EmulatorError, QemuMachine, bootlist
from harness.machine import ROOT, command_line

MKISO = os.path.join(ROOT, "os", "tools", "mkiso.sh")
MULTIBOOT = os.path.join(ROOT, "os", "tools", "multiboot.sh")


def write_list(image, lines):
    """A boot folder beside IMAGE with multiboot.list LINES."""
    folder = bootlist.folder(image)
    os.makedirs(folder)
    with open(os.path.join(folder, bootlist.LIST), "w") as f:
        f.write("".join(line + "\n" for line in lines))
    return folder


def test_the_boot_folder_sits_beside_the_image():
    assert bootlist.folder("/a/os.iso") == "/a/os.boot"
    assert bootlist.folder("/a/image") == "/a/image.boot"


def test_an_image_without_a_list_has_none(fake_image):
    assert bootlist.read(fake_image) is None


def test_the_list_gives_qemus_multiboot_arguments(fake_image):
    folder = write_list(fake_image, ["kernel.elf panic=test trace",
                                     "pm", "ktest a,b c", "rootfs.cpio"])
    found = bootlist.read(fake_image)
    assert found.folder == folder
    assert found.qemu_args() == [
        "-kernel", "kernel.elf",
        "-initrd", "pm,ktest a,,b c,rootfs.cpio",      # ',' doubled
        "-append", "panic=test trace"]


def test_a_list_without_its_kernel_line_is_refused(fake_image):
    write_list(fake_image, [""])
    with pytest.raises(EmulatorError, match="no kernel line"):
        QemuMachine(fake_image)


def test_a_machine_takes_the_fast_path_when_the_image_has_a_list(
        fake_image, tmp_path, monkeypatch):
    monkeypatch.delenv("PHOENIX_BOOT", raising=False)
    folder = write_list(fake_image, ["kernel.elf", "pm"])
    m = QemuMachine(fake_image, workdir=str(tmp_path / "w"))
    m.qmp_path = str(tmp_path / "qmp" / "qmp.sock")     # made at launch
    assert m.boot_path == "multiboot"
    assert m.cwd() == folder
    args = m.base_args()
    assert args[args.index("-kernel"):args.index("-kernel") + 6] == \
        ["-kernel", "kernel.elf", "-initrd", "pm", "-append", ""]
    assert "-cdrom" in args            # the same hardware on both paths
    iso = QemuMachine(fake_image, workdir=str(tmp_path / "w"), boot="iso")
    iso.qmp_path = m.qmp_path
    assert iso.boot_path == "iso" and "-kernel" not in iso.base_args()
    assert iso.cwd() == iso.workdir


def test_without_a_list_the_default_is_the_iso_and_multiboot_an_error(
        fake_image, monkeypatch):
    monkeypatch.delenv("PHOENIX_BOOT", raising=False)
    assert QemuMachine(fake_image).boot_path == "iso"
    with pytest.raises(EmulatorError, match="has no boot list"):
        QemuMachine(fake_image, boot="multiboot")
    with pytest.raises(EmulatorError, match="unknown boot path 'floppy'"):
        QemuMachine(fake_image, boot="floppy")


def test_phoenix_boot_sets_the_default(fake_image, monkeypatch):
    write_list(fake_image, ["kernel.elf", "pm"])
    monkeypatch.setenv("PHOENIX_BOOT", "iso")
    assert QemuMachine(fake_image).boot_path == "iso"
    monkeypatch.setenv("PHOENIX_BOOT", "multiboot")
    assert QemuMachine(fake_image).boot_path == "multiboot"


def test_qemu_runs_in_the_boot_folder(fake_qemu, fake_image, tmp_path,
                                      monkeypatch):
    """The module names of -initrd are relative to QEMU's working
    directory: the boot folder; command.txt says so with a cd."""
    monkeypatch.delenv("PHOENIX_BOOT", raising=False)
    folder = write_list(fake_image, ["kernel.elf", "pm"])
    fake_qemu(r"""
        printf 'cwd=%s\r\n' "$(pwd)"
        sleep 30
    """)
    with QemuMachine(fake_image, workdir=str(tmp_path / "w")) as m:
        m.boot()
        m.expect(r"cwd=(\S+)\s", timeout=10)
        assert m.console.match.group(1) == folder
        assert command_line(m).startswith("cd %s && " % folder)


def test_copy_takes_the_boot_folder_along(fake_image, tmp_path):
    write_list(fake_image, ["kernel.elf", "pm"])
    dest = tmp_path / "copy"
    dest.mkdir()
    out = bootlist.copy(fake_image, dest)
    assert out == str(dest / "fake.iso")
    assert bootlist.read(out).qemu_args()[3] == "pm"
    lone = tmp_path / "lone.iso"
    lone.write_bytes(b"x")
    other = tmp_path / "other"
    other.mkdir()
    assert bootlist.read(bootlist.copy(str(lone), other)) is None


@pytest.mark.skipif(shutil.which("grub-mkrescue") is None,
                    reason="grub-mkrescue is not installed (make deps)")
def test_mkiso_writes_the_iso_and_the_same_boot_as_a_list(tmp_path):
    kernel = tmp_path / "kernel.elf"
    kernel.write_bytes(b"\x7fELF kernel")
    pm = tmp_path / "pm"
    pm.write_bytes(b"\x7fELF pm")
    data = tmp_path / "data.cpio"
    data.write_bytes(b"070701")
    out = tmp_path / "out" / "os.iso"
    r = subprocess.run([MKISO, str(out), str(kernel), "panic=test",
                        str(pm), "%s a,b c" % data],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert out.is_file()
    found = bootlist.read(str(out))
    assert found.folder == str(tmp_path / "out" / "os.boot")
    assert (found.kernel, found.cmdline) == ("kernel.elf", "panic=test")
    assert found.modules == ["pm", "data.cpio a,b c"]
    for name, src in (("kernel.elf", kernel), ("pm", pm),
                      ("data.cpio", data)):
        with open(os.path.join(found.folder, name), "rb") as f:
            assert f.read() == src.read_bytes()
    # Nothing is left of the staging folders.
    assert sorted(os.listdir(tmp_path / "out")) == ["os.boot", "os.iso"]


def test_multiboot_sh_runs_the_emulator_with_the_list(fake_image, tmp_path):
    """make run's helper: in the boot folder, with the same arguments."""
    folder = write_list(fake_image, ["kernel.elf panic=test", "pm",
                                     "ktest a,b"])
    script = tmp_path / "emu"
    script.write_text('#!/bin/sh\npwd\nfor a; do echo "[$a]"; done\n')
    script.chmod(0o755)
    r = subprocess.run([MULTIBOOT, folder, str(script), "-m", "256"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split("\n") == [
        folder, "[-m]", "[256]", "[-kernel]", "[kernel.elf]", "[-initrd]",
        "[pm,ktest a,,b]", "[-append]", "[panic=test]", ""]
