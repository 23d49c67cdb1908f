"""Which Python runs the harness: Debian's, /usr/bin/python3.

The harness and its tests need the Debian packages python3-pytest and
python3-pexpect (`make deps`), which only Debian's interpreter sees. Another
python3 first on PATH (pyenv, a virtualenv, /usr/local) lacks them, and
Python's own answer is a traceback ending in ModuleNotFoundError. The entry
points (``python3 -m harness``, ``import harness``, the Makefile's
``check-deps``) call :func:`require` first, which prints one line naming
/usr/bin/python3 instead and exits with status 2.

Standard library only: this runs under the wrong Python by design.
Also a script: ``python3 harness/python.py PROG MODULE...`` (what the
Makefile runs) checks MODULEs the same way and exits 0 when all import.
"""

import importlib.util
import sys

DEBIAN_PYTHON = "/usr/bin/python3"
PACKAGES = {"pytest": "python3-pytest", "pexpect": "python3-pexpect"}


def missing(modules):
    """The MODULES (names) this interpreter cannot import."""
    out = []
    for name in modules:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            out.append(name)
    return out


def is_debian():
    """Whether this interpreter is Debian's own: installed under /usr and
    not a virtual environment (whose python3 may be a link to it, but
    without Debian's packages)."""
    return sys.prefix == sys.base_prefix == "/usr"


def message(prog, absent, debian=None, executable=None):
    """The one line saying that PROG cannot run: the modules ABSENT are
    not importable by EXECUTABLE (default: this interpreter), which is
    Debian's when DEBIAN (default: is_debian())."""
    executable = executable or sys.executable or "python3"
    debian = is_debian() if debian is None else debian
    names = " and ".join(absent)
    packages = " ".join(PACKAGES.get(m, "python3-" + m) for m in absent)
    if debian:
        return ("%s: %s has no %s: install %s (sudo make deps)"
                % (prog, DEBIAN_PYTHON, names, packages))
    return ("%s: this python3 (%s) has no %s: use Debian's %s (with %s: "
            "sudo make deps), e.g. %s -m pytest, %s -m harness"
            % (prog, executable, names, DEBIAN_PYTHON, packages,
               DEBIAN_PYTHON, DEBIAN_PYTHON))


def require(prog, *modules):
    """Return when this interpreter imports every one of MODULES; else
    print message() on standard error and exit with status 2."""
    absent = missing(modules)
    if absent:
        print(message(prog, absent), file=sys.stderr)
        raise SystemExit(2)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print("usage: python.py PROG MODULE...", file=sys.stderr)
        sys.exit(2)
    require(sys.argv[1], *sys.argv[2:])
