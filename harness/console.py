"""Bounds on what a guest's serial console can cost the host.

A hostile guest may print without end, stop reading its serial input, or
both. harness.machine reads and writes the console through the pieces here,
so that reading costs linear time and bounded memory and writing never
blocks:

- :class:`Spawn` and :class:`FdSpawn`: pexpect spawns that read in chunks of
  up to READ_CHUNK characters, search only the last SEARCH_WINDOW characters
  (a match may be up to SEARCH_WINDOW - READ_CHUNK characters long), and
  keep ``_before`` (what ``before`` is cut from) to at most BEFORE_CAP
  characters (trimmed to its last BEFORE_CAP / 2 when full).
- :class:`ConsoleLog`: console.log holds everything up to LOG_HEAD +
  LOG_TAIL bytes; beyond that the first LOG_HEAD bytes, a marker line and
  the last LOG_TAIL bytes.
- :func:`read_bounded` and :func:`read_last`: read at most that much of a
  file, whatever its size.
- :func:`write_some`: one write that never blocks.
"""

import errno
import fcntl
import io
import os

import pexpect
import pexpect.fdpexpect

READ_CHUNK = 16 * 1024           # characters per read of the console
SEARCH_WINDOW = 32 * 1024        # characters an expect() searches per read
BEFORE_CAP = 1024 * 1024         # characters pexpect keeps unmatched
LOG_HEAD = 4 * 1024 * 1024       # console.log bytes kept from the start
LOG_TAIL = 1024 * 1024           # console.log bytes kept from the end
READ_SLACK = 1024                # room for the marker line in a bounded read
LAST_READ = 64 * 1024            # bytes tail() and exit checks look at
MARKER = ("\n[harness: console output cut at %d bytes: %d bytes left out, "
          "the last %d follow]\n")


