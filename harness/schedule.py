"""The order in which pytest-xdist hands out test files (make test: -n 2
--dist loadfile): the longest first.

xdist gives each worker the next file of the collection when it is nearly
done with its own, so a long file collected last runs alone at the end
while the other worker is idle. Handing out the longest files first (the
"longest processing time first" rule) lets the short ones fill the gaps,
and both workers finish within about one short file of each other.

How long a file takes comes from harness/durations.txt, one file a line,
"SECONDS PATH" (its tests' total time in one run of make test; only the
order matters, so a run on a loaded machine does); a file not listed
there counts as the longest (a new suite is more likely long than short:
it then starts early, where it costs nothing).
Only the order of whole files changes, never the order of the tests in a
file (some share a machine in order). Without xdist the collection is
left as it is.

    /usr/bin/python3 -m harness.schedule build/reports/junit.xml
        prints a new table from a run's junit.xml (to harness/durations.txt)
"""

import os
import sys
import xml.etree.ElementTree as ET

from harness.machine import ROOT

TABLE = os.path.join(ROOT, "harness", "durations.txt")


def read_table(path=TABLE):
    """{file path relative to ROOT: seconds} of TABLE ({} when missing)."""
    table = {}
    try:
        with open(path) as f:
            for line in f:
                words = line.split("#")[0].split()
                if len(words) == 2:
                    table[words[1]] = float(words[0])
    except FileNotFoundError:
        pass
    return table


def file_of(nodeid):
    """The test file of a node id ("os/tests/test_x.py::test_y[z]")."""
    return nodeid.split("::")[0]


def longest_first(items, table):
    """ITEMS (pytest's collection) with whole files in the order of their
    time in TABLE, the longest first (unknown files first of all), each
    file's tests in their own order."""
    unknown = max(table.values(), default=0.0) + 1.0
    first = {}
    for i, item in enumerate(items):
        first.setdefault(file_of(item.nodeid), i)
    order = sorted(first, key=lambda f: (-table.get(f, unknown), first[f]))
    rank = {f: n for n, f in enumerate(order)}
    return sorted(items, key=lambda item: rank[file_of(item.nodeid)])


def pytest_collection_modifyitems(session, config, items):
    # Only a worker's collection is handed out (the controller collects
    # nothing; a worker does not know the --dist mode: any mode gains).
    if hasattr(config, "workerinput"):
        items[:] = longest_first(items, read_table())


def table_from_junit(path):
    """{file: seconds} of the tests in junit.xml PATH (pytest's, xunit2:
    each testcase has its file and its time)."""
    totals = {}
    for case in ET.parse(path).getroot().iter("testcase"):
        name = case.get("file") or module_file(case.get("classname", ""))
        totals[name] = totals.get(name, 0.0) + float(case.get("time", 0))
    return totals


def module_file(classname):
    """The file of a junit classname ("os.tests.test_x" or
    "os.tests.test_x.TestClass"): its longest prefix that is a file."""
    parts = classname.split(".")
    for n in range(len(parts), 0, -1):
        path = "/".join(parts[:n]) + ".py"
        if os.path.isfile(os.path.join(ROOT, path)):
            return path
    return classname


def main(argv):
    if len(argv) != 1:
        print("usage: python3 -m harness.schedule JUNIT.xml", file=sys.stderr)
        return 2
    totals = table_from_junit(argv[0])
    print("# Seconds per test file (all its tests) in one run of make test,\n"
          "# the longest first: harness/schedule.py hands files to the xdist\n"
          "# workers in this order (only the order matters). Made by\n"
          "# `/usr/bin/python3 -m harness.schedule build/reports/junit.xml`.")
    for name, secs in sorted(totals.items(), key=lambda t: -t[1]):
        print("%7.1f %s" % (secs, name))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
