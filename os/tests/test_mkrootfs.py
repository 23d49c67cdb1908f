"""Host tests of os/tools/mkrootfs.py, the root file-system archive builder:
the cpio "newc" records it writes, the order of entries, and its errors
("PROTO:LINE: message", exit 1, nothing written). No emulator needed."""

import os
import re
import subprocess

import pytest

from harness import abi
from harness.machine import ROOT

MKROOTFS = os.path.join(ROOT, "os", "tools", "mkrootfs.py")
PYTHON = "/usr/bin/python3"


def parse_newc(data):
    """[(name, fields dict, data)] of a newc archive, trailer included.
    Asserts the format: magic, hex fields, 4-byte alignment."""
    names = ["ino", "mode", "uid", "gid", "nlink", "mtime", "filesize",
             "devmajor", "devminor", "rdevmajor", "rdevminor", "namesize",
             "check"]
    records = []
    pos = 0
    while True:
        assert pos % 4 == 0
        header = data[pos:pos + 110]
        assert header[:6] == b"070701", "bad magic at %d" % pos
        fields = {n: int(header[6 + 8 * i:14 + 8 * i], 16)
                  for i, n in enumerate(names)}
        pos += 110
        name = data[pos:pos + fields["namesize"]]
        assert name.endswith(b"\0")
        name = name[:-1].decode()
        pos += fields["namesize"]
        pos += (4 - pos % 4) % 4
        body = data[pos:pos + fields["filesize"]]
        pos += fields["filesize"]
        pos += (4 - pos % 4) % 4
        records.append((name, fields, body))
        if name == "TRAILER!!!":
            assert pos == len(data), "bytes after the trailer"
            return records


def run(tmp_path, proto_text, sources=None):
    """Run mkrootfs on PROTO_TEXT in TMP_PATH (SOURCES: {relative name:
    bytes} created there; sources are given as absolute paths in the
    proto by writing {src} in it). Returns (exit status, stderr, archive
    bytes or None)."""
    for name, content in (sources or {}).items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    proto = tmp_path / "test.proto"
    proto.write_text(proto_text.replace("{src}", str(tmp_path)))
    out = tmp_path / "out.cpio"
    r = subprocess.run([PYTHON, MKROOTFS, str(proto), str(out)],
                       capture_output=True, text=True)
    data = out.read_bytes() if out.exists() else None
    return r.returncode, r.stderr, data


GOOD = """# a comment
d /bin 755
d /tmp 1777   # sticky
f /bin/hello 755 {src}/hello
f /etc/empty 644 {src}/empty
d /etc 755
c /dev/null 666 1 3
b /dev/ram0p1 600 13 2
d /dev 755
l /bin/hi /bin/hello
"""


def test_archive_has_every_entry_with_its_metadata(tmp_path):
    status, err, data = run(tmp_path, GOOD,
                            {"hello": b"hello, world\n", "empty": b""})
    assert status == 0, err
    records = parse_newc(data)
    by_name = {name: (f, body) for name, f, body in records}
    assert set(by_name) == {"bin", "tmp", "bin/hello", "etc/empty", "etc",
                            "dev/null", "dev/ram0p1", "dev", "bin/hi",
                            "TRAILER!!!"}
    f, body = by_name["bin/hello"]
    assert f["mode"] == 0o100755 and body == b"hello, world\n"
    assert f["nlink"] == 1
    f, body = by_name["etc/empty"]
    assert f["mode"] == 0o100644 and body == b""
    f, _ = by_name["tmp"]
    assert f["mode"] == 0o041777 and f["nlink"] == 2
    f, body = by_name["dev/null"]
    assert f["mode"] == 0o020666 and body == b""
    assert (f["rdevmajor"], f["rdevminor"]) == (1, 3)
    f, body = by_name["dev/ram0p1"]
    assert f["mode"] == 0o060600 and body == b""
    assert (f["rdevmajor"], f["rdevminor"]) == (13, 2)
    f, body = by_name["bin/hi"]
    assert f["mode"] == 0o120777 and body == b"/bin/hello"
    inos = [f["ino"] for name, f, _ in records if name != "TRAILER!!!"]
    assert len(set(inos)) == len(inos) and 0 not in inos


