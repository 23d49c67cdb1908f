"""Emulator backends with one API: boot an image, talk to its serial console.

A :class:`Machine` owns one emulator process. Its console is read through
pexpect; everything read is also appended to a log file. Every wait watches
for the kernel's panic line, so a panic surfaces as :class:`GuestPanic` with
its message instead of as a timeout. :meth:`Machine.close` always leaves no
emulator process behind, and :func:`kill_all` is run at interpreter exit and
on SIGTERM for whatever a crashed test left.
"""

import atexit
import os
import re
import shlex
import shutil
import signal
import subprocess
import tempfile
import time

import pexpect
import pexpect.fdpexpect

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PANIC_RE = r"kernel panic: ([^\r\n]*)\r*\n"
POWEROFF_RE = r"kernel: power off \((ok|panic)\)"

# QEMU's isa-debug-exit turns the kernel's code into (code << 1) | 1.
# The parallel-port capture in every machine's workdir (kept with the
# artifacts).
PARALLEL_FILE = "parallel.out"

QEMU_EXIT_OK = 33
QEMU_EXIT_PANIC = 35

# How much slower than QEMU each emulator is, for timeouts.
SPEED_FACTOR = {"qemu": 1.0, "bochs": 4.0}


class EmulatorError(Exception):
    """The test infrastructure failed (emulator missing or crashed, image
    not built). Reported as a test error, never as a failed grade."""


class GuestPanic(AssertionError):
    """The guest kernel panicked. ``message`` is the panic message;
    ``report`` the panic line and what followed it (the backtrace)."""

    def __init__(self, message, report):
        super().__init__("kernel panic: %s\n%s" % (message, report))
        self.message = message
        self.report = report


_live = set()


def kill_all():
    """Kill every emulator this process started that is still running."""
    for machine in list(_live):
        machine.close()


atexit.register(kill_all)


def _on_sigterm(signum, frame):
    kill_all()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


if signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None):
    signal.signal(signal.SIGTERM, _on_sigterm)


def _require(program):
    path = shutil.which(program)
    if path is None:
        raise EmulatorError(
            "%s not found on PATH: run 'make deps' to install the emulators"
            % program)
    return path


