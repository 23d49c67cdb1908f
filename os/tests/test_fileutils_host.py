"""Host tests of the file utilities (os/commands: cmp, cksum, sha256sum,
dd, touch, mv, stat): plain POSIX C compiled with the host's gcc, as in
test_userland_host.py, and checked against what the host's own tools (GNU
coreutils and diffutils, when installed) or Python say about the same
files. The guest runs the same sources (test_fileutils.py)."""

import hashlib
import os
import re
import shutil
import subprocess

import pytest

from harness.hostbuild import command
from harness.machine import ROOT

COMMANDS = os.path.join(ROOT, "os", "commands")
UTILITIES = ["cmp", "cksum", "sha256sum", "dd", "touch", "mv", "stat"]
CFLAGS = ["-std=gnu11", "-D_GNU_SOURCE", "-O1", "-g"]
TIMEOUT = 20


@pytest.fixture(scope="module")
def bindir(tmp_path_factory):
    """The utilities compiled for the host into one folder (in parallel)."""
    out = tmp_path_factory.mktemp("fileutils-bin")
    procs = {}
    for name in UTILITIES:
        folder = os.path.join(COMMANDS, name)
        srcs = sorted(os.path.join(folder, f) for f in os.listdir(folder)
                      if f.endswith(".c"))
        procs[name] = subprocess.Popen(
            command(srcs, out / name, CFLAGS, os_headers=False),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    errors = []
    for name, p in procs.items():
        text, _ = p.communicate()
        if p.returncode != 0:
            errors.append("%s:\n%s" % (name, text))
    assert not errors, "host build failed:\n" + "\n".join(errors)
    return str(out)


def run(argv, cwd=None, stdin=None):
    """Run ARGV (bytes in and out) with the C locale."""
    return subprocess.run(argv, input=stdin, capture_output=True, cwd=cwd,
                          env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"},
                          timeout=TIMEOUT)


def ours(bindir, name, *args, cwd=None, stdin=None):
    return run([os.path.join(bindir, name)] + list(args), cwd, stdin)


def host_tool(name):
    """The host's NAME (GNU), or a skip when it has none."""
    path = shutil.which(name, path="/usr/bin:/bin")
    if not path:
        pytest.skip("the host has no %s" % name)
    return path


def pattern(size, seed):
    """SIZE bytes that are not all alike (a fixed sequence per SEED)."""
    return bytes((i * 7 + seed + (i >> 8) * 13) & 0xff for i in range(size))


@pytest.fixture
def files(tmp_path):
    """Files of interesting sizes in TMP_PATH: names -> bytes."""
    contents = {
        "empty": b"",
        "one": b"x",
        "lines": b"abc\ndef\nghi\n",
        "lines2": b"abc\ndeF\nghi\n",
        "prefix": b"abc\nde",
        "prefix_nl": b"abc\n",
        "block55": pattern(55, 1), "block56": pattern(56, 2),
        "block63": pattern(63, 3), "block64": pattern(64, 4),
        "block65": pattern(65, 5),
        "big": pattern(300000, 9),
    }
    for name, data in contents.items():
        (tmp_path / name).write_bytes(data)
    return contents


# ---- cmp -----------------------------------------------------------------

CMP_PAIRS = [("lines", "lines"), ("lines", "lines2"), ("lines", "prefix"),
             ("prefix", "lines"), ("lines", "prefix_nl"),
             ("empty", "lines"), ("lines", "empty"), ("empty", "empty"),
             ("big", "block64")]


def test_cmp_agrees_with_gnu_cmp(bindir, files, tmp_path):
    gnu = host_tool("cmp")
    for a, b in CMP_PAIRS:
        for opts in ([], ["-s"], ["-l"]):
            mine = ours(bindir, "cmp", *opts, a, b, cwd=str(tmp_path))
            theirs = run([gnu] + opts + [a, b], cwd=str(tmp_path))
            # GNU says "char" in the C locale (POSIX's word), "byte" in
            # others; ours always says "byte".
            theirs_out = theirs.stdout.replace(b" differ: char ",
                                               b" differ: byte ")
            assert (mine.stdout, mine.returncode) == \
                (theirs_out, theirs.returncode), (a, b, opts)
            if opts == ["-s"]:
                assert mine.stdout == mine.stderr == b""


def test_cmp_messages_and_statuses(bindir, files, tmp_path):
    d = str(tmp_path)
    r = ours(bindir, "cmp", "lines", "lines2", cwd=d)
    assert (r.stdout, r.returncode) == \
        (b"lines lines2 differ: byte 7, line 2\n", 1)
    r = ours(bindir, "cmp", "lines", "prefix", cwd=d)
    assert (r.stderr, r.returncode) == \
        (b"cmp: EOF on prefix after byte 6, in line 2\n", 1)
    r = ours(bindir, "cmp", "lines", "prefix_nl", cwd=d)
    assert r.stderr == b"cmp: EOF on prefix_nl after byte 4, line 1\n"
    r = ours(bindir, "cmp", "empty", "one", cwd=d)
    assert r.stderr == b"cmp: EOF on empty which is empty\n"
    r = ours(bindir, "cmp", "lines", "missing", cwd=d)
    assert (r.stderr, r.returncode) == \
        (b"cmp: missing: No such file or directory\n", 2)
    assert ours(bindir, "cmp", "-s", "lines", "missing", cwd=d).stderr == b""
    assert ours(bindir, "cmp", "-x", "a", "b", cwd=d).returncode == 2
    assert ours(bindir, "cmp", cwd=d).returncode == 2
    # "-" and a missing second name: standard input.
    r = ours(bindir, "cmp", "-", "lines", cwd=d, stdin=files["lines"])
    assert (r.stdout, r.returncode) == (b"", 0)
    r = ours(bindir, "cmp", "lines", cwd=d, stdin=b"abc\nxyz\n")
    assert r.stdout == b"lines - differ: byte 5, line 2\n"


# ---- cksum and sha256sum -------------------------------------------------

def test_cksum_agrees_with_gnu_cksum(bindir, files, tmp_path):
    gnu = host_tool("cksum")
    names = sorted(files)
    mine = ours(bindir, "cksum", *names, cwd=str(tmp_path))
    theirs = run([gnu] + names, cwd=str(tmp_path))
    assert (mine.stdout, mine.returncode) == (theirs.stdout, 0)
    mine = ours(bindir, "cksum", cwd=str(tmp_path), stdin=files["big"])
    assert mine.stdout == run([gnu], stdin=files["big"]).stdout
    assert re.match(rb"^\d+ 300000\n$", mine.stdout)


def test_cksum_known_values_and_errors(bindir, files, tmp_path):
    # POSIX's CRC of nothing is ~0; of "abc\n" (GNU's, well known).
    assert ours(bindir, "cksum", stdin=b"").stdout == b"4294967295 0\n"
    assert ours(bindir, "cksum", stdin=b"abc\n").stdout == b"1112837078 4\n"
    r = ours(bindir, "cksum", "missing", "one", cwd=str(tmp_path))
    assert r.returncode == 1
    assert r.stderr == b"cksum: missing: No such file or directory\n"
    assert r.stdout.endswith(b" 1 one\n")


def test_sha256sum_is_sha256(bindir, tmp_path):
    """FIPS 180-4's examples, and every length around the padding's
    boundaries (55, 56, 63, 64 bytes ...), against Python's hashlib."""
    vectors = {
        b"abc": "ba7816bf8f01cfea414140de5dae2223"
                "b00361a396177a9cb410ff61f20015ad",
        b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq":
            "248d6a61d20638b8e5c026930c3e6039"
            "a33ce45964ff2167f6ecedd419db06c1",
        b"a" * 1000000: "cdc76e5c9914fb9281a1c7e284d73e67"
                        "f1809a48a497200e046d39ccc7112cd0",
    }
    for data, want in vectors.items():
        r = ours(bindir, "sha256sum", stdin=data)
        assert r.stdout.decode() == "%s  -\n" % want
    names = []
    for n in list(range(0, 130)) + [1000, 4095, 4096, 4097, 100000]:
        (tmp_path / ("f%d" % n)).write_bytes(pattern(n, n))
        names.append("f%d" % n)
    r = ours(bindir, "sha256sum", *names, cwd=str(tmp_path))
    want = "".join("%s  %s\n" % (hashlib.sha256(pattern(n, n)).hexdigest(),
                                 name)
                   for n, name in zip(list(range(0, 130)) +
                                      [1000, 4095, 4096, 4097, 100000],
                                      names))
    assert (r.stdout.decode(), r.returncode) == (want, 0)


def test_sha256sum_agrees_with_gnu_sha256sum(bindir, files, tmp_path):
    gnu = host_tool("sha256sum")
    names = sorted(files)
    mine = ours(bindir, "sha256sum", *names, cwd=str(tmp_path))
    assert mine.stdout == run([gnu] + names, cwd=str(tmp_path)).stdout


def test_sha256sum_check(bindir, files, tmp_path):
    d = str(tmp_path)
    listing = ours(bindir, "sha256sum", "lines", "one", "big", cwd=d).stdout
    (tmp_path / "SUMS").write_bytes(listing)
    r = ours(bindir, "sha256sum", "-c", "SUMS", cwd=d)
    assert (r.stdout, r.stderr, r.returncode) == \
        (b"lines: OK\none: OK\nbig: OK\n", b"", 0)
    # A changed file, a missing one, a bad line, a "*NAME" line.
    (tmp_path / "one").write_bytes(b"y")
    bad = listing + b"0" * 64 + b"  missing\nnot a checksum line\n" + \
        hashlib.sha256(files["lines"]).hexdigest().encode() + b" *lines\n"
    (tmp_path / "SUMS").write_bytes(bad)
    r = ours(bindir, "sha256sum", "-c", "SUMS", cwd=d)
    assert r.stdout == (b"lines: OK\none: FAILED\nbig: OK\n"
                        b"missing: FAILED open or read\nlines: OK\n")
    assert r.stderr == (
        b"sha256sum: missing: No such file or directory\n"
        b"sha256sum: WARNING: 1 line is improperly formatted\n"
        b"sha256sum: WARNING: 1 listed file could not be read\n"
        b"sha256sum: WARNING: 1 computed checksum did NOT match\n")
    assert r.returncode == 1
    gnu = shutil.which("sha256sum", path="/usr/bin:/bin")
    if gnu:
        theirs = run([gnu, "-c", "SUMS"], cwd=d)
        assert (r.stdout, r.returncode) == (theirs.stdout, theirs.returncode)
    # The list on standard input; a list with no checksum line.
    r = ours(bindir, "sha256sum", "-c", cwd=d, stdin=listing[:80])
    assert r.stdout == b"lines: OK\n"
    r = ours(bindir, "sha256sum", "-c", "lines", cwd=d)
    assert r.returncode == 1
    assert r.stderr == (b"sha256sum: lines: no properly formatted "
                        b"checksum lines found\n")
    assert ours(bindir, "sha256sum", "-x").returncode == 2


# ---- dd ------------------------------------------------------------------

def records(stderr):
    """dd's "records in" and "records out" lines."""
    return [line for line in stderr.decode().splitlines()
            if "records" in line]


DD_CASES = [
    ["bs=1k"], ["bs=1000"], ["bs=4096", "count=3"], ["ibs=1000", "obs=3000"],
    ["ibs=512", "obs=100", "count=7"], ["bs=100", "skip=5", "count=4"],
    ["bs=1", "count=10"], ["ibs=3", "obs=7", "skip=2"], ["count=0"],
    ["bs=1M"], ["bs=2b", "skip=1"], ["bs=300000"],
]


@pytest.mark.parametrize("operands", DD_CASES, ids=" ".join)
def test_dd_agrees_with_gnu_dd(bindir, files, tmp_path, operands):
    gnu = host_tool("dd")
    d = str(tmp_path)
    mine = ours(bindir, "dd", "if=big", "of=mine", *operands, cwd=d)
    theirs = run([gnu, "if=big", "of=theirs"] + operands, cwd=d)
    assert mine.returncode == theirs.returncode == 0, mine.stderr
    assert records(mine.stderr) == records(theirs.stderr)
    assert (tmp_path / "mine").read_bytes() == \
        (tmp_path / "theirs").read_bytes()
    copied = len((tmp_path / "mine").read_bytes())
    assert mine.stderr.decode().splitlines()[-1] == "%d bytes copied" % copied


def test_dd_seek_truncates_unless_notrunc(bindir, files, tmp_path):
    d = str(tmp_path)
    for conv in ([], ["conv=notrunc"]):
        (tmp_path / "out").write_bytes(b"#" * 50)
        r = ours(bindir, "dd", "if=lines", "of=out", "bs=4", "seek=3",
                 "count=2", *conv, cwd=d)
        assert r.returncode == 0, r.stderr
        want = b"#" * 12 + b"abc\ndef\n" + (b"#" * 30 if conv else b"")
        assert (tmp_path / "out").read_bytes() == want, conv
    # Past the end: a hole of zeros.
    r = ours(bindir, "dd", "of=hole", "bs=10", "seek=2", cwd=d, stdin=b"xy")
    assert (tmp_path / "hole").read_bytes() == b"\0" * 20 + b"xy"
    assert records(r.stderr) == ["0+1 records in", "0+1 records out"]


def test_dd_short_reads_from_a_pipe(bindir, tmp_path):
    """A pipe gives what is there: a short read is a partial record, not
    the end; iflag=fullblock gathers whole blocks; skip= on a pipe reads
    and drops."""
    data = pattern(20000, 3)
    # The writer: 333 bytes a write(2), so the reads see pieces.
    writer = ("/usr/bin/python3 -c 'import os, sys\n"
              "d = sys.stdin.buffer.read()\n"
              "[os.write(1, d[i:i + 333]) for i in range(0, len(d), 333)]'")

    def through_a_pipe(*operands):
        return subprocess.run(
            "%s | %s %s" % (writer, os.path.join(bindir, "dd"),
                            " ".join(operands)),
            shell=True, input=data, capture_output=True, cwd=str(tmp_path),
            timeout=TIMEOUT)
    r = through_a_pipe("bs=4096", "iflag=fullblock", "count=3", "of=out")
    assert r.returncode == 0, r.stderr
    assert records(r.stderr) == ["3+0 records in", "3+0 records out"]
    assert (tmp_path / "out").read_bytes() == data[:3 * 4096]
    # Without fullblock every byte still arrives, whatever the reads.
    r = through_a_pipe("bs=4096", "of=out2")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out2").read_bytes() == data
    assert r.stderr.decode().splitlines()[-1] == "20000 bytes copied"
    r = ours(bindir, "dd", "bs=100", "skip=3", cwd=str(tmp_path),
             stdin=data[:1000])
    assert r.stdout == data[300:1000]


def test_dd_errors_and_status(bindir, files, tmp_path):
    d = str(tmp_path)
    r = ours(bindir, "dd", "if=missing", cwd=d)
    assert (r.stderr, r.returncode) == \
        (b"dd: missing: No such file or directory\n", 1)
    for bad in (["bs=0"], ["bs=x"], ["count=1q"], ["nonsense=1"],
                ["conv=what"], ["junk"]):
        r = ours(bindir, "dd", *bad, cwd=d, stdin=b"")
        assert r.returncode == 2, bad
    r = ours(bindir, "dd", "if=lines", "status=none", cwd=d)
    assert (r.stdout, r.stderr) == (files["lines"], b"")
    r = ours(bindir, "dd", "if=lines", "status=noxfer", cwd=d)
    assert records(r.stderr) == r.stderr.decode().splitlines()
    r = ours(bindir, "dd", "if=lines", "of=/nonexistent/dir/x", cwd=d)
    assert r.returncode == 1
    if os.path.exists("/dev/full"):
        r = ours(bindir, "dd", "if=lines", "of=/dev/full", cwd=d)
        assert r.returncode == 1
        assert r.stderr.startswith(b"dd: error writing /dev/full: ")
        assert records(r.stderr) == ["0+1 records in", "0+0 records out"]
    r = ours(bindir, "dd", "if=one", "bs=5", "conv=sync", cwd=d)
    assert r.stdout == b"x\0\0\0\0"


# ---- touch ---------------------------------------------------------------

def test_touch(bindir, tmp_path):
    d = str(tmp_path)
    r = ours(bindir, "touch", "new", "new2", cwd=d)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "new").read_bytes() == b""
    assert os.stat(str(tmp_path / "new")).st_mode & 0o777 == 0o644 or \
        os.stat(str(tmp_path / "new")).st_mode & 0o022 == 0
    f = str(tmp_path / "new")
    os.utime(f, (1000, 2000))
    ours(bindir, "touch", "new", cwd=d)
    st = os.stat(f)
    assert st.st_atime > 2000 and st.st_mtime > 2000
    os.utime(f, (1000, 2000))
    ours(bindir, "touch", "-m", "new", cwd=d)
    assert (os.stat(f).st_atime, os.stat(f).st_mtime > 2000) == (1000, True)
    os.utime(f, (1000, 2000))
    ours(bindir, "touch", "-a", "new", cwd=d)
    assert (os.stat(f).st_atime > 1000, os.stat(f).st_mtime) == (True, 2000)
    os.utime(str(tmp_path / "new2"), (111, 222))
    ours(bindir, "touch", "-r", "new2", "new", cwd=d)
    assert (os.stat(f).st_atime, os.stat(f).st_mtime) == (111, 222)
    r = ours(bindir, "touch", "-c", "absent", cwd=d)
    assert r.returncode == 0 and not (tmp_path / "absent").exists()
    r = ours(bindir, "touch", "/nonexistent/dir/x", "made", cwd=d)
    assert r.returncode == 1
    assert r.stderr == b"touch: /nonexistent/dir/x: No such file or directory\n"
    assert (tmp_path / "made").exists()
    assert ours(bindir, "touch", cwd=d).returncode == 2
    assert ours(bindir, "touch", "-z", "f", cwd=d).returncode == 2


