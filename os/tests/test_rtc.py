"""The rtc example driver (sdk/examples/rtc): /dev/rtc reads the CMOS
clock as one line; QEMU is started with a fixed clock so the test knows the
answer."""

import re

from harness.services import Services
from harness.shell import Shell

BASE = "2020-01-02T03:04:05"


def test_rtc_reads_the_cmos_clock_and_survives_a_crash(boot):
    m = boot(extra_args=["-rtc", "base=" + BASE])
    shell = Shell(m).wait_prompt()
    out = shell.check("cat /dev/rtc")
    assert re.search(r"^2020-01-02 03:0[45]:\d\d$", out, re.M), out
    out, rc = shell.run("echo x > /dev/rtc")
    assert rc != 0
    svc = Services(shell)
    before = svc.get("rtc")
    assert before["binary"] == "/usr/drivers/rtc"
    out, rc = svc.run("fi rtc segv")
    assert rc == 0, out
    svc.wait_recovered("rtc", before["restarts"])
    out = shell.check("cat /dev/rtc")
    assert re.search(r"^2020-01-02 03:0[45]:\d\d$", out, re.M), out
