"""Issue 22: prepare-only updates (`service update ... -o`) and the atomic
multi-service live update: `service -q update ... -label A` queues an update
in RS, `service sysctl upd_run` runs the queue as one batch (every old
instance reaches its prepare state and stays frozen, all are swapped
together, all new versions initialise, all commit), and when any one member
fails (-x, -y, -z, state 5 past -maxtime, a new version that cannot be
loaded) every member is rolled back and the failure's exit status comes back.

Each test boots a fresh machine and works with the drivers /etc/rc starts
(hello, printer, rtc); hello counts its opens in its state, so the count
shows whether the state went across (or stayed)."""

import re

import pytest

from harness.abi import (EBUSY, EINTR, EINVAL, ENOENT, ENOEXEC, ENOSYS, EPERM,
                         ERESTART)
from harness.services import user_lines

HELLO = "Hello, World!"
MEMBERS = ("hello", "printer", "rtc")


def console_since(m, since):
    return m.console_text()[since:]


def read_hello(shell):
    out = shell.check("cat /dev/hello")
    assert user_lines(out) == [HELLO], out


def all_answer(services):
    """Every member answers its device: hello reads, printer takes a job,
    rtc tells the time."""
    shell = services.shell
    read_hello(shell)
    out, rc = shell.run("lpjob /dev/lp 64 64")
    assert rc == 0 and "lpjob: 64 of 64 bytes written" in out, out
    out, rc = shell.run("cat /dev/rtc")
    assert rc == 0 and re.search(r"\d\d:\d\d:\d\d", out), out


def snapshot(services):
    return {label: services.get(label) for label in MEMBERS}


def queue(services, args):
    out, rc = services.run("-q update " + args)
    assert rc == 0, out
    return out


def run_batch(services, entries, code=0):
    """Queue `update ENTRY` for each of ENTRIES (the arguments after
    `-q update`), run the batch (`sysctl upd_run`) and check it ends with
    CODE. Returns the console since the first was queued."""
    m = services.shell.machine
    since = len(m.console_text())
    for args in entries:
        queue(services, args)
    out, rc = services.run("sysctl upd_run", timeout=120)
    assert rc == code, out
    return console_since(m, since)


def queued(services):
    out, rc = services.run("sysctl upd_status")
    assert rc == 0, out
    return re.findall(r"^queued (\S+)", out, re.M)


def test_a_batch_of_three_drivers_updates_all_and_keeps_the_state(services):
    shell, m = services.shell, services.shell.machine
    for _ in range(3):
        read_hello(shell)
    before = snapshot(services)
    since = len(m.console_text())
    queue(services, "/usr/drivers/hello.v2 -label hello")
    queue(services, "self -label printer")
    queue(services, "self -label rtc -state 2")
    text = console_since(m, since)
    for n, label in enumerate(MEMBERS, 1):
        assert re.search(r"rs: %s update queued \(%d in the queue\)"
                         % (label, n), text), text
    assert queued(services) == list(MEMBERS)
    # Queued only: nothing happened yet.
    assert "hello: version 2" not in console_since(m, since)
    assert services.get("hello")["binary"] == "/usr/drivers/hello"

    out, rc = services.run("sysctl upd_run")
    assert rc == 0, out
    text = console_since(m, since)
    assert "rs: update batch: all 3 services ready; swapping" in text, text
    # Swapped together: every "updated" comes after the one swap line.
    swap_at = text.index("all 3 services ready")
    for label in MEMBERS:
        at = text.find("rs: %s updated" % label)
        assert at > swap_at, text
    assert "hello: version 2" in text
    assert re.search(r"hello: started as new version \(open count 3\)", text)
    after = snapshot(services)
    for label in MEMBERS:
        assert after[label]["state"] == "up"
        assert after[label]["endpoint"] == before[label]["endpoint"]
        assert after[label]["restarts"] == before[label]["restarts"]
    assert after["hello"]["binary"] == "/usr/drivers/hello.v2"
    assert after["printer"]["binary"] == before["printer"]["binary"]
    all_answer(services)
    assert re.search(r"hello: open #4\r*\n", console_since(m, since))
    # The run emptied the queue.
    assert queued(services) == []
    out, rc = services.run("sysctl upd_run")
    assert rc == ENOENT, out


