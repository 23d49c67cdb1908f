"""A serial line of the guest other than the console: the test agent's
channel (COM3, ``/dev/agent`` in the guest; harness/agent.py).

A :class:`Channel` reads and writes one host file descriptor: the Unix
socket QEMU connects the third ``-serial`` to (the harness listens before
QEMU starts, so nothing the guest sends is lost), or the master of the
pseudo-terminal Bochs' ``com3:`` is attached to. It offers the console's
manners: ``expect(patterns)`` (index, ``match``), ``readline()``,
``send()``, ``sendline()``, each bounded by a :class:`harness.deadline.
Deadline` (the emulator's CPU time; progress = bytes read on this
channel), with the emulator's death (EmulatorError), a kernel panic
(GuestPanic) and a timeout (GuestHang after the hang dumps, or
TimeoutError) reported as the console reports them.

While it waits, a channel also reads the console, so that the guest never
stalls on a full console and a panic surfaces at once: that console text
goes to the console log (``Machine.console_text()``) and is not left for a
later console ``expect()`` (as before, when the agent's answers were read
off the console). Nothing read on the console is ever matched against a
channel pattern. The two lines are not ordered with each other: console
text the guest printed before an answer may reach the harness after it
(a test that looks for it waits, e.g. with further agent commands).

Bounds: at most MAX_BUFFER characters wait unconsumed (the oldest are
dropped beyond that, and counted in ``dropped``); every byte received is
also written to the channel's log file (``agent.log`` in the machine's
workdir). The guest's UART sends every NL as CR NL; ``readline()`` and
``text()`` undo exactly that (a CR NL becomes NL, any other CR stays).
"""

import codecs
import collections
import errno
import os
import re
import select
import socket
import time

import pexpect

from harness.deadline import Deadline, cpu_seconds, runqueue_wait_seconds

MAX_BUFFER = 1 << 20       # characters kept unconsumed at most
READ_SIZE = 65536
CONNECT_TIMEOUT = 10.0     # seconds for the emulator to connect
PANIC_MARK = "kernel panic: "
NEVER = r"(?!)"            # a pattern that matches nothing


class UnixListener:
    """A Unix socket listening at PATH, made before the emulator starts,
    which connects to it as a client at its start (QEMU ``-chardev
    socket,server=off``): what the guest sends before the harness looks
    waits in the connection, none of it is lost."""

    def __init__(self, path):
        self.path = path
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.bind(path)
        self._sock.listen(1)
        self._sock.setblocking(False)

    def accept(self):
        """The emulator's connection, non-blocking (BlockingIOError, an
        OSError, while it has not connected yet)."""
        conn, _ = self._sock.accept()
        conn.setblocking(False)
        return conn

    def close(self):
        self._sock.close()


