"""Issue 22: the two recovery paths a `service fi` between requests never
takes, made to happen on purpose by the debug fault kinds of abi/sef.h
(FI_DEBUG_KIND_LIST; never planned by a campaign):

- `service fi LABEL corrupt`: the service's corrupt hook damages
  something its kept-state check must catch, then it crashes. RS restarts
  it in place, the check refuses the state (`LABEL: kept state is
  inconsistent: WHY`, never used), and RS starts the program afresh at the
  same endpoint (two restarts counted). Offered where a fresh start keeps
  the system running: ds (comes back empty; RS publishes every label
  again; what services published themselves is gone), rootfs (the boot
  archive again; files made since are gone), tty (the console set up
  again, its settings and groups at their defaults) and memdev (no state
  of its own). pm, mm and vfs check their state but offer no hook (tried:
  a fresh pm fails its init for ever, a fresh vfs leaves the shell
  hanging in a call it forgot, a fresh mm forgets every break and
  mapping): refused with ENOSYS and a sentence saying so; a service
  without a check too; rs offers no debug kind; only root may ask.
- `service fi LABEL midrequest`: armed; the service crashes just after it
  received its next request from a user process or a non-boot service
  (not the asker's): that request is in flight at the crash. Restarted in
  place with its state, the new instance answers it -EIO, which the caller
  sees (hello's checkpoint in DS, cat's open through VFS, a shell's fork
  through PM); the same endpoint and pid, one restart more, everything
  else kept.
"""

import re

from harness.abi import ENOSYS, EPERM
from kit.core_recovery import RESTARTED_IN_PLACE, processes, status_view

INCONSISTENT = r"%s: kept state is inconsistent: ([^\r\n]+)"
RESTARTED_FRESH = r"rs: %s restarted \(endpoint %d, restarts %d\)"
ANSWERED_EIO = (r"%s: request 0x([0-9a-f]+) from (\d+) was in flight when "
                r"the previous instance failed: answered -EIO \(0\)")
CRASH_IN = r"%s: fault injection: crash in the middle of request 0x([0-9a-f]+)"


def corrupt(services, label, corrupted_re):
    """`service fi LABEL corrupt`: the hook says what it damaged (matching
    CORRUPTED_RE), the check refuses the state with a reason, and LABEL
    comes back fresh at the same endpoint, two restarts more (the refused
    one in place, the fresh one). Returns the check's reason."""
    m = services.shell.machine
    before = services.get(label)
    mark = len(m.console_text())
    out, rc = services.run("fi %s corrupt" % label)
    assert rc == 0, out
    after = services.wait(label, lambda s: s["state"] == "up" and
                          s["restarts"] >= before["restarts"] + 2,
                          timeout=60, what="up again, afresh")
    assert after["endpoint"] == before["endpoint"], (before, after)
    assert after["restarts"] == before["restarts"] + 2, (before, after)
    text = m.console_text()[mark:]
    assert re.search(r"%s: fault injection: kept state corrupted: %s"
                     % (label, corrupted_re), text), text
    why = re.search(INCONSISTENT % label, text)
    assert why, text
    assert re.search(RESTARTED_FRESH % (label, after["endpoint"],
                                        after["restarts"]), text), text
    assert not re.search(RESTARTED_IN_PLACE % (
        label, after["endpoint"], after["restarts"]), text), text
    return why.group(1)


def test_ds_corrupt_is_refused_and_ds_starts_empty(services):
    """A flipped bit in a DS entry fails its checksum; DS starts empty,
    RS publishes every label again (hello is found, counts from 0 as it
    finds no checkpoint), hello's own key is gone."""
    shell = services.shell
    shell.check("cat /dev/hello")
    why = corrupt(services, "ds", r"entry \d+ \([^)]+\): a bit of its "
                  r"value flipped")
    assert re.fullmatch(r"entry \d+ \([^)]+\): checksum", why), why
    m = shell.machine
    hello = services.get("hello")
    out, rc = services.run("fi hello crash")
    assert rc == 0, out
    services.wait_recovered("hello", hello["restarts"], timeout=60)
    assert "hello: open count not restored: no checkpoint" in \
        m.console_text(), m.console_text()[-2000:]
    mark = len(m.console_text())
    assert "Hello, World!" in shell.check("cat /dev/hello")
    text = m.console_text()[mark:]
    assert "hello: open #1" in text, text          # counted from 0 again
    assert "checkpoint of" not in text, text        # DS serves again
    assert "cannot publish label" not in m.console_text(), text


def test_rootfs_corrupt_is_refused_and_the_boot_tree_comes_back(services):
    """A link count one too high is caught; rootfs reloads the boot
    archive: the boot files are there, a file made since is gone."""
    shell = services.shell
    motd = shell.check("cat /etc/motd")
    shell.check("echo made > /tmp/knob")
    why = corrupt(services, "rootfs", r"inode \d+: link count \d+, one too "
                  r"many")
    assert re.fullmatch(r"inode \d+: \d+ links, \d+ names", why), why
    assert shell.check("cat /etc/motd") == motd
    out, rc = shell.run("cat /tmp/knob")
    assert rc != 0 and "made" not in out, out
    assert shell.check("echo alive").strip() == "alive"


def test_memdev_corrupt_is_refused_and_memdev_starts_fresh(services):
    """A suspended-request entry in a state that does not exist is caught;
    memdev, with no state of its own, serves as before."""
    why = corrupt(services, "memdev", r"suspended request \d+: state 90, "
                  r"which does not exist")
    assert re.fullmatch(r"suspended request \d+: state 90", why), why
    shell = services.shell
    assert shell.check("wc -c /dev/null").split()[0] == "0"
    out, rc = shell.run("echo x > /dev/full")
    assert rc != 0, out


