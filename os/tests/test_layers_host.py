"""os/ and sdk/ depend in one direction only: the SDK is assembled from
the OS, never the other way round (docs/architecture.md, "The OS and the
SDK"). os/ neither includes, compiles against, links with nor names in its
make files anything under sdk/; sdk/ reaches os/ only through its links
(sdk/include/*.h, abi, libc; sdk/mk/guest.mk, driver_rules.mk) and the
copies `make sdk` makes. Every driver, the OS's own and the SDK's, is
compiled and linked by the one definition driver_rules
(os/mk/driver_rules.mk). Reads the tree and `make -n`; no emulator."""
import glob
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OS = os.path.join(ROOT, "os")
SDK = os.path.join(ROOT, "sdk")

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)


def files(top, patterns):
    """The regular files under TOP whose names match one of PATTERNS."""
    out = []
    for dirpath, _, names in os.walk(top):
        for n in names:
            p = os.path.join(dirpath, n)
            if any(re.fullmatch(pat, n) for pat in patterns) and \
                    not os.path.islink(p):
                out.append(p)
    return sorted(out)


def make_lines(path):
    """The logical lines of the make file PATH (continuations joined)
    without comments and without the messages it prints ($(error ...),
    $(warning ...), $(info ...), which may mention the SDK to the user),
    as [(first line number, text)]."""
    out, text, first = [], "", None
    with open(path) as f:
        for i, line in enumerate(f, 1):
            line = line.rstrip("\n")
            first = first or i
            if line.endswith("\\"):
                text += line[:-1] + " "
                continue
            text += line
            text = text.split("#", 1)[0]
            text = re.split(r"\$\((?:error|warning|info)\s", text)[0]
            out.append((first, text))
            text, first = "", None
    return out


def test_os_sources_include_nothing_from_the_sdk():
    bad = []
    for p in files(OS, [r".*\.[chS]"]):
        for name in INCLUDE.findall(open(p, errors="replace").read()):
            if "sdk" in name.split("/"):
                bad.append("%s: #include %s" % (os.path.relpath(p, ROOT), name))
    assert not bad, "\n".join(bad)


def test_os_make_files_never_name_the_sdk():
    bad = []
    for p in files(OS, [r".*\.mk", r"Makefile.*"]):
        for i, line in make_lines(p):
            if re.search(r"(?:^|[^\w.]|-I)sdk/|\$\(SDK", line):
                bad.append("%s:%d: %s" % (os.path.relpath(p, ROOT), i,
                                          line.strip()))
    assert not bad, "\n".join(bad)


def test_sdk_headers_are_links_to_the_os():
    """The driver API has one home, os/include/driver: every header of
    sdk/include is a link into os/ (the SDK holds no header of its own that
    the OS could reach for)."""
    headers = glob.glob(os.path.join(SDK, "include", "*.h"))
    assert headers
    for h in headers + [os.path.join(SDK, "include", d)
                        for d in ("abi", "libc")]:
        assert os.path.islink(h), h + " is not a link into os/"
        target = os.path.realpath(h)
        assert target.startswith(OS + os.sep), "%s -> %s" % (h, target)
    for name in ("sef.h", "chardriver.h", "ds.h", "kcall.h", "log.h", "driver.h"):
        assert os.path.isfile(os.path.join(OS, "include", "driver", name))


def test_sdk_make_rules_are_the_os_rules():
    for name in ("guest.mk", "driver_rules.mk"):
        p = os.path.join(SDK, "mk", name)
        assert os.path.islink(p) and os.path.realpath(p) == \
            os.path.join(OS, "mk", name), p


