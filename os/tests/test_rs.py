"""The reincarnation server (RS) on the booted system: `service status`
lists the boot services, a program that ends before its first init is
brought down (exit ERESTART), and bad requests leave the system as it
was."""

import re

import pytest

from harness.shell import Shell


@pytest.fixture
def shell(machine):
    return Shell(machine).wait_prompt()


def status_lines(shell, label=""):
    out, status = shell.run("service status %s" % label)
    assert status == 0, out
    return [l for l in out.splitlines() if l.startswith("label=")]


def test_status_lists_the_boot_services(shell):
    labels = {re.search(r"label=(\S+)", l).group(1)
              for l in status_lines(shell)}
    assert {"pm", "mm", "vfs", "rootfs", "tty", "memdev", "ds"} <= labels


def test_unknown_label_is_enoent_and_harmless(shell):
    before = status_lines(shell)
    for cmd in ("service status nosuch", "service fi nosuch",
                "service down nosuch", "service refresh nosuch"):
        out, status = shell.run(cmd)
        assert status == 2, (cmd, out)
    assert status_lines(shell) == before


def test_a_program_ending_before_its_first_init_is_brought_down(shell):
    out, status = shell.run("service up /bin/true -label quick")
    assert status == 200, out
    assert "quick" in shell.machine.console_text()
    out, status = shell.run("service status quick")
    assert status == 2
    assert shell.check("echo still here").strip() == "still here"
