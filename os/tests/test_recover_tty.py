"""Issue 22: the terminal driver (os/drivers/tty) restarts in place and is
live-updated with its state.

A `restart inplace` service: after `service fi tty KIND` (every kind and
code mutations), `service restart tty` and `service refresh tty`, RS
starts tty again in its own memory (same endpoint, same pid, restart
count up), and tty's kept init checks that memory (keep.c: invariants, a
checksum of the settings) and re-syncs the hardware. A live update (to
itself, in states 1, 2, 3) carries the memory too; state 5, -x, -y and -z
leave the old version running with its state and exit 4, 200, 78, 4.

What is checked, by os/tests/user/ttykeep in the guest around each
command: a line typed ahead (unread, in the driver's buffer), the
console's settings (a kill key set for the test) and foreground group,
and, when COM3 is there, /dev/agent's exclusive open (a second open
still fails EBUSY), settings (echo off) and group are all kept; the
endpoint is the same. Here: tty's console line saying what it kept, the
same pid, every other service unchanged, the shell answering; usertests
after a series of them.

ttykeep bounds each wait (60 s for the typing, 90 s for tty to be up
again) and prints FAILED with what it did not find, so a terminal that
lost its state fails the test instead of hanging the harness: the line
typed ahead is the only thing it reads, and only once poll says it is
there."""

import random
import re

import pytest

from harness import abi, mutate, suite
from harness.abi import EINTR, ENOSYS, ERESTART
from harness.shell import ECHOED, PROMPT_RE, RC_RE

LABEL = "tty"
TYPED = "typedahead"
KEPT_RE = r"tty: state kept \((restart|update)\): (\d+) bytes of input"


def ttykeep(shell, args, timeout=240):
    """Run `ttykeep ARGS` at the shell and type TYPED when it asks (the
    line then waits in the driver, unread, while ARGS runs); returns its
    output and exit status."""
    m = shell.machine
    m.sendline("ttykeep %s; echo %s" % (args, ECHOED))
    m.expect(r"ttykeep: type\r*\n", 60)
    m.send(TYPED + "\r")
    m.expect(RC_RE, timeout)
    out = m.console.before.replace("\r", "")
    rc = int(m.console.match.group(1))
    m.expect(PROMPT_RE, 30)
    return out, rc


def others(services):
    """Every other service's endpoint, pid and restart count."""
    return {s["label"]: (s["endpoint"], s["pid"], s["restarts"])
            for s in services.status() if s["label"] != LABEL}


def mutation_line(kind):
    """`fi tty patch ADDR OLD NEW`: one code mutation of KIND in tty's
    binary, from a fixed seed (the text guard makes tty fail within a
    heartbeat period whether or not the changed code runs)."""
    binary = mutate.load(LABEL)
    addr, old, new = mutate.mutation(binary, kind, random.Random(22))
    return "fi %s patch 0x%x %s %s" % (LABEL, addr, old.hex(), new.hex())


def check_kept(services, args, status=0, kept="restart"):
    """ttykeep around `service ARGS` (exit STATUS): everything kept; tty
    says it kept its state (KEPT: "restart", "update", or None when the
    old version goes on and nothing is started); same pid; every other
    service unchanged; the shell answers."""
    shell, m = services.shell, services.shell.machine
    before = services.get(LABEL)
    rest = others(services)
    since = len(m.console_text())
    wait = "-w " if kept == "restart" else ""
    out, rc = ttykeep(shell, "%s-e %d %s" % (wait, status, args))
    assert rc == 0 and "ttykeep: OK" in out, out
    assert "ttykeep: read %s" % TYPED in out, out
    after = services.get(LABEL)
    assert (after["endpoint"], after["pid"]) == \
        (before["endpoint"], before["pid"]), (before, after)
    assert after["state"] == "up", after
    text = m.console_text()[since:]
    said = re.findall(KEPT_RE, text)
    if kept:
        assert said and said[-1][0] == kept, text[-3000:]
        assert int(said[-1][1]) >= len(TYPED) + 1, said
        assert after["restarts"] == before["restarts"] + (
            kept == "restart"), (before, after)
    else:
        assert not said, text[-3000:]
        assert after["restarts"] == before["restarts"], (before, after)
    assert "kept state is inconsistent" not in text, text[-3000:]
    assert others(services) == rest
    assert shell.check("echo alive").strip() == "alive"


@pytest.mark.parametrize("kind", abi.FAULT_KINDS)
def test_fault_keeps_the_terminal(services, kind):
    check_kept(services, "fi %s %s" % (LABEL, kind))


@pytest.mark.parametrize("kind", mutate.KINDS)
def test_code_mutation_keeps_the_terminal(services, kind):
    check_kept(services, mutation_line(kind))


@pytest.mark.parametrize("command", ["restart", "refresh"])
def test_restart_and_refresh_keep_the_terminal(services, command):
    check_kept(services, "%s %s" % (command, LABEL))


@pytest.mark.parametrize("state", [1, 2, 3])
def test_update_self_keeps_the_terminal(services, state):
    check_kept(services, "update self -label %s -state %d" % (LABEL, state),
               kept="update")


@pytest.mark.parametrize("options,status", [
    ("-state 5 -maxtime 1HZ", EINTR), ("-x", ERESTART), ("-y", ENOSYS),
    ("-z", EINTR)], ids=["state5", "x", "y", "z"])
def test_failed_update_keeps_the_old_terminal(services, options, status):
    """The update fails (never ready, or the new version crashes, fails
    or never answers its init): RS's documented exit status, and the old
    version goes on serving with everything it had."""
    check_kept(services, "update self -label %s %s" % (LABEL, options),
               status=status, kept=None)


def test_usertests_after_a_series(services):
    """A crash, a hang, a refresh and an update in a row on one machine
    (the later failures come back after RS's backoff), then the POSIX
    suite through the recovered terminal."""
    for args, kept in (("fi %s crash" % LABEL, "restart"),
                       ("fi %s hang" % LABEL, "restart"),
                       ("refresh %s" % LABEL, "restart"),
                       ("update self -label %s -state 2" % LABEL, "update")):
        check_kept(services, args, kept=kept)
    suite.run(services.shell, "usertests", timeout=900).check()
