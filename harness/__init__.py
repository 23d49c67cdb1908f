"""Phoenix test harness: boots OS images on QEMU or Bochs and drives them.

Used as a pytest plugin (``-p harness.plugin``, set in pytest.ini). The
emulator backends live in :mod:`harness.machine`; the fixtures in
:mod:`harness.plugin`.
"""

from harness.python import require as _require

# Another python3 first on PATH lacks Debian's python3-pexpect: one line
# naming /usr/bin/python3, not a traceback (harness/python.py).
_require("harness", "pexpect")

from harness.machine import (  # noqa: F401,E402
    BochsMachine,
    EmulatorError,
    GuestExit,
    GuestHang,
    GuestPanic,
    PromptConsumed,
    Machine,
    QemuMachine,
    make_machine,
)
