"""The shared checks of a core service's recovery (issue 22), for the
tests of every service that restarts in place (manifest `restart inplace`:
os/servers/rs/README.md) and the campaigns.

    from kit.core_recovery import Recovery

    def test_pm_crash(services, machine):
        rec = Recovery(services, machine)
        rec.fi("pm", "crash")              # restarted in place, same pid
        rec.update("pm", "self", state=2)  # same endpoint, new program,
                                           # then `usertests -q` passes
        rec.usertests()                    # the whole suite

Each check waits for the outcome on `service status` (never a sleep) and
asserts what the issue asks: after `service fi LABEL KIND` the service is
up again, restarted in place (the console says so), with the same endpoint
and pid and its restart count one higher; after `service update` the
service is up at the same endpoint (a failed update: the documented exit
status and the old version kept). The state a service keeps is the
caller's to check (a process, a file, a key, a line): snapshot it before,
compare after. Every update is followed by usertests' quick set
(`usertests -q`: one short test per subsystem, os/tests/user/usertests/
README.md), so a series of updates shows which one broke the system; the
whole suite runs at the end of a series. os/tests sits on pytest's path (it has no __init__.py), so
this folder's modules import as `kit.NAME`."""

import os
import re

from harness import abi, suite
from harness.machine import ROOT

# `service update` exit statuses for the debug knobs and a state never
# reached (as for drivers: os/commands/service/README.md).
UPDATE_CRASH_EXIT = 200        # -x: the new version crashes in its init
UPDATE_FAIL_EXIT = 78          # -y: its init fails (-ENOSYS)
UPDATE_TIMEOUT_EXIT = 4        # -z, or a state not reached within maxtime
RESTARTED_IN_PLACE = r"rs: %s restarted in place \(endpoint %d, restarts %d\)"
UPDATED = "rs: %s updated"
QUICK_USERTESTS = "usertests -q"


def fi_kinds():
    """The fault kinds `service fi` knows: the names of abi/sef.h's
    FI_KIND_LIST (the one declaration, through harness.abi; the debug
    kinds of FI_DEBUG_KIND_LIST are not among them)."""
    return list(abi.FAULT_KINDS)


def manifest_path(name):
    """The source of the manifest the image installs as
    /etc/system.conf.d/NAME (os/os.mk: a boot service's
    os/rootfs/etc/system.conf.d/NAME, or the NAME.conf of a driver, a
    server or a test service), or None when the image has none."""
    import glob
    path = os.path.join(ROOT, "os", "rootfs", "etc", "system.conf.d", name)
    if os.path.isfile(path):
        return path
    for folder in ("drivers", "servers", os.path.join("tests", "services")):
        found = glob.glob(os.path.join(ROOT, "os", folder, "*",
                                       name + ".conf"))
        if found:
            return found[0]
    return None


def restart_policy(label, binary=None):
    """How RS restarts LABEL (its manifest's `restart`, RS's own default
    `stateful` without one; RS itself: `inplace`), the manifest looked up
    by LABEL, else by BINARY's name (a file server mounted as fs_c0d0
    runs /sbin/ext2 under ext2's manifest)."""
    if label == "rs":
        return "inplace"
    for name in (label, binary and os.path.basename(binary)):
        if name and manifest_path(name):
            return manifest(name).get("restart", ["stateful"])[0]
    return "stateful"


def manifest(label):
    """{key: [words]} of service LABEL's manifest in the image (a boot
    service's os/rootfs/etc/system.conf.d/LABEL, else manifest_path's),
    comments left out."""
    path = manifest_path(label)
    assert path, "no manifest %s in the image" % label
    with open(path) as f:
        text = re.sub(r"#[^\n]*", "", f.read())
    body = text[text.index("{") + 1:text.rindex("}")]
    keys = {}
    for statement in body.split(";"):
        words = statement.split()
        if words:
            keys[words[0]] = words[1:]
    return keys


