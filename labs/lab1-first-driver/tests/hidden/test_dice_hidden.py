"""Lab 1 hidden tests: bad input, the sides ioctl, crash survival."""

import pytest

from dicelib import ioctl, must, rolls, up


@pytest.fixture
def dice(agent, lab):
    """A booted machine, the agent, and the driver started."""
    out, status = up(agent, lab)
    assert status == 0, "service up failed:\n" + out
    return agent


@pytest.mark.points(2)
def test_bad_writes_refused(dice, lab):
    """Rejects bad sides values."""
    for bad in ("0", "1", "101", "abc", "-3", "6x"):
        out, status, verified = dice.run("echo %s > %s" % (bad, lab.device))
        assert verified and status != 0, "accepted %r" % bad
    value, status = ioctl(dice, lab, 3)          # DICE_IOC_SIDES
    assert (value, status) == (6, 0), "a refused write changed the sides"
    lines = rolls(dice, lab, 10)
    assert all(1 <= int(l) <= 6 for l in lines), \
        "rolls out of 1..6 after refused writes: %s" % " ".join(lines)


@pytest.mark.points(2)
def test_sides_ioctl_and_reset(dice, lab):
    """The sides ioctl tells the sides; reset goes back to 6."""
    must(dice, "echo 20 > %s" % lab.device)
    assert ioctl(dice, lab, 3) == (20, 0)
    assert all(1 <= int(l) <= 20 for l in rolls(dice, lab, 20))
    assert ioctl(dice, lab, 1)[1] == 0
    assert ioctl(dice, lab, 3) == (6, 0), "reset keeps 20 sides"


@pytest.mark.points(1)
def test_unknown_ioctl_enotty(dice, lab):
    """An unknown ioctl fails with ENOTTY."""
    out, status, verified = dice.run("ioctlout %s d 9" % lab.device)
    assert verified and status == 1 and "error 25" in out, out


@pytest.mark.points(2)
def test_state_survives_crash(dice, lab):
    """Sides and roll count survive a driver crash."""
    must(dice, "echo 12 > %s" % lab.device)
    rolls(dice, lab, 3)
    must(dice, "service fi %s" % lab.driver)
    # The restarted driver answers (VFS retries/waits on the restart).
    lines = rolls(dice, lab, 3)
    assert all(1 <= int(l) <= 12 for l in lines), \
        "rolls out of 1..12 after the crash: %s" % " ".join(lines)
    assert ioctl(dice, lab, 3) == (12, 0)
    assert ioctl(dice, lab, 2) == (6, 0)
