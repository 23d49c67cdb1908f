"""Host tests of `service`'s command line (os/commands/service/args.c):
the parser built with the host gcc into a small driver
(os/tests/host/service/args_host.c) that prints what it parsed. The
requests to RS are tested in the guest."""

import glob
import os
import subprocess

import pytest

from harness.hostbuild import compile
from harness import abi
from harness.machine import ROOT

SOURCES = [os.path.join(ROOT, "os", "tests", "host", "service",
                        "args_host.c"),
           os.path.join(ROOT, "os", "commands", "service", "args.c")] + \
    sorted(glob.glob(os.path.join(ROOT, "os", "lib", "manifest", "*.c")))


@pytest.fixture(scope="module")
def args(tmp_path_factory):
    out = str(tmp_path_factory.mktemp("service") / "service-args")
    r = compile(SOURCES, out, ["-std=gnu11", "-O2", "-DSERVICE_HOST_TEST",
                               "-I" + os.path.join(ROOT, "os", "commands",
                                                   "service")])
    assert r.returncode == 0, r.stderr
    return out


def parse(args, *argv):
    r = subprocess.run([args] + list(argv), capture_output=True, text=True,
                       timeout=30)
    if r.stdout.startswith("error="):
        code, message = r.stdout[6:].rstrip("\n").split(" ", 1)
        assert int(code) == r.returncode
        return int(code), message
    assert r.returncode == 0
    return dict(line.split("=", 1) for line in r.stdout.splitlines())


def test_up_as_etc_rc_runs_it(args):
    d = parse(args, "up", "/usr/drivers/hello", "-dev", "/dev/hello",
              "-period", "2HZ")
    assert d["verb"] == "up" and d["label"] == "hello"
    assert d["binary"] == "/usr/drivers/hello" and d["dev"] == "/dev/hello"
    assert d["period"] == "200" and d["dev_major"] == "-1"


def test_up_with_every_option(args):
    d = parse(args, "up", "/usr/drivers/hello", "-label", "hi", "-args",
              "a b", "-period", "50", "-script", "/etc/rs.sh", "-config",
              "/tmp/hi.conf", "-b")
    assert (d["label"], d["args"], d["period"], d["script"], d["config"],
            d["flags"]) == ("hi", "a b", "50", "/etc/rs.sh", "/tmp/hi.conf",
                            "0x1")
    assert parse(args, "up", "/x/hello")["period"] == "-1"   # the manifest's


def test_update_defaults_and_flags(args):
    d = parse(args, "update", "/usr/drivers/hello.v2", "-label", "hello")
    assert (d["verb"], d["label"], d["state"], d["maxtime"], d["self"]) == \
        ("update", "hello", "1", "200", "0")
    d = parse(args, "update", "self", "-label", "hello", "-state", "5",
              "-maxtime", "1HZ", "-x")
    assert (d["self"], d["state"], d["maxtime"], d["flags"]) == \
        ("1", "5", "100", "0x10")
    assert parse(args, "update", "self", "-label", "h", "-y")["flags"] == "0x20"
    assert parse(args, "update", "self", "-label", "h", "-z")["flags"] == "0x40"
    assert parse(args, "update", "/a/hello.v2")["label"] == "hello.v2"
    # -config: the new binary's manifest, named explicitly (issue 17)
    d = parse(args, "update", "/tmp/mine", "-label", "hello", "-config",
              "/etc/hello.conf")
    assert (d["label"], d["config"]) == ("hello", "/etc/hello.conf")


def test_queue_prepare_only_and_sysctl(args):
    """Issue 22: `-q update` queues (RS_UPD_QUEUE 0x80), `-o` prepares
    only (RS_UPD_PREPARE_ONLY 0x100), `sysctl upd_run|upd_stop|upd_status`
    (RS_SYSCTL_UPD_*: 1, 2, 3)."""
    d = parse(args, "-q", "update", "/usr/drivers/hello.v2", "-label",
              "hello", "-x")
    assert (d["verb"], d["label"], d["flags"]) == ("update", "hello", "0x90")
    d = parse(args, "update", "self", "-label", "hello", "-o", "-state", "2")
    assert (d["flags"], d["state"]) == ("0x100", "2")
    assert parse(args, "-q", "update", "self", "-label", "h",
                 "-o")["flags"] == "0x180"
    for name, nr in (("upd_run", 1), ("upd_stop", 2), ("upd_status", 3)):
        d = parse(args, "sysctl", name)
        assert (d["verb"], d["sysctl"]) == ("sysctl", str(nr))


def test_other_sub_commands(args):
    for verb in ("down", "refresh", "restart"):
        d = parse(args, verb, "hello")
        assert d["verb"] == verb and d["label"] == "hello"
    assert parse(args, "fi", "hello")["fi"] == "1"           # crash
    for kind, nr in abi.FAULT_KIND_NUMBERS.items():
        assert parse(args, "fi", "hello", kind)["fi"] == str(nr)
    # the debug kinds (FI_DEBUG_KIND_LIST) too, none of them a campaign's
    assert not set(abi.DEBUG_FAULT_KINDS) & set(abi.FAULT_KINDS)
    for kind, nr in abi.DEBUG_FAULT_KIND_NUMBERS.items():
        assert parse(args, "fi", "hello", kind)["fi"] == str(nr)
    assert parse(args, "status")["all"] == "1"
    d = parse(args, "status", "hello")
    assert d["all"] == "0" and d["label"] == "hello"
    assert parse(args, "shutdown")["verb"] == "shutdown"
    assert parse(args, "-h")["verb"] == "help"
    assert parse(args, "fi", "hello", "crash")["patch"] == "0"
    # refresh -b: no backoff from now on (campaigns over core services)
    assert parse(args, "refresh", "hello", "-b")["flags"] == "0x1"  # -b
    assert parse(args, "refresh", "hello")["flags"] == "0"


