"""Running a build of untrusted sources with limits (the course kit's
grader: labs/tools/labkit.py).

``run_limited(cmd, cwd, log, ...)`` runs CMD:

- as an unprivileged user when the grader runs as root (``nobody``, or
  the user named by LIMITS.user; setpriv drops every group and
  capability), else as the calling user;
- without network when the host allows a private network namespace
  (``unshare --net``, root only; ``Result.isolated`` says whether it was);
- in its own process group, killed whole (SIGKILL) after LIMITS.seconds of
  wall time;
- with resource limits inherited by every child: CPU seconds, the size
  of any file it writes, its address space, its number of processes;
- with its output (stdout and stderr together) written to LOG up to
  LIMITS.output bytes; the rest is read and dropped, and the log says so.

Nothing here looks at what the build produced: the caller checks that.
"""

import collections
import os
import pwd
import resource
import selectors
import shutil
import signal
import subprocess
import time

Limits = collections.namedtuple(
    "Limits", "seconds cpu_seconds file_bytes memory_bytes processes output "
              "user")
Limits.__doc__ = "Limits of one run_limited() call (see the module)."

# A driver of a few hundred lines builds in about a second.
BUILD_LIMITS = Limits(seconds=120, cpu_seconds=120, file_bytes=64 << 20,
                      memory_bytes=2 << 30, processes=256,
                      output=256 << 10, user="nobody")

Result = collections.namedtuple("Result", "status timed_out cut isolated")
Result.__doc__ = """What run_limited() saw: STATUS the exit status (negative:
killed by that signal), TIMED_OUT whether the wall-time limit killed it,
CUT whether its output was longer than the limit, ISOLATED whether it ran
in a private network namespace."""

_netns_ok = None


def _netns_usable():
    """Whether `unshare --net` works here (root with CAP_SYS_ADMIN; a
    container may refuse it). Asked once."""
    global _netns_ok
    if _netns_ok is None:
        _netns_ok = False
        if os.geteuid() == 0 and shutil.which("unshare"):
            try:
                _netns_ok = subprocess.call(
                    ["unshare", "--net", "true"], stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL, timeout=10) == 0
            except (OSError, subprocess.TimeoutExpired):
                _netns_ok = False
    return _netns_ok


def unprivileged_ids(limits):
    """(uid, gid) the build runs as: LIMITS.user's when the grader is root,
    else None (it already runs unprivileged)."""
    if os.geteuid() != 0:
        return None
    entry = pwd.getpwnam(limits.user)
    return entry.pw_uid, entry.pw_gid


def command(cmd, limits):
    """CMD wrapped for LIMITS: the network namespace and the user switch
    (both only as root). Returns (argv, isolated)."""
    argv = list(cmd)
    ids = unprivileged_ids(limits)
    if ids is not None:
        if shutil.which("setpriv") is None:
            raise OSError("setpriv (util-linux) is missing: cannot drop "
                          "root for the build")
        argv = ["setpriv", "--reuid=%d" % ids[0], "--regid=%d" % ids[1],
                "--clear-groups", "--inh-caps=-all", "--"] + argv
    isolated = _netns_usable()
    if isolated:
        argv = ["unshare", "--net", "--"] + argv
    return argv, isolated


def _set_limits(limits):
    """The child's side before exec: a new session (its own process
    group) and the resource limits."""
    os.setsid()
    for what, value in ((resource.RLIMIT_CPU, limits.cpu_seconds),
                        (resource.RLIMIT_FSIZE, limits.file_bytes),
                        (resource.RLIMIT_AS, limits.memory_bytes),
                        (resource.RLIMIT_CORE, 0)):
        resource.setrlimit(what, (value, value))
    if os.geteuid() == 0:
        # Counted per user: only meaningful once setpriv switched to it.
        resource.setrlimit(resource.RLIMIT_NPROC,
                           (limits.processes, limits.processes))


def run_limited(cmd, cwd, log, limits=BUILD_LIMITS, env=None):
    """Run CMD in CWD under LIMITS (see the module), its output into the
    file LOG. Returns a Result."""
    argv, isolated = command(cmd, limits)
    cut = timed_out = False
    written = 0
    with open(log, "wb") as out:
        proc = subprocess.Popen(argv, cwd=cwd, env=env,
                                stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT,
                                preexec_fn=lambda: _set_limits(limits))
        deadline = time.monotonic() + limits.seconds
        fd = proc.stdout.fileno()
        os.set_blocking(fd, False)
        sel = selectors.DefaultSelector()
        sel.register(fd, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            if not sel.select(min(left, 1.0)):
                if proc.poll() is not None:
                    break
                continue
            try:
                data = os.read(fd, 65536)
            except BlockingIOError:
                continue
            if not data:
                break
            keep = data[:max(0, limits.output - written)]
            out.write(keep)
            written += len(keep)
            cut = cut or len(keep) < len(data)
        sel.close()
        if not timed_out:
            try:
                proc.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                timed_out = True
        _kill_group(proc)
        proc.stdout.close()
        status = proc.wait()
        if cut:
            out.write(b"\n[grader: output cut at %d bytes]\n"
                      % limits.output)
        if timed_out:
            out.write(b"\n[grader: stopped after %d seconds]\n"
                      % limits.seconds)
    return Result(status, timed_out, cut, isolated)


def _kill_group(proc):
    """SIGKILL PROC's whole process group (whatever it left behind)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