class Machine:
    """One running emulator with a serial console.

    Subclasses set ``name`` and implement :meth:`_launch`, which starts the
    emulator and returns the pexpect object of its console.
    """

    name = "machine"
    POLL = 0.5    # seconds between liveness checks while waiting

    def __init__(self, image, workdir=None, timeout_scale=1.0):
        if not os.path.isfile(image):
            raise EmulatorError(
                "image %s not found: build it with 'make'" % image)
        self.image = os.path.abspath(image)
        self.workdir = workdir or tempfile.mkdtemp(prefix="phoenix-")
        os.makedirs(self.workdir, exist_ok=True)
        self.timeout_scale = timeout_scale * SPEED_FACTOR.get(self.name, 1.0)
        self.console_log = os.path.join(self.workdir, "console.log")
        # What the guest prints on the parallel port LPT1 (/dev/lp): the
        # emulator writes every byte the printer takes to this file.
        self.parallel_path = os.path.join(self.workdir, PARALLEL_FILE)
        self.command = []
        self.exit_status = None
        self.powered_off = None      # "ok" or "panic" once seen
        self._log = None
        self.console = None

    # ---- life cycle --------------------------------------------------------
    def boot(self):
        """Start the emulator. Returns self."""
        self._log = open(self.console_log, "w", encoding="utf-8",
                         errors="replace")
        open(self.parallel_path, "wb").close()
        self.console = self._launch()
        self.console.logfile_read = self._log
        _live.add(self)
        return self

    def _launch(self):
        raise NotImplementedError

    def alive(self):
        """True while the emulator process runs."""
        raise NotImplementedError

    def close(self):
        """Stop the emulator (if it still runs) and release the console.
        Safe to call more than once."""
        _live.discard(self)
        self._stop()
        if self._log and not self._log.closed:
            self._log.close()

    def _stop(self):
        raise NotImplementedError

    def __enter__(self):
        return self.boot()

    def __exit__(self, *exc):
        self.close()

    # ---- console -------------------------------------------------------------
    def _timeout(self, timeout):
        return timeout * self.timeout_scale

    def expect(self, patterns, timeout=30):
        """Wait for one of PATTERNS (a regex or a list of them) on the
        console; return the index of the one that matched. The match object
        is ``self.console.match``. Raises GuestPanic on a kernel panic,
        EmulatorError when the emulator exits first, and TimeoutError
        after TIMEOUT seconds (scaled)."""
        if isinstance(patterns, str):
            patterns = [patterns]
        n = len(patterns)
        all_patterns = list(patterns) + [PANIC_RE, pexpect.EOF,
                                         pexpect.TIMEOUT]
        limit = self._timeout(timeout)
        deadline = time.monotonic() + limit
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(
                    "no %r on the console within %.0fs; console tail:\n%s"
                    % (patterns, limit, self.tail()))
            # Short slices, so an emulator that died is noticed at once.
            i = self.console.expect(all_patterns,
                                    timeout=min(remaining, self.POLL))
            if i < n:
                return i
            if i == n:
                self._raise_panic()
            if i == n + 1 or not self.alive():
                self._reap()
                raise EmulatorError(
                    "%s exited (status %s) while waiting for %r; console "
                    "tail:\n%s" % (self.name, self.exit_status, patterns,
                                   self.tail()))

    def _raise_panic(self):
        message = self.console.match.group(1).strip()
        report = self.console.match.group(0)
        # Collect the backtrace up to the power-off line.
        try:
            self.console.expect(POWEROFF_RE, timeout=self._timeout(10))
            report += self.console.before + self.console.match.group(0)
            self.powered_off = self.console.match.group(1)
        except (pexpect.EOF, pexpect.TIMEOUT):
            report += self.console.before or ""
        self._reap_after_poweroff()
        raise GuestPanic(message, report.replace("\r", ""))

    def send(self, text):
        """Type TEXT on the serial console."""
        self.console.send(text)

    def sendline(self, line):
        """Type LINE and a carriage return."""
        self.console.send(line + "\r")

    def tail(self, lines=20):
        """The last LINES lines of the console log."""
        self._log.flush()
        with open(self.console_log, encoding="utf-8", errors="replace",
                  newline="") as f:
            return "".join(f.readlines()[-lines:]).replace("\r", "")

    def parallel_output(self):
        """The bytes the guest printed on LPT1 so far."""
        with open(self.parallel_path, "rb") as f:
            return f.read()

    def wait_parallel(self, predicate, timeout=30, what="output"):
        """Poll the parallel-port capture until PREDICATE(bytes) holds;
        return the bytes. Raises TimeoutError after TIMEOUT seconds
        (scaled), GuestPanic on a panic, EmulatorError when the emulator
        exits. Between polls it reads the console (up to POLL seconds), so
        a panic surfaces at once."""
        limit = self._timeout(timeout)
        deadline = time.monotonic() + limit
        while True:
            data = self.parallel_output()
            if predicate(data):
                return data
            if time.monotonic() > deadline:
                raise TimeoutError(
                    "parallel port: %s not reached within %.0fs (%d bytes "
                    "captured, last %r); console tail:\n%s"
                    % (what, limit, len(data), data[-40:], self.tail()))
            try:
                self.expect(POWEROFF_RE,
                            timeout=self.POLL / self.timeout_scale)
            except TimeoutError:
                continue
            # The guest stopped: one last look at the capture.
            data = self.parallel_output()
            if predicate(data):
                return data
            raise EmulatorError("the guest powered off while waiting for "
                                "parallel output %s" % what)

    def console_text(self):
        """Everything the console has shown so far."""
        self._log.flush()
        with open(self.console_log, encoding="utf-8", errors="replace",
                  newline="") as f:
            return f.read().replace("\r", "")

    # ---- power ----------------------------------------------------------------
    def wait_poweroff(self, timeout=30):
        """Wait until the guest powers off. Returns "ok" for a clean
        power-off; raises GuestPanic after a panic."""
        self.expect(POWEROFF_RE, timeout)
        self.powered_off = self.console.match.group(1)
        self._reap_after_poweroff()
        return self.powered_off

    def _reap_after_poweroff(self):
        """The guest said it powers off: the emulator must now exit by
        itself. Wait for that; an emulator that stays is an error."""
        raise NotImplementedError

    def _reap(self):
        raise NotImplementedError


