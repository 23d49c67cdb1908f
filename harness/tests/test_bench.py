"""Host tests of the benchmark runner (harness/bench.py): reading the
guest's bench lines, median/min/max, merging into bench.json, the table, and
whole runs against a fake QEMU. No emulator, no timing threshold: these check
the machinery, never a speed."""

import json
import re

import pytest

from harness import bench
from harness.bench import BenchError

CONSOLE = """\
Phoenix 0.1 (i386 microkernel) booting\r
boot: started ipcbench (endpoint 256, 69 KiB)\r
bench: ipcbench n=10000 warmup=100 tsc=161010680\r
bench: calib_insns_per_iter=8.000 expected=8 fixed=3 short=80003 long=880003\r
bench: calib_rep_insns_per_elem=1.000 short=20 long=1044\r
bench: kcall_null_insns=190 n=10000 total=2000000 empty=100000\r
bench: ipc_roundtrip_insns=812 n=10000 total=8220000 empty=100000\r
bench: done\r
kernel: power off (ok)\r
"""


def test_parse_reads_figures_and_their_fields():
    p = bench.parse_console(CONSOLE)
    assert p["values"]["ipc_roundtrip_insns"] == 812
    assert p["values"]["kcall_null_insns"] == 190
    assert p["values"]["calib_insns_per_iter"] == 8.0
    assert p["fields"]["ipc_roundtrip_insns"]["n"] == 10000
    assert p["fields"]["calib_insns_per_iter"] == {
        "expected": 8, "fixed": 3, "short": 80003, "long": 880003}
    assert p["done"] and not p["errors"] and not p["warnings"]


def test_parse_collects_errors_and_warnings():
    p = bench.parse_console(
        "bench: error: kcall_null_insns: sys_null failed (-78)\n"
        "bench: warning: no SYSTEM notification\n"
        "bench: done\n")
    assert p["errors"] == ["kcall_null_insns: sys_null failed (-78)"]
    assert p["warnings"] == ["no SYSTEM notification"]
    assert p["values"] == {}


def test_check_run_returns_the_figures():
    figures = bench.check_run(bench.parse_console(CONSOLE))
    assert figures == {"ipc_roundtrip_insns": 812, "kcall_null_insns": 190}


def test_calibration_record():
    assert bench.check_calibration(bench.parse_console(CONSOLE)) == {
        "calib_insns_per_iter": 8.0, "expected": 8, "tsc_ticks_per_insn": 1.0,
        "fixed": 3, "calib_rep_insns_per_elem": 1.0}


@pytest.mark.parametrize("edit, message", [
    (lambda c: c.replace("bench: done\r\n", ""), "without 'bench: done'"),
    (lambda c: c.replace("bench: kcall_null_insns=190", "bench: x=1"),
     "no kcall_null_insns figure"),
    (lambda c: c.replace("kcall_null_insns=190", "kcall_null_insns=0"),
     "not a positive number"),
    (lambda c: c + "bench: error: server: ipc_receive failed (-5)\n",
     "ipc_receive failed"),
    (lambda c: c.replace("calib_insns_per_iter=8.000",
                         "calib_insns_per_iter=8.125"),
     "does not count one per guest instruction"),
    (lambda c: c.replace("bench: calib_insns_per_iter", "bench: other"),
     "no usable calib_insns_per_iter"),
])
def test_check_run_refuses_a_bad_run(edit, message):
    with pytest.raises(BenchError, match=message):
        bench.check_run(bench.parse_console(edit(CONSOLE)))


def test_summarize_odd_and_even():
    r = bench.summarize([815, 812, 812, 900, 810], "insns", ops_per_run=10)
    assert (r["median"], r["min"], r["max"], r["runs"]) == (812, 810, 900, 5)
    assert r["unit"] == "insns" and r["ops_per_run"] == 10
    assert r["samples"] == [815, 812, 812, 900, 810]
    r = bench.summarize([1, 2, 4, 3], "ms")
    assert (r["median"], r["min"], r["max"], r["runs"]) == (2.5, 1, 4, 4)
    assert isinstance(bench.summarize([2.0, 2.0], "ms")["median"], int)


def test_merge_keeps_other_metrics_and_meta():
    old = {"meta": {"qemu": "old", "recovery_note": "kept"},
           "boot_to_prompt_ms": {"median": 40, "min": 39, "max": 41,
                                 "runs": 5, "unit": "ms"},
           "ipc_roundtrip_insns": {"median": 999}}
    new = {"ipc_roundtrip_insns": bench.summarize([812], "insns")}
    out = bench.merge(old, new, {"qemu": "new", "runs": 1})
    assert list(out) == ["meta", "boot_to_prompt_ms", "ipc_roundtrip_insns"]
    assert out["meta"] == {"qemu": "new", "recovery_note": "kept", "runs": 1}
    assert out["boot_to_prompt_ms"]["median"] == 40
    assert out["ipc_roundtrip_insns"]["median"] == 812
    assert old["ipc_roundtrip_insns"] == {"median": 999}   # not modified
    assert bench.merge({}, new, {})["meta"] == {}


def test_write_and_load_round_trip(tmp_path):
    path = str(tmp_path / "sub" / "bench.json")
    assert bench.load(path) == {}
    data = bench.merge({}, {"kcall_null_insns":
                            bench.summarize([190, 191], "insns")},
                       {"runs": 2})
    bench.write(path, data)
    assert bench.load(path) == data
    text = open(path).read()
    assert json.loads(text) == data
    assert '"samples": [190, 191]' in text     # one line, readable


def test_an_unreadable_file_is_ignored(tmp_path, capsys):
    path = tmp_path / "bench.json"
    path.write_text("{not json")
    assert bench.load(str(path)) == {}
    path.write_text("[1, 2]")
    assert bench.load(str(path)) == {}
    assert "ignoring" in capsys.readouterr().err


