"""A QMP client for one QEMU: the machine's control channel.

QEMU listens on a Unix socket (``-qmp unix:PATH,server=on,wait=off``); a
:class:`Qmp` connects, negotiates capabilities and sends commands one at a
time, returning their ``return`` value (asynchronous events are skipped).
:meth:`Qmp.hmp` runs a human-monitor command (``info registers``, ``nmi``)
and returns its text. Every call is bounded by a timeout; a failure raises
:class:`MonitorError`, never hangs.
"""

import json
import os
import socket
import tempfile
import time


class MonitorError(Exception):
    """The monitor could not be reached or refused a command."""


def socket_path():
    """A fresh path for a monitor socket, short enough for AF_UNIX (test
    workdirs can be longer than its 107 bytes). The caller removes the
    directory (``os.path.dirname``) when done."""
    return os.path.join(tempfile.mkdtemp(prefix="phx-qmp-"), "qmp.sock")


class Qmp:
    """A connected QMP session to the QEMU listening on PATH."""

    def __init__(self, path, timeout=5.0):
        self.path = path
        self.timeout = timeout
        self._sock = None
        self._buf = b""

    def connect(self):
        """Connect (retrying while QEMU creates the socket) and negotiate.
        Returns self."""
        deadline = time.monotonic() + self.timeout
        while True:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                s.connect(self.path)
                break
            except OSError as e:
                s.close()
                if time.monotonic() > deadline:
                    raise MonitorError("cannot connect to QMP at %s: %s"
                                       % (self.path, e))
                time.sleep(0.002)
        s.settimeout(self.timeout)
        self._sock = s
        greeting = self._read()
        if "QMP" not in greeting:
            raise MonitorError("not a QMP greeting: %r" % greeting)
        self.command("qmp_capabilities")
        return self

    def close(self):
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    def _read(self):
        """The next JSON object from QEMU."""
        while b"\n" not in self._buf:
            try:
                chunk = self._sock.recv(65536)
            except (OSError, socket.timeout) as e:
                raise MonitorError("QMP read failed: %s" % e)
            if not chunk:
                raise MonitorError("QMP connection closed")
            self._buf += chunk
        line, self._buf = self._buf.split(b"\n", 1)
        try:
            return json.loads(line)
        except ValueError:
            raise MonitorError("bad QMP reply %r" % line[:200])

    def command(self, name, fds=(), **arguments):
        """Run QMP command NAME; return its ``return`` value. FDS: open
        file descriptors sent along (SCM_RIGHTS), for getfd."""
        if self._sock is None:
            raise MonitorError("QMP not connected")
        msg = {"execute": name}
        if arguments:
            msg["arguments"] = arguments
        data = json.dumps(msg).encode() + b"\n"
        try:
            if fds:
                sent = socket.send_fds(self._sock, [data], list(fds))
                data = data[sent:]
            if data:
                self._sock.sendall(data)
        except OSError as e:
            raise MonitorError("QMP write failed: %s" % e)
        while True:
            reply = self._read()
            if "event" in reply:
                continue
            if "error" in reply:
                raise MonitorError("%s: %s" % (name, reply["error"].get(
                    "desc", reply["error"])))
            return reply.get("return")

    def send_fd(self, name, fd):
        """Hand QEMU open file descriptor FD under NAME (QMP getfd); later
        commands name it (a migration URI ``fd:NAME``)."""
        self.command("getfd", fds=[fd], fdname=name)

    def hmp(self, line):
        """Run human-monitor command LINE; return its text output."""
        return self.command("human-monitor-command", **{"command-line": line})
