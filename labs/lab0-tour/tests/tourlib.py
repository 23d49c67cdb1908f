"""Lab 0's helpers: the student's answers (answers.txt in the submission)
and the guest's truth, asked through the trusted test agent."""

import os
import re

from harness.agentshell import AgentShell
from harness.services import Services


def answers(lab):
    """The submission's answers.txt as a dict (empty when missing)."""
    path = os.path.join(lab.submission, "answers.txt")
    found = {}
    try:
        with open(path, errors="replace") as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith("#") or "=" not in line:
                    continue
                key, value = line.split("=", 1)
                found[key.strip()] = value.strip()
    except OSError:
        pass
    return found


def must(agent, command):
    out, status, verified = agent.run(command)
    assert verified, "no verified answer to %r" % command
    assert status == 0, "%r exited %s:\n%s" % (command, status, out)
    return out


def field(agent, label, name):
    out = must(agent, "service status %s" % label)
    m = re.search(r"\b%s=(\S+)" % name, out)
    assert m, out
    return m.group(1)


def compare(lab, key, truth):
    """Assert the student's answer KEY is TRUTH (as text)."""
    given = answers(lab).get(key, "")
    assert given, "no answer for %s in answers.txt" % key
    hint = " (the guest shows %r)" % truth \
        if os.environ.get("LABKIT_REVEAL") else ""
    assert given == str(truth), "%s: your answer %r is not what the guest " \
        "shows%s" % (key, given, hint)


def crash_and_wait(agent, label="hello", timeout=60):
    """`service fi LABEL`, then wait (harness.services, every status
    verified by the agent) until it is up with one more restart. A second
    crash in a row waits out RS's back-off (2 s of guest time), however
    fast the questions go."""
    svc = Services(AgentShell(agent))
    out, status = svc.fi(label)
    assert status == 0, "service fi %s exited %d:\n%s" % (label, status, out)
    try:
        svc.wait_recovered(label, timeout=timeout)
    except AssertionError:
        raise AssertionError("%s did not come back after service fi"
                             % label) from None
