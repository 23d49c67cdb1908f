"""Issues 17 and 22: core services are never broken silently, and those
that restart in place recover completely.

For each core service (pm, mm, vfs, rootfs, ds, tty, memdev and RS itself)
and each `service` command that acts on a running service (down, refresh,
restart, fi of every kind and patch, update self and update to another
binary, in every -state), the outcome is one of two, as measured on the
console (table: os/servers/rs/README.md "The policy of each service"):

- refused up front (the commands its manifest's `core` key lists; RS
  itself: every one): `service` exits EPERM (1) with "service: VERB: LABEL
  is a core service: it cannot be ... (refused, nothing changed)", RS says
  "rs: VERB LABEL refused: a core service (nothing changed)" on the
  console, and nothing changed: the same processes (pid, name, endpoint),
  the same `service status`, the shell, hello (and its open count in DS),
  /dev/null still answer. Refusals change nothing, so they share one
  machine (module_machine) and each checks that nothing changed.
- works completely (a service with `restart inplace`: refresh, restart,
  every fault kind and code mutations, unless refused): the service is
  restarted in place (the same instance in its own memory: same endpoint
  and pid, the console says "restarted in place"), every other process and
  service is kept, its devices answer, and usertests passes afterwards
  (kit/core_recovery.py, the checks the other core services' tests share).

Both tables come from the manifests in the image
(os/rootfs/etc/system.conf.d), so a service that learns to keep its state
moves from one to the other with its manifest."""

import os
import re

import pytest

from harness import abi, suite
from harness.abi import EBUSY, EINVAL, EPERM
from harness.services import Services
from harness.shell import Shell
from kit.core_recovery import (RESTARTED_IN_PLACE, UPDATE_CRASH_EXIT,
                               UPDATE_FAIL_EXIT, UPDATE_TIMEOUT_EXIT,
                               Recovery, devices_answer, fi_kinds, manifest,
                               mutation_line, processes, status_view)

UPDATE_STATES = (1, 2, 3, 5, 7)      # work-, request-, protocol-free,
                                     # unreachable, a custom one
EVERY = ("down", "refresh", "restart", "fi", "update-self", "update-binary")
# A manifest's core command -> the commands of EVERY it refuses.
CORE_WORDS = {"down": ("down",), "refresh": ("refresh",),
              "restart": ("restart",), "fi": ("fi",),
              "update": ("update-self", "update-binary"), "ALL": EVERY}


def refused(label):
    """The commands of EVERY that RS refuses for boot service LABEL: its
    manifest's `core` list (RS itself, which has none: down, refresh and
    restart; its fi and updates: os/tests/test_recover_rs.py)."""
    if label == "rs":
        return ("down", "refresh", "restart")
    words = manifest(label).get("core", [])
    return tuple(c for c in EVERY
                 if any(c in CORE_WORDS[w] for w in words))


def works(label):
    """The commands that work completely on LABEL: refresh, restart, fi
    and the updates of a `restart inplace` service, unless refused."""
    if label == "rs" or manifest(label).get("restart") != ["inplace"]:
        return ()
    return tuple(c for c in ("refresh", "restart", "fi", "update-self",
                             "update-binary") if c not in refused(label))


# service -> the commands RS refuses for it; -> those that work completely.
REFUSED = {label: refused(label) for label in abi.BOOT_SERVICES
           if refused(label)}
WORKS = {label: works(label) for label in abi.BOOT_SERVICES if works(label)}
# How `service` says each refusal.
WHAT = {"down": "stopped", "refresh": "refreshed", "restart": "restarted",
        "fi": "fault-injected", "update": "updated"}


def command_lines(label, command):
    """The `service` argument lines of COMMAND (a name of EVERY) on
    LABEL: every fault kind and a code patch for fi, every state for the
    updates (the other binary: a copy of hello.v2 named like the
    service, made by the caller in /tmp/core-bin/LABEL)."""
    if command == "fi":
        return (["fi %s %s" % (label, kind) for kind in fi_kinds()] +
                ["fi %s patch 0x1000 90 90" % label])
    if command == "update-self":
        return ["update self -label %s -state %d" % (label, state)
                for state in UPDATE_STATES]
    if command == "update-binary":
        return ["update /tmp/core-bin/%s -label %s -state %d"
                % (label, label, state) for state in UPDATE_STATES]
    return ["%s %s" % (command, label)]


