"""Emulator backends with one API: boot an image, talk to its serial console.

A :class:`Machine` owns one emulator process. Its console is read through
pexpect; everything read is also appended to a log file, both bounded
whatever the guest prints (:mod:`harness.console`), and typing on it never
blocks. Every wait watches for the kernel's panic line, so a panic surfaces
as :class:`GuestPanic` with its message instead of as a timeout; a guest
that makes the emulator exit (powers off, isa-debug-exit) is
:class:`GuestExit`, a failure, never an infrastructure error. :meth:`Machine.close` always leaves no
emulator process behind, and :func:`kill_all` is run at interpreter exit and
on SIGTERM for whatever a crashed test left.

Every machine also writes the kernel log (the guest's second serial line,
COM2) to ``kernel.log``, records a random ``seed`` and its command line, and
lists the files worth keeping in :meth:`Machine.artifacts`. Waits are
bounded by :class:`harness.deadline.Deadline` (emulator CPU time, progress
extension, a wall-clock cap); a wait that times out while the emulator is
alive dumps the guest's registers and process table first
(:class:`GuestHang`). A QEMU machine can start from a saved state
(``incoming=``, see :mod:`harness.snapshot`) instead of booting.

A third serial line, COM3, belongs to the trusted test agent
(``machine.agent_channel``, a :class:`harness.channel.Channel` with the
console's expect/readline/send manners; logged to ``agent.log``).
"""

import atexit
import os
import re
import select
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pexpect

from harness import abi, bootlist
from harness.channel import Channel, UnixListener
from harness.console import (LOG_TAIL, ConsoleLog, FdSpawn, Spawn, last_lines,
                             read_bounded, read_last, write_some)
from harness.deadline import Deadline, cpu_seconds, runqueue_wait_seconds
from harness.monitor import MonitorError, Qmp, socket_path

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The message stops at another "kernel panic: ": a line of them costs
# linear time, not quadratic (each try scans only to the next one).
# The kernel's formats: abi/console.h.
_PANIC = re.escape(abi.KERNEL_PANIC_PREFIX)
PANIC_RE = _PANIC + r"((?:(?!%s)[^\r\n])*)\r*\n" % _PANIC
POWEROFF_RE = abi.printf_re(abi.POWER_OFF_FMT.rstrip("\n"), r"(ok|panic)")

# QEMU's isa-debug-exit turns the kernel's code into (code << 1) | 1.
# The parallel-port capture in every machine's workdir (kept with the
# artifacts).
PARALLEL_FILE = "parallel.out"
KERNEL_LOG_FILE = "kernel.log"
AGENT_LOG_FILE = "agent.log"     # what the test agent's channel (COM3) said
# Written on a hang: the monitor's `info registers`, the NMI process table.
REGISTERS_FILE = "registers.txt"
PROCTABLE_FILE = "proctable.txt"
BOCHS_OUT = "bochs.out"          # Bochs' own output (and its debugger's)
# The process table: a header, one line per process, an end line. On the
# console it is waited for in two steps (header, then end line: it may be
# longer than a search window); in the kernel log searched as one regex.
# No character of it may start another header, so each try scans only to
# the next header: linear time, whatever the text.
# Both lines are abi/console.h's (PROCTABLE_HEAD_FMT, PROCTABLE_END).
_HEAD_WORDS = abi.PROCTABLE_HEAD_FMT.split(" (")[0]
PROCTABLE_HEAD_RE = abi.printf_re(abi.PROCTABLE_HEAD_FMT.split(" tick=")[0],
                                  "(?:NMI|request)")
PROCTABLE_END_RE = re.escape(abi.PROCTABLE_END.rstrip("\n"))
_NOT_HEAD = r"(?:(?!%s)[^\n])*\n" % re.escape(_HEAD_WORDS)
PROCTABLE_RE = (PROCTABLE_HEAD_RE + _NOT_HEAD + "(?:" + _NOT_HEAD + ")*?" +
                PROCTABLE_END_RE)
# The files a machine's workdir may hold that are worth keeping.
ARTIFACT_FILES = ("console.log", KERNEL_LOG_FILE, PARALLEL_FILE,
                  "command.txt", "seed.txt", REGISTERS_FILE, PROCTABLE_FILE,
                  "reset.log", "bochs.log", "bochs.out", "bochsrc",
                  AGENT_LOG_FILE, "agent-rejected.txt")
# -icount of --deterministic: one instruction per virtual nanosecond, the
# virtual clock never follows the host's (as harness/bench.py).
ICOUNT = "shift=0,align=off,sleep=off"

QEMU_EXIT_OK = abi.QEMU_EXIT_OK          # abi/power.h
QEMU_EXIT_PANIC = abi.QEMU_EXIT_PANIC
# Bochs' log line when the guest writes "Shutdown" to port 0x8900.
BOCHS_SHUTDOWN_LINE = "Shutdown port: shutdown requested"

SEND_TIMEOUT = 30     # seconds (scaled) for the guest to take typed input

# How much slower than QEMU each emulator is, for timeouts.
SPEED_FACTOR = {"qemu": 1.0, "bochs": 4.0}


class EmulatorError(Exception):
    """The test infrastructure failed (emulator missing or crashed, image
    not built). Reported as a test error, never as a failed grade."""


