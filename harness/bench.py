"""Benchmarks: ``make bench``, or ``/usr/bin/python3 -m harness.bench``.

Boots an image whose only boot module is ``ipcbench`` (os/tests/ipcbench)
on QEMU with ``-icount shift=0,align=off,sleep=off``, RUNS times, reads the
figures the guest prints, and writes their median, min and max to
build/bench.json (merged: metrics from other benchmarks stay), then prints
a table of everything in that file.

Method. Under ``-icount shift=0`` QEMU's virtual clock, and with it the
guest's TSC, advances by exactly one per guest instruction executed, whatever
the host's speed or load. The guest therefore reads instruction counts with
rdtsc: a figure such as ``ipc_roundtrip_insns`` is guest instructions per
operation (ring 3 and ring 0 together), averaged over N operations, with the
cost of the timing loop itself subtracted (details in
os/tests/ipcbench/main.c). ipcbench checks the one-tick-per-instruction
claim on every boot with a loop of a known number of instructions
(``calib_insns_per_iter``); a run where it does not hold exactly is refused.
On QEMU 7.2 it holds exactly, and GDB single-stepping agrees with the
figures; one caveat: QEMU counts each iteration of a rep-prefixed string
instruction as an instruction (``calib_rep_insns_per_elem``); a real CPU
retires the whole rep as one instruction.

Since the counts do not depend on the host, runs may go in parallel
(``--jobs``). They are close to deterministic, so min and max mostly show
where clock interrupts happened to fall; the median over several boots is
what is reported.

The disk run (``--only disk``) boots the full system with an empty 48 MiB
ext2 image attached (harness/disk.py make_ext2; /etc/rc mounts it on
/home) under ``-icount shift=0,align=off,sleep=on`` (DISK_ICOUNT: the time
the guest waits for the host's disk counts as real time): ``fpat -s -t
... write`` of a 16 MiB file (with the sync), a remount (the file server starts with an empty cache), ``fpat -t
... check`` of it, then ``rsbench recovery ata /dev/c0d0``. The guest
prints MB per guest second; the host times each fpat run between its
``bench: info: NAME start`` line and its figure for the MB per wall
second.

A benchmark, not a test: the targets in METRICS are shown in the table and
never asserted. What is an error (non-zero exit, no figure written): a
missing emulator, a QEMU that crashes, a kernel panic, a guest that reports
``bench: error: ...`` or does not finish.

The guest's protocol, one line each on the console:

    bench: NAME=VALUE [KEY=VALUE ...]   a figure (METRICS) or calibration
    bench: error: TEXT                  the run failed
    bench: warning: TEXT                shown, not fatal
    bench: info: TEXT                   ignored (for the console log)
    bench: done                         all figures printed

build/bench.json::

    {"meta": {"qemu": ..., "icount": ..., "date": ..., "git_commit": ...,
              "git_dirty": ..., "runs": ..., "calibration": {...}},
     "ipc_roundtrip_insns": {"median": 812, "min": 812, "max": 815,
                             "runs": 5, "unit": "insns",
                             "samples": [...], "ops_per_run": 10000},
     ...}
"""

import argparse
import concurrent.futures
import contextlib
import datetime
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time

from harness import abi, campaign_plan
from harness.images import build_image
from harness.machine import (ROOT, EmulatorError, GuestPanic, QemuMachine,
                             command_line, kill_all)
from harness.progress import Progress

ICOUNT = "shift=0,align=off,sleep=off"
OUTPUT = os.path.join(ROOT, "build", "bench.json")
WORKDIR = os.path.join(ROOT, "build", "bench")
RUNS = 5
TIMEOUT = 300          # seconds per boot (unscaled)

