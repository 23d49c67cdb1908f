"""Phoenix test harness: boots OS images on QEMU or Bochs and drives them.

Used as a pytest plugin (``-p harness.plugin``, set in pytest.ini). The
emulator backends live in :mod:`harness.machine`; the fixtures in
:mod:`harness.plugin`.
"""

from harness.machine import (  # noqa: F401
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