def test_owner_and_group_go_into_the_header(tmp_path):
    proto = ("d /home 755\nd /home/s 750 1000 1000\n"
             "f /home/s/f 4755 {src}/hello 1000 50\n"
             "c /home/s/n 600 1 3 7 8\nf /home/r 644 {src}/hello\n")
    status, err, data = run(tmp_path, proto, {"hello": b"hi"})
    assert status == 0, err
    owners = {name: (f["uid"], f["gid"], f["mode"] & 0o7777)
              for name, f, _ in parse_newc(data)}
    assert owners["home"] == (0, 0, 0o755)
    assert owners["home/s"] == (1000, 1000, 0o750)
    assert owners["home/s/f"] == (1000, 50, 0o4755)
    assert owners["home/s/n"] == (7, 8, 0o600)
    assert owners["home/r"] == (0, 0, 0o644)


def test_parents_come_before_children(tmp_path):
    status, err, data = run(tmp_path, GOOD,
                            {"hello": b"x", "empty": b""})
    assert status == 0, err
    names = [name for name, _, _ in parse_newc(data)]
    assert names[-1] == "TRAILER!!!"
    for i, name in enumerate(names[:-1]):
        parent = os.path.dirname(name)
        if parent:
            assert parent in names[:i], "%s before its parent" % name


def test_odd_sizes_are_padded(tmp_path):
    sources = {"f%d" % n: bytes(range(n)) for n in range(1, 9)}
    proto = "d /d 755\n" + "".join(
        "f /d/%s 644 {src}/%s\n" % ("x" * n, "f%d" % n) for n in range(1, 9))
    status, err, data = run(tmp_path, proto, sources)
    assert status == 0, err
    bodies = {name: body for name, _, body in parse_newc(data)}
    for n in range(1, 9):
        assert bodies["d/" + "x" * n] == bytes(range(n))


def test_root_entry_sets_the_root_mode(tmp_path):
    status, err, data = run(tmp_path, "d / 700\nd /a 755\n")
    assert status == 0, err
    records = parse_newc(data)
    assert records[0][0] == "." and records[0][1]["mode"] == 0o040700


@pytest.mark.parametrize("proto, line, message", [
    ("d /bin 755\nx /foo 755\n", 2, "unknown entry type"),
    ("d /bin\n", 1, "takes 2 fields"),
    ("d /bin 755 extra\n", 1, "takes 2 fields"),
    ("d /bin 7a5\n", 1, "bad mode"),
    ("d /bin 17777\n", 1, "out of range"),
    ("d bin 755\n", 1, "not absolute"),
    ("d /bin 755\nd /bin/ 755\n", 2, "bad component"),
    ("d /bin 755\nd /bin/../x 755\n", 2, "bad component"),
    ("d /" + "n" * 60 + " 755\n", 1, "longer than 59"),
    ("d /" + "/".join(["n" * 50] * 6) + " 755\n", 1, "too long"),
    ("\n\nf /hello 755 {src}/missing\n", 3, "not found"),
    ("d /bin 755\nd /bin 755\n", 2, "already declared on line 1"),
    ("d /a/b 755\n", 1, "parent directory /a is not declared"),
    ("c /null 666 1 3\nd /null/x 755\n", 2, "is not a directory"),
    ("c /null 666 one 3\n", 1, "bad major"),
    ("c /null 666 1 300\n", 1, "minor 300 out of range"),
    ("d /bin 755 0\n", 1, "takes 2 fields (or 4 with UID GID), not 3"),
    ("c /null 666 1 3 0\n", 1, "takes 4 fields (or 6 with UID GID)"),
    ("d /bin 755 root 0\n", 1, "bad uid 'root'"),
    ("d /bin 755 0 -1\n", 1, "bad gid '-1'"),
    ("d /bin 755 0 4294967295\n", 1, "gid 4294967295 out of range"),
    ("l /a /b 0 0\n", 1, "'l' takes 2 fields"),
    ("f / 644 {src}/hello\n", 1, "/ must be a directory"),
])
def test_malformed_line_is_reported_and_nothing_written(tmp_path, proto,
                                                        line, message):
    status, err, data = run(tmp_path, proto, {"hello": b"hi"})
    assert status == 1
    assert data is None
    proto_path = str(tmp_path / "test.proto")
    assert re.match(re.escape("%s:%d: " % (proto_path, line)), err), err
    assert message in err


