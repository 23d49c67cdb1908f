"""Host tests of the service-manifest parser (os/lib/manifest) through
manifest-check (os/tools/manifest_check.c), the host program the build
uses to check every manifest in the image: good manifests and their parsed
values, every kind of error with its FILE:LINE, time values, and the
manifests the image installs. No emulator: built with the host gcc."""

import glob
import os
import subprocess

import pytest

from harness.hostbuild import compile
from harness import abi
from harness.machine import ROOT

SOURCES = sorted(glob.glob(os.path.join(ROOT, "os", "lib", "manifest",
                                        "*.c"))) + \
    [os.path.join(ROOT, "os", "tools", "manifest_check.c")]

GOOD = """# comment
service hello {
\tipc     vfs;              # labels it may send to (ALL: anyone)
\tsystem  DEVIO IRQCTL;     # kernel calls beyond the basic ones (ALL)
\tio      378:3 3f8;        # hex port base[:count]
\tirq     7;                # IRQ lines 0-15 (not 0 or 2)
\tperiod  2HZ;              # heartbeat: ticks, or NHZ seconds; 0 = none
\trestart stateful;         # stateful | reset | never
};
"""


@pytest.fixture(scope="module")
def check(tmp_path_factory):
    """Builds manifest-check; returns its path."""
    out = str(tmp_path_factory.mktemp("manifest") / "manifest-check")
    r = compile(SOURCES, out, ["-std=gnu11", "-O2"])
    assert r.returncode == 0, r.stderr
    return out


def run(check, *args):
    return subprocess.run([check] + list(args), capture_output=True,
                          text=True, timeout=30)


def dump(check, tmp_path, text, name="hello"):
    path = tmp_path / name
    path.write_text(text)
    r = run(check, "-d", str(path))
    assert r.returncode == 0, r.stderr
    return dict(line.split("=", 1) for line in r.stdout.splitlines())


def error(check, tmp_path, text, name="hello"):
    path = tmp_path / name
    path.write_text(text)
    r = run(check, str(path))
    assert r.returncode == 1 and r.stdout == ""
    return r.stderr.strip().replace(str(path), "FILE")


def test_the_example_manifest(check, tmp_path):
    assert dump(check, tmp_path, GOOD) == {
        "label": "hello", "ipc": "vfs", "system": "DEVIO,IRQCTL",
        "io": "378-37a,3f8-3f8", "irq": "7", "period": "200",
        "restart": "stateful", "core": ""}
    assert run(check, str(tmp_path / "hello")).returncode == 0


def test_defaults_and_ALL(check, tmp_path):
    assert dump(check, tmp_path, "service x {};") == {
        "label": "x", "ipc": "", "system": "", "io": "", "irq": "",
        "period": "0", "restart": "stateful", "core": ""}
    d = dump(check, tmp_path, "service pm{ipc ALL;system ALL FORK;"
             "restart never;period 50;core ALL;};")
    assert d["ipc"] == "ALL" and d["system"] == "ALL,FORK"
    assert d["restart"] == "never" and d["period"] == "50"
    assert d["core"] == "down,refresh,restart,fi,update"
    d = dump(check, tmp_path, "service x {\n restart reset;\n"
             " io 0:1 fff0:10 ;\n irq 1 3 15; ;\n};\n")
    assert d["restart"] == "reset" and d["io"] == "0-0,fff0-ffff"
    assert d["irq"] == "1,3,15"
    d = dump(check, tmp_path, "service ds {\n restart inplace;\n"
             " period 5HZ;\n core down;\n};\n", name="ds")
    assert d["restart"] == "inplace" and d["period"] == "500"
    assert d["core"] == "down"
    d = dump(check, tmp_path, "service x {\n io 70 71/r 378:3/r;\n};\n")
    assert d["io"] == "70-70,71-71/r,378-37a/r"


def test_core_lists_the_commands_rs_refuses(check, tmp_path):
    d = dump(check, tmp_path, "service x {\n core update down down;\n};")
    assert d["core"] == "down,update" and d["restart"] == "stateful"
    d = dump(check, tmp_path, "service x { core fi ALL; restart never; };")
    assert d["core"] == "down,refresh,restart,fi,update"


def test_pci_devices_a_driver_may_reserve(check, tmp_path):
    d = dump(check, tmp_path, "service e1000 {\n pci device 8086:100e "
             "8086:100E 10ec:8139;\n};", name="e1000")
    assert d["pci"] == "8086:100e,10ec:8139"
    # Without the key, no pci line (the dumps above stay as they were).
    assert "pci" not in dump(check, tmp_path, "service x {};")
    # "pci" is also the PCI server's label, in an ipc list on its line.
    d = dump(check, tmp_path, "service x {\n ipc vfs pci;\n pci device "
             "8086:100e;\n};", name="x")
    assert d["ipc"] == "vfs,pci" and d["pci"] == "8086:100e"
    assert error(check, tmp_path, "service x {\n ipc vfs\n pci device "
                 "8086:100e;\n};", name="x").startswith(
        "FILE:2: missing ';' after 'ipc'")