def processes(shell):
    """The guest's processes as a set of (pid, name, endpoint), from ps,
    without ps itself."""
    rows = set()
    for line in shell.check("ps").splitlines():
        words = line.split()
        if len(words) >= 4 and words[0].isdigit() and words[2] != "ps":
            rows.add((int(words[0]), words[2], words[-1]))
    return rows


def status_view(svc, leave_out=()):
    """What must not change in `service status` for the services not
    concerned: per label its endpoint, pid, restarts, state and binary
    (labels in LEAVE_OUT left out)."""
    return {s["label"]: (s["endpoint"], s["pid"], s["restarts"], s["state"],
                         s["binary"]) for s in svc.status()
            if s["label"] not in leave_out}


def devices_answer(shell):
    """The shell, /dev/null (memdev), /etc/motd (vfs, rootfs) and
    /dev/full answer as they should."""
    assert shell.check("echo alive").strip() == "alive"
    assert shell.check("wc -c /dev/null").split()[0] == "0"
    shell.check("cat /etc/motd > /dev/null")
    out, rc = shell.run("echo x > /dev/full")
    assert rc != 0, out


class Recovery:
    """The recovery checks on one machine: SERVICES (harness.services),
    MACHINE for its console."""

    def __init__(self, services, machine):
        self.svc = services
        self.shell = services.shell
        self.machine = machine

    def console_since(self, mark):
        """The console text after position MARK (len of an earlier
        console_text())."""
        return self.machine.console_text()[mark:]

    def mark(self):
        """A position in the console for console_since."""
        return len(self.machine.console_text())

    def fi(self, label, kind="crash", timeout=60, others_kept=True):
        """`service fi LABEL KIND` (KIND "patch:MUTATION" for a code
        mutation line from kit.core_recovery.mutation_line, or a whole
        "patch 0x..." argument list): LABEL is restarted in place (the
        console line), up with the same endpoint and pid and one restart
        more; with OTHERS_KEPT, every other service's status and every
        other process is unchanged. Returns (before, after) status
        fields."""
        before = self.svc.get(label)
        others = status_view(self.svc, leave_out=(label,))
        procs = processes(self.shell) if others_kept else None
        mark = self.mark()
        if kind.startswith("patch"):
            self._fi_held(label, kind, before, timeout)
        else:
            out, rc = self.svc.run("fi %s %s" % (label, kind))
            assert rc == 0, ("fi", label, kind, out)
        after = self.svc.wait(
            label, lambda s: s["state"] == "up" and
            s["restarts"] > before["restarts"], timeout=timeout,
            what="restarted after fi %s" % kind)
        assert after["endpoint"] == before["endpoint"], (kind, before, after)
        assert after["pid"] == before["pid"], (kind, before, after)
        assert after["restarts"] == before["restarts"] + 1, (kind, after)
        assert re.search(RESTARTED_IN_PLACE % (
            label, after["endpoint"], after["restarts"]),
            self.console_since(mark)), ("not restarted in place", kind)
        if others_kept:
            assert status_view(self.svc, leave_out=(label,)) == others
            assert processes(self.shell) == procs
        return before, after

    def _fi_held(self, label, patch, before, timeout):
        """`service fi LABEL PATCH` (a code mutation) with the shell held
        in `read` until the console says LABEL was restarted in place: a
        mutated pm or mm may answer errors until the text guard catches
        it (one in mm's kernel-call stub fails every fork, an error the
        caller sees), and the fork of Shell.run's `echo` after the command
        would be lost with it. Asserts `service` exited 0."""
        from harness.shell import PROMPT_RE, RC_RE
        m = self.machine
        m.sendline("service fi %s %s; R=$?; read _go; test $R -eq 0; "
                   "echo __rc:$?" % (label, patch))
        m.expect(RESTARTED_IN_PLACE % (label, before["endpoint"],
                                       before["restarts"] + 1), timeout)
        m.sendline("")
        m.expect(RC_RE, timeout)
        status = int(m.console.match.group(1))
        m.expect(PROMPT_RE, timeout)
        assert status == 0, ("fi", label, patch, m.console.before)

    def update(self, label, binary="self", expect=0, timeout=120,
               usertests=True, before=None, **options):
        """`service update BINARY -label LABEL` with OPTIONS (state=N,
        maxtime=T, x=True, y=True, z=True): exits EXPECT; afterwards LABEL
        is up at the same endpoint with the same pid and restart count
        (its new version after a success, the old one kept after a
        failure, a refusal or a cancelled prepare: the console says
        which), and, with USERTESTS, usertests' quick set passes.
        BINARY: "self", or a file in the guest with the same PT_LOAD
        layout (/usr/boot/LABEL: the boot program itself); another layout
        is refused (EINVAL). BEFORE: LABEL's status fields just taken by
        the caller (else asked now). Returns (before, after)."""
        before = before or self.svc.get(label)
        mark = self.mark()
        out, rc = self.svc.update(binary, label, **options)
        assert rc == expect, ("update", label, binary, options, out)
        after = self.svc.wait(label, lambda s: s["state"] == "up",
                              timeout=timeout, what="up after update")
        assert after["endpoint"] == before["endpoint"], (before, after)
        assert after["pid"] == before["pid"], (before, after)
        assert after["restarts"] == before["restarts"], (before, after)
        text = self.console_since(mark)
        if expect == 0:
            assert UPDATED % label in text, text
        else:
            assert re.search(r"rs: %s update (failed|cancelled|refused)"
                             % label, text), text
            assert UPDATED % label not in text, text
        if usertests:
            self.quick_usertests()
        return before, after

    def usertests(self, timeout=600):
        """The POSIX suite passes."""
        suite.run(self.shell, "usertests", timeout=timeout).check()

    def quick_usertests(self, timeout=120):
        """usertests' quick set passes (quick_usertests)."""
        quick_usertests(self.shell, timeout)


