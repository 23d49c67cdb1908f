"""Host tests of campaigns over the core services and RS (harness/
campaign_plan.py, harness/campaign.py, harness/campaign_report.py): how
DRIVERS and CORE name them, the trials planned for them (every kind; a
tty trial's typed-ahead line), what the runner does at the guest's shell
for them (a fake shell: refresh -b, never down), fic's command line, and
the report's survival table. No emulator; the mutations need the built
binaries (build/bin), as test_mutate_host.py's do."""

import argparse

import pytest

from harness import campaign
from harness import campaign_plan as cplan
from harness import campaign_report, mutate
from harness.campaign_stats import Stats

CORE = ["pm", "mm", "vfs", "rootfs", "ds", "tty", "memdev", "rs"]


def test_the_core_services_and_rs_are_known_labels():
    assert list(cplan.CORE_SERVICES) == CORE
    for label in CORE:
        assert label in cplan.KNOWN_SERVICES and cplan.is_core(label)
    for label in cplan.KNOWN_DRIVERS:
        assert not cplan.is_core(label)
    # the driver campaigns by default are what they were
    assert cplan.DEFAULT_DRIVERS == ("hello", "rtc", "printer")
    assert cplan.parse_labels(None) == list(cplan.DEFAULT_DRIVERS)
    assert cplan.parse_labels("") == list(cplan.DEFAULT_DRIVERS)


@pytest.mark.parametrize("text, core, want", [
    ("pm,vfs,ds", False, ["pm", "vfs", "ds"]),
    ("pm vfs, ds", False, ["pm", "vfs", "ds"]),
    ("core", False, CORE),
    ("hello core", False, ["hello"] + CORE),
    ("rs pm core", False, ["rs", "pm"] + [c for c in CORE
                                          if c not in ("rs", "pm")]),
    ("", True, ["hello", "rtc", "printer"] + CORE),
    ("ata", True, ["ata"] + CORE),
    ("hello,hello", False, ["hello"]),
])
def test_drivers_text_names_core_services(text, core, want):
    assert cplan.parse_labels(text, core) == want


def _checked(monkeypatch, tmp_path, **kw):
    monkeypatch.setattr(campaign.shutil, "which", lambda name: "/bin/q")
    image = tmp_path / "os.iso"
    image.write_bytes(b"")
    argv = ["--faults", "10", "--image", str(image)]
    for k, v in kw.items():
        argv += ["--" + k] + ([] if v is True else [v])
    return campaign.check_args(campaign.parse_args(argv))


def test_check_args_core_flag_and_lists(monkeypatch, tmp_path):
    a = _checked(monkeypatch, tmp_path)
    assert a.drivers == ["hello", "rtc", "printer"]
    a = _checked(monkeypatch, tmp_path, core=True)
    assert a.drivers == ["hello", "rtc", "printer"] + CORE
    a = _checked(monkeypatch, tmp_path, drivers="pm,vfs,ds")
    assert a.drivers == ["pm", "vfs", "ds"]
    with pytest.raises(campaign.BadInput, match="unknown driver pq.*core"):
        _checked(monkeypatch, tmp_path, drivers="pm,pq")
    # a core service is never started from another binary
    with pytest.raises(campaign.BadInput, match="--binary"):
        _checked(monkeypatch, tmp_path, drivers="pm",
                 binary="pm=/usr/tests/liar")


def test_trials_over_core_services_cover_every_kind_and_replay():
    bins = {label: mutate.load(label) for label in CORE}
    trials = list(cplan.plan(7, 400, CORE, bins))
    assert {t.driver for t in trials} == set(CORE)
    assert {t.kind for t in trials} == set(cplan.KINDS)
    for t in trials:
        assert cplan.plan_trial(t.seed, CORE, bins, t.index) == t
        line = t.ahead(t.index)
        if t.driver == "tty":
            assert line == "A %d %012x" % (t.index, t.seed)
        else:
            assert line is None
        if t.kind in mutate.KINDS:
            assert t.request(t.index).split()[:4] == \
                ["T", str(t.index), t.driver, t.kind]
            assert len(t.request(t.index).split()) == 8


