"""Issue 6: the driver template, sdk/bin/new-driver and
``make image EXTRA_DRIVERS="DIR ..."``.

new-driver's refusals are checked on the host (each leaves nothing
behind), and so are make image's for a directory that is not a driver.
Two drivers scaffolded outside the tree are built by ``make image
EXTRA_DRIVERS=`` with their version 2 (the Makefile's V2_CPPFLAGS), put into
an image of their own (build/os.iso is rebuilt without them afterwards).
Booted: the first starts with ``service up``, stores and reads back, keeps
its state across a crash and across a live update to version 2; the second
keeps a 16 KiB state (sdk/include/dsstate.h) across a crash and a live
update, migrates it to a new layout, and a live update with no migration
is refused and rolled back (issue 19)."""

import os
import re
import shutil
import subprocess

import pytest

from harness import abi
from harness.machine import ROOT
from harness.services import Services
from harness.shell import Shell

NEW_DRIVER = os.path.join(ROOT, "sdk", "bin", "new-driver")
NAME = "tdrv"
BIG = "tbig"


def new_driver(*args):
    """Run new-driver with ARGS; the CompletedProcess."""
    return subprocess.run([NEW_DRIVER] + list(args), capture_output=True,
                          text=True)


def make(*args, cwd=ROOT):
    """Run make ARGS in CWD; the CompletedProcess."""
    return subprocess.run(["make", "--no-print-directory"] + list(args),
                          cwd=cwd, capture_output=True, text=True)


@pytest.mark.parametrize("name,why", [
    ("Dice", "not a lower-case C identifier"),
    ("9dice", "not a lower-case C identifier"),
    ("di-ce", "not a lower-case C identifier"),
    ("_dice", "not a lower-case C identifier"),
    ("", "empty"),
    ("abcdefghijklmnop", "too long"),
    ("while", "C keyword"),
    ("hello", "taken"),
    ("tty", "taken"),
    ("pm", "taken"),
    ("printer", "taken"),
    ("rtc", "taken"),
])
def test_new_driver_refuses_a_bad_name(tmp_path, name, why):
    dest = tmp_path / "sub" / "drv"
    r = new_driver(name, str(dest))
    assert r.returncode == 1, r
    assert why in r.stderr and "nothing written" in r.stderr, r.stderr
    assert list(tmp_path.iterdir()) == []


def test_new_driver_accepts_fifteen_characters(tmp_path):
    r = new_driver("abcdefghijklmno", str(tmp_path / "d"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "d" / "abcdefghijklmno.c").is_file()


def test_new_driver_refuses_an_existing_dir(tmp_path):
    (tmp_path / "d").mkdir()
    r = new_driver("dice", str(tmp_path / "d"))
    assert r.returncode == 1 and "exists" in r.stderr, r
    assert list((tmp_path / "d").iterdir()) == []
    (tmp_path / "f").write_text("x")
    r = new_driver("dice", str(tmp_path / "f"))
    assert r.returncode == 1 and "exists" in r.stderr, r
    assert (tmp_path / "f").read_text() == "x"


@pytest.mark.parametrize("args", [[], ["dice"], ["a", "b", "c"], ["-h"]])
def test_new_driver_usage(args):
    r = new_driver(*args)
    assert r.returncode == 2 and "usage: new-driver NAME DIR" in r.stderr


def test_new_driver_renames_everything(tmp_path):
    dest = tmp_path / "dice"
    r = new_driver("dice", str(dest))
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in dest.iterdir())
    assert names == [".gitignore", "Makefile", "README.md", "dice.c",
                     "dice.conf"]
    for p in dest.iterdir():
        text = p.read_text()
        leftover = text.replace(ROOT, "").replace("sdk/templates", "")
        assert "template" not in leftover.lower(), (p.name, text)
    assert re.search(r"(?m)^service dice \{", (dest / "dice.conf").read_text())
    makefile = (dest / "Makefile").read_text()
    assert re.search(r"(?m)^DRIVER *= *dice$", makefile)
    assert re.search(r"(?m)^PHOENIX_SDK \?= %s$" % re.escape(
        os.path.relpath(os.path.join(ROOT, "sdk"), str(dest))), makefile)
    assert re.search(r"(?m)^include \$\(PHOENIX_SDK\)/mk/driver\.mk$",
                     makefile)
    source = (dest / "dice.c").read_text()
    assert "/dev/dice" in source and "dice_read" in source
    assert "DICE_VERSION" in source and '"dice: ' in source


