"""IPC, kernel-call and system-call fuzzing: ``make fuzz N=...``, or
``/usr/bin/python3 -m harness fuzz -n N [--seed S]``.

Boots build/os.iso on QEMU and runs the guest fuzzer ``/bin/fuzz``
(os/tests/user/fuzz) at the shell in batches of ``--batch`` messages (20,000
by default) until N messages were sent. Batch 0 uses SEED itself, batch B
the seed ``batch_seed(SEED, B)``, so any batch is replayed on its own with
``make fuzz N=<its size> SEED=<its seed>``.

What it watches, and what each is:

- ``kernel panic: ...`` on the console or in the kernel log (COM2): a
  panic, a failure (the machine is rebooted and the run goes on);
- RS's ``rs: LABEL (endpoint E) failed: REASON; ...`` lines: a finding (a
  server or driver crashed or stopped answering its heartbeat and RS
  restarted it): label, reason, batch, batch seed, message range, replay;
- the fuzzer's own findings: ``fuzz: timeout index=I ...`` (a request that
  never got a reply), ``fuzz: finding kcall-accepted ...``, ``fuzz:
  finding privileged-accepted ...`` (a privileged request the student's
  worker was granted) and ``fuzz: finding exec-replaced ...``;
- who the workers ran as (``fuzz: worker uid=U gid=G``): a run is only ok
  when they ran as ``student`` (os/rootfs/etc/passwd). ``--as-root`` (the
  guest's ``-R``) is for developing the fuzzer on a system without
  credentials: its report says ``"uid": 0`` (or -1, unknown) and is never
  ok; a worker that cannot become the student ends the run (``fuzz:
  error: the worker could not become ...``, nothing sent as root);
- the counted requests (``fuzz: request NAME sent=.. ok=.. refused=..``):
  summed over the batches in ``requests``;
- after each batch, ``service status`` must show every service up again
  (RS gets a little time for backoff restarts): otherwise unrecovered, a
  failure; and the shell must still answer;
- a guest that stops answering: a hang, a failure (reboot, go on).

``--frames F`` (``make fuzz FRAMES=F``) adds a frame source: the guest's
network card is on QEMU's UDP socket backend (harness/frames.py) and,
while each batch runs, the host sends it every malformed kind of
``frames.bad_frames`` and F seeded random frames (the batch's seed): the
network server must drop and count them, and a crash of it is a finding
like any other (RS's restart line).

``--fi LABELS`` (``make fuzz FI="pm vfs"``, ``FI=core`` for the core
services and RS, ``FI=net`` for e1000 inet pci, ``FI=all`` for every
service a campaign knows: harness/campaign_plan.py's names; pci has no
heartbeat in its manifest, so a hang of it is never noticed and
unrecovered): every batch also
faults one of LABELS with ``service fi LABEL KIND`` as it starts (label
and kind drawn from the batch seed: :func:`fi_plan`, so a replay faults
the same), the services fuzzed while that one recovers. Its restart is
expected (RS's line for it is no finding); after the batch its restart
count must have gone up and every service must be up (``injected`` in the
report; one that did not come back is unrecovered). At boot each of LABELS
but RS gets ``service refresh LABEL -b`` (no backoff between restarts).

``--shard i/K`` (``make fuzz SHARD=i/K``, harness/shard.py) runs only the
batches whose index is i modulo K (the same seeds and message ranges as
in the whole run) into build/fuzz/shard-i-of-K/; ``make fuzz-merge
DIR...`` (``python3 -m harness fuzz merge``, harness/fuzz_merge.py) puts
the shards' reports together. Every report records its plan (seed, N,
batch, FI, frames, the image's SHA-256) and its shard.

Writes build/fuzz/report.json (see ``make_report``) and prints a table.
Exit status: 0 when there was no panic, hang, unrecovered service or
finding; 1 otherwise; 2 on bad input (N not a positive number, a missing
emulator or image)."""

import argparse
import json
import os
import random
import re
import shutil
import sys
import threading
import time

from harness import abi, frames
from harness import shard as shardmod
from harness import campaign_plan as cplan
from harness.machine import (ROOT, EmulatorError, GuestPanic, QemuMachine,
                             kill_all)
from harness.progress import Progress
from harness.services import parse_status
from harness.shell import Shell

