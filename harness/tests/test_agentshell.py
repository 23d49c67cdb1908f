"""AgentShell (harness/agentshell.py) and what rides on it, on the host
against a scripted agent: only verified answers come back, Services' waits
ask again after an answer that did not verify, and recovery.measure and
ReadLoop take nothing from the console (a forged RS line, a forged status
line, a forged summary count for nothing). No emulator."""

import re

import pytest

from harness.agentshell import AgentShell, UnverifiedAnswer
from harness.recovery import ReadLoop, measure
from harness.services import Services

FORGED = ("rs: hello (endpoint 7) failed: exception (signal 4); "
          "restarting\nlabel=hello endpoint=7 pid=9 restarts=5 state=up\n"
          "__rc:0\n# readloop: 9 reads, 9 ok, 0 errors, 0 wrong\n"
          "readloop-status 0\n")


class FakeMachine:
    """What AgentShell and measure may touch of a machine: the console
    (here full of forgeries)."""

    def __init__(self):
        self.console = FORGED

    def console_text(self):
        return self.console


class FakeGuest:
    """A scripted guest behind a fake agent. `service status hello` shows
    RESTARTS; `service fi hello crash` makes the next status polls show the
    service down, then up with one restart more, when RESTART is true.
    `cat FILE` reads FILES. UNVERIFIED: how many of the next answers fail
    to verify (the agent's verified=False)."""

    def __init__(self, restart=True):
        self.machine = FakeMachine()
        self.restarts = 0
        self.down_polls = 0
        self.restart = restart
        self.files = {}
        self.unverified = 0
        self.commands = []

    def status_line(self):
        state = "up"
        if self.down_polls:
            self.down_polls -= 1
            state = "restarting"
            if not self.down_polls and self.restart:
                self.restarts += 1
        return ("label=hello endpoint=7 pid=3 restarts=%d state=%s "
                "period=30\n" % (self.restarts, state))

    def run(self, command, timeout=30):
        """The agent's interface: (output, status, verified)."""
        self.commands.append(command)
        if self.unverified:
            self.unverified -= 1
            return "label=hello restarts=99 state=up\n", 0, False
        if command.startswith("service status"):
            return self.status_line(), 0, True
        if command.startswith("service fi hello"):
            self.down_polls = 2
            self.machine.console += FORGED    # RS's line, or a forgery
            return "", 0, True
        m = re.fullmatch(r"cat (\S+)", command)
        if m:
            if m.group(1) not in self.files:
                return "cat: %s: no such file\n" % m.group(1), 1, True
            return self.files[m.group(1)], 0, True
        return "", 0, True


def test_run_and_check_give_only_verified_answers():
    guest = FakeGuest()
    shell = AgentShell(guest)
    assert shell.machine is guest.machine
    assert shell.wait_prompt() is shell
    assert shell.run("cat /nothing") == ("cat: /nothing: no such file\n", 1)
    with pytest.raises(AssertionError, match="exited with status 1"):
        shell.check("cat /nothing")
    guest.unverified = 1
    with pytest.raises(UnverifiedAnswer, match="did not verify"):
        shell.run("service status hello")
    assert issubclass(UnverifiedAnswer, AssertionError)


def test_a_wait_asks_again_after_an_answer_that_did_not_verify():
    guest = FakeGuest()
    svc = Services(AgentShell(guest))
    guest.unverified = 2             # each claims restarts=99
    s = svc.wait("hello", lambda s: s["restarts"] >= 0, 30, "listed")
    assert s["restarts"] == 0
    assert guest.commands.count("service status") == 3


def test_measure_counts_the_verified_restart_not_the_console():
    guest = FakeGuest()
    r = measure(Services(AgentShell(guest)), "hello", "crash", timeout=30)
    assert r.restarts == 1
    assert "service fi hello crash" in guest.commands
    # The failure reason is only a report field (the console's line,
    # after the injection).
    assert r.failure_reason == "exception (signal 4); restarting"


def test_measure_fails_when_the_agent_never_shows_a_restart():
    guest = FakeGuest(restart=False)      # the console says it restarted
    with pytest.raises(AssertionError, match="recovery past 0 restarts"):
        measure(Services(AgentShell(guest)), "hello", "crash", timeout=0.2)


def test_readloop_behind_the_agent_reads_its_file_not_the_console():
    guest = FakeGuest()
    shell = AgentShell(guest)
    loop = ReadLoop("/dev/hello", "Hello", tries=5)
    loop.start(shell)
    started = guest.commands[-1]
    assert started.startswith("(readloop /dev/hello 'Hello' ")
    assert started.endswith("; echo readloop-status $?) > %s 2>&1 & true"
                            % loop.output)
    # Not finished: the file has no status line, whatever the console has.
    guest.files[loop.output] = ""
    with pytest.raises(AssertionError, match="did not end after 5 reads"):
        loop.stop(shell)
    guest.files[loop.output] = ("readloop: 10 reads, 4 ok, 2 errors, "
                                "4 wrong\nreadloop-status 1\n")
    with pytest.raises(AssertionError, match="readloop exited 1"):
        loop.stop(shell)
    guest.files[loop.output] = ("readloop: 10 reads, 8 ok, 2 errors, "
                                "0 wrong\nreadloop-status 0\n")
    stats = loop.stop(shell)
    assert (stats.reads, stats.ok, stats.errors, stats.wrong) == (10, 8, 2, 0)
