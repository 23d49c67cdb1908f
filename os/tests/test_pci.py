"""Issue 21: the PCI bus server (os/servers/pci) on QEMU's default machine,
whose NIC is an Intel 82540EM (8086:100e, the e1000). lspci lists what the
server found and who holds it; os/tests/services/pcitest plays a driver:
it reserves the e1000 (manifests pcia and pcib list it, pcinodev does
not), then checks what holding gives (BAR 0 mapped and read through
mmio_map, nothing outside it, DMA memory and its physical address,
configuration writes). A device has one holder; it is free again when the
holder is brought down, and a restarted holder reserves it again."""

import re

import pytest

from harness.abi import EBUSY, EPERM

PCITEST = "/usr/tests/pcitest"
LINE_RE = re.compile(r"^([0-9a-f]{2}):([0-9a-f]{2})\.([0-7]) ([0-9a-f]{4}):"
                     r"([0-9a-f]{4}) class ([0-9a-f]{2})\.([0-9a-f]{2})\."
                     r"([0-9a-f]{2}) irq (\d+) holder (\S+)$")
# What pcitest checks when it holds the device (os/tests/services/pcitest).
HOLDING_CHECKS = ("bar0", "mmio_map", "status_register", "mmio_after_bar",
                  "mmio_ram", "mmio_straddle", "mmio_other_device",
                  "io_bar", "io_after_bar", "irq_policy", "irq_release",
                  "dma_alloc", "dma_zeroed",
                  "umap", "dma_free", "read_command", "write_command",
                  "write_bar_refused", "reserve_again")


def lspci(shell):
    """lspci's lines, parsed: {(vendor, device): fields} and all lines."""
    out = shell.check("lspci")
    lines = [l for l in out.splitlines() if LINE_RE.match(l)]
    assert lines, out
    return {(m.group(4), m.group(5)): m.groups()
            for m in (LINE_RE.match(l) for l in lines)}, lines


def e1000_holder(shell):
    return lspci(shell)[0][("8086", "100e")][9]


def without_e1000(services):
    """Bring the e1000 driver /etc/rc started down (it holds the card), so
    that pcitest can play the card's driver; the card is free after."""
    if any(s["label"] == "e1000" for s in services.status()):
        out, rc = services.down("e1000")
        assert rc == 0, out
    assert e1000_holder(services.shell) == "-"


def start(services, label):
    """Start pcitest as LABEL; return what it printed about its init."""
    m = services.shell.machine
    since = len(m.console_text())
    out, rc = services.up(PCITEST, label=label)
    assert rc == 0, out
    assert m.wait_console(r"%s: done \(\d+ failed\)" % label, since=since)
    return m.console_text()[since:]


def reserved(text, label):
    r = re.search(r"%s: reserve 8086:100e: (-?\d+)" % label, text)
    assert r, text
    return int(r.group(1))


def checks(text, label):
    return dict(re.findall(r"%s: check (\w+): (ok|FAILED.*)" % label, text))


@pytest.mark.emulators("qemu")
def test_lspci_lists_the_e1000_and_the_host_bridge(services):
    shell = services.shell
    devices, lines = lspci(shell)
    e1000 = devices[("8086", "100e")]
    assert e1000[5:8] == ("02", "00", "00")      # network, Ethernet
    # Held by the e1000 driver when /etc/rc started one, else by nobody.
    driver = any(s["label"] == "e1000" for s in services.status())
    assert 1 <= int(e1000[8]) <= 15
    assert e1000[9] == ("e1000" if driver else "-")
    assert devices[("8086", "1237")][:3] == ("00", "00", "0")   # i440FX
    assert lines == sorted(lines)                 # bus, device, function
    assert "pci: " in shell.machine.console_text()


@pytest.mark.emulators("bochs")
def test_lspci_on_bochs(shell):
    """Bochs' i440FX: the host bridge and the PIIX functions, every line
    well formed, nobody holding anything (no network card by default)."""
    devices, lines = lspci(shell)
    assert devices[("8086", "1237")][:3] == ("00", "00", "0")
    assert ("8086", "7000") in devices               # PIIX3 ISA bridge
    assert all(d[9] == "-" for d in devices.values())
    assert len(lines) == len(shell.check("lspci").strip().splitlines())


@pytest.mark.emulators("qemu")
def test_one_holder_and_what_holding_gives(services):
    without_e1000(services)
    text = start(services, "pcia")
    assert reserved(text, "pcia") == 0
    assert checks(text, "pcia") == {c: "ok" for c in HOLDING_CHECKS}
    assert e1000_holder(services.shell) == "pcia"
    text = start(services, "pcib")
    assert reserved(text, "pcib") == -EBUSY
    assert checks(text, "pcib") == {"bar_not_held": "ok",
                                    "write_not_held": "ok",
                                    "irq_not_held": "ok"}
    assert e1000_holder(services.shell) == "pcia"


