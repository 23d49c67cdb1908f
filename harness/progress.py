"""Progress of the long commands (make test, campaign, fuzz, bench,
check-labs): a count and an estimate of the time left.

``Progress(total, "campaign", unit="trials")`` draws a tqdm bar on a
terminal when python3-tqdm is installed (make deps); otherwise (no tqdm,
output not a terminal, or ``counter=True``) it prints a counter line now
and then and at the end::

    campaign: 300/1000 trials, 2 failed, 4.10 trials/s, ETA 2m51s

The estimate is the mean time per step so far times the steps left.

As a pytest plugin (harness/plugin.py loads it) it adds the estimate to
pytest's own progress column: ``[ 34/412, ETA 6m12s]`` (pytest.ini asks
for the count style)."""

import sys
import time

import pytest

try:
    from tqdm import tqdm as _tqdm
except ImportError:             # python3-tqdm missing: counter lines
    _tqdm = None


def duration(seconds):
    """SECONDS as a short duration: "42s", "3m05s", "1h02m"; "?" for
    None."""
    if seconds is None:
        return "?"
    s = int(round(seconds))
    if s < 60:
        return "%ds" % s
    if s < 3600:
        return "%dm%02ds" % (s // 60, s % 60)
    return "%dh%02dm" % (s // 3600, s % 3600 // 60)


def eta(done, total, elapsed):
    """Seconds left after DONE of TOTAL steps took ELAPSED seconds (None
    before the first step)."""
    if done <= 0:
        return None
    return elapsed / done * max(total - done, 0)


class Progress:
    """TOTAL steps of DESC (in UNIT) on STREAM (default stderr)."""

    def __init__(self, total, desc, unit="steps", stream=None, every=None,
                 counter=False, clock=time.monotonic):
        self.total, self.desc, self.unit = total, desc, unit
        self.stream = stream or sys.stderr
        self.done = 0
        self.clock = clock
        self.start = clock()
        # A counter line every EVERY steps (about 20 lines in all).
        self.every = every or max(1, total // 20)
        tty = getattr(self.stream, "isatty", lambda: False)()
        # The bar, drawn from the first step on (what the command prints
        # before that stays above it).
        self.use_bar = _tqdm is not None and tty and not counter
        self.bar = None

    def eta(self):
        """Seconds left (None before the first step)."""
        return eta(self.done, self.total, self.clock() - self.start)

    def line(self, note=""):
        """The counter line: DESC: DONE/TOTAL UNIT[, NOTE], ETA ..."""
        return "%s: %d/%d %s%s, ETA %s" % (
            self.desc, self.done, self.total, self.unit,
            ", " + note if note else "", self._left())

    def _draw(self):
        """The tqdm bar (None when counter lines are printed instead)."""
        if self.bar is None and self.use_bar:
            # Drawn late, it counts from the start all the same: the mean
            # rate since then (smoothing 0), as the counter lines.
            self.bar = _tqdm(total=self.total, desc=self.desc,
                             unit=" " + self.unit, file=self.stream,
                             dynamic_ncols=True, leave=True, smoothing=0)
            self.bar.start_t -= self.clock() - self.start
        return self.bar

    def _left(self):
        return duration(self.eta()) if self.done < self.total else "0s"

    def update(self, n=1, note=""):
        """N more steps done; NOTE (e.g. "2 failed") goes with them. A
        counter line when the count passes a multiple of EVERY, and at the
        end."""
        before = self.done
        self.done += n
        if self._draw() is not None:
            if note:
                self.bar.set_postfix_str(note, refresh=False)
            self.bar.update(n)
            return
        if self.done // self.every != before // self.every or \
                self.done >= self.total:
            print(self.line(note), file=self.stream, flush=True)

    def step(self, text, n=1):
        """N more steps done, TEXT saying what the last one did: the line
        TEXT, then the bar; or TEXT with the count and the time left
        (``run 3/9: ...  [3/9 runs, ETA 1m10s]``)."""
        self.done += n
        if self._draw() is not None:
            self.bar.write(text, file=self.stream)
            self.bar.update(n)
            return
        print("%s  [%d/%d %s, ETA %s]" % (text, self.done, self.total,
                                          self.unit, self._left()),
              file=self.stream, flush=True)

    def write(self, text):
        """Print TEXT (a whole line) without breaking the bar."""
        if self.bar is not None:
            self.bar.write(text, file=self.stream)
        else:
            print(text, file=self.stream, flush=True)

    def close(self):
        """Finish the bar (counter lines need nothing)."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None


# ---- pytest: the estimate in pytest's progress column -----------------------

ETA_ROOM = ", ETA 59m59s"         # the widest estimate under an hour


def _with_eta(message, done, total, elapsed):
    """pytest's progress MESSAGE (" [ 34/412]" or " [  8%]") with the time
    left added inside the brackets (unchanged once every test ran)."""
    if done >= total or not message.endswith("]"):
        return message
    return "%s, ETA %s]" % (message[:-1], duration(eta(done, total,
                                                       elapsed)))


@pytest.hookimpl(trylast=True)        # after the terminal reporter's
def pytest_configure(config):
    """Wrap the terminal reporter's progress message (pytest 7) with the
    estimate; nothing happens when pytest's internals differ."""
    tr = config.pluginmanager.get_plugin("terminalreporter")
    original = getattr(tr, "_get_progress_information_message", None)
    if original is None or not hasattr(tr, "_progress_nodeids_reported"):
        return
    config._progress_start = time.monotonic()

    def message():
        text = original()
        session = getattr(tr, "_session", None)
        total = getattr(session, "testscollected", 0) or 0
        return _with_eta(text, len(tr._progress_nodeids_reported), total,
                         time.monotonic() - config._progress_start)

    tr._get_progress_information_message = message
    # Room for the estimate: pytest ends a line of dots this much earlier.
    if isinstance(getattr(tr, "_screen_width", None), int):
        tr._screen_width -= len(ETA_ROOM)


def pytest_collection_finish(session):
    """The estimate counts from the first test, not from collection."""
    session.config._progress_start = time.monotonic()