OUTDIR = os.path.join(ROOT, "build", "fuzz")
IMAGE = os.path.join(ROOT, "build", "os.iso")
BATCH = 20000
CLASSES = ("server", "kcall", "ipc", "syscall")
# Seconds a batch may take, per message, plus a constant (unscaled; the
# guest sends thousands of messages a second under KVM or TCG).
SECONDS_PER_MESSAGE = 0.01
SECONDS_PER_BATCH = 120
RECOVERY_TIMEOUT = 30        # seconds RS gets to bring services back

RS_FAILED_RE = re.compile(
    abi.rs_failed_re(r"(\S+)", r"(-?\d+)") + r"(.*?); ([^\n]*)$", re.M)
PANIC_LINE_RE = re.compile(re.escape(abi.KERNEL_PANIC_PREFIX) + r"([^\r\n]*)")
DONE_RE = re.compile(r"^fuzz: done (.*)$", re.M)
TARGETS_RE = re.compile(r"^fuzz: server-targets (.*)$", re.M)
SKIPPED_RE = re.compile(r"^fuzz: skipped (.*)$", re.M)
TIMEOUT_RE = re.compile(r"^fuzz: timeout index=(\d+) (.*)$", re.M)
ACCEPTED_RE = re.compile(r"^fuzz: finding kcall-accepted index=(\d+) (.*)$",
                         re.M)
PRIVILEGED_RE = re.compile(
    r"^fuzz: finding privileged-accepted index=(\d+) (.*)$", re.M)
REPLACED_RE = re.compile(r"^fuzz: finding exec-replaced index=(\d+) (.*)$",
                         re.M)
WORKER_RE = re.compile(r"^fuzz: worker uid=(-?\d+) gid=(-?\d+)(.*)$", re.M)
CRED_ERROR_RE = re.compile(r"^fuzz: error: (the worker could not become .*)$",
                           re.M)
REQUEST_RE = re.compile(r"^fuzz: request (\S+) (.*)$", re.M)
PASSWD = os.path.join(ROOT, "os", "rootfs", "etc", "passwd")
REQUEST_COUNTS = ("sent", "withheld", "ok", "refused", "errors", "noreply",
                  "findings")


class BadInput(Exception):
    """The command line asks for something impossible (exit 2)."""


def batch_seed(seed, batch):
    """The seed of batch BATCH of a run with SEED: SEED itself for batch 0
    (so a replay of one batch is a run of its own), else a mix of both."""
    if batch == 0:
        return seed & 0xffffffff
    x = (seed * 0x9E3779B1 + batch * 0x85EBCA77) & 0xffffffff
    x ^= x >> 15
    x = (x * 0x2C1B3C6D) & 0xffffffff
    x ^= x >> 12
    return x


def replay_command(count, seed, as_root=False, fi=None):
    return "make fuzz N=%d SEED=%d%s%s" % (
        count, seed, ' FI="%s"' % " ".join(fi) if fi else "",
        ' FUZZ_ARGS="--as-root"' if as_root else "")


def fi_plan(bseed, labels):
    """The fault of the batch of seed BSEED when LABELS are faulted
    (--fi): (label, `service fi` kind), a pure function of both."""
    rng = random.Random(bseed * 0x2545F491 + 0xF1)
    return rng.choice(list(labels)), rng.choice(abi.FAULT_KINDS)


def restarts_of(status_text, label):
    """LABEL's (restarts, state) in ``service status`` output, or None."""
    for s in parse_status(status_text):
        if s["label"] == label:
            return s.get("restarts"), s.get("state")
    return None


def student_ids(path=PASSWD):
    """(uid, gid) of user ``student`` in the image's /etc/passwd."""
    with open(path) as f:
        for line in f:
            field = line.rstrip("\n").split(":")
            if len(field) >= 4 and field[0] == "student":
                return int(field[2]), int(field[3])
    raise BadInput("no user student in %s" % path)


def errno_names():
    """{number: name} of the guest's error numbers (abi/errno.h)."""
    return dict(abi.ERRNO_NAMES)


def code_name(code, names):
    """The name of reply CODE (negative): ``EPERM``, or ``E-NNN`` for a
    number abi/errno.h does not name; the guest's bucket beyond its table
    (-129) is ``other``."""
    if code == -129:
        return "other"
    return names.get(-code, "E%d" % code)


def _request_line(text, names):
    """The counts of one ``fuzz: request NAME ...`` line: {sent, ok, ...,
    codes: {error name: count}}."""
    fields = _fields(text)
    out = {k: fields.get(k, 0) for k in REQUEST_COUNTS}
    codes = {}
    for item in str(fields.get("codes", "-")).split(","):
        code, colon, n = item.rpartition(":")
        if colon:
            name = code_name(int(code), names)
            codes[name] = codes.get(name, 0) + int(n)
    out["codes"] = codes
    return out


