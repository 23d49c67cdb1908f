"""Helpers of lab 1's tests: every graded command runs through the trusted
test agent (only its authenticated result lines count)."""

import re


def up(agent, lab):
    """Start the student's driver; the agent's (output, status)."""
    out, status, verified = agent.run(
        "service up /usr/drivers/%s -dev %s" % (lab.driver, lab.device))
    assert verified, "the test agent's answer did not verify"
    return out, status


def must(agent, command, timeout=30):
    """Run COMMAND; assert it verified and exited 0; its output."""
    out, status, verified = agent.run(command, timeout=timeout)
    assert verified, "no verified answer to %r" % command
    assert status == 0, "%r exited %s:\n%s" % (command, status, out)
    return out


def rolls(agent, lab, n):
    """N reads of the device (each its own open): the lines read."""
    out = must(agent, "; ".join(["cat %s" % lab.device] * n), timeout=60)
    return out.splitlines()


def ioctl(agent, lab, nr):
    """ioctlout DEVICE d NR: (value or None, exit status)."""
    out, status, verified = agent.run("ioctlout %s d %d" % (lab.device, nr))
    assert verified
    m = re.search(r"^ioctlout: (\d+)$", out, re.M)
    return (int(m.group(1)) if m and status == 0 else None), status
