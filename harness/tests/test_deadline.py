"""Host tests of CPU-time deadlines, /proc reading and QEMU argument
building (no emulator)."""

import os

import pytest

from harness.deadline import Deadline, cpu_seconds
from harness.machine import EmulatorError, QemuMachine
from harness.snapshot import Snapshot


class Fake:
    """Settable clock, CPU, run-queue wait and progress readers."""

    def __init__(self):
        self.now = self.cpu = self.wait = 0.0
        self.out = 0

    def deadline(self, budget, **kw):
        return Deadline(budget, cpu=lambda: self.cpu, wait=lambda: self.wait,
                        progress=lambda: self.out, clock=lambda: self.now,
                        **kw)


def test_cpu_seconds_reads_utime_and_stime():
    tick = os.sysconf("SC_CLK_TCK")
    stat = ("42 (qemu (x) y) S 1 42 42 0 -1 4194560 1 0 0 0 %d %d 0 0 20 0"
            % (3 * tick, tick))
    assert cpu_seconds(42, stat) == 4.0
    assert cpu_seconds(os.getpid()) >= 0.0
    assert cpu_seconds(2 ** 22 + 12345) is None


def test_idle_guest_times_out_after_the_budget():
    f = Fake()
    d = f.deadline(10)
    f.now = 9.9
    assert not d.expired()
    f.now = 10
    assert d.expired() and "10.0s passed" in d.reason


def test_output_extends_the_deadline_until_the_wall_cap():
    f = Fake()
    d = f.deadline(10, wall_cap=3)
    f.now, f.out = 10, 100
    assert not d.expired() and d.extensions == 1
    f.now = 15
    assert d.expired()          # no output since the extension
    f2 = Fake()
    d = f2.deadline(10, wall_cap=3)
    for t in range(10, 31, 5):
        f2.now, f2.out = t, t
        if t < 30:
            assert not d.expired()
    assert d.expired() and "cap" in d.reason


def test_a_starved_emulator_gets_more_time():
    f = Fake()
    d = f.deadline(10)
    f.now, f.wait, f.cpu = 10, 8, 2
    assert not d.expired()
    assert d.remaining() > 0


def test_a_busy_emulator_times_out_on_cpu_time():
    f = Fake()
    d = f.deadline(10)
    f.now, f.cpu = 10, 10
    assert d.expired() and "CPU time" in d.reason


def args_of(tmp_path, **kw):
    img = tmp_path / "x.iso"
    img.write_bytes(b"x")
    m = QemuMachine(str(img), workdir=str(tmp_path / "w"), **kw)
    m.qmp_path = "/tmp/q.sock"
    return m.base_args()


def test_qemu_arguments(tmp_path):
    args = args_of(tmp_path)
    assert "-icount" not in args and "-incoming" not in args
    # COM1 the console, COM2 the kernel log, COM3 the agent's channel
    # (QEMU connects to the socket the harness listens on).
    assert args.count("-serial") == 3
    assert any("kernel.log" in a for a in args)
    assert "socket,id=agent,server=off,path=/tmp/agent.sock" in args
    assert "unix:/tmp/q.sock,server=on,wait=off" in args
    det = args_of(tmp_path, deterministic=True)
    assert det[det.index("-icount") + 1] == "shift=0,align=off,sleep=off"
    kvm = args_of(tmp_path, kvm=True)
    assert kvm[kvm.index("-accel") + 1] == "kvm"
    snap = Snapshot("/s/state", "boot\n", "", None)
    inc = args_of(tmp_path, incoming=snap)
    assert inc[inc.index("-incoming") + 1] == "defer"     # state via QMP


def test_kvm_without_dev_kvm_is_an_infrastructure_error(
        fake_qemu, fake_image, tmp_path, monkeypatch):
    import harness.machine
    fake_qemu("exec sleep 60\n")
    monkeypatch.setattr(harness.machine, "kvm_usable", lambda: False)
    m = QemuMachine(fake_image, workdir=str(tmp_path / "w"), kvm=True)
    with pytest.raises(EmulatorError, match="/dev/kvm"):
        m.boot()
    m.close()
