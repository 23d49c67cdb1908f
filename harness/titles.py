"""Readable test names, as students see them (Gradescope, junit, HTML).

A test's title is the first line of its function's docstring (the test
author writes it), else its function name in words ("test_bad_writes_refused"
-> "bad writes refused"); "Hidden: " goes first when the test's file is
under a ``hidden/`` folder. The variant tells parametrized instances apart:
" (QEMU)" / " (Bochs)" only when the same test runs on several emulators,
and the other parameters in brackets (" [kind=crash]"). Never a node id.
"""

import inspect
import pathlib

HIDDEN_PREFIX = "Hidden: "
EMULATOR_NAMES = {"qemu": "QEMU", "bochs": "Bochs"}
_SCALARS = (str, int, float, bool, type(None))


def from_function(name):
    """The words of function NAME: "test_bad_writes_refused" -> "bad writes
    refused" (a parametrization in brackets is dropped)."""
    name = name.split("[", 1)[0]
    if name.startswith("test_"):
        name = name[len("test_"):]
    return name.replace("_", " ").strip() or name


def from_name(name):
    """A readable name from a test's NAME alone (a report without titles):
    "test_ok[qemu]" -> "ok [qemu]"."""
    base, _, params = name.partition("[")
    return from_function(base) + (" [" + params if params else "")


def doc_title(func):
    """The first line of FUNC's docstring (one trailing period dropped), or
    "" when it has none."""
    doc = inspect.getdoc(func) if func is not None else None
    for line in (doc or "").splitlines():
        line = line.strip()
        if line:
            return line[:-1] if line.endswith(".") and \
                not line.endswith("..") else line
    return ""


def is_hidden(item):
    """Whether ITEM's file is under a ``hidden/`` folder (its node id's
    path, relative to the rootdir, so no host folder above counts)."""
    path = item.nodeid.split("::", 1)[0]
    return "hidden" in pathlib.PurePosixPath(path).parts[:-1]


def variant(item, several_emulators):
    """The suffix telling ITEM's parametrized instance apart: " (QEMU)" when
    SEVERAL_EMULATORS run the same test, then its other parameters
    " [name=value, ...]" (a value that is not a plain scalar by its index)."""
    callspec = getattr(item, "callspec", None)
    if callspec is None:
        return ""
    out = ""
    emulator = callspec.params.get("emulator")
    if emulator is not None and several_emulators:
        out += " (%s)" % EMULATOR_NAMES.get(emulator, emulator)
    others = []
    for key, value in callspec.params.items():
        if key == "emulator":
            continue
        if isinstance(value, _SCALARS):
            others.append("%s=%s" % (key, value))
        else:
            others.append("%s #%d" % (key, callspec.indices.get(key, 0) + 1))
    if others:
        out += " [%s]" % ", ".join(others)
    return out


def naming(item, several_emulators=False):
    """ITEM's naming facts, a dict carried on every report: ``title`` (the
    full readable name), ``function`` (the test function's name, which a
    lab's configuration uses as key), ``variant`` (the parametrization
    suffix, also part of the title) and ``hidden``."""
    func = getattr(item, "function", None)
    function = getattr(item, "originalname", None) or item.name
    hidden = is_hidden(item)
    base = doc_title(func) or from_function(function)
    suffix = variant(item, several_emulators)
    return {"title": compose(base, hidden, suffix), "function": function,
            "variant": suffix, "hidden": hidden}


def compose(base, hidden, suffix=""):
    """The full title of a test named BASE (its docstring line or a
    configured name), HIDDEN or not, with its variant SUFFIX. After the
    "Hidden: " prefix a capitalized first word reads on in lower case
    ("Rejects a bad value" -> "Hidden: rejects a bad value"; "ACK" stays)."""
    if hidden:
        first = (base.split() or [""])[0]
        if first[:1].isupper() and (first[1:].islower() or
                                    len(first) == 1):
            base = base[0].lower() + base[1:]
        base = HIDDEN_PREFIX + base
    return base + suffix
