"""The HTML summary (report.html): one self-contained page, no scripts and
no external files (but links to the kept logs). It holds the totals
(``id="summary"``), the score table (``<table id="scores">``, one row per
test: readable name, node id...), the failures (``<ul id="failures">``:
why each failed or errored test did not pass, its detail, links to its
console log and artifacts), an inline SVG chart of recovery times per
fault kind (``<svg id="recovery-chart">``, with a viewBox holding every
bar and label; the median recovery and detection times of the tests that
recorded ``recovery_time_ms``), and in differential mode the comparison
table (``id="differential"``) with every disagreement listed."""

import html
import os
import statistics
import urllib.parse

from harness.svgchart import svg_open, text_width

CSS = """
body { font-family: sans-serif; margin: 2em; }
table { border-collapse: collapse; }
td, th { border: 1px solid #999; padding: 2px 8px; text-align: left; }
.passed { background: #d4f4d4; } .failed { background: #f8d0d0; }
.error { background: #f8e8a0; } .skipped { background: #e4e4e4; }
.disagree { background: #f8d0d0; font-weight: bold; }
#failures pre { background: #f6f6f6; padding: 4px; overflow-x: auto; }
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


LEGEND = "orange: detection latency, blue: recovery time"


def chart(tests):
    """The SVG chart (a string) of the recovery times in TESTS: every bar,
    value and label inside its viewBox, however long the fault kinds or
    large the times."""
    series = recovery_series(tests)
    kinds = sorted(series)
    values = [v for k in kinds for v in series[k]["recovery"] +
              series[k]["detection"]] or [1.0]
    top = max(values) or 1.0
    top_label = "%.0f ms" % top
    left = max(LEFT, int(text_width(top_label, 11)) + 12)
    # Each kind: two bars, its name centred under them (wider names push
    # the next kind along), its values above the bars.
    slots = []
    x = left + GAP
    for kind in kinds:
        label_w = text_width(kind, 12)
        value_w = max([text_width("%.0f" % v, 10) for k in ("recovery",
                       "detection") for v in series[kind][k]] + [0])
        slot = max(2 * BAR_W, label_w + 4, 2 * (value_w + 4))
        slots.append((kind, x, slot))
        x += slot + GAP
    width = int(max(x, left + GAP + text_width("no recovery measured", 16),
                    left + text_width(LEGEND, 11)) + 10)
    height = CHART_H + BOTTOM + 20
    out = [svg_open("recovery-chart", width, height,
                    "Recovery times per fault kind"),
           '<title>Recovery times per fault kind (median, ms, host '
           'time)</title>',
           '<line x1="%d" y1="10" x2="%d" y2="%d" stroke="black"/>'
           % (left, left, CHART_H + 10),
           '<text x="4" y="20" font-size="11">%s</text>' % top_label,
           '<text x="4" y="%d" font-size="11">0</text>' % (CHART_H + 10)]
    if not kinds:
        out.append('<text x="%d" y="%d" font-size="16">no recovery '
                   'measured</text>' % (left + GAP, CHART_H // 2))
    for kind, x, slot in slots:
        bx = x + (slot - 2 * BAR_W) / 2
        for what, colour in (("detection", "#e0a030"),
                             ("recovery", "#3070c0")):
            vals = series[kind][what]
            v = statistics.median(vals) if vals else 0.0
            h = CHART_H * v / top
            out.append('<rect class="bar %s" data-kind="%s" x="%.1f" '
                       'y="%.1f" width="%d" height="%.1f" fill="%s"><title>'
                       '%s %s: %.1f ms (median of %d)</title></rect>'
                       % (what, _e(kind), bx, CHART_H + 10 - h, BAR_W, h,
                          colour, _e(kind), what, v, len(vals)))
            # The value above its bar, centred on it (it may be wider).
            out.append('<text x="%.1f" y="%.1f" font-size="10" '
                       'text-anchor="middle">%.0f</text>'
                       % (bx + BAR_W / 2, max(CHART_H + 6 - h, 12), v))
            bx += BAR_W
        out.append('<text class="kind" x="%.1f" y="%d" font-size="12" '
                   'text-anchor="middle">%s</text>'
                   % (x + slot / 2, CHART_H + 28, _e(kind)))
    out.append('<text x="%d" y="%d" font-size="11">%s</text>'
               % (left, CHART_H + BOTTOM + 12, LEGEND))
    out.append("</svg>")
    return "\n".join(out)


def _score(t):
    if t["outcome"] == "error":
        return "error (not graded)"
    return "%g" % t["score"]


def _href(path, base):
    """A link to PATH from a page in directory BASE (relative when BASE is
    known, so that the report directory and build/ move together)."""
    if base:
        path = os.path.relpath(path, base)
    return urllib.parse.quote(path.replace(os.sep, "/"))


def why(t):
    """Why test T (a report's test dict) did not pass, in one line: the
    author's reason, else the last line of pytest's message."""
    if t.get("reason") and t["reason"] != "failed":
        return t["reason"]
    lines = (t.get("message") or "").strip().splitlines()
    return lines[-1] if lines else t["outcome"]


def failures(tests, base=None):
    """The failures section (HTML list items, ``id="failures"``): for each
    failed or errored test its name, why, the detail, and links to its
    console log and its kept artifacts (harness.reports.session)."""
    items = []
    for t in tests:
        if t["outcome"] not in ("failed", "error"):
            continue
        links = []
        if t.get("console_log"):
            links.append('<a class="console" href="%s">console log</a>'
                         % _href(t["console_log"], base))
        if t.get("artifacts"):
            links.append('<a class="artifacts" href="%s/">artifacts</a>'
                         % _href(t["artifacts"], base))
        detail = t.get("detail") or t.get("message") or ""
        items.append(
            '<li class="%s" id="fail-%s"><b>%s</b> <code>%s</code>: '
            '<span class="why">%s</span>%s%s</li>'
            % (_e(t["outcome"]), _e(t["nodeid"]),
               _e(t.get("title") or t["name"]), _e(t["nodeid"]),
               _e(("infrastructure error (not graded): "
                   if t["outcome"] == "error" else "") + why(t)),
               " — " + ", ".join(links) if links else
               " (no console log kept)",
               "<pre>%s</pre>" % _e(detail) if detail else ""))
    if not items:
        return ""
    return ('<h2>Failures</h2>\n<ul id="failures">\n%s\n</ul>'
            % "\n".join(items))


def render(report, base=None):
    """The HTML page (a string) of REPORT, its links relative to the
    directory BASE (where the page is written)."""
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
             failures(report["tests"], base),
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
    """Write REPORT's page into PATH."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(render(report, os.path.dirname(os.path.abspath(path))))