# Every figure a benchmark may write: its unit and the project's target
# (an upper bound, for the table only; None when there is none yet).
METRICS = {
    "ipc_roundtrip_insns": {"unit": "insns", "target": 700,
                            "what": "sendrec round trip between two "
                                    "address spaces"},
    "kcall_null_insns": {"unit": "insns", "target": 200,
                         "what": "null kernel call"},
    # The boot (run_system): QEMU without icount started, one boot at a
    # time, ISO and fast path taking turns, and the wall time from
    # starting the emulator process to the shell's first prompt on the
    # console (boot_to_prompt_once). The ISO path: the BIOS boots the CD,
    # GRUB reads the kernel and modules from it; the fast path: QEMU's
    # own Multiboot loader with the image's boot list
    # (harness/bootlist.py). The CD is attached on both.
    "boot_to_prompt_ms": {"unit": "ms", "target": 700,
                          "what": "wall time from emulator start to the "
                                  "first shell prompt (QEMU, ISO)"},
    "boot_to_prompt_ms_fast": {"unit": "ms", "target": 200,
                               "what": "the same on the fast path (QEMU's "
                                       "Multiboot loader, the boot list)"},
    # boot_insns_once: the fast path under -icount (ICOUNT); at the first
    # prompt the host stops the guest and saves it (QMP migrate), and the
    # figure is QEMU's own count of the instructions it executed since
    # reset, the qemu_icount field of the stream's timer/icount section
    # (idle time the clock skipped, qemu_icount_bias, is not in it):
    # firmware and the Multiboot option ROM, kernel, servers, /etc/rc,
    # the shell. The few clock ticks between the prompt and the stop
    # count too (a tick's handler is some thousand instructions).
    "boot_insns_kernel": {"unit": "insns", "target": None,
                          "what": "guest instructions from reset to the "
                                  "first shell prompt, fast path"},
    "fork_exec_wait_insns": {"unit": "insns", "target": 200000,
                             "what": "fork + exec of /bin/true + wait, "
                                     "whole system"},
    # The four below: `sysbench` at the prompt of the whole system under
    # -icount (os/tests/user/sysbench/main.c has the method): each is
    # (T(op, N) - T(base, N)) / N guest instructions, T the TSC difference
    # around N calls through one timing loop, everything the system runs
    # meanwhile included (caller, partner, servers, driver, kernel).
    "getpid_insns": {"unit": "insns", "target": 1000,
                     "what": "getpid(): a PM_GETPID round trip to PM "
                             "(base: an empty call)"},
    "pipe_roundtrip_insns": {"unit": "insns", "target": 6000,
                             "what": "1 byte written into pipe A, read by "
                                     "a forked child blocked on A, written "
                                     "back into pipe B and read from B by "
                                     "the writer blocked on B: 2 writes + "
                                     "2 reads of 1 byte (base: an empty "
                                     "call)"},
    "fork_exit_wait_insns": {"unit": "insns", "target": None,
                             "what": "fork() + the child's _exit(0) + "
                                     "waitpid(), no exec (base: an empty "
                                     "call)"},
    "hello_read_insns": {"unit": "insns", "target": None,
                         "what": "one 14-byte read() of /dev/hello, open "
                                 "once: lseek(0) + read timed against "
                                 "lseek(0) alone, so the read alone"},
    "recovery_ms": {"unit": "ms", "target": 20,
                    "what": "guest time (icount) from `service fi hello "
                            "crash` to /dev/hello answering again"},
    "driver_up_insns": {"unit": "insns", "target": None,
                        "what": "guest instructions of `service up` of a "
                                "4th hello instance (`rsbench up 4`): what "
                                "one more driver adds to boot"},
    "update_downtime_ms": {"unit": "ms", "target": 10,
                           "what": "guest time (icount) hello answers "
                                   "nobody during `service update self`"},
    "ext2_write_guest_mbps": {"unit": "MB/s", "target": None,
                              "what": "sequential write of a 16 MiB file "
                                      "on ext2 and sync, MB per guest "
                                      "second (icount)"},
    "ext2_read_guest_mbps": {"unit": "MB/s", "target": None,
                             "what": "sequential read of that file after "
                                     "a remount (cold cache), MB per "
                                     "guest second (icount)"},
    "ext2_write_wall_mbps": {"unit": "MB/s", "target": None,
                             "what": "the same write, MB per wall second "
                                     "(QEMU under icount on this host)"},
    "ext2_read_wall_mbps": {"unit": "MB/s", "target": None,
                            "what": "the same read, MB per wall second"},
    "ata_recovery_ms": {"unit": "ms", "target": None,
                        "what": "guest time (icount) from `service fi ata "
                                "crash` to the first disk request the "
                                "restarted driver completes"},
    "tcp_host_from_guest_wall_mbps": {
        "unit": "MB/s", "target": None,
        "what": "the host downloads 8 MiB from the guest's httpd through "
                "the forwarded port (e1000, inet, QEMU user network), MB "
                "per wall second, no icount"},
    "tcp_host_from_guest_insns_per_kib": {
        "unit": "insns", "target": None,
        "what": "guest instructions per KiB of that download (icount: "
                "busy clock ticks of all processes, see net_icount_once)"},
    "tcp_crash20_slowdown": {
        "unit": "x", "target": None,
        "what": "wall time of the 8 MiB download with 20 `service fi "
                "e1000 crash` (each awaited until inet takes the new "
                "instance) over the time without"},
    "harness_reset_ms": {"unit": "ms", "target": 100,
                         "what": "wall time to hand a test a freshly reset "
                                 "machine (QEMU restored from the session "
                                 "snapshot, first command answered)"},
}

# The restart in place of each core service and RS (`rsbench core LABEL...`,
# os/tests/user/rsbench/core.c), in the whole-system run: guest time from
# `service fi LABEL crash` until RS reports LABEL up again at the same
# endpoint and one operation through it succeeds. The labels are the
# campaign's (harness/campaign_plan.py CORE_SERVICES).
CORE_LABELS = campaign_plan.CORE_SERVICES
CORE_METRICS = tuple("%s_recovery_ms" % label for label in CORE_LABELS)
for _label in CORE_LABELS:
    METRICS["%s_recovery_ms" % _label] = {
        "unit": "ms", "target": None,
        "what": "guest time (icount) from `service fi %s crash` to %s "
                "restarted in place and answering" % (_label, _label)}

# The figures ipcbench prints (every run must have all of them).
IPCBENCH_METRICS = ("ipc_roundtrip_insns", "kcall_null_insns")
CALIBRATION = "calib_insns_per_iter"
# Informational: ticks per element of a rep-prefixed string instruction (QEMU
# counts every iteration as an instruction; see os/tests/ipcbench/main.c).
REP_CALIBRATION = "calib_rep_insns_per_elem"

LINE_RE = re.compile(r"^bench: ([a-z][a-z0-9_]*)=(\S+)(.*)$")
ERROR_RE = re.compile(r"^bench: error: (.*)$")
WARNING_RE = re.compile(r"^bench: warning: (.*)$")
DONE_RE = re.compile(r"^bench: done\s*$")


class BenchError(Exception):
    """A benchmark run failed: no figure may come out of it."""


# ---- reading the console ------------------------------------------------------

def _number(text):
    """"812" -> 812, "8.000" -> 8.0; anything else -> the text."""
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def parse_console(text):
    """Read the bench lines of a console TEXT. Returns a dict:
    ``values`` {name: number}, ``fields`` {name: {key: value}} (the KEY=VALUE
    words after a figure), ``errors`` and ``warnings`` (lists of text) and
    ``done`` (the guest said it finished)."""
    out = {"values": {}, "fields": {}, "errors": [], "warnings": [],
           "done": False}
    for line in text.replace("\r", "").split("\n"):
        line = line.rstrip()
        m = ERROR_RE.match(line)
        if m:
            out["errors"].append(m.group(1))
            continue
        m = WARNING_RE.match(line)
        if m:
            out["warnings"].append(m.group(1))
            continue
        if DONE_RE.match(line):
            out["done"] = True
            continue
        m = LINE_RE.match(line)
        if m:
            name = m.group(1)
            out["values"][name] = _number(m.group(2))
            fields = {}
            for word in m.group(3).split():
                key, eq, value = word.partition("=")
                if eq:
                    fields[key] = _number(value)
            out["fields"][name] = fields
    return out


