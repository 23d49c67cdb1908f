"""Campaigns over the network services (e1000, inet, pci), in the guest: a
small campaign faults each of them and every trial survives, each
service's state checked after each (os/tests/user/fic/net.c); and the
checks can fail: fic's `X pci` and `X inet` spoil what the checks compare
with, and the next trial is wrong with that reason. The runner's side is
tested on the host (test_campaign_net_host.py)."""

import json
import subprocess
import sys

from harness.machine import ROOT
from harness.shell import Shell

R_LINE = r"R %d (\S+) (-?\d+) (\d+) (\d+) (\d+) (\S+)\r*\n"


def test_small_network_campaign_survives(tmp_path):
    """`make campaign FAULTS=12 DRIVERS="e1000 inet pci" SEED=5`: every
    trial recovered (or latent), each service faulted at least once."""
    r = subprocess.run([sys.executable, "-m", "harness", "campaign",
                        "--out", str(tmp_path), "--faults", "12", "--seed",
                        "5", "--drivers", "e1000 inet pci"], cwd=ROOT,
                       capture_output=True, text=True, timeout=600)
    rep = json.load(open(str(tmp_path / "report.json")))
    assert r.returncode == 0, r.stdout + r.stderr
    assert rep["survived"] == rep["trials"] == 12, rep["failures"]
    assert rep["wrong_data"] == 0 and rep["not_recovered"] == 0
    for label in ("e1000", "inet", "pci"):
        assert rep["per_driver"][label]["recovered"] >= 1, rep["per_driver"]
    # the workloads really talked to the services
    assert rep["operations"]["ok"] > 12, rep["operations"]


def trial(machine, ident, spec):
    machine.sendline("T %d %s" % (ident, spec))
    machine.expect(R_LINE % ident, 60)
    return machine.console.match.groups()


def test_a_spoiled_network_state_is_wrong_data_with_its_reason(boot):
    m = boot(net=True)
    shell = Shell(m).wait_prompt()
    shell.check("service refresh e1000 -b", timeout=60)
    for n, (label, reason) in enumerate((("pci", "pci:lspci-changed"),
                                         ("inet", "inet:interface-changed"))):
        m.sendline("fic e1000 inet pci")
        m.expect(r"fic: (ready|state: [^\r\n]*)", 60)
        assert m.console.match.group(0) == "fic: ready"
        g = trial(m, 1, "e1000 crash 2")
        assert g[0] == "recovered" and g[4] == "0", g
        assert int(g[2]) > 0, g          # the workload answered
        m.sendline("X " + label)
        m.expect(r"X %s (done|refused)" % label, 30)
        assert m.console.match.group(1) == "done", label
        g = trial(m, 2, "e1000 segv 0")
        assert g[0] == "wrong" and g[5] == "state:" + reason, (label, g)
        m.sendline("Q")
        m.expect("fic: bye", 30)
        shell.wait_prompt(30)