def test_tty_corrupt_is_refused_and_the_console_starts_fresh(services):
    """A foreground group changed without its seal is caught; tty starts
    afresh (the console set up again, settings at their defaults) and the
    console shell goes on: its waiting read is answered by the new
    instance."""
    why = corrupt(services, "tty", r"terminal \d+: foreground group -?\d+, "
                  r"not sealed")
    assert re.fullmatch(r"terminal \d+: settings, group or opens: checksum",
                        why), why
    shell = services.shell
    assert shell.check("echo alive").strip() == "alive"
    assert "Hello, World!" in shell.check("cat /dev/hello")


def test_corrupt_refusals_change_nothing(services):
    """pm, mm, vfs (checked, but a fresh start would not keep the system
    running), hello (no check), rs (no debug kinds), and anybody but
    root: refused, nothing changed."""
    shell = services.shell
    m = shell.machine
    view = status_view(services)
    procs = processes(shell)
    mark = len(m.console_text())
    for label in ("pm", "mm", "vfs"):
        out, rc = services.run("fi %s corrupt" % label)
        assert rc == ENOSYS, (label, rc, out)
        said = " ".join(out.split())
        assert ("service: fi: %s corrupt: not supported: %s checks its "
                "kept state, but a fresh start of it would lose what the "
                "running system depends on" % (label, label)) in said, out
    out, rc = services.run("fi hello corrupt")
    assert rc == ENOSYS, out
    assert "hello has no kept-state check" in out, out
    for kind in ("corrupt", "midrequest"):
        out, rc = services.run("fi rs %s" % kind)
        assert rc == ENOSYS, (kind, out)
        assert "not supported by rs" in out, out
    out, rc = shell.run("su student -c 'service fi ds corrupt'")
    assert rc == EPERM, out
    assert "only root may" in out, out
    text = m.console_text()[mark:]
    assert "fault injection" not in text, text
    assert "rs: fi pm corrupt refused" in text, text
    assert status_view(services) == view
    assert processes(shell) == procs


def midrequest(services, label, line, timeout=60):
    """`service fi LABEL midrequest` and then LINE, in one non-interactive
    shell (`sh -c`: no job control, so the shell's own terminal calls do
    not come first; the first request LINE makes of LABEL, or the shell
    for it, is the one cut): LABEL
    crashed in that request, was restarted in place with one restart
    more at the same endpoint and pid, and answered the request -EIO;
    every other service and process is as before. Returns (LINE's output,
    its status, the console text since)."""
    shell = services.shell
    m = shell.machine
    before = services.get(label)
    view = status_view(services, leave_out=(label,))
    procs = processes(shell)
    mark = len(m.console_text())
    out, rc = shell.run("sh -c 'service fi %s midrequest && %s'"
                        % (label, line), timeout)
    after = services.wait(label, lambda s: s["state"] == "up" and
                          s["restarts"] > before["restarts"],
                          timeout=timeout, what="restarted in place")
    assert (after["endpoint"], after["pid"], after["restarts"]) == \
        (before["endpoint"], before["pid"], before["restarts"] + 1), \
        (before, after)
    text = m.console_text()[mark:]
    cut = re.search(CRASH_IN % label, text)
    assert cut, text
    answered = re.search(ANSWERED_EIO % label, text)
    assert answered and answered.group(1) == cut.group(1), text
    assert re.search(RESTARTED_IN_PLACE % (label, after["endpoint"],
                                           after["restarts"]), text), text
    assert "kept state is inconsistent" not in text, text
    assert status_view(services, leave_out=(label,)) == view
    assert processes(shell) == procs
    return out, rc, text


def test_ds_midrequest_fails_hellos_checkpoint_with_eio(services):
    """hello's checkpoint (a DS publish on each open) is the request in
    flight: hello sees -EIO; DS kept every key: hello's count goes on."""
    shell = services.shell
    shell.check("cat /dev/hello")
    out, rc, text = midrequest(services, "ds", "cat /dev/hello")
    assert rc == 0 and "Hello, World!" in out, out
    assert re.search(r"hello: checkpoint of \S+ failed \(error -?5\)", text), \
        text
    opened = [int(n) for n in re.findall(r"hello: open #(\d+)", text)]
    shell.check("cat /dev/hello")
    text2 = shell.machine.console_text()
    assert re.findall(r"hello: open #(\d+)", text2)[-1] == \
        str(opened[-1] + 1), (opened, text2[-1000:])
    assert "checkpoint of" not in text2[len(text2) - 300:], text2[-300:]


def test_vfs_midrequest_fails_an_open_with_eio(services):
    """cat's open of a file is the request in flight (cat's exec goes
    through PM, whose requests to VFS are never cut): cat says EIO; open
    files, working directories and files are kept."""
    shell = services.shell
    shell.check("echo kept > /tmp/knob")
    shell.check("cd /tmp")
    out, rc, _ = midrequest(services, "vfs", "/bin/cat /tmp/knob")
    assert rc != 0 and re.search(r"cat: \S*knob: Input/output error", out), \
        (rc, out)
    assert "kept" not in out, out
    assert shell.check("pwd").strip() == "/tmp"
    assert shell.check("cat knob").strip() == "kept"


def test_pm_midrequest_fails_the_shells_next_call_with_eio(services):
    """The shell's next call to PM (its fork for `kill -0 1`) is the
    request in flight: it fails with EIO, said by the shell; every process
    is kept, and the next one works."""
    shell = services.shell
    out, rc, _ = midrequest(services, "pm", "kill -0 1")
    assert rc != 0 and "sh: fork: Input/output error" in out, (rc, out)
    shell.check("kill -0 1")
