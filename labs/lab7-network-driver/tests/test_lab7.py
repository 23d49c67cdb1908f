"""Lab 7, public tests: the nic driver replaces the system's e1000 driver
on QEMU's e1000 (user network, a host port forwarded to the guest's port
80): inet takes it through driver up, reports its address and link,
pings QEMU's gateway, serves a download to the host and downloads a file
from the host through it, and a download survives the driver's crashes
and live updates. Each test boots a fresh machine."""

import pytest

from harness import disk
from niclib import (GATEWAY, MAC, Download, HostServer, guest_sha256,
                    sha256, start)

pytestmark = pytest.mark.emulators("qemu")

SIZE = 4 << 20
SEED = 7


@pytest.mark.points(10)
def test_driver_comes_up(boot, lab):
    """The driver comes up: inet runs eth0 on it, its MAC, link up."""
    net = start(boot, lab)
    flags, mac, driver, _ = net.ifconfig()
    assert driver == lab.driver, "eth0 is not on %s but %s" % (
        lab.driver, driver)
    assert mac == MAC, "the card's address is %s, not %s" % (MAC, mac)
    assert "RUNNING" in flags, "the link is not up (flags %s)" % (
        ",".join(flags))


@pytest.mark.points(15)
@pytest.mark.depends("test_driver_comes_up")
def test_ping_the_gateway(boot, lab):
    """ping 10.0.2.2 answers through the driver."""
    net = start(boot, lab)
    out, rc = net.shell.run("ping -c 3 -W 5 %s" % GATEWAY, timeout=90)
    assert rc == 0 and ("bytes from %s" % GATEWAY) in out, \
        "ping %s failed (status %d):\n%s" % (GATEWAY, rc, out)


@pytest.mark.points(20)
@pytest.mark.depends("test_driver_comes_up")
def test_download_from_the_guest(boot, lab):
    """The host downloads 4 MiB from the guest's httpd, identical."""
    net = start(boot, lab)
    sha = net.serve(SIZE, SEED)
    dl = Download(net.m.host_port, SIZE)
    dl.check(sha)
    assert not net.httpd_errors(), "httpd reported errors"


@pytest.mark.points(20)
@pytest.mark.depends("test_driver_comes_up")
def test_wget_from_the_host(boot, lab):
    """The guest's wget downloads 2 MiB from the host, identical."""
    data = disk.pattern(SEED + 1, 2 << 20)
    server = HostServer(data)
    try:
        net = start(boot, lab)
        out, rc = net.shell.run("wget -O /tmp/got http://%s:%d/file"
                                % (GATEWAY, server.port), timeout=300)
        assert rc == 0, "wget failed (status %d):\n%s" % (rc, out)
        assert guest_sha256(net.shell, "/tmp/got") == sha256(data), \
            "the file wget saved is not the host's file"
    finally:
        server.close()


# Faults and live updates during the recovery download, in turn.
EVENTS = ["crash", "update", "segv", "panic", "update", "exit"]


@pytest.mark.points(35)
@pytest.mark.depends("test_download_from_the_guest")
def test_download_survives_crashes_and_updates(boot, lab):
    """A download survives the driver's crashes and live updates.

    4 MiB from the guest's httpd while the driver is crashed (crash,
    segv, panic, exit) and live-updated, six events in all, each while a
    slice of the file is on its way: inet takes every new instance and
    the host receives the file identical, no error on either side."""
    net = start(boot, lab)
    sha = net.serve(SIZE, SEED)
    dl = Download(net.m.host_port, SIZE, len(EVENTS))
    try:
        for gate, kind in zip(dl.gates, EVENTS):
            gate.set()
            net.fault(kind)
    finally:
        for gate in dl.gates:
            gate.set()
    dl.check(sha)
    assert not net.httpd_errors(), "httpd reported errors"
    assert net.ifconfig()[3] >= len(EVENTS) + 1, \
        "inet did not see a driver up for every new instance"
