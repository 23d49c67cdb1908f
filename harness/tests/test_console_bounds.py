"""What a hostile guest's console can cost the host: floods read in linear
time and bounded memory, typing that never blocks, guest-made emulator
exits graded as failures. Host tests with fake emulators (a script named
qemu-system-i386 or bochs on PATH)."""

import os
import re
import stat
import textwrap

import pytest

from harness import grading
from harness.console import (BEFORE_CAP, LOG_HEAD, LOG_TAIL, READ_CHUNK,
                             READ_SLACK, SEARCH_WINDOW, ConsoleLog,
                             read_bounded)
from harness.machine import (PANIC_RE, PROCTABLE_RE, BochsMachine,
                             EmulatorError, GuestExit, QemuMachine)
from harness.recovery import failure_re

# One console line of the floods below; about 200 MB of whole lines.
FLOOD_LINE = "flood: the quick brown fox jumps over the lazy dog 0123456789"
FLOOD_BYTES = 200 * 1000 * 1000 // (len(FLOOD_LINE) + 1) * (len(FLOOD_LINE) + 1)


@pytest.fixture
def fake_bochs(tmp_path, monkeypatch):
    """fake_bochs(script) puts a bochs running the shell SCRIPT first on
    PATH. The script finds COM1's terminal in $COM1 and the Bochs log file
    in $LOG (from the bochsrc the harness wrote, its third argument)."""
    bindir = tmp_path / "bochsbin"
    bindir.mkdir()

    def install(script):
        exe = bindir / "bochs"
        exe.write_text(
            "#!/bin/sh\n"
            "COM1=$(sed -n 's/^com1:.*dev=//p' \"$3\")\n"
            "LOG=$(sed -n 's/^log: //p' \"$3\")\n" + textwrap.dedent(script))
        exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
        monkeypatch.setenv("PATH", "%s:%s" % (bindir, os.environ["PATH"]))

    return install


def flood(where=""):
    """Shell lines printing FLOOD_BYTES of FLOOD_LINE lines, then the line
    FLOOD-END, then staying alive without output."""
    return ("yes '%s' 2>/dev/null | head -c %d %s\nprintf 'FLOOD-END\\r\\n' %s\n"
            "exec sleep 600\n" % (FLOOD_LINE, FLOOD_BYTES, where, where))


def check_bounded(m):
    """The console's buffers and log are within their caps."""
    assert len(m.console.before) <= BEFORE_CAP
    assert m.console._before.tell() <= BEFORE_CAP
    assert m.console._buffer.tell() <= SEARCH_WINDOW + READ_CHUNK
    m.artifacts()                       # brings console.log up to date
    assert os.path.getsize(m.console_log) <= LOG_HEAD + LOG_TAIL + READ_SLACK


def check_flood_read(m):
    """M's guest printed flood(): the line after it is found, memory and
    console.log stayed bounded, the log keeps its start and its end."""
    m.expect(r"FLOOD-END\r*\n", timeout=120)
    assert m.console.before.replace("\r", "").endswith(FLOOD_LINE + "\n")
    check_bounded(m)
    text = m.console_text()
    assert text.startswith(FLOOD_LINE + "\n")
    assert re.search(r"\[harness: console output cut at %d bytes: \d+ bytes "
                     r"left out, the last %d follow\]" % (LOG_HEAD, LOG_TAIL),
                     text)
    assert text.endswith(FLOOD_LINE + "\nFLOOD-END\n")
    assert m.tail(3).endswith(FLOOD_LINE + "\nFLOOD-END\n")


def test_a_console_flood_is_read_in_bounded_memory_qemu(
        fake_qemu, fake_image, tmp_path):
    fake_qemu(flood())
    with QemuMachine(fake_image, workdir=str(tmp_path / "w")) as m:
        check_flood_read(m)


def test_a_console_flood_is_read_in_bounded_memory_bochs(
        fake_bochs, fake_image, tmp_path):
    fake_bochs(flood('> "$COM1"'))
    with BochsMachine(fake_image, workdir=str(tmp_path / "w"),
                      timeout_scale=0.25) as m:
        check_flood_read(m)


