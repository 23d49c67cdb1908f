"""The HTML summary (report.html): one self-contained page, no scripts and
no external files. It holds the totals (``id="summary"``), the score table
(``<table id="scores">``, one row per test: readable name, node id...), an inline SVG chart of
recovery times per fault kind (``<svg id="recovery-chart">``, the median
recovery and detection times of the tests that recorded
``recovery_time_ms``), and in differential mode the comparison table
(``id="differential"``) with every disagreement listed."""

import html
import statistics

CSS = """
body { font-family: sans-serif; margin: 2em; }
table { border-collapse: collapse; }
td, th { border: 1px solid #999; padding: 2px 8px; text-align: left; }
.passed { background: #d4f4d4; } .failed { background: #f8d0d0; }
.error { background: #f8e8a0; } .skipped { background: #e4e4e4; }
.disagree { background: #f8d0d0; font-weight: bold; }
"""

BAR_W, GAP, CHART_H, LEFT, BOTTOM = 36, 28, 220, 60, 40


def _e(value):
    return html.escape("" if value is None else str(value))


def recovery_series(tests):
    """{kind: {"recovery": [ms...], "detection": [ms...]}} of TESTS."""
    series = {}
    for t in tests:
        p = t.get("properties") or {}
        if "recovery_time_ms" not in p:
            continue
        s = series.setdefault(str(p.get("recovery_kind", "?")),
                              {"recovery": [], "detection": []})
        s["recovery"].append(float(p["recovery_time_ms"]))
        if p.get("detection_latency_ms") is not None:
            s["detection"].append(float(p["detection_latency_ms"]))
    return series


def chart(tests):
    """The SVG chart (a string) of the recovery times in TESTS."""
    series = recovery_series(tests)
    kinds = sorted(series)
    values = [v for k in kinds for v in series[k]["recovery"] +
              series[k]["detection"]] or [1.0]
    top = max(values) or 1.0
    width = LEFT + max(1, len(kinds)) * (2 * BAR_W + GAP) + GAP
    height = CHART_H + BOTTOM + 20
    out = ['<svg id="recovery-chart" xmlns="http://www.w3.org/2000/svg" '
           'width="%d" height="%d" role="img">' % (width, height),
           '<title>Recovery times per fault kind (median, ms, host '
           'time)</title>',
           '<line x1="%d" y1="10" x2="%d" y2="%d" stroke="black"/>'
           % (LEFT, LEFT, CHART_H + 10),
           '<text x="4" y="20" font-size="11">%.0f ms</text>' % top,
           '<text x="4" y="%d" font-size="11">0</text>' % (CHART_H + 10)]
    if not kinds:
        out.append('<text x="%d" y="%d">no recovery measured</text>'
                   % (LEFT + 10, CHART_H // 2))
    x = LEFT + GAP
    for kind in kinds:
        for what, colour in (("detection", "#e0a030"),
                             ("recovery", "#3070c0")):
            vals = series[kind][what]
            v = statistics.median(vals) if vals else 0.0
            h = CHART_H * v / top
            out.append('<rect class="bar %s" data-kind="%s" x="%d" y="%.1f" '
                       'width="%d" height="%.1f" fill="%s"><title>%s %s: '
                       '%.1f ms (median of %d)</title></rect>'
                       % (what, _e(kind), x, CHART_H + 10 - h, BAR_W, h,
                          colour, _e(kind), what, v, len(vals)))
            out.append('<text x="%d" y="%.1f" font-size="10">%.0f</text>'
                       % (x + 2, CHART_H + 6 - h, v))
            x += BAR_W
        out.append('<text class="kind" x="%d" y="%d" font-size="12">%s'
                   '</text>' % (x - 2 * BAR_W, CHART_H + 28, _e(kind)))
        x += GAP
    out.append('<text x="%d" y="%d" font-size="11">orange: detection '
               'latency, blue: recovery time</text>'
               % (LEFT, CHART_H + BOTTOM + 12))
    out.append("</svg>")
    return "\n".join(out)


def _score(t):
    if t["outcome"] == "error":
        return "error (not graded)"
    return "%g" % t["score"]


def render(report):
    """The HTML page (a string) of REPORT."""
    s = report["summary"]
    state = "complete" if s["complete"] else \
        "ERROR, INCOMPLETE: %d infrastructure error(s), not graded" \
        % s["errors"]
    rows = []
    for t in report["tests"]:
        props = "; ".join("%s=%s" % (k, v) for k, v in
                          sorted((t.get("properties") or {}).items()))
        rows.append('<tr class="%s"><td>%s</td><td>%s</td><td>%s</td>'
                    '<td>%s</td><td>%s</td><td>%g</td><td>%.2f</td>'
                    '<td>%s</td></tr>'
                    % (_e(t["outcome"]), _e(t.get("title") or ""),
                       _e(t["nodeid"]),
                       _e(t.get("emulator") or ""), _e(t["outcome"]),
                       _e(_score(t)), t["points"], t["duration"],
                       _e(props)))
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             "<title>Phoenix test report</title><style>%s</style></head>"
             % CSS, "<body>", "<h1>Phoenix test report</h1>",
             '<p id="summary">Score: <b id="score">%s</b> / '
             '<span id="max-score">%g</span> — %d passed, %d failed, %d '
             'skipped, %d errors — <span id="state">%s</span></p>'
             % ("%g" % s["score"] if s["complete"] else
                "ERROR (graded tests: %g)" % s["score"], s["max_score"],
                s["passed"], s["failed"],
                s["skipped"], s["errors"], _e(state)),
             "<h2>Tests</h2>",
             '<table id="scores"><thead><tr><th>name</th><th>test</th>'
             "<th>emulator</th>"
             "<th>outcome</th><th>score</th><th>points</th><th>seconds</th>"
             "<th>properties</th></tr></thead><tbody>",
             "\n".join(rows), "</tbody></table>",
             "<h2>Recovery times per fault kind</h2>", chart(report["tests"])]
    diff = report.get("differential")
    if diff is not None:
        parts.append("<h2>Differential: QEMU vs Bochs</h2>")
        parts.append('<p>%d of %d tests agree; disagreements: %d</p>'
                     % (diff["agree"], len(diff["tests"]),
                        len(diff["disagreements"])))
        if diff["disagreements"]:
            parts.append('<ul id="disagreements">' + "".join(
                "<li>%s: %s</li>" % (_e(r["test"]), _e(", ".join(
                    "%s %s" % kv for kv in sorted(r["outcomes"].items()))))
                for r in diff["disagreements"]) + "</ul>")
        parts.append('<table id="differential"><thead><tr><th>test</th>'
                     "<th>qemu</th><th>bochs</th><th>agree</th></tr></thead>"
                     "<tbody>")
        for r in diff["tests"]:
            parts.append('<tr class="%s"><td>%s</td><td>%s</td><td>%s</td>'
                         "<td>%s</td></tr>" % (
                             "agree" if r["agree"] else "disagree",
                             _e(r["test"]), _e(r["outcomes"].get("qemu")),
                             _e(r["outcomes"].get("bochs")),
                             "yes" if r["agree"] else "NO"))
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write(report, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write(render(report))