class _BoundedBefore:
    """Mixin for a pexpect spawn: before each read, ``_before`` (all output
    since the last match) is cut to its last BEFORE_CAP / 2 characters when
    the read could take it over BEFORE_CAP. The cut keeps more than
    SEARCH_WINDOW characters, which pexpect's windowed search relies on."""

    def read_nonblocking(self, size=1, timeout=-1):
        if self._before.tell() + size > BEFORE_CAP:
            keep = self._before.getvalue()[-(BEFORE_CAP // 2):]
            self._before = self.buffer_type()
            self._before.write(keep)
        return super().read_nonblocking(size, timeout)


class Spawn(_BoundedBefore, pexpect.spawn):
    """pexpect.spawn with bounded buffers (pexpect.spawn already reads all
    that is pending, up to maxread, in one call)."""

    def __init__(self, command, args, **kwargs):
        super().__init__(command, args, maxread=READ_CHUNK,
                         searchwindowsize=SEARCH_WINDOW, **kwargs)
        self.delayafterread = None       # pexpect sleeps 0.1 ms per read


class _BatchedFdSpawn(pexpect.fdpexpect.fdspawn):
    """fdspawn that, once data is there, goes on reading what is already
    pending (up to SIZE characters), as pexpect.spawn does: a flood is read
    in large chunks, not 4 KiB pty reads each followed by a search."""

    def read_nonblocking(self, size=1, timeout=-1):
        data = super().read_nonblocking(size, timeout)
        while len(data) < size:
            try:
                data += super().read_nonblocking(size - len(data), 0)
            except (pexpect.TIMEOUT, pexpect.EOF):
                break           # an EOF shows again on the next read
        return data


class FdSpawn(_BoundedBefore, _BatchedFdSpawn):
    """fdspawn (a pty master the harness opened) with bounded buffers and
    batched reads."""

    def __init__(self, fd, **kwargs):
        super().__init__(fd, maxread=READ_CHUNK,
                         searchwindowsize=SEARCH_WINDOW, **kwargs)
        self.delayafterread = None


class _Sink:
    """What pexpect writes the console to (``logfile_read``): LOG's write,
    and a flush that only flushes the head (pexpect flushes after every
    read)."""

    def __init__(self, log):
        self.write = log.write
        self.flush = log._file.flush


class ConsoleLog:
    """console.log, written as the console is read (through ``sink``, the
    object for pexpect's ``logfile_read``). Up to LOG_HEAD bytes go to the
    file at once; past them only the last LOG_TAIL bytes are kept (in
    memory) and written after the head, behind a marker line when bytes
    were left out, by :meth:`sync` (or :meth:`flush`). The file never holds
    more than LOG_HEAD + LOG_TAIL bytes and the marker line. ``written``
    counts every byte received (it never goes back); :meth:`tell` the bytes
    the log stands for since it began or was cleared."""

    def __init__(self, path, head=LOG_HEAD, tail=LOG_TAIL):
        self.path = path
        self.head, self.tail = head, tail
        self.written = 0
        self._start = 0              # written when last cleared
        self._file = open(path, "wb")
        self._tail = bytearray()
        self._synced = True
        self.sink = _Sink(self)

    @property
    def closed(self):
        return self._file.closed

    def write(self, text):
        """Record TEXT (str, encoded as UTF-8, or bytes)."""
        data = text.encode("utf-8", "replace") if isinstance(text, str) \
            else bytes(text)
        room = self.head - self.tell()
        self.written += len(data)
        if room > 0:
            self._file.write(data[:room])
            data = data[room:]
        if data:
            self._tail += data
            if len(self._tail) > 2 * self.tail:
                del self._tail[:-self.tail]
            self._synced = False

    def tell(self):
        """Bytes of console output the log stands for (since it began or
        was last cleared), kept or not."""
        return self.written - self._start

    def clear(self):
        """Empty the log (the file too); ``written`` goes on counting."""
        self._file.seek(0)
        self._file.truncate()
        self._tail = bytearray()
        self._start = self.written
        self._synced = True

    def sync(self):
        """Bring the file up to date: the head, then the tail (behind the
        marker line once bytes were left out)."""
        if not self._synced and not self._file.closed:
            self._file.seek(self.head)
            past = self.tell() - self.head
            if past > self.tail:
                self._file.write((MARKER % (self.head, past - self.tail,
                                            self.tail)).encode())
                self._file.write(self._tail[-self.tail:])
            else:
                self._file.write(self._tail)
            self._file.truncate()
            self._synced = True
        if not self._file.closed:
            self._file.flush()

    flush = sync

    def close(self):
        """Sync and close the file. Safe to call more than once."""
        self.sync()
        self._file.close()


def read_bounded(path, head=LOG_HEAD, tail=LOG_TAIL):
    """The text of file PATH (UTF-8, bad bytes replaced), reading at most
    HEAD + TAIL + READ_SLACK bytes: a longer file gives its first HEAD
    bytes, a marker line and its last TAIL bytes. None when PATH cannot be
    opened."""
    try:
        f = open(path, "rb")
    except OSError:
        return None
    with f:
        size = os.fstat(f.fileno()).st_size
        if size <= head + tail + READ_SLACK:
            data = f.read(head + tail + READ_SLACK)
        else:
            data = f.read(head) + \
                (MARKER % (head, size - head - tail, tail)).encode()
            f.seek(size - tail)
            data += f.read(tail)
    return data.decode("utf-8", "replace")


def read_last(path, limit=LAST_READ):
    """The last LIMIT bytes of file PATH as text ("" when it cannot be
    read)."""
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            f.seek(max(0, size - limit))
            return f.read(limit).decode("utf-8", "replace")
    except OSError:
        return ""


def last_lines(text, lines):
    """The last LINES lines of TEXT (line ends as in universal newlines:
    \\n, \\r\\n and a lone \\r), carriage returns removed."""
    return "".join(io.StringIO(text, newline="").readlines()[-lines:]) \
        .replace("\r", "")


def write_some(fd, data):
    """Write as much of DATA (bytes) as FD takes now, without blocking;
    return how many bytes it took (0 when none). OSError (EIO: the other
    side of a pty is closed) when the reader is gone."""
    flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    fcntl.fcntl(fd, fcntl.F_SETFL, flags | os.O_NONBLOCK)
    try:
        return os.write(fd, data)
    except OSError as e:
        if e.errno in (errno.EAGAIN, errno.EWOULDBLOCK):
            return 0
        raise
    finally:
        fcntl.fcntl(fd, fcntl.F_SETFL, flags)
