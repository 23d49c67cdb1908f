"""Host builds of OS code for the host tests: the include folders and
defines come from the build (HOST_OS_CFLAGS in os/os.mk, printed by
`make -s print-host-flags`), never from a list copied here or in a test.

    from harness.hostbuild import compile
    r = compile(sources, out, ["-m32", "-std=c11", "-O1", "-g"])
    assert r.returncode == 0, r.stderr

A host test of OS code on the test kit (os/tests/kit, in process) is its
sources and cases:

    from harness.hostbuild import KIT_INPROC, check_kit_suite
    check_kit_suite("pm_host", [HOST_C, SERVER_C] + KIT_INPROC,
                    tmp_path / "pm_host", FLAGS, CASES)
"""

import functools
import os
import subprocess

from harness.machine import ROOT

# Every host build of OS code: warnings are errors, as in the guest build.
WARNINGS = ["-Wall", "-Wextra", "-Werror"]
# The test kit's runner, checks and in-process backend (os/tests/kit).
KIT_INPROC = [os.path.join(ROOT, "os", "tests", "kit", f)
              for f in ("run.c", "check.c", "inproc.c")]
# The sanitizers a host test is built with when the host has them.
SANITIZERS = ["-fsanitize=address,undefined"]


@functools.lru_cache(maxsize=None)
def host_cflags():
    """The build's include flags and defines for a host build of OS code
    (os/os.mk HOST_OS_CFLAGS), as a list, the -I folders made absolute.
    Asked of make once per session; a make failure raises
    subprocess.CalledProcessError (with make's stderr)."""
    r = subprocess.run(["make", "-s", "--no-print-directory", "-C", ROOT,
                        "print-host-flags"], capture_output=True, text=True,
                       check=True)
    flags = []
    for flag in r.stdout.split():
        if flag.startswith("-I") and not os.path.isabs(flag[2:]):
            flag = "-I" + os.path.join(ROOT, flag[2:])
        flags.append(flag)
    return tuple(flags)


def command(sources, out, flags=(), os_headers=True):
    """The host gcc's command line: FLAGS (the test's own: -m32, -std, -O,
    sanitizers, its extra -I, -D and -include, -c or -shared), WARNINGS,
    host_cflags() unless not OS_HEADERS (plain POSIX programs), -o OUT,
    SOURCES. For builds run in parallel; compile() runs one."""
    return (["gcc"] + list(flags) + WARNINGS +
            (list(host_cflags()) if os_headers else []) +
            ["-o", str(out)] + [str(s) for s in sources])


def compile(sources, out, flags=(), os_headers=True):
    """Run command(SOURCES, OUT, FLAGS, OS_HEADERS). Returns the
    subprocess.CompletedProcess (text stdout and stderr captured); the
    caller asserts on returncode."""
    return subprocess.run(command(sources, out, flags, os_headers),
                          capture_output=True, text=True)


def check_kit_suite(name, sources, out, flags, cases, timeout=60):
    """Build SOURCES into OUT with FLAGS (compile(); with SANITIZERS when
    the host has them, else without), run it (leak checks off) and assert
    that its output on the test kit's protocol (harness.suite: suite NAME)
    shows every case of CASES passed."""
    from harness import suite
    build = None
    for extra in (SANITIZERS, []):
        build = compile(sources, out, list(flags) + extra)
        if build.returncode == 0:
            break                # with the sanitizers when the host has them
    assert build.returncode == 0, build.stderr
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    run = subprocess.run([str(out)], capture_output=True, text=True,
                         timeout=timeout, env=env)
    suite.parse(run.stdout + run.stderr, name, run.returncode).check(cases)


def check_server_suite(label, sources, out, cases, std="gnu11"):
    """The host test of server LABEL (os/servers/LABEL) on the test kit:
    os/tests/host/LABEL/LABEL_host.c (its cases and fakes) with SOURCES
    (the server's files under test, and any other), built -m32 -O1 -g
    with -std=STD, the server's folder on the include path and
    os/tests/host/rootfs/host_shim.h forced in (what the host's C library
    lacks); then check_kit_suite("LABEL_host", ..., CASES)."""
    host = os.path.join(ROOT, "os", "tests", "host")
    check_kit_suite(
        label + "_host",
        [os.path.join(host, label, label + "_host.c")] + list(sources) +
        KIT_INPROC, out,
        ["-m32", "-std=" + std, "-O1", "-g",
         "-include", os.path.join(host, "rootfs", "host_shim.h"),
         "-I", os.path.join(ROOT, "os", "servers", label)], cases)
