"""Network load between the host and a guest on QEMU's user network, for
the tests (os/tests/test_net.py, test_inet_recovery.py) and the benchmark
(harness/bench.py): the guest's httpd serving a pattern file (fpat, the
pattern of harness.disk.pattern), the host downloading it through the
forwarded port (Download), optionally with events (faults, live updates
of the driver) while it is on its way (download_during), and an HTTP
server on the host for the guest's wget (HostHTTPServer; the guest
reaches the host's 127.0.0.1 as 10.0.2.2)."""

import functools
import hashlib
import http.client
import http.server
import os
import threading
import time

from harness import disk

# Where serve_pattern puts the file in the guest, and its URL path.
GUEST_DIR = "/tmp/www"
GUEST_FILE = "big.bin"


def serve_pattern(shell, size, seed, port=80, timeout=120):
    """Write SIZE bytes of the pattern of SEED to GUEST_DIR/GUEST_FILE in
    the guest behind SHELL and start httpd PORT GUEST_DIR in the
    background; return once it listens (its log has its first line)."""
    shell.check("mkdir -p %s && fpat write %s/%s %d %d"
                % (GUEST_DIR, GUEST_DIR, GUEST_FILE, size, seed), timeout)
    shell.check("httpd %d %s > /tmp/httpd.log & true" % (port, GUEST_DIR))
    shell.check("while [ ! -s /tmp/httpd.log ]; do sleep 1; done", timeout)


class Download:
    """GET /GUEST_FILE (SIZE bytes of the pattern of SEED) from
    127.0.0.1:PORT in a thread,
    hashing what arrives. With SLICES > 0 the file is read in SLICES + 1
    equal slices: the reader stops at the end of slice k until gates[k]
    (a threading.Event) is set, so that an event fired while slice k is
    on its way finishes before the rest of the file goes. ``got`` is the
    byte count so far (read from other threads)."""

    def __init__(self, port, size, seed, slices=0, timeout=300):
        self.port = port
        self.size = size
        self.seed = seed
        self.timeout = timeout
        self.gates = [threading.Event() for _ in range(slices)]
        self.slice = size // (slices + 1)
        self.sha = hashlib.sha256()
        self.got = 0
        self.status = None
        self.tail = None
        self.error = None
        self.started = time.monotonic()
        self.seconds = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        try:
            c = http.client.HTTPConnection("127.0.0.1", self.port,
                                           timeout=self.timeout)
            c.request("GET", "/" + GUEST_FILE)
            r = c.getresponse()
            self.status = r.status
            for k, gate in enumerate(self.gates + [None]):
                want = (k + 1) * self.slice if gate is not None \
                    else self.size
                while self.got < want:
                    b = r.read1(min(65536, want - self.got))
                    if not b:
                        return
                    self.sha.update(b)
                    self.got += len(b)
                if gate is not None and not gate.wait(self.timeout):
                    raise TimeoutError("gate %d never opened" % k)
            self.tail = r.read()
            self.seconds = time.monotonic() - self.started
            c.close()
        except (OSError, http.client.HTTPException) as e:
            self.error = e

    def wait_for(self, count, timeout=None):
        """Wait until COUNT bytes have arrived (or the reader ended)."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while self.got < count and self.thread.is_alive():
            if time.monotonic() > deadline:
                raise AssertionError("download stalls at %d bytes (%d "
                                     "wanted)" % (self.got, count))
            self.thread.join(0.005)

    def join(self):
        """Wait for the end; assert it is whole: status 200, SIZE bytes
        and nothing after them, the SHA-256 of the pattern of SEED, no
        error on the host's side."""
        self.thread.join(self.timeout * 2)
        assert not self.thread.is_alive(), "download hangs at %d" % self.got
        assert self.error is None, "download: %r at %d bytes" % (
            self.error, self.got)
        assert self.status == 200, self.status
        assert (self.got, self.tail) == (self.size, b""), (self.got,
                                                          self.tail)
        assert self.sha.hexdigest() == disk.pattern_sha256(
            self.seed, self.size), "SHA-256 differs"


def download_during(port, size, seed, events, fire, timeout=300):
    """Download the guest's GUEST_FILE (SIZE bytes of the pattern of SEED)
    through host PORT while the EVENTS happen: event k is fired
    (FIRE(k, event), which returns once the guest has recovered from it)
    when the reader is half way through slice k, i.e. while data is on
    its way, and the reader goes past slice k only after. Returns the
    Download, joined and checked (Download.join)."""
    dl = Download(port, size, seed, len(events), timeout)
    for k, event in enumerate(events):
        dl.wait_for(k * dl.slice + dl.slice // 2)
        try:
            fire(k, event)
        finally:
            dl.gates[k].set()
    dl.join()
    return dl


class HostHTTPServer:
    """An HTTP/1.0 server on the host's 127.0.0.1 (the guest's 10.0.2.2)
    serving the files of DIRECTORY, in a thread; a context manager.
    ``port`` is its port; ``requests`` the paths it was asked for."""

    def __init__(self, directory):
        self.requests = []
        outer = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, fmt, *args):
                outer.requests.append(self.path)

        handler = functools.partial(Handler, directory=str(directory))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                      handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(10)


def write_host_pattern(directory, name, size, seed):
    """DIRECTORY/NAME: SIZE bytes of the pattern of SEED; its path."""
    path = os.path.join(str(directory), name)
    disk.write_pattern(path, seed, size)
    return path


def e1000_without_backoff(m, services):
    """Bring e1000 down and up again without RS's backoff between
    restarts (-b) and with a heartbeat of 1 s (a hang is caught in 2 s),
    as test_e1000.py does; return once inet took it (driver up 2). With
    RS's backoff a driver that crashes again and again is restarted later
    each time (up to 30 s): fine for the system, too slow for a test of
    twenty faults."""
    since = len(m.console_text())
    out, rc = services.down("e1000")
    assert rc == 0, out
    out, rc = services.up("/usr/drivers/e1000", b=True, period="1HZ")
    assert rc == 0, out
    assert m.wait_console(r"inet: eth0 on e1000 again \(driver up 2\)",
                          since, timeout=60), m.console_text()[since:]


def e1000_event(m, services, event, ups):
    """EVENT on e1000 ("update": `service update self`; else a `service
    fi` kind); return once inet took the new instance (its driver up
    number UPS)."""
    since = len(m.console_text())
    if event == "update":
        out, rc = services.update("self", "e1000")
    else:
        out, rc = services.fi("e1000", event)
    assert rc == 0, (event, out)
    assert m.wait_console(r"inet: eth0 on e1000 again \(driver up %d\)"
                          % ups, since, timeout=60), \
        (event, m.console_text()[since:])
