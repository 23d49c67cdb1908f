"""Fault-injection campaigns: ``make campaign FAULTS=N [DRIVERS="hello rtc
printer"] [SEED=S] [JOBS=J] [REPLAY=TRIALSEED] [SHARD=i/K]``, or
``/usr/bin/python3 -m harness campaign --faults N ...``; ``make
campaign-merge DIR...`` (``python3 -m harness campaign merge DIR...``:
harness/campaign_merge.py) puts shards' reports together.

Boots the OS on QEMU, brings each driver down and up again from its own
``service status`` line with ``-b`` (no backoff) and a heartbeat period
(``--period``, default 10 ticks: a driver without a heartbeat can never
recover from a hang), then starts the guest agent ``fic`` (os/tests/user/
fic) and sends it one trial per line (harness/campaign_plan.py: driver,
kind, delay, mutation, all from the trial seed). Each answer is counted
(harness/campaign_stats.py); every 50 trials and after a failure the
runner quits fic and checks at the shell that ``service status`` shows
every driver up. A kernel panic or a guest that stops answering is a
failure of the trial: its logs are kept (bounded), the machine reboots and
the campaign goes on. JOBS machines run side by side.

Writes build/campaign/report.json, report.html (harness/campaign_report.py)
and trials.jsonl (one line per trial, rotated at 10 MB, one old file kept).
With ``--shard i/K`` (harness/shard.py) it runs only the trials whose index
is i modulo K, into build/campaign/shard-i-of-K/ unless --out says
otherwise; every report records its plan (seed, faults, drivers, period,
binaries, the image's SHA-256) and its shard.

Core services and RS (``DRIVERS="pm vfs ds"``, ``DRIVERS=core``, or
``--core``/``CORE=1`` for the default drivers and all of them: harness/
campaign_plan.py) are not brought down (they refuse it): each gets
``service refresh LABEL -b`` instead (RS itself nothing: the kernel
restarts it), keeps its manifest's heartbeat, and fic is started with
their labels (``fic pm vfs ...``): it sets up something of each one's
state and checks it after every trial (os/tests/user/fic/state.c); a
failed check is wrong data with its reason in the detail. A tty trial is
followed by a line typed ahead (campaign_plan.Trial.ahead) that fic must
read after the recovery.

Exit status: 0 every trial survived (recovered or latent), 1 some failed
(reports written), 2 bad input (unknown driver, FAULTS not a positive
number, no emulator, image not built) with a message.
"""

import argparse
import json
import os
import re
import shutil
import sys
import threading
import time

from harness import campaign_plan as cplan
from harness import campaign_report
from harness import mutate
from harness import shard as shardmod
from harness.campaign_stats import SURVIVED, Stats
from harness.machine import (ROOT, EmulatorError, GuestPanic, QemuMachine)
from harness.progress import Progress
from harness.services import parse_status
from harness.shell import Shell

OUT_DIR = os.path.join(ROOT, "build", "campaign")
IMAGE = os.path.join(ROOT, "build", "os.iso")
DEFAULT_PERIOD = "10"          # ticks: hangs are found in 2 periods
CHECK_EVERY = 50               # trials between shell checks
TRIAL_TIMEOUT = 60             # seconds (unscaled) for one R line
JSONL_LIMIT = 10 * 1024 * 1024
LOG_TAIL = 64 * 1024           # bytes of console kept per failure
CONSOLE_LIMIT = 4 * 1024 * 1024   # a machine's console.log is trimmed above

# What a service prints when its text guard finds its code changed.
GUARD_LINE = "panic: text guard"

R_RE = r"R %d (\S+) (-?\d+) (\d+) (\d+) (\d+) (\S+)\r*\n"
FIC_SETUP_TIMEOUT = 60         # seconds: fic's state set-up (core services)


class BadInput(Exception):
    """Exit status 2: the campaign cannot start."""


class Failure(Exception):
    """The OS crashed or hung during a trial (OUTCOME "crash" or "hang")."""

    def __init__(self, outcome, detail, log):
        super().__init__(detail)
        self.outcome = outcome
        self.detail = detail
        self.log = log


def tail_of(path, size=LOG_TAIL):
    """The last SIZE bytes of the file PATH, as text ("" when missing)."""
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - size))
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


