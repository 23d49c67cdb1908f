"""Issue 21: the e1000 driver (os/drivers/e1000, Intel 82540EM) on
libnetdriver (os/lib/netdriver), before there is a network server: the
test service nettest (os/tests/services/nettest), started in inet's
place, speaks abi/net.h to it as inet will. On a machine with the
harness's network option (net=True: an e1000 on QEMU's user network, a
host port forwarded), /etc/rc starts the driver; nettest initialises it
(NDEV_INIT), sends an ARP request for 10.0.2.2 and receives the answer of
QEMU's slirp (its own address for the host: 52:55:0a:00:02:02), with the
driver's counters; a connection to the forwarded host port arrives as a
SYN; the same again after `service fi e1000` (a new instance, announced
through driver up) and after `service update self -label e1000`; after
every fault kind and five live updates in a row; the cable out and in
again (link down, link up); a burst of 1000 frames, every answer
received. A machine without a card (net=False) boots and says `rc: no
network card`. Both on QEMU and on Bochs where marked (its e1000 plugin
on slirp, on an IRQ line it shares)."""

import re
import socket

import pytest

from harness.abi import FAULT_KINDS
from harness.services import Services
from harness.shell import Shell

SLIRP_HOST_MAC = "52:55:0a:00:02:02"


def answered(machine, n, since):
    """Whether nettest's round N answered (its ARP reply line) after
    console offset SINCE; the line's counters as ints (tx, rx, irq)."""
    pattern = (r"nettest: round %d: 10\.0\.2\.2 is at %s \(tx (\d+) rx "
               r"(\d+) irq (\d+), stats 0\)" % (n, SLIRP_HOST_MAC))
    assert machine.wait_console(pattern, since, timeout=60), \
        machine.console_text()[since:]
    found = re.search(pattern, machine.console_text()[since:])
    return tuple(int(g) for g in found.groups())


@pytest.mark.emulators("qemu", "bochs")
def test_e1000_arp_through_restart_and_live_update(boot):
    m = boot(net=True)
    services = Services(Shell(m).wait_prompt())
    assert m.host_port is not None
    if m.name == "qemu":
        assert "hostfwd=tcp:127.0.0.1:%d-:80" % m.host_port in " ".join(
            m.command)
    boot_text = m.console_text()
    assert re.search(r"e1000: 82540EM at IRQ \d+, 52:54:00:12:34:56, link "
                     r"up \(fresh start\)", boot_text), boot_text
    assert "rc: no network card" not in boot_text
    assert services.get("e1000")["state"] == "up"

    # nettest in inet's place (the driver may notify inet): the network
    # server, when there is one, goes down first.
    without_inet(services)
    since = len(m.console_text())
    out, rc = services.up("/usr/tests/nettest", label="inet",
                          config="/etc/system.conf.d/nettest")
    assert rc == 0, out
    tx, rx, irq = answered(m, 1, since)
    assert tx >= 1 and rx >= 1 and irq >= 1, (tx, rx, irq)
    assert "nettest: round 1: driver 82540EM" in m.console_text()[since:]

    # The forwarded host port reaches the guest: a connection to it
    # arrives as a SYN to port 80 (nothing answers it yet: no TCP).
    since = len(m.console_text())
    with socket.create_connection(("127.0.0.1", m.host_port), timeout=30):
        assert m.wait_console(r"nettest: tcp syn from 10\.0\.2\.2 to port "
                              r"80\b", since), m.console_text()[since:]

    # A crash: a new instance (new endpoint) announces itself, nettest
    # initialises it and asks again; its counters start afresh.
    since = len(m.console_text())
    out, rc = services.fi("e1000")
    assert rc == 0, out
    services.wait_recovered("e1000")
    assert m.wait_console(r"e1000: 82540EM .*\(restarted\)", since), \
        m.console_text()[since:]
    answered(m, 2, since)

    # A live update: the new version resets the card and announces too.
    since = len(m.console_text())
    out, rc = services.update("self", "e1000")
    assert rc == 0, out
    assert m.wait_console(r"e1000: 82540EM .*\(new version\)", since), \
        m.console_text()[since:]
    answered(m, 3, since)
    assert "FAILED" not in m.console_text()
    assert services.get("e1000")["state"] == "up"


def without_inet(services):
    """The network server, when /etc/rc started one, goes down: nettest
    takes its label."""
    if any(s["label"] == "inet" for s in services.status()):
        out, rc = services.down("inet")
        assert rc == 0, out


