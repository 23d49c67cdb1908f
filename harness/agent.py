"""The trusted in-guest test agent, driven from the harness over a serial
channel of its own, and the verification of its answers.

``Agent(machine).start()`` types ``testagent CHALLENGE`` at the guest's
shell prompt on the console. The agent opens ``/dev/agent`` (COM3: a UART
only one process may have open, which no driver can write on, never shown
on the console; ``machine.agent_channel`` on the host side, see
harness/channel.py), turns echo off there and asks for the key (``AGENT
KEY CHALLENGE``); the harness sends the run's key (random, drawn here) on
the channel and checks the agent's proof that it holds it (``AGENT READY
CHALLENGE TAG``). ``agent.run(cmd)`` sends ``NONCE CMD`` on the channel
with a fresh random nonce and returns ``(output, status, verified)``:

- ``verified`` is True only when, after ``AGENT-BEGIN NONCE``, a result
  line ``AGENT NONCE STATUS DIGEST TAG`` for this very nonce came back on
  the channel whose TAG is HMAC-SHA256(key, "NONCE|STATUS|DIGEST|CMD")
  and whose DIGEST is the SHA-256 of ``output``, the exact text between
  the two lines. Then ``status`` and ``output`` are what the command
  really gave.
- Otherwise (no such line in time, a digest that does not match) it is
  False and ``status`` is None or (digest mismatch) authenticated but
  with unauthenticated output: a graded check must then treat the command
  as failed, whatever the console says. ``agent.last`` (an AgentResult)
  keeps the details: the result-looking lines rejected and why.

Nothing printed on the console is ever read as an answer: the console may
carry any flood of driver text, forged AGENT lines, pass markers; the
answer's lines arrive only on the channel, whole and in order. The HMAC
and the nonces stay (defense in depth: a forged line on the channel would
not verify either, and a command's own output may print AGENT lines).

``Agent(machine, device=PATH)`` runs ``testagent -d PATH CHALLENGE``
instead (the host tests: the agent on a pseudo-terminal).

Pure verification (``verify_line``, ``parse_answer``) needs no machine:
host unit tests cover it (harness/tests/test_agent.py).
"""

import hashlib
import hmac
import os
import re
import secrets
from collections import namedtuple

from harness.shell import Shell

KEY_BYTES = 32
NONCE_BYTES = 16
MAX_OUTPUT = 8 << 20     # characters of one command's output kept at most
RESULT_RE = re.compile(r"AGENT [0-9a-f]+ ")
# In a machine's workdir: the commands whose answer did not verify or
# came with rejected lines, and why (kept with the artifacts).
REJECTED_FILE = "agent-rejected.txt"

AgentResult = namedtuple(
    "AgentResult", "command nonce output status verified rejected line")
AgentResult.__doc__ = """One command's outcome. ``status`` is the
authenticated status (None when no line verified); ``verified`` as in
Agent.run; ``rejected``: (line, reason) for every result-looking line on
the channel for this command that did not verify (lines the command
printed itself, or stale ones); ``line``: the result line accepted."""


class IntegrityError(AssertionError):
    """The agent could not be set up so that its results can be trusted
    (no channel, no key proof, the key shown). Nothing the guest says
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
    command wrote)."""
    return hashlib.sha256(output.encode("utf-8", "surrogateescape")
                          ).hexdigest()


def parse_answer(key, next_line, nonce, command, used=()):
    """Read one command's answer with NEXT_LINE() (the channel's next line,
    CR NL removed; raises TimeoutError when none comes in time) and check
    it. Returns an AgentResult: the output is exactly the lines between
    ``AGENT-BEGIN NONCE`` and the first result line that verifies for
    NONCE and COMMAND (without the NL the agent adds to output that lacks
    one, when the digest says so). Result-looking lines that do not verify
    are recorded in ``rejected`` (inside the output they stay output).
    A timeout gives ``status`` None, ``verified`` False."""
    rejected, lines, size = [], [], 0
    begun = False
    status = digest = accepted = None
    try:
        while status is None:
            line = next_line()
            if not begun:
                begun = line == "AGENT-BEGIN " + nonce
                if not begun and RESULT_RE.match(line):
                    rejected.append((line, _reason(key, line, nonce,
                                                   command, used)))
                continue
            if RESULT_RE.match(line):
                try:
                    status, digest = verify_line(key, line, nonce, command,
                                                 used)
                    accepted = line
                    break
                except ValueError as e:
                    rejected.append((line, str(e)))
            size += len(line) + 1
            if size <= MAX_OUTPUT:
                lines.append(line)
    except TimeoutError:
        pass
    output, verified = "", False
    if status is not None and size <= MAX_OUTPUT:
        text = "".join(line + "\n" for line in lines)
        for candidate in (text, text[:-1]):
            if output_digest(candidate) == digest:
                output, verified = candidate, True
                break
    return AgentResult(command, nonce, output, status, verified, rejected,
                       accepted)