class Core:
    """The shared machine of the refusals, with what it looked like
    before the first one."""

    def __init__(self, machine):
        self.shell = Shell(machine).wait_prompt()
        self.svc = Services(self.shell)
        self.machine = machine
        self.shell.check("mkdir /tmp/core-bin")
        for label in REFUSED:
            self.shell.check("cp /usr/drivers/hello.v2 /tmp/core-bin/%s"
                             % label)
        self.shell.check("cat /dev/hello")      # hello's open count 1
        self.processes = processes(self.shell)
        self.status = status_view(self.svc)

    def assert_unchanged(self):
        assert processes(self.shell) == self.processes
        assert status_view(self.svc) == self.status
        devices_answer(self.shell)


@pytest.fixture(scope="module")
def core(module_machine):
    return Core(module_machine)


REFUSAL_CASES = [(label, command) for label, commands in REFUSED.items()
                 for command in commands]


@pytest.mark.parametrize("label,command", REFUSAL_CASES,
                         ids=["%s-%s" % c for c in REFUSAL_CASES])
def test_refused_up_front_and_nothing_changes(core, label, command):
    verb = command.split("-")[0]
    for line in command_lines(label, command):
        since = len(core.machine.console_text())
        out, rc = core.svc.run(line)
        assert rc == EPERM, (line, out)
        assert ("service: %s: %s is a core service: it cannot be %s "
                "(refused, nothing changed)" % (verb, label, WHAT[verb])
                in out), (line, out)
        assert abi.RS_CORE_REFUSED_FMT.rstrip("\n") % (verb, label) in \
            core.machine.console_text()[since:], line
    core.assert_unchanged()


def test_status_lists_rs_itself(core):
    rs = core.svc.get("rs")
    assert rs["state"] == "up" and rs["restart"] == "inplace", rs
    assert rs["restarts"] == 0 and rs["binary"] == "rs", rs
    assert (rs["pid"], "rs", str(rs["endpoint"])) in core.processes
    assert [s["label"] for s in core.svc.status("rs")] == ["rs"]
    core.assert_unchanged()


def test_no_service_may_take_rs_label_or_be_made_core(core):
    out, rc = core.svc.run("up /usr/drivers/hello -label rs")
    assert rc == EBUSY, out
    core.shell.check("echo 'service hx { ipc vfs; core down; };' "
                     "> /tmp/core-hx.conf")
    core.shell.check("echo 'service hx { ipc vfs; restart never; "
                     "core ALL; };' > /tmp/core-hn.conf")
    for conf in ("/tmp/core-hx.conf", "/tmp/core-hn.conf"):
        since = len(core.machine.console_text())
        out, rc = core.svc.run("up /usr/drivers/hello -label hx -config "
                               + conf)
        assert rc == EINVAL, out
        assert "rs: up hx refused: only a boot service may be core" in \
            core.machine.console_text()[since:]
    core.assert_unchanged()


def test_after_the_refusals_ds_keeps_its_keys_and_usertests_pass(core):
    """Runs after the refusals on the same machine: hello's open count,
    kept in DS, survives hello's crash (DS still has its keys), and the
    POSIX suite passes."""
    core.shell.check("cat /dev/hello")
    before = core.svc.get("hello")
    out, rc = core.svc.fi("hello", "crash")
    assert rc == 0, out
    core.svc.wait_recovered("hello", before["restarts"], timeout=60)
    opened = re.findall(r"hello: open #(\d+)", core.machine.console_text())
    assert re.search(r"hello: restarted \(open count %s\)" % opened[-1],
                     core.machine.console_text()), opened
    suite.run(core.shell, "usertests", timeout=600).check()


# Keep-state updates: (id, binary, options, exit status). The binary
# /usr/boot/LABEL is the boot program itself (same PT_LOAD layout);
# /tmp/other/LABEL, a copy of hello.v2 named like the service, has another
# layout: RS refuses it before anything changes.
UPDATE_CASES = {
    "update-self": [("update-self-%d" % st, "self", {"state": st}, 0)
                    for st in (1, 2, 3)] + [
        ("update-self-5", "self", {"state": 5, "maxtime": "2HZ"},
         UPDATE_TIMEOUT_EXIT),
        ("update-self-x", "self", {"x": True}, UPDATE_CRASH_EXIT),
        ("update-self-y", "self", {"y": True}, UPDATE_FAIL_EXIT),
        ("update-self-z", "self", {"z": True}, UPDATE_TIMEOUT_EXIT)],
    "update-binary": [("update-binary-%d" % st, "/usr/boot/%s", {"state": st},
                       0) for st in (1, 2, 3)] + [
        ("update-binary-other-layout", "/tmp/other/%s", {}, EINVAL)],
}


