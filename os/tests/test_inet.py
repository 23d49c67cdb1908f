"""The network server in the guest: inettest (os/tests/user/inettest)
through libc's sockets on the booted system: the interface, UDP, ping and
a 1 MiB TCP stream over the loopback, waiting and non-blocking calls,
poll; then through the e1000 driver on QEMU's user network: ping the
gateway, TCP streams from a server on the host (10.0.2.2 is the host's
127.0.0.1) and to the host through the forwarded port, and a stream that
goes on through crashes of the driver (inet re-initialises each new
instance; TCP sends again what was lost)."""

import re
import socket
import threading

import pytest

from harness import suite
from harness.services import Services
from harness.shell import Shell


def pattern(n, start=0):
    """Bytes START..START+N of inettest's test stream (inettest.h)."""
    return bytes(((i * 131 + (i >> 9)) & 0xff)
                 for i in range(start, start + n))


class Server:
    """A TCP server on the host's 127.0.0.1 (the guest's 10.0.2.2) for one
    connection: sends the test stream in CHUNKS (sizes), each when its
    gate (a threading.Event) is set, then closes."""

    def __init__(self, chunks, gated=False):
        self.chunks = chunks
        self.gates = [threading.Event() for _ in chunks]
        if not gated:
            for g in self.gates:
                g.set()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.sock.settimeout(300)
        self.port = self.sock.getsockname()[1]
        self.sent = 0
        self.error = None
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        try:
            conn, _ = self.sock.accept()
            with conn:
                for gate, size in zip(self.gates, self.chunks):
                    gate.wait(300)
                    conn.sendall(pattern(size, self.sent))
                    self.sent += size
        except OSError as e:
            self.error = e
        finally:
            self.sock.close()

    def join(self):
        self.thread.join(300)
        assert not self.thread.is_alive() and self.error is None, self.error

LOOPBACK = ["interface", "udp_loopback", "ping_loopback", "tcp_loopback",
            "tcp_errors"]


@pytest.mark.emulators("qemu")
def test_sockets_over_the_loopback(machine):
    shell = Shell(machine).wait_prompt()
    result = suite.run(shell, "inettest " + " ".join(LOOPBACK), timeout=300)
    result.check(LOOPBACK)


@pytest.mark.emulators("qemu")
def test_ping_the_gateway_through_e1000(machine):
    """QEMU's default card is an e1000 on user networking: inet brings
    eth0 up on the driver's driver-up and QEMU's gateway answers pings."""
    shell = Shell(machine).wait_prompt()
    result = suite.run(shell, "inettest gateway", timeout=120)
    result.check(["gateway"])


@pytest.mark.emulators("qemu")
def test_tcp_stream_from_a_server_on_the_host(machine):
    size = 2 << 20
    server = Server([size])
    shell = Shell(machine).wait_prompt()
    out, rc = shell.run("inettest get 10.0.2.2 %d" % server.port,
                        timeout=300)
    server.join()
    assert rc == 0 and "inettest: got %d bytes, 0 wrong" % size in out, out


@pytest.mark.emulators("qemu")
def test_tcp_stream_to_the_host_through_the_forwarded_port(boot):
    size = 2 << 20
    m = boot(net=True)
    shell = Shell(m).wait_prompt()
    since = len(m.console_text())
    shell.run("inettest serve 80 %d & true" % size)
    assert m.wait_console(r"inettest: listening on 80", since), \
        m.console_text()[since:]
    got = bytearray()
    with socket.create_connection(("127.0.0.1", m.host_port),
                                  timeout=300) as c:
        while True:
            b = c.recv(65536)
            if not b:
                break
            got += b
    assert len(got) == size and bytes(got) == pattern(size)
    out, rc = shell.run("wait; echo done")
    assert "inettest: served %d bytes" % size in m.console_text()[since:]


@pytest.mark.emulators("qemu")
@pytest.mark.parametrize("kind", ["crash", "update"])
def test_tcp_stream_survives_driver_crashes_and_updates(machine, kind):
    """Four crashes (or live updates) of e1000, each while a 1 MiB chunk
    of a stream from the host is being sent: inet initialises each new
    instance (driver up), TCP sends again what was lost, and the stream
    arrives whole and in order. (RS backs off from restarting a driver
    that crashes again and again: the later recoveries take longer.)"""
    events = 4
    chunk = 1 << 20
    server = Server([chunk] * (events + 1), gated=True)
    shell = Shell(machine).wait_prompt()
    services = Services(shell)
    shell.run("inettest get 10.0.2.2 %d > /tmp/get.out & true" %
              server.port)
    server.gates[0].set()
    for k in range(events):
        since = len(machine.console_text())
        server.gates[k + 1].set()                # a chunk in flight...
        if kind == "crash":                      # ...and the driver dies
            out, rc = services.fi("e1000")
            assert rc == 0, out
            services.wait_recovered("e1000", timeout=120)
        else:                                    # ...or is replaced
            out, rc = services.update("self", "e1000")
            assert rc == 0, out
        assert machine.wait_console(r"inet: eth0 on e1000 again", since,
                                    timeout=60), \
            machine.console_text()[since:]
    server.join()
    out, rc = shell.run("wait; cat /tmp/get.out", timeout=300)
    total = chunk * (events + 1)
    assert "inettest: got %d bytes, 0 wrong" % total in out, out
    out, rc = shell.run("inettest ifconf")
    restarts = int(re.search(r"restarts (\d+)", out).group(1))
    assert restarts >= events, out


@pytest.mark.emulators("qemu")
def test_inet_restarted_or_updated_comes_back(machine):
    """A crash of inet (a fresh start: its sockets are gone) and a live
    update with no socket open: each new instance takes the driver up
    again (DSF_INITIAL) and answers as before."""
    shell = Shell(machine).wait_prompt()
    services = Services(shell)
    out, rc = services.fi("inet")
    assert rc == 0, out
    services.wait_recovered("inet")
    suite.run(shell, "inettest gateway udp_loopback", timeout=120).check(
        ["gateway", "udp_loopback"])
    out, rc = services.update("self", "inet")
    assert rc == 0, out
    suite.run(shell, "inettest gateway tcp_errors", timeout=120).check(
        ["gateway", "tcp_errors"])


@pytest.mark.emulators("qemu")
def test_udp_echo_with_the_host(machine):
    """Datagrams to a UDP echo server on the host (10.0.2.2 through QEMU's
    user network) and back through the driver."""
    srv = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    srv.bind(("127.0.0.1", 0))
    srv.settimeout(60)
    port = srv.getsockname()[1]
    seen = []

    def echo():
        try:
            for _ in range(10):
                data, peer = srv.recvfrom(2048)
                seen.append(data)
                srv.sendto(data, peer)
        except OSError:
            pass

    t = threading.Thread(target=echo, daemon=True)
    t.start()
    shell = Shell(machine).wait_prompt()
    out, rc = shell.run("inettest udp 10.0.2.2 %d 10" % port, timeout=120)
    srv.close()
    t.join(10)
    assert rc == 0 and "inettest: udp 10 sent, 10 echoed" in out, out
    assert seen == [b"datagram %d" % k for k in range(10)]
