"""Unit tests of the harness itself, on the host, with fake emulators: a
script named qemu-system-i386 on PATH that prints a scripted console."""

import os
import subprocess
import sys

import pytest

from harness import EmulatorError, GuestPanic, QemuMachine, make_machine
from harness.machine import ROOT


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead too.
    with open("/proc/%d/stat" % pid) as f:
        return f.read().split()[2] != "Z"


def test_missing_emulator_is_an_infrastructure_error(fake_image, tmp_path,
                                                     monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    m = QemuMachine(fake_image, workdir=str(tmp_path / "w"))
    with pytest.raises(EmulatorError, match="qemu-system-i386 not found"):
        m.boot()
    m.close()


def test_missing_image_is_an_infrastructure_error(tmp_path):
    with pytest.raises(EmulatorError, match="not found: build it"):
        QemuMachine(str(tmp_path / "nope.iso"))


def test_unknown_emulator_is_rejected(fake_image):
    with pytest.raises(EmulatorError, match="unknown emulator 'vmware'"):
        make_machine("vmware", fake_image)


def test_panic_is_reported_with_message_and_backtrace(fake_qemu, fake_image,
                                                      tmp_path):
    fake_qemu(r"""
        printf 'Phoenix 0.1 (i386 microkernel) booting\r\n'
        printf '\r\nkernel panic: out of frames\r\nbacktrace:\r\n'
        printf '  #0 0x00100000 kmain+0x10\r\nkernel: power off (panic)\r\n'
        exit 35
    """)
    with QemuMachine(fake_image, workdir=str(tmp_path / "w")) as m:
        with pytest.raises(GuestPanic) as info:
            m.wait_poweroff(timeout=10)
    assert info.value.message == "out of frames"
    assert "#0 0x00100000 kmain+0x10" in info.value.report
    assert m.powered_off == "panic"
    assert m.exit_status == 35


def test_clean_poweroff_checks_the_exit_status(fake_qemu, fake_image,
                                               tmp_path):
    fake_qemu(r"""
        printf 'kernel: power off (ok)\r\n'
        exit 33
    """)
    with QemuMachine(fake_image, workdir=str(tmp_path / "w")) as m:
        assert m.wait_poweroff(timeout=10) == "ok"
        assert m.exit_status == 33


def test_exit_status_that_contradicts_the_console_is_an_error(
        fake_qemu, fake_image, tmp_path):
    fake_qemu(r"""
        printf 'kernel: power off (ok)\r\n'
        exit 35
    """)
    with QemuMachine(fake_image, workdir=str(tmp_path / "w")) as m:
        with pytest.raises(EmulatorError, match="does not match"):
            m.wait_poweroff(timeout=10)


def test_emulator_that_dies_is_an_error_not_a_timeout(fake_qemu, fake_image,
                                                      tmp_path):
    fake_qemu("""
        echo 'qemu: could not load PC BIOS' >&2
        exit 1
    """)
    with QemuMachine(fake_image, workdir=str(tmp_path / "w")) as m:
        with pytest.raises(EmulatorError, match=r"exited \(status 1\)"):
            m.expect("never printed", timeout=60)


def test_silent_guest_times_out(fake_qemu, fake_image, tmp_path):
    fake_qemu("exec sleep 60\n")
    with QemuMachine(fake_image, workdir=str(tmp_path / "w")) as m:
        with pytest.raises(TimeoutError, match="never printed"):
            m.expect("never printed", timeout=0.2)


def test_close_leaves_no_emulator_process(fake_qemu, fake_image, tmp_path):
    fake_qemu("exec sleep 60\n")
    m = QemuMachine(fake_image, workdir=str(tmp_path / "w")).boot()
    pid = m.console.pid
    assert pid_alive(pid)
    m.close()
    assert not pid_alive(pid)
    m.close()    # a second close is harmless


def test_console_log_keeps_everything_read(fake_qemu, fake_image, tmp_path):
    fake_qemu(r"""
        printf 'line one\r\nline two\r\nkernel: power off (ok)\r\n'
        exit 33
    """)
    with QemuMachine(fake_image, workdir=str(tmp_path / "w")) as m:
        m.wait_poweroff(timeout=10)
        assert m.console_text() == \
            "line one\nline two\nkernel: power off (ok)\n"


INNER_TEST = '''
import pytest

@pytest.fixture
def image(tmp_path):
    p = tmp_path / "fake.iso"
    p.write_bytes(b"x")
    return str(p)

def test_fails_with_a_running_emulator(machine):
    with open("{pidfile}", "w") as f:
        f.write(str(machine.console.pid))
    machine.expect("booted", timeout=10)
    assert False, "deliberate failure"
'''


def test_failing_test_keeps_its_console_log_and_kills_the_emulator(
        pytester, fake_qemu, tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", ROOT)
    fake_qemu(r"""
        printf 'booted\r\n'
        exec sleep 60
    """)
    pidfile = tmp_path / "pid"
    pytester.makepyfile(test_inner=INNER_TEST.format(pidfile=pidfile))
    result = pytester.runpytest_subprocess("-p", "harness.plugin",
                                           "-p", "no:cacheprovider",
                                           "--no-snapshot")
    result.assert_outcomes(failed=1)
    pid = int(pidfile.read_text())
    assert not pid_alive(pid)
    art = os.path.join(ROOT, "build", "artifacts",
                       "test_inner.py_test_fails_with_a_running_emulator_qemu")
    try:
        with open(os.path.join(art, "console.log")) as f:
            assert "booted" in f.read()
        with open(os.path.join(art, "command.txt")) as f:
            assert "isa-debug-exit" in f.read()
    finally:
        subprocess.run(["rm", "-rf", art])


def test_waiting_again_for_a_taken_prompt_says_so(fake_qemu, fake_image,
                                                  tmp_path):
    # The guest sits at its prompt; a first wait takes it, a second one
    # (nothing typed in between) can never succeed: a test's mistake,
    # named as such, not a guest hang with dumps.
    from harness import PromptConsumed
    from harness.shell import PROMPT_RE, Shell
    fake_qemu(r"""
        printf 'booted\r\n# '
        exec sleep 60
    """)
    with QemuMachine(fake_image, workdir=str(tmp_path / "w")) as m:
        Shell(m).wait_prompt(timeout=10)
        with pytest.raises(PromptConsumed) as info:
            m.expect(PROMPT_RE, timeout=0.3)
    text = str(info.value)
    assert text.splitlines()[0].startswith("no prompt will come: an earlier "
                                           "wait or fixture already has it")
    assert "wait_prompt (harness/shell.py:" in info.value.consumer
    assert "test_waiting_again_for_a_taken_prompt_says_so" in \
        info.value.consumer
    assert "guest hang" not in text and "registers" not in text
    assert not os.path.exists(tmp_path / "w" / "registers.txt")


def test_a_prompt_after_typing_is_awaited_as_usual(fake_qemu, fake_image,
                                                   tmp_path):
    # Something typed after the prompt was taken: a new prompt is due, so
    # its absence is a timeout as before (here without dumps).
    from harness import PromptConsumed
    from harness.shell import PROMPT_RE, Shell
    fake_qemu(r"""
        printf 'booted\r\n# '
        exec sleep 60
    """)
    with QemuMachine(fake_image, workdir=str(tmp_path / "w")) as m:
        Shell(m).wait_prompt(timeout=10)
        m.sendline("ls")
        with pytest.raises(TimeoutError) as info:
            m.expect(PROMPT_RE, timeout=0.3, dump=False)
    assert not isinstance(info.value, PromptConsumed)


def test_other_console_lines_are_awaited_as_usual(fake_qemu, fake_image,
                                                  tmp_path):
    # Lines a service prints on its own (no typing needed) may still come
    # after a prompt was taken: only a prompt wait is called consumed.
    from harness.shell import Shell
    fake_qemu(r"""
        printf 'booted\r\n# '
        exec sleep 60
    """)
    with QemuMachine(fake_image, workdir=str(tmp_path / "w")) as m:
        Shell(m).wait_prompt(timeout=10)
        for pattern in (r"rs: hello .* restarting", r"\n"):
            with pytest.raises(TimeoutError):
                m.expect(pattern, timeout=0.3, dump=False)


def test_waiting_for_a_prompt_while_the_agent_holds_the_shell_says_so(
        fake_qemu, fake_image, tmp_path):
    # harness.agent sets console_busy while `testagent` runs in the
    # console shell's foreground: no prompt until agent.stop().
    from harness import PromptConsumed
    from harness.shell import PROMPT_RE, Shell
    fake_qemu(r"""
        printf 'booted\r\n# '
        exec sleep 60
    """)
    with QemuMachine(fake_image, workdir=str(tmp_path / "w")) as m:
        Shell(m).wait_prompt(timeout=10)
        m.sendline("testagent 00")
        m.console_busy = "the test agent"
        with pytest.raises(PromptConsumed, match="busy running the test agent"):
            m.expect(PROMPT_RE, timeout=0.3)
