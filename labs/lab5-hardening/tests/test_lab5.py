"""Lab 5 (public tests): the vault survives faults with its message, a
fault-injection campaign with a client reading all along, and recovers
about as fast as the reference (hello, measured in the same run)."""

import pytest

from harness.recovery import ReadLoop
from conftest import MESSAGE, campaign, relative_credit


def probe(device):
    def check(shell):
        out = shell.check("cat " + device)
        assert out.strip() == MESSAGE, "the vault gives %r" % out
    return check


@pytest.mark.points(2)
def test_vault_works(vault):
    """The vault stores a message and gives it back."""
    svc, lab = vault
    svc.shell.check("echo other > " + lab["device"])
    assert svc.shell.check("cat " + lab["device"]).strip() == "other"


@pytest.mark.points(3)
@pytest.mark.depends("test_vault_works")
def test_message_survives_a_crash(vault, recovery):
    """The message survives a crash."""
    svc, lab = vault
    r = recovery(svc, lab["driver"], "crash", timeout=60)
    assert r.restarts >= 1
    probe(lab["device"])(svc.shell)


@pytest.mark.points(10)
@pytest.mark.depends("test_message_survives_a_crash")
def test_campaign(vault, recovery, credit):
    """Eight random faults under a reading client: all recovered, no loss.

    Eight faults of random kinds (fixed seed) while readloop reads the
    vault: every one recovered, the message kept after each, and the
    client never saw wrong data (errors while the vault is away are
    allowed)."""
    svc, lab = vault
    client = ReadLoop(lab["device"], MESSAGE)
    client.start(svc.shell)
    kept = 0
    kinds = campaign(8)
    try:
        for kind in kinds:
            recovery(svc, lab["driver"], kind, timeout=60)
            out = svc.shell.check("cat " + lab["device"])
            kept += out.strip() == MESSAGE
    finally:
        stats = client.stop(svc.shell)
    assert stats.wrong == 0, "the client read wrong data %d times (%r)" % (
        stats.wrong, stats)
    assert kept == len(kinds), "message kept after %d of %d faults (%s)" % (
        kept, len(kinds), ", ".join(kinds))


@pytest.mark.points(5)
@pytest.mark.depends("test_message_survives_a_crash")
@pytest.mark.parametrize("kind", ["crash", "hang"])
def test_recovery_time(vault, recovery, credit, record_property, kind):
    """Recovers about as fast as the reference driver.

    Recovery time against the reference (the hello driver, stateful
    restart, in the same run: its first fault, so RS's backoff does not
    count) and three faults of the vault (no backoff: -b): full credit up
    to 1.5 times the reference, none from 4 times."""
    svc, lab = vault
    ref = [recovery(svc, "hello", kind, timeout=60,
                    probe=lambda s: s.check("cat /dev/hello"))
           .recovery_time_ms]
    ours = [recovery(svc, lab["driver"], kind, timeout=60,
                     probe=probe(lab["device"])).recovery_time_ms
            for _ in range(3)]
    fraction, ratio = relative_credit(ours, ref)
    record_property("recovery_ratio", round(ratio, 2))
    credit.award(fraction, "median recovery %.2f times the reference's"
                 % ratio)
