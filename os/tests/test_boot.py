"""Boot tests: the kernel comes up on both emulators and on both of QEMU's
boot paths (its own Multiboot loader with the image's boot list, the
default, and the BIOS with GRUB from the ISO: harness/bootlist.py), runs
its first ring-3 program, powers off cleanly, and reports a panic as a
panic. Both loaders' Multiboot information (memory map, modules, command
lines) gives the same system."""

import re

import pytest

from harness import GuestPanic, abi, bootlist
from harness.shell import Shell

BANNER = r"Phoenix \d+\.\d+ \(i386 microkernel\) booting"
MEMORY_RE = r"kernel: (\d+) MiB of memory managed, (\d+) KiB free, paging on"
STARTED_RE = r"boot: (?:started \S+ \(endpoint \d+, \d+ KiB\)|" \
             r"data module \S+ \(\d+ KiB\))"


def path_options(emulator, boot_path):
    """boot()'s options for BOOT_PATH: QEMU is told it; Bochs has only the
    ISO."""
    if emulator == "bochs":
        assert boot_path == "iso"
        return {}
    return {"boot": boot_path}


def check_boot_path(machine, boot_path):
    """MACHINE took BOOT_PATH: QEMU's command line loads the kernel itself
    (-kernel) only on the fast path; the CD is there on both."""
    assert machine.boot_path == boot_path
    if machine.name == "qemu":
        assert ("-kernel" in machine.command) == (boot_path == "multiboot")
        assert "-cdrom" in machine.command


@pytest.mark.parametrize("emulator, boot_path", [
    ("qemu", "multiboot"), ("qemu", "iso"), ("bochs", "iso")])
def test_boots_the_servers_in_ring_3_and_powers_off(boot, emulator,
                                                    boot_path):
    # a real boot, not a restored snapshot
    machine = boot(fresh=True, **path_options(emulator, boot_path))
    check_boot_path(machine, boot_path)
    machine.expect(BANNER, timeout=20)
    machine.expect(r"kernel: (\d+) MiB of memory managed, (\d+) KiB free, "
                   r"paging on")
    assert int(machine.console.match.group(1)) >= 200   # -m 256
    machine.expect(abi.boot_started_re("pm", r"(\d+)"))
    machine.expect(r"pm: process manager ready, init is pid 1", timeout=60)
    Shell(machine).wait_prompt()
    machine.sendline("poweroff")
    assert machine.wait_poweroff() == "ok"
    text = machine.console_text()
    assert text.index("init: running /etc/rc") < \
        text.index("kernel: power off (ok)")
    assert "kernel panic" not in text


@pytest.mark.parametrize("emulator, boot_path", [
    ("qemu", "multiboot"), ("qemu", "iso"), ("bochs", "iso")])
def test_forced_panic_is_reported_with_its_message(boot, image_factory,
                                                   emulator, boot_path):
    """The kernel's command line of an image variant reaches the kernel
    on every boot path."""
    m = boot(image_factory("panic=test"), **path_options(emulator, boot_path))
    check_boot_path(m, boot_path)
    m.expect(BANNER, timeout=20)
    with pytest.raises(GuestPanic) as info:
        m.wait_poweroff()
    assert info.value.message == \
        "forced by the kernel command line (panic=test)"
    assert re.search(r"#0 0x[0-9a-f]{8} kmain\+0x[0-9a-f]+", info.value.report)
    assert m.powered_off == "panic"
    assert "init: running" not in m.console_text()


@pytest.mark.parametrize("kind, vector, name", [
    ("fault", 14, "page fault"),
    ("ud", 6, "invalid opcode"),
])
def test_kernel_exception_is_reported_and_panics(boot, image_factory, kind,
                                                 vector, name):
    m = boot(image_factory("panic=" + kind))
    m.expect(r"exception %d \(%s\) in kernel: error=0x[0-9a-f]+ "
             r"eip=0x([0-9a-f]{8}) cr2=0x([0-9a-f]{8})" % (vector, name))
    eip, cr2 = m.console.match.group(1), m.console.match.group(2)
    if kind == "fault":
        assert cr2 == "deadbeef"
    m.expect(r"eax=[0-9a-f]{8} ebx=[0-9a-f]{8} ecx=[0-9a-f]{8} edx=[0-9a-f]{8}")
    with pytest.raises(GuestPanic) as info:
        m.wait_poweroff()
    assert info.value.message == "%s in kernel mode" % name
    # The backtrace starts at the faulting instruction, inside kmain.
    assert re.search(r"#0 0x%s kmain\+" % eip, info.value.report)


@pytest.mark.parametrize("boot_path", bootlist.BOOT_PATHS)
def test_module_arguments_reach_the_program_on_both_paths(boot, image_factory,
                                                          boot_path):
    """A boot module's argument with commas (QEMU's -initrd separator,
    doubled in the boot list's arguments) reaches the program whole."""
    m = boot(image_factory(modules=["ktest no,such,case"]), boot=boot_path)
    check_boot_path(m, boot_path)
    m.expect(r"ktest: no test named no,such,case\r*\n", timeout=60)
    assert m.wait_poweroff(timeout=60) == "ok"


def boot_report(boot, boot_path):
    """The memory line's figures and the boot modules' lines of a fresh
    boot on BOOT_PATH, up to the prompt."""
    m = boot(fresh=True, boot=boot_path)
    check_boot_path(m, boot_path)
    Shell(m).wait_prompt(timeout=60)
    text = m.console_text()
    managed, free = re.search(MEMORY_RE, text).groups()
    m.close()
    return int(managed), int(free), re.findall(STARTED_RE, text)


def test_qemus_multiboot_information_gives_the_system_grub_gives(boot):
    """The kernel reads QEMU's Multiboot information (memory map, module
    list and places, command lines) as it reads GRUB's: the same memory
    managed, the same boot services at the same endpoints with the same
    sizes, the same data module. Free memory differs only by where the
    loaders put their tables and the modules' command lines (a few
    pages)."""
    fast = boot_report(boot, "multiboot")
    grub = boot_report(boot, "iso")
    assert fast[0] == grub[0], (fast, grub)
    assert abs(fast[1] - grub[1]) <= 64, (fast, grub)
    assert fast[2] == grub[2] and fast[2], (fast[2], grub[2])