def _fields(text):
    """{key: value} of the KEY=VALUE words in TEXT (ints where they are)."""
    out = {}
    for word in text.split():
        key, eq, value = word.partition("=")
        if not eq:
            continue
        try:
            out[key] = int(value, 0)
        except ValueError:
            out[key] = value
    return out


def parse_batch(text):
    """What the console TEXT of one batch says: a dict with ``done`` (the
    fields of the ``fuzz: done`` line, or None), ``targets`` {label: count},
    ``skipped`` [names], ``rs_failures`` [{label, endpoint, reason,
    action}], ``timeouts``, ``accepted``, ``privileged`` and ``replaced``
    [{index, detail}], ``panics`` [messages], ``worker`` ({uid, gid,
    root_run} or None), ``cred_error`` (the message, or None) and
    ``requests`` {name: counts}."""
    text = text.replace("\r", "")
    done = DONE_RE.findall(text)
    targets = TARGETS_RE.findall(text)
    skipped = SKIPPED_RE.findall(text)
    worker = WORKER_RE.findall(text)
    cred = CRED_ERROR_RE.findall(text)
    names = errno_names()
    return {
        "done": _fields(done[-1]) if done else None,
        "targets": _fields(targets[-1]) if targets else {},
        "skipped": skipped[-1].split() if skipped else [],
        "rs_failures": [{"label": m.group(1), "endpoint": int(m.group(2)),
                         "reason": m.group(3), "action": m.group(4).strip()}
                        for m in RS_FAILED_RE.finditer(text)],
        "timeouts": [{"index": int(m.group(1)), "detail": m.group(2)}
                     for m in TIMEOUT_RE.finditer(text)],
        "accepted": [{"index": int(m.group(1)), "detail": m.group(2)}
                     for m in ACCEPTED_RE.finditer(text)],
        "privileged": [{"index": int(m.group(1)), "detail": m.group(2)}
                       for m in PRIVILEGED_RE.finditer(text)],
        "replaced": [{"index": int(m.group(1)), "detail": m.group(2)}
                     for m in REPLACED_RE.finditer(text)],
        "panics": PANIC_LINE_RE.findall(text),
        "worker": ({"uid": int(worker[0][0]), "gid": int(worker[0][1]),
                    "root_run": "root-run=1" in worker[0][2]}
                   if worker else None),
        "cred_error": cred[0] if cred else None,
        "requests": {m.group(1): _request_line(m.group(2), names)
                     for m in REQUEST_RE.finditer(text)},
    }


def expected_restart(parsed, fault):
    """Take the batch's injected FAULT's restart out of PARSED's RS
    failure lines (the first of its label: it is no finding); says in
    FAULT whether RS reported it (``rs_line``)."""
    for i, f in enumerate(parsed["rs_failures"]):
        if f["label"] == fault["label"]:
            fault["rs_line"] = "%s; %s" % (f["reason"], f["action"])
            del parsed["rs_failures"][i]
            return
    fault["rs_line"] = None


def down_services(status_text):
    """The labels ``service status`` output STATUS_TEXT shows not up."""
    return [s["label"] for s in parse_status(status_text)
            if s.get("state") != "up"]


