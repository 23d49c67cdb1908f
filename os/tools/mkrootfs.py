#!/usr/bin/python3
"""mkrootfs.py PROTO OUT.cpio: build the root file-system archive.

Reads the proto file PROTO (one entry per line, '#' starts a comment) and
writes OUT, a cpio "newc" archive that the rootfs server unpacks at boot:

    d PATH MODE [UID GID]               a directory
    f PATH MODE SOURCE [UID GID]        a file copied from SOURCE (relative
                                        to the repository top, or absolute)
    c PATH MODE MAJOR MINOR [UID GID]   a character device
    b PATH MODE MAJOR MINOR [UID GID]   a block device
    l PATH TARGET                       a symbolic link

MODE is octal permission bits (at most 07777, set-user-id 4000,
set-group-id 2000 and sticky 1000 included). UID and GID, decimal, are
the owner and group (both or neither; default 0 0, root); they go into
the c_uid and c_gid fields of the newc header. Paths are absolute, with
components of 1..NAME_MAX bytes and no "." or "..". Every parent directory
must be declared; the archive lists parents before their children and
ends with TRAILER!!!. On a malformed line, a missing source or a
duplicate path it prints "PROTO:LINE: message", exits 1 and writes
nothing.
"""

import os
import sys

NAME_MAX = 59          # abi/fcntl.h: bytes in one path component
PATH_MAX = 256         # abi/fcntl.h: bytes in a path, with its NUL
S_IFDIR = 0o040000     # abi/stat.h
S_IFCHR = 0o020000
S_IFBLK = 0o060000
S_IFREG = 0o100000
S_IFLNK = 0o120000
TRAILER = "TRAILER!!!"
ID_MAX = 0xfffffffe    # uid and gid: 32 bits, 0xffffffff means "none"
REPO_TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))


class ProtoError(Exception):
    """A problem with one line of the proto file."""

    def __init__(self, line, message):
        super().__init__(message)
        self.line = line
        self.message = message


class Entry:
    """One file of the archive: its path, st_mode, data and device."""

    def __init__(self, line, path, mode, data=b"", rdev=(0, 0), owner=(0, 0)):
        self.line = line
        self.path = path
        self.mode = mode
        self.data = data
        self.rdev = rdev
        self.owner = owner          # (uid, gid)

    def depth(self):
        return 0 if self.path == "/" else self.path.count("/")


def parse_mode(line, text):
    """Octal permission bits of TEXT, or a ProtoError."""
    try:
        mode = int(text, 8)
    except ValueError:
        raise ProtoError(line, "bad mode %r (octal expected)" % text)
    if mode < 0 or mode > 0o7777:
        raise ProtoError(line, "mode %s out of range (at most 7777)" % text)
    return mode


def parse_number(line, what, text):
    """A decimal device number 0..255 from TEXT, or a ProtoError."""
    try:
        value = int(text, 10)
    except ValueError:
        raise ProtoError(line, "bad %s %r (decimal expected)" % (what, text))
    if value < 0 or value > 255:
        raise ProtoError(line, "%s %s out of range (0..255)" % (what, text))
    return value


def parse_id(line, what, text):
    """A decimal user or group id 0..ID_MAX from TEXT, or a ProtoError."""
    if not text.isdigit():
        raise ProtoError(line, "bad %s %r (decimal expected)" % (what, text))
    value = int(text, 10)
    if value > ID_MAX:
        raise ProtoError(line, "%s %s out of range (0..%d)"
                         % (what, text, ID_MAX))
    return value


def check_path(line, path):
    """Reject a path that is not absolute or has a bad component."""
    if not path.startswith("/"):
        raise ProtoError(line, "path %r is not absolute" % path)
    if len(path.encode()) >= PATH_MAX:
        raise ProtoError(line, "path %r is too long" % path)
    if path == "/":
        return
    for part in path[1:].split("/"):
        if part in ("", ".", ".."):
            raise ProtoError(line, "bad component %r in path %r"
                             % (part, path))
        if len(part.encode()) > NAME_MAX:
            raise ProtoError(line, "component %r longer than %d bytes"
                             % (part, NAME_MAX))


def read_source(line, source, top):
    """The bytes of SOURCE (relative to TOP), or a ProtoError."""
    full = source if os.path.isabs(source) else os.path.join(top, source)
    if not os.path.isfile(full):
        raise ProtoError(line, "source %s not found" % source)
    try:
        with open(full, "rb") as f:
            return f.read()
    except OSError as e:
        raise ProtoError(line, "cannot read %s: %s" % (source, e.strerror))