def check_run(parsed, metrics=IPCBENCH_METRICS, where="the run"):
    """The figures of one run from its PARSED console (parse_console), as
    {name: value}, after checking that the run is usable: no error, finished,
    every one of METRICS present and positive, calibration exact. Raises
    BenchError otherwise."""
    if parsed["errors"]:
        raise BenchError("%s: the guest reported: %s"
                         % (where, "; ".join(parsed["errors"])))
    if not parsed["done"]:
        raise BenchError("%s: the guest powered off without 'bench: done'"
                         % where)
    check_calibration(parsed, where)
    figures = {}
    for name in metrics:
        value = parsed["values"].get(name)
        if value is None:
            raise BenchError("%s: no %s figure on the console" % (where, name))
        if isinstance(value, str) or value <= 0:
            raise BenchError("%s: %s=%s is not a positive number"
                             % (where, name, value))
        figures[name] = value
    return figures


def check_calibration(parsed, where="the run"):
    """Check that the TSC counted exactly one tick per instruction in the
    calibration loop. Returns the calibration record for the meta block."""
    value = parsed["values"].get(CALIBRATION)
    expected = parsed["fields"].get(CALIBRATION, {}).get("expected")
    if not isinstance(value, (int, float)) or \
            not isinstance(expected, (int, float)):
        raise BenchError("%s: no usable %s line on the console"
                         % (where, CALIBRATION))
    if abs(value - expected) > 0.0005:
        raise BenchError(
            "%s: the TSC does not count one per guest instruction (%s ticks "
            "for a loop of %s instructions per iteration): is QEMU running "
            "with -icount shift=0?" % (where, value, expected))
    fields = parsed["fields"][CALIBRATION]
    record = {CALIBRATION: value, "expected": expected,
              "tsc_ticks_per_insn": round(value / expected, 6),
              "fixed": fields.get("fixed")}
    rep = parsed["values"].get(REP_CALIBRATION)
    if isinstance(rep, (int, float)):
        record[REP_CALIBRATION] = rep
    return record


# ---- statistics and the JSON file -----------------------------------------------

def _tidy(x):
    """An integral float as an int (812.0 -> 812), else X."""
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def summarize(samples, unit, **extra):
    """The record of one metric from its per-run SAMPLES."""
    if not samples:
        raise ValueError("no samples")
    record = {"median": _tidy(statistics.median(samples)),
              "min": _tidy(min(samples)), "max": _tidy(max(samples)),
              "runs": len(samples), "unit": unit,
              "samples": [_tidy(s) for s in samples]}
    record.update(extra)
    return record


def merge(existing, metrics, meta):
    """EXISTING (a bench.json dict, possibly empty) with the METRICS records
    replaced or added and META merged into its meta block. Other metrics
    and meta keys stay. Returns a new dict: "meta" first, then the metrics
    by name."""
    existing = dict(existing or {})
    old_meta = existing.pop("meta", None)
    merged_meta = dict(old_meta) if isinstance(old_meta, dict) else {}
    merged_meta.update(meta)
    existing.update(metrics)
    out = {"meta": merged_meta}
    for name in sorted(existing):
        out[name] = existing[name]
    return out


def load(path):
    """The dict in the JSON file PATH; {} when it does not exist. A file that
    is not a JSON object is reported and ignored (build/ is scratch)."""
    try:
        with open(path) as f:
            data = json.load(f)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as e:
        print("bench: ignoring unreadable %s (%s)" % (path, e),
              file=sys.stderr)
        return {}
    if not isinstance(data, dict):
        print("bench: ignoring %s: not a JSON object" % path, file=sys.stderr)
        return {}
    return data


