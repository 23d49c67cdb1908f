"""Driving the guest's shell over the serial console.

``Shell(machine)`` waits for the ``# `` prompt and runs command lines,
returning what they printed and their exit status. The status comes from
the shell itself: each line is sent as ``LINE; echo __rc:$?`` and the
``__rc:N`` line that comes back is authoritative (the echo of the typed line
shows ``$?`` literally, so it cannot be mistaken for it)."""

PROMPT = r"# $"
PROMPT_RE = r"(?:^|\n)# "
RC_RE = r"__rc:(\d+)\r*\n"
ECHOED = "__rc:$?"      # as typed (and echoed back)


class Shell:
    """The interactive shell on MACHINE's console."""

    def __init__(self, machine, boot_timeout=60):
        self.machine = machine
        self.boot_timeout = boot_timeout

    def wait_prompt(self, timeout=None):
        """Wait for the shell's prompt (after boot, or after a command)."""
        self.machine.expect(PROMPT_RE, timeout or self.boot_timeout)
        return self

    def run(self, line, timeout=30):
        """Run command LINE; return (output, status). OUTPUT is what the
        command printed (carriage returns removed, the typed line and the
        status line left out). Lines services print on the console may
        interleave with the echo of the typed line: the output starts after
        the echoed ``__rc:$?``, wherever that ended up."""
        m = self.machine
        typed = "%s; echo %s" % (line, ECHOED)
        m.sendline(typed)
        m.expect(RC_RE, timeout)
        before = m.console.before.replace("\r", "")
        status = int(m.console.match.group(1))
        at = before.rfind(ECHOED)
        output = before[at + len(ECHOED):] if at >= 0 else before
        if output.startswith("\n"):
            output = output[1:]
        m.expect(PROMPT_RE, timeout)
        return output, status

    def check(self, line, timeout=30):
        """Run LINE, require status 0, and return its output."""
        output, status = self.run(line, timeout)
        if status != 0:
            raise AssertionError("%r exited with status %d; output:\n%s"
                                 % (line, status, output))
        return output
