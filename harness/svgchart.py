"""What the inline SVG charts of the HTML reports share (report.html of a
test session, harness/reports/htmlreport.py; of a campaign,
harness/campaign_report.py): text measured generously, and an <svg> whose
viewBox holds the whole chart, so that a browser scales it down to the
page instead of cutting it off."""

import html
import math
import re

# Pixels per character and point of font size: more than any sans-serif
# font takes, so that a chart sized with it holds its labels.
CHAR_W = 0.62


def text_width(text, size):
    """The width in pixels TEXT in a SIZE-point font takes at most."""
    return len(str(text)) * size * CHAR_W


def svg_open(element_id, width, height, label):
    """The opening <svg> tag of a chart WIDTH x HEIGHT (pixels): a viewBox
    of that size, scaled down (never cut) when the page is narrower."""
    return ('<svg id="%s" xmlns="http://www.w3.org/2000/svg" width="%d" '
            'height="%d" viewBox="0 0 %d %d" preserveAspectRatio="xMinYMin '
            'meet" style="max-width:100%%;height:auto;overflow:visible" '
            'role="img" aria-label="%s">'
            % (element_id, width, height, width, height,
               html.escape(label)))


def _box(el, size_default=12):
    """(x0, y0, x1, y1) element EL takes (a rect, or a text measured with
    text_width, turned by its rotate(a x y) transform), or None for other
    elements."""
    tag = el.tag.rsplit("}", 1)[-1]
    f = lambda name: float(el.get(name, 0))     # noqa: E731
    if tag == "rect":
        return f("x"), f("y"), f("x") + f("width"), f("y") + f("height")
    if tag != "text":
        return None
    size = float(el.get("font-size", size_default))
    w = text_width("".join(el.itertext()), size)
    x, y = f("x"), f("y")
    anchor = el.get("text-anchor", "start")
    x0 = x - w / 2 if anchor == "middle" else x - w if anchor == "end" \
        else x
    box = (x0, y - size, x0 + w, y + size * 0.3)
    turn = re.match(r"rotate\(\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\)",
                    el.get("transform") or "")
    if not turn:
        return box
    a, cx, cy = (float(v) for v in turn.groups())
    c, s = math.cos(math.radians(a)), math.sin(math.radians(a))
    xs, ys = [], []
    for px in (box[0], box[2]):
        for py in (box[1], box[3]):
            xs.append(cx + (px - cx) * c - (py - cy) * s)
            ys.append(cy + (px - cx) * s + (py - cy) * c)
    return min(xs), min(ys), max(xs), max(ys)


def outside(svg):
    """The elements of chart SVG (its text) that reach beyond its viewBox,
    as sentences (empty when the chart shows whole); a chart without a
    viewBox is one such sentence."""
    import xml.etree.ElementTree as ET
    root = ET.fromstring(svg)
    box = root.get("viewBox")
    if not box:
        return ["the chart has no viewBox"]
    vx, vy, vw, vh = (float(v) for v in box.split())
    errors = []
    for el in root.iter():
        b = _box(el)
        if b is None:
            continue
        if b[0] < vx or b[1] < vy or b[2] > vx + vw or b[3] > vy + vh:
            errors.append("<%s> %r at %s is outside the viewBox %s" % (
                el.tag.rsplit("}", 1)[-1], "".join(el.itertext())[:40],
                tuple(round(v) for v in b), box))
    return errors
