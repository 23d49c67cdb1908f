"""`make docs` on the host (about 10 s, no emulator): the reference is
built, and every public SDK function (the prototypes of sdk/include/*.h)
has its entry in the HTML with each error its header lists (@retval)."""
import glob
import html
import os
import re
import shutil
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HEADERS = sorted(glob.glob(os.path.join(ROOT, "sdk", "include", "*.h")))

pytestmark = pytest.mark.skipif(
    shutil.which("doxygen") is None or shutil.which("dot") is None,
    reason="doxygen or graphviz not installed")

DOC_DECL = re.compile(r"/\*\*(?P<doc>.*?)\*/\s*(?P<decl>[^;{}#/]*?;)", re.S)


def sdk_functions(path):
    """[(name, [retval codes])] of the documented top-level prototypes."""
    text = open(path).read()
    out = []
    for m in DOC_DECL.finditer(text):
        decl = m.group("decl")
        before = re.sub(r"/\*.*?\*/", "", text[:m.start()], flags=re.S)
        if before.count("{") != before.count("}") or decl.lstrip().startswith("typedef"):
            continue            # a struct member or a callback type
        name = None if "(*" in decl else re.search(r"(\w+)\s*\(", decl)
        if name is None:
            continue            # a variable
        codes = re.findall(r"@retval\s+(\S+)", m.group("doc"))
        out.append((name.group(1), codes))
    return out


def test_the_parser_sees_the_sdk():
    names = {n: c for h in HEADERS for n, c in sdk_functions(h)}
    assert "chardriver_announce" in names and "-EPERM" in names["chardriver_announce"]
    assert "sef_receive" in names and "ds_publish_u32" in names
    assert "chardriver_task" in names
    assert not any(n.startswith("sef_cb_init_t") for n in names)


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    build = tmp_path_factory.mktemp("build")
    r = subprocess.run(["make", "-s", "docs", "BUILD=%s" % build], cwd=ROOT,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    return build / "docs"


def test_make_docs_builds_the_reference(docs):
    assert (docs / "html" / "index.html").is_file()
    assert (docs / "warnings.log").is_file()
    # graphviz ran: include graphs exist
    assert glob.glob(str(docs / "html" / "*_incl.svg"))


def entries(htmldir, header):
    """{function name: its HTML entry} on the page of sdk/include/HEADER
    (documented where it lives: os/include/driver, linked from sdk/include)."""
    base = os.path.basename(header).replace("_", "__").replace(".", "_8")
    for page in ("driver_2" + base + ".html", "os_2include_2driver_2" + base
                 + ".html", "sdk_2include_2" + base + ".html", base + ".html"):
        p = os.path.join(htmldir, page)
        if os.path.exists(p):
            break
    else:
        raise AssertionError("no page for " + header)
    text = open(p).read()
    out = {}
    for part in text.split('<h2 class="memtitle">')[1:]:
        title = re.sub(r"<[^>]+>", "", part.split("</h2>")[0])
        m = re.search(r"(\w+)\(\)", html.unescape(title))
        if m:
            out[m.group(1)] = html.unescape(part)
    return out


@pytest.mark.parametrize("header", HEADERS, ids=os.path.basename)
def test_every_sdk_function_has_its_errors_listed(docs, header):
    found = entries(str(docs / "html"), header)
    for name, codes in sdk_functions(header):
        assert name in found, "%s: %s() not in the reference" % (header, name)
        listed = re.findall(r'<td class="paramname">([^<]*)</td>',
                            found[name].split('class="retval"', 1)[-1]) \
            if codes else []
        for code in codes:
            assert code in listed, "%s(): %s not listed" % (name, code)


GUIDES = sorted(glob.glob(os.path.join(ROOT, "docs", "*.md")))


@pytest.mark.parametrize("guide", GUIDES, ids=os.path.basename)
def test_every_guide_is_a_page_of_the_reference(docs, guide):
    # docs/NAME.md becomes the page md_docs_NAME.html (- and . as _),
    # titled with the guide's first heading.
    stem = os.path.basename(guide)[:-3].replace("-", "_").replace(".", "_")
    page = docs / "html" / ("md_docs_%s.html" % stem)
    assert page.is_file(), "%s is not in the reference" % guide
    title = open(guide).readline().lstrip("#").split("`")[0].strip()
    text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text()))
    assert title in text


def description(htmldir, page):
    """The "Detailed Description" text of file page PAGE, or None."""
    text = open(os.path.join(htmldir, page)).read()
    if "Detailed Description" not in text:
        return None
    part = text.split("Detailed Description", 1)[1]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", part)))


@pytest.mark.parametrize("name,words", [
    ("sef.h", "The system event framework"),
    ("ds.h", "Client calls of the data store")])
def test_sdk_headers_keep_their_descriptions_beside_the_abi_ones(
        docs, name, words):
    # sdk/include/NAME and os/include/abi/NAME share a file name: each
    # keeps its own page, the SDK's with its file description.
    htmldir = str(docs / "html")
    base = name.replace(".", "_8")
    sdk = description(htmldir, "sdk_2include_2%s.html" % base)
    assert sdk is not None and words in sdk, "sdk/include/%s lost its " \
        "description" % name
    assert os.path.isfile(os.path.join(htmldir, "os_2include_2abi_2%s.html"
                                       % base))
    log = (docs / "warnings.log").read_text()
    assert "\\file statement" not in log, log


def test_the_sdk_leads_the_file_list(docs):
    text = (docs / "html" / "files.html").read_text()
    tops = re.findall(r'<tr id="row_\d+_"[^>]*>.*?<a class="el"[^>]*>'
                      r'([^<]+)</a>', text)
    assert tops[0] == "sdk", tops
    assert "os" in tops
    # the side bar agrees
    dup = (docs / "html" / "files_dup.js").read_text()
    assert re.findall(r'^    \[ "([^"]+)"', dup, re.M)[0] == "sdk"