def quick_usertests(shell, timeout=120):
    """`usertests -q` at SHELL passes: one short test of each subsystem
    (fork/exit/wait, exec, pipe, files, brk and mmap, a signal, memdev,
    poll, the terminal: os/tests/user/usertests/main.c's quick set), the
    check after every single live update (the whole suite at the end of
    a series)."""
    result = suite.run(shell, QUICK_USERTESTS, timeout=timeout).check()
    assert len(result.cases) >= 10, result.text
    return result


def mutation_line(label, kind, seed=17):
    """The `fi LABEL patch ADDR OLD NEW` arguments (without "fi LABEL") of
    one code mutation of harness.mutate kind KIND in LABEL's binary."""
    import random
    from harness import mutate
    binary, rng = mutate.load(label), random.Random(seed)
    for k in mutate.KINDS:
        addr, old, new = mutate.mutation(binary, k, rng)
        if k == kind:
            return "patch 0x%x %s %s" % (addr, old.hex(), new.hex())
    raise ValueError("unknown mutation kind %r" % kind)


# ---- the cases the core services' test files share -------------------------
# A test file is only its cases (the developers' guide): the cases every
# core service of a kind has are made here for one label and put into the
# test file's namespace (INTO: its globals()) under their test names,
# where pytest collects them with their parameters.

UPDATE_STATES = (1, 2, 3)
# The updates that fail by design, with their exit status: the old
# instance serves on with its state.
FAILED_UPDATES = [({"x": True}, UPDATE_CRASH_EXIT),
                  ({"y": True}, UPDATE_FAIL_EXIT),
                  ({"z": True}, UPDATE_TIMEOUT_EXIT),
                  ({"state": 5, "maxtime": "1HZ"}, UPDATE_TIMEOUT_EXIT)]


def update_binaries(label):
    """The two binaries a keep-state update of LABEL may take: itself and
    its boot program (the same PT_LOAD layout)."""
    return ("self", "/usr/boot/" + label)


def with_keeper(services, machine):
    """(Recovery, Keeper) on this machine, /bin/keeper started
    (harness.keeper: a process whose state lives in PM and MM)."""
    from harness.keeper import Keeper
    keeper = Keeper(services.shell)
    keeper.start()
    return Recovery(services, machine), keeper


