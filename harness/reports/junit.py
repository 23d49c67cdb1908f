"""JUnit XML (junit.xml): one <testsuite> with a <testcase> per test.
An error becomes <error> (not <failure>), a skip <skipped>; each testcase
has <properties>: title (the readable name), points, score (absent for an
error), outcome, emulator and every property the test recorded (recovery
measurements...)."""

import xml.etree.ElementTree as ET


def _text(value):
    return "" if value is None else str(value)


def write(report, path):
    s = report["summary"]
    suite = ET.Element("testsuite", {
        "name": "phoenix", "tests": str(s["tests"]),
        "failures": str(s["failed"]), "errors": str(s["errors"]),
        "skipped": str(s["skipped"]),
        "time": "%.3f" % sum(t["duration"] for t in report["tests"])})
    props = ET.SubElement(suite, "properties")
    for key in ("score", "max_score", "complete"):
        ET.SubElement(props, "property", name=key, value=_text(s[key]))
    for t in report["tests"]:
        module, _, name = t["nodeid"].rpartition("::")
        case = ET.SubElement(suite, "testcase", {
            "classname": module.replace("/", ".").removesuffix(".py"),
            "name": name, "time": "%.3f" % t["duration"]})
        cprops = ET.SubElement(case, "properties")
        fixed = {"title": t.get("title") or None,
                 "outcome": t["outcome"], "points": t["points"],
                 "emulator": t.get("emulator")}
        if t["score"] is not None:
            fixed["score"] = t["score"]
        for key, value in list(fixed.items()) + sorted(
                t.get("properties", {}).items()):
            if value is not None:
                ET.SubElement(cprops, "property", name=str(key),
                              value=_text(value))
        message = t.get("message") or ""
        first = message.strip().splitlines()[-1:] or [""]
        if t["outcome"] == "failed":
            ET.SubElement(case, "failure", message=first[0]).text = message
        elif t["outcome"] == "error":
            ET.SubElement(case, "error", message="infrastructure error "
                          "(not graded): " + first[0]).text = message
        elif t["outcome"] == "skipped":
            ET.SubElement(case, "skipped", message=message)
    tree = ET.ElementTree(suite)
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
