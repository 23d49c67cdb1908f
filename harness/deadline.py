"""Timeouts that count the emulator's CPU time, not the host's wall clock.

A wait of BUDGET seconds (the test's timeout times ``--timeout-scale`` times
the emulator's speed factor) ends, as a timeout, at the first check where

1. the emulator has used BUDGET seconds of CPU time since the wait began
   (``/proc/PID/stat``, utime + stime of all its threads), or
2. BUDGET seconds of wall time have passed *and* the emulator was not
   starved: it did not spend more than half of that time waiting for a CPU
   on the run queue (``/proc/PID/task/*/schedstat``; a loaded host makes
   an emulator wait, an idle guest makes it sleep), and
3. in either case the guest made no progress since the last check (no new
   console output): while output keeps coming the deadline moves on by
   BUDGET / 2 at a time;

and always, whatever the above, once ``WALL_CAP`` x BUDGET seconds of wall
time have passed (a guest printing forever, a host that never gives the
emulator a CPU).

:class:`Deadline` is pure arithmetic over injected readers, so it is tested
on the host without an emulator.
"""

import glob
import os
import time

WALL_CAP = 4.0          # hard limit, in budgets of wall time
STARVED_SHARE = 0.5     # run-queue wait above this share of the wait: starved
EXTEND = 0.5            # progress extends the deadline by this many budgets

_TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid, stat_text=None):
    """CPU time (user + system, all threads) process PID has used, in
    seconds, from /proc/PID/stat (or from STAT_TEXT, its contents). None
    when the process is gone."""
    if stat_text is None:
        try:
            with open("/proc/%d/stat" % pid) as f:
                stat_text = f.read()
        except OSError:
            return None
    # The command name (field 2) is in parentheses and may hold spaces.
    fields = stat_text[stat_text.rindex(")") + 2:].split()
    utime, stime = int(fields[11]), int(fields[12])   # fields 14 and 15
    return (utime + stime) / _TICK


def runqueue_wait_seconds(pid):
    """The longest time any thread of PID has spent waiting on a run queue
    (the second field of /proc/PID/task/TID/schedstat), in seconds; 0.0
    when unknown."""
    longest = 0
    for path in glob.glob("/proc/%d/task/*/schedstat" % pid):
        try:
            with open(path) as f:
                longest = max(longest, int(f.read().split()[1]))
        except (OSError, IndexError, ValueError):
            continue
    return longest / 1e9


class Deadline:
    """One bounded wait of BUDGET seconds (see the module docstring).

    CPU() and WAIT() return the emulator's CPU time and run-queue wait so
    far (seconds, any origin); PROGRESS() a number that grows when the guest
    makes progress (bytes of console output); CLOCK() wall time."""

    def __init__(self, budget, cpu=lambda: 0.0, wait=lambda: 0.0,
                 progress=lambda: 0, clock=time.monotonic,
                 wall_cap=WALL_CAP):
        self.budget = budget
        self._cpu, self._wait, self._progress, self._clock = (
            cpu, wait, progress, clock)
        self.start = clock()
        self._cpu0 = cpu() or 0.0
        self._wait0 = wait() or 0.0
        self._seen = progress()
        self.due = self.start + budget      # wall time of the next check
        self.cap = self.start + budget * wall_cap
        self.extensions = 0
        self.reason = None                  # why it expired

    def cpu_used(self):
        return max(0.0, (self._cpu() or self._cpu0) - self._cpu0)

    def starved(self):
        """Run-queue wait since the start, in seconds."""
        return max(0.0, (self._wait() or self._wait0) - self._wait0)

    def remaining(self):
        """Wall seconds until the next check (>= 0)."""
        return max(0.0, min(self.due, self.cap) - self._clock())

    def expired(self):
        """Whether the wait is over (see the module docstring); sets
        ``reason`` when it is."""
        now = self._clock()
        if now >= self.cap:
            self.reason = "wall-clock cap (%.0fs) reached" % (
                self.cap - self.start)
            return True
        cpu = self.cpu_used()
        if now < self.due and cpu < self.budget:
            return False
        progress = self._progress()
        if progress != self._seen:
            self._seen = progress
            self.due = now + self.budget * EXTEND
            self.extensions += 1
            return False
        if cpu >= self.budget:
            self.reason = "emulator used %.1fs of CPU time" % cpu
            return True
        elapsed = now - self.start
        starved = self.starved()
        if starved > elapsed * STARVED_SHARE:
            # The host kept the emulator off the CPU: count only the time
            # it could run.
            self.due = now + min(starved, self.budget)
            self.extensions += 1
            return False
        self.reason = ("%.1fs passed, emulator CPU time %.1fs, run-queue "
                       "wait %.1fs" % (elapsed, cpu, starved))
        return True
