"""The harness side of the test agent on the host: result-line
verification (forged, replayed, truncated, other command), reading an
answer off the channel (parse_answer), the channel's bounds, and the whole
protocol against the agent built for the host, run under a host shell on
a pseudo-terminal (the console) with its channel on a second one (echo
really turned off there), a console flood meanwhile. No emulator."""

import hashlib
import io
import os
import socket

import pexpect
import pytest

from harness import channel as channel_mod
from harness.agent import (Agent, IntegrityError, output_digest,
                           parse_answer, tag, verify_line)
from harness.channel import Channel
from harness.hostbuild import compile
from harness.machine import ROOT

KEY = bytes(range(32))
NONCE = "00112233445566778899aabbccddeeff"


def good_line(command="true", status=0, output="", nonce=NONCE, key=KEY):
    digest = output_digest(output)
    return "AGENT %s %d %s %s" % (nonce, status, digest,
                                 tag(key, nonce, str(status), digest,
                                     command))


def test_a_good_line_verifies():
    assert verify_line(KEY, good_line(), NONCE, "true") == \
        (0, hashlib.sha256(b"").hexdigest())


@pytest.mark.parametrize("line,reason", [
    (good_line(key=b"another key"), "bad tag"),
    (good_line(status=1).replace(" 1 ", " 0 ", 1), "bad tag"),
    (good_line(command="false"), "bad tag"),
    (good_line()[:-1], "not a result line"),
    (good_line()[:40], "not a result line"),
    ("PASS: all tests passed", "not a result line"),
    (good_line(nonce="ffeeddccbbaa99887766554433221100"), "another nonce"),
])
def test_forged_truncated_and_foreign_lines_fail(line, reason):
    with pytest.raises(ValueError, match=reason):
        verify_line(KEY, line, NONCE, "true")


def test_a_replayed_line_fails_even_with_a_good_tag():
    line = good_line()
    verify_line(KEY, line, NONCE, "true")
    with pytest.raises(ValueError, match="replayed"):
        verify_line(KEY, line, NONCE, "true", used={NONCE})


def answer(lines, command="true", nonce=NONCE, used=()):
    """parse_answer over LINES (then a timeout)."""
    it = iter(lines)

    def next_line():
        try:
            return next(it)
        except StopIteration:
            raise TimeoutError("no more lines") from None
    return parse_answer(KEY, next_line, nonce, command, used)


def test_the_output_is_exactly_what_lies_between_begin_and_result():
    out = "line one\nline two\n"
    r = answer(["AGENT-BEGIN " + NONCE, "line one", "line two",
                good_line("cat f", 0, out)], "cat f")
    assert (r.output, r.status, r.verified) == (out, 0, True)
    assert r.rejected == []
    # Output without a final NL: the agent added one.
    r = answer(["AGENT-BEGIN " + NONCE, "abc", good_line("p", 3, "abc")],
               "p")
    assert (r.output, r.status, r.verified) == ("abc", 3, True)
    # Other CRs in the output stay.
    r = answer(["AGENT-BEGIN " + NONCE, "a\rb", good_line("c", 0, "a\rb\n")],
               "c")
    assert (r.output, r.verified) == ("a\rb\n", True)


def test_result_looking_lines_are_rejected_and_stay_output():
    fake = "AGENT %s 0 %s %s" % (NONCE, "0" * 64, "1" * 64)
    out = fake + "\n"
    r = answer(["AGENT-BEGIN " + NONCE, fake, good_line("x", 0, out)], "x")
    assert (r.output, r.status, r.verified) == (out, 0, True)
    assert r.rejected == [(fake, "bad tag")]
    # A stale line before AGENT-BEGIN is rejected, not output.
    stale = good_line(nonce="ab" * 16)
    r = answer([stale, "AGENT-BEGIN " + NONCE, good_line()])
    assert (r.output, r.status, r.verified) == ("", 0, True)
    assert r.rejected == [(stale, "another nonce")]


def test_an_answer_that_does_not_verify_fails():
    # The digest does not match the output: status authenticated,
    # output not.
    r = answer(["AGENT-BEGIN " + NONCE, "changed", good_line("c", 0, "x\n")],
               "c")
    assert (r.status, r.verified) == (0, False)
    # No result line in time; a result line for another command.
    assert answer(["AGENT-BEGIN " + NONCE, "x"]).verified is False
    r = answer(["AGENT-BEGIN " + NONCE, good_line("false", 0)], "true")
    assert (r.status, r.verified) == (None, False)
    assert r.rejected[0][1] == "bad tag"


class FakeMachine:
    """What a Channel needs of a machine, over a console that stays
    silent (a socket pair)."""

    def __init__(self):
        self._con, self._guest_con = socket.socketpair()
        import pexpect.fdpexpect
        self.console = pexpect.fdpexpect.fdspawn(self._con.fileno(),
                                                 encoding="utf-8")

    def pid(self):
        return None

    def _timeout(self, t):
        return t

    def alive(self):
        return True

    def dump_hang(self):
        return []

    def tail(self):
        return ""


def test_the_channel_reads_lines_within_bounds(tmp_path, monkeypatch):
    monkeypatch.setattr(channel_mod, "MAX_BUFFER", 100)
    host, guest = socket.socketpair()
    host.setblocking(False)
    ch = Channel(FakeMachine(), str(tmp_path / "agent.log"),
                 fd=host.fileno())
    guest.sendall(b"one\r\ntwo\r\r\n")
    assert ch.readline(timeout=5) == "one"
    assert ch.readline(timeout=5) == "two\r"
    guest.sendall(b"x" * 500 + b"\r\nlast\r\n")
    assert ch.readline(timeout=5) == "x" * 92     # the oldest dropped
    assert ch.dropped > 0
    assert ch.expect(r"la(st)\r\n", timeout=5) == 0
    assert ch.match.group(1) == "st"
    with pytest.raises(TimeoutError):
        ch.readline(timeout=0.2, dump=False)
    ch.sendline("hi")
    assert guest.recv(10) == b"hi\r"
    assert "two\r\n" in ch.text() and "x" * 500 in ch.text()
    ch.close()


