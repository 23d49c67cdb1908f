"""Lab 7, hidden tests: a larger download through every fault kind and
more live updates, thousands of small frames (both rings wrap around
many times), the cable pulled and put back (QEMU's set_link), inet's
counters sane after a transfer (no bad frame handed over, no slot
leaked), and a fresh start after `service down`."""

import hashlib
import socket
import time

import pytest

from harness import abi
from niclib import GATEWAY, Download, guest_sha256, start

pytestmark = pytest.mark.emulators("qemu")

BIG = 8 << 20
SEED = 77


def ping(net, count=3):
    out, rc = net.shell.run("ping -c %d -W 5 %s" % (count, GATEWAY),
                            timeout=120)
    return rc == 0 and ("bytes from %s" % GATEWAY) in out, out


@pytest.mark.points(15)
def test_download_survives_every_fault_kind_twice(boot, lab):
    """8 MiB survive every fault kind twice and four updates."""
    events = list(abi.FAULT_KINDS) + ["update"] + \
        list(reversed(abi.FAULT_KINDS)) + ["update", "update", "update"]
    net = start(boot, lab)
    sha = net.serve(BIG, SEED)
    dl = Download(net.m.host_port, BIG, len(events))
    try:
        for gate, kind in zip(dl.gates, events):
            gate.set()
            net.fault(kind, timeout=120)
    finally:
        for gate in dl.gates:
            gate.set()
    dl.check(sha)
    assert not net.httpd_errors(), "httpd reported errors"


class SmallWriter:
    """A TCP server on the host's 127.0.0.1 (the guest's 10.0.2.2) that
    sends DATA to the first client in writes of CHUNK bytes (no Nagle:
    many small segments, so many small frames both ways), then closes."""

    def __init__(self, data, chunk):
        import threading
        self.data, self.chunk, self.error = data, chunk, None
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.sock.settimeout(300)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        try:
            c, _ = self.sock.accept()
            with c:
                c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                for i in range(0, len(self.data), self.chunk):
                    c.sendall(self.data[i:i + self.chunk])
        except OSError as e:
            self.error = e
        finally:
            self.sock.close()


@pytest.mark.points(10)
def test_thousands_of_small_frames(boot, lab):
    """4000 small writes from the host arrive intact (rings wrap)."""
    data = bytes((i * 7 + i // 251) & 0xFF for i in range(4000 * 97))
    server = SmallWriter(data, 97)
    net = start(boot, lab)
    out, rc = net.shell.run("nc %s %d < /dev/null > /tmp/up.bin"
                            % (GATEWAY, server.port), timeout=300)
    assert rc == 0, "nc failed (status %d):\n%s" % (rc, out)
    server.thread.join(60)
    assert server.error is None, "the host could not send: %s" % (
        server.error,)
    assert guest_sha256(net.shell, "/tmp/up.bin") == \
        hashlib.sha256(data).hexdigest(), \
        "the bytes nc received differ from the host's"
    ok, out = ping(net)
    assert ok, "ping fails after the small frames:\n" + out


def nic_name(m):
    qmp = m.monitor()
    assert qmp is not None, "no QEMU monitor"
    for line in qmp.hmp("info network").splitlines():
        if "model=e1000" in line:
            return qmp, line.strip().lstrip("\\ ").split(":")[0]
    raise AssertionError("no e1000 in QEMU's info network")


@pytest.mark.points(10)
def test_cable_pulled_and_put_back(boot, lab):
    """The link goes down and up with the cable; pings again."""
    net = start(boot, lab)
    qmp, name = nic_name(net.m)
    qmp.hmp("set_link %s off" % name)
    deadline = time.monotonic() + 60
    while "RUNNING" in net.ifconfig()[0]:
        assert time.monotonic() < deadline, \
            "inet still sees the link up 60 s after the cable was pulled"
    ok, out = ping(net, 1)
    assert not ok, "ping answered without a cable:\n" + out
    qmp.hmp("set_link %s on" % name)
    deadline = time.monotonic() + 60
    while "RUNNING" not in net.ifconfig()[0]:
        assert time.monotonic() < deadline, \
            "inet does not see the link up 60 s after the cable came back"
    ok, out = ping(net)
    assert ok, "ping fails after the cable came back:\n" + out


@pytest.mark.points(10)
def test_counters_sane_after_a_transfer(boot, lab):
    """After 8 MiB no bad frame reached inet and no slot leaked."""
    net = start(boot, lab)
    sha = net.serve(BIG, SEED + 1)
    before = net.stats()
    Download(net.m.host_port, BIG).check(sha)
    after = net.stats()
    grew = {k: after[k] - before.get(k, 0) for k in after}
    for bad in ("eth_drop", "ip_drop_hdr", "ip_drop_cksum", "tcp_drop_hdr",
                "tcp_drop_cksum"):
        assert grew.get(bad, 0) == 0, \
            "inet dropped %d malformed frames (%s) from the driver" % (
                grew.get(bad, 0), bad)
    assert grew["eth_tx"] >= BIG // 1514, \
        "fewer frames sent than the file needs: %d" % grew["eth_tx"]
    assert grew["eth_rx"] > 0, "no frame received during the transfer"
    ok, out = ping(net)
    assert ok, "ping fails after the transfer (transmit slots leaked?):\n" \
        + out


@pytest.mark.points(5)
def test_fresh_start_after_down(boot, lab):
    """Down and up again: the card is reserved again, pings."""
    net = start(boot, lab)
    past = net.ifconfig()[3]
    out, rc = net.svc.down(lab.driver)
    assert rc == 0, "service down %s exited %d:\n%s" % (lab.driver, rc, out)
    for _ in range(100):
        if all(s["label"] != lab.driver for s in net.svc.status()):
            break
    else:
        raise AssertionError("%s still runs after service down" % lab.driver)
    out, rc = net.svc.up("/usr/drivers/%s" % lab.driver, b=True)
    assert rc == 0, "service up %s again exited %d:\n%s" % (
        lab.driver, rc, out)
    net.wait_inet(past)
    ok, out = ping(net)
    assert ok, "ping fails after a fresh start:\n" + out
