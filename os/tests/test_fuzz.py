"""The fuzzer: the guest's /bin/fuzz (os/tests/user/fuzz) and the host
runner ``python3 -m harness fuzz`` (harness/fuzz.py) behind ``make fuzz``.

A short run with a fixed seed must end with no panic, hang, unrecovered
service or finding, its workers running as ``student`` (uid 1000, gid 1000
from os/rootfs/etc/passwd), with message counts that add up, every class
exercised and every counted request (RS up/down/refresh/restart/update/
fi/fi-patch/shutdown, PM reboot/setuid/setgid/fork/exec/exit/sigsuspend)
sent and refused or handled; the same seed must give the same messages
(the guest hashes the messages it generated); a crash of a driver during a
run must be reported as a finding with a replay command; a privileged
request granted to a worker must be reported as a finding (a development
run as root, ``--as-root``, is granted them, and is never a pass); bad
input exits 2.

The student runs need PM_SETUID, PM_SETGID and PM_GETUID in PM and RS's
and PM's permission checks: without them the workers refuse to start (the
student tests fail saying so) or their privileged successes are
findings."""

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from harness import abi, fuzz
from harness.machine import ROOT

IMAGE = os.path.join(ROOT, "build", "os.iso")
PRIVILEGED = ("RS_UP", "RS_DOWN", "RS_REFRESH", "RS_RESTART", "RS_UPDATE",
              "RS_FI", "RS_FI_PATCH", "RS_SHUTDOWN", "PM_REBOOT",
              "PM_SETUID", "PM_SETGID")
LIFE = ("PM_FORK", "PM_EXEC", "PM_EXIT", "PM_SIGSUSPEND")
COUNTED = PRIVILEGED + LIFE + ("PM_GETUID", "RS_STATUS")
WITHHELD_AS_ROOT = ("RS_SHUTDOWN", "PM_REBOOT")


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
    assert report["worker_error"] is None, report["worker_error"]
    assert status == 0, output
    assert report["panics"] == [] and report["hangs"] == [], output
    assert report["unrecovered"] == [] and report["findings"] == [], output
    assert report["ok"] is True
    assert "result: ok" in output
    # each batch's line carries the count and the time left; the report's
    # place ends the run
    assert "messages 0..9999: ok" in output and \
        "[10000/20000 messages, ETA " in output, output
    assert "[20000/20000 messages, ETA 0s]" in output
    assert "fuzz: report in " in output


def test_short_run_workers_are_the_student(short_run):
    _, output, report = short_run
    assert report["worker_error"] is None, report["worker_error"]
    assert (report["uid"], report["gid"]) == fuzz.student_ids() == (1000,
                                                                    1000)
    assert report["as_student"] is True
    assert "worker: uid 1000 gid 1000 (student)" in output


def test_short_run_counts_every_request(short_run):
    """Every counted request was sent; the replies add up; the privileged
    ones were all refused or failed (never granted), the well-formed ones
    refused with EPERM; fork, exec, exit and sigsuspend were handled."""
    _, output, report = short_run
    assert report["worker_error"] is None, report["worker_error"]
    req = report["requests"]
    assert sorted(req) == sorted(COUNTED)
    for name, c in req.items():
        assert c["sent"] > 0 and c["withheld"] == 0, (name, c)
        assert (c["ok"] + c["refused"] + c["errors"] + c["noreply"]
                + c["findings"]) == c["sent"], (name, c)
        assert sum(c["codes"].values()) == c["errors"], (name, c)
        assert name in output
    for name in PRIVILEGED:
        assert req[name]["findings"] == 0, (name, req[name])
        assert req[name]["refused"] > 0, (name, req[name])
    for name in PRIVILEGED[:-2]:               # only root may: no ok at all
        assert req[name]["ok"] == 0, (name, req[name])
    assert report["privileged_successes"] == 0
    assert req["PM_FORK"]["ok"] > 0                     # the child exited
    assert req["PM_EXEC"]["ok"] == 0 and req["PM_EXEC"]["errors"] > 0
    assert req["PM_EXIT"]["noreply"] > 0
    assert sum(b.get("exits") or 0 for b in report["batches"]) >= \
        req["PM_EXIT"]["noreply"]
    assert req["PM_SIGSUSPEND"]["codes"].get("EINTR", 0) > 0
    assert req["PM_GETUID"]["ok"] > 0 and req["PM_GETUID"]["refused"] == 0
    assert report["skipped"] == []