# ---- mv ------------------------------------------------------------------

def test_mv_renames_and_moves_into_directories(bindir, tmp_path):
    d = str(tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "f").write_bytes(b"one")
    (tmp_path / "g").write_bytes(b"two")
    r = ours(bindir, "mv", "a/f", "b", cwd=d)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "b" / "f").read_bytes() == b"one"
    assert not (tmp_path / "a" / "f").exists()
    assert ours(bindir, "mv", "b/f", "a/h", cwd=d).returncode == 0
    assert (tmp_path / "a" / "h").read_bytes() == b"one"
    # Replacing a file; several into a directory; a directory.
    assert ours(bindir, "mv", "g", "a/h", cwd=d).returncode == 0
    assert (tmp_path / "a" / "h").read_bytes() == b"two"
    (tmp_path / "x").write_bytes(b"x")
    (tmp_path / "y").write_bytes(b"y")
    assert ours(bindir, "mv", "x", "y", "b/", cwd=d).returncode == 0
    assert sorted(os.listdir(str(tmp_path / "b"))) == ["x", "y"]
    assert ours(bindir, "mv", "b", "a", cwd=d).returncode == 0
    assert (tmp_path / "a" / "b" / "y").read_bytes() == b"y"
    r = ours(bindir, "mv", "missing", "z", cwd=d)
    assert (r.stderr, r.returncode) == \
        (b"mv: missing: No such file or directory\n", 1)
    (tmp_path / "p").write_bytes(b"")
    r = ours(bindir, "mv", "p", "a/h", "notadir", cwd=d)
    assert r.returncode == 1 and b"Not a directory" in r.stderr
    assert ours(bindir, "mv", "p", cwd=d).returncode == 2
    assert ours(bindir, "mv", "-f", "p", "q", cwd=d).returncode == 0


