"""GDB commands for debugging Phoenix's programs (sourced by build/phoenix.gdb,
which `make debug` writes; docs/writing-a-driver.md shows a session).

Every ring-3 program is linked at the same address (os/lib/libc/user.ld), so
GDB cannot hold the symbols of all of them at once: an address in the user
half means something else in each process. The kernel's symbols stay loaded
(build/kernel.elf, identity-mapped in every address space); of the programs,
only the symbols of one are loaded at a time, and they are switched to those
of the process that runs whenever the machine stops (the hook-stop the
generated file defines runs `phoenix-sync`), before GDB prints where it
stopped. Which process runs is the kernel's `proc_current` (os/kernel/proc.c),
its `name` the program's name (the basename of argv[0], or the boot module's
name), kept across a live update: a process called NAME may run NAME or
NAME.v2, told apart by a word of code where the two builds differ.

Commands:
  phoenix-program NAME ELF   register the unstripped ELF of program NAME
                             (the generated file lists every program)
  phoenix-programs           list them (* marks the loaded symbols)
  phoenix-symbols [NAME]     load NAME's symbols (default: the current
                             process's)
  phoenix-sync               what the hook-stop runs: the symbols of the
                             current process, said when they change
  phoenix-break PROGRAM LOCATION
                             a breakpoint at LOCATION (a function, FILE:LINE,
                             *ADDRESS), resolved in PROGRAM's symbols, that
                             stops only while PROGRAM's process runs
  phoenix-ps                 the current process (name, endpoint, slot)
"""

import struct

import gdb

# Where every program is loaded (os/lib/libc/user.ld): below it, the kernel.
USER_BASE = 0x40000000
# The size of struct proc's name (os/kernel/proc.h PROC_NAME_LEN): longer
# program names are cut to its length less the terminating NUL.
PROC_NAME_LEN = 16

_programs = {}      # program name -> path of its unstripped ELF
_loaded = [None]    # the program whose symbols are loaded (None: none)


def _quiet(command):
    """Run GDB COMMAND without its questions (confirm off for it) and with
    its output swallowed."""
    confirm = gdb.parameter("confirm")
    gdb.execute("set confirm off")
    try:
        gdb.execute(command, to_string=True)
    finally:
        gdb.execute("set confirm %s" % ("on" if confirm else "off"))


def current_process():
    """(name, endpoint, slot) of the process the kernel runs, or None while
    the CPU idles (or before the kernel set up its process table)."""
    try:
        p = gdb.parse_and_eval("proc_current")
        if int(p) == 0:
            return None
        p = p.dereference()
        raw = bytes(int(p["name"][i]) & 0xff for i in range(PROC_NAME_LEN))
        name = raw.split(b"\0")[0].decode("ascii", "replace")
        return name, int(p["endpoint"]), int(p["slot"])
    except gdb.error:
        return None


def _find(name):
    """The registered program called NAME (the kernel's name of a process
    may be cut to PROC_NAME_LEN - 1 characters), or None."""
    if name in _programs:
        return name
    if len(name) == PROC_NAME_LEN - 1:
        for full in sorted(_programs):
            if full.startswith(name):
                return full
    return None


def _text(path):
    """(address, bytes) of the .text section of the ELF file PATH (32-bit,
    little-endian: every Phoenix program)."""
    with open(path, "rb") as f:
        data = f.read()
    shoff, = struct.unpack_from("<I", data, 0x20)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x2e)

    def header(i):
        # name, type, flags, addr, offset, size
        return struct.unpack_from("<IIIIII", data, shoff + i * shentsize)
    strtab = header(shstrndx)[4]
    for i in range(shnum):
        name, _, _, addr, offset, size = header(i)
        end = data.index(b"\0", strtab + name)
        if data[strtab + name:end] == b".text":
            return addr, data[offset:offset + size]
    raise gdb.GdbError("%s has no .text section" % path)


_probes = {}        # base name -> None, or (address, {program: word})


