"""Issue 17: the reincarnation server checks who asks and what it is
given, seen on the guest's console.

- Only root may up/down/refresh/restart/update/fi/shutdown (EPERM, exit 1,
  RS logs the refusal with pid and uid); status is open to everyone.
  (The refusal cases switch user with `su student -c ...`.)
- A manifest must be root's and writable by nobody else (EACCES 13).
- A -dev bound to a service is refused (EBUSY 16), the binding stays.
- `service update BINARY -label L` only with a binary whose manifest is
  service L (EINVAL 22), the running service untouched.
- `service shutdown` says so on the console and in `service status`.
- RS's full table is ENOSPC 28 with a clear message.
- Backoff: 30 s of clean running makes the next failure restart at once."""

import re

import pytest

from harness.abi import (EACCES, EBUSY, ECALLDENIED, EINVAL, ENOENT,
                         ENOSPC, EPERM, RS_MAX_SERVICES, rs_failed_re)
from harness.services import parse_status, user_lines

HELLO = "Hello, World!"


def read_hello(shell):
    out = shell.check("cat /dev/hello")
    assert user_lines(out) == [HELLO], out


def console_since(m, since):
    return m.console_text()[since:]


def have(shell, command):
    """Whether /bin/COMMAND exists in the guest."""
    return command in shell.check("ls /bin").split()


def test_a_manifest_others_may_write_is_refused(services):
    shell, m = services.shell, services.shell.machine
    shell.check("echo 'service hx { ipc vfs; };' > /tmp/hx.conf")
    if have(shell, "chmod"):
        shell.check("chmod 666 /tmp/hx.conf")
    # (else: no chmod and no umask yet, and the shell creates files 0666)
    since = len(m.console_text())
    out, rc = services.run(
        "up /usr/drivers/hello -label hx -config /tmp/hx.conf")
    assert rc == EACCES, out
    assert "service: /tmp/hx.conf: manifest refused: writable by its group " \
        "and others" in out, out
    assert services.run("status hx")[1] == ENOENT
    assert "rs: hx" not in console_since(m, since)      # RS never asked
    # The same manifest, written so that only root may change it: accepted.
    services.write_manifest("/tmp/hx.conf", "service hx { ipc vfs; };")
    out, rc = services.run(
        "up /usr/drivers/hello -label hx -config /tmp/hx.conf")
    assert rc == 0, out
    assert services.get("hx")["state"] == "up"


def test_a_manifest_root_does_not_own_is_refused(services):
    shell = services.shell
    if not have(shell, "chown"):
        pytest.skip("needs chown (file owners, issue 17)")
    services.write_manifest("/tmp/ho.conf", "service ho { ipc vfs; };")
    shell.check("chown student /tmp/ho.conf")
    out, rc = services.run(
        "up /usr/drivers/hello -label ho -config /tmp/ho.conf")
    assert rc == EACCES, out
    assert "service: /tmp/ho.conf: manifest refused: not owned by root" \
        in out, out
    assert services.run("status ho")[1] == ENOENT


def test_a_bound_device_is_refused_and_keeps_its_driver(services):
    shell, m = services.shell, services.shell.machine
    before = services.get("hello")
    for dev, holder, major in (("/dev/hello", "hello", 10),
                               ("/dev/console", "tty", 4),
                               ("/dev/null", "memdev", 1)):
        since = len(m.console_text())
        out, rc = services.run("up /usr/drivers/hello -label thief -dev " +
                               dev)
        assert rc == EBUSY, (dev, out)
        assert "service: up: thief: %s (major %d) is bound to service %s " \
            "already; refused" % (dev, major, holder) in out, out
        assert re.search(r"rs: thief refused: %s \(major %d\) is bound to %s"
                         % (dev, major, holder), console_since(m, since))
        assert services.run("status thief")[1] == ENOENT
    after = services.get("hello")
    assert (after["endpoint"], after["dev"], after["state"]) == \
        (before["endpoint"], "/dev/hello", "up")
    read_hello(shell)
    shell.check("echo still the console")
    # The label's own EBUSY is told apart from the device's.
    out, rc = services.run("up /usr/drivers/hello")
    assert rc == EBUSY and "a service with this label runs already" in out