def test_mv_copies_across_file_systems(bindir, tmp_path):
    """rename fails with EXDEV between file systems: mv copies and unlinks
    (/dev/shm is a tmpfs apart from the test's folder on most hosts)."""
    shm = "/dev/shm"
    if not os.path.isdir(shm) or \
            os.stat(shm).st_dev == os.stat(str(tmp_path)).st_dev:
        pytest.skip("no second file system to move to")
    src = tmp_path / "src"
    src.write_bytes(pattern(10000, 5))
    os.chmod(str(src), 0o640)
    os.utime(str(src), (12345, 67890))
    dst = os.path.join(shm, "phoenix-mv-test-%d" % os.getpid())
    try:
        r = ours(bindir, "mv", str(src), dst)
        assert (r.returncode, r.stderr) == (0, b"")
        assert not src.exists()
        with open(dst, "rb") as f:
            assert f.read() == pattern(10000, 5)
        st = os.stat(dst)
        assert (st.st_mode & 0o7777, st.st_mtime) == (0o640, 67890)
        # A directory tree: every file and directory, modes and times.
        top = tmp_path / "dir"
        (top / "sub" / "deeper").mkdir(parents=True)
        (top / "f").write_bytes(b"f")
        (top / "sub" / "g").write_bytes(pattern(5000, 1))
        os.chmod(str(top / "sub"), 0o750)
        os.utime(str(top / "sub"), (100, 200))
        r = ours(bindir, "mv", str(top), dst + ".d")
        assert (r.returncode, r.stderr) == (0, b"")
        assert not top.exists()
        with open(os.path.join(dst + ".d", "sub", "g"), "rb") as f:
            assert f.read() == pattern(5000, 1)
        st = os.stat(os.path.join(dst + ".d", "sub"))
        assert (st.st_mode & 0o7777, st.st_mtime) == (0o750, 200)
        assert sorted(os.listdir(dst + ".d")) == ["f", "sub"]
        assert os.listdir(os.path.join(dst + ".d", "sub", "deeper")) == []
        # A fifo is not copied across; the source stays.
        os.mkfifo(str(tmp_path / "fifo"))
        r = ours(bindir, "mv", str(tmp_path / "fifo"), dst + ".p")
        assert r.returncode == 1 and b"cross-device" in r.stderr
        assert (tmp_path / "fifo").exists()
        assert not os.path.exists(dst + ".p")
    finally:
        if os.path.exists(dst):
            os.unlink(dst)
        shutil.rmtree(dst + ".d", ignore_errors=True)


