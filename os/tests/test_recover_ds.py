"""Issue 22: the data store (os/servers/ds) restarts in place and is
live-updated with every key, subscription and owner.

A `restart inplace` service: after `service fi ds KIND` (every kind and
code mutations), `service restart ds` and `service refresh ds`, RS starts
DS again in its own memory (same endpoint, same pid, restart count up
after a failure);
DS's kept init checks that memory first (check.c: every entry and
subscription well-formed, live keys unique, every value against its
checksum) and says what it kept. A live update (to itself or to its boot
program /usr/boot/ds, states 1, 2, 3) carries the memory too; state 5,
-x, -y and -z leave the old version running with everything and exit 4,
200, 78, 4.

What is checked after each command, through DS's clients:
- hello's open count (its entry, owned by label "hello") survives: the
  next open is counted on from it and checkpointed again (hello may still
  overwrite its own key: owners and labels kept), and hello restarted
  after that restores it;
- dstest (os/tests/services/dstest, started before the command) restarted
  after it finds its string and blob, may overwrite them (owner "dstest"),
  and its subscription (made before, by label) still marks a change;
- every other service keeps its endpoint, pid and restart count; labels
  resolve (RS's label entries: hello's and dstest's calls are known by
  label); usertests pass after a series of them.

A DS that lost its state fails these with lines on the console (hello's
"checkpoint ... failed", "open count not restored", dstest's FAILED
cases), never with a hang: every client call to DS is answered at once."""

import re

from harness import suite
from harness.services import user_lines
from kit.core_recovery import (command_cases, kept_said, mutation_line,
                               quick_usertests)

LABEL = "ds"
HELLO = "Hello, World!"
KEPT_RE = r"ds: state kept \((restart|update)\): (\d+) entries, (\d+) " \
    r"subscriptions"


def open_hello(shell, m):
    """Open /dev/hello once: it says hello; returns the open number hello
    printed for it."""
    since = len(m.console_text())
    out = shell.check("cat /dev/hello")
    assert user_lines(out) == [HELLO], out
    text = m.console_text()[since:]
    opened = re.findall(r"hello: open #(\d+)", text)
    assert opened, text
    assert "checkpoint of" not in text, text
    return int(opened[-1])


def others(services):
    """Every other service's endpoint, pid and restart count."""
    return {s["label"]: (s["endpoint"], s["pid"], s["restarts"])
            for s in services.status() if s["label"] != LABEL}


def clients_kept(services, count):
    """DS's clients find their state: hello counts on from COUNT and
    restores it after its own restart; dstest restarted finds its entries
    and its subscription. Returns hello's count."""
    shell, m = services.shell, services.shell.machine
    count2 = open_hello(shell, m)
    assert count2 == count + 1, (count, count2)
    for label in ("dstest", "hello"):
        before = services.get(label)
        since = len(m.console_text())
        out, rc = services.run("fi %s crash" % label)
        assert rc == 0, out
        services.wait_recovered(label, before["restarts"], timeout=60)
        text = m.console_text()[since:]
        if label == "dstest":
            # Printed once its restart cases (kept_across_restart,
            # subscription_kept, heap) all passed. Not the case lines: a
            # restart after a backoff prints them while the harness types,
            # and the echo may glue itself to the start of one.
            assert "dstest: entries kept across the restart" in text, text
            assert not re.search(r"dstest: FAILED|: FAILED", text), text
        else:
            assert "hello: restarted (open count %d)" % count2 in text, text
    return count2


def setup_clients(services):
    """hello opened (its count in DS) and dstest up (its entries and
    subscription in DS); returns hello's count."""
    shell, m = services.shell, services.shell.machine
    count = open_hello(shell, m)
    out, rc = services.run("up /usr/tests/dstest")
    assert rc == 0, m.console_text()[-3000:]
    return count


def check_kept(services, args, status=0, kept="fault", count=None):
    """`service ARGS` (exit STATUS) on DS with its clients set up (COUNT:
    hello's count; None: set them up now): RS restarted DS in place (KEPT
    "fault": one restart more; "restart": a refresh or restart, no failure
    counted) or updated it ("update"), or the old version goes on
    untouched (None); DS says what it kept; same endpoint and pid; every
    other service unchanged; after an update (done or failed) usertests'
    quick set passes; the clients find their state. Returns hello's
    count."""
    m = services.shell.machine
    if count is None:
        count = setup_clients(services)
    before = services.get(LABEL)
    rest = others(services)
    since = len(m.console_text())
    out, rc = services.run(args, timeout=120)
    assert rc == status, (args, out)
    if kept == "fault":
        after = services.wait_recovered(LABEL, before["restarts"],
                                        timeout=90)
    else:
        after = services.wait(LABEL, lambda s: s["state"] == "up",
                              timeout=90, what="up")
    assert after["restarts"] == before["restarts"] + (kept == "fault"), \
        (before, after)
    assert (after["endpoint"], after["pid"]) == \
        (before["endpoint"], before["pid"]), (before, after)
    said = kept_said(m.console_text()[since:], KEPT_RE, LABEL, kept, after)
    if kept:
        entries, subs = int(said[1]), int(said[2])
        assert entries > 0 and subs >= 2, said    # VFS's and dstest's
    assert others(services) == rest
    if args.startswith("update"):
        quick_usertests(services.shell)    # after every update
    return clients_kept(services, count)


# test_fault_keeps_the_store, test_code_mutation_keeps_the_store,
# test_restart_and_refresh_keep_the_store, test_update_keeps_the_store,
# test_failed_update_keeps_the_old_store: every fault kind, code mutation,
# restart and refresh, update and failed update, each checked by check_kept
# (kit.core_recovery.command_cases).
command_cases(LABEL, "store", check_kept, globals())


def test_usertests_after_a_series(services):
    """A crash, a hang, a code mutation and a refresh in a row on one
    machine (the later failures come back after RS's backoff), the
    clients checked after each, then the POSIX suite."""
    count = None
    for args, kept in (("fi %s crash" % LABEL, "fault"),
                       ("fi %s hang" % LABEL, "fault"),
                       ("fi %s %s" % (LABEL, mutation_line(LABEL, "skip")),
                        "fault"),
                       ("refresh %s" % LABEL, "restart")):
        count = check_kept(services, args, kept=kept, count=count)
    suite.run(services.shell, "usertests", timeout=900).check()
