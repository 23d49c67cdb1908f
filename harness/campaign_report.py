"""A campaign's reports: build/campaign/report.json, a self-contained
report.html (survival summary, a section per driver with its survival,
outcomes and failures, an inline SVG chart of the recovery-time
distribution per fault kind, the failure table with replay seeds) and the
short table printed at the end."""

import datetime
import html
import json
import os
import subprocess

from harness import campaign_plan as cplan
from harness.campaign_stats import BIN_EDGES_MS, OUTCOMES, SURVIVED
from harness.machine import ROOT
from harness.svgchart import svg_open, text_width


def _git_commit():
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"],
                              cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def build(args, stats, duration, boots):
    """The report dict of a finished campaign."""
    trials = stats.trials
    failures = []
    for f in sorted(stats.failures, key=lambda f: f.get("index", 0)):
        failures.append({k: f.get(k) for k in (
            "index", "seed", "driver", "kind", "outcome", "detail",
            "replay", "logs", "delay", "addr", "old", "new") if k in f})
    return {
        "faults": args.faults,
        "trials": trials,
        "seed": args.seed,
        "replay": args.replay,
        "drivers": list(args.drivers),
        "core_services": [d for d in args.drivers if cplan.is_core(d)],
        "binaries": dict(args.binaries),
        "period": args.period,
        "heartbeat_note": "drivers run with -b (no backoff) and -period "
                          "%s: a driver without a heartbeat can never "
                          "recover from a hang" % args.period,
        "jobs": args.jobs,
        "kinds": list(cplan.KINDS),
        "outcomes": dict(stats.outcomes),
        "per_kind": stats.per_kind,
        "per_driver": stats.per_driver,
        "survived": stats.survived,
        "survival_rate": round(stats.survived / trials, 6) if trials else 0.0,
        "os_crashes": stats.outcomes["crash"],
        "hangs": stats.outcomes["hang"],
        "wrong_data": stats.outcomes["wrong"],
        "not_recovered": stats.outcomes["norecover"],
        "errors": stats.outcomes["error"],
        "operations": {"ok": stats.ok_ops, "err": stats.err_ops,
                       "wrong": stats.wrong_ops},
        "recovery_ms": {k: d.as_dict() for k, d in stats.recovery.items()},
        "recovery_ms_per_driver": {
            k: d.as_dict() for k, d in
            getattr(stats, "recovery_per_driver", {}).items()},
        "failures": failures,
        "failures_not_kept": stats.failures_dropped,
        "duration_s": round(duration, 3),
        "trials_per_s": round(trials / duration, 3) if duration > 0 else 0,
        "boots": boots,
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "git_commit": _git_commit(),
    }


def write(report, out_dir):
    """report.json and report.html into OUT_DIR."""
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "report.json"), "w") as f:
        json.dump(report, f, indent=1, sort_keys=True)
        f.write("\n")
    with open(os.path.join(out_dir, "report.html"), "w") as f:
        f.write(html_page(report))


def _fmt(v):
    return "-" if v is None else ("%.2f" % v if isinstance(v, float)
                                  else str(v))


def table(report):
    """The short text table printed at the end of a campaign."""
    lines = ["campaign: %d trials (seed %s, drivers %s, period %s), "
             "%d boots, %.1f s, %.2f trials/s"
             % (report["trials"], report["seed"],
                " ".join(report["drivers"]), report["period"],
                report["boots"], report["duration_s"],
                report["trials_per_s"])]
    head = "%-8s" % "kind" + "".join("%10s" % o for o in OUTCOMES) + \
        "%12s%10s" % ("median ms", "p99 ms")
    lines.append(head)
    for kind in report["kinds"]:
        row = report["per_kind"].get(kind, {})
        rec = report["recovery_ms"].get(kind, {})
        lines.append("%-8s" % kind + "".join("%10d" % row.get(o, 0)
                                             for o in OUTCOMES)
                     + "%12s%10s" % (_fmt(rec.get("median")),
                                     _fmt(rec.get("p99"))))
    lines.append("survival %d/%d (%.2f%%): %d OS crashes, %d hangs, %d wrong "
                 "data, %d not recovered, %d errors"
                 % (report["survived"], report["trials"],
                    100.0 * report["survival_rate"], report["os_crashes"],
                    report["hangs"], report["wrong_data"],
                    report["not_recovered"], report["errors"]))
    per = report.get("recovery_ms_per_driver") or {}
    for d, trials, survived, _, _ in driver_rows(report):
        rec = per.get(d) or {}
        lines.append("  %s %s: %d/%d survived%s" % (
            "service" if cplan.is_core(d) else "driver", d, survived,
            trials, ", recovery median %s ms, p99 %s ms"
            % (_fmt(rec["median"]), _fmt(rec["p99"]))
            if rec.get("count") else ""))
    for f in report["failures"][:10]:
        lines.append("  FAILED trial %s %s %s: %s %s -> %s"
                     % (f["index"], f["driver"], f["kind"], f["outcome"],
                        f["detail"], f["replay"]))
    more = len(report["failures"]) - 10 + report["failures_not_kept"]
    if more > 0:
        lines.append("  ... and %d more failures (report.json)" % more)
    return "\n".join(lines)


