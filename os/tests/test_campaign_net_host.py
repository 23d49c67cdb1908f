"""Host tests of campaigns over the network services e1000, inet and pci
(harness/campaign_plan.py, harness/campaign.py, harness/fuzz.py): how
DRIVERS names them (their own labels, the words ``net`` and ``all``), the
trials planned for them, what the runner does at the guest's shell (down
and up with -b -period, pci before inet before e1000, e1000 again after
pci), the network card of their machines and fic's command line. No
emulator; the mutations need the built binaries (build/bin), as
test_mutate_host.py's do. The guest side: test_campaign_net.py."""

import pytest

from harness import campaign, fuzz, mutate
from harness import campaign_plan as cplan

NET = ["pci", "inet", "e1000"]
CORE = list(cplan.CORE_SERVICES)


def test_the_network_services_are_known_labels():
    assert list(cplan.NET_SERVICES) == NET
    for label in NET:
        assert label in cplan.KNOWN_SERVICES
        assert cplan.is_net(label) and not cplan.is_core(label)
    for label in cplan.KNOWN_DRIVERS + cplan.CORE_SERVICES:
        assert not cplan.is_net(label)
    # what was there stays as it was
    assert cplan.DEFAULT_DRIVERS == ("hello", "rtc", "printer")
    assert cplan.parse_labels("core") == CORE
    assert cplan.parse_labels("", core=True) == \
        ["hello", "rtc", "printer"] + CORE


@pytest.mark.parametrize("text, core, want", [
    ("e1000 inet pci", False, ["e1000", "inet", "pci"]),
    ("e1000,pci", False, ["e1000", "pci"]),
    ("net", False, NET),
    ("hello net", False, ["hello"] + NET),
    ("net", True, NET + CORE),
    ("inet net", False, ["inet", "pci", "e1000"]),
    ("all", False, ["hello", "rtc", "printer", "ata"] + CORE + NET),
    ("all core net hello", False,
     ["hello", "rtc", "printer", "ata"] + CORE + NET),
])
def test_drivers_text_names_the_network_services(text, core, want):
    assert cplan.parse_labels(text, core) == want


def _checked(monkeypatch, tmp_path, drivers):
    monkeypatch.setattr(campaign.shutil, "which", lambda name: "/bin/q")
    image = tmp_path / "os.iso"
    image.write_bytes(b"")
    return campaign.check_args(campaign.parse_args(
        ["--faults", "10", "--image", str(image), "--drivers", drivers]))


def test_check_args_takes_the_words(monkeypatch, tmp_path):
    assert _checked(monkeypatch, tmp_path, "net").drivers == NET
    assert len(_checked(monkeypatch, tmp_path, "all").drivers) == \
        len(cplan.KNOWN_SERVICES)
    with pytest.raises(campaign.BadInput,
                       match="unknown driver eth0 .*net.*all"):
        _checked(monkeypatch, tmp_path, "e1000 eth0")


def test_trials_over_the_network_services_cover_every_kind():
    bins = {label: mutate.load(label) for label in NET}
    trials = list(cplan.plan(20261207, 300, NET, bins))
    assert {t.driver for t in trials} == set(NET)
    assert {t.kind for t in trials} == set(cplan.KINDS)
    for t in trials:
        assert cplan.plan_trial(t.seed, NET, bins, t.index) == t
        assert t.ahead(t.index) is None


@pytest.mark.parametrize("labels, want", [
    (["e1000", "hello", "inet", "pci"], ["hello", "pci", "inet", "e1000"]),
    (["pci"], ["pci", "e1000"]),
    (["inet"], ["inet"]),
    (["e1000", "pm"], ["pm", "e1000"]),
    (["hello", "rtc"], ["hello", "rtc"]),
])
def test_setup_order_puts_e1000_after_pci_and_inet(labels, want):
    assert cplan.setup_order(labels) == want


STATUS = """label=rs endpoint=263 pid=8 restarts=0 state=up period=0 binary=rs dev=- restart=inplace
label=pm endpoint=257 pid=2 restarts=0 state=up period=200 binary=pm dev=- restart=inplace
label=hello endpoint=269 pid=25 restarts=0 state=up period=200 binary=/usr/drivers/hello dev=/dev/hello restart=stateful
label=pci endpoint=272 pid=28 restarts=0 state=up period=0 binary=/sbin/pci dev=/dev/pci restart=stateful
label=inet endpoint=273 pid=29 restarts=0 state=up period=500 binary=/sbin/inet dev=/dev/ip restart=stateful
label=e1000 endpoint=275 pid=31 restarts=0 state=up period=500 binary=/usr/drivers/e1000 dev=- restart=reset
"""


class FakeShell:
    """Answers `service status` with STATUS, anything else with 0."""

    def __init__(self):
        self.lines = []

    def run(self, line, timeout=None):
        self.lines.append(line)
        return (STATUS if line == "service status" else ""), 0


def _worker(drivers):
    w = campaign.Worker(0, "os.iso", "/tmp/none", drivers, {}, "10")
    w.shell = FakeShell()
    return w


def test_setup_brings_the_network_services_down_and_up_in_order():
    w = _worker(["e1000", "hello", "inet", "pci", "pm"])
    w.setup_drivers()
    assert w.shell.lines == [
        "service status",
        "service down hello",
        "service up /usr/drivers/hello -dev /dev/hello -b -period 10",
        "service refresh pm -b",
        "service down pci",
        "service up /sbin/pci -dev /dev/pci -b -period 10",
        "service down inet",
        "service up /sbin/inet -dev /dev/ip -b -period 10",
        "service down e1000",
        "service up /usr/drivers/e1000 -b -period 10",
    ]


def test_setup_of_pci_alone_has_e1000_reserve_its_card_again():
    w = _worker(["pci"])
    w.setup_drivers()
    assert w.shell.lines[-2:] == [
        "service down e1000", "service up /usr/drivers/e1000 -b -period 10"]


def test_a_network_campaign_boots_machines_with_a_card(monkeypatch):
    seen = []

    class Machine:
        def __init__(self, image, **kw):
            seen.append(kw)

        def boot(self):
            raise RuntimeError("stop here")

    monkeypatch.setattr(campaign, "QemuMachine", Machine)
    for drivers, net in ((["hello", "inet"], True), (["hello"], None),
                         (["pm", "pci"], True), (["e1000"], True)):
        w = campaign.Worker(0, "os.iso", "/tmp/none", drivers, {}, "10")
        with pytest.raises(RuntimeError):
            w.boot()
        assert seen[-1]["net"] is net, drivers


def test_fic_command_names_the_network_services():
    assert campaign.fic_command(["hello", "e1000", "pm", "pci"]) == \
        "fic e1000 pm pci"
    assert campaign.fic_command(["hello", "rtc"]) == "fic"


def test_fuzz_fi_takes_the_words_too():
    labels = cplan.parse_labels("net")
    assert labels == NET
    seen = {fuzz.fi_plan(seed, labels)[0] for seed in range(100)}
    assert seen == set(NET)
    assert set(cplan.parse_labels("all")) >= set(NET + CORE)
