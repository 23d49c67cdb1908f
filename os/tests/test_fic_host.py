"""Host test of fic, the guest agent of fault-injection campaigns
(os/tests/user/fic): its request parser (spec.c) compiled with the host
gcc with its cases on the test kit (os/tests/host/fic/fic_host.c, in
process), the output read with harness.suite. The agent itself runs in
every campaign (os/tests/test_campaign.py). No emulator needed."""

import os
import subprocess

from harness import suite
from harness.hostbuild import compile
from harness.machine import ROOT

FIC = os.path.join(ROOT, "os", "tests", "user", "fic")
KIT = [os.path.join(ROOT, "os", "tests", "kit", f)
       for f in ("run.c", "check.c", "inproc.c")]
CASES = ["fault_kinds", "mutations", "bad_lines", "split_words"]


def test_fic_request_parser_on_the_host(tmp_path):
    exe = tmp_path / "fic_host"
    build = compile([os.path.join(ROOT, "os", "tests", "host", "fic",
                                  "fic_host.c"),
                     os.path.join(FIC, "spec.c")] + KIT, exe,
                    ["-std=gnu11", "-D_GNU_SOURCE", "-O1", "-g", "-Wall",
                     "-Wextra", "-Werror"])
    assert build.returncode == 0, build.stderr
    run = subprocess.run([str(exe)], capture_output=True, text=True,
                         timeout=60)
    suite.parse(run.stdout + run.stderr, "fic_host",
                run.returncode).check(CASES)
