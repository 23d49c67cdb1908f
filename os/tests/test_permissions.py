"""File ownership and permissions in the guest (issue 17): what `ls -l`
shows for the root file system's defaults, chmod and chown as root, and
usertests' permission cases (os/tests/user/usertests/perms.c), which check
every rule as root and as the ordinary user student (uid 1000), a child per
case, and a set-user-id program run by student."""

from harness import suite


def long_listing(shell, path):
    """{name: (mode, owner, group)} of `ls -l PATH`."""
    out = shell.check("ls -l %s" % path)
    entries = {}
    for line in out.strip().splitlines():
        fields = line.split()
        entries[fields[-1]] = (fields[0], fields[2], fields[3])
    return entries


def test_ls_l_shows_the_default_owners_and_modes(shell):
    root = long_listing(shell, "/")
    assert root["root"] == ("drwx------", "root", "root")
    assert root["tmp"] == ("drwxrwxrwt", "root", "root")
    for d in ("bin", "sbin", "etc", "dev", "usr", "home"):
        assert root[d] == ("drwxr-xr-x", "root", "root"), d
    assert long_listing(shell, "/home")["student"] == \
        ("drwxr-xr-x", "student", "student")
    dev = long_listing(shell, "/dev")
    for name in ("null", "zero", "full", "tty", "hello"):
        assert dev[name] == ("crw-rw-rw-", "root", "root"), name
    assert dev["agent"] == ("crw-------", "root", "root")
    assert dev["console"] == ("crw--w----", "root", "root")
    etc = long_listing(shell, "/etc")
    for name in ("passwd", "group", "motd"):
        assert etc[name] == ("-rw-r--r--", "root", "root"), name
    assert etc["system.conf.d"] == ("drwxr-xr-x", "root", "root")
    for name, attrs in long_listing(shell, "/etc/system.conf.d").items():
        assert attrs == ("-rw-r--r--", "root", "root"), name
    for name, attrs in long_listing(shell, "/bin").items():
        assert attrs == ("-rwxr-xr-x", "root", "root"), name


def test_chmod_and_chown_as_root(shell):
    shell.check("rm -rf /tmp/pt; mkdir /tmp/pt; echo x > /tmp/pt/f")
    # The shell's umask (022) shapes what it creates.
    assert long_listing(shell, "/tmp/pt")["f"] == \
        ("-rw-r--r--", "root", "root")
    steps = [("chmod 4750 /tmp/pt/f", "-rwsr-x---"),
             ("chmod u-x /tmp/pt/f", "-rwSr-x---"),
             ("chmod a=r,u+w /tmp/pt/f", "-rw-r--r--"),
             ("chmod go+w,+t /tmp/pt/f", "-rw-rw-rwT")]
    for line, mode in steps:
        shell.check(line)
        assert long_listing(shell, "/tmp/pt")["f"][0] == mode, line
    shell.check("chown student /tmp/pt/f")
    assert long_listing(shell, "/tmp/pt")["f"][1:] == ("student", "root")
    shell.check("chown :student /tmp/pt/f")
    assert long_listing(shell, "/tmp/pt")["f"][1:] == ("student", "student")
    shell.check("chown 0:1234 /tmp/pt/f")
    assert long_listing(shell, "/tmp/pt")["f"][1:] == ("root", "1234")
    out, status = shell.run("chown nobody /tmp/pt/f")
    assert status == 1 and "chown: nobody: no such user" in out
    out, status = shell.run("chmod 9 /tmp/pt/f")
    assert status == 2 and "bad mode" in out
    # Root reads and writes whatever the bits say, but runs only what has
    # an x bit.
    shell.check("chmod 0 /tmp/pt/f; echo more >> /tmp/pt/f")
    assert shell.check("cat /tmp/pt/f").split() == ["x", "more"]
    shell.check("cp /bin/true /tmp/pt/t; chmod 644 /tmp/pt/t")
    out, status = shell.run("/tmp/pt/t")
    assert status != 0
    shell.check("chmod 100 /tmp/pt/t; /tmp/pt/t")
    shell.check("rm -r /tmp/pt")


def test_umask_shapes_new_files_and_children_inherit_it(shell):
    assert shell.check("umask").strip() == "0022"
    shell.check("rm -rf /tmp/um; mkdir /tmp/um; umask 077; "
                "echo x > /tmp/um/f; mkdir /tmp/um/d; "
                "sh -c 'echo y > /tmp/um/child'; umask 022")
    entries = long_listing(shell, "/tmp/um")
    assert entries["f"][0] == "-rw-------"
    assert entries["d"][0] == "drwx------"
    assert entries["child"][0] == "-rw-------"
    shell.check("rm -r /tmp/um")


def test_permission_rules_as_root_and_student(shell):
    names = shell.check("usertests -l").split()
    perm = [n for n in names if n.startswith("perm_")]
    assert "perm_system" in perm and len(perm) >= 8, names
    suite.run(shell, "usertests " + " ".join(perm), timeout=240).check(perm)


def test_a_set_user_id_root_program_run_by_student(shell):
    """chmod 4755 on a root-owned copy of id: student runs it with euid 0;
    without the bit (chmod u-s), as itself."""
    out, status = shell.run("cp /bin/id /tmp/rid && chmod 4755 /tmp/rid && "
                            "su student -c /tmp/rid")
    assert status == 0, out
    assert "uid=1000(student)" in out and "euid=0(root)" in out, out
    shell.check("chmod u-s,g+s /tmp/rid")
    out = shell.check("su student -c /tmp/rid")
    assert "euid=" not in out and "egid=0(root)" in out, out
    shell.check("chmod 700 /tmp/rid")
    out, status = shell.run("su student -c /tmp/rid")
    assert status != 0 and "Permission denied" in out, out
    shell.check("rm /tmp/rid")