class Run:
    """One fuzz run: the machine, the counters and what was found."""

    def __init__(self, count, seed, batch, outdir, image, timeout_scale,
                 inject=None, log=print, as_root=False, progress=None,
                 frames=0, fi=None, shard=None):
        self.count, self.seed, self.batch = count, seed, batch
        self.shard = shard          # (i, K): only the batches i mod K
        # frames.bad_frames' random frames per batch (0: no frame source)
        self.frames = frames
        self.frames_sent = 0
        self.link = None
        self.as_root = as_root
        self.student = student_ids()
        self.worker = None          # {uid, gid, root_run} the guest reported
        self.cred_error = None      # the workers could not become student
        self.requests = {}          # name: counts summed over batches
        self.outdir, self.image = outdir, image
        self.timeout_scale = timeout_scale
        self.inject = inject
        self.fi = list(fi or [])    # labels faulted once per batch
        self.injected = []          # what each batch's fault became
        self.log = log
        # harness.progress.Progress over the messages: each batch's line
        # with the count and the time left (else the line alone, to LOG).
        self.progress = progress
        self.machine = None
        self.shell = None
        self.boots = 0
        self.sent = 0
        self.messages = {c: 0 for c in CLASSES}
        self.per_target = {}
        self.skipped = []
        self.batches = []
        self.findings = []
        self.panics = []
        self.hangs = []
        self.unrecovered = []
        self.incomplete = []

    # ---- the machine -------------------------------------------------------
    def boot(self):
        self.close()
        self.boots += 1
        workdir = os.path.join(self.outdir, "boot-%d" % self.boots)
        shutil.rmtree(workdir, ignore_errors=True)
        net = {}
        if self.frames:
            if self.link is None:
                self.link = frames.FrameLink()
            net = dict(net=False, extra_args=self.link.qemu_args())
        self.machine = QemuMachine(self.image, workdir=workdir,
                                   timeout_scale=self.timeout_scale, **net)
        self.machine.boot()
        self.shell = Shell(self.machine).wait_prompt()
        self._klog_seen = 0
        self._no_backoff()

    def _no_backoff(self):
        """Each --fi label but RS restarted at once after every failure
        (`service refresh LABEL -b`); a label RS does not know, or one
        that refuses, stops the run (BadInput: exit 2)."""
        for label in self.fi:
            if label == "rs":
                continue
            line = "service refresh %s -b" % label
            out, status = self.shell.run(line, timeout=60)
            if status != 0:
                self.close()
                raise BadInput("--fi: %r exited %d: %s (is %s recoverable "
                               "in this build?)" % (line, status,
                                                    out.strip()[-300:], label))
    def close(self):
        if self.machine is not None:
            self.machine.close()
            self.machine = None

    def _send_frames(self, seed, stop):
        """The frame source of one batch (a thread): every malformed kind
        and self.frames random frames seeded by SEED, until STOP is set;
        the guest's ARP requests for the host are answered."""
        for _, frame in frames.bad_frames(seed, self.frames):
            if stop.is_set():
                return
            self.link.send(frame)
            self.frames_sent += 1
            self.link.receive(lambda f: False, timeout=0.001)

    def _new_kernel_panics(self):
        """Panic lines the kernel log gained since the last look."""
        text = self.machine.kernel_log_text()
        new = text[self._klog_seen:]
        self._klog_seen = len(text)
        return PANIC_LINE_RE.findall(new)

    # ---- one batch ---------------------------------------------------------
    def run_batch(self, index, first, count):
        """Run batch INDEX (COUNT messages; FIRST = messages before it in
        the run) and record what it showed."""
        bseed = batch_seed(self.seed, index)
        record = {"index": index, "seed": bseed, "count": count,
                  "first_message": first,
                  "replay": replay_command(count, bseed, self.as_root,
                                           self.fi)}
        where = {"batch": index, "batch_seed": bseed,
                 "messages": [first, first + count - 1],
                 "replay": record["replay"]}
        line = "fuzz -s %d -n %d%s" % (bseed, count,
                                        " -R" if self.as_root else "")
        if self.inject and index == 0:
            line = "%s & %s" % (self.inject, line)
        fault = None
        timeout = SECONDS_PER_BATCH + SECONDS_PER_MESSAGE * count
        start = time.monotonic()
        source = None
        stop = threading.Event()
        try:
            if self.machine is None:
                self.boot()
            if self.fi:
                fault = self._plan_fault(bseed, where)
                line = "service fi %s %s & %s" % (fault["label"],
                                                   fault["kind"], line)
            if self.frames:
                source = threading.Thread(target=self._send_frames,
                                          args=(bseed, stop), daemon=True)
                source.start()
            output, status = self.shell.run(line, timeout=timeout)
        except GuestPanic as e:
            self.panics.append(dict(where, message=e.message,
                                    report=e.report[-4000:]))
            record["outcome"] = "panic"
            self._after_failure(record, start)
            return record
        except TimeoutError as e:
            self.hangs.append(dict(where, detail=str(e)[:2000]))
            record["outcome"] = "hang"
            self._after_failure(record, start)
            return record
        except EmulatorError as e:
            self.hangs.append(dict(where, detail="emulator exited: %s"
                                   % str(e)[:2000]))
            record["outcome"] = "emulator-exit"
            self._after_failure(record, start)
            return record
        finally:
            stop.set()
            if source is not None:
                source.join()
        record["duration_s"] = round(time.monotonic() - start, 3)
        parsed = parse_batch(output)
        for msg in parsed["panics"] + self._new_kernel_panics():
            self.panics.append(dict(where, message=msg, report=""))
        if fault is not None:
            expected_restart(parsed, fault)
        self._record_findings(parsed, where, bseed, first)
        self._record_identity(parsed)
        done = parsed["done"]
        if parsed["cred_error"]:
            record["outcome"] = "not-student"
        elif done is None:
            record["outcome"] = "no-summary"
            self.hangs.append(dict(where, detail="fuzz ended (status %d) "
                                   "without its summary line" % status))
        else:
            h = done.get("hash")
            record.update(outcome="ok",
                          hash="0x%08x" % h if isinstance(h, int) else h,
                          sent=done.get("sent"),
                          timeouts=done.get("timeouts"),
                          deaths=done.get("deaths"),
                          runaways=done.get("runaways"),
                          garbled=done.get("garbled"),
                          exits=done.get("exits"))
            self.sent += done.get("sent", 0)
            if done.get("sent") != count:
                record["outcome"] = "incomplete"
                self.incomplete.append(dict(where, sent=done.get("sent"),
                                            count=count))
            for cls, key in (("server", "server"), ("kcall", "kcalls"),
                             ("ipc", "ipc"), ("syscall", "syscalls")):
                self.messages[cls] += done.get(key, 0)
            for label, n in parsed["targets"].items():
                self.per_target[label] = self.per_target.get(label, 0) + n
            self.skipped = parsed["skipped"]
            for name, counts in parsed["requests"].items():
                total = self.requests.setdefault(
                    name, dict({k: 0 for k in REQUEST_COUNTS}, codes={}))
                for k in REQUEST_COUNTS:
                    total[k] += counts[k]
                for code, n in counts["codes"].items():
                    total["codes"][code] = total["codes"].get(code, 0) + n
        self._check_alive(where)
        if fault is not None:
            self._fault_outcome(fault, where)
        return record

    def _plan_fault(self, bseed, where):
        """The batch's fault (fi_plan) with the label's restart count
        before it; recorded in self.injected."""
        label, kind = fi_plan(bseed, self.fi)
        text, _ = self.shell.run("service status %s" % label, timeout=60)
        before = restarts_of(text, label)
        if before is None:
            raise BadInput("--fi: RS does not know %s" % label)
        fault = dict(where, label=label, kind=kind, restarts_before=before[0],
                     restarts_after=None, recovered=False)
        self.injected.append(fault)
        return fault

    def _fault_outcome(self, fault, where):
        """After the batch (and _check_alive): the faulted label must be up
        with more restarts; else it is unrecovered."""
        if self.machine is None:
            return                      # the batch already failed
        try:
            text, _ = self.shell.run("service status %s" % fault["label"],
                                     timeout=60)
        except (GuestPanic, TimeoutError, EmulatorError):
            return
        now = restarts_of(text, fault["label"])
        fault["restarts_after"] = now[0] if now else None
        fault["recovered"] = bool(
            now and now[1] == "up" and isinstance(now[0], int) and
            isinstance(fault["restarts_before"], int) and
            now[0] > fault["restarts_before"])
        if not fault["recovered"]:
            self.unrecovered.append(dict(where, labels=[fault["label"]],
                                         status=text[-2000:],
                                         injected=fault["kind"]))

    def _record_identity(self, parsed):
        """Who the workers ran as (the first batch that says it), and
        whether they could not become the student."""
        if parsed["worker"] and self.worker is None:
            self.worker = parsed["worker"]
        if parsed["cred_error"]:
            self.cred_error = parsed["cred_error"]

    def _record_findings(self, parsed, where, bseed, first):
        for f in parsed["rs_failures"]:
            self.findings.append(dict(where, kind="restart", label=f["label"],
                                      endpoint=f["endpoint"],
                                      reason=f["reason"],
                                      action=f["action"]))
        for kind, items in (("timeout", parsed["timeouts"]),
                            ("kcall-accepted", parsed["accepted"]),
                            ("privileged-accepted", parsed["privileged"]),
                            ("exec-replaced", parsed["replaced"])):
            for t in items:
                self.findings.append(dict(
                    where, kind=kind, label=None, reason=t["detail"],
                    message=first + t["index"],
                    request=_fields(t["detail"]).get("request"),
                    guest_replay="fuzz -s %d -n 1 -f %d%s"
                                 % (bseed, t["index"],
                                    " -R" if self.as_root else "")))

    def _after_failure(self, record, start):
        record["duration_s"] = round(time.monotonic() - start, 3)
        self.log("fuzz: batch %d: %s; rebooting" % (record["index"],
                                                    record["outcome"]))
        self.close()

    def _check_alive(self, where):
        """Every service up again (RS may still be in a backoff) and the
        shell answering; an unrecovered service is recorded and the
        machine rebooted."""
        deadline = time.monotonic() + RECOVERY_TIMEOUT * self.timeout_scale
        try:
            while True:
                text, _ = self.shell.run("service status", timeout=60)
                down = down_services(text)
                if not down and parse_status(text):
                    break
                if time.monotonic() > deadline:
                    self.unrecovered.append(dict(where, labels=down,
                                                 status=text[-2000:]))
                    self.close()
                    return
                self.shell.run("sleep 1", timeout=30)
            out, status = self.shell.run("echo fuzz-alive", timeout=30)
            if status != 0 or "fuzz-alive" not in out:
                self.hangs.append(dict(where, detail="the shell did not "
                                       "answer after the batch"))
                self.close()
        except GuestPanic as e:
            self.panics.append(dict(where, message=e.message,
                                    report=e.report[-4000:]))
            self.close()
        except (TimeoutError, EmulatorError) as e:
            self.hangs.append(dict(where, detail="after the batch: %s"
                                   % str(e)[:2000]))
            self.close()

    # ---- the whole run -------------------------------------------------------
    def batch_indices(self):
        """The indices of the batches this run sends (its shard's)."""
        return shardmod.indices(self.shard,
                                batches_of(self.count, self.batch))

    def run(self):
        start = time.monotonic()
        try:
            for index in self.batch_indices():
                done = index * self.batch
                n = min(self.batch, self.count - done)
                record = self.run_batch(index, done, n)
                self.batches.append(record)
                line = "fuzz: batch %d seed=%d messages %d..%d: %s " \
                    "(%.1fs)" % (index, record["seed"], done, done + n - 1,
                                 record["outcome"],
                                 record.get("duration_s", 0))
                if self.progress is not None:
                    self.progress.step(line, n)
                else:
                    self.log(line)
                if self.cred_error:
                    self.log("fuzz: %s: stopping (nothing is fuzzed as "
                             "root)" % self.cred_error)
                    break
        finally:
            self.close()
            if self.link is not None:
                self.link.close()
        self.duration = time.monotonic() - start