def test_fic_command_names_the_core_services():
    assert campaign.fic_command(["hello", "rtc", "printer"]) == "fic"
    assert campaign.fic_command(["hello", "pm", "rs", "ata", "tty"]) == \
        "fic pm rs tty"


STATUS = """label=rs endpoint=0 restarts=0 state=up period=0 binary=rs dev=-
label=pm endpoint=257 pid=2 restarts=0 state=up period=100 binary=pm dev=- restart=inplace
label=tty endpoint=261 pid=6 restarts=0 state=up period=500 binary=tty dev=- restart=inplace
label=hello endpoint=269 pid=32 restarts=0 state=up period=200 binary=/usr/drivers/hello dev=/dev/hello restart=stateful
"""


class FakeShell:
    """A shell that answers `service status` with STATUS and everything
    else with REPLIES' status (0 by default), recording the lines."""

    def __init__(self, replies=None):
        self.lines = []
        self.replies = replies or {}

    def run(self, line, timeout=None):
        self.lines.append(line)
        if line == "service status":
            return STATUS, 0
        return "", self.replies.get(line, 0)


def _worker(drivers, shell):
    w = campaign.Worker(0, "os.iso", "/tmp/none", drivers, {}, "10")
    w.shell = shell
    return w


def test_setup_refreshes_core_services_with_b_and_never_downs_them():
    sh = FakeShell()
    _worker(["hello", "pm", "tty", "rs"], sh).setup_drivers()
    assert sh.lines == [
        "service status",
        "service down hello",
        "service up /usr/drivers/hello -dev /dev/hello -b -period 10",
        "service refresh pm -b",
        "service refresh tty -b",
    ]


def test_setup_stops_with_a_reason_when_a_core_service_refuses():
    sh = FakeShell({"service refresh pm -b": 1})
    with pytest.raises(campaign.BadInput, match="recoverable"):
        _worker(["pm"], sh).setup_drivers()


def test_setup_names_a_core_service_that_does_not_run():
    with pytest.raises(campaign.BadInput, match="driver vfs is not running"):
        _worker(["vfs"], FakeShell()).setup_drivers()


def _args(drivers):
    return argparse.Namespace(faults=4, seed=1, replay=None, drivers=drivers,
                              binaries={}, period="10", jobs=1)


def test_report_lists_each_service_and_the_state_reason(tmp_path):
    drivers = ["hello", "pm", "vfs"]
    s = Stats(cplan.KINDS, drivers)
    s.add(cplan.Trial(0, 1, "hello", "crash", 0), "recovered", 1000)
    s.add(cplan.Trial(1, 2, "pm", "segv", 0), "recovered", 3000)
    bad = cplan.Trial(2, 3, "vfs", "crash", 0)
    s.add(bad, "wrong", -1, 5, 0, 0)
    s.add_failure(dict(bad.as_dict(), outcome="wrong",
                       detail="state:vfs:pipe-data",
                       replay=campaign.replay_command(3, _args(drivers))))
    rep = campaign_report.build(_args(drivers), s, 1.0, 1)
    assert rep["core_services"] == ["pm", "vfs"]
    text = campaign_report.table(rep)
    assert "driver hello: 1/1 survived" in text
    assert "service pm: 1/1 survived, recovery median 3.00 ms" in text
    assert rep["recovery_ms_per_driver"]["pm"]["count"] == 1
    assert rep["recovery_ms_per_driver"]["vfs"]["count"] == 0
    assert "service vfs: 0/1 survived" in text
    assert "state:vfs:pipe-data" in text
    assert 'DRIVERS="hello pm vfs"' in text
    page = campaign_report.html_page(rep)
    assert 'id="driver-pm"' in page and 'id="driver-vfs"' in page
    assert "Per driver and core service" in page
    assert "state:vfs:pipe-data" in page


# ---- make fuzz FI=... (harness/fuzz.py) -------------------------------

def test_fuzz_fi_plan_is_a_function_of_the_batch_seed():
    from harness import abi, fuzz
    labels = cplan.parse_labels("core")
    seen = set()
    for seed in range(300):
        label, kind = fuzz.fi_plan(seed, labels)
        assert (label, kind) == fuzz.fi_plan(seed, labels)
        assert label in labels and kind in abi.FAULT_KINDS
        seen.add(label)
    assert seen == set(labels)
    assert fuzz.replay_command(2000, 7, fi=["pm", "rs"]) == \
        'make fuzz N=2000 SEED=7 FI="pm rs"'
    assert fuzz.replay_command(2000, 7) == "make fuzz N=2000 SEED=7"


