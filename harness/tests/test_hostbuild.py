"""harness/hostbuild.py and the rules it stands for: host builds take their
flags from the build (os/os.mk HOST_OS_CFLAGS, `make print-host-flags`),
and the ``shell``/``services`` fixtures live once, in harness/plugin.py.
No emulator."""

import glob
import os
import re
import subprocess

from harness.hostbuild import compile, host_cflags
from harness.machine import ROOT


def make_print(target):
    return subprocess.run(["make", "-s", "--no-print-directory", "-C", ROOT,
                           target], capture_output=True, text=True,
                          check=True).stdout.split()


def test_host_flags_are_the_builds_with_absolute_folders():
    flags = host_cflags()
    assert flags, "make print-host-flags printed nothing"
    printed = make_print("print-host-flags")
    assert len(flags) == len(printed)
    for flag, raw in zip(flags, printed):
        if raw.startswith("-I"):
            assert flag == "-I" + os.path.join(ROOT, raw[2:])
            assert os.path.isdir(flag[2:]), flag
        else:
            assert flag == raw
    assert "-I" + os.path.join(ROOT, "os", "include") in flags


def test_host_folders_are_ring3_folders_without_libc_headers():
    host = make_print("print-host-flags")
    user = make_print("print-user-includes")
    assert [f for f in host if f.startswith("-I")] == \
        [f for f in user if f not in ("-Ios/lib/common",
                                      "-Ios/lib/libc/include")]


def test_compile_builds_against_the_abi_and_reports_errors(tmp_path):
    good = tmp_path / "good.c"
    good.write_text("#include <abi/errno.h>\n"
                    "int main(void) { return ECALLDENIED == 104 ? 0 : 1; }\n")
    r = compile([good], tmp_path / "good", ["-std=gnu11", "-O1"])
    assert r.returncode == 0, r.stderr
    assert subprocess.run([str(tmp_path / "good")]).returncode == 0
    bad = tmp_path / "bad.c"
    bad.write_text("int main(void) { int unused; return 0; }\n")
    r = compile([bad], tmp_path / "bad", ["-std=gnu11"])
    assert r.returncode != 0 and "unused" in r.stderr   # -Werror


def python_files(patterns=("os/tests/*.py", "harness/**/*.py",
                           "labs/**/*.py")):
    for pattern in patterns:
        for path in glob.glob(os.path.join(ROOT, pattern), recursive=True):
            yield os.path.relpath(path, ROOT)


def test_no_test_module_copies_the_include_list():
    copies = []
    for rel in python_files(("os/tests/*.py", "harness/tests/*.py",
                             "labs/**/*.py")):
        if rel == "harness/tests/test_hostbuild.py":
            continue
        text = open(os.path.join(ROOT, rel)).read()
        if re.search(r"""["']-I""", text) and re.search(
                r"""["']os["'],\s*["']include["']|os/include["']""", text):
            copies.append(rel)
    assert not copies, "a copied -I list (use harness.hostbuild): %s" % copies


def test_shell_and_services_fixtures_are_defined_only_in_the_plugin():
    copies = []
    for rel in python_files():
        if rel == "harness/plugin.py":
            continue
        text = open(os.path.join(ROOT, rel)).read()
        for m in re.finditer(r"@pytest\.fixture[^\n]*\n\s*def "
                             r"(shell|services|svc)\(", text):
            copies.append("%s: %s" % (rel, m.group(1)))
    assert not copies, "fixtures defined again: %s" % copies
