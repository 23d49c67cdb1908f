#!/usr/bin/python3
"""freeport.py: print a TCP port of 127.0.0.1 that nothing listens on now
(the kernel's choice of a free ephemeral port), for QEMU's GDB stub
(`make debug`) and the host port `make run NET=1` forwards to the guest. Another program may take it before QEMU does: QEMU then
fails to start, and `make debug` run again picks another."""

import socket


def free_port():
    """A port of 127.0.0.1 free at the time of the call."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


if __name__ == "__main__":
    print(free_port())
