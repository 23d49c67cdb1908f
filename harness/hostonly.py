"""pytest plugin for ``make test-host`` (``-p harness.hostonly``): the run
is host-only, so a selected test that would boot a machine (it uses the
``image`` fixture, directly or through boot, machine, module_machine,
shell, services, agent...) is a usage error naming it, before anything
runs."""

import pytest

# The fixtures every machine of harness/plugin.py comes from.
MACHINE_FIXTURES = ("image", "snapshot_cache")


def boots(item):
    """Whether test ITEM would boot a machine (by its fixtures)."""
    names = getattr(item, "fixturenames", ())
    return any(f in names for f in MACHINE_FIXTURES)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    booting = [i.nodeid for i in items if boots(i)]
    if booting:
        raise pytest.UsageError(
            "make test-host runs host-only tests, but these boot a machine "
            "(they use the image fixture): %s" % ", ".join(booting[:10]) +
            (" and %d more" % (len(booting) - 10) if len(booting) > 10
             else ""))
