"""Recovery grading: inject a fault into a service and measure how the
system recovers.

:func:`measure` (or the ``recovery`` fixture, which also records the
measurements as test properties) does, on a booted guest behind a
:class:`harness.services.Services`:

1. starts the client workload, if given (e.g. :class:`ReadLoop`, which runs
   ``readloop`` on a device in the background);
2. injects the fault with ``service fi LABEL KIND``;
3. waits for RS's failure line ``rs: LABEL (endpoint E) failed: ...``;
4. waits until ``service status`` shows LABEL up with one more restart, and
   the ``probe`` (e.g. reading the device) succeeds;
5. reads the state the service kept with ``state`` (a callable given the
   console text since the injection, e.g. :func:`open_count`);
6. stops the client and reads its counts of errors and wrong data.

Behind a :class:`harness.agentshell.AgentShell` (what graded tests use)
every command, ``service status`` poll and probe goes through the trusted
test agent, and step 3 is not a console wait: a driver prints on the same
console and could forge RS's line. Detection is then the first verified
``service status`` showing LABEL failed (not up, or restarted); the
failure line, when on the console, only fills ``failure_reason``.

Times are host time (``time.monotonic``), in milliseconds, measured from
sending the ``service fi`` command line: ``detection_latency_ms`` until RS's
failure line arrived on the console, ``recovery_time_ms`` until the service
was up again and the probe answered. The guest's own clock (``uptime``)
only counts whole seconds, too coarse for this. They include the shell's
round trips and depend on the emulator's speed: compare them between runs
on the same emulator, never against a fixed threshold.

Property names (JUnit/JSON/HTML): recovery_label, recovery_kind,
detection_latency_ms, recovery_time_ms, failure_reason, state_value,
state_expected, state_kept, client_reads, client_ok, client_errors,
client_wrong, time_base.
"""

import dataclasses
import re
import time

import pytest

from harness import abi
from harness.shell import ECHOED, PROMPT_RE, RC_RE

TIME_BASE = "host monotonic ms from sending 'service fi'"

READLOOP_RE = re.compile(r"readloop: (\d+) reads, (\d+) ok, (\d+) errors, "
                         r"(\d+) wrong")
RESTARTED_RE = r"%s: restarted \(open count (\d+)\)"


def failure_re(label):
    """The regex of RS's failure line for LABEL: groups endpoint, what. The
    line end is part of it: waiting on the console, a match must not be
    taken while the rest of the line is still on its way. The text stops
    at another such line's start, so a console line full of them costs
    linear time, not quadratic. The line's head is abi/rs.h RS_FAILED_FMT."""
    head = abi.rs_failed_re(re.escape(label), r"(\d+)")
    other = abi.rs_failed_re(re.escape(label), r"\d+")
    return head + r"((?:(?!%s)[^\r\n])*)\r*\n" % other


def parse_failure(text, label):
    """RS's first failure line for LABEL in TEXT: (endpoint, what) or
    None. WHAT is everything after ``failed: `` (e.g. ``exception
    (signal 4); restarting``)."""
    m = re.search(failure_re(label), text)
    return (int(m.group(1)), m.group(2).strip()) if m else None


def parse_open_count(text, label="hello"):
    """The open count in LABEL's last ``LABEL: restarted (open count N)``
    line in TEXT, or None."""
    found = re.findall(RESTARTED_RE % re.escape(label), text)
    return int(found[-1]) if found else None


def open_count(label="hello"):
    """A ``state`` callable for :func:`measure`: LABEL's restored open
    count."""
    return lambda text: parse_open_count(text, label)


@dataclasses.dataclass
class ClientStats:
    reads: int
    ok: int
    errors: int
    wrong: int


def parse_readloop(text):
    """readloop's summary line in TEXT as ClientStats, or None."""
    m = READLOOP_RE.search(text)
    return ClientStats(*map(int, m.groups())) if m else None


STATUS_RE = re.compile(r"^readloop-status (\d+)$", re.M)


class ReadLoop:
    """A client workload: ``readloop DEVICE EXPECTED STOPFILE`` in the
    guest's background, its summary in OUTPUT.

    Behind the console Shell, stop() waits for it with the shell's
    ``wait`` (its exit status must be 0). Behind an AgentShell (``trusted``),
    every command line is its own ``sh -c``, so the job runs in a subshell
    that writes readloop's exit status into OUTPUT after the summary, and
    stop() reads OUTPUT until that line is there (at most TRIES reads, each
    a round trip to the guest): the same status, authenticated."""

    def __init__(self, device, expected, output="/tmp/recovery-rl.out",
                 stopfile="/tmp/recovery-rl.stop", tries=200):
        self.device, self.expected = device, expected
        self.output, self.stopfile = output, stopfile
        self.tries = tries

    def start(self, shell):
        """Start readloop in the background of SHELL's guest."""
        loop = "readloop %s '%s' %s" % (self.device, self.expected,
                                        self.stopfile)
        if getattr(shell, "trusted", False):
            shell.check("rm -f %s %s" % (self.stopfile, self.output))
            shell.check("(%s; echo readloop-status $?) > %s 2>&1 & true"
                        % (loop, self.output))
            return
        shell.check("rm -f %s" % self.stopfile)
        shell.check("%s > %s & true" % (loop, self.output))

    def stop(self, shell):
        """Stop readloop; its counts (ClientStats). AssertionError when it
        exited non-zero (wrong data, or no read ok) or said nothing."""
        shell.check("echo > %s" % self.stopfile)
        if getattr(shell, "trusted", False):
            text = self._finished_output(shell)
        else:
            shell.check("wait")
            text = shell.check("cat %s" % self.output)
        stats = parse_readloop(text)
        if stats is None:
            raise AssertionError("no readloop summary in:\n" + text)
        return stats

    def _finished_output(self, shell):
        """OUTPUT once the subshell wrote readloop's status (0 required)."""
        text = ""
        for _ in range(self.tries):
            text = shell.check("cat %s" % self.output)
            found = STATUS_RE.search(text)
            if found:
                if found.group(1) != "0":
                    raise AssertionError("readloop exited %s:\n%s"
                                         % (found.group(1), text))
                return text
        raise AssertionError("readloop did not end after %d reads of %s; "
                             "last:\n%s" % (self.tries, self.output, text))


