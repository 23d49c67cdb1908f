"""GDB in batch mode against a QEMU machine booted for debugging, as
`make debug` boots it (docs/writing-a-driver.md, "Debugging a driver").

``debug_args(port)`` are the QEMU arguments `make debug` adds: the GDB stub
on 127.0.0.1:PORT, the machine halted until GDB continues; ``free_port()``
picks PORT as `make debug` does (os/tools/freeport.py). ``Gdb(port,
commands)`` runs ``gdb -batch -x build/phoenix.gdb`` (the file `make`
writes: every program's symbols, phoenix-break) connected to that port,
then COMMANDS; its output is read through pexpect (``expect``) and kept
in ``gdb.log`` of a workdir. ``close()`` kills GDB whatever state it is
in; so does interpreter exit for a Gdb a crashed test left.
"""

import atexit
import importlib.util
import os

import pexpect

from harness.machine import ROOT

GDB_SCRIPT = os.path.join(ROOT, "build", "phoenix.gdb")
GDB_LOG = "gdb.log"


def _freeport():
    spec = importlib.util.spec_from_file_location(
        "freeport", os.path.join(ROOT, "os", "tools", "freeport.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port():
    """A TCP port of 127.0.0.1 nothing listens on now (os/tools/freeport.py,
    what `make debug` uses)."""
    return _freeport().free_port()


def debug_args(port):
    """The QEMU arguments of a machine booted for debugging: its GDB stub
    on 127.0.0.1:PORT, the CPU halted until GDB says `continue`."""
    return ["-gdb", "tcp:127.0.0.1:%d" % port, "-S"]


_live = set()


@atexit.register
def _kill_all():
    for g in list(_live):
        g.close()


class Gdb:
    """``gdb -batch -nx -x build/phoenix.gdb -ex 'target remote
    127.0.0.1:PORT'`` followed by one ``-ex`` per command of COMMANDS.
    Its output (stdout and stderr, on a terminal) goes to WORKDIR/gdb.log
    as it is read. TIMEOUT_SCALE multiplies every wait."""

    def __init__(self, port, commands, workdir, timeout_scale=1.0):
        if not os.path.isfile(GDB_SCRIPT):
            raise FileNotFoundError("%s is not built: run 'make'"
                                    % GDB_SCRIPT)
        args = ["-batch", "-nx", "-x", GDB_SCRIPT,
                "-ex", "target remote 127.0.0.1:%d" % port]
        for c in commands:
            args += ["-ex", c]
        self.command = ["gdb"] + args
        self.timeout_scale = timeout_scale
        self.log_path = os.path.join(workdir, GDB_LOG)
        self._log = open(self.log_path, "w")
        env = dict(os.environ, TERM="dumb")
        self.child = pexpect.spawn("gdb", args, encoding="utf-8",
                                   codec_errors="replace", env=env,
                                   cwd=ROOT, echo=False)
        self.child.logfile_read = self._log
        _live.add(self)

    def expect(self, pattern, timeout=60):
        """Wait for PATTERN (a regex) in GDB's output; the match is
        ``self.child.match``. Raises AssertionError with the output so far
        when GDB exits first or TIMEOUT seconds (scaled) pass."""
        try:
            self.child.expect(pattern, timeout=timeout * self.timeout_scale)
        except (pexpect.EOF, pexpect.TIMEOUT) as e:
            why = "GDB exited" if isinstance(e, pexpect.EOF) else \
                "no output matching it within %ds" % timeout
            raise AssertionError("waiting for %r from GDB: %s; its output:\n%s"
                                 % (pattern, why, self.output())) from None
        return self.child.match

    def wait_exit(self, timeout=60):
        """Wait until GDB has run its last command and exited; returns
        everything it printed (carriage returns removed)."""
        self.expect(pexpect.EOF, timeout)
        return self.output()

    def output(self):
        """What GDB printed so far (carriage returns removed)."""
        self._log.flush()
        with open(self.log_path, errors="replace") as f:
            return f.read().replace("\r", "")

    def close(self):
        """Kill GDB if it still runs (its connection closes: QEMU goes on
        or is closed by its owner). Safe to call more than once."""
        _live.discard(self)
        if self.child.isalive():
            self.child.terminate(force=True)
        self.child.close(force=True)
        if not self._log.closed:
            self._log.close()
