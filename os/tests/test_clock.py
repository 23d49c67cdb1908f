"""The wall clock (os/kernel/rtc.c): the kernel reads the CMOS clock once
at boot; time(), clock_gettime(CLOCK_REALTIME), `date` and the times
rootfs gives files are that boot time plus the time since boot. QEMU's
clock is set with -rtc base=... so the test knows the date (a leap day:
the calendar's conversion in the kernel and in `date`); on both
emulators the default clock (the host's) gives a time after 2020 and
before 2100. No timing thresholds: the bounds are an hour or decades."""

import re

import pytest

from harness.shell import Shell

LEAP_DAY = "2024-02-29T12:00:00"
LEAP_DAY_EPOCH = 1709208000        # calendar.timegm((2024, 2, 29, 12, 0, 0))
HOUR = 3600
YEAR_2020 = 1577836800
YEAR_2100 = 4102444800


def test_the_kernel_reads_the_cmos_clock_into_time_date_and_file_times(
        boot):
    m = boot(extra_args=["-rtc", "base=" + LEAP_DAY])
    shell = Shell(m).wait_prompt()
    assert m.wait_console(r"kernel: clock 2024-02-29 12:0\d:\d\d UTC "
                          r"\(CMOS\)"), m.tail()
    out = shell.check("date")
    assert re.fullmatch(r"2024-02-29 12:\d\d:\d\d UTC", out.strip()), out
    now = int(shell.check("date +%s").strip())
    assert LEAP_DAY_EPOCH <= now < LEAP_DAY_EPOCH + HOUR, now
    # rootfs stamps files with the same clock.
    shell.check("touch /tmp/clock-file")
    mtime = int(shell.check("stat -c %Y /tmp/clock-file").strip())
    assert LEAP_DAY_EPOCH <= mtime < LEAP_DAY_EPOCH + HOUR, mtime
    assert mtime <= int(shell.check("date +%s").strip())


@pytest.mark.emulators("qemu", "bochs")
def test_the_default_clock_is_a_plausible_date(shell):
    now = int(shell.check("date +%s").strip())
    assert YEAR_2020 <= now < YEAR_2100, now
    out = shell.check("date")
    assert re.fullmatch(r"20\d\d-\d\d-\d\d \d\d:\d\d:\d\d UTC",
                        out.strip()), out
