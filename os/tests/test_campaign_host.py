"""Host tests of a campaign's bookkeeping (harness/campaign_stats.py,
harness/campaign_report.py, the journal of harness/campaign.py): bounded
statistics, the reports, trials.jsonl rotation. No emulator."""

import argparse
import json
import os

from harness import abi, campaign, mutate
from harness import campaign_plan as cplan
from harness import campaign_report
from harness.campaign_stats import (MAX_FAILURES, RESERVOIR, Distribution,
                                    Stats)


def _args(**kw):
    a = argparse.Namespace(faults=5, seed=1, replay=None,
                           drivers=["hello", "rtc"], binaries={},
                           period="10", jobs=1)
    for k, v in kw.items():
        setattr(a, k, v)
    return a


def test_distribution_is_bounded_and_exact_where_it_can_be():
    d = Distribution()
    for i in range(10 * RESERVOIR):
        d.add(1 + i % 1000)
    assert d.count == 10 * RESERVOIR
    assert len(d.sample) == RESERVOIR
    assert d.min == 1 and d.max == 1000
    assert sum(d.bins) == d.count
    out = d.as_dict()
    assert out["min"] <= out["median"] <= out["p90"] <= out["p99"] <= \
        out["max"]
    assert 300 < out["median"] < 700


def test_stats_counts_and_keeps_at_most_max_failures():
    s = Stats(cplan.KINDS, ["hello"])
    t = cplan.Trial(0, 9, "hello", "crash", 1)
    for i in range(MAX_FAILURES + 7):
        s.add(t, "wrong", -1, 1, 0, 1)
        s.add_failure({"index": i})
    s.add(t, "recovered", 5000)
    assert s.trials == MAX_FAILURES + 8
    assert len(s.failures) == MAX_FAILURES
    assert s.failures_dropped == 7
    assert s.survived == 1
    assert s.recovery["crash"].count == 1
    assert s.recovery["crash"].min == 5.0


def test_report_json_html_and_table(tmp_path):
    s = Stats(cplan.KINDS, ["hello", "rtc"])
    s.add(cplan.Trial(0, 11, "hello", "hang", 2), "recovered", 200000)
    s.add(cplan.Trial(1, 12, "rtc", "loop", 3, 0x40001000, b"\x74",
                      b"\x75"), "latent")
    bad = cplan.Trial(2, 13, "rtc", "flip", 0, 0x40001001, b"\x00", b"\x01")
    s.add(bad, "wrong", -1, 3, 0, 2)
    s.add_failure(dict(bad.as_dict(), outcome="wrong", detail="x",
                       replay="make campaign REPLAY=13"))
    rep = campaign_report.build(_args(faults=3), s, 2.0, 1)
    campaign_report.write(rep, str(tmp_path))
    back = json.load(open(os.path.join(str(tmp_path), "report.json")))
    assert back["survival_rate"] == round(2 / 3, 6)
    assert back["wrong_data"] == 1 and back["os_crashes"] == 0
    assert back["recovery_ms"]["hang"]["median"] == 200.0
    assert back["failures"][0]["replay"] == "make campaign REPLAY=13"
    page = open(os.path.join(str(tmp_path), "report.html")).read()
    assert '<svg id="recovery-chart"' in page and "<script" not in page
    assert "make campaign REPLAY=13" in page
    text = campaign_report.table(back)
    assert "survival 2/3" in text and "FAILED trial 2 rtc flip" in text


def test_journal_rotates(tmp_path, monkeypatch):
    monkeypatch.setattr(campaign, "JSONL_LIMIT", 1000)
    path = str(tmp_path / "trials.jsonl")
    j = campaign.Journal(path)
    for i in range(100):
        j.write({"index": i, "pad": "x" * 40})
    j.close()
    assert os.path.getsize(path) <= 1100
    assert os.path.getsize(path + ".1") <= 1100
    last = [json.loads(line) for line in open(path)]
    assert last[-1]["index"] == 99


def test_replay_command_names_what_differs():
    assert campaign.replay_command(5, _args(
        drivers=list(cplan.DEFAULT_DRIVERS))) == "make campaign REPLAY=5"
    cmd = campaign.replay_command(5, _args(
        drivers=["hello"], binaries={"hello": "/usr/tests/liar"}))
    assert cmd == ('make campaign REPLAY=5 DRIVERS="hello" '
                   'CAMPAIGN_ARGS="--binary hello=/usr/tests/liar"')


def test_report_has_a_section_per_driver_and_a_whole_chart(tmp_path):
    """report.html: one section per driver (its survival, outcome counts,
    failures with replay and logs), the table a line per driver, and the
    recovery chart inside its viewBox."""
    from harness import svgchart
    s = Stats(cplan.KINDS, ["hello", "rtc", "printer"])
    for i in range(3):
        s.add(cplan.Trial(i, 20 + i, "hello", "crash", 1), "recovered",
              1000 * (i + 1))
    bad = cplan.Trial(3, 13, "rtc", "flip", 0, 0x40001001, b"\x00", b"\x01")
    s.add(bad, "wrong", -1, 3, 0, 2)
    s.add_failure(dict(bad.as_dict(), outcome="wrong", detail="bad time",
                       replay="make campaign REPLAY=13", logs="failures/3-13"))
    rep = campaign_report.build(_args(faults=4,
                                      drivers=["hello", "rtc", "printer"]),
                                s, 2.0, 1)
    page = campaign_report.html_page(rep)
    sections = page[page.index('<div id="per-driver">'):]
    sections = sections[:sections.index("</div>")]
    hello = sections[sections.index('id="driver-hello"'):]
    rtc = sections[sections.index('id="driver-rtc"'):]
    printer = sections[sections.index('id="driver-printer"'):]
    assert "Survival: <b>3 of 3</b>" in hello[:hello.index("</section>")]
    rtc = rtc[:rtc.index("</section>")]
    assert "Survival: <b>0 of 1</b>" in rtc and "bad time" in rtc
    assert "make campaign REPLAY=13" in rtc
    assert 'href="failures/3-13/"' in rtc
    assert "Survival: <b>0 of 0</b>" in printer
    text = campaign_report.table(rep)
    assert "driver hello: 3/3 survived" in text
    assert "driver rtc: 0/1 survived" in text
    svg = campaign_report.svg_chart(rep)
    assert svgchart.outside(svg) == []


def test_the_debug_fault_kinds_are_no_campaign_kinds():
    """`service fi LABEL corrupt|midrequest` (abi/sef.h FI_DEBUG_KIND_LIST)
    are for tests only: the plan's kinds are FI_KIND_LIST's and the code
    mutations, as before them (a trial draws from KINDS)."""
    assert abi.DEBUG_FAULT_KINDS
    assert cplan.FI_KINDS == abi.FAULT_KINDS
    assert cplan.KINDS == abi.FAULT_KINDS + mutate.KINDS
    assert not set(cplan.KINDS) & set(abi.DEBUG_FAULT_KINDS)
