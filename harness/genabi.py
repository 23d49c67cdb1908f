"""Generate harness/_abi_gen.py, the facts the harness shares with the OS,
from os/include/abi/*.h: error numbers, fault kinds, boot services, the
device list, the kernel log size, the clock's ticks per second, the
power-off codes (QEMU exit statuses), RS's state names and its failure
line's printf format.

The C headers are the one source: this runs the C preprocessor (``gcc
-E``) on a small file that expands their X-macro lists and #defines, and
writes what comes out as Python literals. The output is committed (a fresh
clone runs pytest without make); ``make`` regenerates it when a header
changes, and os/tests/test_abi_host.py fails when it is stale.

    python3 harness/genabi.py            # rewrite harness/_abi_gen.py
    python3 harness/genabi.py --check    # exit 1 if it is stale
"""

import argparse
import ast
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INCLUDE = os.path.join(ROOT, "os", "include")
ABI = os.path.join(INCLUDE, "abi")
OUT = os.path.join(ROOT, "harness", "_abi_gen.py")

HEADERS = ("errno.h", "boot.h", "devices.h", "sef.h", "rs.h", "info.h",
           "power.h", "console.h", "clock.h")
# The preprocessor's input after the #includes: each line expands to
# "@@ TAG ..." records (an X-macro list expands to several on one line).
# '#n' keeps a macro's name, 'n' gives its value.
BODY = r"""
#define ABI_NUM(n) @@ NUM #n n
#define ABI_STR(n) @@ STR #n n
#define ABI_FI(id, name, nr) @@ FI name nr
#define ABI_DFI(id, name, nr) @@ DFI name nr
#define ABI_BOOT(id, name, slot) @@ BOOT #id name slot
#define ABI_DEV(id, major, ep) @@ DEV #id major #ep
#define ABI_STATE(id, name) @@ STATE name
FI_KIND_LIST(ABI_FI)
FI_DEBUG_KIND_LIST(ABI_DFI)
BOOT_SERVICE_LIST(ABI_BOOT)
DEVICE_LIST(ABI_DEV)
RS_STATE_LIST(ABI_STATE)
@@ INIT BOOT_INIT_ORDER
ABI_STR(RS_FAILED_FMT)
ABI_STR(RS_MANIFEST_DIR)
ABI_STR(KERNEL_PANIC_PREFIX)
ABI_STR(POWER_OFF_FMT)
ABI_STR(BOOT_STARTED_FMT)
ABI_STR(PROCTABLE_HEAD_FMT)
ABI_STR(PROCTABLE_END)
ABI_STR(RS_PATCHED_FMT)
ABI_STR(RS_CORE_REFUSED_FMT)
ABI_STR(RS_SELF_RESTART_FMT)
ABI_STR(TEXTGUARD_STOP_FMT)
@@ EXIT QEMU_EXIT_OK QEMU_EXIT_STATUS(POWER_OK)
@@ EXIT QEMU_EXIT_PANIC QEMU_EXIT_STATUS(POWER_PANIC)
"""
NUMBERS = ("KLOG_SIZE", "POWER_OK", "POWER_PANIC", "RS_LABEL_MAX",
           "RS_MAX_SERVICES", "RS_PATCH_MAX", "CLOCK_HZ")


def header_names(name, pattern):
    """The macro names #defined in abi/NAME that match PATTERN, in order."""
    with open(os.path.join(ABI, name)) as f:
        return re.findall(r"^#define (%s)\b" % pattern, f.read(), re.M)


