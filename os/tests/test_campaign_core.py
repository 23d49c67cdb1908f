"""The state checks of campaigns over the core services (os/tests/user/
fic/state.c), in the guest: fic started with the core services' labels
sets up something of each one's state, and the checks hold while drivers
are faulted and recover; spoiled on purpose (fic's `X LABEL`), each
service's check fails the next trial as wrong data with its reason. With
the core services recoverable, a line typed ahead of a tty fault arrives
(and its loss is wrong data), and a small campaign over memdev, ds, tty
and rs survives every fault. The campaign runner's side is tested on the
host (test_campaign_core_host.py).
"""

import re

CORE = "pm mm vfs rootfs ds tty memdev rs"
R_LINE = r"R %d (\S+) (-?\d+) (\d+) (\d+) (\d+) (\S+)\r*\n"


def start_fic(machine, labels):
    machine.sendline("fic " + labels)
    machine.expect(r"fic: (ready|state: [^\r\n]*)", 60)
    said = machine.console.match.group(0)
    assert said == "fic: ready", said


def trial(machine, ident, spec, ahead=None):
    """Run trial IDENT ("LABEL KIND DELAY"); its R line's fields."""
    machine.sendline("T %d %s" % (ident, spec))
    if ahead is not None:
        machine.sendline(ahead)
    machine.expect(R_LINE % ident, 60)
    return machine.console.match.groups()


def no_backoff(shell):
    """hello, faulted again and again, restarted at once every time
    (`service refresh LABEL -b`, as the campaign does for core services)."""
    shell.check("service refresh hello -b", timeout=60)


def stop_fic(machine, shell):
    machine.sendline("Q")
    machine.expect("fic: bye", 30)
    shell.wait_prompt(30)


def test_core_state_holds_through_driver_faults(machine, shell):
    no_backoff(shell)
    start_fic(machine, CORE)
    for i, spec in enumerate(("hello crash 2", "rtc segv 0",
                              "printer exit 1", "hello badipc 3"), 1):
        outcome, _, ok, _, wrong, detail = trial(machine, i, spec)
        assert outcome == "recovered" and wrong == "0", (spec, detail)
    stop_fic(machine, shell)
    # fic cleaned up after itself; the DS probe stays, up
    out = shell.check("ls /tmp")
    assert "fic.kept" not in out and "fic.held" not in out
    assert re.search(r"label=dsprobe .*state=up", shell.check(
        "service status dsprobe"))


# What each spoiled state must be reported as (state.c's reasons).
SPOILED = [("pm", "pm:sentinel-gone"), ("vfs", "vfs:held-at-"),
           ("rootfs", "rootfs:kept-content:0"), ("tty", "tty:echo-back-on"),
           ("memdev", "memdev:no-answer"), ("ds", "ds:probe-no-answer")]


def test_a_spoiled_state_is_wrong_data_with_its_reason(machine, shell):
    no_backoff(shell)
    for n, (label, reason) in enumerate(SPOILED):
        start_fic(machine, label)
        g = trial(machine, 1, "hello crash 0")
        assert g[0] == "recovered", (label, g)
        machine.sendline("X " + label)
        machine.expect(r"X %s (done|refused)" % label, 30)
        assert machine.console.match.group(1) == "done", label
        outcome, _, _, _, _, detail = trial(machine, 2, "hello crash 0")
        assert outcome == "wrong", (label, outcome, detail)
        assert detail.startswith("state:" + reason), (label, detail)
        stop_fic(machine, shell)
    # a state fic has not set up cannot be spoiled
    start_fic(machine, "rootfs")
    machine.sendline("X pm")
    machine.expect(r"X pm (done|refused)", 30)
    assert machine.console.match.group(1) == "refused"
    stop_fic(machine, shell)


def test_a_line_typed_ahead_of_a_tty_fault_arrives(machine, shell):
    """A tty trial: the line typed right after the trial's own line is
    read by fic only after tty recovered; without it the trial is wrong
    (the line was lost)."""
    shell.check("service refresh tty -b", timeout=60)
    start_fic(machine, "tty")
    outcome, _, _, _, _, detail = trial(machine, 1, "tty crash 2",
                                        ahead="A 1 0000cafe0001")
    assert outcome == "recovered", detail
    outcome, _, _, _, _, detail = trial(machine, 2, "tty segv 0")
    assert outcome == "wrong", detail
    assert detail == "state:tty:typed-ahead-line-lost", detail
    stop_fic(machine, shell)


def test_small_core_campaign_survives(tmp_path):
    """`make campaign DRIVERS=memdev,ds,tty,rs FAULTS=12`: every trial
    recovered (or latent), each service's state checked after each."""
    import json
    import subprocess
    import sys
    from harness.machine import ROOT
    r = subprocess.run([sys.executable, "-m", "harness", "campaign",
                        "--out", str(tmp_path), "--faults", "12", "--seed",
                        "3", "--drivers", "memdev,ds,tty,rs"], cwd=ROOT,
                       capture_output=True, text=True, timeout=600)
    rep = json.load(open(str(tmp_path / "report.json")))
    assert r.returncode == 0, r.stdout + r.stderr
    assert rep["core_services"] == ["memdev", "ds", "tty", "rs"]
    assert rep["survived"] == rep["trials"] == 12, rep["failures"]
    assert set(rep["per_driver"]) == {"memdev", "ds", "tty", "rs"}
