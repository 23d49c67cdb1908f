"""The terminal's line discipline (os/drivers/tty/line.c) on the host:
compiled with the host gcc together with a small wrapper
(os/tests/ttyhost/shim.c) and driven through ctypes. No emulator."""

import ctypes
import os

import pytest

from harness.hostbuild import compile
from harness.machine import ROOT

LINE_C = os.path.join(ROOT, "os", "drivers", "tty", "line.c")
SHIM_C = os.path.join(ROOT, "os", "tests", "ttyhost", "shim.c")

# abi/termios.h and line.h
ISIG, ICANON, ECHO = 0x1, 0x2, 0x8
READY, SIGINT = 0x1, 0x2
EAGAIN = 11
BUF_SIZE = 1024
CTRL_C, CTRL_D, CTRL_U, BS, DEL = "\x03", "\x04", "\x15", "\x08", "\x7f"


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    out = str(tmp_path_factory.mktemp("ttyhost") / "libline.so")
    r = compile([LINE_C, SHIM_C], out, ["-std=gnu11", "-O1", "-shared",
                                        "-fPIC", "-I",
                                        os.path.dirname(LINE_C)])
    assert r.returncode == 0, r.stderr
    so = ctypes.CDLL(out)
    so.shim_new.restype = ctypes.c_void_p
    so.shim_free.argtypes = [ctypes.c_void_p]
    so.shim_input.argtypes = [ctypes.c_void_p, ctypes.c_int]
    so.shim_readable.argtypes = [ctypes.c_void_p]
    so.shim_read.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    so.shim_take_echo.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                  ctypes.c_int]
    so.shim_get_termios.argtypes = [ctypes.c_void_p] + \
        [ctypes.POINTER(ctypes.c_uint)] + [ctypes.POINTER(ctypes.c_int)] * 4
    so.shim_set_termios.argtypes = [ctypes.c_void_p, ctypes.c_uint] + \
        [ctypes.c_int] * 4
    return so


class Line:
    """One line discipline."""

    def __init__(self, lib):
        self.lib = lib
        self.p = lib.shim_new()

    def close(self):
        self.lib.shim_free(self.p)

    def type(self, text):
        """Type TEXT; returns the union of the events."""
        ev = 0
        for c in text.encode("latin-1"):
            ev |= self.lib.shim_input(self.p, c)
        return ev

    def read(self, size=4096):
        """A read of SIZE bytes: the bytes (as str), or the error number."""
        buf = ctypes.create_string_buffer(max(size, 1))
        n = self.lib.shim_read(self.p, buf, size)
        return n if n < 0 else buf.raw[:n].decode("latin-1")

    def readable(self):
        return bool(self.lib.shim_readable(self.p))

    def echo(self):
        """What was echoed since the last call."""
        buf = ctypes.create_string_buffer(16384)
        n = self.lib.shim_take_echo(self.p, buf, 16384)
        return buf.raw[:n].decode("latin-1")

    def termios(self):
        lflag = ctypes.c_uint()
        keys = [ctypes.c_int() for _ in range(4)]
        self.lib.shim_get_termios(self.p, ctypes.byref(lflag),
                                  *[ctypes.byref(k) for k in keys])
        return (lflag.value,) + tuple(k.value for k in keys)

    def set_termios(self, lflag, intr=3, erase=127, kill=21, eof=4):
        return self.lib.shim_set_termios(self.p, lflag, intr, erase, kill,
                                         eof)


@pytest.fixture
def line(lib):
    l = Line(lib)
    yield l
    l.close()


def test_defaults(line):
    assert line.termios() == (ISIG | ICANON | ECHO, 3, 127, 21, 4)
    assert not line.readable()
    assert line.read() == -EAGAIN
    assert line.read(0) == ""


def test_a_line_is_read_once_complete(line):
    assert line.type("hello") == 0
    assert not line.readable()
    assert line.echo() == "hello"
    assert line.type("\r") == READY          # CR is taken as NL
    assert line.echo() == "\n"
    assert line.read() == "hello\n"
    assert line.read() == -EAGAIN


def test_a_read_takes_one_line_and_at_most_size_bytes(line):
    line.type("first\nsecond\n")
    assert line.read(3) == "fir"
    assert line.read(3) == "st\n"
    assert line.read() == "second\n"


def test_erase_keys(line):
    line.type("abx" + DEL + "cz" + BS + "d\n")
    assert line.echo() == "abx\b \bcz\b \bd\n"
    assert line.read() == "abcd\n"


def test_erase_stops_at_the_start_of_the_line(line):
    line.type("ok\n" + DEL + DEL + "x\n")
    assert line.echo() == "ok\nx\n"          # nothing rubbed out
    assert line.read() == "ok\n"
    assert line.read() == "x\n"


def test_kill_erases_the_line(line):
    line.type("junk" + CTRL_U)
    assert line.echo() == "junk" + "\b \b" * 4
    line.type(CTRL_U + "good\n")
    assert line.echo() == "good\n"
    assert line.read() == "good\n"


def test_eof_at_the_start_of_a_line_reads_as_end_of_file(line):
    assert line.type("abc\n" + CTRL_D + "def\n") == READY
    assert line.echo() == "abc\ndef\n"       # ^D is not echoed
    assert line.read() == "abc\n"
    assert line.read() == ""
    assert line.read() == "def\n"
    assert line.read() == -EAGAIN