def start_nettest(m, services):
    """nettest in inet's place, its first round answered."""
    without_inet(services)
    since = len(m.console_text())
    out, rc = services.up("/usr/tests/nettest", label="inet",
                          config="/etc/system.conf.d/nettest")
    assert rc == 0, out
    answered(m, 1, since)


@pytest.mark.emulators("qemu")
def test_e1000_every_fault_kind_and_repeated_updates(boot):
    """Every `service fi` kind, then five live updates in a row: after each
    a new instance (or version) announces itself, is initialised again
    and answers ARP; RS counts one restart per fault."""
    m = boot(net=True)
    services = Services(Shell(m).wait_prompt())
    # Brought down (the card stopped) and started again without backoff
    # between restarts and with a heartbeat of 1 s (a hang is caught in
    # 2 s): one fault after another costs no growing wait.
    out, rc = services.down("e1000")
    assert rc == 0, out
    out, rc = services.up("/usr/drivers/e1000", b=True, period="1HZ")
    assert rc == 0, out
    start_nettest(m, services)
    n = 1
    for kind in FAULT_KINDS:
        n += 1
        since = len(m.console_text())
        out, rc = services.fi("e1000", kind)
        assert rc == 0, (kind, out)
        services.wait_recovered("e1000", timeout=60)
        answered(m, n, since)
    assert services.get("e1000")["restarts"] == len(FAULT_KINDS)
    for _ in range(5):
        n += 1
        since = len(m.console_text())
        out, rc = services.update("self", "e1000")
        assert rc == 0, out
        answered(m, n, since)
    assert services.get("e1000")["restarts"] == len(FAULT_KINDS)
    assert "FAILED" not in m.console_text()


@pytest.mark.emulators("qemu")
def test_e1000_burst(boot):
    """A burst of 1000 frames as fast as the driver takes them, the
    answers taken after every 8 (as inet would): every request is sent,
    every answer received (QEMU's slirp answers each at once), nothing
    counted as dropped or bad."""
    m = boot(net=True)
    services = Services(Shell(m).wait_prompt())
    without_inet(services)
    since = len(m.console_text())
    out, rc = services.up("/usr/tests/nettest", label="inet",
                          config="/etc/system.conf.d/nettest", args="1000")
    assert rc == 0, out
    answered(m, 1, since)
    pattern = (r"nettest: burst: (\d+) answers \(driver: tx (\d+) rx (\d+) "
               r"rx_errors (\d+) rx_dropped (\d+) irq (\d+)\)")
    assert m.wait_console(pattern, since, timeout=120), \
        m.console_text()[since:]
    text = m.console_text()[since:]
    assert "nettest: burst: 1000 frames sent" in text, text
    answers, tx, rx, errors, dropped, irq = (
        int(g) for g in re.search(pattern, text).groups())
    assert answers == 1000, text
    assert tx >= 1001 and rx >= 1001 and irq >= 1, text
    assert (errors, dropped) == (0, 0), text


def set_link(m, up):
    """QEMU's monitor: the cable of the guest's e1000 in or out."""
    m.monitor().command("human-monitor-command", **{
        "command-line": "set_link e1000.0 %s" % ("on" if up else "off")})


@pytest.mark.emulators("qemu")
def test_e1000_link_changes(boot):
    """The cable out and in again (QEMU's set_link): the card's link
    change interrupt, STATUS.LU read by the library, each change logged
    (and notified); the next round, with the cable in, is answered."""
    m = boot(net=True)
    services = Services(Shell(m).wait_prompt())
    start_nettest(m, services)
    since = len(m.console_text())
    set_link(m, False)
    assert m.wait_console(r"e1000: link down", since), \
        m.console_text()[since:]
    since = len(m.console_text())
    set_link(m, True)
    assert m.wait_console(r"e1000: link up\b", since), \
        m.console_text()[since:]
    since = len(m.console_text())
    out, rc = services.update("self", "e1000")
    assert rc == 0, out
    answered(m, 2, since)


@pytest.mark.emulators("qemu", "bochs")
def test_no_network_card(boot):
    m = boot(net=False)
    Shell(m).wait_prompt()
    text = m.console_text()
    assert "rc: no network card" in text, text
    assert "e1000: no card (8086:100e)" in text, text