def _family(program):
    """The programs a process running PROGRAM may be running, PROGRAM
    first: a live update swaps in NAME.v2 but the process keeps its name
    (NAME), and `service up NAME.v2` names it NAME.v2; so NAME and
    NAME.v2 (those registered) are one family."""
    base = program[:-3] if program.endswith(".v2") else program
    family = [p for p in (base, base + ".v2") if p in _programs]
    return sorted(family, key=lambda p: p != program)


def _probe(program):
    """Where the family of PROGRAM tells its members apart in memory: None
    (one member, or the same code), or (address, {program: word}), the
    address of the first 32-bit word of .text where they differ and each
    member's word there."""
    family = _family(program)
    key = tuple(sorted(family))
    if key not in _probes:
        _probes[key] = None
        texts = {p: _text(_programs[p]) for p in family}
        if len(family) == 2:
            (a0, t0), (a1, t1) = texts[family[0]], texts[family[1]]
            if a0 == a1:
                n = min(len(t0), len(t1)) & ~3
                for off in range(0, n, 4):
                    if t0[off:off + 4] != t1[off:off + 4]:
                        _probes[key] = (a0 + off, {
                            p: int.from_bytes(texts[p][1][off:off + 4],
                                              "little") for p in family})
                        break
    return _probes[key]


def running_program(name):
    """The registered program the process called NAME runs, or None: one of
    NAME's family (see _family), told apart by the code in memory."""
    full = _find(name)
    if full is None:
        return None
    probe = _probe(full)
    if probe is None:
        return full
    addr, words = probe
    try:
        word = int.from_bytes(bytes(gdb.selected_inferior().read_memory(
            addr, 4)), "little")
    except gdb.error:
        return full
    return next((p for p, w in words.items() if w == word), full)


def _condition(program):
    """The GDB condition that holds while PROGRAM's process runs: the
    kernel's current process has a name of PROGRAM's family, and, when the
    family has two members, PROGRAM's code is the one in memory."""
    family = _family(program)
    names = ['$_streq(proc_current->name, "%s")' % p[:PROC_NAME_LEN - 1]
             for p in family]
    cond = names[0] if len(names) == 1 else "(%s)" % " || ".join(names)
    probe = _probe(program)
    if probe is not None:
        addr, words = probe
        cond += " && *(unsigned int *) 0x%x == 0x%x" % (addr, words[program])
    return cond


def load_symbols(name):
    """Make NAME's symbols the loaded program symbols (None: unload them).
    True when they changed."""
    if _loaded[0] == name:
        return False
    if _loaded[0] is not None:
        _quiet("remove-symbol-file %s" % _programs[_loaded[0]])
        _loaded[0] = None
    if name is not None:
        _quiet("add-symbol-file %s" % _programs[name])
        _loaded[0] = name
    return True


class ProgramCommand(gdb.Command):
    """phoenix-program NAME ELF: register ELF, an unstripped build of the
    program the kernel calls NAME (its symbols are loaded when NAME runs)."""

    def __init__(self):
        super().__init__("phoenix-program", gdb.COMMAND_FILES)

    def invoke(self, arg, from_tty):
        words = gdb.string_to_argv(arg)
        if len(words) != 2:
            raise gdb.GdbError("usage: phoenix-program NAME ELF")
        _programs[words[0]] = words[1]


