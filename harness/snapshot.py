"""Fast reset: boot QEMU once, save the machine at the shell prompt, and
start every later machine from that saved state.

:func:`take` boots a :class:`~harness.machine.QemuMachine` to the first
shell prompt, stops it, and saves its whole state (RAM, CPU, devices) with
QEMU's migration into a file (``migrate "exec:cat > FILE"`` through QMP:
no writable disk needed). The :class:`Snapshot` keeps that file and the
console and kernel-log text of the boot; a machine started with
``incoming=snapshot`` (``-incoming "exec:cat FILE"``) shows that text first,
so a test still finds the boot lines, then goes on from the prompt.

:class:`SnapshotCache` holds one snapshot per key (image, its size and
mtime, memory, options) for a pytest session. A snapshot that cannot be
taken is remembered as a failure with its reason; the caller then boots
normally (and says why), never fails the test for it.

Where a reset's time goes, and what :meth:`SnapshotCache.restore` does
about it: starting QEMU (some 50 ms: the process, its devices, its ROMs;
on the fast path it also reads the kernel and modules again) is done
ahead: after each restore the cache prestarts the next machine of that
snapshot, a QEMU waiting with ``-incoming defer`` (one per snapshot and
pytest worker), and the next restore hands it its test's workdir and
only loads the state. Loading reads the state file itself (an open
descriptor passed over QMP, ``migrate-incoming fd:``; ``exec:cat`` added
a shell, a cat and a pipe). The restored machine's first typed line is
not delayed (harness/machine.py send). :meth:`SnapshotCache.close` (the
session's end) stops the standby machines, and so does the harness's
exit handler (harness.machine.kill_all) if it comes to that.
"""

import os
import shutil
import time

from harness.monitor import MonitorError

PROMPT_RE = r"(?:^|\n)# "
BOOT_TIMEOUT = 60        # seconds (scaled) to reach the prompt
SAVE_TIMEOUT = 60        # seconds for the migration to finish


class SnapshotError(Exception):
    """No snapshot could be taken (the reason is the message)."""


class Snapshot:
    """A saved machine: STATE (the migration stream file), the console and
    kernel-log text of its boot, and KEY (what it was taken for)."""

    def __init__(self, state, console_text, kernel_log, key):
        self.state = state
        self.console_text = console_text
        self.kernel_log = kernel_log
        self.key = key


def image_key(image, **options):
    """The cache key of a machine for IMAGE with OPTIONS: a changed image
    (size or mtime) or other options give another snapshot."""
    st = os.stat(image)
    return (os.path.abspath(image), st.st_size, st.st_mtime_ns,
            tuple(sorted(options.items())))


def take(make_machine, directory, key, boot_timeout=BOOT_TIMEOUT):
    """Boot MAKE_MACHINE(workdir) to the shell prompt and save it into
    DIRECTORY; return the Snapshot. Raises SnapshotError (the machine is
    closed in every case)."""
    directory = os.path.abspath(directory)
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    m = make_machine(os.path.join(directory, "boot"))
    state = os.path.join(directory, "state")
    try:
        m.boot()
        try:
            m.expect(PROMPT_RE, boot_timeout)
        except Exception as e:     # timeout, panic, emulator exit
            raise SnapshotError("the boot to the prompt failed: %s"
                                % str(e).splitlines()[0])
        qmp = m.monitor()
        if qmp is None:
            raise SnapshotError("no QEMU monitor")
        try:
            qmp.command("stop")
            m.drain()
            qmp.command("migrate", uri="exec:cat > '%s'" % state)
            deadline = time.monotonic() + SAVE_TIMEOUT
            while True:
                status = qmp.command("query-migrate").get("status")
                if status == "completed":
                    break
                if status in ("failed", "cancelled") or \
                        time.monotonic() > deadline:
                    raise SnapshotError("migration to %s: %s"
                                        % (state, status))
                time.sleep(0.005)
        except MonitorError as e:
            raise SnapshotError("QEMU monitor: %s" % e)
        return Snapshot(state, m.console_text(), m.kernel_log_text(), key)
    finally:
        m.close()


class SnapshotCache:
    """Snapshots by key under DIRECTORY, taken on first use, and a
    prestarted machine per snapshot (restore)."""

    def __init__(self, directory):
        self.directory = directory
        self._entries = {}      # key -> Snapshot or SnapshotError
        self._standby = {}      # key -> a prestarted QemuMachine
        self._spares = 0        # standby workdirs made so far

    def get(self, key, make_machine):
        """The Snapshot for KEY (MAKE_MACHINE(workdir) builds the machine
        to boot the first time). Raises SnapshotError, now and for every
        later call with KEY, when it cannot be taken."""
        entry = self._entries.get(key)
        if entry is None:
            where = os.path.join(self.directory, "snap%d" % len(self._entries))
            try:
                entry = take(make_machine, where, key)
            except SnapshotError as e:
                entry = e
            self._entries[key] = entry
        if isinstance(entry, SnapshotError):
            raise entry
        return entry

    def restore(self, key, make_machine, workdir):
        """A running machine in WORKDIR restored from the snapshot for KEY
        (taken first if need be). MAKE_MACHINE(workdir, incoming) builds
        the machine, not booted (incoming None: the one that boots for the
        snapshot). The machine prestarted for KEY takes over when there is
        one; a new one is prestarted for the next call either way. Raises
        SnapshotError (nothing left running)."""
        snap = self.get(key, lambda wd: make_machine(wd, None))
        m = self._standby.pop(key, None)
        if m is not None:
            try:
                m.take_over(workdir)
            except SnapshotError:
                m.close()
                m = None
        if m is None:
            m = make_machine(workdir, snap)
            try:
                m.boot()
            except BaseException:
                m.close()
                raise
        self._prestart(key, snap, make_machine)
        return m

    def _prestart(self, key, snap, make_machine):
        """Start KEY's next standby machine; none when that fails (the next
        restore then starts its machine itself)."""
        from harness.machine import EmulatorError
        where = os.path.join(self.directory, "standby%d" % self._spares)
        self._spares += 1
        m = make_machine(where, snap)
        try:
            self._standby[key] = m.prestart()
        except (EmulatorError, OSError, ValueError):
            m.close()

    def standby(self, key):
        """The machine prestarted for KEY, or None."""
        return self._standby.get(key)

    def close(self):
        """Stop every standby machine."""
        standby, self._standby = self._standby, {}
        for m in standby.values():
            m.close()
