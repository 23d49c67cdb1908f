"""Issue 22's reliability policy, every service at once (the analog of
MINIX 3's testrelpol): on one machine with a disk (ata, ext2 mounted on
/home as fs_c0d0) and the network card (pci, e1000, inet), for every
label `service status` lists, RS included:

- `service fi LABEL crash`: the service is back with one restart more.
  A `restart inplace` or `restart stateful` service (its manifest in the
  image, as the kit reads it: kit.core_recovery.restart_policy) keeps its
  endpoint (in place: its pid too, and the console says so); a `restart
  reset` one comes back at a new endpoint, and its clients, which learn
  endpoints only from the data store's driver-up entries, rebound: its
  devices answer through them (ata: VFS's raw reads and ext2's writes;
  e1000: inet says it took the new instance, and a ping goes out and back).
  Every other service keeps its status, every other process its pid and
  endpoint, and what was set up before is intact: the keeper's processes
  (pids, parents, heap, mapping, alarm: harness/keeper.py), a file on
  rootfs and one on the ext2 disk (checksums), hello's open count (kept in
  DS), and a line typed ahead on the console with the console's and
  /dev/agent's settings (ttykeep around the fault).
- `service update self -label LABEL` in prepare states 1, 2, 3: exit 0,
  same endpoint, pid and restart count, the console says it was updated;
  `-state 5 -maxtime 50` (half a second): 4 and the old instance kept;
  `-x`: 200, `-y`: 78, `-z` (`-maxtime 50`): 4, nothing changed. After each
  update usertests' quick set passes (kit.core_recovery.quick_usertests),
  every other service and process is unchanged.
- At the end: the keeper, the files, the background VFS state
  (kit/vfs_state.py: a file open at an offset, a pipe with unread data, a
  working directory, a blocked reader), hello's count after hello's own
  restart, and the whole usertests.

The labels are the boot services (abi.BOOT_SERVICES), the services
/etc/rc starts and the mounted disk's file server, read from the sources
when the tests are collected; the first test checks that `service status`
lists no other (a service added to /etc/rc is covered without an edit
here; one started elsewhere fails that test until it is). Each service's
fault is its first failure (RS restarts it at once); the cases share the
machine because each checks that nothing else changed (the per-service
files, os/tests/test_recover_*.py, run every fault kind and mutation with
each service's own state checks on machines of their own)."""

import os
import re

import pytest

from harness import abi, disk, suite
from harness.keeper import Keeper
from harness.machine import ROOT
from harness.services import Services, parse_status, user_lines
from harness.shell import Shell
from kit.core_recovery import (RESTARTED_IN_PLACE, TYPED, UPDATE_CRASH_EXIT,
                               UPDATE_FAIL_EXIT, UPDATE_TIMEOUT_EXIT,
                               Recovery, devices_answer, restart_policy,
                               ttykeep)
from kit.vfs_state import HeldState

MIB = 1 << 20
FS_LABEL = "fs_" + os.path.basename(disk.DEVICE)    # VFS's name for it
DISK_FILE = "/home/relpol.sh"       # a file written to the ext2 disk
ROOT_FILE = "/tmp/relpol.sh"        # and one on rootfs
SMALL = 50                          # ticks: -maxtime of the failing cases
PING = "ping -c 1 -W 5 10.0.2.2"    # QEMU's user network answers it


def rc_labels():
    """The labels of the services /etc/rc starts (`service up BINARY
    [-label L]`), in its order."""
    with open(os.path.join(ROOT, "os", "rootfs", "etc", "rc")) as f:
        lines = [l for l in f if not l.lstrip().startswith("#")]
    labels = []
    for m in re.finditer(r"service up (\S+)([^\n;]*)", "".join(lines)):
        named = re.search(r"-label (\S+)", m.group(2))
        labels.append(named.group(1) if named else
                      os.path.basename(m.group(1)))
    return labels


LABELS = list(abi.BOOT_SERVICES) + rc_labels() + [FS_LABEL]

# update case -> (options, exit status).
UPDATES = {
    "state1": ({"state": 1}, 0),
    "state2": ({"state": 2}, 0),
    "state3": ({"state": 3}, 0),
    "state5": ({"state": 5, "maxtime": SMALL}, UPDATE_TIMEOUT_EXIT),
    "x": ({"x": True}, UPDATE_CRASH_EXIT),
    "y": ({"y": True}, UPDATE_FAIL_EXIT),
    "z": ({"z": True, "maxtime": SMALL}, UPDATE_TIMEOUT_EXIT),
}


