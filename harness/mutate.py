"""Code mutations for fault-injection campaigns (harness/campaign.py).

A mutation is ``(addr, old, new)``: the bytes ``old`` at ``addr`` in a
driver's text become ``new`` (the guest agent asks RS for it with
RS_FI_PATCH, which refuses when the running text does not hold ``old``).
It is computed from the driver's unstripped ELF (``build/bin/LABEL``),
disassembled once with ``objdump -d``, and is a pure function of
(binary, kind, rng):

  flip     one random bit of one random text byte
  skip     one random instruction replaced by NOPs (0x90)
  pointer  an instruction with a memory displacement (``0x1c(%ebp)``,
           an absolute address) or an imm32 that points into the image:
           one bit of that field flipped, or a random offset added
  loop     a conditional jump (Jcc short 0x7x, near 0x0f 0x8x) with its
           condition inverted (the low bit of its opcode)

:func:`check_image_text` makes sure the binary's text is the one in the
image (``build/stripped/LABEL``, what the root file system holds), so the
addresses mean the same thing in the guest.
"""

import os
import re
import struct
import subprocess

from harness import abi
from harness.machine import ROOT

KINDS = ("flip", "skip", "pointer", "loop")

BIN_DIR = os.path.join(ROOT, "build", "bin")
STRIPPED_DIR = os.path.join(ROOT, "build", "stripped")

SHF_EXECINSTR = 0x4
MAX_PATCH = abi.RS_PATCH_MAX          # abi/rs.h

# objdump -d: "40000030:\t55                   \tpush   %ebp"
_LINE_RE = re.compile(r"^\s*([0-9a-f]+):\t((?:[0-9a-f]{2} )+)\s*(?:\t(.*))?$")
# a displacement: -0x8(%ebp), 0x1c(%esp,%eax,4), or a bare absolute
# address operand (no $), e.g. "mov %ecx,0x40007fc0"
_DISP_RE = re.compile(r"(?<![$\w])(-?0x[0-9a-f]+)(?=\(|,|$)")
_IMM_RE = re.compile(r"\$0x([0-9a-f]+)")


class MutationError(Exception):
    """The binary cannot be mutated (missing, no text, text differs from
    the image's, no site of the kind)."""


class Instruction:
    """One disassembled instruction: address, bytes, text."""
    __slots__ = ("addr", "raw", "text")

    def __init__(self, addr, raw, text):
        self.addr = addr
        self.raw = raw
        self.text = text


def exec_sections(path):
    """The executable sections of ELF PATH: a list of (addr, bytes)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise MutationError("%s: %s" % (path, e.strerror))
    if data[:4] != b"\x7fELF" or data[4] != 1:
        raise MutationError("%s: not a 32-bit ELF file" % path)
    shoff, = struct.unpack_from("<I", data, 0x20)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x2e)
    out = []
    for i in range(shnum):
        (_name, stype, flags, addr, off, size) = struct.unpack_from(
            "<IIIIII", data, shoff + i * shentsize)
        if flags & SHF_EXECINSTR and stype == 1 and size:
            out.append((addr, data[off:off + size]))
    if not out:
        raise MutationError("%s: no executable section" % path)
    return out


def check_image_text(label, bin_dir=BIN_DIR, stripped_dir=STRIPPED_DIR):
    """Raise MutationError unless build/bin/LABEL's text equals the text of
    the image's copy (build/stripped/LABEL)."""
    ours = exec_sections(os.path.join(bin_dir, label))
    image = exec_sections(os.path.join(stripped_dir, label))
    if ours != image:
        raise MutationError(
            "%s: the text of %s differs from the image's %s: rebuild "
            "(make)" % (label, os.path.join(bin_dir, label),
                        os.path.join(stripped_dir, label)))


def disassemble(path):
    """The instructions of ELF PATH's text (objdump -d), in address order.
    Continuation lines (long instructions) are joined."""
    try:
        out = subprocess.run(["objdump", "-d", "-w", path],
                             capture_output=True, text=True, check=True)
    except FileNotFoundError:
        raise MutationError("objdump not found (install binutils)")
    except subprocess.CalledProcessError as e:
        raise MutationError("objdump -d %s failed: %s" % (path, e.stderr))
    insns = []
    for line in out.stdout.splitlines():
        m = _LINE_RE.match(line)
        if not m:
            continue
        addr = int(m.group(1), 16)
        raw = bytes.fromhex(m.group(2).replace(" ", ""))
        text = (m.group(3) or "").strip()
        if not text and insns and insns[-1].addr + len(insns[-1].raw) \
                == addr:
            insns[-1].raw += raw            # continuation of the last one
            continue
        insns.append(Instruction(addr, raw, text))
    if not insns:
        raise MutationError("%s: objdump found no instructions" % path)
    return insns


class Binary:
    """A driver binary's text, instructions and mutation sites (computed
    once)."""

    def __init__(self, path):
        self.path = path
        self.sections = exec_sections(path)
        self.insns = [i for i in disassemble(path)
                      if i.text and not i.text.startswith("(bad)")]
        lo = min(a for a, _ in self.sections)
        hi = max(a + len(b) for a, b in self.sections)
        self.text_range = (lo, hi)
        self.image_range = image_range(path)
        self._sites = {}

    def in_text(self, addr, length=1):
        return any(a <= addr and addr + length <= a + len(b)
                   for a, b in self.sections)

    def bytes_at(self, addr, length):
        for a, b in self.sections:
            if a <= addr and addr + length <= a + len(b):
                return b[addr - a:addr - a + length]
        raise MutationError("0x%x is not in the text of %s"
                            % (addr, self.path))

    def sites(self, kind):
        """The instructions a mutation of KIND may change (for pointer:
        (instruction, field offset, field size) triples)."""
        if kind not in self._sites:
            self._sites[kind] = _sites_of(self, kind)
        return self._sites[kind]


