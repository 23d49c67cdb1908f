"""A lab's privilege allow-list against a submitted manifest.

lab.json ``"privileges"`` lists what the lab's driver may have, beyond the
basic kernel calls every service gets (``manifest-check -b``):

    "privileges": {"ipc": ["vfs"], "system": ["DEVIO", "IRQCTL"],
                   "io": ["378:3"], "irq": [7], "pci": ["8086:100e"]}

``check(manifest, allow, manifest_check)`` parses the manifest with the
project's own parser (``manifest-check -d``: what RS will grant) and
returns one message per privilege outside the list, naming the line that
asks for it: ``dice.conf:4: system ALL: this lab allows the kernel calls
DEVIO, IRQCTL (and the basic ones)``. Anything not listed is refused:
``ipc ALL``, ``system ALL``, other kernel calls, ports, IRQs and PCI
devices (``pci device VVVV:DDDD``, compared case-insensitively).
"""

import os
import re
import subprocess


def _ranges(words):
    """"BASE[:COUNT]" hex words as [(first, last)]."""
    out = []
    for w in words:
        base, _, count = str(w).partition(":")
        first = int(base, 16)
        out.append((first, first + (int(count, 16) if count else 1) - 1))
    return out


def _dump(manifest, manifest_check):
    """{key: value} of `manifest-check -d MANIFEST`; raises ValueError with
    the parser's message when the manifest does not parse."""
    r = subprocess.run([manifest_check, "-d", manifest], capture_output=True,
                       text=True, timeout=30)
    if r.returncode != 0:
        raise ValueError(r.stderr.strip().replace(
            os.path.dirname(manifest) + "/", "") or "does not parse")
    return dict(line.split("=", 1) for line in r.stdout.splitlines()
                if "=" in line)


def basic_kcalls(manifest_check):
    """The kernel calls every service gets (manifest-check -b)."""
    out = subprocess.run([manifest_check, "-b"], capture_output=True,
                         text=True, timeout=30, check=True).stdout
    return set(out.strip().split(","))


def _line_of(text, key, token):
    """The number of the first line of TEXT (comments removed) that sets
    KEY and mentions TOKEN (case-insensitive), else the first that sets
    KEY, else 1."""
    first = None
    for n, line in enumerate(text.splitlines(), 1):
        code = line.split("#", 1)[0]
        if re.match(r"\s*%s\b" % key, code):
            first = first or n
            if token.lower() in code.lower():
                return n
    return first or 1


def check(manifest, allow, manifest_check):
    """Messages for every privilege MANIFEST asks outside ALLOW (the lab's
    "privileges"); empty when it asks nothing more. A manifest that does
    not parse gives the parser's message."""
    name = os.path.basename(manifest)
    try:
        got = _dump(manifest, manifest_check)
    except ValueError as e:
        return [str(e)]
    with open(manifest, errors="replace") as f:
        text = f.read()
    problems = []

    def refuse(key, token, why):
        problems.append("%s:%d: %s %s: %s" % (
            name, _line_of(text, key, token.split("-")[0]), key, token, why))

    ipc_ok = set(allow.get("ipc", []))
    for target in filter(None, got.get("ipc", "").split(",")):
        if target not in ipc_ok:
            refuse("ipc", target, "this lab's driver may send only to %s"
                   % (", ".join(sorted(ipc_ok)) or "RS, DS and MM"))
    calls_ok = set(allow.get("system", [])) | basic_kcalls(manifest_check)
    extra = sorted(set(allow.get("system", [])))
    for call in filter(None, got.get("system", "").split(",")):
        if call not in calls_ok:
            refuse("system", call, "this lab allows the kernel calls %s"
                   % (", ".join(extra) + " and the basic ones" if extra
                      else "every service has, no others"))
    io_ok = _ranges(allow.get("io", []))
    for word in filter(None, got.get("io", "").split(",")):
        first, last = (int(x, 16) for x in word.split("/")[0].split("-"))
        if not any(a <= first and last <= b for a, b in io_ok):
            refuse("io", "%x-%x" % (first, last),
                   "this lab's driver may use the ports %s"
                   % (", ".join("%x-%x" % r for r in io_ok) or "none"))
    irq_ok = {int(i) for i in allow.get("irq", [])}
    for irq in filter(None, got.get("irq", "").split(",")):
        if int(irq) not in irq_ok:
            refuse("irq", irq, "this lab's driver may use the IRQs %s"
                   % (", ".join(map(str, sorted(irq_ok))) or "none"))
    pci_ok = {str(d).lower() for d in allow.get("pci", [])}
    for dev in filter(None, got.get("pci", "").split(",")):
        if dev.lower() not in pci_ok:
            refuse("pci", dev, "this lab's driver may reserve the PCI "
                   "devices %s" % (", ".join(sorted(pci_ok)) or "none"))
    return problems