CHART_TITLE = "recovery time (ms), log-scale bins; darker = more trials"


def svg_chart(report):
    """An inline SVG: per fault kind, one row of histogram cells over the
    log-scale recovery-time bins (darker = more trials), with the count
    and median."""
    kinds = [k for k in report["kinds"]
             if report["recovery_ms"].get(k, {}).get("count")]
    edges = ["<%g" % e for e in BIN_EDGES_MS] + [">=%g" % BIN_EDGES_MS[-1]]
    cell, top = 34, 40
    left = int(max([70] + [text_width(k, 12) + 10 for k in kinds]))
    notes = ["n=%d median=%s ms" % (report["recovery_ms"][k]["count"],
                                    _fmt(report["recovery_ms"][k]["median"]))
             for k in kinds]
    width = int(max([left + cell * len(edges) + 6 + text_width(n, 11) + 10
                     for n in notes] +
                    [left + text_width(CHART_TITLE, 12) + 10,
                     left + cell * len(edges) + 10]))
    height = top + 24 * max(len(kinds), 1) + 30
    out = [svg_open("recovery-chart", width, height,
                    "recovery time distribution per fault kind"),
           '<text x="%d" y="14" font-size="12">%s</text>'
           % (left, CHART_TITLE)]
    for i, e in enumerate(edges):
        out.append('<text x="%d" y="%d" font-size="9" transform="rotate(-40 '
                   '%d %d)">%s</text>' % (left + i * cell + 4, top - 4,
                                          left + i * cell + 4, top - 4,
                                          html.escape(e)))
    for row, kind in enumerate(kinds):
        rec = report["recovery_ms"][kind]
        y = top + row * 24
        peak = max(rec["histogram"]) or 1
        out.append('<text x="4" y="%d" font-size="12">%s</text>'
                   % (y + 15, html.escape(kind)))
        for i, n in enumerate(rec["histogram"]):
            shade = 0 if n == 0 else 0.15 + 0.85 * n / peak
            out.append('<rect class="bin" x="%d" y="%d" width="%d" '
                       'height="20" fill="rgb(30,90,160)" fill-opacity='
                       '"%.2f" stroke="#ccc"><title>%s %s ms: %d</title>'
                       '</rect>' % (left + i * cell, y, cell - 2, shade,
                                    html.escape(kind),
                                    html.escape(edges[i]), n))
        out.append('<text x="%d" y="%d" font-size="11">%s</text>'
                   % (left + cell * len(edges) + 6, y + 15, notes[row]))
    if not kinds:
        out.append('<text x="%d" y="%d" font-size="12">no recovery was '
                   'measured</text>' % (left, top + 15))
    out.append("</svg>")
    return "\n".join(out)


def driver_rows(report):
    """Per driver (in the campaign's order): (driver, trials, survived,
    {outcome: count}, its kept failures)."""
    rows = []
    per = report.get("per_driver") or {}
    for d in list(report["drivers"]) + sorted(set(per) -
                                              set(report["drivers"])):
        counts = per.get(d, {})
        trials = sum(counts.values())
        survived = sum(counts.get(o, 0) for o in SURVIVED)
        fails = [f for f in report["failures"] if f.get("driver") == d]
        rows.append((d, trials, survived, counts, fails))
    return rows


def per_driver_html(report):
    """The per-driver section: for each driver its survival, its outcome
    counts, and its failures with their replay commands and logs."""
    e = html.escape
    core = report.get("core_services") or []
    parts = ['<h2>Per driver%s</h2>' % (" and core service" if core
                                          else ""),
             '<div id="per-driver">']
    if core:
        parts.append('<p>After every trial fic checked the state of %s '
                     '(docs/campaigns.md, "Core services"): a failed '
                     'check is wrong data, its reason in the detail.</p>'
                     % e(" ".join(core)))
    for d, trials, survived, counts, fails in driver_rows(report):
        rate = 100.0 * survived / trials if trials else 0.0
        parts.append('<section class="driver" id="driver-%s"><h3>%s</h3>'
                     '<p class="%s">Survival: <b>%d of %d</b> trials '
                     '(%.2f%%).</p>' % (e(d), e(d),
                                        "ok" if survived == trials
                                        else "bad", survived, trials, rate))
        rec = (report.get("recovery_ms_per_driver") or {}).get(d) or {}
        parts.append("<table><tr>%s<th>median ms</th><th>p99 ms</th></tr>"
                     "<tr>%s<td>%s</td><td>%s</td></tr></table>" % (
                         "".join("<th>%s</th>" % o for o in OUTCOMES),
                         "".join("<td>%d</td>" % counts.get(o, 0)
                                 for o in OUTCOMES),
                         _fmt(rec.get("median")), _fmt(rec.get("p99"))))
        if fails:
            parts.append("<ul>" + "".join(
                "<li>trial %s (%s): %s %s%s <code>%s</code></li>" % (
                    f["index"], e(f["kind"]), e(f["outcome"]),
                    e(str(f["detail"])),
                    ' — <a href="%s/">logs</a>' % e(f["logs"])
                    if f.get("logs") else "", e(f["replay"]))
                for f in fails) + "</ul>")
        elif trials > survived:
            parts.append("<p>(its failures were counted, not kept)</p>")
        parts.append("</section>")
    parts.append("</div>")
    return "\n".join(parts)