def needs_update(label):
    """Skip while LABEL's manifest still refuses `update` (the keep-state
    live update of a core service is not there yet)."""
    import pytest
    if "update" in manifest(label).get("core", []):
        pytest.skip("%s's manifest refuses update (core)" % label)


def kept_said(text, kept_re, label, kept, after):
    """Check what the console TEXT (since a `service` command on LABEL)
    says of its outcome KEPT: "fault" or "restart" (the last line matching
    KEPT_RE, the service's "state kept (restart|update)" line, says
    restart, and RS's restarted-in-place line names AFTER's endpoint and
    restart count), "update" (that line says update) or None (no such
    line: the old version went on); never an inconsistent kept state.
    Returns the groups of the last KEPT_RE match (None for None)."""
    said = re.findall(kept_re, text)
    if kept:
        assert said and said[-1][0] == ("update" if kept == "update"
                                        else "restart"), text[-3000:]
    else:
        assert not said, text[-3000:]
    if kept in ("fault", "restart"):
        assert re.search(RESTARTED_IN_PLACE % (
            label, after["endpoint"], after["restarts"]), text), text[-3000:]
    assert "kept state is inconsistent" not in text, text[-3000:]
    return said[-1] if kept else None


def install(into, cases):
    """Put the test functions CASES ({test name: function}) into INTO (a
    test module's globals()), each named as its test."""
    for test, fn in cases.items():
        fn.__name__ = fn.__qualname__ = test
        into[test] = fn


def keeper_cases(label, name, into):
    """The cases of a server whose state is its processes' (pm, mm), each
    on a machine of its own with /bin/keeper started before and checked
    after (harness.keeper): every fault kind (the console says "LABEL:
    NAME restarted in place" and no inconsistent kept state), every code
    mutation, an update to each binary in each state ("LABEL: NAME updated
    in place"), each failed update, and usertests after a crash and an
    update; installed into INTO as test_fault_keeps_every_process,
    test_code_mutation_keeps_every_process,
    test_update_keeps_every_process, test_failed_update_keeps_the_old_LABEL
    and test_usertests_pass_after_faults_and_an_update."""
    import pytest
    from harness import mutate

    @pytest.mark.parametrize("kind", fi_kinds())
    def fault(services, machine, kind):
        rec, keeper = with_keeper(services, machine)
        mark = rec.mark()
        rec.fi(label, kind)
        keeper.assert_same()
        text = rec.console_since(mark)
        assert "%s: %s restarted in place" % (label, name) in text, text
        assert "kept state is inconsistent" not in text, text

    @pytest.mark.parametrize("kind", mutate.KINDS)
    def code_mutation(services, machine, kind):
        rec, keeper = with_keeper(services, machine)
        rec.fi(label, mutation_line(label, kind))
        keeper.assert_same()

    @pytest.mark.parametrize("binary", update_binaries(label))
    @pytest.mark.parametrize("state", UPDATE_STATES)
    def update(services, machine, binary, state):
        needs_update(label)
        rec, keeper = with_keeper(services, machine)
        mark = rec.mark()
        rec.update(label, binary, state=state)
        keeper.assert_same()
        assert "%s: %s updated in place" % (label, name) in \
            rec.console_since(mark)

    @pytest.mark.parametrize("options,code", FAILED_UPDATES,
                             ids=["-x", "-y", "-z", "state5"])
    def failed_update(services, machine, options, code):
        needs_update(label)
        rec, keeper = with_keeper(services, machine)
        rec.update(label, "self", expect=code, **options)
        keeper.assert_same()

    def usertests(services, machine):
        rec, keeper = with_keeper(services, machine)
        rec.fi(label, "crash")
        keeper.assert_same()
        if "update" not in manifest(label).get("core", []):
            rec.update(label, "self")
            keeper.assert_same()
        rec.usertests()
        keeper.assert_same()

    install(into, {
        "test_fault_keeps_every_process": fault,
        "test_code_mutation_keeps_every_process": code_mutation,
        "test_update_keeps_every_process": update,
        "test_failed_update_keeps_the_old_" + label: failed_update,
        "test_usertests_pass_after_faults_and_an_update": usertests})