def test_failure_keeps_an_existing_archive(tmp_path):
    status, _, data = run(tmp_path, "d /a 755\n")
    assert status == 0
    status, _, again = run(tmp_path, "d /a\n")
    assert status == 1 and again == data


def devices_h():
    """{name: major} and the minors declared in abi/devices.h."""
    return ({name: major for name, (major, _) in abi.DEVICES.items()},
            dict(abi.MINORS))


def test_the_real_proto_builds_with_the_declared_devices(tmp_path):
    out = tmp_path / "rootfs.cpio"
    r = subprocess.run([PYTHON, MKROOTFS,
                        os.path.join(ROOT, "os/rootfs/proto"), str(out)],
                       capture_output=True, text=True, cwd=str(tmp_path))
    assert r.returncode == 0, r.stderr
    records = {name: (f, body) for name, f, body in
               parse_newc(out.read_bytes())}
    for d in ("bin", "sbin", "etc", "usr", "usr/bin", "usr/drivers", "dev",
              "tmp", "root"):
        assert records[d][0]["mode"] & 0o170000 == 0o040000, d
    assert records["tmp"][0]["mode"] & 0o7777 == 0o1777
    majors, minors = devices_h()
    expect = {
        "dev/console": (majors["TTY"], minors["TTY_MINOR_CONSOLE"]),
        "dev/tty": (majors["TTY"], minors["TTY_MINOR_CONSOLE"]),
        "dev/null": (majors["MEMORY"], minors["MEMORY_MINOR_NULL"]),
        "dev/zero": (majors["MEMORY"], minors["MEMORY_MINOR_ZERO"]),
        "dev/full": (majors["MEMORY"], minors["MEMORY_MINOR_FULL"]),
    }
    for name, rdev in expect.items():
        f, _ = records[name]
        assert f["mode"] & 0o170000 == 0o020000, name
        assert (f["rdevmajor"], f["rdevminor"]) == rdev, name
    # Ownership and modes (issue 17): nothing but /tmp and the user's
    # home is writable by others than root.
    def attrs(name):
        f = records[name][0]
        return f["uid"], f["gid"], f["mode"] & 0o7777
    assert attrs("root") == (0, 0, 0o700)
    assert attrs("tmp") == (0, 0, 0o1777)
    assert attrs("etc") == (0, 0, 0o755)
    assert attrs("etc/system.conf.d") == (0, 0, 0o755)
    assert attrs("home") == (0, 0, 0o755)
    assert attrs("home/student") == (1000, 1000, 0o755)
    for name in ("etc/passwd", "etc/group", "etc/motd"):
        assert attrs(name) == (0, 0, 0o644), name
    for name in ("dev/hello", "dev/null", "dev/zero", "dev/full",
                 "dev/tty"):
        assert attrs(name) == (0, 0, 0o666), name
    assert attrs("dev/agent") == (0, 0, 0o600)
    assert attrs("dev/console") == (0, 0, 0o620)
    for name, (f, _) in records.items():
        if name in ("tmp", "home/student", "TRAILER!!!") or \
                name.startswith("home/student/"):
            continue
        if f["mode"] & 0o170000 != 0o020000:   # devices: checked above
            assert f["mode"] & 0o022 == 0, "%s writable by others" % name
            assert (f["uid"], f["gid"]) == (0, 0), name
    rc = records["etc/rc"][1].decode()
    assert "rc: starting services" in rc and "rc: boot services up" in rc
    assert records["etc/rc"][0]["mode"] & 0o111
    motd = records["etc/motd"][1].decode()
    for word in ("ls /bin", "ps", "usertests"):
        assert word in motd
