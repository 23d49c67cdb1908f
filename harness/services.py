"""Driving the reincarnation server from a test: the guest's ``service``
command over the shell, with ``service status`` parsed into dictionaries.

``Services(shell)`` wraps a :class:`harness.shell.Shell`, or, for anything
graded, a :class:`harness.agentshell.AgentShell` (the trusted test agent:
only authenticated answers come back). Every call runs one
``service`` command line in the guest and returns what the guest said; the
waits poll ``service status`` (each poll is a guest command, so the guest
itself tells when the condition holds) up to a timeout."""

import re
import time

from harness import abi
from harness.agentshell import UnverifiedAnswer

# Where the image keeps the service manifests (abi/rs.h).
MANIFEST_DIR = abi.RS_MANIFEST_DIR

# Integer fields of a `service status` line.
INT_FIELDS = ("endpoint", "pid", "restarts", "period")


def user_lines(out):
    """OUT (a command's output) without the lines servers and drivers
    print on the shared console (``LABEL: ...``)."""
    return [line for line in out.splitlines()
            if not re.match(r"[a-z]+: ", line)]


def parse_status(text):
    """The services of ``service status`` output TEXT: a list of dicts,
    one per line that holds ``key=value`` fields with a ``label``."""
    services = []
    for line in text.splitlines():
        fields = {}
        for word in line.split():
            key, sep, value = word.partition("=")
            if sep:
                fields[key] = value
        if "label" not in fields:
            continue
        for key in INT_FIELDS:
            if key in fields and fields[key].lstrip("-").isdigit():
                fields[key] = int(fields[key])
        services.append(fields)
    return services


class Services:
    """`service` in the guest behind SHELL."""

    def __init__(self, shell):
        self.shell = shell
        self._restarts_at_fault = {}

    def run(self, args, timeout=60):
        """Run ``service ARGS``; return (output, exit status)."""
        return self.shell.run("service " + args, timeout)

    @staticmethod
    def _options(options):
        """``-key value`` words for OPTIONS (True: a bare flag, e.g. b=True
        gives ``-b``; None and False are left out)."""
        words = []
        for key, value in options.items():
            if value is None or value is False:
                continue
            words.append("-" + key)
            if value is not True:
                text = str(value)
                words.append("'%s'" % text if " " in text else text)
        return " ".join(words)

    def up(self, binary, **options):
        """``service up BINARY -label L -dev D -period P ...``; (output,
        status)."""
        return self.run(("up %s %s" % (binary, self._options(options))).strip())

    def write_manifest(self, path, text):
        """Write manifest TEXT (one line, no single quotes) to PATH in the
        guest as a file `service` accepts: owned by root and writable by
        nobody else (a file the shell creates is 0666, refused with
        EACCES). The file is made anew as a copy of a root manifest of the
        image (cp keeps its mode 0644), then overwritten (an existing
        file keeps its mode)."""
        assert "'" not in text and "\n" not in text, text
        self.shell.check("rm -f %s" % path)
        self.shell.check("cp %s/hello %s" % (MANIFEST_DIR, path))
        self.shell.check("echo '%s' > %s" % (text, path))

    def down(self, label):
        return self.run("down " + label)

    def refresh(self, label):
        return self.run("refresh " + label)

    def restart(self, label):
        return self.run("restart " + label)

    def update(self, binary, label, **options):
        """``service update BINARY|self -label LABEL [-state N -maxtime T
        -x -y -z]``; (output, status)."""
        return self.run(("update %s -label %s %s" % (
            binary, label, self._options(options))).strip())

    def fi(self, label, kind="crash"):
        """Inject fault KIND into LABEL (remembering its restart count, for
        wait_recovered); (output, status)."""
        self._restarts_at_fault[label] = self.get(label).get("restarts", 0)
        return self.run("fi %s %s" % (label, kind))

    def shutdown(self):
        return self.run("shutdown")

    def status(self, label=None):
        """All services (or LABEL's), as parsed by parse_status."""
        out, rc = self.run("status" + (" " + label if label else ""))
        if rc != 0:
            raise AssertionError("service status %s exited %d:\n%s"
                                 % (label or "", rc, out))
        return parse_status(out)

    def get(self, label):
        """LABEL's status fields; AssertionError when it is not listed."""
        for s in self.status(label):
            if s["label"] == label:
                return s
        raise AssertionError("service %s is not running" % label)

    def wait(self, label, predicate, timeout=30, what="condition"):
        """Poll LABEL's status until PREDICATE(fields) holds; return the
        fields. Raises AssertionError after TIMEOUT seconds. Behind an
        AgentShell, a poll whose answer did not verify (UnverifiedAnswer)
        counts as not yet: the next poll asks again (only a verified status
        can end the wait)."""
        deadline = time.monotonic() + timeout
        last = None
        while True:
            try:
                found = [s for s in self.status() if s["label"] == label]
                last = found[0] if found else None
                if last is not None and predicate(last):
                    return last
            except UnverifiedAnswer:
                pass                 # not verified: ask again
            if time.monotonic() > deadline:
                raise AssertionError("%s: %s not reached within %ss; last "
                                     "status: %r" % (label, what, timeout,
                                                     last))

    def wait_recovered(self, label, restarts=None, timeout=30):
        """Wait until LABEL is up with more than RESTARTS restarts (default:
        the count it had when fi() last injected a fault into it; without
        one, just up again). Returns its status fields."""
        if restarts is None:
            restarts = self._restarts_at_fault.get(label, -1)
        return self.wait(label, lambda s: s.get("state") == "up" and
                         s.get("restarts", 0) > restarts, timeout,
                         "recovery past %d restarts" % restarts)
