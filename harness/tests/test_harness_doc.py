"""docs/harness.md gives every fixture and every public method of the
objects tests get with its real signature: the guide's two lists ("The
fixtures", "Methods") are read and compared with the code (inspect for
methods, the fixtures' source for the callables they return). Host only,
no emulator: a fixture or method added, renamed or given another
parameter fails here until the guide says so."""

import ast
import inspect
import os
import re
import sys

import pytest

from harness.agent import Agent
from harness.agentshell import AgentShell
from harness.grading import Credit
from harness.machine import ROOT, Machine
from harness.recovery import ReadLoop, Recovery
from harness.services import Services
from harness.shell import Shell

GUIDE = os.path.join(ROOT, "docs", "harness.md")
# Where fixtures are defined (the labs' plugin overrides two of them).
FIXTURE_FILES = ["harness/plugin.py", "harness/grading.py",
                 "harness/recovery.py", "labs/tools/labplugin.py"]
# The names the guide uses for the objects tests get.
OBJECTS = {"machine": Machine, "shell": Shell, "agent_shell": AgentShell,
           "AgentShell": AgentShell, "services": Services, "agent": Agent,
           "credit": Credit, "result": Recovery, "loop": ReadLoop,
           "ReadLoop": ReadLoop}
SIGNATURE = re.compile(r"`(?:(\w+)\.)?(\w+)(\([^`]*\))?`")


def section(title):
    """The text of the guide's section TITLE (up to the next "## ")."""
    text = open(GUIDE).read()
    head = "\n## %s\n" % title
    assert head in text, "docs/harness.md has no section %r" % title
    return text.split(head, 1)[1].split("\n## ", 1)[0]


def params_of_ast(args):
    """[(name, kind, default source or None)] of ast.arguments ARGS."""
    out = []
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + \
        list(args.defaults)
    for a, d in zip(positional, defaults):
        out.append((a.arg, "positional", d))
    if args.vararg:
        out.append((args.vararg.arg, "*", None))
    for a, d in zip(args.kwonlyargs, args.kw_defaults):
        out.append((a.arg, "keyword", d))
    if args.kwarg:
        out.append((args.kwarg.arg, "**", None))
    return out


def doc_params(text):
    """The parameters of the guide's "(a, b=1, **c)" TEXT."""
    return params_of_ast(ast.parse("def f%s: pass" % text).body[0].args)


KINDS = {inspect.Parameter.POSITIONAL_ONLY: "positional",
         inspect.Parameter.POSITIONAL_OR_KEYWORD: "positional",
         inspect.Parameter.VAR_POSITIONAL: "*",
         inspect.Parameter.KEYWORD_ONLY: "keyword",
         inspect.Parameter.VAR_KEYWORD: "**"}


def same_as_code(documented, func, what):
    """Assert that the guide's parameter text DOCUMENTED is the signature
    of FUNC (a function, bound method or class): names, kinds and
    defaults (a default may be written as a name of FUNC's module)."""
    sig = inspect.signature(func)
    real = [p for p in sig.parameters.values()]
    if real and real[0].name == "self":
        real = real[1:]
    doc = doc_params(documented)
    assert [(n, k) for n, k, _ in doc] == \
        [(p.name, KINDS[p.kind]) for p in real], \
        "%s%s in docs/harness.md, but the code has %s" % (what, documented,
                                                         sig)
    target = func.__init__ if inspect.isclass(func) else func
    names = sys.modules[target.__module__].__dict__
    for (name, _, d), p in zip(doc, real):
        has = p.default is not inspect.Parameter.empty
        assert (d is not None) == has, "%s: default of %s" % (what, name)
        if has:
            value = eval(compile(ast.Expression(d), GUIDE, "eval"), names)
            assert value == p.default, "%s: %s=%s, the code says %r" % (
                what, name, ast.unparse(d), p.default)


def fixture_defs():
    """{name: (file, scope, the FunctionDef it returns or yields, or
    None)} of every pytest fixture defined in FIXTURE_FILES."""
    found = {}
    for rel in FIXTURE_FILES:
        tree = ast.parse(open(os.path.join(ROOT, rel)).read())
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef):
                continue
            for deco in node.decorator_list:
                call = deco if isinstance(deco, ast.Call) else None
                target = call.func if call else deco
                if ast.unparse(target) != "pytest.fixture":
                    continue
                scope = "test"
                for kw in (call.keywords if call else []):
                    if kw.arg == "scope":
                        scope = {"function": "test"}.get(
                            kw.value.value, kw.value.value)
                found[node.name] = (rel, scope, returned_function(node))
    return found