@pytest.mark.parametrize("text,message", [
    ("service x {\n pci 8086:100e;\n};", "FILE:2: bad pci '8086:100e'"),
    ("service x {\n pci device;\n};", "FILE:2: 'pci device' needs a device"),
    ("service x {\n pci device 8086;\n};", "FILE:2: bad pci device '8086'"),
    ("service x {\n pci device 8086:10e;\n};",
     "FILE:2: bad pci device '8086:10e'"),
    ("service x {\n pci device 8086:100e0;\n};",
     "FILE:2: bad pci device '8086:100e0'"),
    ("service x {\n pci device 8086-100e;\n};",
     "FILE:2: bad pci device '8086-100e'"),
    ("service x {\n pci device device;\n};",
     "FILE:2: bad pci device 'device'"),
    ("service x {\n pci device " + " ".join("1:%04x" % i for i in range(9))
     + ";\n};", "FILE:2: bad pci device '1:0000'"),
    ("service x {\n pci device " + " ".join("0001:%04x" % i for i in range(9))
     + ";\n};", "FILE:2: too many pci devices (at most 8)"),
])
def test_bad_pci_lists(check, tmp_path, text, message):
    assert error(check, tmp_path, text, name="x").startswith(message)


def test_every_kernel_call_name_comes_from_KCALL_LIST(check, tmp_path):
    kcalls = open(os.path.join(ROOT, "os", "include", "abi",
                               "kcalls.h")).read()
    names = [line.split("X(")[1].split(",")[0].strip()
             for line in kcalls.splitlines() if line.strip().startswith("X(")]
    assert "DEVIO" in names and "NULL" in names
    d = dump(check, tmp_path, "service x { system %s; };" % " ".join(names))
    assert d["system"] == ",".join(names)


@pytest.mark.parametrize("text,message", [
    ("service x {\n system DEVIO FROB;\n};", "FILE:2: unknown kernel call 'FROB'"),
    ("service x {\n io 10000;\n};", "FILE:2: bad io range '10000'"),
    ("service x {\n\n io ffff:2;\n};", "FILE:3: bad io range 'ffff:2'"),
    ("service x {\n io 378:0;\n};", "FILE:2: bad io range '378:0'"),
    ("service x {\n io 378:;\n};", "FILE:2: bad io range '378:'"),
    ("service x {\n io x378;\n};", "FILE:2: bad io range 'x378'"),
    ("service x {\n io 71/w;\n};", "FILE:2: bad io range '71/w'"),
    ("service x {\n io 71/rr;\n};", "FILE:2: bad io range '71/rr'"),
    ("service x {\n io 1:ffffffff;\n};", "FILE:2: bad io range '1:ffffffff'"),
    ("service x {\n io 1 2 3 4 5 6 7 8 9;\n};", "FILE:2: too many io ranges"),
    ("service x {\n irq 0;\n};", "FILE:2: bad irq '0'"),
    ("service x {\n irq 2;\n};", "FILE:2: bad irq '2'"),
    ("service x {\n irq 16;\n};", "FILE:2: bad irq '16'"),
    ("service x {\n irq 07;\n};", "FILE:2: bad irq '07'"),
    ("service x {\n irq -1;\n};", "FILE:2: bad irq '-1'"),
    ("service x {\n colour blue;\n};", "FILE:2: unknown key 'colour'"),
    ("service x {\n period 2HZ\n restart never;\n};",
     "FILE:2: missing ';' after 'period'"),
    ("service x {\n ipc vfs\n system DEVIO;\n};",
     "FILE:2: missing ';' after 'ipc'"),
    ("service x {\n ipc vfs }\n;", "FILE:2: missing ';' after 'ipc'"),
    ("service x {\n period 2HZ;\n", "FILE:3: missing '}'"),
    ("service x {\n period 2HZ;\n}\n", "FILE:4: missing ';' after '}'"),
    ("service x {\n period 2hz;\n};", "FILE:2: bad period '2hz'"),
    ("service x {\n period -5;\n};", "FILE:2: bad period '-5'"),
    ("service x {\n period 99999999999;\n};", "FILE:2: bad period"),
    ("service x {\n period;\n};", "FILE:2: 'period' needs a value"),
    ("service x {\n period 1; period 2;\n};", "FILE:2: key 'period' given twice"),
    ("service x {\n restart sometimes;\n};", "FILE:2: bad restart policy 'sometimes'"),
    ("service x {\n core stop;\n};", "FILE:2: bad core command 'stop'"),
    ("service x {\n core;\n};", "FILE:2: 'core' needs a value"),
    ("# a core server\nservice x {\n restart never;\n core down fi;\n};",
     "FILE:2: 'restart never' needs 'core ALL'"),
    ("service x {\n restart never;\n};", "FILE:1: 'restart never' needs"),
    ("service x {\n ipc " + " ".join("l%d" % i for i in range(17)) + ";\n};",
     "FILE:2: too many ipc labels (at most 16)"),
    ("service x {\n ipc averyveryverylonglabel;\n};", "FILE:2: bad ipc label"),
    ("\n# nothing\n", "FILE:3: expected 'service', found end of file"),
    ("srvice x {};", "FILE:1: expected 'service', found srvice"),
    ("service {};", "FILE:1: expected a label after 'service'"),
    ("service a/b {};", "FILE:1: bad label 'a/b'"),
    ("service x\n period 1;\n};", "FILE:2: expected '{' after the label"),
    ("service x {};\nservice y {};\n", "FILE:2: unexpected service after"),
    ("service x {\n ipc " + "a" * 70 + ";\n};", "FILE:2: word too long"),
])
def test_errors_name_the_file_and_line(check, tmp_path, text, message):
    assert error(check, tmp_path, text, name="x").startswith(message)