def _reason(key, line, nonce, command, used):
    try:
        verify_line(key, line, nonce, command, used)
    except ValueError as e:
        return str(e)
    return "before AGENT-BEGIN"


class Agent:
    """The test agent on MACHINE (a booted harness.machine.Machine, whose
    ``agent_channel`` carries the protocol); DEVICE: the agent's channel
    in the guest when not /dev/agent."""

    def __init__(self, machine, key=None, device=None):
        self.machine = machine
        self.key = key or secrets.token_bytes(KEY_BYTES)
        self.device = device
        self.used = set()
        self.last = None
        self.started = False

    @property
    def channel(self):
        return self.machine.agent_channel

    def start(self, timeout=60, wait_prompt=True):
        """Start the agent at the shell prompt and hand it the key over
        its channel. Returns self. Raises IntegrityError when the agent
        does not answer on its channel, does not prove it got the key, or
        the key shows on the console or the channel."""
        m, ch = self.machine, self.channel
        if ch is None:
            raise IntegrityError("this machine has no channel for the test "
                                 "agent (no COM3)")
        if wait_prompt:
            Shell(m).wait_prompt(timeout)
        ch.open()
        challenge = secrets.token_hex(NONCE_BYTES)
        device = "-d %s " % self.device if self.device else ""
        m.sendline("testagent %s%s" % (device, challenge))
        try:
            self._await(lambda line: line == "AGENT KEY " + challenge,
                        timeout)
        except TimeoutError as e:
            raise IntegrityError("the test agent did not ask for the key on "
                                 "its channel: %s" % e) from None
        ch.sendline(self.key.hex())
        want = "AGENT READY %s %s" % (challenge,
                                      tag(self.key, "ready", challenge))
        try:
            self._await(lambda line: hmac.compare_digest(line, want),
                        timeout)
        except TimeoutError as e:
            raise IntegrityError("the test agent did not prove it holds "
                                 "the key: %s" % e) from None
        if self.key.hex() in m.console_text() or \
                self.key.hex() in ch.text():
            raise IntegrityError("the agent's key was shown")
        # The agent runs in the console shell's foreground: a wait for the
        # prompt now says so (harness.machine.PromptConsumed).
        m.console_busy = ("the test agent (`testagent`, started by "
                          "Agent.start; it gives the shell back at "
                          "agent.stop())")
        self.started = True
        return self

    def _await(self, wanted, timeout):
        """Read channel lines until WANTED(line); TimeoutError if none."""
        while not wanted(self.channel.readline(timeout)):
            pass

    def run(self, command, timeout=30):
        """Run COMMAND in the guest through the agent; return (output,
        status, verified) as described in the module's docstring. Waits
        up to TIMEOUT seconds (scaled; per line) for the answer."""
        if not self.started:
            raise RuntimeError("Agent.start() first")
        if "\n" in command or "\r" in command:
            raise ValueError("one line per command")
        nonce = secrets.token_hex(NONCE_BYTES)
        self.channel.sendline("%s %s" % (nonce, command))
        result = parse_answer(self.key,
                              lambda: self.channel.readline(timeout),
                              nonce, command, self.used)
        if result.status is not None:
            self.used.add(nonce)
        self.last = result
        if result.rejected or not result.verified:
            self._note(result)
        return result.output, result.status, result.verified

    def _note(self, result):
        """Keep why RESULT did not verify (or what was rejected) with the
        machine's artifacts (REJECTED_FILE in its workdir)."""
        workdir = getattr(self.machine, "workdir", None)
        if workdir:
            with open(os.path.join(workdir, REJECTED_FILE), "a") as f:
                f.write("%s %r: status %s, verified %s, rejected %r\n"
                        % (result.nonce, result.command, result.status,
                           result.verified, result.rejected))

    def stop(self, timeout=30):
        """End the agent (end of file on its channel): it restores the
        channel's settings and exits, and the shell prompts again."""
        if not self.started:
            return
        self.channel.send("\x04")
        self._await(lambda line: line == "AGENT BYE", timeout)
        self.machine.console_busy = None
        self.started = False