def batches_of(count, batch):
    """How many batches of BATCH messages send COUNT."""
    return (count + batch - 1) // batch


def shard_messages(count, batch, shard):
    """The messages the batches of SHARD ((i, K) or None) send."""
    return sum(min(batch, count - b * batch) for b in
               shardmod.indices(shard, batches_of(count, batch)))


def plan_of(run, image):
    """report.json's "plan" (what makes two runs slices of one: seed, N,
    batch, FI, frames, --as-root, --inject, the image's SHA-256), its
    "plan_id" and "shard" ({index, count, batches}; 0 of 1 unsharded)."""
    plan = {"seed": run.seed, "n": run.count, "batch": run.batch,
            "fi": list(run.fi), "frames": run.frames,
            "as_root": run.as_root, "inject": run.inject,
            "image_sha256": shardmod.file_sha256(image)}
    sh = run.shard or (0, 1)
    return {"plan": plan, "plan_id": shardmod.plan_id(plan),
            "shard": {"index": sh[0], "count": sh[1], "batches": list(
                shardmod.indices(sh, batches_of(run.count, run.batch)))}}


def make_report(run):
    """The report.json dict of a finished RUN."""
    total = sum(run.messages.values())
    sending = sum(b.get("duration_s", 0) for b in run.batches
                  if b.get("outcome") == "ok")
    worker = run.worker or {}
    as_student = (not run.cred_error and not worker.get("root_run")
                  and (worker.get("uid"), worker.get("gid")) == run.student)
    privileged = sum(1 for f in run.findings
                     if f["kind"] == "privileged-accepted")
    return {
        "seed": run.seed,
        "n": run.count,
        "batch": run.batch,
        "sent": run.sent,
        "messages": {"total": total, "server": run.messages["server"],
                     "server_by_target": dict(sorted(
                         run.per_target.items())),
                     "kcall": run.messages["kcall"],
                     "ipc": run.messages["ipc"],
                     "syscall": run.messages["syscall"]},
        "findings": run.findings,
        "panics": run.panics,
        "hangs": run.hangs,
        "unrecovered": run.unrecovered,
        "incomplete": run.incomplete,
        "fi": run.fi,
        "injected": run.injected,
        "skipped": run.skipped,
        "uid": worker.get("uid"),
        "gid": worker.get("gid"),
        "student": list(run.student),
        "as_student": as_student,
        "worker_error": run.cred_error,
        "requests": run.requests,
        "privileged_successes": privileged,
        "batches": run.batches,
        "boots": run.boots,
        "frames": run.frames_sent,
        "duration_s": round(run.duration, 3),
        "messages_per_second": round(run.sent / sending, 1) if sending
        else None,
        "ok": as_student and not (run.panics or run.hangs or run.unrecovered
                                  or run.incomplete or run.findings),
    }