def test_the_label_must_be_the_file_name(check, tmp_path):
    assert error(check, tmp_path, "service y {};", name="x") == \
        "FILE:1: service 'y' in a file named 'x' (the label must be the " \
        "file's name)"
    (tmp_path / "hello.conf").write_text(GOOD)
    assert run(check, str(tmp_path / "hello.conf")).returncode == 0


@pytest.mark.parametrize("value,ticks", [
    ("0", 0), ("50", 50), ("2HZ", 200), ("1HZ", 100), ("0HZ", 0),
    ("2147483647", 2147483647), ("21474836HZ", 2147483600)])
def test_time_values(check, value, ticks):
    r = run(check, "-t", value)
    assert r.returncode == 0 and r.stdout == "%d\n" % ticks


@pytest.mark.parametrize("value", [
    "", "HZ", "2hz", "2 HZ", "-1", "+1", "2HZZ", "1.5HZ", "0x10",
    "2147483648", "21474837HZ", "99999999999999999999"])
def test_bad_time_values(check, value):
    r = run(check, "-t", value)
    assert r.returncode == 1 and "bad time value" in r.stderr


# What each boot service's manifest says: label -> (restart, period or
# None when not checked, core), as os/servers/rs/README.md "The policy of
# each service" tables it. A service that restarts in place refuses only
# down.
EVERY_CORE = "down,refresh,restart,fi,update"
POLICIES = {
    "pm": ("inplace", "200", "down"),
    "mm": ("inplace", "200", "down"),
    "vfs": ("inplace", "200", "down"),
    "rootfs": ("inplace", "200", "down"),
    "ds": ("inplace", "200", "down"),
    "tty": ("inplace", "200", "down"),
    "memdev": ("inplace", "200", "down"),
}


def test_the_manifests_the_image_installs(check):
    conf = os.path.join(ROOT, "os", "rootfs", "etc", "system.conf.d")
    files = sorted(glob.glob(os.path.join(conf, "*")))
    assert [os.path.basename(f) for f in files] == \
        sorted(s for s in abi.BOOT_SERVICES if s != "rs")
    r = run(check, *files)
    assert r.returncode == 0, r.stderr
    for label, (restart, period, core) in POLICIES.items():
        d = dict(line.split("=", 1) for line in
                 run(check, "-d", os.path.join(conf, label)).stdout.split())
        assert d["restart"] == restart, label
        assert period is None or d["period"] == period, label
        assert d["core"] == core, label


# manifest_file_trusted (os/lib/manifest/trust.c), which `service` applies
# to every manifest it reads: built with a small host driver.
TRUST_SOURCES = [os.path.join(ROOT, "os", "tests", "host", "manifest",
                              "trust_host.c"),
                 os.path.join(ROOT, "os", "lib", "manifest", "trust.c")]


@pytest.fixture(scope="module")
def trust(tmp_path_factory):
    """Builds trust-host; returns its path."""
    out = str(tmp_path_factory.mktemp("trust") / "trust-host")
    r = compile(TRUST_SOURCES, out, ["-std=gnu11", "-O2"])
    assert r.returncode == 0, r.stderr
    return out


def judge(trust, *args):
    r = run(trust, *args)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


@pytest.mark.parametrize("kind,mode,uid,verdict", [
    ("f", "644", "0", "trusted"),
    ("f", "600", "0", "trusted"),
    ("f", "444", "0", "trusted"),
    ("f", "4755", "0", "trusted"),
    ("f", "664", "0", "writable by its group"),
    ("f", "646", "0", "writable by others"),
    ("f", "666", "0", "writable by its group and others"),
    ("f", "777", "0", "writable by its group and others"),
    ("f", "644", "1000", "not owned by root"),
    ("f", "666", "1000", "not owned by root"),
    ("d", "755", "0", "not a regular file"),
    ("c", "600", "0", "not a regular file"),
])
def test_a_manifest_file_must_be_roots_alone(trust, kind, mode, uid, verdict):
    assert judge(trust, kind, mode, uid) == verdict


def test_a_real_file_is_judged_by_its_fstat(trust, tmp_path):
    path = tmp_path / "m.conf"
    path.write_text("service m {};\n")
    path.chmod(0o644)
    expect = "trusted" if os.getuid() == 0 else "not owned by root"
    assert judge(trust, "-f", str(path)) == expect
    path.chmod(0o666)
    assert judge(trust, "-f", str(path)) in (
        "writable by its group and others", "not owned by root")
