"""The test agent's SHA-256 and HMAC-SHA256 (os/tests/user/testagent) on
the host: RFC 4231's HMAC-SHA256 test vectors, FIPS 180-4 digests, and
random inputs of every length around the block boundaries against
Python's hashlib/hmac, fed whole and in uneven pieces. Built with the host
compiler (os/tests/host/hmac/hmactool.c); takes a second."""

import hashlib
import hmac
import os
import random
import subprocess

import pytest

from harness.hostbuild import compile
from harness.machine import ROOT

AGENT = os.path.join(ROOT, "os", "tests", "user", "testagent")
TOOL = os.path.join(ROOT, "os", "tests", "host", "hmac", "hmactool.c")

# RFC 4231 section 4: (key, data, HMAC-SHA256); case 5 (truncated output)
# is checked on the first 128 bits.
RFC4231 = [
    ("0b" * 20, b"Hi There".hex(),
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    (b"Jefe".hex(), b"what do ya want for nothing?".hex(),
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    ("aa" * 20, "dd" * 50,
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
    ("0102030405060708090a0b0c0d0e0f10111213141516171819", "cd" * 50,
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
    ("0c" * 20, b"Test With Truncation".hex(),
     "a3b6167473100ee06e0c796c2955552b"),
    ("aa" * 131,
     b"Test Using Larger Than Block-Size Key - Hash Key First".hex(),
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    ("aa" * 131,
     (b"This is a test using a larger than block-size key and a larger "
      b"than block-size data. The key needs to be hashed before being "
      b"used by the HMAC algorithm.").hex(),
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
]


@pytest.fixture(scope="module")
def tool(tmp_path_factory):
    out = str(tmp_path_factory.mktemp("hmac") / "hmactool")
    build = compile([TOOL, os.path.join(AGENT, "sha256.c"),
                     os.path.join(AGENT, "hmac.c")], out,
                    ["-std=gnu11", "-O2", "-I" + AGENT], os_headers=False)
    assert build.returncode == 0, build.stderr
    return out


def call(tool, *args):
    r = subprocess.run([tool] + list(args), capture_output=True, text=True,
                       check=True)
    return r.stdout.strip()


@pytest.mark.parametrize("case", range(len(RFC4231)))
def test_rfc4231_vectors(tool, case):
    key, data, want = RFC4231[case]
    for mode in ("hmac", "chunked"):
        assert call(tool, mode, key, data)[:len(want)] == want


def test_fips_sha256_digests(tool):
    assert call(tool, "sha256", "") == \
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert call(tool, "sha256", b"abc".hex()) == \
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    two_blocks = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    assert call(tool, "sha256", two_blocks.hex()) == \
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"


def test_random_inputs_against_python(tool):
    rnd = random.Random(4231)
    for n in list(range(50, 75)) + [0, 1, 119, 120, 128, 200, 1000]:
        data = bytes(rnd.randrange(256) for _ in range(n))
        key = bytes(rnd.randrange(256) for _ in range(rnd.choice([1, 32,
                                                                  64, 65])))
        assert call(tool, "sha256", data.hex()) == \
            hashlib.sha256(data).hexdigest()
        want = hmac.new(key, data, hashlib.sha256).hexdigest()
        assert call(tool, "chunked", key.hex(), data.hex()) == want
