"""Host tests of harness/scale/ (docs/scaling.md) without its engines:
the Slurm job-array script's shard arithmetic, run with Slurm's
variables and a stub make that records its arguments, and the CI
workflow: valid YAML, a matrix of exactly the shards 0..SHARDS-1, and a
merge job that needs every shard."""

import os
import re
import subprocess

import pytest

from harness import shard as shardmod
from harness.machine import ROOT

SCALE = os.path.join(ROOT, "harness", "scale")
SLURM = os.path.join(SCALE, "slurm-array.sh")
WORKFLOW = os.path.join(SCALE, "github-campaign.yml")


@pytest.fixture
def submit_dir(tmp_path):
    """A submit directory with a built image, and a stub make that writes
    its arguments (one a line) to args.txt."""
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "os.iso").write_bytes(b"iso")
    stub = tmp_path / "stub-make"
    stub.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > args.txt\n')
    stub.chmod(0o755)
    return tmp_path


def slurm(submit_dir, **env):
    """Run the script as a task would; (process, make's args or None)."""
    e = {"PATH": os.environ["PATH"], "MAKE": str(submit_dir / "stub-make"),
         "SLURM_SUBMIT_DIR": str(submit_dir)}
    e.update({k: str(v) for k, v in env.items()})
    args = submit_dir / "args.txt"
    if args.exists():
        args.unlink()
    r = subprocess.run(["sh", SLURM], env=e, cwd=str(submit_dir),
                       capture_output=True, text=True, timeout=30)
    return r, (args.read_text().splitlines() if args.exists() else None)


def test_every_task_of_an_array_runs_its_shard_of_one_plan(submit_dir):
    k = 4
    covered = []
    for task in range(k):
        r, args = slurm(submit_dir, SLURM_ARRAY_TASK_ID=task,
                        SLURM_ARRAY_TASK_COUNT=k, SLURM_ARRAY_TASK_MIN=0,
                        SLURM_ARRAY_TASK_MAX=k - 1, SLURM_CPUS_PER_TASK=2,
                        FAULTS=200, SEED=7)
        assert r.returncode == 0, r.stderr
        assert args[:5] == ["-o", "check-deps", "-o", "all", "campaign"]
        assert "FAULTS=200" in args and "SEED=7" in args
        assert "JOBS=2" in args
        shard = [a for a in args if a.startswith("SHARD=")]
        assert shard == ["SHARD=%d/%d" % (task, k)]
        covered += list(shardmod.indices(shardmod.parse(shard[0][6:]), 200))
    assert sorted(covered) == list(range(200))


def test_fuzz_tasks_and_the_variables_passed_on(submit_dir):
    r, args = slurm(submit_dir, SLURM_ARRAY_TASK_ID=1,
                    SLURM_ARRAY_TASK_COUNT=3, WHAT="fuzz", N=9000, SEED=5,
                    FI="pm vfs")
    assert r.returncode == 0, r.stderr
    assert args == ["-o", "check-deps", "-o", "all", "fuzz", "N=9000",
                    "FI=pm vfs", "SEED=5", "SHARD=1/3"]
    r, args = slurm(submit_dir, SLURM_ARRAY_TASK_ID=0,
                    SLURM_ARRAY_TASK_COUNT=2, FAULTS=10, SEED=5,
                    DRIVERS="hello rtc", CORE=1, PERIOD=20, JOBS=1)
    assert r.returncode == 0, r.stderr
    assert args == ["-o", "check-deps", "-o", "all", "campaign",
                    "FAULTS=10", "DRIVERS=hello rtc", "CORE=1", "PERIOD=20",
                    "JOBS=1", "SEED=5", "SHARD=0/2"]


