"""The harness side of the test agent on the host: result-line
verification (forged, replayed, truncated, other command), output recovery
around inserted console messages, and the whole protocol against the agent
built for the host and run under a host shell on a pseudo-terminal (echo
really turned off). No emulator."""

import hashlib
import io
import os
import subprocess

import pexpect
import pytest

from harness.agent import (Agent, IntegrityError, output_digest,
                           recover_output, tag, verify_line)
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


def test_output_is_recovered_around_inserted_messages():
    out = "line one\nline two\n"
    d = output_digest(out)
    assert recover_output(out, d) == out
    assert recover_output("line one\nhello: open #1\nline two\n", d) == out
    # Inside a line, and two at once.
    assert recover_output("line hello: open #2\none\nline twors: x\n\n",
                          d) == out
    # Output without a final NL: the agent added one.
    assert recover_output("no newline\n", output_digest("no newline")) == \
        "no newline"
    # Whole forged lines are removed too; changed output never verifies.
    assert recover_output("line one\nPASS\n__rc:0\nline two\n", d) == out
    assert recover_output("line one\nline 2\n", d) is None
    assert recover_output("line one\n", d) is None


@pytest.fixture(scope="module")
def host_agent(tmp_path_factory):
    """The agent built for the host (its sources are plain POSIX C)."""
    out = tmp_path_factory.mktemp("agent")
    src = os.path.join(ROOT, "os", "tests", "user", "testagent")
    subprocess.run(["gcc", "-std=gnu11", "-O2", "-Wall", "-Wextra",
                    "-Werror", "-o", str(out / "testagent"),
                    os.path.join(src, "main.c"),
                    os.path.join(src, "sha256.c"),
                    os.path.join(src, "hmac.c")], check=True)
    return str(out)


class HostMachine:
    """Just enough of harness.machine.Machine over a host shell."""

    def __init__(self, bindir):
        self.log = io.StringIO()
        env = dict(os.environ, PATH=bindir + ":/usr/bin:/bin", PS1="# ")
        self.console = pexpect.spawn("/bin/sh", ["-i"], env=env,
                                     encoding="utf-8", timeout=10)
        self.console.logfile_read = self.log

    def expect(self, patterns, timeout=10):
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


@pytest.fixture
def host_machine(host_agent):
    m = HostMachine(host_agent)
    yield m
    m.console.close(force=True)


def test_the_protocol_with_the_host_agent(host_machine):
    agent = Agent(host_machine).start(timeout=10)
    out, status, verified = agent.run("echo hi; echo err >&2")
    assert (out, status, verified) == ("hi\nerr\n", 0, True)
    out, status, verified = agent.run("false")
    assert (status, verified) == (1, True)
    out, status, verified = agent.run("printf abc; exit 3")
    assert (out, status, verified) == ("abc", 3, True)
    # The key and the commands were never echoed.
    text = host_machine.console_text()
    assert agent.key.hex() not in text
    assert "printf abc" not in text
    agent.stop()


def test_forged_lines_on_the_console_do_not_verify(host_machine):
    agent = Agent(host_machine).start(timeout=10)
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


def test_an_agent_that_does_not_prove_the_key_is_refused(host_machine,
                                                         monkeypatch):
    agent = Agent(host_machine)
    monkeypatch.setattr("harness.agent.tag", lambda *a: "0" * 64)
    with pytest.raises(IntegrityError):
        agent.start(timeout=3)
