"""Put the SDK first in the file list of the Doxygen HTML (`make docs`).

Doxygen sorts the folders of its file list by name, so `sdk/` (what a
driver writer reads) came after `docs/`, `harness/`, `labs/` and `os/`.
This moves the `sdk` folder to the top of the list, keeping the others in
their order, in the three places the HTML keeps that order: the table of
files.html, the tree of the side bar (files_dup.js), and the side bar's
index of where each page sits in that tree (navtreeindex*.js).

Usage: sdk_first.py HTMLDIR [FOLDER]  (FOLDER: sdk). Exit status 0 when
done (or nothing to move: FOLDER already first), 1 when the HTML is not
laid out as expected (nothing is changed then)."""

import glob
import json
import os
import re
import sys

ROW = re.compile(r'<tr id="row_(\d+)_')
PREFIX = re.compile(r"(id=\"(?:row|arr|img)_|toggleFolder\(')(\d+)_")
NAVTREE = re.compile(r"var NAVTREE =\s*(\[.*?\]);\s*\n", re.S)
INDEX_ENTRY = re.compile(r"(\"[^\"]*\":\[)(\d+),(\d+),(\d+)")
TOP_ENTRY = re.compile(r'^    \[ "([^"]*)", .*?\](,?)$', re.M)


class Layout(Exception):
    """The HTML is not what this script knows how to change."""


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def top_entries(text):
    """The top-level folder names of files_dup.js TEXT, in order."""
    return [m.group(1) for m in TOP_ENTRY.finditer(text)]


def new_order(names, folder):
    """{old index: new index} moving FOLDER of NAMES first, or None when it
    is first already. Raises Layout when FOLDER is not among them."""
    if folder not in names:
        raise Layout("no folder %r at the top of the file list" % folder)
    old = names.index(folder)
    if old == 0:
        return None
    order = [old] + [i for i in range(len(names)) if i != old]
    return {o: n for n, o in enumerate(order)}


def reorder_files_html(text, moved):
    """files.html TEXT with the rows of its file table grouped in the new
    order MOVED and their ids and toggles renumbered (the stripes are
    redrawn by doxygen's own script when a folder opens)."""
    start = text.find('<tr id="row_')
    end = text.find("</table>", start)
    if start < 0 or end < 0:
        raise Layout("files.html has no file table")
    rows = text[start:end].split('<tr id="row_')[1:]
    groups = {}
    for row in rows:
        row = '<tr id="row_' + row
        top = int(ROW.match(row).group(1))
        groups.setdefault(moved[top], []).append(
            PREFIX.sub(lambda m: "%s%d_" % (m.group(1),
                                            moved[int(m.group(2))]), row))
    body = "".join(r for n in sorted(groups) for r in groups[n])
    return text[:start] + body + text[end:]


def reorder_files_dup(text, moved):
    """files_dup.js TEXT with its top-level entries in the order MOVED."""
    entries = [m.group(0).rstrip(",") for m in TOP_ENTRY.finditer(text)]
    first = TOP_ENTRY.search(text).start()
    last = list(TOP_ENTRY.finditer(text))[-1].end()
    ordered = [None] * len(entries)
    for old, new in moved.items():
        ordered[new] = entries[old]
    return text[:first] + ",\n".join(ordered) + text[last:]


def files_tab(navtreedata):
    """The index of the "Files" entry (files.html) in the side bar's tree
    (navtreedata.js text NAVTREEDATA)."""
    found = NAVTREE.search(navtreedata)
    if not found:
        raise Layout("navtreedata.js has no NAVTREE")
    children = json.loads(found.group(1))[0][2]
    for i, child in enumerate(children):
        if child[1] == "files.html" and child[2] and \
                child[2][0][2] == "files_dup":
            return i
    raise Layout("the side bar has no file list")


def reorder_index(text, tab, moved):
    """A navtreeindex*.js TEXT with the positions of the pages under the
    file list (tab TAB, its first entry) renumbered by MOVED."""
    def fix(m):
        if int(m.group(2)) != tab or m.group(3) != "0":
            return m.group(0)
        return "%s%s,0,%d" % (m.group(1), m.group(2), moved[int(m.group(4))])
    return INDEX_ENTRY.sub(fix, text)


def sdk_first(htmldir, folder="sdk"):
    """Move FOLDER first in the file list of the Doxygen HTML in HTMLDIR.
    Returns True when something moved, False when FOLDER was first;
    raises Layout (nothing written) when the HTML is not as expected."""
    dup_path = os.path.join(htmldir, "files_dup.js")
    files_path = os.path.join(htmldir, "files.html")
    dup = read(dup_path)
    moved = new_order(top_entries(dup), folder)
    if moved is None:
        return False
    tab = files_tab(read(os.path.join(htmldir, "navtreedata.js")))
    out = {files_path: reorder_files_html(read(files_path), moved),
           dup_path: reorder_files_dup(dup, moved)}
    for path in glob.glob(os.path.join(htmldir, "navtreeindex*.js")):
        out[path] = reorder_index(read(path), tab, moved)
    for path, text in out.items():
        write(path, text)
    return True


def main(argv):
    if len(argv) not in (2, 3):
        print("usage: sdk_first.py HTMLDIR [FOLDER]", file=sys.stderr)
        return 2
    try:
        sdk_first(*argv[1:])
    except (Layout, OSError, ValueError, KeyError, IndexError) as e:
        print("sdk_first.py: %s: the file list keeps doxygen's order (%s)"
              % (argv[1], e), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
