"""Ethernet frames from the host side, straight to the guest's network
card: QEMU's ``-netdev socket,udp=`` backend carries each frame of the
card as one UDP datagram between QEMU and a socket of the host, so a test
(or ``make fuzz``) can send any frame it likes, malformed ones included,
and read what the guest sends back.

    link = FrameLink()                  # the host's end, before the boot
    m = boot(net=False, extra_args=link.qemu_args())
    link.send(frames.echo_request(1, 1, b"x" * 56))
    reply = link.receive(match=frames.is_echo_reply, timeout=10)

``bad_frames(seed)`` yields the malformed frames of every kind inet must
drop and count (abi/socket.h NET_STAT_LIST): truncated headers, wrong
checksums, bogus lengths and TCP options, fragments, then random bytes.
Addresses: the guest is QEMU's usual 10.0.2.15 at 52:54:00:12:34:56 (the
card's default MAC); the frames come from 10.0.2.2 at 52:55:0a:00:02:02
(slirp's gateway, as inet expects on this network)."""

import random
import select
import socket
import struct

GUEST_MAC = bytes.fromhex("525400123456")
HOST_MAC = bytes.fromhex("52550a000202")
GUEST_IP = bytes([10, 0, 2, 15])
HOST_IP = bytes([10, 0, 2, 2])