def returned_function(fixture):
    """The nested function FIXTURE returns or yields, or None."""
    nested = {n.name: n for n in fixture.body
              if isinstance(n, ast.FunctionDef)}
    for node in ast.walk(fixture):
        value = node.value if isinstance(node, (ast.Return, ast.Yield)) \
            else None
        if isinstance(value, ast.Name) and value.id in nested:
            return nested[value.id]
    return None


def documented_fixtures():
    """[(name, "(params)" or None, scope)] of the guide's fixture list."""
    out = []
    for m in re.finditer(r"^- `(\w+)(\([^`]*\))?`(?: \((session|module)\b)?",
                         section("The fixtures"), re.M):
        out.append((m.group(1), m.group(2), m.group(3) or "test"))
    return out


def documented_methods():
    """[(object name, attribute, "(params)" or None)] of the guide's
    method list (a constructor: (None, class name, params))."""
    return [(m.group(1), m.group(2), m.group(3))
            for m in SIGNATURE.finditer(section("Methods"))
            if (m.group(1) in OBJECTS) or
            (m.group(1) is None and m.group(2) in OBJECTS and m.group(3))]


def test_the_guide_is_read():
    names = [n for n, _, _ in documented_fixtures()]
    assert {"machine", "shell", "services", "boot", "agent"} <= set(names)
    methods = documented_methods()
    assert ("services", "wait_recovered",
            "(label, restarts=None, timeout=30)") in methods
    assert len(methods) > 40


def test_every_fixture_is_documented_with_its_scope_and_signature():
    defs = fixture_defs()
    documented = documented_fixtures()
    names = [n for n, _, _ in documented]
    assert len(names) == len(set(names)), "a fixture listed twice"
    missing = sorted(set(defs) - set(names) - {"grader"})
    assert not missing, "fixtures not in docs/harness.md: %s" % missing
    plugin = open(os.path.join(ROOT, "harness", "plugin.py")).read()
    for name, params, scope in documented:
        if name == "emulator":      # made by pytest_generate_tests
            assert 'metafunc.parametrize("emulator"' in plugin
            continue
        assert name in defs, "docs/harness.md lists %s: no such fixture" % \
            name
        rel, real_scope, inner = defs[name]
        assert scope == real_scope, "%s: scope %s, the code says %s (%s)" \
            % (name, scope, real_scope, rel)
        if inner is None:
            assert params is None, "%s is not a callable fixture" % name
            continue
        assert params is not None, "%s: its call signature is missing" % name
        doc = [(n, k, d and ast.unparse(d)) for n, k, d in doc_params(params)]
        real = [(n, k, d and ast.unparse(d))
                for n, k, d in params_of_ast(inner.args)]
        assert doc == real, "%s%s in docs/harness.md, the code: %s(%s)" % (
            name, params, name, ast.unparse(inner.args))


def public(cls):
    """The public methods and properties of CLS (data attributes and
    dataclass fields left out)."""
    out = set()
    for name, value in inspect.getmembers(cls):
        if name.startswith("_"):
            continue
        if isinstance(value, property) or callable(value):
            out.add(name)
    return out


@pytest.mark.parametrize("cls", sorted(set(OBJECTS.values()),
                                       key=lambda c: c.__name__),
                         ids=lambda c: c.__name__)
def test_every_public_method_is_documented(cls):
    listed = {attr for obj, attr, _ in documented_methods()
              if obj is not None and OBJECTS[obj] is cls}
    missing = sorted(public(cls) - listed)
    assert not missing, "%s: not in docs/harness.md: %s" % (cls.__name__,
                                                            missing)


@pytest.mark.parametrize("obj,attr,params", documented_methods(),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_every_documented_signature_is_the_codes(obj, attr, params):
    if obj is None:                         # a constructor
        same_as_code(params, OBJECTS[attr], attr)
        return
    cls = OBJECTS[obj]
    what = "%s.%s" % (obj, attr)
    assert hasattr(cls, attr), "%s: %s has no %s" % (what, cls.__name__,
                                                     attr)
    member = inspect.getattr_static(cls, attr)
    if params is None:
        assert isinstance(member, property), \
            "%s is a method: give its signature" % what
        return
    assert not isinstance(member, property), "%s is a property" % what
    same_as_code(params, getattr(cls, attr), what)
