"""Lab 1 public tests: /dev/dice (lab.json names the driver and device)."""

import re

import pytest

from dicelib import ioctl, must, rolls, up

ROLL = re.compile(r"^[1-9][0-9]*$")


@pytest.fixture
def dice(agent, lab):
    """A booted machine, the agent, and the driver started."""
    out, status = up(agent, lab)
    assert status == 0, "service up failed:\n" + out
    return agent


@pytest.mark.points(2)
def test_driver_starts(agent, lab):
    """The dice driver starts and shows in service status."""
    out, status = up(agent, lab)
    assert status == 0, "service up failed:\n" + out
    status_out = must(agent, "service status %s" % lab.driver)
    assert lab.driver in status_out


@pytest.mark.points(4)
@pytest.mark.depends("test_driver_starts")
def test_read_gives_a_roll(dice, lab):
    """Each read gives a roll from 1 to 6."""
    lines = rolls(dice, lab, 30)
    assert len(lines) == 30, "30 reads, one line each:\n%s" % lines
    for line in lines:
        assert ROLL.match(line), "not a roll: %r" % line
        assert 1 <= int(line) <= 6, "out of 1..6: %s" % line
    assert len(set(lines)) >= 3, "30 rolls, hardly random: %s" % lines


@pytest.mark.points(3)
@pytest.mark.depends("test_read_gives_a_roll")
def test_write_sets_sides(dice, lab):
    """Writing 2 makes a two-sided die."""
    must(dice, "echo 2 > %s" % lab.device)
    lines = rolls(dice, lab, 20)
    assert set(lines) <= {"1", "2"} and len(set(lines)) == 2, lines


@pytest.mark.points(3)
@pytest.mark.depends("test_read_gives_a_roll")
def test_ioctl_counts_rolls(dice, lab):
    """The ioctls count the rolls and reset the count."""
    rolls(dice, lab, 5)
    value, status = ioctl(dice, lab, 2)          # DICE_IOC_ROLLS
    assert (value, status) == (5, 0)
    value, status = ioctl(dice, lab, 1)          # DICE_IOC_RESET
    assert (value, status) == (5, 0)
    value, status = ioctl(dice, lab, 2)
    assert (value, status) == (0, 0)