def dry_run(build):
    """`make -n all` into the empty folder BUILD: every command the OS's
    build would run, without running them."""
    r = subprocess.run(["make", "-n", "--no-print-directory", "BUILD=" + build,
                        "all"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout.splitlines()


def dry_run_driver(d, out):
    """`make -n -B` of the SDK driver in folder D into OUT: the commands
    sdk/mk/driver.mk runs to build it."""
    r = subprocess.run(["make", "-n", "-B", "--no-print-directory", "-C", d,
                        "SDK_BUILT=1", "OUT=" + out],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout.splitlines()


def compile_lines(lines):
    """{source: compile command} of the C compilations in LINES."""
    out = {}
    for line in lines:
        m = re.search(r"^gcc .* -c (\S+\.c) -o \S+", line)
        if m:
            out[m.group(1)] = line
    return out


def include_dirs(line):
    """The folders of the -I flags of the compile command LINE."""
    return re.findall(r"(?:^|\s)-I\s*(\S+)", line)


def test_os_include_paths_stay_in_os(tmp_path):
    compiled = compile_lines(dry_run(str(tmp_path / "build")))
    assert "os/drivers/tty/main.c" in compiled
    assert "os/lib/chardriver/task.c" in compiled
    bad = ["%s: -I%s" % (s, d) for s in compiled for d in include_dirs(compiled[s])
           if not os.path.normpath(os.path.join(ROOT, d)).startswith(OS + os.sep)]
    assert not bad, "OS code compiled against something outside os/:\n" + \
        "\n".join(bad)


def test_sdk_drivers_see_only_the_sdk(tmp_path):
    hello = os.path.join(SDK, "examples", "hello")
    compiled = compile_lines(dry_run_driver(hello, str(tmp_path / "out")))
    assert "main.c" in compiled, compiled
    dirs = include_dirs(compiled["main.c"])
    assert dirs
    for d in dirs:
        assert os.path.normpath(d).startswith(os.path.join(SDK, "include")), d


def link_shape(line):
    """The link command LINE as the kinds of its inputs, in order: crt0,
    obj (the driver's objects), console, lib, -lgcc; and whether it names
    a link script."""
    words = line.split()
    kinds = []
    for w in words[words.index("-o") + 2:]:
        base = os.path.basename(w)
        if base.startswith("crt0"):
            k = "crt0"
        elif base in ("stdio_sink.c.o", "console.o"):
            k = "console"
        elif base.endswith(".a"):
            k = "lib"
        elif base.endswith(".o"):
            k = "obj"
        else:
            k = w
        if not (kinds and kinds[-1] == k == "obj"):
            kinds.append(k)
    return ("-T" in words, kinds)


def test_every_driver_is_built_by_driver_rules(tmp_path):
    """tty and memdev compile into OBJ/drivers/NAME (driver_rules), not
    through the generic program rule (OBJ/user/...), and link the way an
    SDK driver links: crt0, the objects, the console sink, the library,
    -lgcc, with a link script."""
    build = str(tmp_path / "build")
    lines = dry_run(build)
    shapes = {}
    for d in ("tty", "memdev"):
        srcs = glob.glob(os.path.join(OS, "drivers", d, "*.c"))
        assert srcs
        for s in srcs:
            pattern = r" -c %s -o %s/obj/drivers/%s/%s\.o$" % (
                re.escape(os.path.relpath(s, ROOT)), re.escape(build), d,
                re.escape(os.path.basename(s)))
            assert any(re.search(pattern, line) for line in lines), \
                s + " is not compiled by driver_rules"
        link = [line for line in lines
                if re.search(r"^gcc .* -o %s/bin/%s " % (re.escape(build), d), line)]
        assert len(link) == 1, link
        shapes[d] = link_shape(link[0])
    out = str(tmp_path / "hello")
    link = [line for line in dry_run_driver(os.path.join(SDK, "examples", "hello"), out)
            if re.search(r"^gcc .* -o %s/hello " % re.escape(out), line)]
    assert len(link) == 1, link
    shapes["hello"] = link_shape(link[0])
    assert shapes["hello"] == (True, ["crt0", "obj", "console", "lib", "-lgcc"])
    assert shapes["tty"] == shapes["memdev"] == shapes["hello"], shapes