def test_a_small_console_is_kept_whole(tmp_path):
    log = ConsoleLog(str(tmp_path / "c.log"), head=10, tail=8)
    log.write("0123456789abcdef")          # 16 bytes: all fit
    log.sync()
    assert (tmp_path / "c.log").read_text() == "0123456789abcdef"
    log.write("ghijklmnopqrstuvwxyz")      # now 36: cut
    log.close()
    assert (tmp_path / "c.log").read_text() == \
        "0123456789\n[harness: console output cut at 10 bytes: 18 bytes " \
        "left out, the last 8 follow]\nstuvwxyz"
    log = ConsoleLog(str(tmp_path / "d.log"), head=10, tail=8)
    log.write("x" * 30)
    log.clear()                            # (harness/campaign.py)
    log.write("fresh")
    log.flush()
    assert (tmp_path / "d.log").read_text() == "fresh"
    assert (log.tell(), log.written) == (5, 35)
    log.close()
    big = tmp_path / "big.log"
    big.write_text("a" * 2000 + "b" * 3000)
    assert read_bounded(str(big), head=10, tail=5) == "a" * 10 + \
        "\n[harness: console output cut at 10 bytes: 4985 bytes left out, " \
        "the last 5 follow]\nbbbbb"


def test_console_regexes_stay_linear_on_hostile_text():
    # Quadratic before: every "kernel panic: " scanned the rest of the line.
    assert re.search(PANIC_RE, "kernel panic: " * 50000) is None
    assert re.search(PANIC_RE, "kernel panic: " * 1000 + "boom\r\n") \
        .group(1) == "boom"
    assert re.search(PANIC_RE, "\r\nkernel panic: out of frames\r\n") \
        .group(1) == "out of frames"
    fail = failure_re("hello")
    assert re.search(fail, "rs: hello (endpoint 5) failed: " * 20000) is None
    assert re.search(fail, "rs: hello (endpoint 5) failed: x; errors: 2\r\n"
                     ).group(1, 2) == ("5", "x; errors: 2")
    assert re.search(PROCTABLE_RE,
                     "kernel: process table (NMI) x\n" * 20000) is None
    table = ("kernel: process table (NMI) 3 processes\nproc slot=1\n"
             "proc slot=2\nkernel: end of process table")
    fail = failure_re("hello")
    assert re.search(fail, "rs: hello (endpoint 5) failed: " * 20000) is None
    assert re.search(fail, "rs: hello (endpoint 5) failed: x; errors: 2\r\n"
                     ).group(1, 2) == ("5", "x; errors: 2")
    assert re.search(PROCTABLE_RE, "noise\n" + table + "\n").group(0) == table


def test_typing_to_a_guest_that_never_reads_fails_qemu(
        fake_qemu, fake_image, tmp_path):
    fake_qemu("stty raw -echo\nexec sleep 600\n")
    with QemuMachine(fake_image, workdir=str(tmp_path / "w")) as m:
        with pytest.raises(TimeoutError, match="did not read its serial"):
            m.send("x" * (1 << 20), timeout=0.5)
        assert m.alive()


def test_typing_to_a_guest_that_never_reads_fails_bochs(
        fake_bochs, fake_image, tmp_path):
    # SIGINT (the harness breaking into the debugger for a dump) ignored.
    fake_bochs("trap '' INT\nexec sleep 600\n")
    with BochsMachine(fake_image, workdir=str(tmp_path / "w"),
                      timeout_scale=0.25) as m:
        with pytest.raises(TimeoutError, match="did not read its serial"):
            m.sendline("x" * (1 << 20), timeout=0.5)
        assert m.alive()


def test_typing_while_the_guest_floods_does_not_stall(
        fake_qemu, fake_image, tmp_path):
    # The guest prints a lot for every line it reads: the harness keeps
    # reading while it types, or both would wait for the other for ever.
    fake_qemu("stty raw -echo\n"
              "while read -r word rest; do printf 'got %%s\\r\\n' \"$word\"; "
              "yes '%s' 2>/dev/null | head -c 20000; done\n" % FLOOD_LINE)
    with QemuMachine(fake_image, workdir=str(tmp_path / "w")) as m:
        m.send("".join("line%d %s\n" % (i, "y" * 100) for i in range(500)),
               timeout=60)
        m.expect(r"got line499\r*\n", timeout=60)
        check_bounded(m)