class Relpol:
    """The shared machine and what was set up on it before the first
    fault."""

    def __init__(self, machine):
        self.machine = machine
        self.shell = Shell(machine).wait_prompt()
        self.svc = Services(self.shell)
        self.rec = Recovery(self.svc, machine)
        sh = self.shell
        assert disk.ensure_mounted(sh) == disk.HOME
        # usertests' perm_system wants student's home: on the disk now.
        sh.check("mkdir -p /home/student && chown student:student "
                 "/home/student")
        sh.check("cp /bin/sh %s && cp /bin/sh %s && sync"
                 % (ROOT_FILE, DISK_FILE), timeout=120)
        self.sums = self.checksums()
        self.keeper = Keeper(sh)
        self.keeper.start()
        self.held = HeldState(sh)
        self.hello_count = self.open_hello()
        self.last_view = None        # the view the last update case took

    def checksums(self):
        out = self.shell.check("cksum %s %s" % (ROOT_FILE, DISK_FILE))
        return [l.split()[0] for l in user_lines(out) if l.strip()]

    def open_hello(self):
        """Open /dev/hello once; the open number hello printed."""
        since = self.rec.mark()
        out = self.shell.check("cat /dev/hello")
        assert "Hello, World!" in out, out
        opened = re.findall(r"hello: open #(\d+)",
                            self.rec.console_since(since))
        assert opened, out
        return int(opened[-1])

    def status(self):
        return {s["label"]: s for s in self.svc.status()}

    def view(self):
        """({label: status fields}, processes) in one guest command: what
        a case compares before and after (processes as kit's processes(),
        without ps)."""
        out = self.shell.check("service status; ps")
        status = {s["label"]: s for s in parse_status(out)}
        procs = set()
        for line in out.splitlines():
            words = line.split()
            if len(words) >= 4 and words[0].isdigit() and words[2] != "ps":
                procs.add((int(words[0]), words[2], words[-1]))
        return status, procs

    def kept(self):
        """What was set up before is intact, and the system answers."""
        self.keeper.assert_same()
        assert self.checksums() == self.sums
        count = self.open_hello()
        assert count == self.hello_count + 1, (self.hello_count, count)
        self.hello_count = count
        devices_answer(self.shell)


@pytest.fixture(scope="module")
def relpol(module_boot, tmp_path_factory):
    tree = tmp_path_factory.mktemp("relpol-tree")
    (tree / "hello.txt").write_text("hello from ext2\n")
    img = str(tmp_path_factory.mktemp("relpol-disk") / "ext2.img")
    disk.make_ext2(img, 16 * MIB, str(tree))
    return Relpol(module_boot(disk=img, net=True))


def ttykeep_ok(shell, args, timeout=240):
    """kit's ttykeep: it must pass and have read the typed-ahead line.
    Returns its output."""
    out, rc = ttykeep(shell, args, timeout)
    assert rc == 0 and "ttykeep: OK" in out, (args, rc, out)
    assert "ttykeep: read %s" % TYPED in out, out
    return out


def without(procs, *rows):
    """PROCS (processes()) without the rows of the pids and endpoints in
    ROWS ((pid, endpoint) pairs)."""
    gone = {p for p, _ in rows}
    eps = {str(e) for _, e in rows}
    return {p for p in procs if p[0] not in gone and p[2] not in eps}


def test_status_lists_the_covered_services_with_their_policy(relpol):
    """`service status` lists no label this file does not cover, each
    with the restart policy its manifest in the image gives it."""
    status = relpol.status()
    assert set(status) <= set(LABELS), sorted(set(status) - set(LABELS))
    for label in ("ata", "e1000", "inet", "pci", FS_LABEL):
        assert label in status, (label, sorted(status))
    for label, s in status.items():
        policy = restart_policy(label, s.get("binary"))
        assert s.get("restart") == policy, (label, s, policy)
        assert s["state"] == "up", s


