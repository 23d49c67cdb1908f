"""Helpers shared by lab 7's public and hidden tests: a machine with an
e1000 on QEMU's user network (a host port forwarded to the guest's port
80), the system's e1000 driver brought down and the submission's `nic`
started in its place, waits for inet to take each new instance, a
download from the guest's httpd and a server on the host for its wget.

Every graded fact comes through the trusted test agent (`ifconfig`,
`ping`, `sha256sum`, `service status`: harness.agentshell.AgentShell) or
from the host's own side of a connection (the bytes the host received
through the forwarded port, hashed on the host). The driver's console
lines, and inet's, are never read: a driver can print anything.
"""

import hashlib
import http.client
import http.server
import re
import threading

from harness import disk
from harness.agentshell import AgentShell
from harness.services import Services

MAC = "52:54:00:12:34:56"          # QEMU's default address for the card
GATEWAY = "10.0.2.2"               # QEMU's user network: the host
GUEST_PORT = 80                    # the forwarded port (boot(net=True))
IFCONFIG_RE = re.compile(
    r"^eth0: flags=<([A-Z,-]*)>.*?ether ([0-9a-f:]{17})  driver (\S+)  "
    r"restarts (\d+)", re.M | re.S)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


class Net:
    """The machine M, Services SVC over the agent, the lab LAB."""

    def __init__(self, m, svc, lab):
        self.m, self.svc, self.lab = m, svc, lab
        self.shell = svc.shell

    def ifconfig(self):
        """(flags, mac, driver label, driver restarts) from `ifconfig`."""
        out, rc = self.shell.run("ifconfig eth0")
        found = IFCONFIG_RE.search(out)
        assert rc == 0 and found, "ifconfig failed (status %d):\n%s" % (
            rc, out)
        flags, mac, driver, restarts = found.groups()
        return flags.split(","), mac, driver, int(restarts)

    def stats(self):
        """inet's counters {name: value} from `ifconfig -s`."""
        out, rc = self.shell.run("ifconfig -s eth0")
        assert rc == 0, "ifconfig -s failed (status %d):\n%s" % (rc, out)
        return {k: int(v) for k, v in
                re.findall(r"^\s+([a-z_0-9]+)\s+(\d+)\s", out, re.M)}

    def wait_inet(self, past, timeout=90, running=True):
        """Wait until inet runs eth0 on the lab's driver with more than
        PAST driver-up events after its first (`ifconfig`'s restarts):
        the new instance answered inet's NDEV_INIT. RUNNING: and the link
        is up. Returns the restarts."""
        import time
        deadline = time.monotonic() + timeout
        last = None
        while True:
            last = self.ifconfig()
            flags, _, driver, restarts = last
            if driver == self.lab.driver and restarts > past and \
                    (not running or "RUNNING" in flags):
                return restarts
            assert time.monotonic() < deadline, \
                "inet did not take the new %s instance within %ds " \
                "(ifconfig: flags %s, driver %s, restarts %d)" % (
                    self.lab.driver, timeout, ",".join(flags), driver,
                    restarts)

    def fault(self, kind, timeout=90):
        """`service fi DRIVER KIND` (or a live update: KIND "update"),
        then wait until RS restarted it (for a fault) and inet took the
        new instance."""
        past = self.ifconfig()[3]
        if kind == "update":
            out, rc = self.svc.update("self", self.lab.driver)
            assert rc == 0, "service update self -label %s exited %d:\n%s" \
                % (self.lab.driver, rc, out)
        else:
            out, rc = self.svc.fi(self.lab.driver, kind)
            assert rc == 0, "service fi %s %s exited %d:\n%s" % (
                self.lab.driver, kind, rc, out)
            self.svc.wait_recovered(self.lab.driver, timeout=timeout)
        return self.wait_inet(past, timeout)

    def serve(self, size, seed, name="big.bin"):
        """A pattern file of SIZE bytes (SEED) in /tmp/www and the guest's
        httpd serving it on port 80; returns its SHA-256."""
        self.shell.check("mkdir -p /tmp/www && fpat write /tmp/www/%s %d %d"
                         % (name, size, seed), timeout=180)
        self.shell.check("rm -f /tmp/httpd.log; httpd %d /tmp/www > "
                         "/tmp/httpd.log 2>&1 & true" % GUEST_PORT)
        self.shell.check("while [ ! -s /tmp/httpd.log ]; do sleep 1; done",
                         timeout=60)
        return disk.pattern_sha256(seed, size)

    def httpd_errors(self):
        log = self.shell.check("cat /tmp/httpd.log")
        return [line for line in log.splitlines() if "error" in line.lower()]


