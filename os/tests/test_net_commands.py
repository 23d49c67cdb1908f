"""The network commands in the guest without a network server (inet not
running: none yet, or brought down first): each fails cleanly with
"Network is down" and status 1, never hangs or crashes; the socket
device files are there (os/rootfs/proto). Their behaviour over TCP/IP is
os/tests/test_net_commands_host.py (on the host's network)."""

import re

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
    if re.search(r"^label=inet ", shell.check("service status"), re.M):
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