def preprocess(source):
    """SOURCE run through the host's C preprocessor with os/include."""
    r = subprocess.run(["gcc", "-E", "-P", "-I", INCLUDE, "-x", "c", "-"],
                       input=source, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit("genabi: the C preprocessor failed:\n" + r.stderr)
    return r.stdout


def c_int(expr):
    """The value of a preprocessed C integer expression (digits, hex,
    parentheses, shifts, or)."""
    if not re.fullmatch(r"[\s()0-9a-fA-FxX<>|]+", expr):
        raise SystemExit("genabi: not an integer expression: %r" % expr)
    expr = re.sub(r"\b(0[xX][0-9a-fA-F]+|\d+)[uUlL]*\b", r"\1", expr)
    return eval(expr, {"__builtins__": {}})


def records(text):
    """The "@@ TAG ..." records of preprocessed TEXT as token lists."""
    out = []
    for rec in text.split("@@")[1:]:
        toks = re.findall(r'"(?:[^"\\]|\\.)*"|[^\s{},]+', rec.strip())
        out.append(toks)
    return out


def facts():
    """{name: value} of every fact, read from the headers."""
    errnos = header_names("errno.h", r"E[A-Z0-9]+")
    minors = header_names("devices.h", r"\w+_MINOR_\w+")
    src = "".join("#include <abi/%s>\n" % h for h in HEADERS) + BODY
    src += "".join("ABI_NUM(%s)\n" % n for n in errnos + minors +
                   list(NUMBERS))
    f = {"ERRNO": {}, "FAULT_KINDS": [], "DEBUG_FAULT_KINDS": [],
         "BOOT_SERVICES": [],
         "BOOT_SLOTS": {}, "DEVICES": {}, "MINORS": {}, "RS_STATES": []}
    nums = {}
    boot_ids = {}
    for rec in records(preprocess(src)):
        tag, args = rec[0], rec[1:]
        if tag == "NUM":
            nums[ast.literal_eval(args[0])] = c_int(" ".join(args[1:]))
        elif tag == "FI":
            f["FAULT_KINDS"].append((c_int(args[1]),
                                     ast.literal_eval(args[0])))
        elif tag == "DFI":
            f["DEBUG_FAULT_KINDS"].append((c_int(args[1]),
                                           ast.literal_eval(args[0])))
        elif tag == "BOOT":
            label = ast.literal_eval(args[1])
            boot_ids[ast.literal_eval(args[0])] = label
            f["BOOT_SLOTS"][label] = c_int(args[2])
        elif tag == "DEV":
            f["DEVICES"][ast.literal_eval(args[0])] = (
                c_int(args[1]), ast.literal_eval(args[2]))
        elif tag == "STATE":
            f["RS_STATES"].append(ast.literal_eval(args[0]))
        elif tag == "INIT":
            f["BOOT_INIT_ORDER"] = tuple(ast.literal_eval(a) for a in args)
        elif tag == "STR":
            f[ast.literal_eval(args[0])] = ast.literal_eval(" ".join(args[1:]))
        elif tag == "EXIT":
            f[args[0]] = c_int(" ".join(args[1:]))
    f["ERRNO"] = {n: nums[n] for n in errnos}
    f["MINORS"] = {n: nums[n] for n in minors}
    for n in NUMBERS:
        f[n] = nums[n]
    f["FAULT_KIND_NUMBERS"] = {name: nr for nr, name in
                               sorted(f["FAULT_KINDS"])}
    f["FAULT_KINDS"] = tuple(f["FAULT_KIND_NUMBERS"])
    f["DEBUG_FAULT_KIND_NUMBERS"] = {name: nr for nr, name in
                                     sorted(f["DEBUG_FAULT_KINDS"])}
    f["DEBUG_FAULT_KINDS"] = tuple(f["DEBUG_FAULT_KIND_NUMBERS"])
    f["BOOT_SERVICES"] = tuple(sorted(f["BOOT_SLOTS"],
                                      key=f["BOOT_SLOTS"].get))
    # A device's driver: its endpoint macro names a boot service (MEMDEV_EP).
    f["DEVICES"] = {d: (major, boot_ids[ep[:-len("_EP")]])
                    for d, (major, ep) in f["DEVICES"].items()}
    f["RS_STATES"] = tuple(f["RS_STATES"])
    return f


# What follows the error numbers in the output: (comment, [names]).
SECTIONS = (
    ("abi/sef.h FI_KIND_LIST: `service fi` kinds in number order; numbers.",
     ["FAULT_KINDS", "FAULT_KIND_NUMBERS"]),
    ("abi/sef.h FI_DEBUG_KIND_LIST: `service fi` debug kinds (tests only,\n"
     "# never planned by a campaign); numbers.",
     ["DEBUG_FAULT_KINDS", "DEBUG_FAULT_KIND_NUMBERS"]),
    ("abi/boot.h BOOT_SERVICE_LIST: labels in slot order, their slots;\n"
     "# BOOT_INIT_ORDER: the order RS lets them initialise.",
     ["BOOT_SERVICES", "BOOT_SLOTS", "BOOT_INIT_ORDER"]),
    ("abi/devices.h DEVICE_LIST: {name: (major, driver label)}; minors.",
     ["DEVICES", "MINORS"]),
    ("abi/info.h: bytes of the kernel log the kernel keeps.",
     ["KLOG_SIZE"]),
    ("abi/clock.h: clock ticks per second (a manifest's NHZ is N of them).",
     ["CLOCK_HZ"]),
    ("abi/power.h: power-off codes and QEMU's exit statuses for them.",
     ["POWER_OK", "POWER_PANIC", "QEMU_EXIT_OK", "QEMU_EXIT_PANIC"]),
    ("abi/rs.h RS_STATE_LIST: `service status` state names, in order;\n"
     "# RS_FAILED_FMT, RS_PATCHED_FMT, RS_CORE_REFUSED_FMT: the printf\n"
     "# formats of RS's failure, code-patch and core-refusal lines;\n"
     "# RS_SELF_RESTART_FMT: the kernel's line when it restarts RS;\n"
     "# TEXTGUARD_STOP_FMT (abi/sef.h): the kernel's line when it stops a\n"
     "# process whose text another changed; limits\n"
     "# (labels with the NUL, services in RS's table, code-patch bytes);\n"
     "# where the image keeps the service manifests.",
     ["RS_STATES", "RS_FAILED_FMT", "RS_PATCHED_FMT", "RS_CORE_REFUSED_FMT",
      "RS_SELF_RESTART_FMT", "TEXTGUARD_STOP_FMT", "RS_LABEL_MAX", "RS_MAX_SERVICES",
      "RS_PATCH_MAX", "RS_MANIFEST_DIR"]),
    ("abi/console.h: kernel console lines the harness parses.",
     ["KERNEL_PANIC_PREFIX", "POWER_OFF_FMT", "BOOT_STARTED_FMT",
      "PROCTABLE_HEAD_FMT", "PROCTABLE_END"]),
)


def assign(name, value):
    """Lines of ``NAME = VALUE``, one item a line when it is too long."""
    line = "%s = %r" % (name, value)
    if len(line) <= 79:
        return [line]
    if isinstance(value, str):
        cut = len(value) // 2
        while cut < len(value) and value[cut - 1] != " ":
            cut += 1
        return ["%s = (" % name, "    %r" % value[:cut],
                "    %r" % value[cut:], ")"]
    if isinstance(value, dict):
        return (["%s = {" % name] +
                ["    %r: %r," % kv for kv in value.items()] + ["}"])
    return ["%s = (" % name] + ["    %r," % v for v in value] + [")"]


def render(f):
    """The text of harness/_abi_gen.py for facts F."""
    lines = [
        '"""GENERATED from os/include/abi/*.h by harness/genabi.py: do not',
        "edit. `make abi` (or `python3 harness/genabi.py`) rewrites it, the",
        "build does when a header changes, and os/tests/test_abi_host.py fails",
        'when it is stale. Use it through harness.abi."""',
        "",
        "# abi/errno.h: {name: number}; the numbers, one name each.",
        "ERRNO = {",
    ]
    lines += ["    %r: %d," % (n, v) for n, v in f["ERRNO"].items()]
    lines += ["}"]
    lines += ["%s = %d" % (n, v) for n, v in f["ERRNO"].items()]
    for comment, names in SECTIONS:
        lines += ["", "# " + comment]
        for name in names:
            lines += assign(name, f[name])
    return "\n".join(lines) + "\n"


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--check", action="store_true",
                   help="exit 1 if the output is not what the headers give")
    p.add_argument("out", nargs="?", default=OUT)
    a = p.parse_args(argv)
    text = render(facts())
    try:
        with open(a.out) as f:
            old = f.read()
    except FileNotFoundError:
        old = None
    if a.check:
        if old != text:
            print("genabi: %s is stale: run `make abi`" % a.out,
                  file=sys.stderr)
            return 1
        return 0
    if old != text:
        with open(a.out, "w") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
