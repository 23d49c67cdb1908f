"""Issue 5: the reliability core as a student sees it on the console.

The reincarnation server (RS) runs every boot service and the hello driver;
``service`` drives it. Each test boots a fresh machine, acts through the
guest's shell and checks what the guest reports: ``service status`` lines,
exit statuses, the driver's console lines, what a client reads."""

import re
import time

import pytest

from harness import abi, suite
from harness.abi import (EBUSY, EINTR, EINVAL, ENOENT, ENOSYS, ERESTART,
                         FAULT_KINDS, rs_failed_re)
from harness.services import user_lines

HELLO = "Hello, World!"
# The boot services RS runs (RS itself aside).
BOOT_SERVICES = tuple(s for s in abi.BOOT_SERVICES if s != "rs")


def read_hello(shell):
    """Read /dev/hello once; it must say hello (and nothing else)."""
    out = shell.check("cat /dev/hello")
    assert user_lines(out) == [HELLO], out
    return out


def seen(m, pattern, since=0):
    """Whether PATTERN appears on M's console after offset SINCE."""
    return re.search(pattern, m.console_text()[since:]) is not None


def hello_opens(shell, n):
    """Open /dev/hello N times (cat), checking each read."""
    for _ in range(n):
        read_hello(shell)


@pytest.mark.emulators("qemu", "bochs")
def test_boot_services_and_hello_run_under_rs(services):
    by_label = {s["label"]: s for s in services.status()}
    for label in BOOT_SERVICES + ("hello",):
        assert label in by_label, "%s missing from service status" % label
        s = by_label[label]
        for key in ("label", "endpoint", "pid", "restarts", "state",
                    "period", "binary"):
            assert key in s, "%s: no %s= field" % (label, key)
        assert s["state"] == "up"
        assert s["restarts"] == 0
        assert isinstance(s["pid"], int) and s["pid"] > 0
    hello = by_label["hello"]
    assert hello["binary"] == "/usr/drivers/hello"
    assert hello["period"] == 200          # 2HZ at 100 ticks per second
    text = services.shell.machine.console_text()
    assert "hello: started fresh" in text
    read_hello(services.shell)


def test_hello_counts_opens_on_the_console(shell):
    m = shell.machine
    read_hello(shell)
    assert seen(m, r"hello: open #1\r*\n")
    read_hello(shell)
    assert seen(m, r"hello: open #2\r*\n")


def test_status_of_one_service(services):
    lines = services.status("hello")
    assert [s["label"] for s in lines] == ["hello"]


@pytest.mark.parametrize("kind", FAULT_KINDS)
def test_fault_is_recovered_and_the_open_count_kept(services, kind):
    shell, m = services.shell, services.shell.machine
    hello_opens(shell, 2)
    before = services.get("hello")
    out, rc = services.run("fi hello %s" % kind)
    assert rc == 0, out
    after = services.wait_recovered("hello", before["restarts"], timeout=60)
    assert after["restarts"] == before["restarts"] + 1
    assert after["endpoint"] == before["endpoint"]     # stateful restart
    assert seen(m, r"hello: restarted \(open count 2\)")
    read_hello(shell)
    assert seen(m, r"hello: open #3\r*\n")
    # Nothing else was disturbed.
    for s in services.status():
        if s["label"] != "hello":
            assert s["restarts"] == 0 and s["state"] == "up", s


def test_a_hang_is_caught_within_two_periods_and_a_second(services):
    shell, m = services.shell, services.shell.machine
    before = services.get("hello")
    since = len(m.console_text())
    out, rc = services.run("fi hello hang")
    assert rc == 0, out
    services.wait_recovered("hello", before["restarts"], timeout=60)
    found = re.search(rs_failed_re("hello") + r"no heartbeat for "
                      r"(\d+) ticks", m.console_text()[since:])
    assert found, m.console_text()[since:]
    # RS's own clock: from the poll that delivered the fault to the kill.
    assert int(found.group(1)) <= 2 * before["period"] + 100
    read_hello(shell)


def test_reset_restart_gives_a_new_endpoint(services):
    services.write_manifest("/tmp/hr.conf",
                       "service hr { ipc vfs; period 1HZ; restart reset; };")
    out, rc = services.run(
        "up /usr/drivers/hello -label hr -config /tmp/hr.conf")
    assert rc == 0, out
    before = services.get("hr")
    assert before["state"] == "up"
    out, rc = services.run("fi hr crash")
    assert rc == 0, out
    after = services.wait_recovered("hr", before["restarts"])
    assert after["endpoint"] != before["endpoint"]
    assert after["restarts"] == before["restarts"] + 1