def kernel_symbol(name, elf=None):
    """The address of kernel symbol NAME (build/kernel.elf, whose addresses
    are physical: the kernel is identity-mapped), or None."""
    elf = elf or os.path.join(ROOT, "build", "kernel.elf")
    try:
        out = subprocess.run(["nm", elf], capture_output=True, text=True,
                             check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    for line in out.splitlines():
        words = line.split()
        if len(words) == 3 and words[2] == name:
            return int(words[0], 16)
    return None


class GuestHang(TimeoutError):
    """A wait timed out while the emulator still ran. The message names the
    dumps taken (``dumps``: paths of the register and process-table
    dumps)."""

    def __init__(self, message, dumps=()):
        super().__init__(message)
        self.dumps = list(dumps)


class PromptConsumed(AssertionError):
    """A wait for the shell's prompt that could never succeed: an earlier
    wait (a fixture such as ``shell`` or ``services``, or
    ``Shell.wait_prompt``) already took that prompt and nothing was typed
    since, so the guest is idle at it, not hung. A mistake in the test,
    so a failure; no hang dumps are taken. ``consumer`` says which wait
    took it (or what holds the console)."""

    def __init__(self, message, consumer):
        super().__init__(message)
        self.consumer = consumer


class GuestExit(AssertionError):
    """The guest made the emulator exit while the harness waited for it
    (or typed to it): it powered off, or left QEMU through isa-debug-exit
    with a code of its own. The guest's doing, so a failed test, never an
    infrastructure error."""


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


# A shell prompt as expect() takes it (harness.shell.PROMPT_RE: root's
# "# "; "$ " for other users).
_PROMPT_TAKEN = re.compile(r"(?:^|\n)[#$] $")
_HARNESS = os.path.join(ROOT, "harness") + os.sep


def _waiters():
    """Who took a prompt, for a message: the calls above Machine.expect,
    innermost first, as "function (file:line)", up to a test's own line or
    a fixture (pytest's own calls end the list)."""
    out = []
    frame = sys._getframe(2)
    while frame is not None:
        path = frame.f_code.co_filename
        if "_pytest" in path or "pluggy" in path:
            if out:
                break
        elif path != __file__:
            where = "%s:%d" % (os.path.relpath(path, ROOT), frame.f_lineno)
            name = frame.f_code.co_name
            if path == os.path.join(_HARNESS, "plugin.py"):
                out.append("the %s fixture (%s)" % (name, where))
            else:
                out.append("%s (%s)" % (name, where))
            if not path.startswith(_HARNESS):
                break
        frame = frame.f_back
    return " <- ".join(out) or "an earlier expect()"


class Machine:
    """One running emulator with a serial console.

    Subclasses set ``name`` and implement :meth:`_launch`, which starts the
    emulator and returns the pexpect object of its console.
    """

    name = "machine"
    POLL = 0.5    # seconds between liveness checks while waiting
    SEND_DELAY = None     # seconds to wait before typing (see QemuMachine)

    def __init__(self, image, workdir=None, timeout_scale=1.0, seed=None):
        if not os.path.isfile(image):
            raise EmulatorError(
                "image %s not found: build it with 'make'" % image)
        self.image = os.path.abspath(image)
        self.workdir = os.path.abspath(workdir or tempfile.mkdtemp(
            prefix="phoenix-"))
        os.makedirs(self.workdir, exist_ok=True)
        self.timeout_scale = timeout_scale * SPEED_FACTOR.get(self.name, 1.0)
        self.console_log = os.path.join(self.workdir, "console.log")
        # What the guest prints on the parallel port LPT1 (/dev/lp): the
        # emulator writes every byte the printer takes to this file.
        self.parallel_path = os.path.join(self.workdir, PARALLEL_FILE)
        self.kernel_log = os.path.join(self.workdir, KERNEL_LOG_FILE)
        self.agent_log = os.path.join(self.workdir, AGENT_LOG_FILE)
        # The test agent's serial line (COM3), made by _launch.
        self.agent_channel = None
        # A per-machine random seed, recorded with the artifacts (nothing in
        # the guest consumes one yet).
        self.seed = seed if seed is not None else \
            int.from_bytes(os.urandom(4), "little")
        self.boot_text = ""          # console shown before the emulator's
        self.command = []
        self.exit_status = None
        self.powered_off = None      # "ok" or "panic" once seen
        self._log = None
        self.console = None
        # The last prompt an expect() took, and which wait took it (None
        # once anything is typed): see _consumed_prompt.
        self._prompt_taken = None
        self._typed = False          # nothing typed on the console yet
        # What holds the console's shell in the foreground (set by
        # harness.agent while the test agent runs), or None.
        self.console_busy = None

    # ---- life cycle --------------------------------------------------------
    def boot(self):
        """Start the emulator. Returns self."""
        self._open_log()
        open(self.parallel_path, "wb").close()
        self.console = self._launch()
        _live.add(self)
        self._console_ready()
        return self

    def _open_log(self):
        """The console log (the boot text of a restored machine first) and
        seed.txt in the workdir."""
        self._log = ConsoleLog(self.console_log)
        self._log.write(self.boot_text)
        with open(os.path.join(self.workdir, "seed.txt"), "w") as f:
            f.write("%d\n" % self.seed)

    def _console_ready(self):
        """After the launch: command.txt, and the console's reads logged
        (a restored machine's boot text first in its buffer)."""
        self._write_command()
        if self.boot_text:
            # Restored machine: expect() finds the boot lines first.
            self.console.buffer = self.boot_text + self.console.buffer
        self.console.logfile_read = self._log.sink

    def _write_command(self):
        with open(os.path.join(self.workdir, "command.txt"), "w") as f:
            f.write(command_line(self) + "\n")

    def pid(self):
        """The emulator's process id (None before boot)."""
        return None

    def artifacts(self):
        """The files worth keeping of this machine (paths that exist):
        console and kernel logs, parallel capture, command line, seed, hang
        dumps, emulator logs."""
        if self._log:
            self._log.sync()
        return [os.path.join(self.workdir, n) for n in ARTIFACT_FILES
                if os.path.exists(os.path.join(self.workdir, n))]

    def kernel_log_text(self):
        """The kernel log (COM2) so far ("" when there is none). The
        emulator writes the file, whatever its size; this reads at most
        its first LOG_HEAD and last LOG_TAIL bytes (harness.console), with
        a marker line between them when it is longer."""
        return read_bounded(self.kernel_log) or ""

    def drain(self, quiet=0.05, limit=LOG_TAIL):
        """Read whatever the console still has pending (until QUIET seconds
        pass without output, or LIMIT characters were read: a guest that
        prints forever) into the log."""
        got = 0
        try:
            while got < limit:
                got += len(self.console.read_nonblocking(
                    self.console.maxread, timeout=quiet))
        except (pexpect.TIMEOUT, pexpect.EOF):
            pass

    def dump_hang(self):
        """Save what can be learnt from a hung guest; return the paths
        written. The base class knows no way."""
        return []

    def _save_proctable(self):
        """Wait for the process table the kernel prints once asked (an NMI,
        or hangdump_request), on the console or else in the kernel log, and
        save it as proctable.txt (or say it never came). Returns the path."""
        text = None
        try:
            self.console.expect(PROCTABLE_HEAD_RE, timeout=self._timeout(5))
            text = self.console.match.group(0)
            self.console.expect(PROCTABLE_END_RE, timeout=self._timeout(5))
            text += self.console.before + self.console.match.group(0)
        except (pexpect.TIMEOUT, pexpect.EOF):
            found = re.search(PROCTABLE_RE, self.kernel_log_text())
            text = found.group(0) if found else None
        path = os.path.join(self.workdir, PROCTABLE_FILE)
        with open(path, "w") as f:
            f.write(text.replace("\r", "") + "\n" if text else
                    "no process table: the kernel did not answer\n")
        return path

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
        if self.agent_channel is not None:
            self.agent_channel.close()
        if self._log:
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

    def deadline(self, timeout):
        """A Deadline for a wait of TIMEOUT seconds (scaled) on this
        machine: emulator CPU time, progress = console bytes read."""
        pid = self.pid()
        return Deadline(
            self._timeout(timeout),
            cpu=(lambda: cpu_seconds(pid)) if pid else (lambda: 0.0),
            wait=(lambda: runqueue_wait_seconds(pid)) if pid
            else (lambda: 0.0),
            progress=lambda: self._log.written if self._log else 0)

    def expect(self, patterns, timeout=30, dump=True):
        """Wait for one of PATTERNS (a regex or a list of them) on the
        console; return the index of the one that matched. The match object
        is ``self.console.match``; ``self.console.before`` the output
        between the previous match and this one (its last BEFORE_CAP
        characters, harness.console). A match may be up to SEARCH_WINDOW -
        READ_CHUNK characters long. Raises GuestPanic on a kernel panic,
        GuestExit when the guest makes the emulator exit first (it powered
        off, or left QEMU through isa-debug-exit), EmulatorError when the
        emulator exits otherwise, and, when TIMEOUT seconds (scaled; see
        harness.deadline) pass, GuestHang (a TimeoutError) after dumping
        the guest's state (unless DUMP is false: then a plain
        TimeoutError)."""
        if isinstance(patterns, str):
            patterns = [patterns]
        deadline = self.deadline(timeout)
        while True:
            remaining = deadline.remaining()
            if remaining <= 0 and deadline.expired():
                self._raise_timeout("no %r on the console" % (patterns,),
                                    deadline, dump, patterns)
            # Short slices, so an emulator that died is noticed at once.
            i = self._poll(patterns, min(max(remaining, 0.01), self.POLL),
                           repr(patterns))
            if i is not None:
                self._note_prompt(self.console.match)
                return i

    def _note_prompt(self, match):
        """Remember MATCH (what expect() just took) when it is a shell
        prompt, with the waits that took it; forget any earlier one."""
        text = match.group(0) if hasattr(match, "group") else ""
        self._prompt_taken = None
        if isinstance(text, str) and _PROMPT_TAKEN.search(text):
            self._prompt_taken = (text, _waiters())

    def _consumed_prompt(self, patterns):
        """Why no prompt PATTERNS wait for can come, or None: the last thing
        an expect() took was a prompt, nothing was typed since, and one of
        PATTERNS matches that prompt (and is not just a line end, which
        other console lines could bring); or the console's shell runs a
        foreground program that holds it (``console_busy``)."""
        awaited = [p for p in patterns if isinstance(p, str) and
                   (re.search(p, "\n# ") or re.search(p, "\n$ ")) and
                   not re.search(p, "\n")]
        if not awaited:
            return None
        if self.console_busy:
            return ("the console's shell is busy running %s, so no prompt "
                    "comes" % self.console_busy)
        if self._prompt_taken is None:
            return None
        text, waiters = self._prompt_taken
        if any(re.search(p, text) for p in awaited):
            return ("taken by: %s; nothing was typed since, so no new "
                    "prompt comes" % waiters)
        return None

    def _poll(self, patterns, timeout, what):
        """Read the console for up to TIMEOUT seconds (0: what is pending
        now) looking for PATTERNS; return the index of the one that
        matched, or None. Raises GuestPanic on a panic line, GuestExit or
        EmulatorError (see _raise_exited; WHAT names what was awaited) when
        the emulator is gone."""
        n = len(patterns)
        every = list(patterns) + [PANIC_RE, pexpect.EOF, pexpect.TIMEOUT]
        i = self.console.expect(every, timeout=timeout)
        if i == n + 2 and not self.alive():
            # What a dead emulator wrote last may still be pending (Bochs:
            # the harness holds the pty open): read it all first.
            seen = None
            while i == n + 2 and seen != self._log.written:
                seen = self._log.written
                i = self.console.expect(every, timeout=0)
        if i < n:
            return i
        if i == n:
            self._raise_panic()
        if i == n + 1 or not self.alive():
            self._raise_exited(what)
        return None

    def _raise_exited(self, what):
        """The emulator exited (or is exiting) while the harness waited for
        WHAT: reap it and raise GuestExit when that was the guest's doing
        (see _guest_exit), else EmulatorError."""
        self._reap()
        self._sync_log()
        lines = re.findall(POWEROFF_RE, read_last(self.console_log))
        why = self._guest_exit(lines[-1] if lines else self.powered_off)
        if why:
            raise GuestExit("%s while waiting for %s; console tail:\n%s"
                            % (why, what, self.tail()))
        raise EmulatorError(
            "%s exited (status %s) while waiting for %s; console tail:\n%s"
            % (self.name, self.exit_status, what, self.tail()))

    def _guest_exit(self, powered_off):
        """Why the emulator's exit (``exit_status``, after _reap) is the
        guest's doing, or None when it is not (or cannot be told apart from
        a failing emulator). POWERED_OFF is the kernel's last power-off
        line ("ok", "panic") in the recent console, or None."""
        return None

    def _raise_timeout(self, what, deadline, dump, patterns=()):
        what = ("%s within %.0fs (%s)"
                % (what, deadline.budget, deadline.reason))
        why = self._consumed_prompt(patterns)
        if why is not None:
            raise PromptConsumed(
                "no prompt will come: an earlier wait or fixture already has "
                "it (the guest is idle, not hung)\n%s\nwaiting for: %s\n"
                "The shell and services fixtures and Shell.wait_prompt() "
                "take the prompt, the agent fixtures keep the console's "
                "shell busy until agent.stop(): after them run commands "
                "(shell.run, shell.check) instead of waiting for it again, "
                "and do not mix console and agent fixtures in one test "
                "(docs/harness.md, \"Fixture order\").\n"
                "console tail:\n%s" % (why, what, self.tail()), why)
        if not dump or not self.alive():
            raise TimeoutError("%s; console tail:\n%s" % (what, self.tail()))
        dumps = self.dump_hang()
        raise GuestHang("guest hang: %s; dumps: %s; console tail:\n%s"
                        % (what, ", ".join(dumps) or "none", self.tail()),
                        dumps)

    def readline(self, timeout=30):
        """The next console line (without its line end)."""
        self.expect(r"\n", timeout)
        return self.console.before.replace("\r", "")

    def run(self, cmd, timeout=30):
        """Run shell command line CMD at the guest's prompt; return
        (output, exit status) (see harness.shell.Shell.run)."""
        from harness.shell import Shell
        return Shell(self).run(cmd, timeout)

    def poweroff(self, timeout=30):
        """Type ``poweroff`` and wait for the guest to power off; returns
        "ok" (GuestPanic after a panic)."""
        self.sendline("poweroff")
        return self.wait_poweroff(timeout)

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

    def send(self, text, timeout=SEND_TIMEOUT):
        """Type TEXT (str, or bytes) on the serial console; return once the
        emulator has taken all of it. Never blocks: each write takes what
        the console takes now, and while it takes nothing the console is
        read (a guest printing while it is typed to is never stalled).
        Raises GuestHang (a TimeoutError) when the guest has not taken it
        within TIMEOUT seconds (scaled, a Deadline as in expect(): the
        guest stopped reading its serial input), GuestPanic on a panic,
        GuestExit or EmulatorError when the emulator exits."""
        data = text.encode("utf-8") if isinstance(text, str) else text
        total = len(data)
        self._prompt_taken = None      # a new prompt may come now
        what = "the guest to read %d typed bytes" % total
        # The delay keeps typed input apart from what was typed before;
        # a restored machine's first input follows nothing (its guest
        # waits at the prompt it was saved at).
        if self.SEND_DELAY and (self._typed or not self.boot_text):
            time.sleep(self.SEND_DELAY)
        self._typed = True
        fd = self.console.child_fd
        deadline = None
        while True:
            try:
                data = data[write_some(fd, data):]
            except OSError:
                self._raise_exited(what)    # the pty's other side closed
            if not data:
                return
            if deadline is None:
                deadline = self.deadline(timeout)
            remaining = deadline.remaining()
            if remaining <= 0 and deadline.expired():
                self._raise_timeout(
                    "the guest did not read its serial input (%d of %d "
                    "bytes typed)" % (total - len(data), total),
                    deadline, True)
            select.select([fd], [fd], [], min(max(remaining, 0.01),
                                              self.POLL))
            self._poll([], 0, what)

    def sendline(self, line, timeout=SEND_TIMEOUT):
        """Type LINE and a carriage return (see send)."""
        self.send(line + "\r", timeout)

    def _sync_log(self):
        """Bring console.log up to date; False before boot."""
        if self._log is None:
            return False
        self._log.sync()
        return True

    def tail(self, lines=20):
        """The last LINES lines of the console log (of its last LAST_READ
        bytes, harness.console)."""
        if not self._sync_log():
            return ""
        return last_lines(read_last(self.console_log), lines)

    def parallel_output(self):
        """The bytes the guest printed on LPT1 so far."""
        with open(self.parallel_path, "rb") as f:
            return f.read()

    def wait_console(self, pattern, since=0, timeout=30):
        """Whether regex PATTERN shows on the console after offset SINCE
        (of console_text) within TIMEOUT seconds (scaled): already read,
        or still to come. For lines a service prints on its own time (the
        console is not synchronised with the agent's channel). It reads
        the console: not while a console shell waits for its prompt.
        Raises GuestPanic, GuestExit or EmulatorError as expect does."""
        if re.search(pattern, self.console_text()[since:]):
            return True
        try:
            self.expect(pattern, timeout=timeout, dump=False)
        except TimeoutError:
            return False
        return True

    def wait_parallel(self, predicate, timeout=30, what="output"):
        """Poll the parallel-port capture until PREDICATE(bytes) holds;
        return the bytes. Raises TimeoutError after TIMEOUT seconds
        (scaled), GuestPanic on a panic, GuestExit when the guest powers
        off (or exits) first, EmulatorError when the emulator fails.
        Between polls it reads the console (up to POLL seconds), so a
        panic surfaces at once."""
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
                            timeout=self.POLL / self.timeout_scale,
                            dump=False)
            except TimeoutError:
                continue
            # The guest stopped: one last look at the capture.
            data = self.parallel_output()
            if predicate(data):
                return data
            raise GuestExit("the guest powered off while waiting for "
                            "parallel output %s" % what)

    def console_text(self):
        """Everything the console has shown so far (carriage returns
        removed), up to LOG_HEAD + LOG_TAIL bytes (harness.console); beyond
        that console.log keeps, and this returns, the first LOG_HEAD bytes,
        a marker line ``[harness: console output cut at ...]`` and the last
        LOG_TAIL bytes. Never reads more than that."""
        if not self._sync_log():
            return ""
        return (read_bounded(self.console_log) or "").replace("\r", "")

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


