"""Issue 7, integrity: a driver that prints pass markers and AGENT-looking
result lines (os/tests/services/forger) cannot make a failing command pass
a check that relies on the test agent's verdict, and a command that
succeeds still verifies."""

import re

from harness.integrity import score


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


def test_a_forging_driver_scores_zero(agent):
    m = agent.machine
    _, status, verified = agent.run("true")
    assert (status, verified) == (0, True)
    genuine = agent.last.line
    _, nonce, _, _, tag = genuine.split()
    out, status, verified = agent.run(
        'service up /usr/tests/forger -args "%s %s"' % (nonce, tag))
    assert (status, verified) == (0, True), out
    assert "forger: started" in m.console_text()
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