class ProgramsCommand(gdb.Command):
    """phoenix-programs: the programs whose symbols GDB knows (* marks
    those loaded)."""

    def __init__(self):
        super().__init__("phoenix-programs", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        for name in sorted(_programs):
            mark = "*" if name == _loaded[0] else " "
            gdb.write("%s %-16s %s\n" % (mark, name, _programs[name]))


class SymbolsCommand(gdb.Command):
    """phoenix-symbols [NAME]: load the symbols of program NAME, or of the
    process that runs now."""

    def __init__(self):
        super().__init__("phoenix-symbols", gdb.COMMAND_FILES)

    def invoke(self, arg, from_tty):
        name = arg.strip()
        if not name:
            proc = current_process()
            if proc is None:
                raise gdb.GdbError("phoenix-symbols: no process runs now")
            name = proc[0]
            full = running_program(name)
        else:
            full = _find(name)
        if full is None:
            raise gdb.GdbError("phoenix-symbols: no program %r (see "
                               "phoenix-programs)" % name)
        load_symbols(full)
        gdb.write("phoenix: symbols of %s (%s)\n" % (full, _programs[full]))


class SyncCommand(gdb.Command):
    """phoenix-sync: load the symbols of the process that runs now (the
    hook-stop runs it each time the machine stops); says so when they
    change. A process without a registered program unloads them."""

    def __init__(self):
        super().__init__("phoenix-sync", gdb.COMMAND_FILES)

    def invoke(self, arg, from_tty):
        proc = current_process()
        if proc is None:
            return          # idle, or still booting: nothing to change
        full = running_program(proc[0])
        if load_symbols(full):
            gdb.write("[phoenix: process %s (endpoint %d): %s]\n" % (
                proc[0], proc[1],
                "symbols of " + _programs[full] if full else "no symbols"))


class PsCommand(gdb.Command):
    """phoenix-ps: the process the kernel runs now."""

    def __init__(self):
        super().__init__("phoenix-ps", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        proc = current_process()
        if proc is None:
            gdb.write("no process runs (the CPU idles, or the kernel "
                      "boots)\n")
        else:
            gdb.write("process %s, endpoint %d, slot %d\n" % proc)


class BreakCommand(gdb.Command):
    """phoenix-break PROGRAM LOCATION: break at LOCATION (a function,
    FILE:LINE or *ADDRESS, as for `break`) of PROGRAM, only while PROGRAM's
    process runs: LOCATION is resolved in PROGRAM's symbols alone, and the
    breakpoint's condition compares the kernel's current process's name with
    PROGRAM (every program shares its addresses, so without it any process
    executing that address would stop)."""

    def __init__(self):
        super().__init__("phoenix-break", gdb.COMMAND_BREAKPOINTS)

    def invoke(self, arg, from_tty):
        words = arg.split(None, 1)
        if len(words) != 2:
            raise gdb.GdbError("usage: phoenix-break PROGRAM LOCATION")
        program, location = words
        full = _find(program)
        if full is None:
            raise gdb.GdbError("phoenix-break: no program %r (see "
                               "phoenix-programs)" % program)
        load_symbols(full)
        pcs = self._resolve(full, location)
        for pc in pcs:
            bp = gdb.Breakpoint("*0x%x" % pc)
            bp.condition = _condition(full)
        gdb.write("phoenix-break: %s %s: %d location%s, only in process "
                  "%s\n" % (full, location, len(pcs),
                            "" if len(pcs) == 1 else "s",
                            " or ".join(p[:PROC_NAME_LEN - 1]
                                        for p in _family(full))))

    @staticmethod
    def _resolve(program, location):
        """The addresses of LOCATION in PROGRAM's code (not the kernel's,
        which has files of the same names): those `break LOCATION` would
        use, as gdb.decode_line gives them."""
        try:
            unparsed, sals = gdb.decode_line(location)
        except gdb.error as e:
            raise gdb.GdbError("phoenix-break: %s: %s" % (location, e))
        if unparsed:
            raise gdb.GdbError("phoenix-break: junk after the location: %s"
                               % unparsed)
        pcs = []
        for sal in sals or ():
            if sal.pc >= USER_BASE and sal.pc not in pcs:
                pcs.append(sal.pc)
        if not pcs:
            raise gdb.GdbError("phoenix-break: %s: not in %s's code"
                               % (location, program))
        return pcs


ProgramCommand()
ProgramsCommand()
SymbolsCommand()
SyncCommand()
PsCommand()
BreakCommand()
