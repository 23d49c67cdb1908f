"""Magic grants (issue 23): a character device's read goes straight from
the driver to the reader's buffer, through a grant VFS makes on that
buffer for the driver alone (abi/grant.h GRANT_MAGIC). A hostile driver
(os/tests/services/grabber, started in place of hello) tries to misuse it
on every read and reports what the kernel answered: a copy past the
range, the grant of its previous request (revoked when that request
ended), and a magic grant of its own on the reader's memory (only VFS may
make one) are all refused with EPERM; the reader gets the driver's text
and nothing else. The kernel side (no PRIV_MAGIC_GRANT: refused; PRIVCTL
cannot give it) is os/tests/ktest/grants.c's grant_magic_refused."""

import re

ATTEMPTS_RE = (r"grabber: beyond=(\S+) over=(\S+) stale=(\S+) "
               r"forged=(\S+)\r?\n")
EPERM = "-1"


def test_a_hostile_driver_cannot_misuse_the_readers_grant(services):
    shell = services.shell
    out, rc = services.run("down hello")
    assert rc == 0, out
    out, rc = services.up("/usr/tests/grabber", label="hello",
                          dev="/dev/hello")
    assert rc == 0, out
    out, rc = shell.run("cat /dev/hello")
    assert rc == 0, out
    m = re.search(ATTEMPTS_RE, out)
    assert m, out
    assert m.groups() == (EPERM, EPERM, "none", EPERM), out
    # The next reader: the last request's grant is dead now.
    out, rc = shell.run("cat /dev/hello")
    assert rc == 0, out
    m = re.search(ATTEMPTS_RE, out)
    assert m, out
    assert m.groups() == (EPERM, EPERM, EPERM, EPERM), out
    out, rc = services.run("down hello")
    assert rc == 0, out
    out, rc = services.up("/usr/drivers/hello", dev="/dev/hello")
    assert rc == 0, out
    out, rc = shell.run("cat /dev/hello")
    assert out.strip().endswith("Hello, World!"), out
