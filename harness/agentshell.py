"""The trusted test agent behind the interface of harness.shell.Shell.

``AgentShell(agent)`` (an ``harness.agent.Agent`` already started) runs
command lines through the agent: ``run(line, timeout)`` -> (output,
status) and ``check(line, timeout)`` -> output, like ``Shell``, so that
``harness.services.Services(AgentShell(agent))`` and
``harness.recovery.measure`` work unchanged. Only verified answers come
back: an answer whose result line does not verify raises
:class:`UnverifiedAnswer` (an AssertionError: the guest's fault, the test
fails), whatever the console says.

Differences from ``Shell`` a test must know:

- each line runs in its own ``/bin/sh -c`` (stdin /dev/null): ``wait``
  cannot wait for a background job of an earlier line. A background job
  must send its stdout *and* stderr elsewhere (``CMD > FILE 2>&1 &``), or
  the agent waits for it to end (it reads the command's output until
  every writer is gone); its result is read back from FILE;
- nothing here reads the console: ``machine`` is there for what the
  harness owns (``parallel_output()``) and for waits that only
  synchronise, never for what counts.
"""

from harness.agent import Agent
from harness.shell import Shell


class UnverifiedAnswer(AssertionError):
    """The agent's answer to a command did not verify (no result line for
    its nonce whose tag checks, or output that could not be recovered):
    the command counts as failed. Polls of an idempotent command (e.g.
    ``Services.wait``) may ask again."""

    def __init__(self, line, result=None):
        rejected = getattr(result, "rejected", None) or []
        why = "; ".join("%s (%s)" % (reason, text[:60])
                        for text, reason in rejected[:3])
        super().__init__("the test agent's answer to %r did not verify%s"
                         % (line, ": " + why if why else ""))
        self.line = line
        self.result = result


class AgentShell(Shell):
    """Command lines run through AGENT (started) on MACHINE (default: the
    agent's); see the module's docstring. Only the agent's public API is
    used: run(command, timeout) -> (output, status, verified). ``check``
    is Shell's, over this run()."""

    trusted = True           # harness.recovery and ReadLoop look at this

    def __init__(self, agent, machine=None):
        self.agent = agent
        self.machine = machine if machine is not None else agent.machine

    @classmethod
    def on(cls, machine):
        """Start the test agent on MACHINE (booted, at the shell's prompt)
        and return an AgentShell on it."""
        return cls(Agent(machine).start(), machine)

    def wait_prompt(self, timeout=None):
        """Nothing to wait for: the agent answers each command (the shell's
        prompt is the agent's parent, waiting). Returns self, like
        Shell.wait_prompt."""
        return self

    def run(self, line, timeout=30):
        """Run command LINE through the agent; return (output, status),
        both authenticated. Raises UnverifiedAnswer when the answer does
        not verify."""
        output, status, verified = self.agent.run(line, timeout)
        if not verified:
            raise UnverifiedAnswer(line, getattr(self.agent, "last", None))
        return output, status