def test_vfs_follows_a_driver_that_comes_back_with_a_new_endpoint(services):
    """Driver-up events through DS: /dev/hello served by a reset-restarted
    instance (new endpoint) still works, VFS rebinds the major."""
    shell = services.shell
    out, rc = services.run("down hello")
    assert rc == 0, out
    services.write_manifest("/tmp/hello-reset.conf",
                            "service hello { ipc vfs; "
                            "period 2HZ; restart reset; };")
    out, rc = services.run("up /usr/drivers/hello -dev /dev/hello "
                      "-config /tmp/hello-reset.conf")
    assert rc == 0, out
    read_hello(shell)
    before = services.get("hello")
    out, rc = services.run("fi hello segv")
    assert rc == 0, out
    after = services.wait_recovered("hello", before["restarts"])
    assert after["endpoint"] != before["endpoint"]
    read_hello(shell)


def test_backoff_gaps_grow_and_dash_b_turns_it_off(services):
    shell = services.shell

    def recovery_times(label, n):
        times = []
        for _ in range(n):
            before = services.get(label)
            t0 = time.monotonic()
            out, rc = services.run("fi %s crash" % label)
            assert rc == 0, out
            services.wait_recovered(label, before["restarts"], timeout=60)
            times.append(time.monotonic() - t0)
        return times

    out, rc = services.run("up /usr/drivers/hello -label hb -period 1HZ")
    assert rc == 0, out
    with_backoff = recovery_times("hb", 3)
    # 1st failure: at once; 2nd: after 1 period; 3rd: after 2 periods.
    assert with_backoff[0] < with_backoff[1] < with_backoff[2], with_backoff
    out, rc = services.run("up /usr/drivers/hello -label hn -period 1HZ -b")
    assert rc == 0, out
    without = recovery_times("hn", 3)
    assert max(without) < with_backoff[2], (without, with_backoff)


@pytest.mark.parametrize("kind,reason", [("crash", "restart"),
                                         ("exit", "terminated"),
                                         ("hang", "no-heartbeat")])
def test_recovery_script_gets_label_reason_and_count(services, kind, reason):
    shell = services.shell
    shell.check("echo '#!/bin/sh' > /tmp/rec.sh")
    shell.check("echo 'echo \"$1 $2 $3\" > /tmp/rec.out' >> /tmp/rec.sh")
    shell.check("echo 'service restart $1' >> /tmp/rec.sh")
    out, rc = services.run("up /usr/drivers/hello -label hs -period 1HZ "
                      "-script /tmp/rec.sh")
    assert rc == 0, out
    before = services.get("hs")
    out, rc = services.run("fi hs %s" % kind)
    assert rc == 0, out
    services.wait_recovered("hs", before["restarts"], timeout=60)
    assert shell.check("cat /tmp/rec.out").split() == ["hs", reason, "1"]


def test_update_self_keeps_the_open_count(services):
    shell, m = services.shell, services.shell.machine
    hello_opens(shell, 3)
    before = services.get("hello")
    out, rc = services.run("update self -label hello")
    assert rc == 0, out
    assert seen(m, r"hello: started as new version \(open count 3\)")
    after = services.get("hello")
    assert after["endpoint"] == before["endpoint"]
    assert after["binary"] == "/usr/drivers/hello"
    assert after["state"] == "up"
    read_hello(shell)
    assert seen(m, r"hello: open #4\r*\n")


def test_update_to_v2(services):
    shell, m = services.shell, services.shell.machine
    hello_opens(shell, 1)
    out, rc = services.run("update /usr/drivers/hello.v2 -label hello")
    assert rc == 0, out
    assert seen(m, r"hello: version 2")
    assert seen(m, r"hello: started as new version \(open count 1\)")
    assert services.get("hello")["binary"] == "/usr/drivers/hello.v2"
    read_hello(shell)


@pytest.mark.parametrize("args,code", [("-x", ERESTART), ("-y", ENOSYS),
                                       ("-z", EINTR),
                                       ("-state 5 -maxtime 1HZ", EINTR)])