def write(path, data):
    """Write DATA to PATH as JSON, atomically."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    text = json.dumps(data, indent=2)
    # Lists of numbers (the samples) on one line each. Only what json.dumps
    # spread over lines matches: a string never holds a raw newline.
    num = r"-?[0-9][0-9.eE+-]*"
    text = re.sub(r"\[\n\s*(%s(?:,\n\s*%s)*)\n\s*\]" % (num, num),
                  lambda m: "[%s]" % ", ".join(
                      x.strip() for x in m.group(1).split(",")),
                  text)
    with open(tmp, "w") as f:
        f.write(text + "\n")
    os.replace(tmp, path)


# ---- the table ----------------------------------------------------------------

def _fmt(x):
    if isinstance(x, float):
        return ("%.2f" % x).rstrip("0").rstrip(".")
    return str(x)


def format_table(data):
    """A readable table of every metric in DATA (a bench.json dict), with
    the target of each known one, and a line of provenance."""
    rows = [("metric", "median", "min", "max", "runs", "unit", "target")]
    for name in sorted(k for k in data if k != "meta"):
        rec = data[name]
        if not isinstance(rec, dict) or "median" not in rec:
            continue
        target = METRICS.get(name, {}).get("target")
        if target is None:
            mark = "-"
        else:
            mark = "<= %s %s" % (_fmt(target),
                                 "ok" if rec["median"] <= target else "OVER")
        rows.append((name, _fmt(rec["median"]), _fmt(rec.get("min", "")),
                     _fmt(rec.get("max", "")), _fmt(rec.get("runs", "")),
                     str(rec.get("unit", "")), mark))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for r in rows:
        cells = [r[0].ljust(widths[0])]
        cells += [r[i].rjust(widths[i]) for i in range(1, 5)]
        cells += [r[5].ljust(widths[5]), r[6]]
        lines.append("  ".join(cells).rstrip())
    meta = data.get("meta", {})
    if meta:
        commit = meta.get("git_commit") or "?"
        lines.append("")
        lines.append("%s, -icount %s, commit %s%s, %s" % (
            meta.get("qemu", "QEMU ?"), meta.get("icount", "?"),
            commit[:12], " (dirty)" if meta.get("git_dirty") else "",
            meta.get("date", "?")))
    return "\n".join(lines)


# ---- running ----------------------------------------------------------------

def _git(*args):
    r = subprocess.run(["git", "-C", ROOT] + list(args), capture_output=True,
                       text=True)
    return r.stdout.strip() if r.returncode == 0 else None


def qemu_version():
    """The first line of ``qemu-system-i386 --version``."""
    binary = shutil.which(QemuMachine.binary)
    if binary is None:
        raise EmulatorError("%s not found on PATH: run 'make deps' to "
                            "install the emulators" % QemuMachine.binary)
    r = subprocess.run([binary, "--version"], capture_output=True, text=True)
    lines = r.stdout.strip().splitlines()
    return lines[0] if lines else "unknown"


def make_meta(runs, calibration):
    status = _git("status", "--porcelain", "--untracked-files=no")
    return {
        "qemu": qemu_version(),
        "icount": ICOUNT,
        "date": datetime.datetime.now(datetime.timezone.utc)
                .isoformat(timespec="seconds"),
        "git_commit": _git("rev-parse", "HEAD"),
        "git_dirty": bool(status) if status is not None else None,
        "runs": runs,
        "calibration": calibration,
    }


def run_once(image, index, workdir, timeout, timeout_scale=1.0):
    """Boot IMAGE once under icount and return its parsed console (checked:
    see check_run) plus the calibration record. Evidence stays in WORKDIR
    (console.log, command.txt)."""
    where = "run %d" % index
    shutil.rmtree(workdir, ignore_errors=True)
    m = QemuMachine(image, workdir=workdir, timeout_scale=timeout_scale,
                    extra_args=["-icount", ICOUNT])
    try:
        m.boot()
        with open(os.path.join(workdir, "command.txt"), "w") as f:
            f.write(command_line(m) + "\n")
        try:
            m.wait_poweroff(timeout)
        except GuestPanic as e:
            raise BenchError("%s: kernel panic: %s\n%s\n(console: %s)"
                             % (where, e.message, e.report.rstrip(),
                                m.console_log))
        except TimeoutError:
            raise BenchError("%s: the guest did not power off within %.0fs;"
                             " console tail:\n%s(console: %s)"
                             % (where, timeout * m.timeout_scale, m.tail(),
                                m.console_log))
        except EmulatorError as e:
            raise EmulatorError("%s: %s (console: %s)"
                                % (where, e, m.console_log))
        parsed = parse_console(m.console_text())
    finally:
        m.close()
    try:
        figures = check_run(parsed, where=where)
        calibration = check_calibration(parsed, where)
    except BenchError as e:
        raise BenchError("%s (console: %s)" % (e, m.console_log))
    fields = {name: parsed["fields"].get(name, {}) for name in figures}
    return figures, fields, calibration, parsed["warnings"]


def run_all(image, runs, jobs, workdir, timeout, timeout_scale=1.0,
            report=print):
    """Boot IMAGE RUNS times, JOBS at a time. Returns ({name: [value per
    run]}, {name: fields of the first run}, calibration, warnings). After a
    failure no new run starts; the first failure (by run number) is raised
    once the started runs have ended."""
    results = {}
    errors = {}
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=jobs)
    try:
        futures = {}
        for i in range(1, runs + 1):
            futures[pool.submit(run_once, image, i,
                                os.path.join(workdir, "run%d" % i), timeout,
                                timeout_scale)] = i
        for fut in concurrent.futures.as_completed(futures):
            i = futures[fut]
            if fut.cancelled():
                continue
            try:
                results[i] = fut.result()
            except (BenchError, EmulatorError) as e:
                errors[i] = e
                for other in futures:
                    other.cancel()
                continue
            report("run %d/%d: %s" % (i, runs, " ".join(
                "%s=%s" % kv for kv in sorted(results[i][0].items()))))
    except BaseException:
        # Interrupted: stop every emulator so that the workers end at once.
        pool.shutdown(wait=False, cancel_futures=True)
        kill_all()
        raise
    pool.shutdown()
    if errors:
        raise errors[min(errors)]
    samples = {}
    warnings = []
    for i in sorted(results):
        figures, _, _, warns = results[i]
        for name, value in figures.items():
            samples.setdefault(name, []).append(value)
        warnings.extend(w for w in warns if w not in warnings)
    first = results[min(results)]
    return samples, first[1], first[2], warnings


# ---- the whole system: boot to the prompt, fork + exec + wait ----------------

PROMPT_RE = r"(?:^|\n)# "
SYSTEM_METRICS = ("fork_exec_wait_insns", "getpid_insns",
                  "pipe_roundtrip_insns", "fork_exit_wait_insns",
                  "hello_read_insns", "update_downtime_ms",
                  "recovery_ms") + CORE_METRICS + ("driver_up_insns",)
# The guest programs of the whole-system run, typed at the prompt in turn.
SYSTEM_PROGRAMS = ("forkbench", "sysbench", "rsbench",
                   "rsbench core " + " ".join(CORE_LABELS), "rsbench up 4")


@contextlib.contextmanager
def guest_errors(where, m, *also):
    """Turn what can go wrong with the guest of machine M inside the block
    into a BenchError naming WHERE and M's console log: a kernel panic, a
    timeout, a QEMU monitor error, or an exception of a type in ALSO."""
    from harness.monitor import MonitorError
    try:
        yield
    except MonitorError as e:
        raise BenchError("%s: QEMU monitor: %s" % (where, e))
    except GuestPanic as e:
        raise BenchError("%s: kernel panic: %s (console: %s)"
                         % (where, e.message, m.console_log))
    except (TimeoutError,) + also as e:
        raise BenchError("%s: %s (console: %s)" % (where, e, m.console_log))


def boot_to_prompt_once(image, index, workdir, timeout, timeout_scale=1.0,
                        boot="iso"):
    """Boot the full system IMAGE on QEMU (no icount) on boot path BOOT
    (harness/bootlist.py) and return the wall time in milliseconds from
    starting the emulator to the shell's first prompt. The guest is
    powered off afterwards."""
    where = "boot-to-prompt run %d (%s)" % (index, boot)
    shutil.rmtree(workdir, ignore_errors=True)
    m = QemuMachine(image, workdir=workdir, timeout_scale=timeout_scale,
                    boot=boot)
    try:
        t0 = time.monotonic()
        m.boot()
        with guest_errors(where, m):
            m.expect(PROMPT_RE, timeout)
            ms = (time.monotonic() - t0) * 1000.0
            m.sendline("poweroff")
            m.wait_poweroff(timeout)
    finally:
        m.close()
    return round(ms, 1)


def saved_icount(state):
    """QEMU's count of guest instructions executed (qemu_icount) in the
    migration stream file STATE of a machine run with -icount: the
    timer/icount subsection of the "timer" section (QEMU 7.2
    softmmu/cpu-timers.c: version, then qemu_icount_bias and qemu_icount,
    big-endian 64-bit). Raises BenchError when it is not there."""
    import struct
    name = b"timer/icount"
    with open(state, "rb") as f:
        data = f.read()
    at = data.find(name)
    fields = data[at + len(name):at + len(name) + 20]
    if at < 0 or len(fields) != 20:
        raise BenchError("%s: no timer/icount section (was QEMU run with "
                         "-icount?)" % state)
    _version, _bias, icount = struct.unpack(">iqq", fields)
    return icount


def boot_insns_once(image, index, workdir, timeout, timeout_scale=1.0):
    """boot_insns_kernel (METRICS): boot IMAGE on the fast path under
    -icount, stop it at the first prompt, save it and return the
    instructions QEMU executed (saved_icount)."""
    where = "boot instructions run %d" % index
    shutil.rmtree(workdir, ignore_errors=True)
    m = QemuMachine(image, workdir=workdir, timeout_scale=timeout_scale,
                    extra_args=["-icount", ICOUNT], boot="multiboot")
    state = os.path.join(m.workdir, "state")
    try:
        m.boot()
        with guest_errors(where, m):
            m.expect(PROMPT_RE, timeout)
            qmp = m.monitor()
            if qmp is None:
                raise BenchError("%s: no QEMU monitor" % where)
            qmp.command("stop")
            qmp.command("migrate", uri="exec:cat > %s"
                        % shlex.quote(state))
            deadline = time.monotonic() + timeout
            while qmp.command("query-migrate").get("status") != \
                    "completed":
                if time.monotonic() > deadline:
                    raise BenchError("%s: saving the machine did not end"
                                     % where)
                time.sleep(0.01)
    finally:
        m.close()
    try:
        return saved_icount(state)
    finally:
        os.remove(state)


def forkbench_once(image, index, workdir, timeout, timeout_scale=1.0):
    """Boot the full system IMAGE under icount, run each of SYSTEM_PROGRAMS
    at the prompt (forkbench, sysbench, then rsbench) and return their
    checked figures and the calibration record."""
    where = "system benchmark run %d" % index
    shutil.rmtree(workdir, ignore_errors=True)
    m = QemuMachine(image, workdir=workdir, timeout_scale=timeout_scale,
                    extra_args=["-icount", ICOUNT])
    try:
        m.boot()
        with guest_errors(where, m):
            for program in SYSTEM_PROGRAMS:
                m.expect(PROMPT_RE, timeout)
                m.sendline(program)
                if m.expect([r"bench: done", r"bench: error: .*"],
                            timeout) != 0:
                    break
            parsed = parse_console(m.console_text())
            m.sendline("poweroff")
            m.wait_poweroff(timeout)
    finally:
        m.close()
    try:
        figures = check_run(parsed, SYSTEM_METRICS, where)
        calibration = check_calibration(parsed, where)
    except BenchError as e:
        raise BenchError("%s (console: %s)" % (e, m.console_log))
    return figures, calibration


def run_system(image, runs, workdir, timeout, timeout_scale=1.0,
               report=print):
    """The whole-system benchmarks, one boot at a time (boot_to_prompt_ms
    is a wall time: nothing else may run beside it). Returns ({name: [value
    per run]}, the last run's calibration record)."""
    samples = {"boot_to_prompt_ms": [], "boot_to_prompt_ms_fast": [],
               "boot_insns_kernel": []}
    for i in range(1, runs + 1):
        iso = boot_to_prompt_once(image, i,
                                  os.path.join(workdir, "prompt%d" % i),
                                  timeout, timeout_scale, boot="iso")
        fast = boot_to_prompt_once(image, i,
                                   os.path.join(workdir, "fast%d" % i),
                                   timeout, timeout_scale, boot="multiboot")
        samples["boot_to_prompt_ms"].append(iso)
        samples["boot_to_prompt_ms_fast"].append(fast)
        report("boot to prompt %d/%d: ISO %.1f ms, fast path %.1f ms"
               % (i, runs, iso, fast))
    for i in range(1, runs + 1):
        insns = boot_insns_once(image, i,
                                os.path.join(workdir, "insns%d" % i),
                                timeout, timeout_scale)
        samples["boot_insns_kernel"].append(insns)
        report("boot instructions %d/%d: %d" % (i, runs, insns))
    for i in range(1, runs + 1):
        figures, calibration = forkbench_once(image, i,
                                    os.path.join(workdir, "fork%d" % i),
                                    timeout, timeout_scale)
        for name, value in figures.items():
            samples.setdefault(name, []).append(value)
        report("forkbench %d/%d: %s" % (i, runs, " ".join(
            "%s=%s" % kv for kv in sorted(figures.items()))))
    return samples, calibration


# ---- the disk: ext2 throughput and the ATA driver's recovery ----------------

DISK_METRICS = ("ext2_write_guest_mbps", "ext2_read_guest_mbps",
                "ata_recovery_ms")
DISK_FILE_SIZE = 16 << 20      # bytes written, then read
DISK_IMAGE_SIZE = 48 << 20     # the empty ext2 image it goes on
DISK_SEED = 0xBE7C
# sleep=on: while the guest waits for the disk (halted) QEMU's virtual
# clock runs at the host's pace. With sleep=off it jumps to the next timer
# at once, so every request the host's I/O thread has not finished yet
# meets the driver's 5 s timeout ("no interrupt from the drive"). The
# guest's time is then instructions (1 ns each) plus the real time it
# waited for the disk.
DISK_ICOUNT = "shift=0,align=off,sleep=on"


def _timed_fpat(m, shell, name, command, timeout):
    """Run fpat COMMAND (with -t NAME) at SHELL's prompt; return its wall
    time in seconds, from its "bench: info: NAME start" line to its
    "bench: NAME=" line on the console."""
    since = len(m.console_text())
    m.sendline(command)
    m.expect(r"bench: info: %s start" % name, timeout)
    t0 = time.monotonic()
    if m.expect([r"bench: %s=\S+" % name, r"bench: error: .*",
                 r"fpat: [^\n]*(error|differs|bytes, not)[^\n]*\n"],
                timeout) != 0:
        raise BenchError("%s failed: %s" % (command,
                                            m.console_text()[since:]))
    t1 = time.monotonic()
    shell.wait_prompt(timeout)
    return t1 - t0


def disk_once(image, index, workdir, timeout, timeout_scale=1.0):
    """Boot IMAGE under icount with an empty ext2 disk (/etc/rc mounts it
    on /home): write a 16 MiB file with fpat and sync, remount (the file
    server starts with an empty cache), read it back and check it, then
    `rsbench recovery ata /dev/c0d0`. Returns the checked figures (with
    the two wall-clock throughputs the host measured) and the
    calibration record."""
    from harness import disk
    from harness.shell import Shell
    where = "disk benchmark run %d" % index
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    img = disk.make_ext2(os.path.join(workdir, "disk.img"),
                         DISK_IMAGE_SIZE)
    m = QemuMachine(image, workdir=workdir, timeout_scale=timeout_scale,
                    extra_args=["-icount", DISK_ICOUNT], disk=img)
    wall = {}
    try:
        m.boot()
        with guest_errors(where, m, AssertionError):
            shell = Shell(m).wait_prompt(timeout)
            home = disk.ensure_mounted(shell)
            path = "%s/bench.dat" % home
            wall["ext2_write_wall_mbps"] = _timed_fpat(
                m, shell, "ext2_write_guest_mbps",
                "fpat -s -t ext2_write_guest_mbps write %s %d %d"
                % (path, DISK_FILE_SIZE, DISK_SEED), timeout)
            shell.check("umount %s && mount %s %s" % (home, disk.DEVICE,
                                                     home), timeout)
            wall["ext2_read_wall_mbps"] = _timed_fpat(
                m, shell, "ext2_read_guest_mbps",
                "fpat -t ext2_read_guest_mbps check %s %d %d"
                % (path, DISK_FILE_SIZE, DISK_SEED), timeout)
            m.sendline("rsbench recovery ata %s" % disk.DEVICE)
            m.expect([r"bench: done", r"bench: error: .*"], timeout)
            parsed = parse_console(m.console_text())
            m.sendline("poweroff")
            m.wait_poweroff(timeout)
    finally:
        m.close()
    try:
        figures = check_run(parsed, DISK_METRICS, where)
        calibration = check_calibration(parsed, where)
    except BenchError as e:
        raise BenchError("%s (console: %s)" % (e, m.console_log))
    for name, seconds in wall.items():
        figures[name] = round(DISK_FILE_SIZE / 1e6 / seconds, 3)
    return figures, calibration


def run_disk(image, runs, workdir, timeout, timeout_scale=1.0,
             report=print):
    """The disk benchmarks, one boot at a time (the wall-clock figures
    want the host to themselves). Returns ({name: [value per run]}, the
    last run's calibration record)."""
    samples = {}
    calibration = None
    for i in range(1, runs + 1):
        figures, calibration = disk_once(image, i, os.path.join(
            workdir, "disk%d" % i), timeout, timeout_scale)
        for name, value in figures.items():
            samples.setdefault(name, []).append(value)
        report("disk %d/%d: %s" % (i, runs, " ".join(
            "%s=%s" % kv for kv in sorted(figures.items()))))
    return samples, calibration


# The network benchmark (--only net): the full system with QEMU's user
# network and a forwarded port, e1000 started again without RS's backoff
# (harness/netload.py, as the recovery tests do). Method:
# - tcp_host_from_guest_wall_mbps: one boot without icount; the host
#   downloads NET_FILE_SIZE bytes of a pattern file from the guest's
#   httpd (harness/netload.Download, checked by SHA-256) and the figure is
#   the size over the wall time from the request to the last byte.
# - tcp_crash20_slowdown: in the same boot, the same download with
#   NET_CRASHES `service fi e1000 crash`, each fired while a slice of the
#   file is on its way, the reader going past the slice only once inet
#   has taken the new instance (download_during); the figure is its wall
#   time over the clean download's. It includes what each crash costs:
#   the restart, inet's re-initialisation, TCP's retransmission timeout.
# - tcp_host_from_guest_insns_per_kib: another boot under -icount
#   NET_ICOUNT. The kernel's hang dump (an NMI from QEMU's monitor) prints
#   every process's user and system clock ticks; the busy ticks the
#   download added (all processes, before and after) times the guest
#   instructions per tick (10^9 / CLOCK_HZ under shift=0: one instruction
#   per nanosecond of virtual time) over the KiB moved. Ticks sample who
#   ran when the clock interrupt came (the kernel runs with interrupts
#   off, so a tick that falls in a kernel call or a grant copy is taken,
#   and counted, when the kernel returns to a process; one that falls in
#   the idle loop is not, nor is the real time the guest waits for
#   slirp, which sleep=on lets pass as virtual time). The figure is
#   exact only to a few ticks (1e7 instructions each); the 8 MiB
#   download is some 50 busy ticks, so it is good to a few percent.
NET_FILE_SIZE = 8 << 20
NET_SEED = 41
NET_CRASHES = 20
NET_ICOUNT = "shift=0,align=off,sleep=on"


def _busy_ticks(m, timeout):
    """Sum of user + system ticks of every process, from the process
    table the kernel prints on an NMI (harness/machine.py PROCTABLE_RE)."""
    from harness.machine import PROCTABLE_RE
    since = len(m.console_text())
    m.monitor().hmp("nmi")
    m.wait_console(PROCTABLE_RE, since, timeout)
    table = re.search(PROCTABLE_RE, m.console_text()[since:]).group(0)
    return sum(int(u) + int(y) for u, y in
               re.findall(r" user=(\d+) sys=(\d+)", table))


def _net_machine(image, workdir, timeout, timeout_scale, extra_args=()):
    """A booted full system with the forwarded port, e1000 without
    backoff, httpd serving the file; (machine, shell, services)."""
    from harness import netload
    from harness.services import Services
    from harness.shell import Shell
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    m = QemuMachine(image, workdir=workdir, timeout_scale=timeout_scale,
                    extra_args=list(extra_args), net=True)
    m.boot()
    shell = Shell(m).wait_prompt(timeout)
    services = Services(shell)
    netload.e1000_without_backoff(m, services)
    netload.serve_pattern(shell, NET_FILE_SIZE, NET_SEED, timeout=timeout)
    return m, shell, services


def net_once(image, index, workdir, timeout, timeout_scale=1.0):
    """One run of the network benchmark (see above): returns its figures."""
    from harness import netload
    where = "network benchmark run %d" % index
    figures = {}
    m = None
    try:
        m, shell, services = _net_machine(
            image, os.path.join(workdir, "wall"), timeout, timeout_scale)
        clean = netload.Download(m.host_port, NET_FILE_SIZE, NET_SEED,
                                 timeout=timeout)
        clean.join()
        crashed = netload.download_during(
            m.host_port, NET_FILE_SIZE, NET_SEED, ["crash"] * NET_CRASHES,
            lambda k, e: netload.e1000_event(m, services, e, k + 3),
            timeout)
        figures["tcp_host_from_guest_wall_mbps"] = round(
            NET_FILE_SIZE / 1e6 / clean.seconds, 3)
        figures["tcp_crash20_slowdown"] = round(
            crashed.seconds / clean.seconds, 3)
        m.close()
        m, shell, services = _net_machine(
            image, os.path.join(workdir, "icount"), timeout, timeout_scale,
            ["-icount", NET_ICOUNT])
        before = _busy_ticks(m, timeout)
        netload.Download(m.host_port, NET_FILE_SIZE, NET_SEED,
                         timeout=timeout).join()
        ticks = _busy_ticks(m, timeout) - before
        figures["tcp_host_from_guest_insns_per_kib"] = round(
            ticks * (1e9 / abi.CLOCK_HZ) / (NET_FILE_SIZE / 1024))
    except GuestPanic as e:
        raise BenchError("%s: kernel panic: %s (console: %s)"
                         % (where, e.message, m.console_log))
    except (TimeoutError, AssertionError) as e:
        raise BenchError("%s: %s (console: %s)" % (
            where, e, m.console_log if m else "-"))
    finally:
        if m is not None:
            m.close()
    return figures


def run_net(image, runs, workdir, timeout, timeout_scale=1.0,
            report=print):
    """The network benchmark, one run at a time (wall-clock figures want
    the host to themselves). Returns {name: [value per run]}."""
    samples = {}
    for i in range(1, runs + 1):
        figures = net_once(image, i, os.path.join(workdir, "net%d" % i),
                           timeout, timeout_scale)
        for name, value in figures.items():
            samples.setdefault(name, []).append(value)
        report("net %d/%d: %s" % (i, runs, " ".join(
            "%s=%s" % kv for kv in sorted(figures.items()))))
    return samples


def harness_reset_samples(image, runs, workdir, timeout_scale=1.0,
                          report=print):
    """harness_reset_ms: take the session snapshot of IMAGE once (as the
    ``machine`` fixture does), then RUNS times time how long it takes from
    asking for a machine (SnapshotCache.restore, as the fixture: the
    machine prestarted after the previous restore takes over) to the
    restored guest answering a command at its prompt; after each, a pause
    of RESET_TEST_S stands for the test that would use the machine.
    Returns the list of milliseconds. The snapshot must work: a fallback
    to a boot is an error here. On the default boot path (the fast
    path)."""
    from harness.snapshot import SnapshotCache, SnapshotError, image_key
    cache = SnapshotCache(os.path.join(workdir, "snapshots"))
    key = image_key(image)

    def make(wd, snap):
        return QemuMachine(image, workdir=wd, timeout_scale=timeout_scale,
                           incoming=snap)
    try:
        cache.restore(key, make, os.path.join(workdir, "reset0")).close()
    except SnapshotError as e:
        cache.close()
        raise BenchError("harness reset: no snapshot: %s" % e)
    samples = []
    try:
        for i in range(1, runs + 1):
            samples.append(_reset_once(cache, key, make, i, runs, workdir,
                                       report))
    finally:
        cache.close()
    return samples


# What stands for a test between two resets in harness_reset_samples
# (seconds; the shortest guest tests take about this long): the time in
# which the fixture's standby machine starts, as it does in a session.
RESET_TEST_S = 0.3


def _reset_once(cache, key, make, i, runs, workdir, report):
    """One harness_reset_ms sample (see harness_reset_samples)."""
    from harness.snapshot import SnapshotError
    from harness.shell import Shell
    time.sleep(RESET_TEST_S)
    wd = os.path.join(workdir, "reset%d" % i)
    shutil.rmtree(wd, ignore_errors=True)
    t0 = time.monotonic()
    m = None
    try:
        m = cache.restore(key, make, wd)
        out, status = Shell(m).wait_prompt(30).run("echo ready", 30)
        ms = (time.monotonic() - t0) * 1000.0
        if status != 0 or "ready" not in out:
            raise BenchError("harness reset %d: the restored guest "
                             "answered %r (status %d)" % (i, out, status))
    except (SnapshotError, TimeoutError, GuestPanic) as e:
        raise BenchError("harness reset %d: %s (console: %s)"
                         % (i, e, m.console_log if m else "-"))
    finally:
        if m is not None:
            m.close()
    report("harness reset %d/%d: %.1f ms" % (i, runs, ms))
    return round(ms, 1)


def main(argv=None):
    p = argparse.ArgumentParser(
        prog="python3 -m harness.bench",
        description="Run the benchmarks under QEMU icount and write "
                    "build/bench.json (see harness/bench.py).")
    p.add_argument("--runs", type=int, default=RUNS,
                   help="boots to take the median of (default %d)" % RUNS)
    p.add_argument("--jobs", type=int, default=None,
                   help="boots at a time (default: one per CPU)")
    p.add_argument("--output", default=OUTPUT,
                   help="the JSON file to merge into (default build/bench.json)")
    p.add_argument("--workdir", default=WORKDIR,
                   help="where the image and each run's console log go "
                        "(default build/bench)")
    p.add_argument("--cmdline", default="",
                   help="kernel command line of the benchmark image")
    p.add_argument("--image",
                   help="boot this image instead of building one")
    p.add_argument("--timeout-scale", type=float, default=1.0,
                   help="multiply the per-boot timeout (%ds) by this" % TIMEOUT)
    p.add_argument("--only", choices=("ipc", "system", "disk", "net"),
                   help="run only the IPC benchmarks (ipcbench), only the "
                        "whole-system ones (boot to prompt, forkbench) or "
                        "only the disk ones (ext2 throughput, "
                        "ata_recovery_ms) or only the network ones (TCP "
                        "throughput, slowdown under driver crashes)")
    p.add_argument("--system-image",
                   help="the full system image (default build/os.iso)")
    p.add_argument("--show", action="store_true",
                   help="only print the table of the existing JSON file")
    args = p.parse_args(argv)
    if args.runs < 1:
        p.error("--runs must be at least 1")

    if args.show:
        data = load(args.output)
        if not data:
            print("bench: no figures in %s: run 'make bench'" % args.output,
                  file=sys.stderr)
            return 1
        print(format_table(data))
        return 0

    jobs = args.jobs or min(args.runs, os.cpu_count() or 1)
    samples, fields, calibration, warnings = {}, {}, None, []
    # Every run of every phase is a step: IPC runs, then boot to prompt,
    # boot instructions, forkbench and the harness reset, RUNS each.
    steps = args.runs * ((args.only in (None, "ipc")) +
                         4 * (args.only in (None, "system")) +
                         (args.only in (None, "disk")) +
                         (args.only in (None, "net")))
    progress = Progress(steps, "bench", unit="runs", stream=sys.stdout)
    report = progress.step
    try:
        version = qemu_version()
        os.makedirs(args.workdir, exist_ok=True)
        if args.only in (None, "ipc"):
            image = args.image or build_image(
                os.path.join(args.workdir, "ipcbench.iso"), args.cmdline,
                ["ipcbench"])
            print("bench: %d boot%s of %s (%d at a time) on %s, -icount %s"
                  % (args.runs, "s" if args.runs > 1 else "",
                     os.path.relpath(image), jobs, version, ICOUNT))
            samples, fields, calibration, warnings = run_all(
                image, args.runs, jobs, args.workdir, TIMEOUT,
                args.timeout_scale, report=report)
        system_image = args.system_image or os.path.join(
            ROOT, "build", "os.iso")
        if args.only != "ipc" and not os.path.isfile(system_image):
            raise EmulatorError("%s not found: run 'make'" % system_image)
        if args.only in (None, "system"):
            print("bench: %d boot%s of %s, one at a time: boot to prompt "
                  "(ISO and fast path), boot instructions, then forkbench, "
                  "sysbench and rsbench under -icount %s"
                  % (args.runs, "s" if args.runs > 1 else "",
                     os.path.relpath(system_image), ICOUNT))
            system_samples, system_calibration = run_system(
                system_image, args.runs, args.workdir, TIMEOUT,
                args.timeout_scale, report=report)
            samples.update(system_samples)
            calibration = calibration or system_calibration
            samples["harness_reset_ms"] = harness_reset_samples(
                system_image, args.runs, args.workdir, args.timeout_scale,
                report=report)
        if args.only in (None, "disk"):
            print("bench: %d boot%s of %s with a %d MiB ext2 disk, one at "
                  "a time: a %d MiB file written, read, then the ATA "
                  "driver's recovery, under -icount %s"
                  % (args.runs, "s" if args.runs > 1 else "",
                     os.path.relpath(system_image), DISK_IMAGE_SIZE >> 20,
                     DISK_FILE_SIZE >> 20, DISK_ICOUNT))
            disk_samples, disk_calibration = run_disk(
                system_image, args.runs, args.workdir, TIMEOUT,
                args.timeout_scale, report=report)
            samples.update(disk_samples)
            calibration = calibration or disk_calibration
        if args.only in (None, "net"):
            print("bench: %d boot%s of %s with QEMU's user network, one at "
                  "a time: a %d MiB download from the guest's httpd, "
                  "clean and with %d e1000 crashes, then under -icount %s"
                  % (2 * args.runs, "s" if args.runs else "",
                     os.path.relpath(system_image), NET_FILE_SIZE >> 20,
                     NET_CRASHES, NET_ICOUNT))
            samples.update(run_net(system_image, args.runs, args.workdir,
                                   TIMEOUT, args.timeout_scale,
                                   report=report))
    except (BenchError, EmulatorError) as e:
        progress.close()
        print("bench: FAILED: %s" % e, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        progress.close()
        print("bench: interrupted; nothing written", file=sys.stderr)
        return 130
    progress.close()
    for w in warnings:
        print("bench: guest warning: %s" % w, file=sys.stderr)

    records = {}
    for name, values in samples.items():
        extra = {}
        n = fields.get(name, {}).get("n")
        if n is not None:
            extra["ops_per_run"] = n
        records[name] = summarize(values, METRICS[name]["unit"], **extra)
    meta = make_meta(args.runs, calibration) if calibration \
        else load(args.output).get("meta", {})
    if args.only in (None, "disk"):
        meta = dict(meta, disk_icount=DISK_ICOUNT)
    data = merge(load(args.output), records, meta)
    write(args.output, data)
    print()
    print(format_table(data))
    print()
    print("bench: wrote %s" % os.path.relpath(args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
