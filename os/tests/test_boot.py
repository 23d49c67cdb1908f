"""Boot tests: the kernel comes up on both emulators, runs its first ring-3
program, powers off cleanly, and reports a panic as a panic."""

import re

import pytest

from harness import GuestPanic, abi
from harness.shell import Shell

BANNER = r"Phoenix \d+\.\d+ \(i386 microkernel\) booting"


@pytest.mark.emulators("qemu", "bochs")
def test_boots_the_servers_in_ring_3_and_powers_off(boot):
    machine = boot(fresh=True)      # a real boot, not a restored snapshot
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


@pytest.mark.emulators("qemu", "bochs")
def test_forced_panic_is_reported_with_its_message(boot, image_factory):
    m = boot(image_factory("panic=test"))
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