def test_failed_update_leaves_the_old_version_serving(services, args, code):
    shell = services.shell
    hello_opens(shell, 1)
    before = services.get("hello")
    out, rc = services.run("update /usr/drivers/hello.v2 -label hello " + args)
    assert rc == code, out
    after = services.get("hello")
    assert after["state"] == "up"
    assert after["binary"] == "/usr/drivers/hello"
    assert after["endpoint"] == before["endpoint"]
    assert after["restarts"] == before["restarts"]
    read_hello(shell)
    assert "hello: version 2" not in shell.machine.console_text()


def reading_client(services, actions):
    """Run readloop on /dev/hello in the background while ACTIONS(services)
    runs; return (reads, ok, errors, wrong)."""
    shell = services.shell
    shell.check("rm -f /tmp/stop")
    shell.check("readloop /dev/hello '%s' /tmp/stop > /tmp/rl.out & true"
                % HELLO)
    actions(services)
    shell.check("echo > /tmp/stop")
    shell.check("wait")
    report = shell.check("cat /tmp/rl.out")
    m = re.search(r"readloop: (\d+) reads, (\d+) ok, (\d+) errors, "
                  r"(\d+) wrong", report)
    assert m, report
    return tuple(map(int, m.groups()))


def test_a_reading_client_loses_nothing_in_live_updates(services):
    def updates(services):
        for binary in ("self", "/usr/drivers/hello.v2", "self"):
            out, rc = services.run("update %s -label hello" % binary)
            assert rc == 0, out
    reads, ok, errors, wrong = reading_client(services, updates)
    assert (errors, wrong) == (0, 0), (reads, ok, errors, wrong)
    assert ok > 0


def test_a_reading_client_never_sees_wrong_data_in_a_crash(services):
    def crash(services):
        before = services.get("hello")
        out, rc = services.run("fi hello crash")
        assert rc == 0, out
        services.wait_recovered("hello", before["restarts"])
    reads, ok, errors, wrong = reading_client(services, crash)
    assert wrong == 0, (reads, ok, errors, wrong)
    assert ok > 0


@pytest.mark.parametrize("args,code", [
    ("", EINVAL),
    ("frobnicate", EINVAL),
    ("up hello", EINVAL),
    ("up /no/such/binary", ENOENT),
    ("up /usr/drivers/hello -label", EINVAL),
    ("up /usr/drivers/hello -frobnicate 1", EINVAL),
    ("down nosuch", ENOENT),
    ("refresh nosuch", ENOENT),
    ("fi nosuch", ENOENT),
    ("fi hello frobnicate", EINVAL),
    ("update self -label nosuch", ENOENT),
    ("update self", EINVAL),
    ("update /usr/drivers/hello.v2 -label hello -maxtime soon", EINVAL),
    ("status nosuch", ENOENT),
])
def test_bad_input_is_refused_and_nothing_changes(services, args, code):
    before = {s["label"]: s for s in services.status()}
    out, rc = services.run(args)
    assert rc == code, out
    assert "service:" in out or "usage" in out.lower(), out
    after = {s["label"]: s for s in services.status()}
    assert after.keys() == before.keys()
    for label, s in after.items():
        assert (s["endpoint"], s["restarts"], s["state"]) == \
            (before[label]["endpoint"], before[label]["restarts"],
             before[label]["state"])
    read_hello(services.shell)


def test_update_while_another_runs_is_busy(services):
    shell = services.shell
    shell.check("sh -c 'service update self -label hello -state 5 "
                "-maxtime 3HZ; echo $? > /tmp/u1.rc' & true")
    services.wait("hello", lambda s: s["state"] == "updating", timeout=10,
             what="updating")
    out, rc = services.run("update self -label hello")
    assert rc == EBUSY, out
    shell.check("wait")
    assert shell.check("cat /tmp/u1.rc").strip() == str(EINTR)
    read_hello(shell)


def test_down_up_refresh(services):
    shell = services.shell
    out, rc = services.run("down hello")
    assert rc == 0, out
    assert "hello" not in [s["label"] for s in services.status()]
    out, rc = shell.run("cat /dev/hello")
    assert rc != 0
    out, rc = services.run("up /usr/drivers/hello -dev /dev/hello -period 2HZ")
    assert rc == 0, out
    read_hello(shell)
    before = services.get("hello")
    out, rc = services.run("refresh hello")
    assert rc == 0, out
    services.wait("hello", lambda s: s["state"] == "up", what="up")
    read_hello(shell)
    assert services.get("hello")["label"] == before["label"]


