"""`service` in the guest: usage and the errors it finds before it asks RS
(bad command lines, missing binaries and devices, bad manifests), each
with its exit status and a `service: ` message, and the sentences RS's
refusals become (no such service, running already). What RS does is
tested with RS (test_rs*.py)."""


def test_service_is_in_sbin_and_finds_its_errors(shell):
    out, status = shell.run("ls /sbin")
    assert "service" in out.split() and status == 0
    out, status = shell.run("service -h")
    assert status == 0 and out.startswith("usage: service up BINARY")
    cases = [
        ("service", 22, "service: no sub-command"),
        ("service frob", 22, "service: unknown sub-command 'frob'"),
        ("service up hello", 22, "not an absolute path"),
        ("service up /usr/drivers/nosuch", 2, "service: /usr/drivers/nosuch: "),
        ("service up /bin/echo -period", 22, "option -period needs a value"),
        ("service up /bin/echo -bogus 1", 22, "unknown option '-bogus'"),
        ("service up /bin/echo -dev /dev/nosuch", 2, "service: /dev/nosuch: "),
        ("service up /bin/echo -dev /etc/rc", 22, "not a character device"),
        ("service up /bin/echo -config /etc/rc", 22, "service: /etc/rc:4: expected 'service'"),
        ("service up /bin/echo -config /nosuch", 2, "service: /nosuch: "),
        ("service fi hello melt", 22, "unknown fault kind 'melt'"),
        # What RS answers, as sentences (explain.c), never its bare error
        # text; exit status RS's error number as before.
        ("service down nosuch", 2, "service: no service named nosuch "),
        ("service fi nosuch", 2, "service: no service named nosuch "),
        ("service status nosuch", 2, "service: no service named nosuch "),
        ("service up /usr/drivers/hello", 16,
         "service: hello is already running: up refused (a service with "
         "this label runs already)"),
        ("service up /usr/drivers/nosuch", 2, "cannot read the program ("),
        ("service up /bin/echo -dev /dev/nosuch", 2,
         "cannot use it as the device ("),
        ("service up /bin/echo -config /nosuch", 2,
         "cannot read the manifest ("),
    ]
    for line, code, message in cases:
        out, status = shell.run(line)
        assert status == code and message in out, (line, out, status)
        for said in out.splitlines():
            assert not said.endswith(("No such file or directory",
                                      "Device or resource busy")), said
    assert "state=up" in shell.check("service status hello")