def test_table_lists_every_metric_with_its_target():
    data = bench.merge({}, {
        "ipc_roundtrip_insns": bench.summarize([812, 812, 815], "insns"),
        "kcall_null_insns": bench.summarize([450], "insns"),
        "boot_to_prompt_ms": bench.summarize([40.25, 41.5], "ms"),
    }, {"qemu": "QEMU emulator version 7.2", "icount": bench.ICOUNT,
        "git_commit": "0123456789abcdef", "git_dirty": True, "date": "D"})
    table = bench.format_table(data).splitlines()
    assert table[0].split() == ["metric", "median", "min", "max", "runs",
                                "unit", "target"]
    rows = {line.split()[0]: line.split() for line in table[1:4]}
    assert rows["ipc_roundtrip_insns"] == ["ipc_roundtrip_insns", "812",
                                           "812", "815", "3", "insns", "<=",
                                           "700", "OVER"]
    assert rows["kcall_null_insns"][-1] == "OVER"
    assert rows["boot_to_prompt_ms"][1:4] == ["40.88", "40.25", "41.5"]
    assert "0123456789ab (dirty)" in table[-1]


# ---- whole runs against a fake QEMU ----------------------------------------------

FAKE_QEMU = r"""
    if [ "$1" = --version ]; then
        echo "QEMU emulator version 0.0 (fake)"; exit 0
    fi
    case "$*" in
    *"-icount shift=0,align=off,sleep=off"*) ;;
    *) printf 'kernel: power off (ok)\r\n'; exit 33 ;;
    esac
    %s
"""

GOOD_GUEST = r"""
    printf 'bench: calib_insns_per_iter=8.000 expected=8 fixed=3\r\n'
    printf 'bench: kcall_null_insns=190 n=10000\r\n'
    printf 'bench: ipc_roundtrip_insns=812 n=10000\r\n'
    printf 'bench: done\r\nkernel: power off (ok)\r\n'
    exit 33
"""


def run_main(tmp_path, fake_image, *extra):
    out = tmp_path / "out" / "bench.json"
    rc = bench.main(["--image", fake_image, "--output", str(out),
                     "--workdir", str(tmp_path / "work"), "--runs", "3",
                     "--only", "ipc"]
                    + list(extra))
    return rc, out


def test_main_writes_the_json_and_a_table(fake_qemu, fake_image, tmp_path,
                                          capsys):
    fake_qemu(FAKE_QEMU % GOOD_GUEST)
    out = tmp_path / "out" / "bench.json"
    out.parent.mkdir()
    out.write_text(json.dumps({"recovery_ms": {"median": 5, "unit": "ms"}}))
    rc, out = run_main(tmp_path, fake_image)
    assert rc == 0
    data = json.loads(out.read_text())
    assert data["ipc_roundtrip_insns"] == {
        "median": 812, "min": 812, "max": 812, "runs": 3, "unit": "insns",
        "samples": [812, 812, 812], "ops_per_run": 10000}
    assert data["kcall_null_insns"]["median"] == 190
    assert data["recovery_ms"] == {"median": 5, "unit": "ms"}
    meta = data["meta"]
    assert meta["icount"] == "shift=0,align=off,sleep=off"
    assert meta["qemu"] == "QEMU emulator version 0.0 (fake)"
    assert meta["runs"] == 3
    assert meta["calibration"]["tsc_ticks_per_insn"] == 1.0
    assert set(meta) >= {"date", "git_commit", "git_dirty"}
    stdout = capsys.readouterr().out
    assert "ipc_roundtrip_insns" in stdout and "<= 700 OVER" in stdout
    # each run's line with the count and the time left, the file's place
    assert re.search(r"run \d/3: .*  \[1/3 runs, ETA \S+\]", stdout)
    assert "[3/3 runs, ETA 0s]" in stdout
    assert "bench: wrote " in stdout
    console = (tmp_path / "work" / "run1" / "console.log").read_text()
    assert "bench: done" in console


@pytest.mark.parametrize("guest, message", [
    (r"""printf 'bench: calib_insns_per_iter=8.000 expected=8\r\n'
         printf 'kernel panic: out of frames\r\nkernel: power off (panic)\r\n'
         exit 35""", "kernel panic: out of frames"),
    (r"""printf 'bench: error: kcall_null_insns: sys_null failed (-78)\r\n'
         printf 'bench: done\r\nkernel: power off (ok)\r\n'
         exit 33""", "sys_null failed"),
    ("exit 1", r"exited \(status 1\)"),
])
def test_a_failed_run_is_an_error_and_writes_nothing(
        fake_qemu, fake_image, tmp_path, capsys, guest, message):
    fake_qemu(FAKE_QEMU % guest)
    rc, out = run_main(tmp_path, fake_image)
    assert rc == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert "bench: FAILED" in err
    assert re.search(message, err)


def test_a_missing_emulator_is_an_error(fake_image, tmp_path, monkeypatch,
                                        capsys):
    monkeypatch.setenv("PATH", str(tmp_path))
    rc, out = run_main(tmp_path, fake_image)
    assert rc == 1
    assert not out.exists()
    assert "qemu-system-i386 not found" in capsys.readouterr().err


def test_show_prints_the_existing_table(tmp_path, capsys):
    out = tmp_path / "bench.json"
    assert bench.main(["--show", "--output", str(out)]) == 1
    bench.write(str(out), bench.merge(
        {}, {"kcall_null_insns": bench.summarize([190], "insns")}, {}))
    assert bench.main(["--show", "--output", str(out)]) == 0
    assert "kcall_null_insns" in capsys.readouterr().out