def test_update_with_another_services_binary_is_refused(services):
    shell, m = services.shell, services.shell.machine
    before = services.get("hello")
    since = len(m.console_text())
    out, rc = services.run("update /usr/drivers/printer -label hello")
    assert rc == EINVAL, out
    assert "service: update: /usr/drivers/printer is service printer " \
        "(manifest /etc/system.conf.d/printer), not hello: refused, hello " \
        "untouched" in out, out
    # A manifest given with -config must be service hello too.
    services.write_manifest("/tmp/p.conf", "service printer { ipc vfs; };")
    out, rc = services.run("update /usr/drivers/hello.v2 -label hello "
                      "-config /tmp/p.conf")
    assert rc == EINVAL and "is service printer" in out, out
    assert "rs: hello" not in console_since(m, since)   # never touched
    after = services.get("hello")
    assert (after["endpoint"], after["binary"], after["restarts"]) == \
        (before["endpoint"], before["binary"], before["restarts"])
    read_hello(shell)
    # NAME.v2's manifest is NAME's: the course's update works as before.
    out, rc = services.run("update /usr/drivers/hello.v2 -label hello",
                      timeout=120)
    assert rc == 0, out
    assert services.get("hello")["binary"] == "/usr/drivers/hello.v2"
    # So does an explicit manifest of the same service.
    services.write_manifest("/tmp/h.conf", "service hello { ipc vfs; };")
    out, rc = services.run("update /usr/drivers/hello -label hello "
                      "-config /tmp/h.conf", timeout=120)
    assert rc == 0, out
    read_hello(shell)


def test_rs_itself_checks_what_it_is_given(services):
    """RS's own side, with requests `service` never sends (rsreq)."""
    shell, m = services.shell, services.shell.machine
    before = services.get("hello")
    since = len(m.console_text())
    for args, code in (
            # an update of hello with the printer's manifest, or with none
            ("update hello /usr/drivers/printer printer", -EINVAL),
            ("update hello /usr/drivers/hello.v2 ''", -EINVAL),
            # tty's major with some other file, or a major without a file
            ("up spoof /usr/drivers/hello /dev/nosuch 4", -EBUSY),
            ("up spoof /usr/drivers/hello - 10", -EINVAL),
            # PM's request from somebody else
            ("pmscript", -EPERM)):
        out = shell.check("rsreq " + args)
        assert "rsreq: %d" % code in out, (args, out)
    text = console_since(m, since)
    assert text.count("rs: hello update refused: the new binary's manifest "
                      "is not service hello") == 2, text
    assert "rs: spoof refused: /dev/nosuch (major 4) is bound to tty" in text
    assert services.run("status spoof")[1] == ENOENT
    after = services.get("hello")
    assert (after["endpoint"], after["binary"], after["state"]) == \
        (before["endpoint"], before["binary"], "up")
    read_hello(shell)
    # The same request with hello's own manifest goes through.
    out = shell.check("rsreq update hello /usr/drivers/hello.v2 hello",
                      timeout=120)
    assert "rsreq: 0" in out, out
    assert services.get("hello")["binary"] == "/usr/drivers/hello.v2"


def test_only_rs_may_fork_without_memory(services):
    """RS starts a service in a process with an empty address space
    (SYS_FORK with FORK_STOPPED | FORK_EMPTY): no other process may make
    one, not even root's. A user process holds no kernel call at all
    (ECALLDENIED); a system process that holds SYS_FORK gets EPERM
    (os/tests/ktest/fork.c fork_empty_refused). Nothing is made, and RS
    still starts services so."""
    shell = services.shell
    out = shell.check("rsreq forkempty")
    assert "rsreq: %d" % -ECALLDENIED in out, out
    assert "made endpoint" not in out, out
    out, rc = services.up("/usr/drivers/hello", label="hello2",
                          config="/etc/system.conf.d/hello")
    assert rc == 0, out
    assert services.get("hello2")["state"] == "up"
    assert services.down("hello2")[1] == 0