def shards_html(report):
    """The paragraph of a merged report (harness/campaign_merge.py): the
    shards it was made of, each with its trials and time; "" otherwise."""
    merged = report.get("merged")
    if not merged:
        return ""
    return ('<p id="shards">Merged from %d shards (docs/scaling.md): %s; '
            'the time above is the slowest shard\'s, %.1f s in all.</p>\n'
            % (len(merged), "; ".join(
                "%s %s: %d trials in %.1f s" % (
                    html.escape(m["shard"]), html.escape(m["dir"]),
                    m["trials"], m["duration_s"]) for m in merged),
               report.get("shard_seconds", 0)))


def html_page(report):
    """report.html: self-contained (no scripts, no external files)."""
    e = html.escape
    rows = []
    for kind in report["kinds"]:
        r = report["per_kind"].get(kind, {})
        rec = report["recovery_ms"].get(kind, {})
        rows.append("<tr><td>%s</td>%s<td>%s</td><td>%s</td><td>%s</td>"
                    "<td>%s</td></tr>" % (
                        e(kind), "".join("<td>%d</td>" % r.get(o, 0)
                                         for o in OUTCOMES),
                        _fmt(rec.get("min")), _fmt(rec.get("median")),
                        _fmt(rec.get("p99")), _fmt(rec.get("max"))))
    fails = []
    for f in report["failures"]:
        fails.append("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                     "<td>%s</td><td>%s</td><td><code>%s</code></td></tr>"
                     % (f["index"], f["seed"], e(f["driver"]), e(f["kind"]),
                        e(f["outcome"]), e(str(f["detail"])),
                        e(f["replay"])))
    ok = report["survived"] == report["trials"]
    return """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Fault-injection campaign</title>
<style>
body {{ font-family: sans-serif; margin: 2em; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
td, th {{ border: 1px solid #bbb; padding: 2px 8px; text-align: right; }}
td:first-child {{ text-align: left; }}
.ok {{ color: #1a7f37; }} .bad {{ color: #b42318; }}
</style></head><body>
<h1>Fault-injection campaign</h1>
<p id="summary" class="{cls}">Survival: <b>{surv} of {trials}</b> trials
({rate:.2f}%): {crashes} OS crashes, {hangs} hangs, {wrong} wrong data,
{norec} not recovered, {errors} errors.</p>
<p>Seed {seed}, drivers {drivers}, {boots} boots, {dur:.1f} s
({tps:.2f} trials/s). {note}.</p>
{shards}{per_driver}
<h2>Recovery time per fault kind</h2>
{svg}
<h2>Outcomes per fault kind</h2>
<table id="kinds"><tr><th>kind</th>{heads}<th>min ms</th><th>median ms</th>
<th>p99 ms</th><th>max ms</th></tr>
{rows}
</table>
<h2>Failures</h2>
<table id="failures"><tr><th>trial</th><th>trial seed</th><th>driver</th>
<th>kind</th><th>outcome</th><th>detail</th><th>replay</th></tr>
{fails}
</table>
<p>{dropped} further failures were counted but not kept.</p>
</body></html>
""".format(cls="ok" if ok else "bad", surv=report["survived"],
           trials=report["trials"], rate=100.0 * report["survival_rate"],
           crashes=report["os_crashes"], hangs=report["hangs"],
           wrong=report["wrong_data"], norec=report["not_recovered"],
           errors=report["errors"], seed=report["seed"],
           drivers=e(" ".join(report["drivers"])), boots=report["boots"],
           dur=report["duration_s"], tps=report["trials_per_s"],
           note=e(report["heartbeat_note"]), svg=svg_chart(report),
           per_driver=per_driver_html(report),
           shards=shards_html(report),
           heads="".join("<th>%s</th>" % o for o in OUTCOMES),
           rows="\n".join(rows), fails="\n".join(fails) or
           '<tr><td colspan="7">none</td></tr>',
           dropped=report["failures_not_kept"])
