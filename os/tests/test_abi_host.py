"""Host tests of harness/abi.py, the facts the harness shares with the OS:
the committed harness/_abi_gen.py is what os/include/abi gives today
(harness/genabi.py), and the console lines the harness parses, printed
with the C headers' formats, match the harness's regexes."""

import glob
import os
import re
import subprocess

import pytest

from harness import abi, fuzz, genabi, hostbuild, machine, recovery
from harness.machine import ROOT


def test_the_generated_facts_are_what_the_headers_give():
    with open(genabi.OUT) as f:
        committed = f.read()
    assert committed == genabi.render(genabi.facts()), \
        "harness/_abi_gen.py is stale: run `make abi` and commit it"


def test_the_facts_read_back_as_the_headers_say():
    assert (abi.EPERM, abi.ENOENT, abi.EINVAL, abi.ENOSYS) == (1, 2, 22, 78)
    assert abi.ERRNO_NAMES[abi.ERESTART] == "ERESTART"
    assert abi.FAULT_KINDS[0] == "crash" and abi.FAULT_KIND_NUMBERS[
        "crash"] == 1
    assert abi.BOOT_SERVICES[abi.BOOT_SLOTS["pm"] - 1] == "pm"
    assert sorted(abi.BOOT_INIT_ORDER) == sorted(
        s for s in abi.BOOT_SERVICES if s != "rs")
    assert abi.DEVICES["TTY"][1] == "tty"
    assert abi.QEMU_EXIT_OK == (abi.POWER_OK << 1) | 1
    assert abi.QEMU_EXIT_PANIC == (abi.POWER_PANIC << 1) | 1
    assert "up" in abi.RS_STATES


def printed(tmp_path, header, body):
    """What a host program prints that includes abi/HEADER and runs the C
    statements BODY (the host's printf: the same conversions as the
    guest's)."""
    src, exe = tmp_path / "line.c", str(tmp_path / "line")
    src.write_text('#include <stdio.h>\n#include <abi/%s>\n'
                   'int main(void)\n{\n%s\treturn 0;\n}\n' % (header, body))
    r = hostbuild.compile([src], exe, ["-std=gnu11"])
    assert r.returncode == 0, r.stderr
    return subprocess.run([exe], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def rs_failed_line(tmp_path_factory):
    """What RS prints when hello fails, through abi/rs.h RS_FAILED_FMT."""
    return printed(tmp_path_factory.mktemp("abi"), "rs.h",
                   '\tprintf(RS_FAILED_FMT "%s", "hello", 269, '
                   '"exception (signal 11)");\n'
                   '\tprintf("; restarting\\n");\n')


def test_kernel_lines_match_the_harness(tmp_path):
    out = printed(tmp_path, "console.h",
                  '\tprintf(POWER_OFF_FMT, "panic");\n'
                  '\tprintf("\\n" KERNEL_PANIC_PREFIX "out of frames\\n");\n'
                  '\tprintf(BOOT_STARTED_FMT, "pm", 257, 120u);\n')
    assert re.search(abi.boot_started_re("pm", r"(\d+)"), out).group(1) == \
        "257"
    assert re.search(machine.POWEROFF_RE, out).group(1) == "panic"
    assert re.search(machine.PANIC_RE, out).group(1) == "out of frames"
    assert fuzz.PANIC_LINE_RE.search(out).group(1) == "out of frames"
    for name, macro in (("panic.c", "KERNEL_PANIC_PREFIX"),
                        ("power.c", "POWER_OFF_FMT"),
                        ("boot.c", "BOOT_STARTED_FMT")):
        with open(os.path.join(ROOT, "os", "kernel", name)) as f:
            assert macro in f.read(), name


def test_process_table_and_rs_lines_match_the_harness(tmp_path):
    """The process table's lines (kernel/hangdump.c) and RS's code-patch
    and core-refusal lines come from abi/console.h and abi/rs.h; the
    harness's regexes match what C prints with them."""
    out = printed(tmp_path, "console.h",
                  '\tprintf(PROCTABLE_HEAD_FMT, "NMI", 7u, "hello", '
                  '0x1000u, 3u);\n'
                  '\tprintf("  1 hello ep=269\\n");\n'
                  '\tprintf(PROCTABLE_END);\n')
    assert re.search(machine.PROCTABLE_RE, out), out
    out = printed(tmp_path, "rs.h",
                  '\tprintf(RS_PATCHED_FMT, "hello", 0x1234u, 2u);\n'
                  '\tprintf(RS_CORE_REFUSED_FMT, "down", "vfs");\n')
    assert re.search(abi.printf_re(abi.RS_PATCHED_FMT, "hello", "1234",
                                   "2"), out), out
    assert abi.RS_CORE_REFUSED_FMT % ("down", "vfs") in out
    for name, macros in (("kernel/hangdump.c", ("PROCTABLE_HEAD_FMT",
                                                "PROCTABLE_END")),
                         ("servers/rs/do_fi_patch.c", ("RS_PATCHED_FMT",)),
                         ("servers/rs/core.c", ("RS_CORE_REFUSED_FMT",))):
        with open(os.path.join(ROOT, "os", name)) as f:
            text = f.read()
        for macro in macros:
            assert macro in text, (name, macro)


def test_rs_failure_line_matches_every_reader(rs_failed_line):
    assert rs_failed_line == ("rs: hello (endpoint 269) failed: exception "
                              "(signal 11); restarting\n")
    assert re.match(abi.rs_failed_re("hello"), rs_failed_line)
    assert recovery.parse_failure(rs_failed_line, "hello") == (
        269, "exception (signal 11); restarting")
    assert fuzz.parse_batch(rs_failed_line)["rs_failures"] == [
        {"label": "hello", "endpoint": 269,
         "reason": "exception (signal 11)", "action": "restarting"}]


def test_rs_prints_its_failure_line_with_the_format():
    """The format lives in abi/rs.h only; RS's failure.c uses it."""
    with open(os.path.join(ROOT, "os", "servers", "rs", "failure.c")) as f:
        assert "printf(RS_FAILED_FMT " in f.read()
    for path in glob.glob(os.path.join(ROOT, "os", "**", "*.[ch]"),
                          recursive=True):
        if path.endswith(os.path.join("abi", "rs.h")):
            continue
        with open(path) as f:
            assert "(endpoint %d) failed: " not in f.read(), path


def test_printf_re():
    assert abi.printf_re("a %s b %d%%", "(x)", "(y)") == r"a\ (x)\ b\ (y)%"
    with pytest.raises(ValueError):
        abi.printf_re("%s %d", "x")
    with pytest.raises(ValueError):
        abi.printf_re("%s", "x", "y")


def test_make_run_knows_the_qemu_exit_statuses():
    with open(os.path.join(ROOT, "Makefile")) as f:
        text = f.read()
    assert "$$status -eq %d" % abi.QEMU_EXIT_OK in text
    assert "(%d = kernel panic)" % abi.QEMU_EXIT_PANIC in text
