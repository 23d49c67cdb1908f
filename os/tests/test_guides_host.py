"""The guides' runnable command lines (docs/*.md, fenced ```sh runnable
blocks, lines starting with "$ ") run on the host and succeed. HOME is a
temporary directory, so ~/dice lands there. Host only: seconds, no boot."""
import os
import pathlib
import re
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
GUIDES = ["architecture.md", "writing-a-driver.md", "harness.md",
          "campaigns.md", "instructor-guide.md", "scaling.md",
          "troubleshooting.md"]
BLOCK = re.compile(r"^```sh runnable\n(.*?)^```", re.S | re.M)


def runnable(guide):
    text = (ROOT / "docs" / guide).read_text()
    return [line[2:] for block in BLOCK.findall(text)
            for line in block.splitlines() if line.startswith("$ ")]


@pytest.mark.parametrize("guide", GUIDES)
def test_guide_commands_run(guide, tmp_path):
    lines = runnable(guide)
    assert lines, f"{guide} has no runnable commands"
    env = dict(os.environ, HOME=str(tmp_path))
    for line in lines:
        r = subprocess.run(["/bin/bash", "-c", line], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, f"{guide}: $ {line}\n{r.stdout}\n{r.stderr}"


def test_navigating_links_every_guide():
    readme = (ROOT / "README.md").read_text()
    nav = readme.split("## Navigating", 1)[1]
    for guide in GUIDES:
        assert f"docs/{guide}" in nav, guide