def test_short_run_counts_add_up(short_run):
    _, output, report = short_run
    assert report["worker_error"] is None, report["worker_error"]
    m = report["messages"]
    assert report["sent"] == 20000
    assert m["total"] == 20000
    assert m["server"] + m["kcall"] + m["ipc"] + m["syscall"] == 20000
    for cls in fuzz.CLASSES:
        assert m[cls] > 0, "class %s never exercised" % cls
    assert sum(m["server_by_target"].values()) == m["server"]
    for label in abi.BOOT_SERVICES + ("hello",):
        assert m["server_by_target"].get(label, 0) > 0, label
    assert any(t.startswith("bad:") for t in m["server_by_target"])
    assert [b["count"] for b in report["batches"]] == [10000, 10000]
    assert [b["seed"] for b in report["batches"]] == [
        4242, fuzz.batch_seed(4242, 1)]
    assert all(re.match(r"0x[0-9a-f]{8}$", b["hash"])
               for b in report["batches"])
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


def test_guest_worker_is_the_student(machine):
    """At the guest's shell (root), the workers become the student before
    they send anything, or the run stops with exit status 3."""
    out, status = machine.run("fuzz -s 5 -n 300", timeout=300)
    assert "fuzz: error: the worker could not become" not in out, out
    assert "fuzz: worker uid=1000 gid=1000\n" in out.replace("\r", "")
    assert status in (0, 1), out


def test_root_run_privileged_successes_are_findings(tmp_path):
    """A development run as root (--as-root, the guest's -R) is granted
    the privileged requests it sends well formed: each is a finding with
    the request, its reply and replays; RS_SHUTDOWN and PM_REBOOT are
    withheld; such a run is never ok, whatever it found."""
    if not os.path.exists(IMAGE):
        pytest.skip("build/os.iso not built")
    status, output, report = harness_fuzz(
        tmp_path, "-n", "3000", "--seed", "1", "--as-root")
    assert status == 1, output
    assert report["panics"] == [] and report["hangs"] == [], output
    assert report["as_student"] is False and report["ok"] is False
    assert report["uid"] != 1000
    assert "not a pass" in output and "result: FAILED" in output
    granted = [f for f in report["findings"]
               if f["kind"] == "privileged-accepted"]
    assert granted, report["findings"]
    assert report["privileged_successes"] == len(granted)
    for f in granted:
        assert f["request"] in PRIVILEGED, f
        assert "reply=" in f["reason"] and "args=" in f["reason"]
        assert f["replay"] == 'make fuzz N=3000 SEED=1 FUZZ_ARGS="--as-root"'
        assert f["guest_replay"] == "fuzz -s 1 -n 1 -f %d -R" % f["message"]
        assert report["requests"][f["request"]]["findings"] > 0
    assert sorted(report["skipped"]) == sorted(WITHHELD_AS_ROOT)
    for name in WITHHELD_AS_ROOT:
        c = report["requests"][name]
        assert c["sent"] == 0 and c["withheld"] > 0, (name, c)
    assert sorted(report["requests"]) == sorted(COUNTED)


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


def test_fi_faults_are_expected_restarts(tmp_path):
    """--fi LABELS (`make fuzz FI=...`): every batch faults one of them;
    RS's restart of it is no finding, its restart count went up."""
    if not os.path.exists(IMAGE):
        pytest.skip("build/os.iso not built")
    status, output, report = harness_fuzz(
        tmp_path, "-n", "4000", "--batch", "2000", "--seed", "1",
        "--fi", "hello,printer")
    assert status == 0, output
    assert report["fi"] == ["hello", "printer"]
    assert report["findings"] == [] and report["unrecovered"] == []
    assert len(report["injected"]) == 2, report["injected"]
    for f, seed in zip(report["injected"], (1, fuzz.batch_seed(1, 1))):
        assert (f["label"], f["kind"]) == fuzz.fi_plan(seed, ["hello",
                                                              "printer"])
        assert f["recovered"] and f["restarts_after"] > f["restarts_before"]
        assert f["rs_line"], f
        assert f["replay"] == 'make fuzz N=2000 SEED=%d FI="hello printer"' \
            % seed
    assert "injected faults (hello printer): 2, 2 recovered" in output


