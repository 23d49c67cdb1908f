"""Lab 5 (hidden tests): a longer campaign with another seed, a write
right after a fault, and a live update keeping the message."""

import pytest

from harness.recovery import ReadLoop
from conftest import MESSAGE, campaign


@pytest.mark.points(6)
def test_long_campaign_other_seed(vault, recovery):
    """Twelve more faults (another seed) under a reading client."""
    svc, lab = vault
    client = ReadLoop(lab["device"], MESSAGE)
    client.start(svc.shell)
    try:
        for kind in campaign(12, seed=77):
            recovery(svc, lab["driver"], kind, timeout=60)
            assert svc.shell.check("cat " + lab["device"]).strip() == \
                MESSAGE, "message lost after " + kind
    finally:
        stats = client.stop(svc.shell)
    assert stats.wrong == 0, "the client read wrong data %d times" \
        % stats.wrong


@pytest.mark.points(2)
def test_write_after_fault_is_kept(vault, recovery):
    """A message written after a fault survives the next crash."""
    svc, lab = vault
    recovery(svc, lab["driver"], "segv", timeout=60)
    svc.shell.check("echo second > " + lab["device"])
    recovery(svc, lab["driver"], "crash", timeout=60)
    assert svc.shell.check("cat " + lab["device"]).strip() == "second"


@pytest.mark.points(2)
def test_live_update_keeps_the_message(vault):
    """A live update keeps the message."""
    svc, lab = vault
    out, rc = svc.update("self", lab["driver"], state=2)
    assert rc == 0, out
    assert svc.shell.check("cat " + lab["device"]).strip() == MESSAGE