def image_range(path):
    """(lowest, highest) address of ELF PATH's loadable segments."""
    with open(path, "rb") as f:
        data = f.read()
    phoff, = struct.unpack_from("<I", data, 0x1c)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x2a)
    lo, hi = None, None
    for i in range(phnum):
        ptype, _off, vaddr, _pa, _fsz, memsz = struct.unpack_from(
            "<IIIIII", data, phoff + i * phentsize)
        if ptype == 1 and memsz:
            lo = vaddr if lo is None else min(lo, vaddr)
            hi = vaddr + memsz if hi is None else max(hi, vaddr + memsz)
    return (lo or 0, hi or 0)


def _is_padding(insn):
    """Alignment padding between functions (nop, xchg %ax,%ax, lea with
    %eiz): never executed, nothing to skip."""
    t = insn.text
    return t.startswith(("nop", "xchg   %ax,%ax", "data16")) or "%eiz" in t \
        or insn.raw == b"\x90" * len(insn.raw)


def _is_jcc(raw):
    return (0x70 <= raw[0] <= 0x7f) or \
        (len(raw) >= 6 and raw[0] == 0x0f and 0x80 <= raw[1] <= 0x8f)


def _field(raw, value, sizes):
    """The offset and size of VALUE encoded little-endian in RAW (one of
    SIZES bytes, searched from the end: displacements and immediates
    come last), or None."""
    for size in sizes:
        fmt = {1: "<b", 4: "<i"}[size]
        try:
            enc = struct.pack(fmt, value)
        except struct.error:
            enc = struct.pack("<I", value & 0xffffffff) if size == 4 \
                else None
        if enc is None:
            continue
        at = raw.rfind(enc, 1)
        if at >= 1:
            return at, size
    return None


def _pointer_sites(binary):
    lo, hi = binary.image_range
    out = []
    for insn in binary.insns:
        if len(insn.raw) > MAX_PATCH or _is_padding(insn):
            continue
        ops = insn.text.split(None, 1)
        if len(ops) < 2 or ops[0].startswith(("call", "j", "loop")):
            continue
        operands = ops[1].split("<")[0]
        for m in _IMM_RE.finditer(operands):
            v = int(m.group(1), 16)
            if lo <= v < hi:
                f = _field(insn.raw, v, (4,))
                if f:
                    out.append((insn, f[0], f[1]))
                    break
        else:
            for m in _DISP_RE.finditer(operands):
                v = int(m.group(1), 16)
                if v > 0x7fffffff:
                    v -= 1 << 32
                f = _field(insn.raw, v, (1, 4) if -128 <= v < 128 else (4,))
                if f:
                    out.append((insn, f[0], f[1]))
                    break
    return out


def _sites_of(binary, kind):
    if kind == "flip":
        return [i for i in binary.insns]
    if kind == "skip":
        return [i for i in binary.insns
                if len(i.raw) <= MAX_PATCH and not _is_padding(i)]
    if kind == "loop":
        return [i for i in binary.insns if _is_jcc(i.raw)]
    if kind == "pointer":
        return _pointer_sites(binary)
    raise MutationError("unknown mutation kind %r (one of %s)"
                        % (kind, ", ".join(KINDS)))


def mutation(binary, kind, rng):
    """A mutation of KIND for BINARY (a Binary) drawn with RNG (a
    random.Random): (addr, old bytes, new bytes), old != new."""
    sites = binary.sites(kind)
    if not sites:
        raise MutationError("%s: no site for a %s mutation"
                            % (binary.path, kind))
    if kind == "flip":
        insn = rng.choice(sites)
        at = rng.randrange(len(insn.raw))
        bit = rng.randrange(8)
        old = insn.raw[at:at + 1]
        return insn.addr + at, old, bytes([old[0] ^ (1 << bit)])
    if kind == "skip":
        insn = rng.choice(sites)
        return insn.addr, insn.raw, b"\x90" * len(insn.raw)
    if kind == "loop":
        insn = rng.choice(sites)
        n = 1 if insn.raw[0] != 0x0f else 2
        old = insn.raw[:n]
        return insn.addr, old, old[:-1] + bytes([old[-1] ^ 1])
    insn, at, size = rng.choice(sites)
    field = bytearray(insn.raw[at:at + size])
    value = int.from_bytes(field, "little")
    if rng.random() < 0.5:
        value ^= 1 << rng.randrange(8 * size)
    else:
        step = rng.choice((-1, 1)) * rng.randint(1, 16 if size == 1 else 256)
        value = (value + step) % (1 << (8 * size))
        if value == int.from_bytes(field, "little"):
            value ^= 1
    new = bytearray(insn.raw)
    new[at:at + size] = value.to_bytes(size, "little")
    return insn.addr, bytes(insn.raw), bytes(new)


_cache = {}


def load(label, bin_dir=BIN_DIR, stripped_dir=STRIPPED_DIR, check=True):
    """The Binary of driver LABEL (build/bin/LABEL), checked against the
    image's copy (MutationError when they differ), cached."""
    path = os.path.join(bin_dir, label)
    key = (path, os.path.getmtime(path) if os.path.exists(path) else 0)
    if key not in _cache:
        if check:
            check_image_text(label, bin_dir, stripped_dir)
        _cache[key] = Binary(path)
    return _cache[key]