# Each failure kind on one member: that member's error comes back and every
# member (the failing one included) keeps its old version, endpoint and
# state. -state 5 is never reached by a driver: past -maxtime it times out;
# 7 and up is no state a driver knows: it refuses at once (EINVAL).
@pytest.mark.parametrize("failing,args,code", [
    ("hello", "-x", ERESTART),
    ("printer", "-y", ENOSYS),
    ("rtc", "-z", EINTR),
    ("printer", "-state 5 -maxtime 4", EINTR),
    ("hello", "-state 5 -maxtime 1HZ", EINTR),
    ("rtc", "-state 7", EINVAL),
])
def test_any_failing_member_rolls_every_member_back(services, failing, args,
                                                     code):
    shell, m = services.shell, services.shell.machine
    read_hello(shell)
    read_hello(shell)
    before = snapshot(services)
    since = len(m.console_text())
    text = run_batch(services, ["%s -label %s %s" % (
        "/usr/drivers/hello.v2" if label == "hello" else "self", label,
        args if label == failing else "") for label in MEMBERS], code)
    assert re.search(r"rs: update batch failed: %s: .* \(-%d\); rolling back "
                     r"every service" % (failing, code), text), text
    for label in MEMBERS:
        assert "rs: %s updated" % label not in text, text
    after = snapshot(services)
    for label in MEMBERS:
        assert after[label]["state"] == "up", after[label]
        assert after[label]["endpoint"] == before[label]["endpoint"]
        assert after[label]["binary"] == before[label]["binary"]
        assert after[label]["restarts"] == before[label]["restarts"]
    all_answer(services)
    # hello's old version kept its count.
    assert re.search(r"hello: open #3\r*\n", console_since(m, since))
    assert queued(services) == []


def test_a_member_that_cannot_be_loaded_rolls_every_member_back(services):
    """The new program of one member is no program (a text file with hello's
    manifest): the batch fails before anything is swapped."""
    shell, m = services.shell, services.shell.machine
    read_hello(shell)
    before = snapshot(services)
    since = len(m.console_text())
    text = run_batch(services, [
        "self -label printer",
        "/etc/motd -label hello -config /etc/system.conf.d/hello",
        "self -label rtc"], ENOEXEC)
    assert re.search(r"rs: update batch failed: hello: its new version cannot "
                     r"be loaded \(-%d\); rolling back" % ENOEXEC, text), text
    after = snapshot(services)
    for label in MEMBERS:
        assert after[label]["state"] == "up"
        assert after[label]["endpoint"] == before[label]["endpoint"]
        assert after[label]["binary"] == before[label]["binary"]
        assert "rs: %s updated" % label not in text
    all_answer(services)
    assert re.search(r"hello: open #2\r*\n", console_since(m, since))


def test_prepare_only_reaches_the_state_and_changes_nothing(services):
    shell, m = services.shell, services.shell.machine
    read_hello(shell)
    read_hello(shell)
    before = services.get("hello")
    since = len(m.console_text())
    out, rc = services.run("update /usr/drivers/hello.v2 -label hello -o")
    assert rc == 0, out
    text = console_since(m, since)
    assert re.search(r"rs: hello reached prepare state 1; resumed", text), text
    assert re.search(r"hello: prepared \(state 1\), resumed", text), text
    assert "hello: version 2" not in text and "rs: hello updated" not in text
    out, rc = services.run("update self -label hello -o -state 2")
    assert rc == 0, out
    # Not ready within maxtime: EINTR, as for a real update.
    out, rc = services.run("update self -label hello -o -state 5 -maxtime 4")
    assert rc == EINTR, out
    after = services.get("hello")
    for key in ("state", "endpoint", "binary", "restarts", "pid"):
        assert after[key] == before[key], (key, before, after)
    read_hello(shell)
    assert re.search(r"hello: open #3\r*\n", console_since(m, since))


