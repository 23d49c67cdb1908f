"""Host test of the harness's network option (harness/machine.py: a
machine's ``net=``, QEMU's -nic, Bochs' e1000 on slirp through
os/tools/mkbochsrc.sh --net) and of `make run NET=1`'s command (issue 21).
No emulator is started: the command lines are built and read."""

import os
import socket
import subprocess

import pytest

from harness.machine import (NET_GUEST_PORT, ROOT, BochsMachine,
                             EmulatorError, QemuMachine, bochs_slirp_conf,
                             check_net, free_tcp_port, qemu_nic)


def test_check_net_takes_none_false_true_or_a_port():
    assert check_net(None) is None
    assert check_net(False) is False
    assert check_net(True) == NET_GUEST_PORT == 80
    assert check_net(8080) == 8080
    for bad in (0, 65536, -1, "80", 1.5):
        with pytest.raises(EmulatorError):
            check_net(bad)


def test_free_tcp_port_is_bindable():
    port = free_tcp_port()
    assert 0 < port < 65536
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", port))


def qemu_args(tmp_path, **options):
    """The QEMU arguments of a machine with OPTIONS, as _launch builds them
    (the host port picked as it would be), without starting QEMU."""
    m = QemuMachine(os.path.join(ROOT, "build", "os.iso"),
                    workdir=str(tmp_path), **options)
    m.qmp_path = str(tmp_path / "qmp.sock")
    if m.net:
        m.host_port = free_tcp_port()
    return m, m.base_args()


def test_qemu_default_machine_keeps_its_default_card(tmp_path):
    m, args = qemu_args(tmp_path)
    assert "-nic" not in args and "-net" not in args
    assert m.host_port is None


def test_qemu_net_forwards_a_host_port_to_the_guest(tmp_path):
    m, args = qemu_args(tmp_path, net=True)
    nic = args[args.index("-nic") + 1]
    assert nic == ("user,model=e1000,hostfwd=tcp:127.0.0.1:%d-:80"
                   % m.host_port)
    assert nic == qemu_nic(m.host_port, 80)
    m, args = qemu_args(tmp_path, net=8080)
    assert args[args.index("-nic") + 1].endswith("-:8080")


def test_qemu_net_false_has_no_card(tmp_path):
    m, args = qemu_args(tmp_path, net=False)
    assert args[args.index("-nic") + 1] == "none"
    assert args.count("-nic") == 1


def test_bochs_net_uses_the_e1000_plugin_on_slirp(tmp_path):
    conf = tmp_path / "slirp.conf"
    conf.write_text(bochs_slirp_conf(40000, 80))
    text = conf.read_text()
    assert text.startswith("# slirp config\n")      # Bochs requires it
    assert "hostfwd = tcp:127.0.0.1:40000-:80" in text
    assert "host = 10.0.2.2" in text and "dns = 10.0.2.3" in text
    out = subprocess.run(
        [os.path.join(ROOT, "os", "tools", "mkbochsrc.sh"), "--iso",
         "x.iso", "--net", str(conf)], capture_output=True, text=True,
        check=True).stdout
    assert ('e1000: enabled=1, mac=52:54:00:12:34:56, ethmod=slirp, '
            'script="%s"' % conf) in out
    plain = subprocess.run(
        [os.path.join(ROOT, "os", "tools", "mkbochsrc.sh"), "--iso",
         "x.iso"], capture_output=True, text=True, check=True).stdout
    assert "e1000" not in plain
    iso = os.path.join(ROOT, "build", "os.iso")
    assert BochsMachine(iso, workdir=str(tmp_path), net=True).net == 80
    assert BochsMachine(iso, workdir=str(tmp_path)).net is None


def test_make_run_net_prints_and_forwards_the_port():
    out = subprocess.run(["make", "-s", "-n", "-C", ROOT, "run", "NET=1",
                          "DISK=none"], capture_output=True, text=True,
                         check=True).stdout
    assert 'echo "net: host port $port -> guest port 80"' in out
    assert "-nic user,model=e1000,hostfwd=tcp:127.0.0.1:$port-:80" in out
    plain = subprocess.run(["make", "-s", "-n", "-C", ROOT, "run",
                            "DISK=none"], capture_output=True, text=True,
                           check=True).stdout
    assert "-nic" not in plain and "net: host port" not in plain