@pytest.mark.parametrize("env,says", [
    (dict(FAULTS=10, SEED=1), "not a task of a job array"),
    (dict(SLURM_ARRAY_TASK_ID=0, SLURM_ARRAY_TASK_COUNT=4, FAULTS=10),
     "set SEED"),
    (dict(SLURM_ARRAY_TASK_ID=0, SLURM_ARRAY_TASK_COUNT=4, SEED=1),
     "set FAULTS"),
    (dict(SLURM_ARRAY_TASK_ID=1, SLURM_ARRAY_TASK_COUNT=4,
          SLURM_ARRAY_TASK_MIN=1, SLURM_ARRAY_TASK_MAX=4, FAULTS=10, SEED=1),
     "--array=0-3"),
    (dict(SLURM_ARRAY_TASK_ID=5, SLURM_ARRAY_TASK_COUNT=2,
          SLURM_ARRAY_TASK_MIN=0, SLURM_ARRAY_TASK_MAX=5, FAULTS=10,
          SEED=1), "--array=0-1"),
    (dict(SLURM_ARRAY_TASK_ID=0, SLURM_ARRAY_TASK_COUNT=2, FAULTS="x",
          SEED=1), "FAULTS must be a number"),
    (dict(SLURM_ARRAY_TASK_ID=0, SLURM_ARRAY_TASK_COUNT=2, WHAT="bench",
          SEED=1), "WHAT must be campaign or fuzz")])
def test_an_array_that_is_not_a_whole_plan_is_refused(submit_dir, env,
                                                      says):
    r, args = slurm(submit_dir, **env)
    assert r.returncode == 2 and args is None
    assert says in r.stderr


def test_a_missing_image_is_refused(submit_dir):
    os.remove(str(submit_dir / "build" / "os.iso"))
    r, args = slurm(submit_dir, SLURM_ARRAY_TASK_ID=0,
                    SLURM_ARRAY_TASK_COUNT=2, FAULTS=10, SEED=1)
    assert r.returncode == 2 and args is None
    assert "make -j2 all" in r.stderr


def test_the_ci_workflow_is_a_matrix_of_every_shard_and_a_merge():
    import yaml                             # python3-yaml (deps.sh)
    with open(WORKFLOW) as f:
        wf = yaml.safe_load(f)
    assert "on" in wf                       # quoted: not YAML 1.1's true
    k = int(wf["env"]["SHARDS"])
    jobs = wf["jobs"]
    assert jobs["shard"]["strategy"]["matrix"]["shard"] == list(range(k))
    assert jobs["shard"]["needs"] == "build"
    merge = jobs["merge"]
    assert "shard" in merge["needs"] and merge["if"] == "always()"
    run = lambda job: "\n".join(s.get("run", "") for s in jobs[job]["steps"])
    assert "make -j2 all" in run("build") and "tar czf build.tgz build" in \
        run("build")
    assert re.search(r"make -o check-deps -o all campaign .*"
                     r"SHARD=\$\{\{ matrix.shard \}\}/\$SHARDS",
                     run("shard").replace("\n", " "))
    assert "tar xzf build.tgz" in run("shard")
    assert "make campaign-merge shards/campaign-shard-*" in run("merge")
    uploads = [s for s in jobs["shard"]["steps"]
               if s.get("uses", "").startswith("actions/upload-artifact")]
    assert uploads[0]["with"]["name"] == "campaign-shard-${{ matrix.shard }}"
    downloads = [s for s in merge["steps"] if s.get("uses", "").startswith(
        "actions/download-artifact")]
    assert downloads[0]["with"]["pattern"] == "campaign-shard-*"


def test_make_passes_shard_and_merge_folders_on(tmp_path):
    """make campaign/fuzz SHARD=i/K reach the runners as --shard; the words
    after campaign-merge and fuzz-merge are folders, not goals."""
    r = subprocess.run(["make", "-n", "-o", "check-deps", "-o", "all",
                        "campaign", "FAULTS=3", "SEED=1", "SHARD=1/2"],
                       cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and "--shard '1/2'" in r.stdout, r.stderr
    r = subprocess.run(["make", "-n", "-o", "check-deps", "-o", "all",
                        "fuzz", "N=3", "SEED=1", "SHARD=0/2"],
                       cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and '--shard "0/2"' in r.stdout, r.stderr
    for what in ("campaign", "fuzz"):
        a, b = str(tmp_path / "a"), str(tmp_path / "b")
        r = subprocess.run(["make", "-s", what + "-merge", a, b,
                            "OUT=" + str(tmp_path / "m")], cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
        assert r.returncode != 0
        assert "%s: error: %s: no report.json" % (what, a) in r.stderr
