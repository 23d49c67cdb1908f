"""The trial planner of fault-injection campaigns: every trial is a pure
function of its trial seed (and the campaign's driver list), so a failure
is replayed exactly with ``make campaign REPLAY=<trial seed>``.

A trial seed comes from the campaign SEED and the trial's index
(:func:`trial_seed`); from it :func:`plan_trial` draws the driver (uniform
over DRIVERS), the kind (uniform over the 7 ``service fi`` kinds and the 4
mutation kinds), DELAY (0..20 clock ticks of workload before the fault)
and, for a mutation, the site (harness/mutate.py).

Core services (pm mm vfs rootfs ds tty memdev, and rs) are labels like the
drivers: ``DRIVERS="pm vfs ds"`` (or commas), the word ``core`` for all
eight, or ``CORE=1`` (``--core``) for the default drivers and all eight.
So are the network services (e1000 inet pci, the word ``net``); ``all`` is
every service the campaign knows. A
trial of tty also has a line the host types ahead (:meth:`Trial.ahead`):
fic reads it only after the recovery, so it must have outlived the fault.
"""

import hashlib
import random
import re

from harness import abi, mutate

FI_KINDS = abi.FAULT_KINDS                # `service fi` kinds (abi/sef.h)
KINDS = FI_KINDS + mutate.KINDS
MAX_DELAY = 20            # ticks
DEFAULT_DRIVERS = ("hello", "rtc", "printer")
# The drivers the guest agent has a workload for (os/tests/user/fic/
# workload.c); ata's machines get a disk (harness/campaign.py).
KNOWN_DRIVERS = ("hello", "rtc", "printer", "ata")
# The core services and RS: fic checks something of each one's state after
# every trial (os/tests/user/fic/state.c); RS itself is restarted by the
# kernel. They keep their manifests' heartbeat (harness/campaign.py).
CORE_SERVICES = ("pm", "mm", "vfs", "rootfs", "ds", "tty", "memdev", "rs")
CORE_WORD = "core"        # in DRIVERS: all of CORE_SERVICES
# The network services: the card's driver (restart reset: a new endpoint
# after a failure), the TCP/IP server and the PCI server (restart
# stateful). Their machines get a network card on QEMU's user network
# (harness/campaign.py); fic pings its gateway and reads /dev/pci
# (os/tests/user/fic/net.c). Set up in this order: pci first, e1000 last
# (it reserves its card from the new pci; inet sees it come up).
NET_SERVICES = ("pci", "inet", "e1000")
NET_WORD = "net"          # in DRIVERS: all of NET_SERVICES
ALL_WORD = "all"          # in DRIVERS: every service the campaign knows
KNOWN_SERVICES = KNOWN_DRIVERS + CORE_SERVICES + NET_SERVICES
WORDS = {CORE_WORD: CORE_SERVICES, NET_WORD: NET_SERVICES,
         ALL_WORD: KNOWN_SERVICES}


def parse_labels(text, core=False):
    """The labels of a DRIVERS text (blanks or commas between them; the
    word ``core`` stands for CORE_SERVICES, ``net`` for NET_SERVICES,
    ``all`` for KNOWN_SERVICES), in order, each once. Empty or None:
    DEFAULT_DRIVERS. CORE adds CORE_SERVICES. Unknown labels are kept
    (the caller names them)."""
    words = [w for w in re.split(r"[\s,]+", text or "") if w]
    if not words:
        words = list(DEFAULT_DRIVERS)
    if core:
        words.append(CORE_WORD)
    out = []
    for w in words:
        out.extend(WORDS.get(w, [w]))
    return list(dict.fromkeys(out))


def is_core(label):
    """Whether LABEL is a core service or RS (no `service down`/`up`)."""
    return label in CORE_SERVICES


def is_net(label):
    """Whether LABEL is a network service (its machine needs a card)."""
    return label in NET_SERVICES


def setup_order(labels):
    """The labels of a campaign in the order they are set up: the others
    as given, then the network services as NET_SERVICES orders them; with
    pci, e1000 too (a pci brought down and up again has forgotten who
    holds the card: e1000 reserves it again)."""
    net = [d for d in NET_SERVICES if d in labels or
           (d == "e1000" and "pci" in labels)]
    return [d for d in labels if not is_net(d)] + net
SEED_BITS = 48


def trial_seed(seed, index):
    """The seed of trial INDEX (0-based) of the campaign SEED: 48 bits of
    SHA-256 over both."""
    digest = hashlib.sha256(b"phoenix-campaign:%d:%d" % (seed, index))
    return int.from_bytes(digest.digest()[:SEED_BITS // 8], "big")


class Trial:
    """One planned trial: index, seed, driver (label), kind, delay, and
    for a mutation addr/old/new (bytes)."""

    def __init__(self, index, seed, driver, kind, delay, addr=None,
                 old=None, new=None):
        self.index = index
        self.seed = seed
        self.driver = driver
        self.kind = kind
        self.delay = delay
        self.addr = addr
        self.old = old
        self.new = new

    def request(self, ident):
        """fic's request line for this trial, with id IDENT."""
        words = ["T", str(ident), self.driver, self.kind, str(self.delay)]
        if self.addr is not None:
            words += ["0x%08x" % self.addr, self.old.hex(), self.new.hex()]
        return " ".join(words)

    def ahead(self, ident):
        """The line the host types ahead of a tty trial with id IDENT (fic
        reads it after the recovery and compares its token), or None for
        any other service."""
        if self.driver != "tty":
            return None
        return "A %s %012x" % (ident, self.seed)

    def as_dict(self):
        d = {"index": self.index, "seed": self.seed, "driver": self.driver,
             "kind": self.kind, "delay": self.delay}
        if self.addr is not None:
            d.update(addr="0x%08x" % self.addr, old=self.old.hex(),
                     new=self.new.hex())
        return d

    def __eq__(self, other):
        return isinstance(other, Trial) and self.as_dict() == other.as_dict()

    def __repr__(self):
        return "Trial(%r)" % self.as_dict()


def plan_trial(seed, drivers, binaries, index=0):
    """The trial of trial seed SEED over DRIVERS (labels); BINARIES maps a
    label to its harness.mutate.Binary (needed for mutation kinds only)."""
    rng = random.Random(seed)
    driver = rng.choice(list(drivers))
    kind = rng.choice(KINDS)
    delay = rng.randint(0, MAX_DELAY)
    if kind in FI_KINDS:
        return Trial(index, seed, driver, kind, delay)
    addr, old, new = mutate.mutation(binaries[driver], kind, rng)
    return Trial(index, seed, driver, kind, delay, addr, old, new)


def plan(seed, faults, drivers, binaries, indices=None):
    """The trials of campaign SEED with FAULTS faults (an iterator), or
    only those of INDICES."""
    for i in (range(faults) if indices is None else indices):
        yield plan_trial(trial_seed(seed, i), drivers, binaries, i)
