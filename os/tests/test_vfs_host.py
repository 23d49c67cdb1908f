"""Host test of the VFS server (os/servers/vfs): every handler driven as
user processes and PM would, compiled with the host gcc (-m32) together
with the real rootfs code (its handlers renamed) and fake drivers, grants
and IPC (os/tests/host/vfs/); its cases on the test kit (os/tests/kit, in
process), the output read with harness.suite. block_devices: block
special files through a fake block driver (sector-aligned requests, the
end of the device, DIOCGETP, a driver that dies during a read: the call
waits and goes on after its driver-up, or fails after the wait; issue 20).
No emulator needed."""

import glob
import os
import subprocess

from harness import suite
from harness.hostbuild import compile
from harness.machine import ROOT

VFS = os.path.join(ROOT, "os", "servers", "vfs")
ROOTFS = os.path.join(ROOT, "os", "servers", "rootfs")
HOST = os.path.join(ROOT, "os", "tests", "host")
# The test kit's runner, checks and in-process backend.
KIT = [os.path.join(ROOT, "os", "tests", "kit", f)
       for f in ("run.c", "check.c", "inproc.c")]
CASES = ["files", "directories", "names", "bad_paths", "descriptors",
         "pipes", "devices", "block_devices", "pm", "perm_rule", "permissions",
         "link", "deep_cwd", "symlinks", "mounts", "clones", "poll",
         "kept_state", "nothing_leaks"]
# Handler names both servers use: rootfs's get a prefix in this build.
CLASHES = ["do_read", "do_write", "do_truncate", "do_stat", "do_getdents",
           "do_unlink", "do_rmdir", "do_rename", "do_chmod", "do_chown",
           "do_link", "do_utime", "do_statfs", "do_sync"]


def compile_objects(sources, outdir, extra, sanitize):
    objs = []
    for src in sources:
        obj = os.path.join(outdir, os.path.basename(os.path.dirname(src)) +
                           "_" + os.path.basename(src) + ".o")
        r = compile(
            [src], obj, ["-m32", "-std=c11", "-O1", "-g"] + sanitize +
            extra + ["-include", os.path.join(HOST, "rootfs", "host_shim.h"),
                     "-c"])
        if r.returncode != 0:
            return None, r.stderr
        objs.append(obj)
    return objs, ""


def build(tmp_path, sanitize):
    rootfs = [s for s in sorted(glob.glob(os.path.join(ROOTFS, "*.c")))
              if not s.endswith("/main.c")]
    vfs = sorted(glob.glob(os.path.join(VFS, "*.c")))
    # The real string copier, over fake_kernel.c's sys_vircopy.
    tests = [os.path.join(HOST, "vfs", "fake.c"),
             os.path.join(HOST, "vfs", "fakefs.c"),
             os.path.join(HOST, "vfs", "vfs_host.c"),
             os.path.join(HOST, "fake_kernel.c"),
             os.path.join(ROOT, "os", "lib", "sys", "vircopy_str.c"),
             os.path.join(ROOT, "os", "lib", "sys", "clock_time.c")] + KIT
    objs = []
    for sources, extra in (
            (rootfs, ["-I", ROOTFS] + ["-D%s=rfs_%s" % (n, n)
                                       for n in CLASHES]),
            (vfs, ["-I", VFS, "-Dmain=vfs_main"]),
            (tests, ["-I", VFS, "-I", os.path.join(HOST, "vfs")])):
        o, err = compile_objects(sources, str(tmp_path), extra, sanitize)
        if o is None:
            return None, err
        objs += o
    exe = str(tmp_path / "vfs_host")
    r = subprocess.run(["gcc", "-m32"] + sanitize + ["-o", exe] + objs,
                       capture_output=True, text=True)
    return (exe if r.returncode == 0 else None), r.stderr


def test_vfs_handlers_on_the_host(tmp_path):
    exe, err = build(tmp_path, ["-fsanitize=address,undefined"])
    if exe is None:                  # the host may lack the sanitizers
        exe, err = build(tmp_path, [])
    assert exe, err
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    run = subprocess.run([exe], capture_output=True, text=True, timeout=60,
                         env=env)
    suite.parse(run.stdout + run.stderr, "vfs_host",
                run.returncode).check(CASES)