# The disk of a campaign with ata: an ext2 file system (harness/disk.py
# make_ext2) that /etc/rc mounts on /home, holding fic's source file
# (os/tests/user/fic/fileop.c: FIC_SRC, FIC_SIZE bytes of the pattern of
# FIC_SEED), which fic's workload copies and compares.
DISK_SIZE = 8 << 20
FIC_SRC = "fic.src"
FIC_SIZE = 64 * 1024
FIC_SEED = 0xF1C0


class Worker:
    """One QEMU machine running trials through fic."""

    def __init__(self, wid, image, out_dir, drivers, binaries, period):
        self.wid = wid
        self.image = image
        self.workdir = os.path.join(out_dir, "machine-%d" % wid)
        self.drivers = drivers
        self.binaries = binaries      # label -> path in the guest, or None
        self.period = period
        self.machine = None
        self.shell = None
        self.boots = 0
        self.fic_up = False
        self.since_check = 0
        self.machine_disk = None
        self.fsck = None          # (status, output) of e2fsck -fn: finish()

    # ---- life cycle ----------------------------------------------------------
    def boot(self):
        """A fresh boot, the drivers set up, fic started."""
        self.close()
        self.machine_disk = self.make_disk()
        net = True if any(cplan.is_net(d) for d in self.drivers) else None
        self.machine = QemuMachine(self.image, workdir=self.workdir,
                                   disk=self.machine_disk, net=net)
        self.machine.boot()
        self.boots += 1
        self.shell = Shell(self.machine).wait_prompt()
        self.setup_drivers()
        self.start_fic()

    def make_disk(self):
        """With ata among the drivers: a new ext2 disk holding fic's source
        file (fic's ata workload copies it), made again for every boot (a
        mutated driver may have written to the last one); else None."""
        if "ata" not in self.drivers:
            return None
        from harness import disk
        tree = os.path.join(self.workdir, "disk-tree")
        os.makedirs(tree, exist_ok=True)
        disk.write_pattern(os.path.join(tree, FIC_SRC), FIC_SEED, FIC_SIZE)
        return disk.make_ext2(os.path.join(self.workdir, "disk.img"),
                              DISK_SIZE, tree)

    def finish(self):
        """The end of the campaign for this machine: with ata, stop fic,
        sync, power off and run e2fsck -fn on the disk (self.fsck: its
        status and output). A machine that is gone is left alone."""
        if self.machine is None or "ata" not in self.drivers:
            return
        from harness import disk
        try:
            if self.fic_up:
                self.stop_fic()
            disk.sync_and_power_off(self.shell, timeout=120)
        except (TimeoutError, EmulatorError, AssertionError) as e:
            self.fsck = (None, "no clean power-off: %s" % e)
            return
        self.machine.close()
        self.machine = None
        self.fsck = disk.e2fsck(self.machine_disk)

    def close(self):
        if self.machine is not None:
            self.machine.close()
        self.machine = None
        self.fic_up = False

    def setup_drivers(self):
        """Every driver down and up again from its own status line, with
        -b and -period. With ata, the file system on its disk is
        unmounted meanwhile and mounted again on /home (where fic's disk
        workload expects it)."""
        from harness import disk
        out, rc = self.shell.run("service status")
        status = {s["label"]: s for s in parse_status(out)}
        if "ata" in self.drivers:
            for dev, where, _, _ in disk.mounts(self.shell):
                if dev == disk.DEVICE:
                    self.shell.check("umount " + where, timeout=60)
        for label in cplan.setup_order(self.drivers):
            s = status.get(label)
            if s is None:
                raise BadInput("driver %s is not running in the guest "
                               "(service status lists %s)"
                               % (label, ", ".join(sorted(status))))
            if cplan.is_core(label):
                self.setup_core(label)
                continue
            binary = self.binaries.get(label) or s["binary"]
            words = ["service up", binary]
            if os.path.basename(binary) != label:
                words += ["-label", label]
            if s.get("dev", "-") != "-":
                words += ["-dev", s["dev"]]
            words += ["-b", "-period", self.period]
            for line in ("service down " + label, " ".join(words)):
                out, rc = self.shell.run(line, timeout=30)
                if rc != 0:
                    raise EmulatorError("%r exited %d: %s" % (line, rc, out))
        if "ata" in self.drivers:
            disk.ensure_mounted(self.shell)

    def setup_core(self, label):
        """A core service (or RS) of the campaign: never brought down
        (core services refuse it). It keeps its manifest's heartbeat; a
        refresh with -b makes RS restart it at once after every failure
        (no backoff: it is faulted again within seconds). RS itself is
        restarted by the kernel, which has no backoff: nothing to do."""
        if label == "rs":
            return
        line = "service refresh %s -b" % label
        out, rc = self.shell.run(line, timeout=60)
        if rc != 0:
            raise BadInput("%r exited %d: %s (is %s recoverable in this "
                           "build?)" % (line, rc, out.strip()[-300:], label))

    def fic_command(self):
        """The command line that starts fic: with the campaign's core
        services as arguments (fic sets up and checks their state)."""
        return fic_command(self.drivers)

    def start_fic(self):
        """fic started; a state it could not set up stops the campaign
        (BadInput, with fic's line)."""
        self.machine.sendline(self.fic_command())
        self.machine.expect(r"fic: (ready|state: [^\r\n]*)",
                            FIC_SETUP_TIMEOUT)
        said = self.machine.console.match.group(0)
        if said != "fic: ready":
            raise BadInput("%s (%r)" % (said, self.fic_command()))
        self.fic_up = True

    def stop_fic(self):
        self.machine.sendline("Q")
        self.machine.expect(r"fic: bye", 30)
        self.shell.wait_prompt(30)
        self.fic_up = False

    def drivers_down(self):
        """The drivers `service status` does not show up."""
        out, rc = self.shell.run("service status")
        up = {s["label"] for s in parse_status(out) if s.get("state") == "up"}
        return [d for d in self.drivers if d not in up]

    def trim_logs(self):
        """Keep the machine's console, kernel log and printer capture
        bounded (QEMU appends to the last two, so cutting them is safe)."""
        m = self.machine
        if m._log is not None and m._log.tell() > CONSOLE_LIMIT:
            m._log.clear()
        for path in (m.kernel_log, m.parallel_path):
            if os.path.getsize(path) > CONSOLE_LIMIT:
                os.truncate(path, 0)

    # ---- trials ----------------------------------------------------------------
    def trial(self, t):
        """Run Trial T. Returns (outcome, recovery_us, ok, err, wrong,
        detail, log); log is None unless the trial failed."""
        if self.machine is None or not self.fic_up:
            self.boot()
        m = self.machine
        try:
            m.sendline(t.request(t.index))
            ahead = t.ahead(t.index)
            if ahead is not None:
                m.sendline(ahead)          # typed ahead: read after it
            m.expect(R_RE % t.index, TRIAL_TIMEOUT)
            g = m.console.match.groups()
            detail = g[5]
            if GUARD_LINE in m.console.before:
                detail += ",guard"          # the text guard caught it
            result = (g[0], int(g[1]), int(g[2]), int(g[3]), int(g[4]),
                      detail)
            self.since_check += 1
            if g[0] not in SURVIVED or self.since_check >= CHECK_EVERY:
                self.since_check = 0
                try:
                    self.stop_fic()
                    down = self.drivers_down()
                except (TimeoutError, EmulatorError) as e:
                    if g[0] in SURVIVED:
                        raise
                    # the trial's own failure says more than the hang
                    # that followed it (e.g. a second shell on the
                    # console after PM lost a wait)
                    log = self.logs(str(e))
                    self.close()
                    return result[:5] + (result[5] + ",then-no-shell", log)
                self.trim_logs()
                if down:
                    log = self.logs()
                    self.close()
                    return (result[0] if result[0] not in SURVIVED
                            else "norecover", result[1], result[2],
                            result[3], result[4],
                            result[5] + ",down:" + "+".join(down), log)
                self.start_fic()
            log = self.logs() if g[0] not in SURVIVED else None
            return result + (log,)
        except GuestPanic as e:
            log = self.logs(e.report)
            self.close()
            return ("crash", -1, 0, 0, 0, "kernel-panic:" +
                    re.sub(r"\s+", "_", e.message)[:60], log)
        except (TimeoutError, EmulatorError) as e:
            log = self.logs(str(e))
            self.close()
            kind = "hang" if isinstance(e, TimeoutError) else "crash"
            return (kind, -1, 0, 0, 0, "no-answer" if kind == "hang"
                    else "emulator-exit", log)

    def logs(self, extra=""):
        """A bounded copy of the machine's logs for a failure record."""
        m = self.machine
        if m is None:
            return {"extra": extra}
        if m._log is not None:
            m._log.flush()
        return {"console": tail_of(m.console_log),
                "kernel": tail_of(m.kernel_log), "extra": extra[-LOG_TAIL:]}


