"""Issue 7, integrity: a driver that prints pass markers and AGENT-looking
result lines (os/tests/services/forger) cannot make a failing command pass
a check that relies on the test agent's verdict, and a command that
succeeds still verifies. The agent answers on a channel of its own
(COM3, /dev/agent): its answers never show on the console, no other
process can open the channel while it runs, commands do not inherit it,
and a driver flooding the console (os/tests/services/flooder) cannot make
a correct answer fail to verify; nothing on the console is even looked
at."""

import re

import pytest

from harness.agent import Agent, IntegrityError
from harness.integrity import score
from harness.shell import Shell


def test_the_agent_runs_commands_with_verified_results(agent):
    out, status, verified = agent.run("echo one; echo two")
    assert (out, status, verified) == ("one\ntwo\n", 0, True)
    out, status, verified = agent.run("false")
    assert (status, verified) == (1, True)
    out, status, verified = agent.run("cat /no/such/file")
    assert status == 1 and verified
    assert "No such file" in out
    # Never echoed: the key and the commands typed after it.
    text = agent.machine.console_text()
    assert agent.key.hex() not in text
    assert "echo one; echo two" not in text


@pytest.mark.emulators("qemu", "bochs")
def test_the_answers_arrive_on_the_channel_and_none_on_the_console(agent):
    out, status, verified = agent.run("echo on-the-channel")
    assert (out, status, verified) == ("on-the-channel\n", 0, True)
    channel = agent.machine.agent_channel.text()
    assert "AGENT READY " in channel and agent.last.line in channel
    assert "on-the-channel" in channel
    console = agent.machine.console_text()
    assert "testagent " in console          # started at the shell
    for text in ("AGENT KEY", "AGENT READY", "AGENT-BEGIN", agent.last.line,
                 "on-the-channel", agent.key.hex()):
        assert text not in console
    # The key went out on the channel with echo off: never shown there.
    assert agent.key.hex() not in channel


@pytest.mark.emulators("qemu", "bochs")
def test_the_channel_is_exclusive_and_never_inherited(agent):
    out, status, verified = agent.run("cat /dev/agent")
    assert (status, verified) == (1, True)
    assert "busy" in out
    out, status, verified = agent.run("echo hijack > /dev/agent")
    assert (status, verified) == (1, True) and "busy" in out
    # The agent's descriptor 3 is its channel: a command has no such
    # descriptor (close-on-exec, and closed before exec).
    out, status, verified = agent.run("echo leaked 1>&3")
    assert verified and status != 0, out
    assert "leaked" not in agent.machine.agent_channel.text()


def test_a_forging_driver_scores_zero(agent):
    m = agent.machine
    _, status, verified = agent.run("true")
    assert (status, verified) == (0, True)
    genuine = agent.last.line
    _, nonce, _, _, tag = genuine.split()
    out, status, verified = agent.run(
        'service up /usr/tests/forger -args "%s %s"' % (nonce, tag))
    assert (status, verified) == (0, True), out
    # The console and the agent's channel are two lines: what the forger
    # printed on the console may come in after the answer.
    tries = 0
    while "forger: started" not in m.console_text():
        assert tries < 100, "forger: started never came on the console"
        assert score(agent, "true", 10) == 10
        tries += 1
    since = len(m.console_text())
    # A failing command: its check scores 0 despite the forged lines...
    assert score(agent, "false", 10) == 0
    # ...which were there to fool a naive grader (the forger prints every
    # 10 ticks; the next command's result is waited for until they show).
    assert score(agent, "true", 10) == 10
    while not all(s in m.console_text()[since:]
                  for s in ("PASS\n", "__rc:0", genuine)):
        assert score(agent, "true", 10) == 10
    # A command that succeeds still verifies, output and all, with the
    # forger and hello printing on the console meanwhile.
    assert score(agent, "true", 10) == 10
    out, status, verified = agent.run("cat /dev/hello")
    assert (status, verified) == (0, True), agent.last
    assert out == "Hello, World!\n"
    # The forger's AGENT lines were seen and rejected, never accepted.
    assert re.search(r"AGENT [0-9a-f]+ 0 ", m.console_text()[since:])
    out, status, verified = agent.run("service down forger")
    assert (status, verified) == (0, True), out


# QEMU only: Bochs sends the console at its baud rate, and a driver that
# prints more each tick than the line carries keeps the kernel printing
# (by polling) all the time, starving user processes, the agent too.
@pytest.mark.emulators("qemu")
def test_a_console_flood_cannot_spoil_an_answer(agent):
    """While flooder bursts forged protocol lines, pass markers and filler
    on the console every tick, every command verifies with its exact
    output, and no console line is even parsed (nothing rejected)."""
    m = agent.machine
    out, status, verified = agent.run("service up /usr/tests/flooder")
    assert (status, verified) == (0, True), out
    n = 0
    # Commands go on until the console shows 20 bursts after the start.
    while len(re.findall(r"flooder: burst \d+\n", m.console_text())) < 20:
        assert n < 2000, "the flooder did not print its bursts"
        out, status, verified = agent.run("echo check %d; cat /dev/hello"
                                          % n)
        assert (out, status, verified) == \
            ("check %d\nHello, World!\n" % n, 0, True), agent.last
        assert agent.last.rejected == []
        n += 1
    _, status, verified = agent.run("false")
    assert (status, verified) == (1, True)
    assert re.search(r"AGENT-BEGIN [0-9a-f]+\n", m.console_text())
    out, status, verified = agent.run("service down flooder")
    assert (status, verified) == (0, True), out
    assert "flooder" not in m.agent_channel.text().replace(
        "service up /usr/tests/flooder", "")


@pytest.mark.emulators("qemu")           # QemuMachine(agent_line=False)
def test_without_the_uart_the_channel_is_absent(boot):
    """A machine without COM3: /dev/agent fails with ENXIO (the agent
    says so on the console), the console works as ever, and Agent.start
    refuses (IntegrityError)."""
    m = boot(agent_line=False)
    Shell(m).wait_prompt()
    assert "tty: no UART at COM3: /dev/agent is absent" in m.console_text()
    out, status = m.run("cat /dev/agent")
    assert status == 1 and "No such device or address" in out, out
    m.sendline("testagent 0123456789abcdef")
    m.expect(r"testagent: cannot open /dev/agent: No such device or "
             r"address\r*\n")
    with pytest.raises(IntegrityError):
        Agent(m).start()
