"""The trusted in-guest test agent, driven from the harness, and the
verification of its result lines.

``Agent(machine).start()`` types ``testagent CHALLENGE`` at the guest's
shell prompt, waits until the agent has turned echo off and asks for the
key (``AGENT KEY CHALLENGE``), types the run's key (random, drawn here,
never printed), and checks the agent's proof that it holds the key
(``AGENT READY CHALLENGE TAG``). ``agent.run(cmd)`` sends ``NONCE CMD``
with a fresh random nonce and returns ``(output, status, verified)``:

- ``verified`` is True only when a result line ``AGENT NONCE STATUS
  DIGEST TAG`` for this very nonce came back whose TAG is
  HMAC-SHA256(key, "NONCE|STATUS|DIGEST|CMD") and whose DIGEST is the
  SHA-256 of ``output``. Then ``status`` and ``output`` are what the
  command really gave.
- Otherwise (no such line in time, only lines that do not verify, the
  output could not be recovered) ``verified`` is False and ``status`` is
  None or unauthenticated: a graded check must then treat the command as
  failed, whatever the console says. ``agent.last`` (an AgentResult) keeps
  the details: the lines rejected and why.

Output recovery: other processes (services, the kernel) print on the same
console, and their lines may land inside the agent's output, even inside
one of its lines. The output is recovered as the console text between the
agent's ``AGENT-BEGIN NONCE`` and the result line, minus a few inserted
spans (runs of whole lines, or console messages matching ``MESSAGE_RE``
anywhere); the authenticated digest tells which removal is the real
output. Output drowned in more insertions than that does not verify. Inserted text cannot make a
wrong output verify (that would need a SHA-256 collision).

Pure verification (``verify_line``, ``recover_output``) needs no machine:
host unit tests cover it (harness/tests/test_agent.py).
"""

import hashlib
import hmac
import itertools
import re
import secrets
from collections import namedtuple

from harness.shell import Shell

KEY_BYTES = 32
NONCE_BYTES = 16
# A console message of a service or the kernel ("label: text" and its NL),
# which may land even inside a line of the agent's output.
MESSAGE_RE = re.compile(r"[A-Za-z0-9_.-]+: [^\n]*\n")
MAX_REMOVED = 4          # inserted spans removed at most at once
MAX_CANDIDATES = 20000   # removal sets tried at most per command

AgentResult = namedtuple(
    "AgentResult", "command nonce output status verified rejected line")
AgentResult.__doc__ = """One command's outcome. ``status`` is the
authenticated status (None when no line verified); ``verified`` as in
Agent.run; ``rejected``: (line, reason) for every AGENT line for this
command that did not verify; ``line``: the result line accepted."""


class IntegrityError(AssertionError):
    """The agent could not be set up so that its results can be trusted
    (no key proof, the key shown on the console). Nothing the guest says
    after this may count as a pass."""


def tag(key, *parts):
    """HMAC-SHA256 under KEY (bytes) of PARTS (str) joined by '|', hex."""
    data = "|".join(parts).encode("utf-8", "surrogateescape")
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def verify_line(key, line, nonce, command, used=()):
    """Check one result line LINE (str, without its line end) for the
    command COMMAND sent with NONCE. Returns ``(status, digest)`` when it
    verifies; raises ValueError with the reason when it does not: not a
    result line (truncated, malformed), another nonce, a nonce in USED
    (replayed), or a tag that is not HMAC(KEY, NONCE|STATUS|DIGEST|COMMAND).
    """
    m = re.fullmatch(r"AGENT ([0-9a-f]+) (\d+) ([0-9a-f]{64}) "
                     r"([0-9a-f]{64})", line.strip("\r\n"))
    if not m:
        raise ValueError("not a result line")
    got_nonce, status, digest, mac = m.groups()
    if got_nonce in used:
        raise ValueError("replayed nonce")
    if got_nonce != nonce:
        raise ValueError("another nonce")
    want = tag(key, nonce, status, digest, command)
    if not hmac.compare_digest(want, mac):
        raise ValueError("bad tag")
    return int(status), digest


def output_digest(output):
    """SHA-256 (hex) of OUTPUT as the agent hashed it (the bytes the
    command wrote; the console turned NL into CR NL, undone here)."""
    return hashlib.sha256(output.encode("utf-8", "surrogateescape")
                          ).hexdigest()


def _spans(region):
    """What another process may have inserted in REGION: every run of
    whole lines, and every console message (``MESSAGE_RE``) starting
    anywhere, even inside a line. (start, end) pairs, sorted."""
    spans = set()
    starts = [0] + [i + 1 for i, c in enumerate(region) if c == "\n"]
    for a in range(len(starts)):
        for b in range(a + 1, len(starts)):
            spans.add((starts[a], starts[b]))
    for start in range(len(region)):
        m = MESSAGE_RE.match(region, start)
        if m:
            spans.add(m.span())
    return sorted(spans)