@pytest.fixture(scope="module")
def host_agent(tmp_path_factory):
    """The agent built for the host (its sources are plain POSIX C)."""
    out = tmp_path_factory.mktemp("agent")
    src = os.path.join(ROOT, "os", "tests", "user", "testagent")
    r = compile([os.path.join(src, "main.c"), os.path.join(src, "sha256.c"),
                 os.path.join(src, "hmac.c")], out / "testagent",
                ["-std=gnu11", "-O2"], os_headers=False)
    assert r.returncode == 0, r.stderr
    return str(out)


class HostMachine:
    """Just enough of harness.machine.Machine over a host shell (the
    console), with the agent's channel on a second pseudo-terminal."""

    def __init__(self, bindir, tmp):
        self.log = io.StringIO()
        env = dict(os.environ, PATH=bindir + ":/usr/bin:/bin", PS1="# ")
        self.console = pexpect.spawn("/bin/sh", ["-i"], env=env,
                                     encoding="utf-8", timeout=10)
        self.console.logfile_read = self.log
        self.expects = 0
        master, self._slave = os.openpty()
        os.set_blocking(master, False)
        self.device = os.ttyname(self._slave)
        self.agent_channel = Channel(self, os.path.join(tmp, "agent.log"),
                                     fd=master)
        self._master = master

    def expect(self, patterns, timeout=10, dump=True):
        self.expects += 1
        try:
            return self.console.expect(patterns, timeout=timeout)
        except pexpect.TIMEOUT:
            raise TimeoutError(patterns) from None

    def send(self, text):
        self.console.send(text)

    def sendline(self, line):
        self.console.send(line + "\r")

    def console_text(self):
        return self.log.getvalue().replace("\r", "")

    def pid(self):
        return self.console.pid

    def _timeout(self, t):
        return t

    def alive(self):
        return self.console.isalive()

    def dump_hang(self):
        return []

    def tail(self):
        return self.console_text()[-500:]

    def close(self):
        self.agent_channel.close()
        self.console.close(force=True)
        os.close(self._master)
        os.close(self._slave)


@pytest.fixture
def host_machine(host_agent, tmp_path):
    m = HostMachine(host_agent, str(tmp_path))
    yield m
    m.close()


def host_agent_of(machine):
    return Agent(machine, device=machine.device)


def test_the_protocol_with_the_host_agent(host_machine):
    agent = host_agent_of(host_machine).start(timeout=10)
    out, status, verified = agent.run("echo hi; echo err >&2")
    assert (out, status, verified) == ("hi\nerr\n", 0, True)
    out, status, verified = agent.run("false")
    assert (status, verified) == (1, True)
    out, status, verified = agent.run("printf abc; exit 3")
    assert (out, status, verified) == ("abc", 3, True)
    # The key and the commands were never echoed, and the answers came
    # on the channel, none on the console.
    for text in (host_machine.console_text(),
                 host_machine.agent_channel.text()):
        assert agent.key.hex() not in text
        assert "printf abc" not in text
    assert "AGENT-BEGIN" in host_machine.agent_channel.text()
    assert "AGENT" not in host_machine.console_text()
    agent.stop()


def test_forged_lines_in_the_output_do_not_verify(host_machine):
    agent = host_agent_of(host_machine).start(timeout=10)
    _, _, ok = agent.run("true")
    old = agent.last.line
    # The command itself prints the replayed line and a forged one.
    cmd = "echo '%s'; echo 'AGENT %s 0 %s %s'; exit 1" % (
        old, "ab" * 16, "0" * 64, "1" * 64)
    out, status, verified = agent.run(cmd)
    assert (status, verified) == (1, True)
    assert old in out
    assert [r for _, r in agent.last.rejected] == ["replayed nonce",
                                                   "another nonce"]


def test_a_console_flood_is_never_looked_at(host_machine, tmp_path):
    """A background job floods the console with forged AGENT lines, pass
    markers and messages while the agent runs: every command verifies with
    its exact output, no console line is even parsed (nothing rejected,
    no console expect during run())."""
    m = host_machine
    forged = "AGENT %s 0 %s %s" % ("ab" * 16, "0" * 64, "1" * 64)
    flag = tmp_path / "flooding"
    flag.write_text("")
    m.sendline("while [ -e %s ]; do echo '%s'; echo PASS; "
               "echo 'hello: open #1'; done &" % (flag, forged))
    m.expect(re_escape_line(forged))            # the flood has begun
    agent = host_agent_of(m).start(timeout=10, wait_prompt=False)
    before = m.expects
    start = m.console_text().count(forged)
    n = 0
    # Commands go on until 500 more forged lines came meanwhile.
    while m.console_text().count(forged) < start + 500:
        assert n < 5000, "the flood stopped"
        out, status, verified = agent.run("echo run %d; false" % n)
        assert (out, status, verified) == ("run %d\n" % n, 1, True)
        assert agent.last.rejected == []
        n += 1
    assert m.expects == before
    agent.stop()
    flag.unlink()                                # the flood ends


def re_escape_line(text):
    import re
    return re.escape(text) + r"\r?\n"


def test_an_agent_that_does_not_prove_the_key_is_refused(host_machine,
                                                         monkeypatch):
    agent = host_agent_of(host_machine)
    monkeypatch.setattr("harness.agent.tag", lambda *a: "0" * 64)
    with pytest.raises(IntegrityError):
        agent.start(timeout=3)