def test_fuzz_takes_the_injected_restart_out_of_the_findings():
    from harness import fuzz
    parsed = {"rs_failures": [
        {"label": "vfs", "endpoint": 259, "reason": "crash",
         "action": "restarting"},
        {"label": "pm", "endpoint": 257, "reason": "exception (signal 11)",
         "action": "restarting in place"},
        {"label": "pm", "endpoint": 257, "reason": "no heartbeat",
         "action": "restarting in place"}]}
    fault = {"label": "pm", "kind": "segv"}
    fuzz.expected_restart(parsed, fault)
    assert fault["rs_line"] == "exception (signal 11); restarting in place"
    # the other pm failure and vfs's stay findings
    assert [f["label"] for f in parsed["rs_failures"]] == ["vfs", "pm"]
    none = {"label": "ds", "kind": "crash"}
    fuzz.expected_restart(parsed, none)
    assert none["rs_line"] is None and len(parsed["rs_failures"]) == 2
    assert fuzz.restarts_of(STATUS, "pm") == (0, "up")
    assert fuzz.restarts_of(STATUS, "vfs") is None


class FakeMachine:
    """A console that answers fic's start with SAID."""

    def __init__(self, said):
        import re
        self.said = said
        self.sent = []
        self.console = argparse.Namespace(match=None)
        self._re = re

    def sendline(self, line):
        self.sent.append(line)

    def expect(self, pattern, timeout):
        self.console.match = self._re.search(pattern, self.said)
        assert self.console.match, (pattern, self.said)


def test_start_fic_passes_the_core_labels_and_reads_a_failed_setup():
    w = _worker(["hello", "pm", "ds"], FakeShell())
    w.machine = FakeMachine("fic: ready\r\n")
    w.start_fic()
    assert w.machine.sent == ["fic pm ds"] and w.fic_up
    w = _worker(["ds"], FakeShell())
    w.machine = FakeMachine("fic: state: ds: service up /usr/tests/dsprobe "
                            "failed\r\n")
    with pytest.raises(campaign.BadInput, match="dsprobe failed.*fic ds"):
        w.start_fic()
    assert not w.fic_up


class HangingAfterR:
    """A console that answers the trial's R line and then nothing (fic's
    `Q` is never answered: a second shell took the console)."""

    def __init__(self, r_line):
        import re
        self._re = re
        self.r_line = r_line
        self.console = argparse.Namespace(match=None, before="")
        self.sent = []
        self._log = None
        self.console_log = self.kernel_log = "/nonexistent"
        self.closed = False

    def sendline(self, line):
        self.sent.append(line)

    def expect(self, pattern, timeout):
        m = self._re.search(pattern, self.r_line)
        if m is None:
            raise TimeoutError("no %r" % pattern)
        self.console.match = m

    def close(self):
        self.closed = True


def test_a_failed_trial_keeps_its_reason_when_the_shell_then_hangs():
    w = _worker(["pm"], FakeShell())
    w.fic_up = True
    w.machine = m = HangingAfterR(
        "R 0 wrong 24129 58 0 0 state:pm:a-wait-ended-in-error\r\n")
    out = w.trial(cplan.Trial(0, 5, "pm", "badipc", 0))
    assert out[0] == "wrong"
    assert out[5] == "state:pm:a-wait-ended-in-error,then-no-shell"
    assert m.closed and m.sent[-1] == "Q" and out[6] is not None
    # a trial that survived and then finds no shell is a hang, as before
    w = _worker(["pm"], FakeShell())
    w.fic_up = True
    w.since_check = campaign.CHECK_EVERY
    w.machine = HangingAfterR("R 1 recovered 24129 58 0 0 restarts=0->1\r\n")
    out = w.trial(cplan.Trial(1, 6, "pm", "crash", 0))
    assert out[0] == "hang" and out[5] == "no-answer"