def _candidates(region):
    """Outputs REGION may stand for: REGION itself, then REGION minus 1,
    2 ... (up to MAX_REMOVED) disjoint inserted spans, at most
    MAX_CANDIDATES in all; each with and without its last NL (the agent
    adds one to output that lacks it)."""
    yield region
    if region.endswith("\n"):
        yield region[:-1]
    spans = _spans(region)
    tried = 0
    for k in range(1, min(len(spans), MAX_REMOVED) + 1):
        for chosen in itertools.combinations(spans, k):
            if any(a[1] > b[0] for a, b in zip(chosen, chosen[1:])):
                continue          # overlapping removals
            tried += 1
            if tried > MAX_CANDIDATES:
                return
            text, at = [], 0
            for s, e in chosen:
                text.append(region[at:s])
                at = e
            text.append(region[at:])
            out = "".join(text)
            yield out
            if out.endswith("\n"):
                yield out[:-1]


def recover_output(region, digest):
    """The command output within console text REGION (CRs removed; from
    after ``AGENT-BEGIN NONCE\\n`` to the result line) whose SHA-256 is
    DIGEST, or None when no candidate matches."""
    for out in _candidates(region):
        if output_digest(out) == digest:
            return out
    return None


class Agent:
    """The test agent on MACHINE (a booted harness.machine.Machine)."""

    def __init__(self, machine, key=None):
        self.machine = machine
        self.key = key or secrets.token_bytes(KEY_BYTES)
        self.used = set()
        self.last = None
        self.started = False

    def start(self, timeout=60, wait_prompt=True):
        """Start the agent at the shell prompt and hand it the key.
        Returns self. Raises IntegrityError when the agent does not prove
        it got the key or the key shows on the console."""
        m = self.machine
        if wait_prompt:
            Shell(m).wait_prompt(timeout)
        challenge = secrets.token_hex(NONCE_BYTES)
        m.sendline("testagent " + challenge)
        # Only the agent's prompt for this challenge, after echo is off.
        m.expect(r"AGENT KEY %s\r*\n" % challenge, timeout)
        m.sendline(self.key.hex())
        want = tag(self.key, "ready", challenge)
        pattern = r"AGENT READY %s ([0-9a-f]{64})\r*\n" % challenge
        try:
            while True:
                m.expect(pattern, timeout)
                if hmac.compare_digest(m.console.match.group(1), want):
                    break
        except TimeoutError as e:
            raise IntegrityError("the test agent did not prove it holds "
                                 "the key: %s" % e) from None
        if self.key.hex() in m.console_text():
            raise IntegrityError("the agent's key was shown on the console")
        self.started = True
        return self

    def run(self, command, timeout=30):
        """Run COMMAND in the guest through the agent; return (output,
        status, verified) as described in the module's docstring. Waits
        up to TIMEOUT seconds (scaled) for a result line that verifies;
        lines that do not verify are recorded and skipped."""
        if not self.started:
            raise RuntimeError("Agent.start() first")
        if "\n" in command or "\r" in command:
            raise ValueError("one line per command")
        m = self.machine
        nonce = secrets.token_hex(NONCE_BYTES)
        since = len(m.console_text())
        m.sendline("%s %s" % (nonce, command))
        rejected = []
        status = digest = line = None
        try:
            while status is None:
                m.expect(r"AGENT [^\r\n]*\r*\n", timeout)
                text = m.console.match.group(0).rstrip("\r\n")
                if not re.match(r"AGENT [0-9a-f]+ ", text):
                    continue         # AGENT KEY/READY/ERROR/BYE
                try:
                    status, digest = verify_line(self.key, text, nonce,
                                                 command, self.used)
                    line = text
                except ValueError as e:
                    rejected.append((text, str(e)))
        except TimeoutError:
            pass
        output, verified = "", False
        if status is not None:
            self.used.add(nonce)
            console = m.console_text()[since:]
            end = console.rfind(line)
            begin_marker = "AGENT-BEGIN %s\n" % nonce
            starts = [i.end() for i in re.finditer(re.escape(begin_marker),
                                                   console[:end])]
            for start in reversed(starts):
                found = recover_output(console[start:end], digest)
                if found is not None:
                    output, verified = found, True
                    break
        self.last = AgentResult(command, nonce, output, status, verified,
                                rejected, line)
        return output, (status if status is not None else None), verified

    def stop(self, timeout=30):
        """End the agent (end of file on its input): it restores echo and
        exits, and the shell prompts again."""
        if not self.started:
            return
        self.machine.send("\x04")
        self.machine.expect(r"AGENT BYE\r*\n", timeout)
        self.started = False
