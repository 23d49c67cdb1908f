"""The fuzzer: the guest's /bin/fuzz (os/tests/user/fuzz) and the host
runner ``python3 -m harness fuzz`` (harness/fuzz.py) behind ``make fuzz``.

A short run with a fixed seed must end with no panic, hang, unrecovered
service or finding, with message counts that add up and every class
exercised; the same seed must give the same messages (the guest hashes the
messages it generated); a crash of a driver during a run must be reported
as a finding with a replay command; bad input exits 2."""

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from harness import fuzz
from harness.machine import ROOT

IMAGE = os.path.join(ROOT, "build", "os.iso")
BOOT_SERVICES = ("pm", "mm", "vfs", "rootfs", "tty", "memdev", "rs", "ds")


def harness_fuzz(tmp_path, *args, env=None):
    """Run ``python3 -m harness fuzz ARGS --out TMP``; returns (exit
    status, output, report dict or None)."""
    out = str(tmp_path / "fuzz")
    r = subprocess.run([sys.executable, "-m", "harness", "fuzz", "--out",
                        out] + list(args), cwd=ROOT, capture_output=True,
                       text=True, timeout=900, env=env)
    path = os.path.join(out, "report.json")
    report = None
    if os.path.exists(path):
        with open(path) as f:
            report = json.load(f)
    return r.returncode, r.stdout + r.stderr, report


@pytest.fixture(scope="module")
def short_run(tmp_path_factory):
    if not os.path.exists(IMAGE):
        pytest.skip("build/os.iso not built")
    return harness_fuzz(tmp_path_factory.mktemp("short"), "-n", "20000",
                        "--seed", "4242", "--batch", "10000")


def test_short_run_is_clean(short_run):
    status, output, report = short_run
    assert status == 0, output
    assert report["panics"] == [] and report["hangs"] == [], output
    assert report["unrecovered"] == [] and report["findings"] == [], output
    assert report["ok"] is True
    assert "result: ok" in output


def test_short_run_counts_add_up(short_run):
    _, output, report = short_run
    m = report["messages"]
    assert report["sent"] == 20000
    assert m["total"] == 20000
    assert m["server"] + m["kcall"] + m["ipc"] + m["syscall"] == 20000
    for cls in fuzz.CLASSES:
        assert m[cls] > 0, "class %s never exercised" % cls
    assert sum(m["server_by_target"].values()) == m["server"]
    for label in BOOT_SERVICES + ("hello",):
        assert m["server_by_target"].get(label, 0) > 0, label
    assert any(t.startswith("bad:") for t in m["server_by_target"])
    assert [b["count"] for b in report["batches"]] == [10000, 10000]
    assert [b["seed"] for b in report["batches"]] == [
        4242, fuzz.batch_seed(4242, 1)]
    assert all(re.match(r"0x[0-9a-f]{8}$", b["hash"])
               for b in report["batches"])
    assert "PM_REBOOT" in report["skipped"] and \
        "RS_SHUTDOWN" in report["skipped"]
    assert report["messages_per_second"] > 0


def test_same_seed_same_messages(machine):
    """The guest hashes every message it generated: the same seed twice
    gives the same hash, another seed another one."""
    def done(line):
        out, status = machine.run(line, timeout=300)
        m = re.search(r"fuzz: done seed=(\d+) sent=(\d+) .*hash=(0x[0-9a-f]+)",
                      out)
        assert m, out
        assert int(m.group(2)) == 2000
        return m.group(3)
    first = done("fuzz -s 77 -n 2000")
    assert done("fuzz -s 77 -n 2000") == first
    assert done("fuzz -s 78 -n 2000") != first


def test_guest_bad_arguments(machine):
    for line in ("fuzz", "fuzz -s 1", "fuzz -s 1 -n 0", "fuzz -s x -n 5",
                 "fuzz -s 1 -n 5 extra"):
        out, status = machine.run(line)
        assert status == 2, (line, out)
        assert "usage: fuzz" in out


def test_crash_is_a_finding(tmp_path):
    if not os.path.exists(IMAGE):
        pytest.skip("build/os.iso not built")
    status, output, report = harness_fuzz(
        tmp_path, "-n", "3000", "--seed", "99",
        "--inject", "service fi hello crash")
    assert status == 1, output
    assert report["panics"] == [] and report["unrecovered"] == []
    hello = [f for f in report["findings"] if f["label"] == "hello"]
    assert hello, report["findings"]
    f = hello[0]
    assert f["kind"] == "restart"
    assert f["batch"] == 0 and f["batch_seed"] == 99
    assert f["replay"] == "make fuzz N=3000 SEED=99"
    assert f["messages"] == [0, 2999]
    assert "make fuzz N=3000 SEED=99" in output


@pytest.mark.parametrize("count", ["0", "-5", "abc", ""])
def test_bad_count_exits_2(tmp_path, count):
    status, output, _ = harness_fuzz(tmp_path, "-n", count)
    assert status == 2, output
    assert "positive number" in output or "not a number" in output


def test_missing_emulator_exits_2(tmp_path):
    env = dict(os.environ, PATH=str(tmp_path))
    status, output, _ = harness_fuzz(tmp_path, "-n", "10", env=env)
    assert status == 2, output
    assert "not found" in output


def test_missing_image_exits_2(tmp_path):
    if shutil.which("qemu-system-i386") is None:
        pytest.skip("no QEMU")
    status, output, _ = harness_fuzz(tmp_path, "-n", "10", "--image",
                                     str(tmp_path / "none.iso"))
    assert status == 2, output
    assert "not found" in output


def test_parse_batch_reads_every_line():
    text = ("fuzz: skipped PM_FORK RS_UP\r\n"
            "rs: hello (endpoint 269) failed: exception (signal 11); "
            "restarting\r\n"
            "fuzz: timeout index=17 no reply within 10s: class=server\n"
            "fuzz: finding kcall-accepted index=3 result=0 class=kcall\n"
            "fuzz: server-targets pm=3 hello=2\n"
            "fuzz: done seed=5 sent=9 kcalls=1 syscalls=2 ipc=1 server=5 "
            "timeouts=1 hash=0x0000abcd\n")
    p = fuzz.parse_batch(text)
    assert p["skipped"] == ["PM_FORK", "RS_UP"]
    assert p["rs_failures"] == [{"label": "hello", "endpoint": 269,
                                 "reason": "exception (signal 11)",
                                 "action": "restarting"}]
    assert p["timeouts"][0]["index"] == 17
    assert p["accepted"][0]["index"] == 3
    assert p["targets"] == {"pm": 3, "hello": 2}
    assert p["done"]["sent"] == 9 and p["done"]["hash"] == 0xabcd


def test_batch_seeds():
    assert fuzz.batch_seed(123, 0) == 123
    seeds = {fuzz.batch_seed(123, b) for b in range(1, 100)}
    assert len(seeds) == 99
    assert all(0 <= s < 2 ** 32 for s in seeds)