def command_cases(label, what, check_kept, into):
    """The cases of a service whose state its clients check around one
    `service` command (ds, tty): CHECK_KEPT(services, ARGS, status=0,
    kept="fault"|"restart"|"update"|None) runs `service ARGS` and checks
    (the test file's own). Every fault kind, every code mutation, restart
    and refresh, an update to each binary in each state, and each failed
    update (RS's documented exit status; the old version goes on);
    installed into INTO as test_fault_keeps_the_WHAT,
    test_code_mutation_keeps_the_WHAT,
    test_restart_and_refresh_keep_the_WHAT, test_update_keeps_the_WHAT
    and test_failed_update_keeps_the_old_WHAT."""
    import pytest
    from harness import mutate

    @pytest.mark.parametrize("kind", abi.FAULT_KINDS)
    def fault(services, kind):
        check_kept(services, "fi %s %s" % (label, kind))

    @pytest.mark.parametrize("kind", mutate.KINDS)
    def code_mutation(services, kind):
        check_kept(services, "fi %s %s" % (label, mutation_line(label, kind)))

    @pytest.mark.parametrize("command", ["restart", "refresh"])
    def restart_and_refresh(services, command):
        check_kept(services, "%s %s" % (command, label), kept="restart")

    @pytest.mark.parametrize("binary", update_binaries(label))
    @pytest.mark.parametrize("state", UPDATE_STATES)
    def update(services, binary, state):
        check_kept(services, "update %s -label %s -state %d"
                   % (binary, label, state), kept="update")

    @pytest.mark.parametrize("options,status", [
        ("-state 5 -maxtime 1HZ", UPDATE_TIMEOUT_EXIT),
        ("-x", UPDATE_CRASH_EXIT), ("-y", UPDATE_FAIL_EXIT),
        ("-z", UPDATE_TIMEOUT_EXIT)], ids=["state5", "x", "y", "z"])
    def failed_update(services, options, status):
        """The update fails (never ready, or the new version crashes,
        fails or never answers its init): RS's documented exit status,
        and the old version goes on serving with everything it had."""
        check_kept(services, "update self -label %s %s" % (label, options),
                   status=status, kept=None)

    install(into, {
        "test_fault_keeps_the_" + what: fault,
        "test_code_mutation_keeps_the_" + what: code_mutation,
        "test_restart_and_refresh_keep_the_" + what: restart_and_refresh,
        "test_update_keeps_the_" + what: update,
        "test_failed_update_keeps_the_old_" + what: failed_update})


__all__ = ["Recovery", "fi_kinds", "manifest", "manifest_path",
           "restart_policy", "quick_usertests", "processes", "status_view",
           "devices_answer", "mutation_line", "UPDATE_CRASH_EXIT",
           "UPDATE_FAIL_EXIT", "UPDATE_TIMEOUT_EXIT", "UPDATE_STATES",
           "FAILED_UPDATES", "update_binaries", "with_keeper",
           "needs_update", "kept_said", "install", "keeper_cases", "command_cases",
           "abi"]


# The line ttykeep (os/tests/user/ttykeep) has typed ahead on the console.
TYPED = "typedahead"


def ttykeep(shell, args, timeout=240):
    """Run `ttykeep ARGS` at SHELL and type TYPED when it asks (the line
    then waits in the terminal driver, unread, while `service ARGS` runs;
    ttykeep checks that the line, the console's settings and /dev/agent's
    stay as they were). Returns its output and exit status."""
    from harness.shell import ECHOED, PROMPT_RE, RC_RE
    m = shell.machine
    m.sendline("ttykeep %s; echo %s" % (args, ECHOED))
    m.expect(r"ttykeep: type\r*\n", 60)
    m.send(TYPED + "\r")
    m.expect(RC_RE, timeout)
    out = m.console.before.replace("\r", "")
    rc = int(m.console.match.group(1))
    m.expect(PROMPT_RE, 30)
    return out, rc
