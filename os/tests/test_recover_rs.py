"""Issue 22: RS recovers from its own failure and can be live-updated.

The kernel restarts RS in place (os/kernel/rsrecover.c) when it faults,
exits, panics or hangs: same slot, endpoint and pid, its table kept, its
code reloaded from its boot module. RS's restart init checks the table,
answers a request it was in the middle of with -EIO, re-syncs with the
kernel's process table and serves on (os/servers/rs/self.c). RS updates
itself with a keep-state exec of the new version, the old program kept as
a stopped copy for the rollback (os/servers/rs/self_update.c).

After each fault and each update, on a machine of its own: `service
status` lists every service with the same endpoint and pid as before (RS
itself included), the guest's processes are the same, a driver's fault
(`service fi hello crash`) is still recovered, and usertests passes."""

import os
import random
import re
import subprocess

import pytest

from harness import abi, suite
from harness.abi import EINTR, EINVAL, EIO, ENOSYS, EPERM, ERESTART
from harness.machine import ROOT
from kit.core_recovery import fi_kinds, processes, quick_usertests

UPDATE_STATES = (1, 2, 3)


def mutation_line(kind):
    """`fi rs patch ADDR OLD NEW`: one code mutation of KIND of RS's
    binary (harness.mutate), from a fixed seed."""
    from harness import mutate
    addr, old, new = mutate.mutation(mutate.load("rs"), kind,
                                     random.Random(17))
    return "fi rs patch 0x%x %s %s" % (addr, old.hex(), new.hex())


