"""The network commands in the guest. Over the loopback (inet answers
127.0.0.1 and its own address itself: no network card needed): ifconfig
shows and sets the interface (root only), ping answers, wget downloads
what httpd serves byte for byte (and 404), nc copies between a listener
and a client. Without a network server (inet brought down) each fails
cleanly with "Network is down" and status 1. The same programs run on
the host's TCP/IP in os/tests/test_net_commands_host.py."""

import re

import pytest


def inet_running(shell):
    return re.search(r"^label=inet ", shell.check("service status"), re.M)


def wait_file(shell, path):
    """Wait until PATH is not empty (a background server wrote its first
    line there: it listens)."""
    shell.check("while [ ! -s %s ]; do sleep 1; done" % path, timeout=60)


@pytest.mark.emulators("qemu")
def test_commands_over_the_loopback(shell):
    if not inet_running(shell):
        pytest.skip("no network server in this image")
    out = shell.check("ifconfig")
    assert out.startswith("eth0: flags=<UP"), out
    assert "inet 10.0.2.15  netmask 255.255.255.0  gateway 10.0.2.2  " \
        "dns 10.0.2.3" in out, out
    out = shell.check("ifconfig -s")
    assert re.search(r"^\s+icmp_rx\s+\d+  ICMP messages received$", out,
                     re.M), out
    out = shell.check("ping -c 2 127.0.0.1")
    assert re.findall(r"^64 bytes from 127\.0\.0\.1: icmp_seq=(\d) time=",
                      out, re.M) == ["1", "2"], out
    assert "2 packets transmitted, 2 received, 0% packet loss" in out
    shell.check("ping -c 1 10.0.2.15")
    # httpd and wget: 300 KiB, a directory's index.html, a 404.
    shell.check("mkdir -p /tmp/www && echo hello-www > /tmp/www/index.html"
                " && dd if=/dev/zero of=/tmp/www/big bs=1024 count=300"
                " 2>/dev/null && echo tail >> /tmp/www/big")
    shell.check("httpd 8080 /tmp/www > /tmp/httpd.log & true")
    wait_file(shell, "/tmp/httpd.log")
    out = shell.check("wget -O /tmp/got http://127.0.0.1:8080/big"
                      " && cmp /tmp/got /tmp/www/big && echo same")
    assert out == "wget: saved /tmp/got (307205 bytes)\nsame\n", out
    assert shell.check("wget -q -O - http://localhost:8080/") == \
        "hello-www\n"
    out, status = shell.run("cd /tmp && wget http://10.0.2.15:8080/nope")
    assert (out, status) == (
        "wget: http://10.0.2.15:8080/nope: 404 Not Found\n", 1)
    assert shell.run("ls /tmp/nope")[1] != 0
    log = shell.check("cat /tmp/httpd.log")
    assert "httpd: GET /big 200 307205\n" in log, log
    assert "httpd: GET /nope 404 0\n" in log, log
    # nc: a listener and a client, both ways.
    shell.check("echo from-server | nc -v -l 9000 > /tmp/nc.out"
                " 2> /tmp/nc.err & ncpid=$!")
    wait_file(shell, "/tmp/nc.err")
    out = shell.check("echo from-client | nc 127.0.0.1 9000")
    assert out == "from-server\n", out
    shell.run("wait $ncpid")          # the listener's end (maybe over)
    assert shell.check("cat /tmp/nc.out") == "from-client\n"
    # Ports below 1024 are root's: a user's server cannot take them.
    out, status = shell.run("su student -c 'httpd 80 /tmp/www'")
    assert (out, status) == ("httpd: bind: Permission denied\n", 1), out
    # Setting the interface is root's.
    out, status = shell.run("su student -c 'ifconfig eth0 10.0.2.17'")
    assert (out, status) == ("ifconfig: /dev/ip: Permission denied\n", 1)
    shell.check("ifconfig eth0 10.0.2.16 netmask 255.255.255.0 gw 10.0.2.2")
    assert "inet 10.0.2.16  " in shell.check("ifconfig")
    shell.check("ifconfig eth0 10.0.2.15")

COMMANDS = [
    ("ifconfig", "ifconfig: /dev/ip: Network is down"),
    ("ifconfig -s", "ifconfig: /dev/ip: Network is down"),
    ("ping -c 1 10.0.2.2", "ping: socket: Network is down"),
    ("wget http://10.0.2.2/x", "wget: socket: Network is down"),
    ("nc 10.0.2.2 80", "nc: socket: Network is down"),
    ("nc -l 8080", "nc: socket: Network is down"),
    ("httpd 8080 /tmp", "httpd: socket: Network is down"),
]


def test_network_commands_fail_cleanly_without_inet(shell):
    if inet_running(shell):
        shell.check("service down inet")
    out = shell.check("ls -l /dev/tcp /dev/udp /dev/icmp /dev/ip")
    for line in ("crw-rw-rw-   1 root     root       15,   0 /dev/tcp",
                 "crw-rw-rw-   1 root     root       15,   1 /dev/udp",
                 "crw-rw-rw-   1 root     root       15,   2 /dev/icmp",
                 "crw-r--r--   1 root     root       15,   3 /dev/ip"):
        assert line in out, out
    for command, message in COMMANDS:
        out, status = shell.run(command)
        assert (out.strip(), status) == (message, 1), command
    out, status = shell.run("wget ftp://x/y")
    assert status == 2, out