def test_a_batch_of_prepare_only_updates_changes_nothing(services):
    shell, m = services.shell, services.shell.machine
    read_hello(shell)
    before = snapshot(services)
    since = len(m.console_text())
    text = run_batch(services, ["self -label %s -o" % label
                                for label in MEMBERS])
    for label in MEMBERS:
        assert re.search(r"rs: %s reached prepare state 1; resumed" % label,
                         text), text
        assert "rs: %s updated" % label not in text
    assert snapshot(services) == before
    all_answer(services)
    assert re.search(r"hello: open #2\r*\n", console_since(m, since))


def test_the_queue_refuses_doubles_drops_and_is_for_root_only(services):
    shell, m = services.shell, services.shell.machine
    queue(services, "self -label hello")
    out, rc = services.run("-q update self -label hello")
    assert rc == EBUSY, out
    out, rc = services.run("-q update self -label nosuch")
    assert rc == ENOENT, out
    out, rc = services.run("-q status")
    assert rc != 0, out
    assert queued(services) == ["hello"]
    since = len(m.console_text())
    for args in ("sysctl upd_run", "sysctl upd_stop",
                 "-q update self -label printer"):
        out, rc = shell.run("su student -c 'service %s'" % args)
        assert rc == EPERM, (args, out)
    assert re.search(r"rs: sysctl refused: pid \d+ uid 1000",
                     console_since(m, since))
    assert queued(services) == ["hello"]
    out, rc = services.run("sysctl upd_stop")
    assert rc == 0 and "1 queued updates dropped" in out, out
    assert queued(services) == []
    out, rc = services.run("sysctl upd_run")
    assert rc == ENOENT, out
    assert "rs: hello updated" not in console_since(m, since)
    read_hello(shell)


RC_SERVICES = ("hello", "printer", "rtc", "pci", "inet", "ata", "e1000")


def test_a_batch_of_every_service_rc_starts(services):
    """The PCI server and the network card's driver in one batch: the new
    e1000 reserves its device from the new PCI server in its init, so a new
    version serves as soon as its init succeeded (uncommitted)."""
    shell = services.shell
    before = {s["label"]: s for s in services.status()}
    labels = [label for label in RC_SERVICES if label in before]
    assert {"hello", "pci", "inet", "e1000"} <= set(labels), before
    text = run_batch(services, ["self -label %s" % label
                                for label in labels])
    for label in labels:
        assert "rs: %s updated" % label in text, text
        after = services.get(label)
        assert (after["state"], after["endpoint"], after["restarts"]) == \
            ("up", before[label]["endpoint"], before[label]["restarts"])
    assert "rs: update batch done" in text
    all_answer(services)
    out, rc = shell.run("ping -c 1 10.0.2.2")
    assert rc == 0 and "1 received" in out, out


# Core services in a batch: every one that restarts in place and that its
# manifest lets be updated (its `core` key no longer lists update) is
# updated keeping its memory (os/servers/rs/README.md, keep-state update).
CORE = ("ds", "memdev", "pm", "tty", "vfs", "mm")


def updatable_core():
    from kit.core_recovery import manifest
    return [label for label in CORE
            if manifest(label).get("restart") == ["inplace"] and
            "update" not in manifest(label).get("core", [])]