@dataclasses.dataclass
class Recovery:
    """What :func:`measure` saw. Times in ms (see the module docstring)."""
    label: str
    kind: str
    detection_latency_ms: float
    recovery_time_ms: float
    failure_reason: str
    restarts: int
    state_value: object = None
    state_expected: object = None
    client: object = None

    @property
    def state_kept(self):
        """Whether the state read equals the expected one (None when no
        expectation was given)."""
        if self.state_expected is None:
            return None
        return self.state_value == self.state_expected

    def properties(self):
        """Test properties (name -> value) of this measurement."""
        p = {"recovery_label": self.label, "recovery_kind": self.kind,
             "detection_latency_ms": round(self.detection_latency_ms, 1),
             "recovery_time_ms": round(self.recovery_time_ms, 1),
             "failure_reason": self.failure_reason, "time_base": TIME_BASE}
        if self.state_value is not None or self.state_expected is not None:
            p["state_value"] = self.state_value
            p["state_expected"] = self.state_expected
            p["state_kept"] = self.state_kept
        if self.client is not None:
            p.update({"client_" + k: v for k, v in
                      dataclasses.asdict(self.client).items()})
        return p


def _inject(shell, label, kind, timeout):
    """Send ``service fi LABEL KIND`` and follow the console until its exit
    status, the prompt and RS's failure line have all arrived (in any
    order). Returns (status, failure match time, what)."""
    m = shell.machine
    fail = failure_re(label)
    m.sendline("service fi %s %s; echo %s" % (label, kind, ECHOED))
    status = detected = what = None
    prompt = False
    while detected is None or not prompt:
        patterns = []
        if detected is None:
            patterns.append(fail)
        if status is None:
            patterns.append(RC_RE)
        elif not prompt:
            patterns.append(PROMPT_RE)
        i = m.expect(patterns, timeout)
        now = time.monotonic()
        which = patterns[i]
        if which == fail:
            detected, what = now, m.console.match.group(2).strip()
        elif which == RC_RE:
            status = int(m.console.match.group(1))
            if status != 0:
                raise AssertionError("service fi %s %s exited %d"
                                     % (label, kind, status))
        else:
            prompt = True
    return status, detected, what


def _inject_trusted(services, label, kind, restarts, timeout):
    """Behind an AgentShell: ``service fi LABEL KIND`` through the agent,
    then poll ``service status`` (through the agent) until LABEL is up
    with more than RESTARTS restarts. Nothing on the console counts (a
    driver can print a fake RS failure line): detection is the first
    verified status showing the failure (LABEL not up, or restarted).
    Returns (status fields after, detection time)."""
    out, status = services.run("fi %s %s" % (label, kind), timeout)
    if status != 0:
        raise AssertionError("service fi %s %s exited %d:\n%s"
                             % (label, kind, status, out))
    seen = []

    def recovered(s):
        now = time.monotonic()
        restarted = s.get("restarts", 0) > restarts
        if not seen and (s.get("state") != "up" or restarted):
            seen.append(now)
        return s.get("state") == "up" and restarted

    after = services.wait(label, recovered, timeout,
                          "recovery past %d restarts" % restarts)
    return after, seen[0]


def measure(services, label, kind, client=None, state=None,
            expect_state=None, probe=None, timeout=60):
    """Inject fault KIND into LABEL and measure the recovery (see the
    module docstring). CLIENT: an object with start(shell) and
    stop(shell) -> ClientStats; STATE: a callable(console text since the
    injection) -> value, compared with EXPECT_STATE; PROBE: a
    callable(shell) that raises unless the service answers. Raises
    AssertionError when the service does not recover within TIMEOUT.

    Behind an AgentShell (``services.shell.trusted``) the fault, the
    recovery and the probe go through the agent (_inject_trusted);
    the failure reason is then RS's line as found on the console, for
    the report only, and STATE still reads the console: whatever a test
    asserts on it must also hold through the agent."""
    shell = services.shell
    m = shell.machine
    before = services.get(label)
    if client is not None:
        client.start(shell)
    since = len(m.console_text())
    t0 = time.monotonic()
    if getattr(shell, "trusted", False):
        after, detected = _inject_trusted(services, label, kind,
                                          before["restarts"], timeout)
        found = parse_failure(m.console_text()[since:], label)
        what = found[1] if found else ""
    else:
        _, detected, what = _inject(shell, label, kind, timeout)
        after = services.wait_recovered(label, before["restarts"], timeout)
    if probe is not None:
        probe(shell)
    recovered = time.monotonic()
    text = m.console_text()[since:]
    stats = client.stop(shell) if client is not None else None
    return Recovery(label=label, kind=kind,
                    detection_latency_ms=(detected - t0) * 1000,
                    recovery_time_ms=(recovered - t0) * 1000,
                    failure_reason=what, restarts=after["restarts"],
                    state_value=state(text) if state else None,
                    state_expected=expect_state, client=stats)


@pytest.fixture
def recovery(record_property):
    """recovery(services, label, kind, **options) -> Recovery: measure()
    and record every measurement as a property of this test."""
    def run(services, label, kind, **options):
        result = measure(services, label, kind, **options)
        for key, value in result.properties().items():
            record_property(key, value)
        return result
    return run
