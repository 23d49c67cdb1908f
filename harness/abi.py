"""The facts the harness shares with the OS, declared once in
os/include/abi/*.h: error numbers (``EPERM``, ``ERRNO``, ``ERRNO_NAMES``),
fault kinds (``FAULT_KINDS``; the debug kinds, never a campaign's:
``DEBUG_FAULT_KINDS``), boot services (``BOOT_SERVICES``,
``BOOT_SLOTS``, ``BOOT_INIT_ORDER``), the device list (``DEVICES``,
``MINORS``), ``KLOG_SIZE``, the QEMU exit statuses (``QEMU_EXIT_OK``,
``QEMU_EXIT_PANIC``), RS's state names (``RS_STATES``), its failure line
(``RS_FAILED_FMT``, :func:`rs_failed_re`) and the kernel's console lines
(``KERNEL_PANIC_PREFIX``, ``POWER_OFF_FMT``, ``BOOT_STARTED_FMT``,
:func:`boot_started_re`; regexes from a format:
:func:`printf_re`).

The values come from harness/_abi_gen.py, generated from the headers by
harness/genabi.py (``make abi``); never copy one into a test."""

import re

from harness._abi_gen import *  # noqa: F401,F403 (the generated facts)
from harness._abi_gen import BOOT_STARTED_FMT, ERRNO, RS_FAILED_FMT

# {number: name} of the error numbers.
ERRNO_NAMES = {n: name for name, n in ERRNO.items()}


def printf_re(fmt, *groups):
    """The regex matching printf format FMT's output: its literal text
    escaped, each conversion (``%s``, ``%d``, ...) replaced by the next
    regex of GROUPS (``%%`` is a literal percent sign)."""
    parts = re.split(r"%([-+ #0-9.]*[a-zA-Z%])", fmt)
    out, values = [], iter(groups)
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(re.escape(part))
        elif part == "%":
            out.append("%")
        else:
            try:
                out.append(next(values))
            except StopIteration:
                raise ValueError("%r has more conversions than the %d "
                                 "groups given" % (fmt, len(groups)))
    if next(values, None) is not None:
        raise ValueError("%r has fewer conversions than groups" % fmt)
    return "".join(out)


def rs_failed_re(label, endpoint=r"\d+"):
    """The regex of the head of RS's failure line (abi/rs.h RS_FAILED_FMT),
    up to and including ``failed: ``: LABEL and ENDPOINT are regexes
    (``re.escape(label)`` for one label, ``(\\S+)`` to capture any)."""
    return printf_re(RS_FAILED_FMT, label, endpoint)


def boot_started_re(label, endpoint=r"\d+"):
    """The regex of the kernel's line for a boot service started
    (abi/console.h BOOT_STARTED_FMT), up to its endpoint: LABEL and
    ENDPOINT are regexes (``(\\d+)`` to capture the endpoint)."""
    return printf_re(BOOT_STARTED_FMT.split(",")[0], label, endpoint)