def test_fi_patch(args):
    d = parse(args, "fi", "hello", "patch", "0x40001234", "7405", "7505")
    assert (d["verb"], d["label"], d["patch"], d["patch_label"],
            d["patch_addr"], d["patch_len"], d["patch_old"],
            d["patch_new"]) == ("fi", "hello", "1", "hello", "0x40001234",
                                "2", "7405", "7505")
    d = parse(args, "fi", "hello", "patch", "4000abcd", "DEADbeef",
              "0f0B9090")
    assert (d["patch_addr"], d["patch_len"], d["patch_old"],
            d["patch_new"]) == ("0x4000abcd", "4", "deadbeef", "0f0b9090")
    d = parse(args, "fi", "hello", "patch", "0XFFFFFFFF", "00" * 16,
              "ff" * 16)
    assert (d["patch_addr"], d["patch_len"]) == ("0xffffffff", "16")


@pytest.mark.parametrize("argv,message", [
    ([], "no sub-command"),
    (["start", "x"], "unknown sub-command 'start'"),
    (["up"], "up: missing binary"),
    (["up", "hello"], "up: binary 'hello' is not an absolute path"),
    (["up", "/a/hello", "-colour", "red"], "unknown option '-colour'"),
    (["up", "/a/hello", "-period"], "option -period needs a value"),
    (["up", "/a/hello", "-period", "2hz"], "-period 2hz: not a time"),
    (["up", "/a/hello", "-label", "a/b"], "bad label 'a/b'"),
    (["up", "/a/hello", "-label", "x" * 16], "bad label"),
    (["up", "/a/averyveryverylongname"], "up: cannot make a label"),
    (["up", "/a/hello", "-dev", "hello"], "-dev hello: not an absolute"),
    (["up", "/a/hello", "-x"], "up does not take -x"),
    (["up", "/a/hello", "/b/hello"], "up: unexpected operand '/b/hello'"),
    (["down"], "down: missing label"),
    (["down", "a", "b"], "down: unexpected operand 'b'"),
    (["fi", "hello", "melt"], "fi: unknown fault kind 'melt'"),
    (["fi", "hello", "crash", "x"], "fi: unexpected operand 'x'"),
    (["fi", "hello", "patch"], "fi patch: needs ADDR OLDHEX NEWHEX"),
    (["fi", "hello", "patch", "0x40000000", "74"],
     "fi patch: needs ADDR OLDHEX NEWHEX"),
    (["fi", "hello", "patch", "0x40000000", "74", "75", "76"],
     "fi: unexpected operand '76'"),
    (["fi", "hello", "patch", "zz", "74", "75"], "fi patch: bad address 'zz'"),
    (["fi", "hello", "patch", "0x", "74", "75"], "fi patch: bad address '0x'"),
    (["fi", "hello", "patch", "0x100000000", "74", "75"],
     "fi patch: bad address '0x100000000'"),
    (["fi", "hello", "patch", "0x4000", "7g", "75"], "fi patch: bad bytes '7g'"),
    (["fi", "hello", "patch", "0x4000", "740", "750"],
     "fi patch: bad bytes '740'"),
    (["fi", "hello", "patch", "0x4000", "", ""], "fi patch: bad bytes ''"),
    (["fi", "hello", "patch", "0x4000", "74", "7x"],
     "fi patch: bad bytes '7x'"),
    (["fi", "hello", "patch", "0x4000", "00" * 17, "00" * 17],
     "fi patch: bad bytes '" + "00" * 17 + "'"),
    (["fi", "hello", "patch", "0x4000", "7405", "75"],
     "fi patch: OLDHEX and NEWHEX differ in length (2 and 1 bytes)"),
    (["fi", "a/b", "patch", "0x4000", "74", "75"], "fi: bad label 'a/b'"),
    (["update", "self"], "update self needs -label LABEL"),
    (["update", "self", "-label", "h", "-state", "0"], "-state 0"),
    (["update", "self", "-label", "h", "-state", "x"], "-state x"),
    (["update", "self", "-label", "h", "-maxtime", "-1"], "-maxtime -1"),
    (["update", "self", "-label", "h", "-x", "-y"], "update: -x, -y and -z exclude each other"),
    (["update", "self", "-label", "h", "-dev", "/dev/x"],
     "update does not take -dev"),
    (["shutdown", "now"], "shutdown: unexpected operand 'now'"),
    (["-q", "status"], "-q: only update can be queued"),
    (["-q"], "no sub-command"),
    (["up", "/a/hello", "-o"], "up does not take -o"),
    (["sysctl"], "sysctl: missing request"),
    (["sysctl", "upd_go"], "sysctl: unknown request 'upd_go'"),
    (["sysctl", "upd_run", "x"], "sysctl: unexpected operand 'x'"),
    (["status", "a", "b"], "status: unexpected operand 'b'"),
])
def test_bad_command_lines_are_EINVAL(args, argv, message):
    code, text = parse(args, *argv)
    assert code == abi.EINVAL and text.startswith(message), text