def test_a_busy_guest_times_out(fake_qemu, fake_image, tmp_path):
    fake_qemu("while :; do :; done\n")
    with QemuMachine(fake_image, workdir=str(tmp_path / "w")) as m:
        with pytest.raises(TimeoutError, match="CPU time|cap"):
            m.expect("never printed", timeout=0.5)


def test_a_guest_that_floods_forever_times_out(fake_qemu, fake_image,
                                               tmp_path):
    fake_qemu("exec yes '%s'\n" % FLOOD_LINE)
    with QemuMachine(fake_image, workdir=str(tmp_path / "w")) as m:
        with pytest.raises(TimeoutError, match="cap"):
            m.expect("never printed", timeout=0.5)
        check_bounded(m)


def test_isa_debug_exit_with_a_code_of_its_own_is_the_guests_failure(
        fake_qemu, fake_image, tmp_path):
    fake_qemu(r"""
        printf 'init: running\r\n'
        exit 3
    """)
    with QemuMachine(fake_image, workdir=str(tmp_path / "w")) as m:
        with pytest.raises(GuestExit, match=r"isa-debug-exit with code 1 "
                           r"\(status 3\) while waiting for \['never"):
            m.expect("never printed", timeout=10)
    assert m.exit_status == 3


def test_power_off_status_without_the_line_is_the_guests_failure(
        fake_qemu, fake_image, tmp_path):
    fake_qemu("exit 33\n")
    with QemuMachine(fake_image, workdir=str(tmp_path / "w")) as m:
        with pytest.raises(GuestExit, match="without the kernel's power-off"):
            m.wait_poweroff(timeout=10)


def test_powering_off_while_waiting_is_the_guests_failure(
        fake_qemu, fake_image, tmp_path):
    fake_qemu(r"""
        printf 'kernel: power off (ok)\r\n'
        exit 33
    """)
    with QemuMachine(fake_image, workdir=str(tmp_path / "w")) as m:
        with pytest.raises(GuestExit, match=r"powered off \(ok\)"):
            m.expect("never printed", timeout=10)


def test_a_guest_exit_while_typing_is_the_guests_failure(
        fake_qemu, fake_image, tmp_path):
    fake_qemu("stty raw -echo\nhead -c 1000 >/dev/null\nexit 5\n")
    with QemuMachine(fake_image, workdir=str(tmp_path / "w")) as m:
        with pytest.raises(GuestExit, match=r"code 2 \(status 5\) while "
                           r"waiting for the guest to read"):
            m.send("x" * (1 << 20), timeout=30)


def test_a_killed_emulator_is_an_infrastructure_error(fake_qemu, fake_image,
                                                      tmp_path):
    fake_qemu(r"""
        printf 'kernel: power off (ok)\r\n'
        kill -KILL $$
    """)
    with QemuMachine(fake_image, workdir=str(tmp_path / "w")) as m:
        with pytest.raises(EmulatorError, match=r"status -9"):
            m.expect("never printed", timeout=10)


def test_bochs_shutdown_by_the_guest_is_its_failure(fake_bochs, fake_image,
                                                    tmp_path):
    fake_bochs("""
        echo '00012345i[UNMAP ] Shutdown port: shutdown requested' >> "$LOG"
        exit 1
    """)
    with BochsMachine(fake_image, workdir=str(tmp_path / "w"),
                      timeout_scale=0.25) as m:
        with pytest.raises(GuestExit, match="port 0x8900"):
            m.expect("never printed", timeout=10)


def test_bochs_that_fails_by_itself_is_an_infrastructure_error(
        fake_bochs, fake_image, tmp_path):
    fake_bochs("""
        echo '00012345p[CPU0 ] >>PANIC<< something Bochs cannot do' >> "$LOG"
        exit 1
    """)
    with BochsMachine(fake_image, workdir=str(tmp_path / "w"),
                      timeout_scale=0.25) as m:
        with pytest.raises(EmulatorError, match=r"exited \(status 1\)"):
            m.expect("never printed", timeout=10)


@pytest.mark.parametrize("when", ["setup", "call"])
def test_a_guest_exit_is_graded_as_a_failure(when):
    with pytest.raises(GuestExit) as info:
        raise GuestExit("the guest powered off (ok) while waiting for x")
    assert grading.classify(when, info, False) == "failed"