def test_a_batch_of_core_services_and_drivers_keeps_every_state(services):
    from kit.core_recovery import Recovery, devices_answer, processes, \
        status_view
    shell, m = services.shell, services.shell.machine
    core = updatable_core()
    assert "memdev" in core, core
    members = core + ["hello", "printer"]
    for _ in range(2):
        read_hello(shell)
    shell.check("sleep 1000 & true")
    procs = processes(shell)
    view = status_view(services)
    since = len(m.console_text())
    text = run_batch(services, ["self -label %s" % label
                                for label in members])
    for label in members:
        assert "rs: %s updated" % label in text, text
    assert "rs: update batch done" in text
    # Same endpoints, pids, restart counts and binaries; every process
    # (the background sleep among them) still there.
    assert status_view(services) == view
    assert processes(shell) == procs
    devices_answer(shell)
    read_hello(shell)
    assert re.search(r"hello: open #3\r*\n", console_since(m, since))
    Recovery(services, m).usertests()


def run_failing_batch(services, members, failing, flag, code):
    """Queue `update self` of every one of MEMBERS, FLAG on FAILING, run
    the batch and check it ends with CODE and no member says it was
    updated. Returns (the console since, the view before: processes,
    status, console mark) for assert_nothing_changed."""
    from kit.core_recovery import processes, status_view
    shell, m = services.shell, services.shell.machine
    read_hello(shell)
    before = (processes(shell), status_view(services), len(m.console_text()))
    text = run_batch(services, ["self -label %s %s" % (
        label, flag if label == failing else "") for label in members], code)
    for label in members:
        assert "rs: %s updated" % label not in text, text
    return text, before


def assert_nothing_changed(services, before):
    """After a rolled-back batch: the same processes and `service status`
    as BEFORE (run_failing_batch), the devices and hello answer, and hello
    counts on from its kept state (its second open)."""
    from kit.core_recovery import devices_answer, processes, status_view
    shell, m = services.shell, services.shell.machine
    procs, view, since = before
    assert status_view(services) == view
    assert processes(shell) == procs
    devices_answer(shell)
    read_hello(shell)
    assert re.search(r"hello: open #2\r*\n", console_since(m, since))


@pytest.mark.parametrize("flag,code", [("-x", ERESTART), ("-y", ENOSYS),
                                       ("-z", EINTR),
                                       ("-state 5 -maxtime 1HZ", EINTR)])
def test_a_failing_core_member_rolls_back_every_member(services, flag, code):
    core = updatable_core()
    failing = core[-1]
    members = ["hello"] + core + ["printer"]
    text, before = run_failing_batch(services, members, failing, flag, code)
    assert re.search(r"rs: update batch failed: %s: " % failing, text), text
    assert_nothing_changed(services, before)


def test_a_core_member_with_another_memory_layout_is_refused_at_once(
        services):
    """A service that restarts in place keeps its memory across an update,
    so the new program must have the running one's PT_LOAD layout: hello's
    program queued as memdev's is refused when it is queued."""
    m = services.shell.machine
    since = len(m.console_text())
    out, rc = services.run("-q update /usr/drivers/hello -label memdev "
                           "-config /etc/system.conf.d/memdev")
    assert rc == EINVAL, out
    assert re.search(r"rs: memdev update refused: /usr/drivers/hello has "
                     r"another memory layout", console_since(m, since))
    assert queued(services) == []


def test_a_batch_and_a_single_update_exclude_each_other(services):
    """While a batch runs, `service update` is EBUSY; while an update runs,
    `sysctl upd_run` is EBUSY and the queue stays."""
    shell = services.shell
    queue(services, "self -label hello -state 5 -maxtime 3HZ")
    queue(services, "self -label rtc")
    shell.check("sh -c 'service sysctl upd_run; echo $? > /tmp/b.rc' & true")
    services.wait("hello", lambda s: s["state"] == "updating", timeout=10,
                  what="updating")
    out, rc = services.run("update self -label printer")
    assert rc == EBUSY, out
    shell.check("wait")
    assert shell.check("cat /tmp/b.rc").strip() == str(EINTR)
    assert services.get("printer")["state"] == "up"

    shell.check("sh -c 'service update self -label hello -state 5 "
                "-maxtime 3HZ; echo $? > /tmp/u.rc' & true")
    services.wait("hello", lambda s: s["state"] == "updating", timeout=10,
                  what="updating")
    queue(services, "self -label printer")
    out, rc = services.run("sysctl upd_run")
    assert rc == EBUSY, out
    assert queued(services) == ["printer"]
    shell.check("wait")
    assert shell.check("cat /tmp/u.rc").strip() == str(EINTR)
    out, rc = services.run("sysctl upd_run")
    assert rc == 0, out
    assert queued(services) == []
    all_answer(services)