def parse_line(number, words, top):
    """The Entry described by the words of line NUMBER."""
    kind, args = words[0], words[1:]
    expected = {"d": 2, "f": 3, "c": 4, "b": 4, "l": 2}
    if kind not in expected:
        raise ProtoError(number, "unknown entry type %r" % kind)
    n = expected[kind]
    if kind == "l" and len(args) != n:
        raise ProtoError(number, "'l' takes 2 fields, not %d" % len(args))
    if len(args) not in (n, n + 2):
        raise ProtoError(number, "'%s' takes %d fields (or %d with UID GID),"
                         " not %d" % (kind, n, n + 2, len(args)))
    path = args[0]
    check_path(number, path)
    if kind == "l":
        return Entry(number, path, S_IFLNK | 0o777, args[1].encode())
    owner = (0, 0)
    if len(args) == n + 2:
        owner = (parse_id(number, "uid", args[n]),
                 parse_id(number, "gid", args[n + 1]))
    mode = parse_mode(number, args[1])
    if kind == "d":
        return Entry(number, path, S_IFDIR | mode, owner=owner)
    if kind == "f":
        return Entry(number, path, S_IFREG | mode,
                     read_source(number, args[2], top), owner=owner)
    major = parse_number(number, "major", args[2])
    minor = parse_number(number, "minor", args[3])
    kind_bits = S_IFBLK if kind == "b" else S_IFCHR
    return Entry(number, path, kind_bits | mode, rdev=(major, minor),
                 owner=owner)


def parse_proto(text, top=REPO_TOP):
    """The entries of proto TEXT, parents first. Raises ProtoError."""
    entries = []
    seen = {}
    for number, raw in enumerate(text.splitlines(), 1):
        words = raw.split("#", 1)[0].split()
        if not words:
            continue
        entry = parse_line(number, words, top)
        if entry.path in seen:
            raise ProtoError(number, "%s already declared on line %d"
                             % (entry.path, seen[entry.path].line))
        seen[entry.path] = entry
        entries.append(entry)
    for entry in entries:
        if entry.path == "/":
            if entry.mode & 0o170000 != S_IFDIR:
                raise ProtoError(entry.line, "/ must be a directory")
            continue
        parent = os.path.dirname(entry.path)
        if parent == "/":
            continue
        if parent not in seen:
            raise ProtoError(entry.line, "parent directory %s is not declared"
                             % parent)
        if seen[parent].mode & 0o170000 != S_IFDIR:
            raise ProtoError(entry.line, "parent %s is not a directory"
                             % parent)
    return sorted(entries, key=Entry.depth)   # stable: proto order kept


def pad4(n):
    """Bytes of padding that bring N to a multiple of 4."""
    return (4 - n % 4) % 4


def newc_record(ino, name, mode, data=b"", nlink=1, rdev=(0, 0),
                owner=(0, 0)):
    """One cpio newc record: header, NUL-terminated name and data, each
    padded to 4 bytes. OWNER is (uid, gid)."""
    name_bytes = name.encode() + b"\0"
    fields = [ino, mode, owner[0], owner[1], nlink, 0, len(data), 0, 0,
              rdev[0], rdev[1], len(name_bytes), 0]
    header = b"070701" + b"".join(b"%08X" % f for f in fields)
    out = header + name_bytes + b"\0" * pad4(len(header) + len(name_bytes))
    return out + data + b"\0" * pad4(len(data))


def build_archive(entries):
    """The archive bytes of ENTRIES (parents first)."""
    out = []
    for ino, e in enumerate(entries, 1):
        name = "." if e.path == "/" else e.path[1:]
        nlink = 2 if e.mode & 0o170000 == S_IFDIR else 1
        out.append(newc_record(ino, name, e.mode, e.data, nlink, e.rdev,
                               e.owner))
    out.append(newc_record(0, TRAILER, 0))
    return b"".join(out)


def main(argv):
    if len(argv) != 3:
        print("usage: mkrootfs.py PROTO OUT.cpio", file=sys.stderr)
        return 2
    proto, out = argv[1], argv[2]
    try:
        with open(proto) as f:
            text = f.read()
    except OSError as e:
        print("%s: %s" % (proto, e.strerror), file=sys.stderr)
        return 1
    try:
        archive = build_archive(parse_proto(text))
    except ProtoError as e:
        print("%s:%d: %s" % (proto, e.line, e.message), file=sys.stderr)
        return 1
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(archive)
    os.replace(tmp, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