@pytest.mark.emulators("qemu")
def test_released_when_the_holder_goes_down(services):
    without_e1000(services)
    assert reserved(start(services, "pcia"), "pcia") == 0
    m = services.shell.machine
    since = len(m.console_text())
    out, rc = services.down("pcia")
    assert rc == 0, out
    # RS told pci at once (nobody asked pci about the device since).
    assert m.wait_console(r"pci: [0-9a-f]{2}:[0-9a-f]{2}\.[0-7] released "
                          r"\(pcia is gone\)", since=since)
    assert e1000_holder(services.shell) == "-"
    text = start(services, "pcib")
    assert reserved(text, "pcib") == 0
    assert checks(text, "pcib") == {c: "ok" for c in HOLDING_CHECKS}
    assert e1000_holder(services.shell) == "pcib"
    # pcia turned bus mastering on; the release turned it off again.
    command = int(re.search(r"pcib: command ([0-9a-f]{4})", text).group(1),
                  16)
    assert not command & 0x4, text


@pytest.mark.emulators("qemu")
@pytest.mark.parametrize("label,new_endpoint", [("pcia", False),
                                                ("pcib", True)])
def test_a_restarted_holder_reserves_again(services, label, new_endpoint):
    """pcia restarts stateful (same endpoint: it still holds the device),
    pcib with `restart reset` (a new endpoint: the dead one's hold is
    released, the new instance reserves anew)."""
    without_e1000(services)
    assert reserved(start(services, label), label) == 0
    before = services.get(label)["endpoint"]
    m = services.shell.machine
    since = len(m.console_text())
    out, rc = services.fi(label, "crash")
    assert rc == 0, out
    after = services.wait_recovered(label)["endpoint"]
    assert (after != before) == new_endpoint
    assert m.wait_console(r"%s: done \(\d+ failed\)" % label, since=since)
    text = m.console_text()[since:]
    assert reserved(text, label) == 0
    assert checks(text, label) == {c: "ok" for c in HOLDING_CHECKS}
    assert e1000_holder(services.shell) == label
    released = re.search(r"pci: [0-9a-f]{2}:[0-9a-f]{2}\.[0-7] released "
                         r"\(%s is gone\)" % label, text) is not None
    assert released == new_endpoint


@pytest.mark.emulators("qemu")
def test_a_device_not_in_the_manifest_is_refused(services):
    without_e1000(services)
    text = start(services, "pcinodev")
    assert reserved(text, "pcinodev") == -EPERM
    assert "pci: pcinodev may not reserve 8086:100e (not in its manifest)" \
        in text
    assert e1000_holder(services.shell) == "-"


@pytest.mark.emulators("qemu")
def test_a_live_updated_holder_keeps_its_device(services):
    without_e1000(services)
    assert reserved(start(services, "pcia"), "pcia") == 0
    m = services.shell.machine
    since = len(m.console_text())
    out, rc = services.update("self", "pcia")
    assert rc == 0, out
    assert m.wait_console(r"pcia: done \(\d+ failed\)", since=since)
    text = m.console_text()[since:]
    assert reserved(text, "pcia") == 0
    assert checks(text, "pcia") == {c: "ok" for c in HOLDING_CHECKS}
    assert e1000_holder(services.shell) == "pcia"


@pytest.mark.emulators("qemu")
@pytest.mark.parametrize("how", ["crash", "update"])
def test_holders_survive_a_pci_restart_or_update(services, how):
    """pci keeps its holders and the BAR sizes in DS: after a crash or a
    live update of pci the holder is still listed and still the only one
    (pcib: EBUSY), and a later holder gets the right BARs."""
    without_e1000(services)
    assert reserved(start(services, "pcia"), "pcia") == 0
    m = services.shell.machine
    since = len(m.console_text())
    if how == "crash":
        out, rc = services.fi("pci", "crash")
        assert rc == 0, out
        services.wait_recovered("pci")
    else:
        out, rc = services.update("self", "pci")
        assert rc == 0, out
    assert e1000_holder(services.shell) == "pcia"
    text = start(services, "pcib")
    assert reserved(text, "pcib") == -EBUSY
    assert "pci: " in m.console_text()[since:]
    # The BARs the new pci took from DS are right: a new holder uses them.
    out, rc = services.down("pcia")
    assert rc == 0, out
    text = start(services, "pcia")
    assert reserved(text, "pcia") == 0
    assert checks(text, "pcia") == {c: "ok" for c in HOLDING_CHECKS}
