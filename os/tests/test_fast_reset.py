"""Fast reset and hang evidence: every test's machine is restored from the
session's snapshot and starts fresh; the kernel log has its own channel; a
hang leaves a register and a process-table dump."""

import os
import re

import pytest

from harness import GuestHang, bootlist
from harness.agent import Agent
from harness.machine import QemuMachine
from harness.shell import Shell
from harness.snapshot import SnapshotCache, image_key


def test_each_restored_machine_starts_fresh(boot):
    first = boot()
    assert first.incoming is not None, "not restored from the snapshot"
    assert "hello: started fresh" in first.console_text()
    Shell(first).wait_prompt()
    out, status = first.run("echo kept > /tmp/reset-marker; cat /dev/hello")
    assert status == 0
    assert re.search(r"hello: open #1\r*\n", first.console_text())
    first.close()

    second = boot()
    assert second.incoming is not None
    Shell(second).wait_prompt()
    out, status = second.run("cat /tmp/reset-marker")
    assert status != 0, "a file of the previous machine survived: %r" % out
    second.run("cat /dev/hello")
    since = len(second.incoming.console_text)
    assert re.search(r"hello: open #1\r*\n",
                     second.console_text()[since:]), \
        "hello's open count did not start at 0"
    assert second.poweroff() == "ok"


def test_a_restored_machine_has_a_working_agent_channel(boot):
    """Two machines restored from the same snapshot: each one's COM3 is
    connected afresh, and the test agent runs on it."""
    for _ in range(2):
        m = boot()
        assert m.incoming is not None, "not restored from the snapshot"
        agent = Agent(m).start()
        out, status, verified = agent.run("echo restored; cat /dev/hello")
        assert (out, status, verified) == \
            ("restored\nHello, World!\n", 0, True)
        agent.stop()
        assert "AGENT BYE" in m.agent_channel.text()
        m.close()


def test_the_kernel_log_is_its_own_channel(machine):
    Shell(machine).wait_prompt()
    out, status = machine.run("echo only-on-the-console")
    assert status == 0 and "only-on-the-console" in out
    klog = machine.kernel_log_text()
    assert "boot: started pm" in klog
    assert "only-on-the-console" not in klog
    names = [os.path.basename(p) for p in machine.artifacts()]
    for name in ("console.log", "kernel.log", "command.txt", "seed.txt"):
        assert name in names


@pytest.mark.emulators("qemu", "bochs")
def test_a_hang_dumps_registers_and_the_process_table(machine):
    Shell(machine).wait_prompt()
    with pytest.raises(GuestHang) as info:
        machine.expect(r"printed by nobody", timeout=1)
    names = sorted(os.path.basename(p) for p in info.value.dumps)
    assert names == ["proctable.txt", "registers.txt"]
    assert "registers.txt" in str(info.value)
    dumps = {os.path.basename(p): open(p).read() for p in info.value.dumps}
    # QEMU's `info registers` (EIP=0010abcd) or Bochs' debugger (eip:/rip:).
    assert re.search(r"(?i)[er]ip[=:] ?(0x)?[0-9a-f_]{8}",
                     dumps["registers.txt"]), dumps["registers.txt"]
    assert re.search(r"proc slot=\d+ ep=\d+ name=rs ", dumps["proctable.txt"])
    # The guest goes on after the NMI.
    out, status = machine.run("echo still here")
    assert status == 0 and "still here" in out


def test_readline_returns_one_console_line(machine):
    Shell(machine).wait_prompt()
    machine.sendline("echo one; echo two")
    lines = [machine.readline(timeout=10) for _ in range(3)]
    assert lines[1:] == ["one", "two"]


def test_deterministic_mode_runs_with_icount(boot):
    m = boot(deterministic=True)
    assert "-icount" in m.command
    Shell(m).wait_prompt()
    out, status = m.run("echo det")
    assert status == 0 and "det" in out


@pytest.mark.parametrize("boot_path", bootlist.BOOT_PATHS)
def test_a_snapshot_restores_on_either_boot_path(image, tmp_path, request,
                                                 boot_path):
    """A snapshot taken on a boot path restores on it: on the fast path
    QEMU loads the same kernel and modules again (its Multiboot option ROM
    is part of the saved machine), then takes the saved state."""
    scale = request.config.option.timeout_scale
    cache = SnapshotCache(str(tmp_path / "snapshots"))
    snap = cache.get(image_key(image, boot=boot_path), lambda wd: QemuMachine(
        image, workdir=wd, timeout_scale=scale, boot=boot_path))
    m = QemuMachine(image, workdir=str(tmp_path / "restored"),
                    timeout_scale=scale, boot=boot_path, incoming=snap)
    try:
        m.boot()
        assert m.boot_path == boot_path
        assert ("-kernel" in m.command) == (boot_path == "multiboot")
        Shell(m).wait_prompt()
        out, status = m.run("cat /dev/hello")
        assert status == 0 and "Hello, World!" in out
        assert m.poweroff() == "ok"
    finally:
        m.close()


def test_the_next_machine_waits_prestarted_and_takes_over(image, tmp_path,
                                                          request):
    """After a restore the cache prestarts the next machine (QEMU waiting
    for the state); the next restore hands it the new workdir and loads
    the state into it; closing the cache stops the standby."""
    scale = request.config.option.timeout_scale
    cache = SnapshotCache(str(tmp_path / "snapshots"))
    key = image_key(image)

    def make(wd, snap):
        return QemuMachine(image, workdir=wd, timeout_scale=scale,
                           incoming=snap)
    following = None
    try:
        first = cache.restore(key, make, str(tmp_path / "a"))
        standby = cache.standby(key)
        assert standby is not None and standby.alive()
        assert standby.pid() != first.pid()
        first.close()
        second = cache.restore(key, make, str(tmp_path / "b"))
        assert second is standby
        assert second.workdir == str(tmp_path / "b")
        Shell(second).wait_prompt()
        out, status = second.run("cat /dev/hello")
        assert status == 0 and "Hello, World!" in out
        assert "boot: started pm" in second.kernel_log_text()
        names = [os.path.basename(p) for p in second.artifacts()]
        for name in ("console.log", "kernel.log", "command.txt", "seed.txt"):
            assert name in names
        assert all(os.path.dirname(p) == second.workdir
                   for p in second.artifacts())
        following = cache.standby(key)
        assert following is not None and following is not second
        second.close()
    finally:
        cache.close()
    assert following is not None and not following.alive()