def test_shutdown_is_said_on_the_console_and_in_status(services):
    m = services.shell.machine
    out, rc = services.run("status")
    assert rc == 0 and "shut down" not in out
    since = len(m.console_text())
    out, rc = services.shutdown()
    assert rc == 0, out
    assert "rs: shutdown: restarts are off; a service that fails stays " \
        "down" in console_since(m, since)
    out, rc = services.run("status")
    assert rc == 0, out
    lines = user_lines(out)
    assert lines[0] == "RS is shut down: restarts are off, a service that " \
        "fails stays down", out
    assert "hello" in [s["label"] for s in parse_status(out)]
    out, rc = services.run("status hello")
    assert rc == 0 and user_lines(out)[0].startswith("RS is shut down")


def test_a_full_table_is_ENOSPC(services):
    m = services.shell.machine
    labels = []
    for i in range(RS_MAX_SERVICES + 1):   # more than the table can hold
        out, rc = services.run("up /usr/drivers/hello -label f%d" % i)
        if rc != 0:
            break
        labels.append("f%d" % i)
    assert rc == ENOSPC, (out, m.console_text()[-2000:])
    assert 0 < len(labels) < RS_MAX_SERVICES
    assert "service: up: f%d: RS's table is full (%d services)" \
        % (len(labels), RS_MAX_SERVICES) in out, out
    # Nothing lost: every service still listed and up; one down makes room.
    listed = {s["label"]: s for s in services.status()}
    assert all(listed[label]["state"] == "up" for label in labels)
    assert "f%d" % len(labels) not in listed
    out, rc = services.down(labels[-1])
    assert rc == 0, out
    out, rc = services.run("up /usr/drivers/hello -label one-more")
    assert rc == 0, out
    read_hello(services.shell)


@pytest.mark.slow
def test_backoff_decays_after_30_s_of_clean_running(services):
    shell, m = services.shell, services.shell.machine
    out, rc = services.run("up /usr/drivers/hello -label hb -period 1HZ")
    assert rc == 0, out

    def crash():
        since = len(m.console_text())
        out, rc = services.fi("hb")
        assert rc == 0, out
        services.wait_recovered("hb", timeout=60)
        line = re.search(rs_failed_re("hb") + r"[^\n]*",
                         console_since(m, since))
        assert line, console_since(m, since)
        return line.group(0)

    assert crash().endswith("; restarting")            # 1st: at once
    assert crash().endswith("; restarting in 1000 ms")  # 2nd: 1 period
    # 30 s of clean running (RS_STABLE_S), measured by RS's own clock.
    shell.check("sleep 31", timeout=120)
    assert crash().endswith("; restarting")            # a first one again


# The refusals need a user who is not root: `su` (issue 17, PM's users).
def test_only_root_may_change_services(services):
    """Eight refusals: each has its console line (RS logs at most 16 a
    second, os/servers/rs/access.c)."""
    shell, m = services.shell, services.shell.machine
    before = services.get("hello")
    for args in ("down hello", "refresh hello", "restart hello",
                 "update self -label hello", "fi hello crash",
                 "fi hello patch 0x40001000 00 00", "shutdown",
                 "up /usr/drivers/hello -label hs"):
        verb = args.split()[0]
        since = len(m.console_text())
        out, rc = shell.run("su student -c 'service %s'" % args)
        assert rc == EPERM, (args, out)
        assert "service: %s: permission denied: only root may" % verb \
            in out, (args, out)
        name = "fi patch" if "patch" in args else verb
        assert re.search(r"rs: %s refused: pid \d+ uid 1000 \(endpoint -?\d+\)"
                         r" is not root" % name, console_since(m, since)), \
            (args, console_since(m, since))
    out, rc = shell.run("su student -c 'service status'")
    assert rc == 0 and "label=hello" in out, out
    after = services.get("hello")
    assert (after["endpoint"], after["restarts"], after["state"]) == \
        (before["endpoint"], before["restarts"], "up")
    assert services.run("status hs")[1] == ENOENT
    read_hello(shell)
    # RS still restarts: the refused shutdown changed nothing.
    out, rc = services.fi("hello")
    assert rc == 0, out
    services.wait_recovered("hello")
    out, rc = services.run("status")
    assert "shut down" not in out