# ---- stat ----------------------------------------------------------------

STAT_FORMAT = "%n|%s|%a|%A|%f|%F|%u|%U|%g|%G|%h|%i|%d|%D|%t|%T|%X|%Y|%Z|%%"


def test_stat_format_agrees_with_gnu_stat(bindir, files, tmp_path):
    gnu = host_tool("stat")
    os.symlink("lines", str(tmp_path / "link"))
    os.chmod(str(tmp_path / "one"), 0o4751)
    (tmp_path / "dir").mkdir()
    names = ["lines", "empty", "one", "dir", "link", "/dev/null", "."]
    for fmt in (STAT_FORMAT, "[%5s] [%-5i] [%04a]"):
        for opts in ([], ["-L"]):
            mine = ours(bindir, "stat", *opts, "-c", fmt, *names,
                        cwd=str(tmp_path))
            theirs = run([gnu] + opts + ["-c", fmt] + names,
                         cwd=str(tmp_path))
            assert mine.returncode == 0, mine.stderr
            assert mine.stdout.decode() == theirs.stdout.decode(), opts


def test_stat_default_format(bindir, files, tmp_path):
    import grp
    import pwd
    f = str(tmp_path / "lines")
    os.chmod(f, 0o640)
    r = ours(bindir, "stat", "lines", "/dev/null", cwd=str(tmp_path))
    assert r.returncode == 0, r.stderr
    st = os.stat(f)
    try:
        user = pwd.getpwuid(st.st_uid).pw_name
    except KeyError:
        user = "UNKNOWN"
    try:
        group = grp.getgrgid(st.st_gid).gr_name
    except KeyError:
        group = "UNKNOWN"
    text = r.stdout.decode()
    assert text.startswith(
        "  File: lines\n"
        "  Size: 12        \tregular file\n"
        "Device: %d,%d\tInode: %-11d Links: 1\n"
        "Access: (0640/-rw-r-----)  Uid: (%5d/%8s)   Gid: (%5d/%8s)\n"
        "Access: %d\nModify: %d\nChange: %d\n"
        % (os.major(st.st_dev), os.minor(st.st_dev), st.st_ino,
           st.st_uid, user, st.st_gid, group, int(st.st_atime),
           int(st.st_mtime), int(st.st_ctime))), text
    assert re.search(r"  File: /dev/null\n  Size: 0 +\tcharacter special "
                     r"file\nDevice: \d+,\d+\tInode: \d+ +Links: \d+  "
                     r"Device type: 1,3\nAccess: \(0666/crw-rw-rw-\)", text)
    r = ours(bindir, "stat", "missing", "lines", cwd=str(tmp_path))
    assert r.returncode == 1
    assert r.stderr == b"stat: missing: No such file or directory\n"
    assert r.stdout.startswith(b"  File: lines\n")
    assert ours(bindir, "stat").returncode == 2
    assert ours(bindir, "stat", "-q", "x").returncode == 2