class QemuMachine(Machine):
    """QEMU (TCG), serial console on stdio, isa-debug-exit for power-off."""

    name = "qemu"
    binary = "qemu-system-i386"

    def __init__(self, image, workdir=None, timeout_scale=1.0, memory=256,
                 extra_args=()):
        super().__init__(image, workdir, timeout_scale)
        self.memory = memory
        self.extra_args = list(extra_args)

    def _launch(self):
        qemu = _require(self.binary)
        self.command = [qemu, "-m", str(self.memory), "-cdrom", self.image,
                        "-display", "none",
                        # ^C on the console goes to the guest, not to QEMU
                        "-chardev", "stdio,id=con,signal=off",
                        "-serial", "chardev:con", "-no-reboot",
                        "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                        "-monitor", "none",
                        "-parallel", "file:" + self.parallel_path,
                        ] + self.extra_args
        return pexpect.spawn(self.command[0], self.command[1:],
                             encoding="utf-8", codec_errors="replace",
                             timeout=30, cwd=self.workdir, echo=False)

    def alive(self):
        return self.console is not None and self.console.isalive()

    def _reap(self):
        if self.console is None:
            return
        try:
            self.console.expect(pexpect.EOF, timeout=self._timeout(10))
        except pexpect.TIMEOUT:
            return
        self.console.close()
        self.exit_status = self.console.exitstatus
        if self.exit_status is None and self.console.signalstatus:
            self.exit_status = -self.console.signalstatus

    def _reap_after_poweroff(self):
        self._reap()
        if self.alive():
            raise EmulatorError("QEMU did not exit after the guest powered off")
        _live.discard(self)
        expected = {"ok": QEMU_EXIT_OK, "panic": QEMU_EXIT_PANIC}
        want = expected.get(self.powered_off)
        if want is not None and self.exit_status != want:
            raise EmulatorError(
                "QEMU exit status %s does not match the guest's power-off (%s,"
                " expected %s)" % (self.exit_status, self.powered_off, want))

    def _stop(self):
        if self.console is not None:
            if self.console.isalive():
                self.console.terminate(force=True)
            self.console.close(force=True)


class BochsMachine(Machine):
    """Bochs, headless (RFB display that waits for no client), COM1 on a
    pseudo-terminal the harness reads. Bochs' own exit status means
    nothing: the console's power-off line is what counts."""

    name = "bochs"
    binary = "bochs"

    def __init__(self, image, workdir=None, timeout_scale=1.0, memory=256):
        super().__init__(image, workdir, timeout_scale)
        self.memory = memory
        self.process = None
        self._master = None
        self._slave = None

    def _launch(self):
        bochs = _require(self.binary)
        import tty
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        rc = os.path.join(self.workdir, "bochsrc")
        log = os.path.join(self.workdir, "bochs.log")
        with open(rc, "w") as f:
            subprocess.run(
                [os.path.join(ROOT, "os/tools/mkbochsrc.sh"),
                 "--iso", self.image, "--megs", str(self.memory),
                 "--serial", "term:" + os.ttyname(self._slave),
                 "--parport", self.parallel_path,
                 "--log", log],
                stdout=f, check=True)
        self.command = [bochs, "-q", "-f", rc, "-rc",
                        os.path.join(ROOT, "os/tools/bochs-continue.rc")]
        out = open(os.path.join(self.workdir, "bochs.out"), "w")
        self.process = subprocess.Popen(
            self.command, cwd=self.workdir, stdin=subprocess.DEVNULL,
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        out.close()
        return pexpect.fdpexpect.fdspawn(self._master, encoding="utf-8",
                                         codec_errors="replace", timeout=30)

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def _reap(self):
        if self.process is not None:
            try:
                self.exit_status = self.process.wait(self._timeout(10))
            except subprocess.TimeoutExpired:
                pass

    def _reap_after_poweroff(self):
        self._reap()
        if self.alive():
            raise EmulatorError("Bochs did not exit after the guest powered off")
        _live.discard(self)

    def _stop(self):
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
        for fd in (self._master, self._slave):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._master = self._slave = None


BACKENDS = {"qemu": QemuMachine, "bochs": BochsMachine}


def make_machine(emulator, image, **kwargs):
    """A Machine of kind EMULATOR ("qemu" or "bochs") for IMAGE, not booted."""
    try:
        cls = BACKENDS[emulator]
    except KeyError:
        raise EmulatorError("unknown emulator %r (choose from %s)"
                            % (emulator, ", ".join(sorted(BACKENDS))))
    return cls(image, **kwargs)


def command_line(machine):
    """The emulator command line of MACHINE, quoted for a shell."""
    return " ".join(shlex.quote(a) for a in machine.command)