def kept_cases(label, command):
    """[id] of kept COMMAND on LABEL: one per fault kind and per mutation
    kind (harness.mutate: flip, skip, pointer, loop; whether or not the
    mutated code runs, the text guard makes the service fail within one
    heartbeat period) for fi; one per state and debug knob for the
    updates (UPDATE_CASES)."""
    if command in UPDATE_CASES:
        return [case[0] for case in UPDATE_CASES[command]]
    if command != "fi":
        return [command]
    from harness import mutate
    return (["fi-" + kind for kind in fi_kinds()] +
            ["fi-patch-" + kind for kind in mutate.KINDS])


def run_kept(rec, label, case):
    """Run kept CASE (an id of kept_cases) on LABEL and check it with the
    kit: a fault restarts LABEL in place (same endpoint and pid, one
    restart more); refresh and restart start it again in place without
    counting a failure."""
    if case.startswith("fi-patch-"):
        rec.fi(label, mutation_line(label, case[len("fi-patch-"):]),
               others_kept=False)
        return
    if case.startswith("fi-"):
        rec.fi(label, case[len("fi-"):], others_kept=False)
        return
    if case.startswith("update-"):
        command = "-".join(case.split("-")[:2])
        _, binary, options, status = [c for c in UPDATE_CASES[command]
                                      if c[0] == case][0]
        if "%s" in binary:
            binary = binary % label
        if binary.startswith("/tmp/other/"):
            rec.shell.check("mkdir -p /tmp/other && cp /usr/drivers/hello.v2 "
                            + binary)
        mark = rec.mark()
        rec.update(label, binary, expect=status, **options)
        if binary.startswith("/tmp/other/"):
            assert "has another memory layout" in rec.console_since(mark)
        return
    before = rec.svc.get(label)
    mark = rec.mark()
    out, rc = rec.svc.run("%s %s" % (case, label))
    assert rc == 0, (case, out)
    after = rec.svc.wait(label, lambda s: s["state"] == "up", timeout=60,
                         what="up again after %s" % case)
    assert (after["endpoint"], after["pid"], after["restarts"]) == (
        before["endpoint"], before["pid"], before["restarts"]), case
    assert re.search(RESTARTED_IN_PLACE % (label, after["endpoint"],
                                           after["restarts"]),
                     rec.console_since(mark)), case


def own_suite(label):
    """Whether LABEL has a test file of its own (os/tests/test_recover_
    LABEL.py) that runs every kept command on it with the checks of its
    state (pm: processes, vfs: open files ...): the matrix below then
    leaves it out instead of running the same cases twice."""
    return os.path.exists(os.path.join(os.path.dirname(__file__),
                                       "test_recover_%s.py" % label))


# The services whose kept commands this file runs (memdev); the others
# run every fault kind, mutation and update in their own file with the
# checks of their state (os/tests/test_recover_LABEL.py), and only their
# refresh and restart here.
MATRIX = {label: commands for label, commands in WORKS.items()
          if not own_suite(label)}

# Each on a machine of its own: a fault is then a first failure, restarted
# at once (consecutive failures back off: 5, 10, 20 s ... for memdev).
WORK_CASES = ([(label, case) for label, commands in MATRIX.items()
               for command in commands
               for case in kept_cases(label, command)] +
              [(label, command) for label, commands in WORKS.items()
               if label not in MATRIX
               for command in ("refresh", "restart") if command in commands])



@pytest.mark.parametrize("label,case", WORK_CASES,
                         ids=["%s-%s" % c for c in WORK_CASES])
def test_kept_command_works_completely(machine, services, label, case):
    shell = services.shell
    procs = processes(shell)
    others = status_view(services, leave_out=(label,))
    run_kept(Recovery(services, machine), label, case)
    assert processes(shell) == procs
    assert status_view(services, leave_out=(label,)) == others
    devices_answer(shell)


def test_usertests_pass_after_kept_commands(machine, services):
    """Each kept command once more (a fault and a mutation: the second
    failure comes back after a backoff, in the same slot, with the same
    pid), then the POSIX suite."""
    rec = Recovery(services, machine)
    for label, commands in MATRIX.items():
        for case in ("refresh", "restart", "fi-crash", "fi-patch-skip",
                     "update-self-2", "update-self-x", "update-binary-1"):
            if case.split("-")[0] in commands or \
                    "-".join(case.split("-")[:2]) in commands:
                run_kept(rec, label, case)
    rec.usertests()