# RS itself as a member of a batch (os/servers/rs/README.md, "RS in a
# batch"): every other member is frozen, swapped and initialised, then RS
# updates itself last; RS's new version commits every member, and a
# failure of RS's new version (or of any other member before it) rolls
# every member back.
CORE_AND_RS = ("ds", "memdev", "pm", "tty", "vfs", "mm", "rs")


def core_and_rs():
    """The batch of the issue: ds memdev pm tty vfs mm rs, each that can
    be updated (rs always can)."""
    core = updatable_core()
    members = [label for label in CORE_AND_RS
               if label in core or label == "rs"]
    assert {"ds", "memdev", "pm", "tty", "vfs", "rs"} <= set(members), core
    return members


def test_a_batch_of_the_core_services_and_rs_updates_all(services):
    from kit.core_recovery import Recovery, devices_answer, processes, \
        status_view
    shell, m = services.shell, services.shell.machine
    members = core_and_rs()
    shell.check("sleep 1000 & true")
    shell.check("echo kept > /tmp/rsbatch")
    procs = processes(shell)
    view = status_view(services)
    since = len(m.console_text())
    for label in members:
        queue(services, "self -label %s" % label)
    assert queued(services) == members
    out, rc = services.run("sysctl upd_run", timeout=120)
    assert rc == 0, out
    text = console_since(m, since)
    assert "rs: update batch: all %d services ready; swapping" % len(members) \
        in text, text
    # RS last: it updates itself once every other new version runs, and
    # its new version commits the others.
    rs_at = text.index("updating rs")
    assert rs_at > text.index("all %d services ready" % len(members))
    assert text.index("rs: rs updated (endpoint") > rs_at
    for label in members:
        assert text.find("rs: %s updated" % label) >= rs_at, (label, text)
    assert "rs: update batch done" in text
    assert "rolled back" not in text, text
    assert "rs: update batch failed" not in text, text
    # Same endpoints, pids, restart counts and binaries (RS's too); every
    # process still there, the file kept, the devices answer.
    assert status_view(services) == view
    assert processes(shell) == procs
    assert shell.check("cat /tmp/rsbatch").strip() == "kept"
    devices_answer(shell)
    assert queued(services) == []
    # A driver's fault is still recovered by the new RS.
    out, rc = services.fi("hello", "crash")
    assert rc == 0, out
    services.wait_recovered("hello", timeout=60)
    read_hello(shell)
    # The new RS runs a second batch with itself in it, to a binary.
    text = run_batch(services, ["/usr/boot/rs -label rs -state 2",
                                "self -label hello"])
    assert "rs: rs updated" in text and "rs: hello updated" in text, text
    rs = services.get("rs")
    assert rs["binary"] == "/usr/boot/rs"
    assert (rs["endpoint"], rs["pid"]) == (view["rs"][0], view["rs"][1])
    assert processes(shell) == procs
    Recovery(services, m).usertests()


