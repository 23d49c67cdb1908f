"""The state checks of campaigns over the core services (os/tests/user/
fic/state.c), in the guest: fic started with the core services' labels
sets up something of each one's state, and the checks hold while drivers
are faulted and recover; spoiled on purpose (fic's `X LABEL`), each
service's check fails the next trial as wrong data with its reason. The
campaign runner's side is tested on the host (test_campaign_core_host.py).
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