def test_fi_fault_not_recovered_fails_the_run(tmp_path):
    """A fault the service cannot recover from (pci has no heartbeat, so
    a hang is never noticed) is unrecovered: the run is not ok."""
    if not os.path.exists(IMAGE):
        pytest.skip("build/os.iso not built")
    assert fuzz.fi_plan(6, ["pci"]) == ("pci", "hang")
    status, output, report = harness_fuzz(
        tmp_path, "-n", "1000", "--seed", "6", "--fi", "pci")
    assert status == 1, output
    assert report["injected"][0]["recovered"] is False
    assert any(u.get("injected") == "hang" and u["labels"] == ["pci"]
               for u in report["unrecovered"]), report["unrecovered"]
    assert "not recovered: service fi pci hang" in output


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
            "fuzz: worker uid=1000 gid=1000\r\n"
            "fuzz: finding privileged-accepted index=5 reply=0 class=server "
            "target=rs type=0xa01 op=0 ep=0 request=RS_DOWN "
            "args=0x1,0x2,0x3,0x4 label=hello\n"
            "fuzz: finding exec-replaced index=6 program=sh class=server\n"
            "fuzz: request RS_DOWN sent=4 withheld=0 ok=0 refused=2 "
            "errors=1 noreply=0 findings=1 codes=-22:1\n"
            "fuzz: request PM_EXIT sent=2 withheld=0 ok=0 refused=0 "
            "errors=0 noreply=2 findings=0 codes=-\n"
            "fuzz: request PM_EXEC sent=3 withheld=0 ok=0 refused=0 "
            "errors=3 noreply=0 findings=0 codes=-2:1,-300:1,-129:1\n"
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
    assert p["worker"] == {"uid": 1000, "gid": 1000, "root_run": False}
    assert p["cred_error"] is None
    assert p["privileged"][0]["index"] == 5
    assert "request=RS_DOWN" in p["privileged"][0]["detail"]
    assert p["replaced"][0]["index"] == 6
    assert p["requests"]["RS_DOWN"] == {
        "sent": 4, "withheld": 0, "ok": 0, "refused": 2, "errors": 1,
        "noreply": 0, "findings": 1, "codes": {"EINVAL": 1}}
    assert p["requests"]["PM_EXIT"]["codes"] == {}
    assert p["requests"]["PM_EXEC"]["codes"] == {"ENOENT": 1, "E-300": 1,
                                                 "other": 1}


def test_parse_batch_reads_a_root_run_and_a_failed_switch():
    p = fuzz.parse_batch("fuzz: worker uid=0 gid=0 root-run=1 (development:"
                         " -R, not a student run)\n")
    assert p["worker"] == {"uid": 0, "gid": 0, "root_run": True}
    p = fuzz.parse_batch("fuzz: error: the worker could not become uid 1000 "
                         "gid 1000: PM_SETGID answered -78; nothing was "
                         "sent\n")
    assert p["worker"] is None
    assert p["cred_error"].startswith("the worker could not become uid 1000")


def _finished_run(tmp_path, worker, cred_error=None):
    run = fuzz.Run(10, 1, 10, str(tmp_path), IMAGE, 1.0, log=lambda s: None)
    run.worker, run.cred_error = worker, cred_error
    run.sent = 10
    run.messages["server"] = 10
    run.duration = 1.0
    return fuzz.make_report(run)


def test_report_is_ok_only_for_the_student(tmp_path):
    """A clean run is ok only when its workers were the student: a root
    (development) run, an unknown identity or a failed switch is not."""
    ok = _finished_run(tmp_path, {"uid": 1000, "gid": 1000,
                                  "root_run": False})
    assert ok["ok"] is True and ok["as_student"] is True
    assert ok["uid"] == 1000 and ok["student"] == [1000, 1000]
    for worker in ({"uid": 0, "gid": 0, "root_run": True},
                   {"uid": -1, "gid": -1, "root_run": True},
                   {"uid": 1000, "gid": 0, "root_run": False}, None):
        r = _finished_run(tmp_path, worker)
        assert r["ok"] is False and r["as_student"] is False, worker
    r = _finished_run(tmp_path, None, "the worker could not become uid 1000")
    assert r["ok"] is False and r["worker_error"]
    assert "not a pass" in fuzz.format_table(_finished_run(
        tmp_path, {"uid": 0, "gid": 0, "root_run": True}))


def test_student_ids_come_from_the_image_passwd(tmp_path):
    path = tmp_path / "passwd"
    path.write_text("root:x:0:0:root:/root:/bin/sh\n"
                    "student:x:1234:5678:s:/home/student:/bin/sh\n")
    assert fuzz.student_ids(str(path)) == (1234, 5678)
    path.write_text("root:x:0:0:root:/root:/bin/sh\n")
    with pytest.raises(fuzz.BadInput):
        fuzz.student_ids(str(path))


def test_batch_seeds():
    assert fuzz.batch_seed(123, 0) == 123
    seeds = {fuzz.batch_seed(123, b) for b in range(1, 100)}
    assert len(seeds) == 99
    assert all(0 <= s < 2 ** 32 for s in seeds)