def test_new_driver_makefile_names_no_absolute_path_and_copies_build(
        tmp_path):
    """new-driver's files hold no absolute path of this machine: the
    Makefile names the SDK by a relative PHOENIX_SDK, so a copy at the same
    depth builds as it is, and one anywhere with make PHOENIX_SDK=...
    (issue 19); both build the driver and its version 2."""
    dest = tmp_path / "a" / "dice"
    r = new_driver("dice", str(dest))
    assert r.returncode == 0, r.stderr
    for p in dest.iterdir():
        text = p.read_text()
        for path in (ROOT, str(tmp_path)):
            assert not re.search(r"(^|[\s=:])%s" % re.escape(path), text,
                                 re.M), (p, text)
    makefile = (dest / "Makefile").read_text()
    assert re.search(r"(?m)^PHOENIX_SDK \?= \.\./[./a-z0-9_-]*sdk$",
                     makefile), makefile
    same_depth = tmp_path / "b" / "dice"
    shutil.copytree(dest, same_depth)
    elsewhere = tmp_path / "c" / "d" / "e" / "dice"
    shutil.copytree(dest, elsewhere)
    r = make("-C", str(elsewhere))
    assert r.returncode != 0 and "no Phoenix SDK in PHOENIX_SDK=" in \
        r.stderr, r.stdout + r.stderr
    for d, args in ((same_depth, []),
                    (elsewhere, ["PHOENIX_SDK=%s/sdk" % ROOT])):
        r = make("-C", str(d), *args)
        assert r.returncode == 0, r.stdout + r.stderr
        assert (d / "build" / "dice").is_file()
        assert (d / "build" / "dice.v2").is_file()


@pytest.mark.parametrize("layout,message", [
    ({}, "has no Makefile"),
    ({"Makefile": "all:\n"}, "has no manifest NAME.conf"),
    ({"Makefile": "all:\n", "a.conf": "", "b.conf": ""},
     "has several manifests"),
])
def test_make_image_refuses_a_dir_that_is_no_driver(tmp_path, layout,
                                                      message):
    d = tmp_path / "drv"
    d.mkdir()
    for name, text in layout.items():
        (d / name).write_text(text)
    r = make("-n", "image", "EXTRA_DRIVERS=%s" % d)
    assert r.returncode != 0
    assert "EXTRA_DRIVERS: %s %s" % (d, message) in r.stderr, r.stderr


def test_make_image_refuses_a_missing_dir_and_a_taken_name(tmp_path):
    r = make("-n", "image", "EXTRA_DRIVERS=%s" % (tmp_path / "nosuch"))
    assert r.returncode != 0 and "no such directory" in r.stderr, r.stderr
    d = tmp_path / "drv"
    d.mkdir()
    (d / "Makefile").write_text("all:\n")
    (d / "hello.conf").write_text("")
    r = make("-n", "image", "EXTRA_DRIVERS=%s" % d)
    assert r.returncode != 0 and "hello: the image has a service" in r.stderr


def big_driver(top):
    """BIG made by new-driver in TOP with a 16 KiB message (its state:
    16,392 bytes, five DS blobs) and, as its version 2, state layout 2
    (which migrates layout 1): its directory."""
    dest = top / BIG
    r = new_driver(BIG, str(dest))
    assert r.returncode == 0, r.stderr
    makefile = dest / "Makefile"
    text = makefile.read_text()
    v2 = "V2_CPPFLAGS = -D%s_VERSION=2" % BIG.upper()
    assert v2 in text, text
    text = text.replace(v2, "CPPFLAGS = -D%s_MSG_MAX=16384\n%s -D%s_STATE_"
                        "VERSION=2" % (BIG.upper(), v2, BIG.upper()))
    makefile.write_text(text)
    return dest


@pytest.fixture(scope="module")
def driver_image(tmp_path_factory):
    """A driver NAME made by new-driver outside the tree and the driver
    BIG (big_driver), never built before `make image EXTRA_DRIVERS=`,
    which builds both and their version 2 (DIR/build/NAME.v2, from the
    Makefile's V2_CPPFLAGS); an image holding them: its path. build/os.iso
    is rebuilt without them afterwards."""
    top = tmp_path_factory.mktemp("drivers")
    dest = top / NAME
    r = new_driver(NAME, str(dest))
    assert r.returncode == 0, r.stderr
    big = big_driver(top)
    iso = top / "os.iso"
    try:
        r = make("-j2", "image", "EXTRA_DRIVERS=%s %s" % (dest, big))
        assert r.returncode == 0, r.stdout + r.stderr
        proto = open(os.path.join(ROOT, "build", "rootfs.proto")).read()
        for d, n in ((dest, NAME), (big, BIG)):
            assert (d / "build" / n).is_file()
            assert (d / "build" / (n + ".v2")).is_file()
            assert "f /usr/drivers/%s.v2 " % n in proto, proto
        assert "c /dev/%s 666 32 0" % NAME in proto, proto
        shutil.copy(os.path.join(ROOT, "build", "os.iso"), iso)
    finally:
        r = make("-j2", "image")
        assert r.returncode == 0, r.stdout + r.stderr
    return str(iso)


def seen(m, pattern):
    """Whether PATTERN appears on M's console."""
    return re.search(pattern, m.console_text()) is not None


def read_back(shell, name=NAME):
    """What `cat /dev/NAME` prints, without the services' console lines."""
    out = shell.check("cat /dev/%s" % name)
    return [line for line in out.splitlines()
            if not re.match(r"[a-z]+: ", line)]


