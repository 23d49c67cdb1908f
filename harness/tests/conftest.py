"""Fixtures shared by the harness's own tests: fake images and emulators."""

import os
import stat
import textwrap

import pytest


@pytest.fixture
def fake_image(tmp_path):
    path = tmp_path / "fake.iso"
    path.write_bytes(b"not really an image")
    return str(path)


@pytest.fixture
def fake_qemu(tmp_path, monkeypatch):
    """fake_qemu(script) puts a qemu-system-i386 running the shell SCRIPT
    first on PATH."""
    bindir = tmp_path / "bin"
    bindir.mkdir()

    def install(script):
        exe = bindir / "qemu-system-i386"
        exe.write_text("#!/bin/sh\n" + textwrap.dedent(script))
        exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
        monkeypatch.setenv("PATH", "%s:%s" % (bindir, os.environ["PATH"]))
        return str(exe)

    return install
