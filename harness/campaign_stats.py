"""Bounded aggregation of a campaign's results (runs of hours keep a fixed
amount of memory): outcome counts per kind and per driver, per kind a
fixed log-scale histogram of recovery times, exact count/min/max and a
bounded reservoir sample for the percentiles; at most MAX_FAILURES failure
records with logs (the rest are counted)."""

import bisect
import random

OUTCOMES = ("recovered", "latent", "norecover", "wrong", "error", "crash",
            "hang")
SURVIVED = ("recovered", "latent")
# Histogram bin upper edges in ms (log scale); the last bin is open.
BIN_EDGES_MS = (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000,
                2000, 5000, 10000)
RESERVOIR = 2048
MAX_FAILURES = 100


class Distribution:
    """Recovery times of one fault kind, in ms."""

    def __init__(self, seed=0):
        self.count = 0
        self.min = None
        self.max = None
        self.bins = [0] * (len(BIN_EDGES_MS) + 1)
        self.sample = []
        self._rng = random.Random(seed)

    def add(self, ms):
        self.count += 1
        self.min = ms if self.min is None else min(self.min, ms)
        self.max = ms if self.max is None else max(self.max, ms)
        self.bins[bisect.bisect_left(BIN_EDGES_MS, ms)] += 1
        if len(self.sample) < RESERVOIR:
            self.sample.append(ms)
        else:
            j = self._rng.randrange(self.count)
            if j < RESERVOIR:
                self.sample[j] = ms

    def percentile(self, p):
        if not self.sample:
            return None
        s = sorted(self.sample)
        k = min(len(s) - 1, max(0, int(round(p / 100.0 * (len(s) - 1)))))
        return s[k]

    def as_dict(self):
        r = lambda v: None if v is None else round(v, 3)
        return {"count": self.count, "min": r(self.min),
                "median": r(self.percentile(50)), "p90": r(self.percentile(90)),
                "p99": r(self.percentile(99)), "max": r(self.max),
                "bins_ms": list(BIN_EDGES_MS), "histogram": list(self.bins)}


class Stats:
    """Everything a report needs, updated one trial at a time."""

    def __init__(self, kinds, drivers):
        self.trials = 0
        self.outcomes = dict.fromkeys(OUTCOMES, 0)
        self.per_kind = {k: dict.fromkeys(OUTCOMES, 0) for k in kinds}
        self.per_driver = {d: dict.fromkeys(OUTCOMES, 0) for d in drivers}
        self.recovery = {k: Distribution(i) for i, k in enumerate(kinds)}
        # the same per driver or service (report: recovery_ms_per_driver)
        self.recovery_per_driver = {d: Distribution(100 + i)
                                    for i, d in enumerate(drivers)}
        self.failures = []
        self.failures_dropped = 0
        self.wrong_ops = 0
        self.ok_ops = 0
        self.err_ops = 0

    def add(self, trial, outcome, recovery_us=-1, ok=0, err=0, wrong=0):
        """Count TRIAL (harness.campaign_plan.Trial) with OUTCOME."""
        self.trials += 1
        self.outcomes[outcome] += 1
        self.per_kind.setdefault(trial.kind, dict.fromkeys(OUTCOMES, 0))[
            outcome] += 1
        self.per_driver.setdefault(trial.driver, dict.fromkeys(OUTCOMES, 0))[
            outcome] += 1
        self.ok_ops += ok
        self.err_ops += err
        self.wrong_ops += wrong
        if outcome == "recovered" and recovery_us >= 0:
            self.recovery.setdefault(trial.kind, Distribution()).add(
                recovery_us / 1000.0)
            self.recovery_per_driver.setdefault(
                trial.driver, Distribution()).add(recovery_us / 1000.0)

    def add_failure(self, record):
        """Keep RECORD (a dict) if fewer than MAX_FAILURES are kept;
        returns whether it was kept (so its logs should be saved)."""
        if len(self.failures) < MAX_FAILURES:
            self.failures.append(record)
            return True
        self.failures_dropped += 1
        return False

    @property
    def survived(self):
        return sum(self.outcomes[o] for o in SURVIVED)