def test_scaffolded_driver_boots_survives_a_crash_and_updates(boot,
                                                              driver_image):
    m = boot(driver_image)
    shell = Shell(m).wait_prompt()
    svc = Services(shell)
    out, rc = svc.run("up /usr/drivers/%s -dev /dev/%s" % (NAME, NAME))
    assert rc == 0, out
    up = svc.wait(NAME, lambda s: s.get("state") == "up", what="up")
    assert up["binary"] == "/usr/drivers/%s" % NAME
    assert seen(m, r"%s: started fresh \(version 1, 0 bytes written\)" % NAME)
    assert read_back(shell) == []

    shell.check("echo hi > /dev/%s" % NAME)
    assert seen(m, r"%s: stored 3 bytes \(3 written in all\)" % NAME)
    assert read_back(shell) == ["hi"]

    out, rc = svc.run("fi %s crash" % NAME)
    assert rc == 0, out
    after = svc.wait_recovered(NAME, up["restarts"], timeout=60)
    assert after["endpoint"] == up["endpoint"]          # stateful restart
    assert seen(m, r"%s: restarted \(version 1, 3 bytes written\)" % NAME)
    assert read_back(shell) == ["hi"]

    shell.check("echo again > /dev/%s" % NAME)
    out, rc = svc.run("update /usr/drivers/%s.v2 -label %s -state 7"
                      % (NAME, NAME), timeout=120)
    assert rc == 0, out
    assert seen(m, r"%s: started as new version \(version 2, 9 bytes "
                r"written\)" % NAME)
    assert svc.get(NAME)["binary"] == "/usr/drivers/%s.v2" % NAME
    assert read_back(shell) == ["again"]

    # The driver's own ioctl reaches it through VFS (abi/ioctl.h).
    out = shell.check("ioctlout /dev/%s t 1" % NAME)
    assert "ioctlout: 9" in out.splitlines(), out
    assert seen(m, r"%s: reset \(9 bytes were written\)" % NAME)
    assert read_back(shell) == []
    out, rc = shell.run("ioctlout /dev/%s t 2" % NAME)
    assert rc == 1 and "ioctlout: error 25" in out, out      # ENOTTY


def test_a_16k_state_survives_crash_and_updates_migrates_or_refuses(
        boot, driver_image):
    """BIG's state (16,392 bytes: more than a DS blob's 4,096) is kept
    across a crash restart and a live update to itself; a new version with
    layout 2 migrates it; going back to layout 1, which has no migration
    from layout 2, is refused (exit ENOSYS) and rolled back: the running
    version answers with its state, in memory and in DS."""
    m = boot(driver_image)
    shell = Shell(m).wait_prompt()
    svc = Services(shell)
    out, rc = svc.run("up /usr/drivers/%s -dev /dev/%s" % (BIG, BIG))
    assert rc == 0, out
    up = svc.wait(BIG, lambda s: s.get("state") == "up", what="up")
    assert seen(m, r"%s: started fresh \(version 1, 0 bytes" % BIG)
    shell.check("echo big state > /dev/%s" % BIG)
    assert seen(m, r"%s: stored 10 bytes \(10 written in all\)" % BIG)
    assert not seen(m, r"%s: checkpoint failed" % BIG)

    out, rc = svc.run("fi %s crash" % BIG)
    assert rc == 0, out
    svc.wait_recovered(BIG, up["restarts"], timeout=60)
    assert seen(m, r"%s: restarted \(version 1, 10 bytes written\)" % BIG)
    assert not seen(m, r"%s: state not restored" % BIG)
    assert read_back(shell, BIG) == ["big state"]

    out, rc = svc.run("update self -label %s" % BIG, timeout=120)
    assert rc == 0, out
    assert seen(m, r"%s: started as new version \(version 1, 10 bytes"
                % BIG)
    assert read_back(shell, BIG) == ["big state"]

    shell.check("echo layout > /dev/%s" % BIG)
    out, rc = svc.run("update /usr/drivers/%s.v2 -label %s" % (BIG, BIG),
                      timeout=120)
    assert rc == 0, out
    assert seen(m, r"%s: state migrated from layout 1 to 2" % BIG)
    assert seen(m, r"%s: started as new version \(version 2, 17 bytes"
                % BIG)
    assert svc.get(BIG)["binary"] == "/usr/drivers/%s.v2" % BIG
    assert read_back(shell, BIG) == ["layout"]

    shell.check("echo kept > /dev/%s" % BIG)
    out, rc = svc.run("update /usr/drivers/%s -label %s" % (BIG, BIG),
                      timeout=120)
    assert rc == abi.ENOSYS, out
    assert seen(m, r"%s: state not restored: state %s\.state has layout "
                r"version 2: this build \(version 1\) has no migration"
                % (BIG, BIG))
    assert seen(m, r"rs: %s update failed: .*; old version kept" % BIG)
    after = svc.get(BIG)
    assert after["binary"] == "/usr/drivers/%s.v2" % BIG
    assert after["state"] == "up"
    assert read_back(shell, BIG) == ["kept"]

    out, rc = svc.run("fi %s crash" % BIG)
    assert rc == 0, out
    svc.wait_recovered(BIG, after["restarts"], timeout=60)
    assert seen(m, r"%s: restarted \(version 2, 22 bytes written\)" % BIG)
    assert read_back(shell, BIG) == ["kept"]