def kvm_usable():
    """Whether /dev/kvm can be opened for reading and writing."""
    try:
        fd = os.open("/dev/kvm", os.O_RDWR)
    except OSError:
        return False
    os.close(fd)
    return True


def check_disk(disk):
    """DISK (a raw disk image's path, or None) as an absolute path; an
    EmulatorError when the file is missing."""
    if disk is None:
        return None
    if not os.path.isfile(disk):
        raise EmulatorError("disk image %s not found" % disk)
    return os.path.abspath(disk)


def qemu_drive(disk):
    """QEMU's -drive value attaching raw image DISK as the primary master
    (IDE index 0; the ISO of -cdrom is index 2, the secondary master)."""
    return "file=%s,format=raw,if=ide,index=0" % disk.replace(",", ",,")


# Bochs' limits for a disk's geometry (its flat images must be exactly
# cylinders * heads * spt sectors).
BOCHS_MAX_CYLINDERS = 65535
BOCHS_MAX_HEADS = 16
BOCHS_MAX_SPT = 63


def bochs_geometry(size):
    """(cylinders, heads, spt) that Bochs accepts for a flat image of SIZE
    bytes: their product is exactly its sectors. Prefers the most sectors
    per cylinder. EmulatorError when there is none (SIZE not a multiple of
    512, or no factorisation within Bochs' limits: a whole number of MiB
    below 16 GiB always has one)."""
    if size <= 0 or size % 512:
        raise EmulatorError("a Bochs disk image must be a positive multiple "
                            "of 512 bytes, not %d bytes" % size)
    sectors = size // 512
    best = None
    for heads in range(BOCHS_MAX_HEADS, 0, -1):
        for spt in range(BOCHS_MAX_SPT, 0, -1):
            per = heads * spt
            if sectors % per == 0 and sectors // per <= BOCHS_MAX_CYLINDERS:
                if best is None or per > best[1] * best[2]:
                    best = (sectors // per, heads, spt)
    if best is None:
        raise EmulatorError("no Bochs geometry for a disk of %d sectors: "
                            "use a whole number of MiB below 16 GiB"
                            % sectors)
    return best


def bochs_disk_args(disk):
    """os/tools/mkbochsrc.sh's arguments attaching DISK (or nothing)."""
    if disk is None:
        return []
    c, h, s = bochs_geometry(os.path.getsize(disk))
    return ["--disk", disk, "--geometry", "%d/%d/%d" % (c, h, s)]


# The network option of a machine (``net=``): None, the emulator's default
# (QEMU: its own e1000 on user networking, no port forwarded; Bochs: no
# card); False, no network card at all; True or a guest TCP port, an e1000
# on user networking (10.0.2.15 is the guest, 10.0.2.2 the host) with a
# free port of the host's 127.0.0.1 forwarded to that port of the guest
# (True: NET_GUEST_PORT). The machine's ``host_port`` says which.
NET_GUEST_PORT = 80


def boot_choice(image, boot):
    """(boot list or None, boot path) of a QEMU machine for IMAGE asked to
    take boot path BOOT (harness/bootlist.py; None: bootlist.default(), the
    ISO for an image without a boot list). EmulatorError for an unknown
    path, or "multiboot" asked for an image without its boot list."""
    asked = boot
    if boot is None:
        boot = bootlist.default()
    if boot not in bootlist.BOOT_PATHS:
        raise EmulatorError("unknown boot path %r (choose from %s)"
                            % (boot, ", ".join(bootlist.BOOT_PATHS)))
    if boot == "iso":
        return None, "iso"
    try:
        found = bootlist.read(image)
    except ValueError as e:
        raise EmulatorError(str(e))
    if found is not None:
        return found, "multiboot"
    if asked is None:
        return None, "iso"
    raise EmulatorError("%s has no boot list (%s): build it with "
                        "os/tools/mkiso.sh ('make'), or boot the ISO"
                        % (image, os.path.join(bootlist.folder(image),
                                               bootlist.LIST)))


def check_net(net):
    """NET (a machine's network option) checked: None, False, or the guest
    TCP port to forward (True: NET_GUEST_PORT)."""
    if net is None or net is False:
        return net
    if net is True:
        return NET_GUEST_PORT
    if isinstance(net, int) and 0 < net < 65536:
        return net
    raise EmulatorError("net=%r: None, False, True or a TCP port" % (net,))


def free_tcp_port():
    """A TCP port of 127.0.0.1 nothing listens on now (the kernel's choice
    of an ephemeral port). Another program may take it before the
    emulator binds it; the emulator then fails to start, an
    EmulatorError."""
    import socket
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def qemu_nic(host_port, guest_port):
    """QEMU's -nic value: an e1000 on user networking, HOST_PORT of
    127.0.0.1 forwarded to GUEST_PORT of the guest."""
    return "user,model=e1000,hostfwd=tcp:127.0.0.1:%d-:%d" % (host_port,
                                                             guest_port)


def bochs_slirp_conf(host_port, guest_port):
    """The text of a Bochs slirp configuration (its e1000's script=):
    QEMU's addresses (10.0.2.0/24, host 10.0.2.2, DNS 10.0.2.3), HOST_PORT
    of 127.0.0.1 forwarded to GUEST_PORT of the guest."""
    return ("# slirp config\n"
            "net = 10.0.2.0\nmask = 255.255.255.0\nhost = 10.0.2.2\n"
            "dhcpstart = 10.0.2.15\ndns = 10.0.2.3\n"
            "hostfwd = tcp:127.0.0.1:%d-:%d\n" % (host_port, guest_port))


class QemuMachine(Machine):
    """QEMU (TCG, or KVM when asked), serial console on stdio, the kernel
    log on the second serial line (a file), the agent's channel on the
    third (a Unix socket), a QMP monitor on a Unix socket,
    isa-debug-exit for power-off.

    DETERMINISTIC runs with ``-icount`` (ICOUNT); KVM with ``-accel kvm``
    (EmulatorError when /dev/kvm is not usable). INCOMING, a
    harness.snapshot.Snapshot, starts the machine from that saved state
    instead of booting (SnapshotError when that fails). AGENT_LINE false
    leaves COM3 out (a machine without the agent's UART). DISK, the path of
    a raw disk image, is attached as the primary master
    (``-drive file=DISK,format=raw,if=ide,index=0``, and ``-boot order=d``:
    the BIOS boots the CD even from a disk with a partition table; the
    CD-ROM stays the secondary master): the guest writes into the file
    itself. NET: the network (check_net): None QEMU's default card, False
    none (``-nic none``), True or a guest port an e1000 with a free host
    port forwarded to it (``-nic user,model=e1000,hostfwd=...``; the port
    is ``host_port``, picked at launch). BOOT: the boot path
    (harness/bootlist.py): "multiboot" QEMU's own Multiboot loader with the
    image's boot list (-kernel, -initrd, -append; QEMU runs in the list's
    folder), "iso" the BIOS and GRUB from the CD; None: bootlist.default()
    when the image has a boot list, else the ISO. The CD is attached on
    both paths; ``boot_path`` says which one the machine takes."""

    name = "qemu"
    binary = "qemu-system-i386"
    RESTORE_TIMEOUT = 30      # seconds for an incoming state to load
    # pexpect.spawn's delaybeforesend, which typing on QEMU always had.
    SEND_DELAY = 0.05

    def __init__(self, image, workdir=None, timeout_scale=1.0, memory=256,
                 extra_args=(), deterministic=False, kvm=False,
                 incoming=None, seed=None, agent_line=True, disk=None,
                 net=None, boot=None):
        super().__init__(image, workdir, timeout_scale, seed)
        self.boot_list, self.boot_path = boot_choice(self.image, boot)
        self.disk = check_disk(disk)
        self.net = check_net(net)
        self.host_port = None
        self.memory = memory
        self.extra_args = list(extra_args)
        self.deterministic = deterministic
        self.kvm = kvm
        self.incoming = incoming
        self.agent_line = agent_line
        if incoming is not None:
            self.boot_text = incoming.console_text
        self.qmp_path = None
        self._qmp = None
        self._standby = False     # prestarted, waiting for take_over()

    def base_args(self):
        """The emulator arguments after the binary (what a snapshot's state
        depends on, plus the per-machine files)."""
        args = ["-m", str(self.memory), "-cdrom", self.image,
                "-display", "none",
                # ^C on the console goes to the guest, not to QEMU
                "-chardev", "stdio,id=con,signal=off",
                "-serial", "chardev:con",
                # append: a restored machine's file starts with the boot's
                "-chardev", "file,id=klog,append=on,path=" + self.kernel_log,
                "-serial", "chardev:klog",
                "-no-reboot",
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                "-monitor", "none",
                "-qmp", "unix:%s,server=on,wait=off" % self.qmp_path,
                # append=on: a long run (harness/campaign.py) may cut the
                # file back without QEMU writing on at its old offset.
                "-chardev", "file,id=lpt,append=on,path=" + self.parallel_path,
                "-parallel", "chardev:lpt"]
        if self.boot_list is not None:
            args += self.boot_list.qemu_args()
        if self.disk is not None:
            # The BIOS boots the CD even when the disk has an MBR (it would
            # try a disk with the 0x55 0xAA signature first).
            args += ["-drive", qemu_drive(self.disk), "-boot", "order=d"]
        elif self.boot_list is None:
            # The CD first: SeaBIOS would try the (absent) disk and the
            # floppy drive before it, ~65 ms spent on the floppy alone.
            args += ["-boot", "order=d"]
        if self.net is False:
            args += ["-nic", "none"]
        elif self.net is not None:
            args += ["-nic", qemu_nic(self.host_port, self.net)]
        if self.agent_line:
            # The third -serial is COM3 (0x3e8, IRQ 4): the test agent's
            # channel, connected to the socket the harness listens on.
            args += ["-chardev", "socket,id=agent,server=off,path="
                     + self.agent_socket(), "-serial", "chardev:agent"]
        if self.kvm:
            args += ["-accel", "kvm"]
        if self.deterministic:
            args += ["-icount", ICOUNT]
        if self.incoming is not None:
            # The state comes through QMP once QEMU is up (_resume).
            args += ["-incoming", "defer"]
        return args + self.extra_args

    def cwd(self):
        """QEMU's working directory: the boot list's folder on the fast
        path (the module names in -initrd are relative to it), else the
        workdir."""
        return self.boot_list.folder if self.boot_list else self.workdir

    def agent_socket(self):
        """The Unix socket the harness listens on and QEMU connects COM3
        to (next to the QMP socket: short enough for AF_UNIX)."""
        return os.path.join(os.path.dirname(self.qmp_path), "agent.sock")

    def _launch(self):
        qemu = _require(self.binary)
        if self.kvm and not kvm_usable():
            raise EmulatorError("--kvm: /dev/kvm is missing or not usable "
                                "(no KVM on this host, or no permission)")
        self.qmp_path = socket_path()
        if self.net:
            self.host_port = free_tcp_port()
        with open(self.kernel_log, "w") as f:
            f.write(self.incoming.kernel_log if self.incoming else "")
        if self.agent_line:
            self.agent_channel = Channel(self, self.agent_log,
                                         listener=UnixListener(
                                             self.agent_socket()))
        self.command = [qemu] + self.base_args()
        console = Spawn(self.command[0], self.command[1:],
                        encoding="utf-8", codec_errors="replace",
                        timeout=30, cwd=self.cwd(), echo=False)
        self.console = console
        if self.incoming is not None and not self._standby:
            self._resume()
        return console

    # The files QEMU (or the agent's channel) holds open from its launch,
    # moved with a standby machine into the workdir of its test.
    _STANDBY_FILES = ("kernel_log", "parallel_path", "agent_log")

    def prestart(self):
        """Launch QEMU for INCOMING ahead of need: it waits for the state
        (-incoming defer) until take_over(). The standby's files are in
        its own workdir until then (harness/snapshot.py SnapshotCache
        keeps one such machine per snapshot). Returns self."""
        if self.incoming is None:
            raise ValueError("prestart is for a machine with incoming=")
        self._standby = True
        open(self.parallel_path, "wb").close()
        self.console = self._launch()
        _live.add(self)
        return self

    def take_over(self, workdir):
        """Make this prestarted machine the one of WORKDIR (on the same
        file system: its open files are renamed into it), load the saved
        state and run it, as boot() would have. Returns self. Raises
        SnapshotError when the standby cannot be used (the caller closes
        it and boots another machine)."""
        from harness.snapshot import SnapshotError
        if not self.alive():
            raise SnapshotError("the standby QEMU is gone")
        workdir = os.path.abspath(workdir)
        os.makedirs(workdir, exist_ok=True)
        try:
            for attr in self._STANDBY_FILES:
                old = getattr(self, attr)
                new = os.path.join(workdir, os.path.basename(old))
                if os.path.exists(old):
                    os.rename(old, new)
                setattr(self, attr, new)
        except OSError as e:
            raise SnapshotError("taking over the standby QEMU: %s" % e)
        if self.agent_channel is not None:
            self.agent_channel.log_path = self.agent_log
        self.workdir = workdir
        self.console_log = os.path.join(workdir, "console.log")
        self._standby = False
        self._open_log()
        self._resume()
        self._console_ready()
        return self

    def _resume(self):
        """Load the incoming state, wait for it to be in, then run the
        guest (it was saved stopped). QEMU waits (-incoming defer) for the
        state file, opened here and handed over the monitor (getfd), so
        that it reads the file itself: no process and pipe in between as
        with ``exec:cat``."""
        from harness.snapshot import SnapshotError
        qmp = self.monitor()
        if qmp is None:
            raise SnapshotError("no QEMU monitor to resume the saved state")
        deadline = time.monotonic() + self.RESTORE_TIMEOUT
        try:
            try:
                fd = os.open(self.incoming.state, os.O_RDONLY)
            except OSError as e:
                raise SnapshotError("restoring %s: %s"
                                    % (self.incoming.state, e))
            try:
                qmp.send_fd("state", fd)
            finally:
                os.close(fd)
            qmp.command("migrate-incoming", uri="fd:state")
            while True:
                status = qmp.command("query-status").get("status")
                if status == "paused":
                    qmp.command("cont")
                    return
                if status not in ("inmigrate", "prelaunch") or \
                        time.monotonic() > deadline:
                    raise SnapshotError("restoring %s: QEMU is %s"
                                        % (self.incoming.state, status))
                time.sleep(0.002)
        except MonitorError as e:
            raise SnapshotError("restoring %s: %s" % (self.incoming.state, e))

    def monitor(self):
        """The connected QMP session (None when it cannot be had)."""
        if self._qmp is None and self.qmp_path and self.alive():
            try:
                self._qmp = Qmp(self.qmp_path).connect()
            except MonitorError:
                return None
        return self._qmp

    def pid(self):
        return self.console.pid if self.console is not None else None

    def dump_hang(self):
        """`info registers` into registers.txt; an NMI, whose process table
        (printed by the kernel) goes into proctable.txt. Returns the paths
        written."""
        written = []
        # QEMU makes its socket before it runs the guest: none, no QMP.
        qmp = self.monitor() if os.path.exists(self.qmp_path or "") else None
        if qmp is None:
            return written
        try:
            regs = qmp.hmp("info registers")
            path = os.path.join(self.workdir, REGISTERS_FILE)
            with open(path, "w") as f:
                f.write(regs)
            written.append(path)
            qmp.hmp("nmi")
        except MonitorError:
            return written
        written.append(self._save_proctable())
        return written

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

    def _guest_exit(self, powered_off):
        """QEMU's exit is the guest's doing when its status is an
        isa-debug-exit one, (code << 1) | 1 with a code the guest chose:
        any odd status but 1 (QEMU's own error exit, which code 0 cannot
        be told from). The power-off pair (33, 35) counts when the console
        agrees with it or has no power-off line; against the line it is an
        infrastructure error, as in _reap_after_poweroff. Killed by a
        signal, or any even status (QEMU quit, or -no-reboot on a guest
        reset): not the guest's doing, as far as the harness can tell."""
        status = self.exit_status
        if status is None or status < 0 or status % 2 == 0 or status == 1:
            return None
        kind = {QEMU_EXIT_OK: "ok", QEMU_EXIT_PANIC: "panic"}.get(status)
        if kind is None:
            return ("the guest made QEMU exit through isa-debug-exit with "
                    "code %d (status %d)" % (status >> 1, status))
        if powered_off is None:
            return ("the guest made QEMU exit through isa-debug-exit with "
                    "the power-off status %d, without the kernel's power-off "
                    "line" % status)
        if powered_off == kind:
            return "the guest powered off (%s)" % kind
        return None

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

    # How QEMU is stopped: a signal, then a bounded wait for its exit
    # (seconds) before the next. QEMU ends on SIGHUP and SIGTERM at once.
    STOP_SIGNALS = ((signal.SIGHUP, 1.0), (signal.SIGTERM, 1.0),
                    (signal.SIGKILL, 5.0))

    def _end_process(self):
        """Stop the emulator process: each of STOP_SIGNALS in turn until
        it has exited, polled every few milliseconds (pexpect's terminate
        sleeps 0.1 s after each signal, and its close 0.1 s more)."""
        for sig, wait in self.STOP_SIGNALS:
            try:
                os.kill(self.console.pid, sig)
            except ProcessLookupError:
                pass
            deadline = time.monotonic() + wait
            while self.console.isalive():
                if time.monotonic() > deadline:
                    break
                time.sleep(0.002)
            else:
                return

    def _stop(self):
        if self._qmp is not None:
            self._qmp.close()
            self._qmp = None
        if self.console is not None:
            if self.console.isalive():
                self._end_process()
            # The child is gone (or force does it): no sleep in close.
            self.console.ptyproc.delayafterclose = 0
            self.console.close(force=True)
        if self.qmp_path:
            shutil.rmtree(os.path.dirname(self.qmp_path), ignore_errors=True)


class BochsMachine(Machine):
    """Bochs, headless (RFB display that waits for no client), COM1 and
    COM3 (the agent's channel) on pseudo-terminals the harness reads.
    Bochs' own exit status means nothing: the console's power-off line is
    what counts."""

    name = "bochs"
    boot_path = "iso"          # the BIOS boots the CD (harness/bootlist.py)
    binary = "bochs"

    def __init__(self, image, workdir=None, timeout_scale=1.0, memory=256,
                 deterministic=False, seed=None, disk=None, net=None):
        # Bochs always runs with `clock: sync=none` (os/tools/mkbochsrc.sh):
        # it is deterministic already; DETERMINISTIC changes nothing.
        # DISK: a raw image as ata0-master (bochs_geometry), the CD-ROM
        # then on ata1-master. NET (check_net): None and False no card
        # (Bochs has none by default), a port: its e1000 plugin on slirp
        # with a free host port forwarded (bochs_slirp_conf).
        super().__init__(image, workdir, timeout_scale, seed)
        self.disk = check_disk(disk)
        self.net = check_net(net)
        self.host_port = None
        if self.disk is not None:
            bochs_geometry(os.path.getsize(self.disk))
        self.memory = memory
        self.process = None
        self._master = None
        self._slave = None
        self._agent_master = None     # COM3's pty
        self._agent_slave = None

    def _launch(self):
        bochs = _require(self.binary)
        import tty
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self._agent_master, self._agent_slave = os.openpty()
        tty.setraw(self._agent_slave)
        os.set_blocking(self._agent_master, False)
        self.agent_channel = Channel(self, self.agent_log,
                                     fd=self._agent_master)
        rc = os.path.join(self.workdir, "bochsrc")
        log = os.path.join(self.workdir, "bochs.log")
        net_args = []
        if self.net:
            self.host_port = free_tcp_port()
            conf = os.path.join(self.workdir, "slirp.conf")
            with open(conf, "w") as f:
                f.write(bochs_slirp_conf(self.host_port, self.net))
            net_args = ["--net", conf]
        with open(rc, "w") as f:
            subprocess.run(
                [os.path.join(ROOT, "os/tools/mkbochsrc.sh"),
                 "--iso", self.image, "--megs", str(self.memory),
                 "--serial", "term:" + os.ttyname(self._slave),
                 "--parport", self.parallel_path,
                 "--com2", self.kernel_log,
                 "--com3", "term:" + os.ttyname(self._agent_slave),
                 "--log", log] + bochs_disk_args(self.disk) + net_args,
                stdout=f, check=True)
        self.command = [bochs, "-q", "-f", rc, "-rc",
                        os.path.join(ROOT, "os/tools/bochs-continue.rc")]
        out = open(os.path.join(self.workdir, BOCHS_OUT), "w")
        # stdin is the debugger's: dump_hang breaks in and types commands.
        self.process = subprocess.Popen(
            self.command, cwd=self.workdir, stdin=subprocess.PIPE,
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        out.close()
        return FdSpawn(self._master, encoding="utf-8",
                       codec_errors="replace", timeout=30)

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def pid(self):
        return self.process.pid if self.process is not None else None

    def _debugger(self, commands, until, timeout=5):
        """Break into Bochs' debugger (SIGINT), type COMMANDS, and return
        what it printed once UNTIL (a regex) shows, or None."""
        path = os.path.join(self.workdir, BOCHS_OUT)
        start = os.path.getsize(path)
        try:
            os.kill(self.process.pid, signal.SIGINT)
            self.process.stdin.write(("\n".join(commands) + "\n").encode())
            self.process.stdin.flush()
        except (OSError, ValueError):
            return None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with open(path, errors="replace") as f:
                f.seek(start)
                text = f.read()
            if re.search(until, text):
                return text
            time.sleep(0.05)      # polls a file another process writes
        return None

    def dump_hang(self):
        """Bochs has no monitor: break into its debugger for the registers
        (registers.txt) and have it set the kernel's hangdump_request, so
        that the next clock tick prints the process table
        (proctable.txt). Returns the paths written."""
        written = []
        if not self.alive():
            return written
        flag = kernel_symbol("hangdump_request")
        commands = ["r", "sreg", "creg"]
        if flag is not None:
            commands.append("setpmem 0x%x 4 1" % flag)
        commands.append("c")
        regs = self._debugger(commands, r"(?s)[er]ip.*CR0|CR0.*[er]ip")
        if regs is None:
            return written
        path = os.path.join(self.workdir, REGISTERS_FILE)
        with open(path, "w") as f:
            f.write(regs)
        written.append(path)
        written.append(self._save_proctable())
        return written

    def _reap(self):
        if self.process is not None:
            try:
                self.exit_status = self.process.wait(self._timeout(10))
            except subprocess.TimeoutExpired:
                pass

    def _guest_exit(self, powered_off):
        """Bochs has no isa-debug-exit, and its exit status says nothing.
        Its exit is the guest's doing when the console shows the kernel's
        power-off line, or when bochs.log shows the guest's shutdown request
        (the string "Shutdown" on port 0x8900, what the kernel's power-off
        writes) without that line. Killed by a signal, or any other exit (a
        Bochs panic or crash, which a guest cannot be told to have caused):
        not the guest's doing."""
        status = self.exit_status
        if status is None or status < 0:
            return None
        if powered_off is not None:
            return "the guest powered off (%s)" % powered_off
        log = read_last(os.path.join(self.workdir, "bochs.log"))
        if BOCHS_SHUTDOWN_LINE in log:
            return ("the guest shut Bochs down (port 0x8900) without the "
                    "kernel's power-off line")
        return None

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
            # Bochs locks a disk image with IMG.lock and removes it only
            # when it exits by itself: the lock of the Bochs just killed
            # would keep the next machine from opening the image.
            if self.disk is not None:
                try:
                    os.unlink(self.disk + ".lock")
                except OSError:
                    pass
        if self.process is not None and self.process.stdin is not None:
            try:
                self.process.stdin.close()
            except OSError:
                pass
        for fd in (self._master, self._slave, self._agent_master,
                   self._agent_slave):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._master = self._slave = None
        self._agent_master = self._agent_slave = None


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
    """The emulator command line of MACHINE, quoted for a shell (with a cd
    first when it must run in another folder: the fast boot path)."""
    line = " ".join(shlex.quote(a) for a in machine.command)
    found = getattr(machine, "boot_list", None)
    if found is not None:
        line = "cd %s && %s" % (shlex.quote(found.folder), line)
    return line
