"""Bad input from the host side: the guest's e1000 is on QEMU's UDP socket
backend (harness/frames.py), so the test hands the card any frame it
likes: every malformed kind of harness.frames.bad_frames (truncated
headers, wrong checksums, bogus lengths and TCP options, fragments,
frames and packets not for us) and 2,000 seeded random frames. inet must
drop and count them (NIOCGSTATS, shown by `inettest stats`), keep
answering pings from the host between them, and never crash (RS never
restarts it)."""

import re

import pytest

from harness import frames
from harness.services import Services
from harness.shell import Shell

# The counters the malformed kinds must raise.
COUNTERS = ["eth_drop", "arp_drop", "ip_drop_hdr", "ip_drop_cksum",
            "ip_drop_frag", "ip_drop_addr", "ip_drop_proto", "icmp_drop",
            "udp_drop", "udp_noport", "tcp_drop_hdr", "tcp_drop_cksum",
            "tcp_rst_tx"]


def stats(shell):
    out, rc = shell.run("inettest stats")
    assert rc == 0, out
    return {k: int(v) for k, v in
            re.findall(r"inettest: stat (\w+) (\d+)", out)}


def ping(link, seq):
    """An echo request from the host; the guest's reply must come."""
    data = bytes(range(56))
    link.send(frames.echo_request(0x4242, seq, data))
    reply = link.receive(lambda f: frames.is_echo_reply(f, 0x4242, seq),
                         timeout=20)
    assert reply is not None, "no echo reply %d" % seq
    assert reply[-56:] == data


@pytest.mark.emulators("qemu")
def test_malformed_frames_are_dropped_and_counted(boot):
    link = frames.FrameLink()
    try:
        m = boot(net=False, extra_args=link.qemu_args())
        shell = Shell(m).wait_prompt()
        assert "inet: eth0 on e1000" in m.console_text()
        ping(link, 1)
        before = stats(shell)
        seq = 2
        for n, (kind, frame) in enumerate(frames.bad_frames(seed=21)):
            link.send(frame)
            if n < 40 or n % 50 == 0:            # still alive?
                ping(link, seq)
                seq += 1
        ping(link, seq)
        after = stats(shell)
        grew = [c for c in COUNTERS if after[c] > before[c]]
        assert grew == COUNTERS, (before, after)
        status = Services(shell).get("inet")
        assert status["state"] == "up" and status["restarts"] == 0, status
        assert "kernel panic" not in m.console_text()
    finally:
        link.close()


@pytest.mark.emulators("qemu")
def test_make_fuzz_frame_source(tmp_path):
    """`make fuzz FRAMES=F`: the frames go to the card while the batches
    run; a clean run stays clean and counts them."""
    import json
    from harness import fuzz
    out = tmp_path / "fuzz"
    status = fuzz.main(["-n", "2000", "--batch", "1000", "--frames", "300",
                        "--seed", "21", "--out", str(out)])
    report = json.loads((out / "report.json").read_text())
    assert status == 0 and report["ok"], report["findings"]
    assert report["frames"] > 34, report["frames"]   # the kinds at least