def test_a_service_failing_its_first_init_is_brought_down(services):
    out, rc = services.run("up /bin/true -label t")
    assert rc == ERESTART, out              # it ended before its init
    assert "t" not in [s["label"] for s in services.status()]
    assert services.run("status t")[1] == ENOENT
    read_hello(services.shell)


@pytest.mark.emulators("qemu", "bochs")
def test_crash_restart_and_live_update_on_both_emulators(services):
    shell, m = services.shell, services.shell.machine
    hello_opens(shell, 1)
    before = services.get("hello")
    out, rc = services.run("fi hello crash")
    assert rc == 0, out
    services.wait_recovered("hello", before["restarts"], timeout=120)
    assert seen(m, r"hello: restarted \(open count 1\)")
    out, rc = services.run("update /usr/drivers/hello.v2 -label hello",
                           timeout=120)
    assert rc == 0, out
    assert seen(m, r"hello: started as new version \(open count 1\)")
    assert services.get("hello")["binary"] == "/usr/drivers/hello.v2"
    read_hello(shell)


def test_shutdown_stops_restarts(services):
    out, rc = services.run("shutdown")
    assert rc == 0, out
    before = services.get("hello")
    out, rc = services.run("fi hello crash")
    assert rc == 0, out
    after = services.wait("hello", lambda s: s["state"] != "up", what="failed")
    assert after["restarts"] == before["restarts"]
    assert seen(services.shell.machine, rs_failed_re("hello") + r".*"
                r"not restarted")


def test_a_service_started_with_args_shows_in_ps(services):
    out, rc = services.run("up /usr/drivers/hello -label ha -args 'one two'")
    assert rc == 0, out
    ha = services.get("ha")
    assert ha["state"] == "up"
    ps = services.shell.check("ps")
    assert re.search(r"^\s*%d\s.*hello" % ha["pid"], ps, re.M), ps


def test_data_store_from_a_service(services):
    """os/tests/services/dstest runs the DS checks in its init: values of
    every type, overwrite and delete rules, another label's entries and
    labels read-only, a subscription, the heap; then its entries outlive
    its crash, and the heap works in the restarted instance and after a
    live update."""
    shell, m = services.shell, services.shell.machine
    read_hello(shell)                       # hello's open count exists
    since = len(m.console_text())
    out, rc = services.run("up /usr/tests/dstest")
    assert rc == 0, m.console_text()[-3000:]
    # Its cases (os/tests/kit), read like every suite's.
    suite.parse(m.console_text()[since:], "dstest").check(
        ["values", "owners", "subscription", "heap"])
    assert seen(m, r"dstest: all \d+ checks passed", since)
    assert not seen(m, r"dstest: FAILED", since)
    before = services.get("dstest")
    since = len(m.console_text())
    out, rc = services.run("fi dstest crash")
    assert rc == 0, out
    services.wait_recovered("dstest", before["restarts"])
    suite.parse(m.console_text()[since:], "dstest").check(
        ["kept_across_restart", "subscription_kept", "heap"])
    assert seen(m, r"dstest: entries kept across the restart", since)
    # A live update to itself: the new version's heap works too (MM
    # follows the program that moved into the slot).
    since = len(m.console_text())
    out, rc = services.run("update self -label dstest")
    assert rc == 0, out
    suite.parse(m.console_text()[since:], "dstest").check(["heap"])
    assert seen(m, r"dstest: the heap works after the update", since)


@pytest.mark.parametrize("state,code", [("2", 0), ("3", 0), ("7", EINVAL)])
def test_prepare_states(services, state, code):
    """hello is single-threaded: request-free (2) and protocol-free (3) are
    reached whenever it is about to receive; it defines no state of its own
    (7 and up), so RS reports the refusal and the old version goes on."""
    before = services.get("hello")
    out, rc = services.run("update self -label hello -state %s" % state)
    assert rc == code, out
    after = services.get("hello")
    assert (after["state"], after["endpoint"]) == ("up", before["endpoint"])
    read_hello(services.shell)


def test_the_services_fixture_drives_rs(services):
    """The harness's own `services` helper: fi then wait_recovered(label)."""
    before = services.get("hello")
    out, rc = services.fi("hello", "segv")
    assert rc == 0, out
    after = services.wait_recovered("hello", timeout=60)
    assert after["restarts"] == before["restarts"] + 1
    out, rc = services.update("self", "hello", state=2)
    assert rc == 0, out
    out, rc = services.up("/usr/drivers/hello", label="h2", period="1HZ", b=True)
    assert rc == 0, out
    assert services.get("h2")["period"] == 100
