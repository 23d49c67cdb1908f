"""Differential mode: the same tests on QEMU and on Bochs, compared.

With ``--differential`` every test that boots (uses the ``emulator``
fixture) runs once per emulator (harness/plugin.py parametrizes it).
:func:`compare` groups results by test without the emulator parameter and
says, per test, whether the outcomes agree; the JSON and HTML reports show
it, with every disagreement listed."""

EMULATORS = ("qemu", "bochs")


def pytest_addoption(parser):
    parser.getgroup("phoenix").addoption(
        "--differential", action="store_true", default=False,
        help="run every booting test on QEMU and on Bochs and compare "
             "the outcomes (a section of the JSON and HTML reports)")


def compare(tests):
    """TESTS: report test dicts (``group``, ``emulator``, ``outcome``).
    Returns {"tests": [...], "disagreements": [...], "agree": n} where each
    entry is {"test": group, "outcomes": {emulator: outcome}, "agree":
    bool}; tests that ran on one emulator only are left out."""
    groups = {}
    for t in tests:
        if t.get("emulator"):
            groups.setdefault(t.get("group") or t["nodeid"], {})[
                t["emulator"]] = t["outcome"]
    rows = []
    for group, outcomes in groups.items():
        if len(outcomes) < 2:
            continue
        rows.append({"test": group, "outcomes": outcomes,
                     "agree": len(set(outcomes.values())) == 1})
    return {"tests": rows,
            "agree": sum(1 for r in rows if r["agree"]),
            "disagreements": [r for r in rows if not r["agree"]]}
