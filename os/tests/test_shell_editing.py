"""The interactive shell's line editor on the booted system, driven with the
bytes a terminal sends (os/commands/sh/lineedit.c; the host tests in
test_userland_host.py go through every key): history with the up arrow,
^L, Tab completion of a command and of paths, escape sequences that are
never inserted, and a program started from an edited line still reads the
terminal a line at a time. One boot for the whole module."""

import pytest

from harness.shell import Shell

UP, LEFT, HOME, END = "\x1b[A", "\x1b[D", "\x1b[H", "\x1b[F"
CTRL_RIGHT, F1, F5, DELETE = "\x1b[1;5C", "\x1bOP", "\x1b[15~", "\x1b[3~"


@pytest.fixture(scope="module")
def sh(module_machine):
    return Shell(module_machine).wait_prompt()


def test_up_arrow_recalls_the_previous_command(sh):
    m = sh.machine
    m.sendline("echo recalled-line")
    m.expect(r"\nrecalled-line\r*\n")
    sh.wait_prompt()
    # The editor shows the recalled line, then runs it again.
    m.send(UP + "\r")
    m.expect(r"echo recalled-line\r*\nrecalled-line\r*\n")
    sh.wait_prompt()
    # (Not through sh.run: the listing would show its "__rc:$?".)
    m.sendline("history")
    m.expect(r"\n +(\d+)  echo recalled-line\r*\n +(\d+)  history\r*\n")
    first, last = (int(n) for n in m.console.match.groups())
    assert last == first + 1
    sh.wait_prompt()


def test_ctrl_l_then_ps_runs_ps(sh):
    out, status = sh.run("\x0cps")
    assert status == 0 and "not found" not in out
    assert "init" in out


def test_tab_completes_a_command_and_paths(sh):
    assert sh.check("/bin/ech\t tabbed").strip() == "tabbed"
    assert sh.check("ech\t by-name").strip() == "by-name"
    assert sh.check("ls /etc/mot\t").strip() == "/etc/motd"
    assert sh.check("ls /etc/system.c\ttty").strip() == \
        "/etc/system.conf.d/tty"


def test_escape_sequences_are_never_inserted(sh):
    out = sh.check("echo a%sb%sc%sd%s" % (CTRL_RIGHT, F1, F5, END))
    assert out.strip() == "abcd"
    # Cursor keys and delete edit the middle of the line.
    out = sh.check("echo ac%sb%s" % (LEFT, END))
    assert out.strip() == "abc"
    out = sh.check("cho xy%se%s%s%s" % (HOME, END, LEFT, DELETE))
    assert out.strip() == "x"


def test_programs_still_read_a_line_at_a_time(sh):
    m = sh.machine
    m.sendline("wc -l; echo __rc:$?")
    m.expect(r"wc -l; echo __rc:\$\?\r*\n")
    m.send("one\r")
    m.expect(r"one\r*\n")          # echoed by the terminal (canonical)
    m.send("two\r\x04")
    m.expect(r"\s2\r*\n__rc:0\r*\n")
    sh.wait_prompt()