def rebound(r, label, mark):
    """The clients of reset service LABEL found its new endpoint (which
    they learn from its driver-up entry in DS): its devices answer."""
    sh = r.shell
    if label == "ata":
        sh.check("dd if=%s of=/dev/null bs=512 count=8" % disk.DEVICE,
                 timeout=60)                       # VFS's binding
        sh.check("echo after-%s > /home/relpol.new && sync && "
                 "cat /home/relpol.new" % label, timeout=60)  # ext2's
        assert "bdev: " not in r.rec.console_since(mark)
    elif label == "e1000":
        assert r.machine.wait_console(r"inet: eth0 on e1000 again",
                                      since=mark, timeout=60), \
            r.rec.console_since(mark)
        out, rc = sh.run(PING, timeout=60)
        assert rc == 0 and "1 received" in out, out


def unchanged(view, label):
    """VIEW (Relpol.view) as a case compares it: every other service's
    endpoint, pid, restarts, state and binary (kit's status_view), and
    the processes."""
    status, procs = view
    return ({l: (s["endpoint"], s["pid"], s["restarts"], s["state"],
                 s["binary"]) for l, s in status.items() if l != label},
            procs)


@pytest.mark.parametrize("label", LABELS)
def test_fault(relpol, label):
    r = relpol
    r.last_view = None
    view = r.view()
    if label not in view[0]:
        pytest.skip("%s is not running here" % label)
    before, procs = view[0][label], view[1]
    policy = restart_policy(label, before.get("binary"))
    mark = r.rec.mark()
    ttykeep_ok(r.shell, "%sfi %s crash" % ("-w " if label == "tty" else "",
                                        label))
    after = r.svc.wait(label, lambda s: s["state"] == "up" and
                       s["restarts"] > before["restarts"], timeout=90,
                       what="restarted after fi crash")
    assert after["restarts"] == before["restarts"] + 1, (before, after)
    status, now = r.view()
    text = r.rec.console_since(mark)
    assert "kept state is inconsistent" not in text, text[-3000:]
    if policy in ("inplace", "stateful"):
        assert after["endpoint"] == before["endpoint"], (before, after)
    if policy == "inplace":
        assert after["pid"] == before["pid"], (before, after)
        if label == "rs":
            assert re.search(r"rs: restarted in place \(crash, restarts "
                             r"%d\)" % after["restarts"], text), text[-3000:]
        else:
            assert re.search(RESTARTED_IN_PLACE % (
                label, after["endpoint"], after["restarts"]), text), \
                text[-3000:]
        assert now == procs
    else:
        if policy == "reset":
            assert after["endpoint"] != before["endpoint"], (before, after)
            rebound(r, label, mark)
        assert without(now, (after["pid"], after["endpoint"])) == \
            without(procs, (before["pid"], before["endpoint"]))
    assert unchanged((status, now), label)[0] == unchanged(view, label)[0]
    r.kept()


UPDATE_CASES = [(label, case) for label in LABELS for case in UPDATES]


@pytest.mark.parametrize("label,case", UPDATE_CASES,
                         ids=["%s-%s" % c for c in UPDATE_CASES])
def test_update_self(relpol, label, case):
    """One update of LABEL to itself: the kit's checks (exit status, same
    endpoint, pid and restarts, the console's word, usertests' quick
    set), and nothing else changed. The view before is the one the
    previous case took after itself (nothing runs in between)."""
    r = relpol
    view = r.last_view or r.view()
    r.last_view = None
    if label not in view[0]:
        pytest.skip("%s is not running here" % label)
    options, status = UPDATES[case]
    r.rec.update(label, "self", expect=status, before=view[0][label],
                 **options)
    after = r.view()
    assert unchanged(after, label) == unchanged(view, label)
    r.last_view = after


def test_everything_kept_at_the_end(relpol):
    """After every fault and update: the keeper, the files, the VFS state
    held in the background since the start, hello's count restored from
    DS after hello's second restart, and the whole usertests."""
    r = relpol
    r.kept()
    r.held.still_held()
    r.held.verify()
    before = r.svc.get("hello")
    mark = r.rec.mark()
    out, rc = r.svc.run("fi hello crash")
    assert rc == 0, out
    r.svc.wait_recovered("hello", before["restarts"], timeout=90)
    assert "hello: restarted (open count %d)" % r.hello_count in \
        r.rec.console_since(mark)
    r.kept()
    suite.run(r.shell, "usertests", timeout=900).check()