def format_table(report):
    """A readable summary of REPORT."""
    m = report["messages"]
    lines = ["fuzz: seed %d, %d messages in %d batches, %.1fs (%s msg/s)"
             % (report["seed"], report["sent"], len(report["batches"]),
                report["duration_s"], report["messages_per_second"]),
             "",
             "%-20s %10s" % ("class", "messages")]
    for cls in CLASSES:
        lines.append("%-20s %10d" % (cls, m[cls]))
    for label, n in m["server_by_target"].items():
        lines.append("  %-18s %10d" % (label, n))
    lines.append("%-20s %10d" % ("total", m["total"]))
    lines.append("")
    if report["requests"]:
        lines.append("%-14s %8s %8s %8s %8s %8s %8s  %s"
                     % ("request", "sent", "ok", "refused", "errors",
                        "noreply", "findings", "codes"))
        for name, c in report["requests"].items():
            codes = " ".join("%s:%d" % kv for kv in sorted(
                c["codes"].items())) or "-"
            if c["withheld"]:
                codes += " (withheld as root: %d)" % c["withheld"]
            lines.append("%-14s %8d %8d %8d %8d %8d %8d  %s"
                         % (name, c["sent"], c["ok"], c["refused"],
                            c["errors"], c["noreply"], c["findings"], codes))
        lines.append("")
    if report["worker_error"]:
        lines.append("worker: %s" % report["worker_error"])
    else:
        lines.append("worker: uid %s gid %s (%s)"
                     % (report["uid"], report["gid"],
                        "student" if report["as_student"] else
                        "NOT the student %d:%d: not a pass"
                        % tuple(report["student"])))
    lines.append("privileged successes: %d"
                 % report["privileged_successes"])
    for key in ("panics", "hangs", "unrecovered", "incomplete", "findings"):
        lines.append("%-12s %d" % (key, len(report[key])))
    for f in report["findings"]:
        lines.append("  finding: %s %s %s (batch %d, messages %d..%d): "
                     "replay: %s" % (f["kind"], f.get("label") or "-",
                                     f["reason"], f["batch"],
                                     f["messages"][0], f["messages"][1],
                                     f["replay"]))
    for p in report["panics"]:
        lines.append("  panic: %s (batch %d): replay: %s"
                     % (p["message"], p["batch"], p["replay"]))
    for h in report["hangs"]:
        lines.append("  hang: batch %d: replay: %s"
                     % (h["batch"], h["replay"]))
    for u in report["unrecovered"]:
        lines.append("  unrecovered: %s (batch %d): replay: %s"
                     % (" ".join(u["labels"]), u["batch"], u["replay"]))
    if report.get("fi"):
        done = report["injected"]
        lines.append("injected faults (%s): %d, %d recovered"
                     % (" ".join(report["fi"]), len(done),
                        sum(1 for f in done if f["recovered"])))
        for f in done:
            if not f["recovered"]:
                lines.append("  not recovered: service fi %s %s (batch %d, "
                             "restarts %s -> %s): replay: %s"
                             % (f["label"], f["kind"], f["batch"],
                                f["restarts_before"], f["restarts_after"],
                                f["replay"]))
    lines.append("skipped requests: %s" % " ".join(report["skipped"]))
    lines.append("result: %s" % ("ok" if report["ok"] else "FAILED"))
    return "\n".join(lines)