def start(boot, lab):
    """A machine with the network (boot(net=True)), the agent on it, the
    system's e1000 driver brought down and the lab's driver started in
    its place (`service up /usr/drivers/nic -b`), up in RS's status; then
    inet's eth0 on it with its link up. Returns a Net. A guest that does
    not boot, an agent that does not start or an e1000 that does not go
    down is an infrastructure error, not a score."""
    from labs.tools.labplugin import _not_graded
    try:
        m = boot(net=True)
        svc = Services(AgentShell.on(m))
        out, rc = svc.down("e1000")
        assert rc == 0, "service down e1000 exited %d:\n%s" % (rc, out)
        _gone(svc, "e1000")
    except (AssertionError, TimeoutError) as e:
        raise _not_graded("the guest did not boot with its network, the "
                          "test agent did not start or e1000 did not go "
                          "down", e) from None
    net = Net(m, svc, lab)
    past = net.ifconfig()[3]
    out, rc = svc.up("/usr/drivers/%s" % lab.driver, b=True)
    assert rc == 0, "service up %s exited %d:\n%s" % (lab.driver, rc, out)
    svc.wait(lab.driver, lambda s: s.get("state") == "up", 30, "up")
    net.wait_inet(past)
    return net


def _gone(svc, label, tries=100):
    """Wait until LABEL is no longer in `service status` (its PCI device
    is then released)."""
    for _ in range(tries):
        if all(s["label"] != label for s in svc.status()):
            return
    raise AssertionError("%s is still running after service down" % label)


class Download:
    """GET /NAME from 127.0.0.1:PORT (the forwarded port) in a thread,
    hashed on the host, one slice of SIZE bytes per gate
    (threading.Event), the rest after the last gate: each event of a test
    happens while a slice is on its way."""

    def __init__(self, port, size, slices=0, name="big.bin"):
        self.port, self.size, self.name = port, size, name
        self.gates = [threading.Event() for _ in range(slices)]
        self.slice = size // (slices + 1)
        self.sha = hashlib.sha256()
        self.got = 0
        self.status = None
        self.error = None
        self.tail = b""
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        try:
            c = http.client.HTTPConnection("127.0.0.1", self.port,
                                           timeout=300)
            c.request("GET", "/" + self.name)
            r = c.getresponse()
            self.status = r.status
            for n, gate in enumerate(self.gates + [None]):
                want = self.slice * (n + 1) if gate is not None \
                    else self.size
                while self.got < want:
                    b = r.read(min(65536, want - self.got))
                    if not b:
                        return
                    self.sha.update(b)
                    self.got += len(b)
                if gate is not None:
                    gate.wait(300)
            self.tail = r.read()
            c.close()
        except OSError as e:
            self.error = e

    def check(self, sha, timeout=600):
        """The download ended with status 200 and exactly the file SHA."""
        self.thread.join(timeout)
        assert not self.thread.is_alive(), \
            "the download stalled at byte %d of %d" % (self.got, self.size)
        assert self.error is None, "the download failed at byte %d: %s" % (
            self.got, self.error)
        assert self.status == 200, "httpd answered %r" % (self.status,)
        assert self.got == self.size and self.tail == b"", \
            "the download ended at byte %d of %d" % (
                self.got + len(self.tail), self.size)
        assert self.sha.hexdigest() == sha, \
            "the file downloaded is not the guest's file (SHA-256 differs)"


class HostServer:
    """An HTTP/1.0 server on the host's 127.0.0.1 (the guest's 10.0.2.2)
    serving DATA at /file, in a thread; close() stops it."""

    def __init__(self, data):
        body = data

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path != "/file":
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                     Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def guest_sha256(shell, path, timeout=120):
    out, rc = shell.run("sha256sum " + path, timeout)
    found = re.search(r"^([0-9a-f]{64})\b", out, re.M)
    assert rc == 0 and found, "sha256sum %s failed (status %d):\n%s" % (
        path, rc, out)
    return found.group(1)