class Journal:
    """build/campaign/trials.jsonl, rotated at JSONL_LIMIT bytes."""

    def __init__(self, path):
        self.path = path
        self.f = open(path, "w")

    def write(self, record):
        self.f.write(json.dumps(record, sort_keys=True) + "\n")
        self.f.flush()
        if self.f.tell() > JSONL_LIMIT:
            self.f.close()
            os.replace(self.path, self.path + ".1")
            self.f = open(self.path, "w")

    def close(self):
        self.f.close()


class Campaign:
    """A campaign's shared state: the planned trials, the statistics, the
    journal, the failure logs."""

    def __init__(self, args, trials, total):
        self.args = args
        self.trials = iter(trials)
        self.total = total
        self.lock = threading.Lock()
        self.stats = Stats(cplan.KINDS, args.drivers)
        os.makedirs(args.out, exist_ok=True)
        self.fail_dir = os.path.join(args.out, "failures")
        shutil.rmtree(self.fail_dir, ignore_errors=True)
        self.journal = Journal(os.path.join(args.out, "trials.jsonl"))
        self.done = 0
        self.fsck = []            # (status, output) per machine with ata
        self.start = time.monotonic()
        self.error = None
        # "campaign: 300/1000 trials, 2 failed, 4.10 trials/s, ETA 2m51s"
        # every 100 trials (fewer: every 5%), or a bar on a terminal.
        self.progress = Progress(total, "campaign", unit="trials",
                                 every=min(100, max(1, total // 20)))

    def next_trial(self):
        with self.lock:
            if self.error is not None:
                return None
            return next(self.trials, None)

    def record(self, t, result):
        outcome, rec_us, ok, err, wrong, detail, log = result
        with self.lock:
            self.stats.add(t, outcome, rec_us, ok, err, wrong)
            rec = dict(t.as_dict(), outcome=outcome, recovery_us=rec_us,
                       ok=ok, err=err, wrong=wrong, detail=detail)
            self.journal.write(rec)
            if outcome not in SURVIVED:
                rec["replay"] = replay_command(t.seed, self.args)
                if self.stats.add_failure(rec) and log:
                    rec["logs"] = self.save_logs(t, log)
            self.done += 1
            rate = self.done / max(time.monotonic() - self.start, 1e-6)
            self.progress.update(1, "%d failed, %.2f trials/s"
                                 % (self.done - self.stats.survived, rate))

    def save_logs(self, t, log):
        d = os.path.join(self.fail_dir, "%d-%d" % (t.index, t.seed))
        os.makedirs(d, exist_ok=True)
        for name, text in log.items():
            if text:
                with open(os.path.join(d, name + ".txt"), "w") as f:
                    f.write(text)
        return os.path.relpath(d, self.args.out)


def fic_command(labels):
    """`fic`, followed by the core and network services among LABELS (fic
    sets up and checks their state: os/tests/user/fic/state.c, net.c)."""
    return " ".join(["fic"] + [d for d in labels
                               if cplan.is_core(d) or cplan.is_net(d)])


def replay_command(seed, args):
    words = ["make campaign REPLAY=%d" % seed]
    if tuple(args.drivers) != cplan.DEFAULT_DRIVERS:
        words.append('DRIVERS="%s"' % " ".join(args.drivers))
    if args.period != DEFAULT_PERIOD:
        words.append("PERIOD=%s" % args.period)
    if args.binaries:
        words.append('CAMPAIGN_ARGS="%s"' % " ".join(
            "--binary %s=%s" % kv for kv in sorted(args.binaries.items())))
    return " ".join(words)


def work(campaign, worker):
    """A worker thread: trials until none is left."""
    try:
        while True:
            t = campaign.next_trial()
            if t is None:
                break
            campaign.record(t, worker.trial(t))
        if campaign.error is None:
            worker.finish()
            if worker.fsck is not None:
                with campaign.lock:
                    campaign.fsck.append(worker.fsck)
    except BaseException as e:          # setup failure: stop everyone
        with campaign.lock:
            campaign.error = e
    finally:
        with campaign.lock:
            campaign.boots = getattr(campaign, "boots", 0) + worker.boots
        worker.close()


# ---- command line --------------------------------------------------------------

def positive(text, what):
    try:
        v = int(text)
    except (TypeError, ValueError):
        v = 0
    if v <= 0:
        raise BadInput("%s must be a positive number, not %r" % (what, text))
    return v


def check_args(args):
    """Normalise ARGS; BadInput on bad input."""
    if args.replay is not None:
        try:
            args.replay = int(args.replay)
        except ValueError:
            raise BadInput("REPLAY must be a trial seed (a number), not %r"
                           % args.replay)
        if args.replay < 0:
            raise BadInput("REPLAY must be a trial seed (a number >= 0)")
        args.faults = 1
        if getattr(args, "shard", None):
            raise BadInput("SHARD does not go with REPLAY (a replay is "
                           "one trial)")
    else:
        args.faults = positive(args.faults, "FAULTS")
    try:
        args.shard = shardmod.parse(getattr(args, "shard", None))
    except shardmod.ShardError as e:
        raise BadInput(str(e))
    if args.shard is not None and args.seed is None:
        raise BadInput("SHARD needs SEED: every shard must run the same "
                       "campaign (e.g. SEED=%d)"
                       % int.from_bytes(os.urandom(4), "little"))
    if getattr(args, "out", None) is None:
        args.out = OUT_DIR if args.shard is None else \
            os.path.join(OUT_DIR, shardmod.dir_name(args.shard))
    args.jobs = positive(args.jobs, "JOBS")
    drivers = cplan.parse_labels(args.drivers, getattr(args, "core", False))
    unknown = [d for d in drivers if d not in cplan.KNOWN_SERVICES]
    if not drivers or unknown:
        raise BadInput("unknown driver %s (known: %s, or %s for all the "
                       "core services, %s for the network services, %s "
                       "for every one)"
                       % (", ".join(unknown) or "(none)",
                          " ".join(cplan.KNOWN_SERVICES), cplan.CORE_WORD,
                          cplan.NET_WORD, cplan.ALL_WORD))
    args.drivers = drivers
    if args.seed is None:
        args.seed = int.from_bytes(os.urandom(4), "little")
    else:
        try:
            args.seed = int(args.seed)
        except ValueError:
            raise BadInput("SEED must be a number, not %r" % args.seed)
    binaries = {}
    for spec in args.binary or []:
        label, eq, path = spec.partition("=")
        if not eq or not path.startswith("/") or \
                label not in args.drivers or cplan.is_core(label):
            raise BadInput("--binary wants LABEL=/ABSOLUTE/PATH for a "
                           "driver of the campaign, not %r" % spec)
        binaries[label] = path
    args.binaries = binaries
    if not re.fullmatch(r"\d+(HZ)?", args.period):
        raise BadInput("PERIOD must be ticks or NHZ, not %r" % args.period)
    if shutil.which("qemu-system-i386") is None:
        raise BadInput("qemu-system-i386 not found: install it (make deps)")
    if not os.path.isfile(args.image):
        raise BadInput("image %s not found: build it with 'make'"
                       % args.image)
    return args


def load_binaries(args):
    """label -> harness.mutate.Binary of the driver's ELF (build/bin/NAME
    of the binary the guest runs), checked against the image's copy."""
    out = {}
    for label in args.drivers:
        name = os.path.basename(args.binaries.get(label, label))
        try:
            out[label] = mutate.load(name)
        except (mutate.MutationError, OSError) as e:
            raise BadInput("driver %s: %s" % (label, e))
    return out


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="python3 -m harness campaign",
        description="A fault-injection campaign against the drivers "
                    "and, on request, the core services "
                    "(docs/campaigns.md).",
        epilog="exit status: 0 every trial survived, 1 some failed, "
               "2 bad input")
    p.add_argument("--faults", help="number of faults (trials)")
    p.add_argument("--drivers", help='labels, e.g. "hello rtc printer" '
                   'or "pm,vfs,ds" ("core": all core services and rs; '
                   '"net": e1000 inet pci; "all": every one)')
    p.add_argument("--core", action="store_true",
                   help="add the core services and rs (%s) to the drivers"
                   % " ".join(cplan.CORE_SERVICES))
    p.add_argument("--seed", help="campaign seed (default: random)")
    p.add_argument("--jobs", default="1", help="QEMU machines side by side")
    p.add_argument("--replay", help="run only the trial of this trial seed")
    p.add_argument("--period", default=DEFAULT_PERIOD,
                   help="heartbeat period the drivers get (ticks or NHZ)")
    p.add_argument("--binary", action="append", metavar="LABEL=PATH",
                   help="start LABEL from this guest binary (tests)")
    p.add_argument("--shard", metavar="i/K",
                   help="run only shard i of K (0 <= i < K): the trials "
                   "whose index is i modulo K (docs/scaling.md)")
    p.add_argument("--out", default=None, help="report directory (default "
                   "build/campaign, with --shard build/campaign/"
                   "shard-i-of-K)")
    p.add_argument("--image", default=IMAGE)
    return p.parse_args(argv)


def run(args):
    """Run the campaign of ARGS (checked). Returns the exit status."""
    binaries = load_binaries(args)
    if args.replay is not None:
        trials = [cplan.plan_trial(args.replay, args.drivers, binaries, 0)]
        total = 1
    else:
        mine = shardmod.indices(args.shard, args.faults)
        trials = cplan.plan(args.seed, args.faults, args.drivers, binaries,
                            indices=mine)
        total = len(mine)
    campaign = Campaign(args, trials, total)
    jobs = max(1, min(args.jobs, total))
    threads = []
    for w in range(jobs):
        worker = Worker(w, args.image, args.out, args.drivers,
                        args.binaries, args.period)
        th = threading.Thread(target=work, args=(campaign, worker),
                              daemon=True)
        th.start()
        threads.append(th)
    try:
        for th in threads:
            th.join()
    except KeyboardInterrupt:
        campaign.error = KeyboardInterrupt()
        for th in threads:
            th.join(60)
    campaign.journal.close()
    campaign.progress.close()
    duration = time.monotonic() - campaign.start
    if isinstance(campaign.error, BadInput):
        raise campaign.error
    report = campaign_report.build(args, campaign.stats, duration,
                                   getattr(campaign, "boots", 0))
    if campaign.fsck:
        report["fsck"] = fsck_summary(campaign.fsck)
    report.update(plan_of(args))
    if campaign.error is not None:
        report["incomplete"] = "%s: %s" % (type(campaign.error).__name__,
                                           campaign.error)
    campaign_report.write(report, args.out)
    print(campaign_report.table(report))
    print("campaign: reports in %s (report.html, report.json, "
          "trials.jsonl%s)" % (os.path.relpath(args.out),
                               ", failures/" if report["failures"] else ""))
    if campaign.fsck:
        print("campaign: e2fsck -fn of the disk after a clean power-off: "
              "%d of %d clean" % (report["fsck"]["clean"],
                                  report["fsck"]["checked"]))
    if campaign.error is not None:
        print("campaign: stopped early: %s" % report["incomplete"],
              file=sys.stderr)
        return 2
    clean = not campaign.fsck or \
        report["fsck"]["clean"] == report["fsck"]["checked"]
    return 0 if report["survived"] == report["trials"] and clean else 1


def plan_of(args):
    """report.json's "plan" (what makes two runs slices of one campaign:
    seed, faults, drivers, period, binaries and the image's SHA-256), its
    "plan_id", and "shard" ({index, count, trials}; 0 of 1 unsharded)."""
    plan = {"seed": args.seed, "faults": args.faults,
            "replay": args.replay, "drivers": list(args.drivers),
            "period": args.period, "binaries": dict(args.binaries),
            "image_sha256": shardmod.file_sha256(args.image)}
    sh = getattr(args, "shard", None) or (0, 1)
    return {"plan": plan, "plan_id": shardmod.plan_id(plan),
            "shard": {"index": sh[0], "count": sh[1],
                      "trials": len(shardmod.indices(sh, args.faults))}}


def fsck_summary(results):
    """report.json's "fsck": how many machines' disks e2fsck -fn checked
    after the last trial and found clean, and the output (its last 4 KiB)
    of each that was not."""
    dirty = [{"status": status, "output": out[-4096:]}
             for status, out in results if status != 0]
    return {"checked": len(results), "clean": len(results) - len(dirty),
            "dirty": dirty}


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["merge"]:               # shards' reports into one
        from harness import campaign_merge
        return campaign_merge.main(argv[1:])
    args = parse_args(argv)
    try:
        return run(check_args(args))
    except BadInput as e:
        print("campaign: error: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