def positive(text):
    try:
        value = int(text, 0)
    except ValueError:
        raise argparse.ArgumentTypeError("%r is not a number" % text)
    if value <= 0:
        raise argparse.ArgumentTypeError("%r is not a positive number"
                                         % text)
    return value


def seed_value(text):
    try:
        value = int(text, 0)
    except ValueError:
        raise argparse.ArgumentTypeError("%r is not a number" % text)
    if not 0 <= value <= 0xffffffff:
        raise argparse.ArgumentTypeError("seed %r is not in 0..2^32-1"
                                         % text)
    return value


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        print("fuzz: %s" % message, file=sys.stderr)
        sys.exit(2)


def main(argv=None):
    parser = _Parser(prog="python3 -m harness fuzz",
                     description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--count", type=positive, required=True,
                        help="messages to send in all")
    parser.add_argument("--seed", type=seed_value, default=None,
                        help="run seed (default: random, printed)")
    parser.add_argument("--batch", type=positive, default=BATCH,
                        help="messages per batch (default %d)" % BATCH)
    parser.add_argument("--image", default=IMAGE)
    parser.add_argument("--out", default=OUTDIR,
                        help="report directory (default build/fuzz)")
    parser.add_argument("--timeout-scale", type=float, default=1.0)
    parser.add_argument("--as-root", action="store_true",
                        help="development only: the workers stay root "
                             "(the guest's -R); such a run is never ok")
    parser.add_argument("--inject", default=None,
                        help="a guest command run in the background while "
                             "the first batch runs (e.g. 'service fi hello "
                             "crash'), to see a finding reported")
    parser.add_argument("--fi", default=None, metavar="LABELS",
                        help="fault one of LABELS (blanks or commas; "
                             "'core': pm mm vfs rootfs ds tty memdev rs; "
                             "'net': e1000 inet pci; 'all': every one) "
                             "with `service fi` in every batch")
    parser.add_argument("--frames", type=int, default=0,
                        help="a frame source: malformed and this many "
                             "random frames to the network card per batch "
                             "(harness/frames.py; default 0: none)")
    parser.add_argument("--shard", default=None, metavar="i/K",
                        help="only shard i of K (0 <= i < K): the batches "
                             "whose index is i modulo K (docs/scaling.md)")
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["merge"]:               # shards' reports into one
        from harness import fuzz_merge
        return fuzz_merge.main(argv[1:])
    args = parser.parse_args(argv)
    try:
        shard = shardmod.parse(args.shard)
    except shardmod.ShardError as e:
        print("fuzz: error: %s" % e, file=sys.stderr)
        return 2
    if shard is not None and args.seed is None:
        print("fuzz: error: SHARD needs SEED: every shard must run the "
              "same plan (e.g. SEED=%d)" % int.from_bytes(os.urandom(4),
                                                         "little"),
              file=sys.stderr)
        return 2
    if shard is not None and args.out == OUTDIR:
        args.out = os.path.join(OUTDIR, shardmod.dir_name(shard))
    if shutil.which(QemuMachine.binary) is None:
        print("fuzz: %s not found on PATH: run 'make deps'"
              % QemuMachine.binary, file=sys.stderr)
        return 2
    if not os.path.isfile(args.image):
        print("fuzz: image %s not found: run 'make'" % args.image,
              file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else \
        int.from_bytes(os.urandom(4), "little")
    os.makedirs(args.out, exist_ok=True)
    try:
        student_ids()
    except (BadInput, OSError) as e:
        print("fuzz: %s" % e, file=sys.stderr)
        return 2
    run = Run(args.count, seed, args.batch, args.out, args.image,
              args.timeout_scale, inject=args.inject,
              as_root=args.as_root, frames=args.frames,
              fi=cplan.parse_labels(args.fi) if args.fi else None,
              shard=shard,
              progress=Progress(shard_messages(args.count, args.batch,
                                               shard), "fuzz",
                                unit="messages", stream=sys.stdout))
    print("fuzz: %d messages, seed %d, batches of %d%s" % (
        args.count, seed, args.batch, "" if shard is None else
        "; shard %s: batches %s" % (shardmod.name(shard), " ".join(
            str(b) for b in run.batch_indices()) or "(none)")))
    try:
        run.run()
    except (EmulatorError, BadInput) as e:
        print("fuzz: %s" % e, file=sys.stderr)
        return 2
    finally:
        run.progress.close()
        kill_all()
    report = make_report(run)
    report.update(plan_of(run, args.image))
    path = os.path.join(args.out, "report.json")
    with open(path + ".tmp", "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    os.replace(path + ".tmp", path)
    print(format_table(report))
    print("fuzz: report in %s" % os.path.relpath(path, os.getcwd()))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