class Channel:
    """One serial line of MACHINE (a harness.machine.Machine): either FD
    (an open descriptor, e.g. a pty master) or LISTENER (a UnixListener
    the emulator connects to; accepted by :meth:`open`). Everything read
    is appended to the file LOG_PATH."""

    POLL = 0.1    # seconds between looks at the console and the emulator

    def __init__(self, machine, log_path, fd=None, listener=None,
                 name="agent channel"):
        self.machine = machine
        self.name = name
        self.log_path = log_path
        self._fd = fd
        self._sock = None
        self._listener = listener
        self._log = open(log_path, "wb")
        self._decoder = codecs.getincrementaldecoder("utf-8")(
            "surrogateescape")
        self.buffer = ""       # received, not consumed yet
        self._scanned = 0      # buffer[:_scanned] holds no NL
        # Whole lines taken off the buffer at once, for readline(): one
        # slice per batch of lines, not one per line (a megabyte of short
        # lines would otherwise cost a megabyte's copy per line).
        self._lines = collections.deque()
        self.received = 0      # bytes received in all
        self.dropped = 0       # characters dropped unconsumed (bound)
        self.match = None      # the last expect()'s match object
        self._console_tail = ""
        self.closed = False

    # ---- life cycle -----------------------------------------------------
    def open(self, timeout=CONNECT_TIMEOUT):
        """Take the emulator's connection (once) when the channel is a
        socket; waits up to TIMEOUT seconds of wall time for it. Returns
        self. EmulatorError when it does not come."""
        from harness.machine import EmulatorError
        if self._fd is not None:
            return self
        if self._listener is None or self.closed:
            raise EmulatorError("%s: no such line on this machine"
                                % self.name)
        limit = time.monotonic() + timeout
        while True:
            try:
                self._sock = self._listener.accept()
                self._fd = self._sock.fileno()
                return self
            except OSError as e:
                if time.monotonic() > limit or not self.machine.alive():
                    raise EmulatorError("%s: the emulator did not connect "
                                        "(%s)" % (self.name, e))
            select.select([self._listener._sock], [], [], self.POLL)

    def close(self):
        """Release the descriptor (a socket is closed here; a pty's master
        belongs to the machine) and the log. Safe to call twice."""
        self.closed = True
        if self._listener is not None:
            self._listener.close()
        if self._sock is not None:
            self._sock.close()
            self._sock = None
            self._fd = None
        if not self._log.closed:
            self._log.close()

    # ---- reading --------------------------------------------------------
    def _deadline(self, timeout):
        m = self.machine
        pid = m.pid()
        return Deadline(
            m._timeout(timeout),
            cpu=(lambda: cpu_seconds(pid)) if pid else (lambda: 0.0),
            wait=(lambda: runqueue_wait_seconds(pid)) if pid
            else (lambda: 0.0),
            progress=lambda: self.received)

    def _read_available(self):
        """Take what the descriptor holds. Returns whether it is at its
        end (the emulator closed the line)."""
        while True:
            try:
                data = os.read(self._fd, READ_SIZE)
            except BlockingIOError:
                return False
            except OSError as e:
                if e.errno == errno.EIO:      # pty: the other side closed
                    return True
                raise
            if not data:
                return True
            self._log.write(data)
            self._log.flush()
            self.received += len(data)
            self.buffer += self._decoder.decode(data)
            if len(self.buffer) > MAX_BUFFER:
                cut = len(self.buffer) - MAX_BUFFER
                self.buffer = self.buffer[cut:]
                self._scanned = max(0, self._scanned - cut)
                self.dropped += cut
            if not self._readable(0):
                return False

    def _readable(self, wait):
        ready, _, _ = select.select([self._fd], [], [], wait)
        return bool(ready)

    def _pump_console(self):
        """Read what the console holds into its log; raise GuestPanic on a
        kernel panic. Returns whether the emulator still runs (what it
        sent on this channel before it ended can still be read)."""
        m = self.machine
        if m.console is None or getattr(m.console, "closed", False):
            return False
        chunks, eof = [], False
        try:
            while True:
                chunks.append(m.console.read_nonblocking(READ_SIZE,
                                                         timeout=0))
        except pexpect.TIMEOUT:
            pass
        except pexpect.EOF:
            eof = True
        text = self._console_tail + "".join(chunks)
        at = text.find(PANIC_MARK)
        if at >= 0:
            # Hand the panic to the console's own reporting.
            m.console.buffer = text[at:] + m.console.buffer
            m.expect(NEVER, timeout=30, dump=False)
        self._console_tail = text[-len(PANIC_MARK):]
        if eof or not m.alive():
            m._reap()
            return False
        return True

    def _wait(self, found, what, timeout, dump):
        """Read until FOUND() returns something other than None, and
        return it; EmulatorError, GuestPanic or a timeout as the module
        says. WHAT names the awaited text in messages."""
        from harness.machine import EmulatorError
        self.open()
        deadline = self._deadline(timeout)
        running = self._pump_console()  # even when the answer is there
        while True:
            result = found()
            if result is not None:
                return result
            remaining = deadline.remaining()
            if remaining <= 0 and deadline.expired():
                self._raise_timeout(what, deadline, dump)
            wait = min(max(remaining, 0.001), self.POLL) if running else 0
            end = False
            if self._readable(wait):
                end = self._read_available()
                result = found()
                if result is not None:
                    return result
            elif not running:
                end = True
            if end:
                m = self.machine
                raise EmulatorError(
                    "%s: %s ended (status %s) while waiting for %s; "
                    "console tail:\n%s" % (self.name, m.name, m.exit_status,
                                           what, m.tail()))
            running = self._pump_console()

    def _raise_timeout(self, what, deadline, dump):
        from harness.machine import GuestHang
        m = self.machine
        msg = ("no %s on the %s within %.0fs (%s); channel tail: %r"
               % (what, self.name, deadline.budget, deadline.reason,
                  self.buffer[-300:]))
        if not dump or not m.alive():
            raise TimeoutError("%s; console tail:\n%s" % (msg, m.tail()))
        dumps = m.dump_hang()
        raise GuestHang("guest hang: %s; dumps: %s; console tail:\n%s"
                        % (msg, ", ".join(dumps) or "none", m.tail()), dumps)

    def expect(self, patterns, timeout=30, dump=True):
        """Wait for one of PATTERNS (a regex or a list of them) on this
        channel; return the index of the first in the text that matches
        (the earliest match wins). The match is ``self.match``; the text
        up to its end is consumed. Errors as the console's expect()."""
        if isinstance(patterns, str):
            patterns = [patterns]
        compiled = [re.compile(p) for p in patterns]

        def found():
            self._unread_lines()
            best = None
            for i, p in enumerate(compiled):
                m = p.search(self.buffer)
                if m and (best is None or m.start() < best[1].start()):
                    best = (i, m)
            if best is None:
                return None
            self.match = best[1]
            self._consume(best[1].end())
            return best[0]

        return self._wait(found, repr(patterns), timeout, dump)

    def readline(self, timeout=30, dump=True):
        """The next line of this channel (its CR NL removed, other CRs
        kept). Linear in what is read, however long the lines."""
        def found():
            if not self._lines:
                at = self.buffer.rfind("\n", self._scanned)
                if at < 0:
                    self._scanned = len(self.buffer)
                    return None
                batch = self.buffer[:at].split("\n")
                self._consume(at + 1)
                self._lines.extend(batch)
            line = self._lines.popleft()
            return line[:-1] if line.endswith("\r") else line

        return self._wait(found, "line", timeout, dump)

    def _unread_lines(self):
        """Put the lines readline() took off but did not return back in
        front of the buffer (for expect())."""
        if self._lines:
            self.buffer = "".join(line + "\n" for line in self._lines) + \
                self.buffer
            self._lines.clear()
            self._scanned = 0

    def _consume(self, end):
        self.buffer = self.buffer[end:]
        self._scanned = 0

    def text(self):
        """Everything received so far (from the log), CR NL as NL."""
        if not self._log.closed:
            self._log.flush()
        with open(self.log_path, "rb") as f:
            data = f.read()
        return data.decode("utf-8", "surrogateescape").replace("\r\n", "\n")

    # ---- writing --------------------------------------------------------
    def send(self, text, timeout=30):
        """Write TEXT on the line; TimeoutError when the emulator does not
        take it within TIMEOUT seconds (scaled, wall time)."""
        self.open()
        data = text.encode("utf-8", "surrogateescape")
        limit = time.monotonic() + self.machine._timeout(timeout)
        while data:
            _, ready, _ = select.select([], [self._fd], [], self.POLL)
            if ready:
                try:
                    n = os.write(self._fd, data)
                except BlockingIOError:
                    n = 0
                data = data[n:]
            elif time.monotonic() > limit:
                raise TimeoutError("%s: the emulator did not take %d bytes "
                                   "within %.0fs" % (self.name, len(data),
                                                     timeout))
            if data:
                self._pump_console()

    def sendline(self, line, timeout=30):
        """Write LINE and a carriage return (the terminal's Enter)."""
        self.send(line + "\r", timeout)
