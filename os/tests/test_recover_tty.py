"""Issue 22: the terminal driver (os/drivers/tty) restarts in place and is
live-updated with its state.

A `restart inplace` service: after `service fi tty KIND` (every kind and
code mutations), `service restart tty` and `service refresh tty`, RS
starts tty again in its own memory (same endpoint, same pid, restart
count up), and tty's kept init checks that memory (keep.c: invariants, a
checksum of the settings) and re-syncs the hardware. A live update (to
itself or to its boot program /usr/boot/tty, in states 1, 2, 3) carries
the memory too; state 5, -x, -y and -z leave the old version running with
its state and exit 4, 200, 78, 4.

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

from harness import suite
from kit.core_recovery import (TYPED, command_cases, kept_said,
                               mutation_line, quick_usertests, ttykeep)

LABEL = "tty"
KEPT_RE = r"tty: state kept \((restart|update)\): (\d+) bytes of input"


def others(services):
    """Every other service's endpoint, pid and restart count."""
    return {s["label"]: (s["endpoint"], s["pid"], s["restarts"])
            for s in services.status() if s["label"] != LABEL}


def check_kept(services, args, status=0, kept="fault"):
    """ttykeep around `service ARGS` (exit STATUS): everything kept; RS
    restarted tty in place (KEPT "fault": one restart more; "restart": a
    refresh or restart, no failure counted) or updated it ("update"), or
    the old version goes on untouched (None); tty says what it kept; same
    pid; every other service unchanged; the shell answers; after an
    update (done or failed) usertests' quick set passes."""
    shell, m = services.shell, services.shell.machine
    before = services.get(LABEL)
    rest = others(services)
    since = len(m.console_text())
    wait = "-w " if kept == "fault" else ""
    out, rc = ttykeep(shell, "%s-e %d %s" % (wait, status, args))
    assert rc == 0 and "ttykeep: OK" in out, out
    assert "ttykeep: read %s" % TYPED in out, out
    after = services.get(LABEL)
    assert (after["endpoint"], after["pid"]) == \
        (before["endpoint"], before["pid"]), (before, after)
    assert after["state"] == "up", after
    assert after["restarts"] == before["restarts"] + (kept == "fault"), \
        (before, after)
    said = kept_said(m.console_text()[since:], KEPT_RE, LABEL, kept, after)
    if kept:
        assert int(said[1]) >= len(TYPED) + 1, said
    assert others(services) == rest
    assert shell.check("echo alive").strip() == "alive"
    if args.startswith("update"):
        quick_usertests(shell)    # after every update (its tty_settings:
                                  # the console's settings and group)


# test_fault_keeps_the_terminal, test_code_mutation_keeps_the_terminal,
# test_restart_and_refresh_keep_the_terminal, test_update_keeps_the_terminal,
# test_failed_update_keeps_the_old_terminal: every fault kind, code mutation,
# restart and refresh, update and failed update, each checked by check_kept
# (kit.core_recovery.command_cases).
command_cases(LABEL, "terminal", check_kept, globals())


def test_usertests_after_a_series(services):
    """A crash, a hang, a code mutation and a refresh in a row on one
    machine (the later failures come back after RS's backoff), then the
    POSIX suite through the recovered terminal."""
    for args, kept in (("fi %s crash" % LABEL, "fault"),
                       ("fi %s hang" % LABEL, "fault"),
                       ("fi %s %s" % (LABEL, mutation_line(LABEL, "skip")),
                        "fault"),
                       ("refresh %s" % LABEL, "restart")):
        check_kept(services, args, kept=kept)
    suite.run(services.shell, "usertests", timeout=900).check()