def test_eof_inside_a_line_ends_it_without_a_newline(line):
    assert line.type("ab" + CTRL_D) == READY
    assert line.read() == "ab"
    assert line.read() == -EAGAIN            # no end of file follows


def test_eof_after_a_line_read_in_full_is_not_an_end_of_file(line):
    line.type("ab" + CTRL_D + "cd\n")
    assert line.read(2) == "ab"
    assert line.read() == "cd\n"


def test_interrupt_drops_the_line_being_typed(line):
    line.type("kept\nxyz")
    assert line.type(CTRL_C) == SIGINT
    assert line.echo() == "kept\nxyz^C\n"
    line.type("ok\n")
    assert line.read() == "kept\n"
    assert line.read() == "ok\n"


def test_without_isig_interrupt_is_a_byte(line):
    line.set_termios(ICANON | ECHO)
    assert line.type("a" + CTRL_C + "\n") == READY
    assert line.read() == "a\x03\n"


def test_without_echo_nothing_is_echoed(line):
    line.set_termios(ISIG | ICANON)
    line.type("secret" + DEL + "\n" + CTRL_C)
    assert line.echo() == ""
    assert line.read() == "secre\n"


def test_non_canonical_input_is_readable_at_once(line):
    line.set_termios(0)
    assert line.type("a") == READY
    assert line.read(10) == "a"
    line.type("b" + DEL + CTRL_D + CTRL_U + "\r")
    assert line.echo() == ""
    assert line.read(10) == "b\x7f\x04\x15\n"


def test_non_canonical_read_takes_everything_there(line):
    line.set_termios(ECHO)
    line.type("one\ntwo\n")
    assert line.echo() == "one\ntwo\n"
    assert line.read(100) == "one\ntwo\n"


def test_isig_works_without_icanon(line):
    line.set_termios(ISIG)
    assert line.type("x" + CTRL_C) == READY | SIGINT
    assert line.read() == "x"                # nothing to drop


def test_leaving_canonical_mode_makes_the_typed_line_readable(line):
    line.type("abc")
    assert not line.readable()
    assert line.set_termios(ECHO) == READY
    assert line.read() == "abc"
    assert line.set_termios(ISIG | ICANON | ECHO) == 0


def test_keys_come_from_termios(line):
    line.set_termios(ISIG | ICANON | ECHO, intr=ord("!"), erase=ord("#"),
                     kill=ord("@"), eof=ord("%"))
    line.type("ab#c@de#f\n")
    assert line.read() == "df\n"
    assert line.type("x!") == SIGINT
    line.type("y%")
    assert line.read() == "y"
    line.type(DEL + "z\n")                   # DEL and BS always erase
    assert line.read() == "z\n"


def test_a_long_line_is_cut_but_can_end(line):
    line.type("x" * 1100)
    assert line.echo() == "x" * (BUF_SIZE - 1)   # the rest is dropped
    assert line.type("\n") == READY
    assert line.read(5000) == "x" * (BUF_SIZE - 1) + "\n"


def test_a_full_buffer_takes_nothing(line):
    for _ in range(BUF_SIZE // 4):
        line.type("abc\n")
    line.echo()
    assert line.type("z\n") == 0
    assert line.echo() == ""
    assert line.type(CTRL_D) == 0
    assert line.read() == "abc\n"
    line.type("z\n")
    for _ in range(BUF_SIZE // 4 - 1):
        assert line.read() == "abc\n"
    assert line.read() == "z\n"


def test_the_ring_wraps_around(line):
    for i in range(1000):
        text = "line %d\n" % i
        line.type(text)
        assert line.read(3) == text[:3]
        assert line.read() == text[3:]


# The kept-state check (os/drivers/tty/keep.c) with line.c, the terminals
# and fakes of the rest of the driver (os/tests/host/tty/keep_host.c), on
# the test kit in process.
KEEP_CASES = ["a_state_the_driver_made_passes",
              "settings_changed_without_a_seal", "input_ring_out_of_range",
              "exclusive_open_and_input", "uart_reads_and_signals"]


def test_kept_state_check_on_the_host(tmp_path):
    import subprocess
    from harness import suite
    tty = os.path.dirname(LINE_C)
    kit = [os.path.join(ROOT, "os", "tests", "kit", f)
           for f in ("run.c", "check.c", "inproc.c")]
    exe = tmp_path / "tty_keep_host"
    build = None
    for extra in (["-fsanitize=address,undefined"], []):
        build = compile(
            [os.path.join(ROOT, "os", "tests", "host", "tty", "keep_host.c"),
             os.path.join(tty, "keep.c"), LINE_C] + kit, exe,
            ["-m32", "-std=gnu11", "-O1", "-g", "-I", tty] + extra)
        if build.returncode == 0:
            break                # with the sanitizers when the host has them
    assert build.returncode == 0, build.stderr
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    run = subprocess.run([str(exe)], capture_output=True, text=True,
                         timeout=60, env=env)
    suite.parse(run.stdout + run.stderr, "tty_keep_host",
                run.returncode).check(KEEP_CASES)
