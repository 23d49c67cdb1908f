"""Host tests of the campaign's code mutations (harness/mutate.py) and its
trial planner (harness/campaign_plan.py) on the built hello driver
(build/bin/hello): no emulator."""

import os
import random

import pytest

from harness import campaign_plan as cplan
from harness import mutate
from harness.machine import ROOT

HELLO = os.path.join(ROOT, "build", "bin", "hello")
TRIES = 200


@pytest.fixture(scope="module")
def hello():
    if not os.path.isfile(HELLO):
        pytest.fail("build/bin/hello is missing: run make")
    return mutate.load("hello")


def _draw(binary, kind, seed=1, n=TRIES):
    rng = random.Random(seed)
    return [mutate.mutation(binary, kind, rng) for _ in range(n)]


@pytest.mark.parametrize("kind", mutate.KINDS)
def test_every_kind_patches_text_with_matching_old_bytes(hello, kind):
    for addr, old, new in _draw(hello, kind):
        assert 1 <= len(old) == len(new) <= mutate.MAX_PATCH
        assert old != new
        assert hello.in_text(addr, len(old)), hex(addr)
        assert hello.bytes_at(addr, len(old)) == old


def test_flips_differ_by_one_bit(hello):
    for _addr, old, new in _draw(hello, "flip"):
        assert len(old) == 1
        assert bin(old[0] ^ new[0]).count("1") == 1


def test_skips_are_whole_instructions_of_nops(hello):
    starts = {i.addr: i.raw for i in hello.insns}
    for addr, old, new in _draw(hello, "skip"):
        assert starts[addr] == old
        assert new == b"\x90" * len(old)


def test_loop_mutations_invert_a_conditional_jump(hello):
    for _addr, old, new in _draw(hello, "loop"):
        if old[0] == 0x0f:
            assert len(old) == 2 and 0x80 <= old[1] <= 0x8f
            assert new == bytes([0x0f, old[1] ^ 1])
        else:
            assert len(old) == 1 and 0x70 <= old[0] <= 0x7f
            assert new == bytes([old[0] ^ 1])


def test_pointer_mutations_change_one_field_of_one_instruction(hello):
    starts = {i.addr: i.raw for i in hello.insns}
    for addr, old, new in _draw(hello, "pointer"):
        assert starts[addr] == old
        changed = [i for i in range(len(old)) if old[i] != new[i]]
        assert changed and changed[-1] - changed[0] < 4
        assert changed[0] >= 1                 # never the opcode byte


def test_mutations_are_a_pure_function_of_the_rng(hello):
    for kind in mutate.KINDS:
        assert _draw(hello, kind, seed=7, n=20) == \
            _draw(hello, kind, seed=7, n=20)


def test_binary_text_matches_the_image(hello):
    mutate.check_image_text("hello")


def test_text_differing_from_the_image_is_refused(tmp_path):
    data = bytearray(open(HELLO, "rb").read())
    (tmp_path / "bin").mkdir()
    (tmp_path / "stripped").mkdir()
    (tmp_path / "bin" / "hello").write_bytes(bytes(data))
    addr, text = mutate.exec_sections(HELLO)[0]
    off = bytes(data).find(text)
    data[off + 10] ^= 0xff
    (tmp_path / "stripped" / "hello").write_bytes(bytes(data))
    with pytest.raises(mutate.MutationError, match="differs"):
        mutate.check_image_text("hello", str(tmp_path / "bin"),
                                str(tmp_path / "stripped"))


def test_planner_same_seed_same_trials(hello):
    bins = {d: hello for d in cplan.DEFAULT_DRIVERS}
    a = list(cplan.plan(42, 300, cplan.DEFAULT_DRIVERS, bins))
    b = list(cplan.plan(42, 300, cplan.DEFAULT_DRIVERS, bins))
    assert a == b
    c = list(cplan.plan(43, 300, cplan.DEFAULT_DRIVERS, bins))
    assert a != c
    assert {t.kind for t in a} == set(cplan.KINDS)
    assert {t.driver for t in a} == set(cplan.DEFAULT_DRIVERS)
    assert all(0 <= t.delay <= cplan.MAX_DELAY for t in a)
    # a replay of one trial seed gives that trial again
    t = a[123]
    again = cplan.plan_trial(t.seed, cplan.DEFAULT_DRIVERS, bins, 123)
    assert again == t
    assert t.seed == cplan.trial_seed(42, 123)


def test_request_lines(hello):
    t = cplan.Trial(5, 99, "hello", "loop", 3, 0x40001234, b"\x74\x05",
                    b"\x75\x05")
    assert t.request(5) == "T 5 hello loop 3 0x40001234 7405 7505"
    assert cplan.Trial(6, 1, "rtc", "hang", 0).request(6) == \
        "T 6 rtc hang 0"