def symbol(name):
    """The address of function NAME in RS's binary (build/bin/rs)."""
    out = subprocess.run(["nm", os.path.join(ROOT, "build", "bin", "rs")],
                         capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        words = line.split()
        if len(words) == 3 and words[1] in "Tt" and words[2] == name:
            return int(words[0], 16)
    raise AssertionError("no symbol %s in build/bin/rs" % name)


def text_bytes(addr, n):
    """N bytes of RS's binary at ADDR (in its executable segment)."""
    from harness import mutate
    got = b""
    for insn in mutate.disassemble(os.path.join(ROOT, "build", "bin", "rs")):
        if got and insn.addr == addr + len(got):
            got += insn.raw
        elif insn.addr <= addr < insn.addr + len(insn.raw):
            got = insn.raw[addr - insn.addr:]
        if len(got) >= n:
            return got[:n]
    raise AssertionError("0x%x is not in RS's text" % addr)


def endpoints(svc):
    """{label: (endpoint, pid, state)} of every service, RS included."""
    return {s["label"]: (s["endpoint"], s["pid"], s["state"])
            for s in svc.status()}


class Before:
    """What the machine looked like before a fault or an update."""

    def __init__(self, services):
        self.svc = services
        self.shell = services.shell
        self.machine = self.shell.machine
        self.shell.check("cat /dev/hello")
        self.endpoints = endpoints(services)
        self.processes = processes(self.shell)
        self.rs = services.get("rs")
        self.since = len(self.machine.console_text())

    def console(self):
        """The console since this snapshot."""
        return self.machine.console_text()[self.since:]

    def check_kept(self, usertests=True):
        """Every service at the same endpoint and pid and up, the same
        processes, hello's fault still recovered, then usertests (True:
        the whole suite; "quick": its quick set, the check after every
        update, kit.core_recovery.quick_usertests)."""
        self.svc.wait("rs", lambda s: s["state"] == "up", timeout=60,
                      what="rs up")
        assert endpoints(self.svc) == self.endpoints
        assert processes(self.shell) == self.processes
        out, rc = self.svc.fi("hello", "crash")
        assert rc == 0, out
        self.svc.wait_recovered("hello", timeout=60)
        assert endpoints(self.svc) == self.endpoints
        if usertests == "quick":
            quick_usertests(self.shell)
        elif usertests:
            suite.run(self.shell, "usertests", timeout=600).check()


def restarted_line(why):
    """The kernel's console line for RS restarted after WHY."""
    prefix = abi.RS_SELF_RESTART_FMT.split("%s")[0]
    return prefix + why + ")"


# `service fi rs KIND`: the kernel's reason for each kind.
WHY = {"crash": "crash", "segv": "crash", "panic": "panic", "exit": "exit",
       "hang": "hang", "badio": "panic", "badipc": "panic"}


@pytest.mark.parametrize("kind", fi_kinds())
def test_fi_rs_restarts_rs_in_place(services, kind):
    before = Before(services)
    out, rc = services.run("fi rs %s" % kind)
    assert rc == 0, out
    rs = services.wait("rs", lambda s: s["restarts"] > before.rs["restarts"],
                       timeout=60, what="rs restarted")
    assert rs["restarts"] == before.rs["restarts"] + 1
    assert restarted_line(WHY[kind]) in before.console()
    assert re.search(r"rs: restarted in place \(%s, restarts 1\): \d+ "
                     r"services kept" % WHY[kind], before.console())
    before.check_kept()


@pytest.mark.parametrize("kind", ("flip", "skip", "pointer", "loop"))
def test_fi_rs_patch_is_caught_and_undone(services, kind):
    """A code mutation of RS: the text guard (or the fault the mutated code
    makes first) fails RS, the kernel reloads its code from the boot
    module."""
    before = Before(services)
    out, rc = services.run(mutation_line(kind))
    assert rc in (0, EIO), out
    services.wait("rs", lambda s: s["restarts"] > before.rs["restarts"],
                  timeout=60, what="rs restarted")
    assert abi.RS_PATCHED_FMT.split(" at ")[0] % "rs" in before.console()
    before.check_kept(usertests=kind == "skip")


def test_request_in_flight_gets_eio(services):
    """RS fails in the middle of a request (its printf made an invalid
    opcode, so the patch request itself crashes RS before its reply): the
    restarted RS answers that request -EIO and says so."""
    before = Before(services)
    addr = symbol("printf")
    old = text_bytes(addr, 2)
    out, rc = services.run("fi rs patch 0x%x %s 0f0b" % (addr, old.hex()))
    assert rc == EIO, out
    assert re.search(r"rs: failed in the middle of request \d+ from \d+: "
                     r"answered %d" % -EIO, before.console())
    assert services.get("rs")["restarts"] == before.rs["restarts"] + 1
    before.check_kept(usertests=False)


@pytest.mark.parametrize("target", ("self", "/usr/boot/rs"))
@pytest.mark.parametrize("state", UPDATE_STATES)
def test_update_rs(services, target, state):
    before = Before(services)
    out, rc = services.update(target, "rs", state=state)
    assert rc == 0, out
    assert "rs: rs updated (endpoint %d)" % before.rs["endpoint"] in \
        before.console()
    rs = services.get("rs")
    assert rs["restarts"] == before.rs["restarts"]
    assert rs["binary"] == ("rs" if target == "self" else target)
    before.check_kept(usertests=True if state == 1 else "quick")


@pytest.mark.parametrize("target", ("self", "/usr/boot/rs"))
def test_update_rs_unreachable_state_times_out(services, target):
    before = Before(services)
    out, rc = services.update(target, "rs", state=5, maxtime=100)
    assert rc == EINTR, out
    assert "rs: rs update cancelled: not ready in time" in before.console()
    before.check_kept(usertests="quick")


@pytest.mark.parametrize("target", ("self", "/usr/boot/rs"))
@pytest.mark.parametrize("flag,code,why", [
    ("x", ERESTART, "new version crashed in init"),
    ("y", ENOSYS, "new version failed its init"),
    ("z", EINTR, "new version hung in init")])
def test_update_rs_rolls_back(services, flag, code, why, target):
    before = Before(services)
    out, rc = services.update(target, "rs", **{flag: True})
    assert rc == code, out
    assert "rs: rs update failed: %s; old version kept" % why in \
        before.console()
    rs = services.get("rs")
    assert rs["restarts"] == before.rs["restarts"]
    assert rs["binary"] == "rs"             # the old version's
    before.check_kept(usertests=True if flag == "x" and target == "self"
                      else "quick")


def test_update_rs_to_another_layout_is_refused(services):
    """A binary whose PT_LOAD layout is not RS's: refused before anything
    changes (the kernel could not start it in RS's memory)."""
    before = Before(services)
    services.shell.check("mkdir -p /tmp/other && cp /bin/cat /tmp/other/rs")
    out, rc = services.update("/tmp/other/rs", "rs")
    assert rc == EINVAL, out
    assert "rs: rs update refused: /tmp/other/rs's PT_LOAD layout is not " \
        "the running rs's (nothing changed)" in before.console()
    before.check_kept(usertests="quick")


@pytest.mark.parametrize("verb,what", [("down", "stopped"),
                                       ("refresh", "refreshed"),
                                       ("restart", "restarted")])
def test_rs_refuses_what_makes_no_sense(services, verb, what):
    before = Before(services)
    out, rc = services.run("%s rs" % verb)
    assert rc == EPERM, out
    assert "service: %s: rs is a core service: it cannot be %s" % (
        verb, what) in out
    assert abi.RS_CORE_REFUSED_FMT.rstrip("\n") % (verb, "rs") in \
        before.console()
    assert endpoints(services) == before.endpoints


def test_rs_failures_in_a_row_keep_the_table(services):
    """Several failures of RS one after the other, each of another kind:
    the table is kept through all of them."""
    before = Before(services)
    for n, kind in enumerate(("crash", "exit", "hang", "panic"), 1):
        out, rc = services.run("fi rs %s" % kind)
        assert rc == 0, out
        services.wait("rs", lambda s: s["restarts"] == before.rs["restarts"]
                      + n, timeout=60, what="rs restarted %d times" % n)
    before.check_kept()


def test_update_of_a_service_goes_on_through_rs_failure(services):
    """RS fails while a live update of hello waits for a state hello never
    reaches: the restarted RS keeps the update from its table, its maxtime
    still runs, and `service` gets EINTR (4) as without the failure; hello
    keeps its old version at the same endpoint."""
    before = Before(services)
    shell = services.shell
    shell.check("rm -f /tmp/u.out")
    shell.check("(service update self -label hello -state 5 -maxtime 1000; "
                "echo rc=$?) > /tmp/u.out 2>&1 & true")
    services.wait("hello", lambda s: s["state"] == "updating", timeout=30,
                  what="hello updating")
    out, rc = services.run("fi rs crash")
    assert rc == 0, out
    services.wait("rs", lambda s: s["restarts"] > before.rs["restarts"],
                  timeout=60, what="rs restarted")
    services.wait("hello", lambda s: s["state"] == "up", timeout=60,
                  what="hello's update over")
    deadline = 60
    out = ""
    while "rc=" not in out and deadline > 0:
        out = shell.check("cat /tmp/u.out")
        deadline -= 1
    assert "rc=%d" % EINTR in out, out
    assert "rs: hello update cancelled: not ready in time" in \
        before.console()
    before.check_kept(usertests="quick")