def checksum(data):
    """The Internet checksum of DATA (RFC 1071), as an int."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def eth(payload, etype=0x0800, dst=GUEST_MAC, src=HOST_MAC):
    """An Ethernet frame (no FCS)."""
    return dst + src + struct.pack("!H", etype) + payload


def ipv4(payload, proto, src=HOST_IP, dst=GUEST_IP, flags_frag=0x4000,
         total=None, ihl=5, version=4, good_sum=True):
    """An IPv4 packet around PAYLOAD (TOTAL: the total length field)."""
    total = 20 + len(payload) if total is None else total
    hdr = struct.pack("!BBHHHBBH4s4s", version << 4 | ihl, 0, total, 0x1234,
                      flags_frag, 64, proto, 0, src, dst)
    s = checksum(hdr)
    if not good_sum:
        s ^= 0x5a5a
    return hdr[:10] + struct.pack("!H", s) + hdr[12:] + payload


def icmp(kind, code, rest):
    """An ICMP message with its checksum."""
    m = struct.pack("!BBH", kind, code, 0) + rest
    return m[:2] + struct.pack("!H", checksum(m)) + m[4:]


def echo_request(ident, seq, data):
    """A frame: an echo request from the host to the guest."""
    return eth(ipv4(icmp(8, 0, struct.pack("!HH", ident, seq) + data), 1))


def is_echo_reply(frame, ident=None, seq=None):
    """Whether FRAME is an echo reply from the guest (with IDENT, SEQ)."""
    if len(frame) < 42 or frame[12:14] != b"\x08\x00" or frame[23] != 1:
        return False
    ihl = (frame[14] & 0xf) * 4
    m = frame[14 + ihl:]
    if len(m) < 8 or m[0] != 0:
        return False
    i, s = struct.unpack("!HH", m[4:8])
    return (ident is None or i == ident) and (seq is None or s == seq)


def pseudo(proto, length, src=HOST_IP, dst=GUEST_IP):
    return src + dst + struct.pack("!BBH", 0, proto, length)


def udp(sport, dport, data, length=None, good_sum=True):
    """A UDP datagram with its checksum (LENGTH: the length field)."""
    length = 8 + len(data) if length is None else length
    d = struct.pack("!HHHH", sport, dport, length, 0) + data
    s = checksum(pseudo(17, len(d)) + d) or 0xffff
    if not good_sum:
        s ^= 0x1111
    return d[:6] + struct.pack("!H", s) + d[8:]


def tcp(sport, dport, flags, options=b"", data=b"", offset=None,
        good_sum=True, seq=1000, ack=0):
    """A TCP segment with its checksum (OFFSET: the data offset field in
    32-bit words; the real one by default)."""
    words = (20 + len(options) + 3) // 4
    options = options.ljust(words * 4 - 20, b"\0")
    off = words if offset is None else offset
    seg = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, off << 4, flags,
                      65535, 0, 0) + options + data
    s = checksum(pseudo(6, len(seg)) + seg)
    if not good_sum:
        s ^= 0x2222
    return seg[:16] + struct.pack("!H", s) + seg[18:]


def arp(op=1, hlen=6, plen=4, length=28, sender_mac=HOST_MAC):
    p = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, hlen, plen, op, sender_mac,
                    HOST_IP, b"\0" * 6, GUEST_IP)
    return eth(p[:length], 0x0806)


def bad_frames(seed, count=2000):
    """The malformed frames, each kind once, then COUNT random ones (some
    with good Ethernet and IPv4 headers, so that the deeper parsers see
    them), seeded by SEED. Yields (kind, frame)."""
    syn = 0x02
    mss = b"\x02\x04\x05\xb4"
    kinds = [
        ("eth_short", eth(b"")[:13]),
        ("eth_type", eth(b"\0" * 46, 0x88b5)),
        ("eth_not_ours", eth(b"\0" * 46, dst=bytes.fromhex("020000000001"))),
        ("arp_short", arp(length=20)),
        ("arp_hlen", arp(hlen=9)),
        ("arp_op", arp(op=7)),
        ("arp_bcast_sender", arp(sender_mac=b"\xff" * 6)),
        ("ip_short", eth(ipv4(b"", 17)[:16])),
        ("ip_version", eth(ipv4(b"\0" * 8, 17, version=6))),
        ("ip_ihl_small", eth(ipv4(b"\0" * 8, 17, ihl=4))),
        ("ip_ihl_big", eth(ipv4(b"\0" * 8, 17, ihl=15))),
        ("ip_total_big", eth(ipv4(b"\0" * 8, 17, total=1400))),
        ("ip_total_small", eth(ipv4(b"\0" * 8, 17, total=12))),
        ("ip_checksum", eth(ipv4(b"\0" * 8, 17, good_sum=False))),
        ("ip_fragment_mf", eth(ipv4(b"\0" * 8, 17, flags_frag=0x2000))),
        ("ip_fragment_off", eth(ipv4(b"\0" * 8, 17, flags_frag=0x0010))),
        ("ip_not_ours", eth(ipv4(b"\0" * 8, 17, dst=bytes([10, 0, 2, 99])))),
        ("ip_proto", eth(ipv4(b"\0" * 8, 99))),
        ("icmp_short", eth(ipv4(b"\x08\0\0", 1))),
        ("icmp_checksum", eth(ipv4(b"\x08\0\x12\x34\0\1\0\1", 1))),
        ("udp_short", eth(ipv4(b"\0" * 6, 17))),
        ("udp_len_big", eth(ipv4(udp(1000, 9, b"data", length=200), 17))),
        ("udp_len_small", eth(ipv4(udp(1000, 9, b"data", length=4), 17))),
        ("udp_checksum", eth(ipv4(udp(1000, 9, b"data", good_sum=False),
                                  17))),
        ("udp_no_port", eth(ipv4(udp(1000, 9, b"data"), 17))),
        ("tcp_short", eth(ipv4(tcp(1000, 80, syn)[:12], 6))),
        ("tcp_offset_small", eth(ipv4(tcp(1000, 80, syn, offset=3), 6))),
        ("tcp_offset_big", eth(ipv4(tcp(1000, 80, syn, offset=15), 6))),
        ("tcp_checksum", eth(ipv4(tcp(1000, 80, syn, mss, good_sum=False),
                                  6))),
        ("tcp_option_len0", eth(ipv4(tcp(1000, 80, syn, b"\x02\x00\x05\xb4"),
                                     6))),
        ("tcp_option_past", eth(ipv4(tcp(1000, 80, syn, b"\x01\x01\x08\x0a"),
                                     6))),
        ("tcp_mss_len", eth(ipv4(tcp(1000, 80, syn, b"\x02\x03\x05\x00"),
                                 6))),
        ("tcp_syn_fin", eth(ipv4(tcp(1000, 80, syn | 0x01, mss), 6))),
        ("tcp_no_listener", eth(ipv4(tcp(1000, 81, syn, mss), 6))),
    ]
    for k in kinds:
        yield k
    rnd = random.Random(seed)
    for i in range(count):
        n = rnd.randrange(0, 1515)
        body = bytes(rnd.getrandbits(8) for _ in range(n))
        shape = i % 4
        if shape == 0 or n < 40:
            yield "random", body
        elif shape == 1:
            yield "random_eth", eth(body[:1500], rnd.choice([0x0800, 0x0806]))
        else:
            proto = rnd.choice([1, 6, 17])
            payload = body[:1400]
            if shape == 3 and proto == 6 and len(payload) >= 20:
                # a TCP header with random fields but a right checksum
                seg = payload[:16] + b"\0\0" + payload[18:]
                s = checksum(pseudo(6, len(seg)) + seg)
                payload = seg[:16] + struct.pack("!H", s) + seg[18:]
            yield "random_ip", eth(ipv4(payload, proto))


def free_udp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FrameLink:
    """The host's end of a guest card on QEMU's UDP socket backend: frames
    sent here reach the card; what the card sends arrives here."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.qemu_port = free_udp_port()

    def qemu_args(self, model="e1000"):
        """QEMU's arguments for the card (use with the machine's
        net=False, which leaves QEMU's own card out)."""
        return ["-netdev", "socket,id=frames,udp=127.0.0.1:%d,localaddr="
                "127.0.0.1:%d" % (self.port, self.qemu_port),
                "-device", "%s,netdev=frames" % model]

    def send(self, frame):
        self.sock.sendto(frame, ("127.0.0.1", self.qemu_port))

    def receive(self, match=None, timeout=10.0):
        """The next frame from the guest that MATCH accepts (None: any),
        or None when none came within TIMEOUT seconds. Frames that do not
        match are answered when they are ARP requests for the host (so
        that the guest can reach 10.0.2.2) and otherwise dropped."""
        import time
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return None
            r, _, _ = select.select([self.sock], [], [], left)
            if not r:
                return None
            frame = self.sock.recv(2048)
            if match is None or match(frame):
                return frame
            self.answer_arp(frame)

    def answer_arp(self, frame):
        """Answer FRAME if it is the guest's ARP request for 10.0.2.2."""
        if len(frame) >= 42 and frame[12:14] == b"\x08\x06" and \
                frame[20:22] == b"\x00\x01" and frame[38:42] == HOST_IP:
            p = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 2, HOST_MAC,
                            HOST_IP, frame[22:28], frame[28:32])
            self.send(eth(p, 0x0806, dst=frame[6:12]))

    def close(self):
        self.sock.close()