def test_rs_alone_or_prepare_only_in_a_batch(services):
    """RS as the only member is updated as a batch of one; RS with -o
    only prepares (at once: it is between requests) while the others
    are updated."""
    from kit.core_recovery import status_view
    shell = services.shell
    view = status_view(services)
    text = run_batch(services, ["self -label rs"])
    assert "rs: update batch: all 1 service ready; swapping" in text, text
    assert "rs: rs updated" in text and "rs: update batch done" in text
    text = run_batch(services, ["self -label rs -o", "self -label hello"])
    assert "rs: prepared (state 1), resumed: a prepare-only update" in text
    assert "rs: hello updated" in text and "rs: rs updated" not in text, text
    # A queued RS update blocks another one and a single one of RS is
    # refused while the batch waits for RS's unreachable state.
    queue(services, "self -label rs -state 5 -maxtime 3HZ")
    out, rc = services.run("-q update self -label rs")
    assert rc == EBUSY, out
    shell.check("sh -c 'service sysctl upd_run; echo $? > /tmp/b.rc' & true")
    services.wait("rs", lambda s: s["state"] == "updating", timeout=10,
                  what="updating")
    out, rc = services.run("update self -label rs")
    assert rc == EBUSY, out
    out, rc = services.run("update self -label printer")
    assert rc == EBUSY, out
    shell.check("wait")
    assert shell.check("cat /tmp/b.rc").strip() == str(EINTR)
    assert status_view(services) == view
    read_hello(shell)


# A failure while RS is a member: RS's own new version crashing (-x),
# another member's init failing (-y, before RS's turn), RS's new version
# hanging (-z: the kernel's watchdog), RS never reaching its state
# (-state 5 past -maxtime). Every member keeps its old version.
@pytest.mark.parametrize("failing,flag,code", [
    ("rs", "-x", ERESTART),
    ("pm", "-y", ENOSYS),
    ("rs", "-y", ENOSYS),
    ("rs", "-z", EINTR),
    ("rs", "-state 5 -maxtime 1HZ", EINTR),
])
def test_a_failure_in_a_batch_with_rs_rolls_every_member_back(
        services, failing, flag, code):
    members = ["hello"] + core_and_rs()
    text, before = run_failing_batch(services, members, failing, flag, code)
    assert re.search(r"rs: update batch failed: %s: .* \(-%d\); rolling back "
                     r"every service" % (failing, code), text), text
    if failing == "rs" and flag != "-state 5 -maxtime 1HZ":
        assert "rs: rs update failed: " in text, text
    if failing != "rs":
        # RS's turn never came: nothing of RS was swapped.
        assert "updating rs" not in text, text
    services.wait("rs", lambda s: s["state"] == "up", timeout=60,
                  what="rs up")
    assert_nothing_changed(services, before)
    assert queued(services) == []


def test_a_batch_with_rs_goes_on_through_rs_failure(services):
    """RS fails (`fi rs crash`) while a batch with RS in it waits for a
    state RS never reaches: the restarted RS keeps the batch from its
    memory, RS's maxtime still runs, and the batch ends with EINTR (4),
    every member rolled back, as without the failure."""
    from kit.core_recovery import status_view
    shell, m = services.shell, services.shell.machine
    read_hello(shell)
    rs = services.get("rs")
    view = status_view(services, leave_out=("rs",))
    since = len(m.console_text())
    queue(services, "self -label hello")
    queue(services, "self -label ds")
    queue(services, "self -label rs -state 5 -maxtime 6HZ")
    shell.check("sh -c 'service sysctl upd_run; echo $? > /tmp/b.rc' & true")
    services.wait("rs", lambda s: s["state"] == "updating", timeout=10,
                  what="updating")
    out, rc = services.fi("rs", "crash")
    assert rc == 0, out
    shell.check("wait")
    assert shell.check("cat /tmp/b.rc").strip() == str(EINTR)
    text = console_since(m, since)
    assert re.search(r"rs: restarted in place \(crash, restarts %d\)"
                     % (rs["restarts"] + 1), text), text
    assert re.search(r"rs: update batch failed: rs: .* \(-%d\)" % EINTR,
                     text), text
    for label in ("hello", "ds", "rs"):
        assert "rs: %s updated" % label not in text, text
    assert status_view(services, leave_out=("rs",)) == view
    assert services.get("rs")["restarts"] == rs["restarts"] + 1
    read_hello(shell)
    assert re.search(r"hello: open #2\r*\n", console_since(m, since))
