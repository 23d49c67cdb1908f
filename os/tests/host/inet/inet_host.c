/* Host test of the network server's protocol code (os/servers/inet, all
 * but main.c and drv.c): crafted frames go in through eth_input, requests
 * are asked as VFS would (do_open, do_read, ... with a grant that is the
 * address of the test's buffer), and what inet sends is read off the fake
 * wire (fake.c). Run by os/tests/test_inet_host.py on the test kit. */
#include "../kit_errno.h"
#include <stdio.h>

#include "inet.h"
#include "fake.h"
#ifdef HAVE_TCP
#include "tcp.h"
#endif

static const uint8_t mac_us[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static const uint8_t mac_gw[6] = { 0x52, 0x55, 0x0a, 0x00, 0x02, 0x02 };
#define US  INET_IP(10, 0, 2, 15)
#define GW  INET_IP(10, 0, 2, 2)
#define DNS INET_IP(10, 0, 2, 3)
#define LO  INET_IP(127, 0, 0, 1)
#define GRANT(p) ((uint32_t) (uintptr_t) (p))

/* reset: a fresh inet with driver "e1000" up at MAC mac_us; nothing on
 * the wire, nothing completed. */
static void reset(void)
{
	for (int i = 0; i < SOCK_MAX; i++)
		if (inet_socks[i].type != SOCK_FREE)
			sock_free(i);
	inet_init();
	inet_now = 1000;
	drvq_up("e1000", 77, mac_us, NDEV_LINK_UP);
	memset(&wire, 0, sizeof(wire));
	memset(&done, 0, sizeof(done));
	sel_ops = 0;
}

/* ---- building input ------------------------------------------------------ */

static void put16(uint8_t *p, unsigned v) { p[0] = (uint8_t) (v >> 8); p[1] = (uint8_t) v; }
static unsigned get16(const uint8_t *p) { return (unsigned) (p[0] << 8 | p[1]); }

/* frame: Ethernet header to DST from mac_gw, TYPE, then LEN bytes of
 * PAYLOAD into F. Returns the frame's length. */
static size_t frame(uint8_t *f, const uint8_t *dst, unsigned type,
    const void *payload, size_t len)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, mac_gw, 6);
	put16(f + 12, type);
	memcpy(f + 14, payload, len);
	return 14 + len;
}

/* ip: an IPv4 header SRC -> DST, PROTO, around LEN bytes of PAYLOAD into
 * P, checksum right. Returns the packet's length. */
static size_t ip(uint8_t *p, uint32_t src, uint32_t dst, int proto,
    const void *payload, size_t len)
{
	memset(p, 0, 20);
	p[0] = 0x45;
	put16(p + 2, (unsigned) (20 + len));
	put16(p + 4, 0x1234);
	p[6] = 0x40;
	p[8] = 64;
	p[9] = (uint8_t) proto;
	memcpy(p + 12, &src, 4);
	memcpy(p + 16, &dst, 4);
	uint16_t ck = inet_fold(inet_sum(p, 20, 0));
	memcpy(p + 10, &ck, 2);
	memcpy(p + 20, payload, len);
	return 20 + len;
}

/* feed_ip: an IPv4 packet from SRC to us (PROTO, PAYLOAD) in a frame from
 * the gateway's MAC into inet. */
static void feed_ip(uint32_t src, int proto, const void *payload, size_t len)
{
	static uint8_t p[1600], f[1600];
	size_t n = ip(p, src, US, proto, payload, len);
	eth_input(f, frame(f, mac_us, ETH_TYPE_IP, p, n));
}

/* udp: a UDP datagram SPORT -> DPORT (host order) with LEN bytes of DATA
 * into D, checksum for SRC -> DST. Returns its length. */
static size_t udp(uint8_t *d, uint32_t src, uint32_t dst, unsigned sport,
    unsigned dport, const void *data, size_t len)
{
	put16(d, sport);
	put16(d + 2, dport);
	put16(d + 4, (unsigned) (8 + len));
	d[6] = d[7] = 0;
	memcpy(d + 8, data, len);
	uint16_t ck = inet_fold(inet_sum(d, 8 + len,
	    inet_pseudo(src, dst, 17, 8 + len)));
	memcpy(d + 6, &ck, 2);
	return 8 + len;
}

/* arp: an ARP packet OP from SMAC/SADDR to TMAC/TADDR into P (28 bytes). */
static void arp(uint8_t *p, int op, const uint8_t *smac, uint32_t saddr,
    const uint8_t *tmac, uint32_t taddr)
{
	put16(p, 1);
	put16(p + 2, 0x0800);
	p[4] = 6;
	p[5] = 4;
	put16(p + 6, (unsigned) op);
	memcpy(p + 8, smac, 6);
	memcpy(p + 14, &saddr, 4);
	memcpy(p + 18, tmac, 6);
	memcpy(p + 24, &taddr, 4);
}

/* learn_gw: the gateway tells us its MAC (an ARP request for us). */
static void learn_gw(void)
{
	uint8_t p[28], f[64];
	static const uint8_t zero[6];
	arp(p, 1, mac_gw, GW, zero, US);
	eth_input(f, frame(f, eth_bcast, ETH_TYPE_ARP, p, 28));
	wire.n = 0;
}

/* ---- reading output ------------------------------------------------------ */

/* out_ip: frame K on the wire as IPv4: checks its Ethernet type, IP
 * checksum and length; returns the IP header. */
static const uint8_t *out_ip(int k)
{
	CHECK(k < wire.n);
	const uint8_t *f = wire.f[k];
	CHECK_EQ(get16(f + 12), ETH_TYPE_IP);
	const uint8_t *p = f + 14;
	CHECK_EQ(p[0], 0x45);
	CHECK_EQ(inet_fold(inet_sum(p, 20, 0)), 0);
	CHECK_EQ(get16(p + 2) + 14, wire.len[k]);
	return p;
}

/* ---- requests -------------------------------------------------------------- */

static uint32_t next_id = 100;

/* suspended: request ID answered E: the library's bookkeeping (a
 * suspended request may be completed later). Returns E. */
static int suspended(uint32_t id, int e)
{
	if (e == CDEV_SUSPEND)
		fake_suspended(id);
	return e;
}

static int req_open(int minor)
{
	struct chardriver_req r = { .minor = minor, .id = ++next_id };
	return do_open(&r);
}

static int req_close(int minor)
{
	struct chardriver_req r = { .minor = minor, .id = ++next_id };
	return do_close(&r);
}

/* req_rw: a read (WRITE 0) or write of SIZE bytes at BUF with FLAGS; its
 * id in *ID when ID is not NULL. */
static int req_rw(int write, int minor, void *buf, size_t size, int flags,
    uint32_t *id)
{
	struct chardriver_req r = { .minor = minor, .grant = GRANT(buf),
	    .size = size, .flags = flags, .id = ++next_id };
	if (id)
		*id = r.id;
	return suspended(r.id, inet_request(write ? do_write : do_read, &r));
}

/* The effective user id of the process the next requests come from. */
static uint32_t req_uid;

static int req_ioctl(int minor, uint32_t request, void *arg, int flags,
    uint32_t *id)
{
	struct chardriver_req r = { .minor = minor, .request = request,
	    .grant = GRANT(arg), .flags = flags, .id = ++next_id,
	    .uid = req_uid };
	if (id)
		*id = r.id;
	return suspended(r.id, inet_request(do_ioctl, &r));
}

/* udp_socket: a UDP socket bound to PORT (host order, 0: none). Returns
 * its minor. */
static int udp_socket(unsigned port)
{
	int st = req_open(NET_MINOR_UDP);
	CHECK((st & CDEV_CLONED) != 0);
	int minor = CDEV_CLONED_MINOR(st);
	CHECK(minor >= NET_MINOR_FIRST_SOCKET);
	if (port) {
		struct net_sockaddr_in a = { .family = NET_AF_INET,
		    .port = inet_htons(port) };
		CHECK_EQ(req_ioctl(minor, NIOCBIND, &a, 0, NULL), 0);
	}
	return minor;
}

/* dgram_buf: a zeroed struct net_dgram (one at a time). */
static struct net_dgram *dgram_buf(void)
{
	static struct net_dgram d;
	memset(&d, 0, sizeof(d));
	return &d;
}

/* ---- cases ----------------------------------------------------------------- */

TEST(checksum)
{
	/* RFC 1071's example: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2. */
	static const uint8_t v[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5,
	    0xf6, 0xf7 };
	CHECK_EQ(inet_sum(v, sizeof(v), 0), 0xddf2);
	CHECK_EQ(inet_ntohs(inet_fold(inet_sum(v, sizeof(v), 0))), 0x220d);
	/* an odd length pads with a zero byte */
	CHECK_EQ(inet_sum(v, 3, 0), 0x0001 + 0xf200);
}

TEST(arp_answers)
{
	reset();
	uint8_t p[28], f[64];
	static const uint8_t zero[6];
	arp(p, 1, mac_gw, GW, zero, US);
	eth_input(f, frame(f, eth_bcast, ETH_TYPE_ARP, p, 28));
	CHECK_EQ(STAT(arp_rx), 1);
	CHECK_EQ(wire.n, 1);
	const uint8_t *o = wire.f[0];
	CHECK(memcmp(o, mac_gw, 6) == 0);          /* to the asker */
	CHECK(memcmp(o + 6, mac_us, 6) == 0);
	CHECK_EQ(get16(o + 12), ETH_TYPE_ARP);
	CHECK_EQ(get16(o + 14 + 6), 2);            /* a reply */
	CHECK(memcmp(o + 14 + 8, mac_us, 6) == 0);
	CHECK(memcmp(o + 14 + 14, &(uint32_t) { US }, 4) == 0);
	CHECK(memcmp(o + 14 + 24, &(uint32_t) { GW }, 4) == 0);
	uint8_t mac[6];
	CHECK_EQ(arp_lookup(GW, mac), 1);          /* the asker learnt */
	CHECK(memcmp(mac, mac_gw, 6) == 0);
	/* a request for someone else: no answer, nothing learnt */
	static const uint8_t other[6] = { 2, 0, 0, 0, 0, 9 };
	arp(p, 1, other, INET_IP(10, 0, 2, 9), zero, INET_IP(10, 0, 2, 8));
	eth_input(f, frame(f, eth_bcast, ETH_TYPE_ARP, p, 28));
	CHECK_EQ(wire.n, 1);
	CHECK_EQ(arp_lookup(INET_IP(10, 0, 2, 9), mac), 0);
}

TEST(arp_resolves_and_retries)
{
	reset();
	int s = udp_socket(5000);
	struct net_dgram *d = dgram_buf();
	d->addr.family = NET_AF_INET;
	d->addr.addr = DNS;
	d->addr.port = inet_htons(53);
	d->len = 5;
	memcpy(d->data, "query", 5);
	CHECK_EQ(req_ioctl(s, NIOCSENDTO, d, 0, NULL), 5);
	/* first an ARP request for the DNS server (on our subnet) */
	CHECK_EQ(wire.n, 1);
	CHECK(memcmp(wire.f[0], eth_bcast, 6) == 0);
	CHECK_EQ(get16(wire.f[0] + 12), ETH_TYPE_ARP);
	CHECK(memcmp(wire.f[0] + 14 + 24, &(uint32_t) { DNS }, 4) == 0);
	/* no answer: asked again after ARP_RETRY_MS */
	inet_now += ARP_RETRY_MS;
	inet_tick();
	CHECK_EQ(wire.n, 2);
	CHECK_EQ(get16(wire.f[1] + 12), ETH_TYPE_ARP);
	/* the answer releases the waiting datagram, to the right MAC */
	static const uint8_t mac_dns[6] = { 0x52, 0x55, 0x0a, 0, 2, 3 };
	uint8_t p[28], f[64];
	arp(p, 2, mac_dns, DNS, mac_us, US);
	eth_input(f, frame(f, mac_us, ETH_TYPE_ARP, p, 28));
	CHECK_EQ(wire.n, 3);
	const uint8_t *o = out_ip(2);
	CHECK(memcmp(wire.f[2], mac_dns, 6) == 0);
	CHECK_EQ(o[9], 17);
	CHECK_EQ(get16(o + 20 + 2), 53);
	CHECK(memcmp(o + 28, "query", 5) == 0);
	CHECK_EQ(inet_fold(inet_sum(o + 20, 13, inet_pseudo(US, DNS, 17,
	    13))), 0);
	/* a host that never answers: ARP_TRIES requests, then its packet
	 * is dropped (a late answer sends nothing) */
	d->addr.addr = INET_IP(10, 0, 2, 77);
	wire.n = 0;
	CHECK_EQ(req_ioctl(s, NIOCSENDTO, d, 0, NULL), 5);
	for (int t = 0; t < ARP_TRIES + 2; t++) {
		inet_now += ARP_RETRY_MS;
		inet_tick();
	}
	CHECK_EQ(wire.n, ARP_TRIES);
	arp(p, 2, mac_dns, INET_IP(10, 0, 2, 77), mac_us, US);
	eth_input(f, frame(f, mac_us, ETH_TYPE_ARP, p, 28));
	CHECK_EQ(wire.n, ARP_TRIES);
	/* off the subnet: through the gateway's MAC */
	learn_gw();
	d->addr.addr = INET_IP(8, 8, 8, 8);
	CHECK_EQ(req_ioctl(s, NIOCSENDTO, d, 0, NULL), 5);
	CHECK_EQ(wire.n, 1);
	out_ip(0);
	CHECK(memcmp(wire.f[0], mac_gw, 6) == 0);
}

TEST(ping_answered)
{
	reset();
	learn_gw();
	uint8_t m[64];
	memset(m, 0, sizeof(m));
	m[0] = 8;
	put16(m + 4, 0x4242);
	put16(m + 6, 7);
	for (int i = 8; i < 64; i++)
		m[i] = (uint8_t) i;
	uint16_t ck = inet_fold(inet_sum(m, 64, 0));
	memcpy(m + 2, &ck, 2);
	feed_ip(GW, 1, m, 64);
	CHECK_EQ(STAT(icmp_rx), 1);
	CHECK_EQ(wire.n, 1);
	const uint8_t *o = out_ip(0);
	CHECK(memcmp(o + 12, &(uint32_t) { US }, 4) == 0);
	CHECK(memcmp(o + 16, &(uint32_t) { GW }, 4) == 0);
	CHECK_EQ(o[9], 1);
	CHECK_EQ(o[20], 0);                        /* echo reply */
	CHECK_EQ(inet_fold(inet_sum(o + 20, 64, 0)), 0);
	CHECK(memcmp(o + 24, m + 4, 60) == 0);     /* id, seq, data */
	/* a short echo in a padded 60-byte frame: the IP length decides */
	uint8_t p[64], f[80];
	memset(f, 0xee, sizeof(f));
	uint8_t e[8] = { 8, 0, 0, 0, 0, 1, 0, 2 };
	ck = inet_fold(inet_sum(e, 8, 0));
	memcpy(e + 2, &ck, 2);
	size_t n = ip(p, GW, US, 1, e, 8);
	frame(f, mac_us, ETH_TYPE_IP, p, n);
	eth_input(f, 60);
	CHECK_EQ(wire.n, 2);
	o = out_ip(1);
	CHECK_EQ(get16(o + 2), 28);
}

/* bad: feed frame F (LEN bytes); it must be dropped, counted once in
 * counter C, and answered with nothing. */
#define BAD(f, len, c) do { \
	uint32_t before_ = STAT(c); int wire_ = wire.n; \
	eth_input((f), (len)); \
	CHECK_EQ(STAT(c), before_ + 1); \
	CHECK_EQ(wire.n, wire_); \
} while (0)

TEST(bad_input_dropped_and_counted)
{
	reset();
	learn_gw();
	uint8_t f[1600], p[1600], d[1600];
	static const uint8_t other[6] = { 2, 1, 2, 3, 4, 5 };
	/* Ethernet: short, not for us, unknown type */
	frame(f, mac_us, ETH_TYPE_IP, "", 0);
	BAD(f, 13, eth_drop);
	BAD(f, 0, eth_drop);
	BAD(f, frame(f, other, ETH_TYPE_IP, "x", 1), eth_drop);
	BAD(f, frame(f, mac_us, 0x86dd, "x", 1), eth_drop);
	/* ARP: truncated, bad hardware length, bad op, bogus sender */
	static const uint8_t zero[6];
	arp(p, 1, mac_gw, GW, zero, US);
	BAD(f, frame(f, eth_bcast, ETH_TYPE_ARP, p, 27), arp_drop);
	p[4] = 7;
	BAD(f, frame(f, eth_bcast, ETH_TYPE_ARP, p, 28), arp_drop);
	arp(p, 9, mac_gw, GW, zero, US);
	BAD(f, frame(f, eth_bcast, ETH_TYPE_ARP, p, 28), arp_drop);
	arp(p, 1, eth_bcast, GW, zero, US);
	BAD(f, frame(f, eth_bcast, ETH_TYPE_ARP, p, 28), arp_drop);
	/* IPv4: short, version 6, header length 4 and past the packet,
	 * total length past the frame and below the header, checksum,
	 * fragments, not for us, unknown protocol */
	size_t n = ip(p, GW, US, 17, "abcdefgh", 8);
	BAD(f, frame(f, mac_us, ETH_TYPE_IP, p, 19), ip_drop_hdr);
	p[0] = 0x65;
	BAD(f, frame(f, mac_us, ETH_TYPE_IP, p, n), ip_drop_hdr);
	p[0] = 0x44;
	BAD(f, frame(f, mac_us, ETH_TYPE_IP, p, n), ip_drop_hdr);
	p[0] = 0x4f;
	BAD(f, frame(f, mac_us, ETH_TYPE_IP, p, n), ip_drop_hdr);
	n = ip(p, GW, US, 17, "abcdefgh", 8);
	BAD(f, frame(f, mac_us, ETH_TYPE_IP, p, n - 1), ip_drop_hdr);
	put16(p + 2, 19);
	BAD(f, frame(f, mac_us, ETH_TYPE_IP, p, n), ip_drop_hdr);
	n = ip(p, GW, US, 17, "abcdefgh", 8);
	p[10] ^= 1;
	BAD(f, frame(f, mac_us, ETH_TYPE_IP, p, n), ip_drop_cksum);
	for (int k = 0; k < 2; k++) {
		n = ip(p, GW, US, 17, "abcdefgh", 8);
		p[6] = k ? 0x20 : 0x00;                /* MF, or an offset */
		p[7] = k ? 0x00 : 0x10;
		p[10] = p[11] = 0;
		uint16_t ck = inet_fold(inet_sum(p, 20, 0));
		memcpy(p + 10, &ck, 2);
		BAD(f, frame(f, mac_us, ETH_TYPE_IP, p, n), ip_drop_frag);
	}
	n = ip(p, GW, INET_IP(10, 0, 2, 16), 17, "abcdefgh", 8);
	BAD(f, frame(f, mac_us, ETH_TYPE_IP, p, n), ip_drop_addr);
	n = ip(p, LO, US, 17, "abcdefgh", 8);      /* 127/8 from the wire */
	BAD(f, frame(f, mac_us, ETH_TYPE_IP, p, n), ip_drop_addr);
	n = ip(p, GW, US, 99, "abcdefgh", 8);
	BAD(f, frame(f, mac_us, ETH_TYPE_IP, p, n), ip_drop_proto);
	/* ICMP: short, bad checksum */
	n = ip(p, GW, US, 1, "\x08\0\0\0", 4);
	BAD(f, frame(f, mac_us, ETH_TYPE_IP, p, n), icmp_drop);
	n = ip(p, GW, US, 1, "\x08\0\0\0\0\0\0\0", 8);
	BAD(f, frame(f, mac_us, ETH_TYPE_IP, p, n), icmp_drop);
	/* UDP: short, length past the packet and below the header, bad
	 * checksum, no socket */
	udp_socket(9);
	n = ip(p, GW, US, 17, "abcdefg", 7);
	BAD(f, frame(f, mac_us, ETH_TYPE_IP, p, n), udp_drop);
	size_t u = udp(d, GW, US, 1000, 9, "hello", 5);
	put16(d + 4, 14);
	n = ip(p, GW, US, 17, d, u);
	BAD(f, frame(f, mac_us, ETH_TYPE_IP, p, n), udp_drop);
	put16(d + 4, 7);
	n = ip(p, GW, US, 17, d, u);
	BAD(f, frame(f, mac_us, ETH_TYPE_IP, p, n), udp_drop);
	u = udp(d, GW, US, 1000, 9, "hello", 5);
	d[9] ^= 0x40;
	n = ip(p, GW, US, 17, d, u);
	BAD(f, frame(f, mac_us, ETH_TYPE_IP, p, n), udp_drop);
	u = udp(d, GW, US, 1000, 10, "hello", 5);
	n = ip(p, GW, US, 17, d, u);
	BAD(f, frame(f, mac_us, ETH_TYPE_IP, p, n), udp_noport);
	/* a good one after all that is still taken */
	u = udp(d, GW, US, 1000, 9, "hello", 5);
	feed_ip(GW, 17, d, u);
	CHECK_EQ(inet_socks[0].dq_count, 1);
}

TEST(random_frames_never_crash)
{
	reset();
	learn_gw();
	int s = udp_socket(7);
	(void) s;
	static uint8_t f[NDEV_FRAME_MAX];
	uint32_t x = 12345;
	uint32_t before = STAT(eth_rx);
	for (int i = 0; i < 50000; i++) {
		x = x * 1103515245u + 12345u;
		size_t len = (x >> 8) % (NDEV_FRAME_MAX + 1);
		for (size_t k = 0; k < len; k++) {
			x = x * 1103515245u + 12345u;
			f[k] = (uint8_t) (x >> 16);
		}
		if (len >= 14 && (i & 1)) {            /* mostly well-aimed */
			memcpy(f, mac_us, 6);
			put16(f + 12, (i & 2) ? ETH_TYPE_IP : ETH_TYPE_ARP);
			if (len >= 34 && (i & 4)) {
				f[14] = 0x45;
				put16(f + 16, (unsigned) (len - 14));
				f[20] = f[21] = 0;
				memcpy(f + 30, &(uint32_t) { US }, 4);
				f[24] = f[25] = 0;
				uint16_t ck = inet_fold(inet_sum(f + 14, 20, 0));
				memcpy(f + 24, &ck, 2);
			}
		}
		eth_input(f, len);
		inet_run();
		if ((i & 1023) == 0) {
			inet_now += 500;
			inet_tick();
		}
	}
	CHECK_EQ(STAT(eth_rx) - before, 50000);
	CHECK(STAT(ip_rx) > 0);
	CHECK(STAT(ip_drop_cksum) + STAT(ip_drop_hdr) > 0);
}

TEST(udp_socket_io)
{
	reset();
	learn_gw();
	int s = udp_socket(7777);
	char buf[64];
	uint8_t d[64];
	/* a read with nothing: -EAGAIN when non-blocking, else it waits */
	CHECK_EQ(req_rw(0, s, buf, sizeof(buf), O_NONBLOCK, NULL), -EAGAIN);
	uint32_t id;
	CHECK_EQ(req_rw(0, s, buf, sizeof(buf), 0, &id), CDEV_SUSPEND);
	CHECK_EQ(sock_ready(s) & 1, 0);
	size_t u = udp(d, GW, US, 1234, 7777, "first", 5);
	feed_ip(GW, 17, d, u);
	CHECK_EQ(done.n, 1);                       /* the read completed */
	CHECK_EQ(done.id[0], id);
	CHECK_EQ(done.status[0], 5);
	CHECK(memcmp(buf, "first", 5) == 0);
	/* queued datagrams: select says readable; recvfrom names the sender */
	u = udp(d, GW, US, 1234, 7777, "second!", 7);
	feed_ip(GW, 17, d, u);
	CHECK_EQ(sel_ops & CDEV_SEL_RD, CDEV_SEL_RD);
	CHECK_EQ(sock_ready(s) & 1, 1);
	struct net_dgram *g = dgram_buf();
	CHECK_EQ(req_ioctl(s, NIOCRECVFROM, g, 0, NULL), 0);
	CHECK_EQ(g->len, 7);
	CHECK(memcmp(g->data, "second!", 7) == 0);
	CHECK_EQ(g->addr.addr, GW);
	CHECK_EQ(inet_ntohs(g->addr.port), 1234);
	/* a datagram longer than the buffer is cut */
	u = udp(d, GW, US, 1234, 7777, "0123456789", 10);
	feed_ip(GW, 17, d, u);
	CHECK_EQ(req_rw(0, s, buf, 4, 0, NULL), 4);
	CHECK_EQ(inet_socks[s - NET_MINOR_FIRST_SOCKET].dq_count, 0);
	/* write needs a peer; connect gives one */
	CHECK_EQ(req_rw(1, s, "x", 1, 0, NULL), -EDESTADDRREQ);
	struct net_sockaddr_in a = { .family = NET_AF_INET,
	    .port = inet_htons(53), .addr = GW };
	CHECK_EQ(req_ioctl(s, NIOCCONNECT, &a, 0, NULL), 0);
	wire.n = 0;
	CHECK_EQ(req_rw(1, s, "reply", 5, 0, NULL), 5);
	CHECK_EQ(wire.n, 1);
	const uint8_t *o = out_ip(0);
	CHECK_EQ(get16(o + 20), 7777);
	CHECK_EQ(get16(o + 22), 53);
	CHECK_EQ(inet_fold(inet_sum(o + 20, 13, inet_pseudo(US, GW, 17, 13))),
	    0);
	/* connected: datagrams from others are not this socket's */
	u = udp(d, DNS, US, 53, 7777, "spoof", 5);
	feed_ip(DNS, 17, d, u);
	CHECK_EQ(STAT(udp_noport), 1);
	/* names */
	struct net_sockaddr_in n;
	CHECK_EQ(req_ioctl(s, NIOCGETSOCKNAME, &n, 0, NULL), 0);
	CHECK_EQ(inet_ntohs(n.port), 7777);
	CHECK_EQ(req_ioctl(s, NIOCGETPEERNAME, &n, 0, NULL), 0);
	CHECK_EQ(n.addr, GW);
	/* too big for one frame */
	g->addr = a;
	g->len = UDP_MAX + 1;
	CHECK_EQ(req_ioctl(s, NIOCSENDTO, g, 0, NULL), -EMSGSIZE);
	/* a port in use; SO_REUSEADDR on both shares it */
	int t = udp_socket(0);
	struct net_sockaddr_in b = { .family = NET_AF_INET,
	    .port = inet_htons(7777) };
	CHECK_EQ(req_ioctl(t, NIOCBIND, &b, 0, NULL), -EADDRINUSE);
	b.addr = INET_IP(10, 0, 2, 99);
	CHECK_EQ(req_ioctl(t, NIOCBIND, &b, 0, NULL), -EADDRNOTAVAIL);
	CHECK_EQ(req_close(s), 0);
	b.addr = 0;
	CHECK_EQ(req_ioctl(t, NIOCBIND, &b, 0, NULL), 0);
	CHECK_EQ(done.lost, 0);
}

TEST(ports_below_1024_are_roots)
{
	reset();
	int u = udp_socket(0);
	struct net_sockaddr_in b = { .family = NET_AF_INET,
	    .port = inet_htons(80) };
	req_uid = 1000;
	CHECK_EQ(req_ioctl(u, NIOCBIND, &b, 0, NULL), -EACCES);
	b.port = inet_htons(1024);
	CHECK_EQ(req_ioctl(u, NIOCBIND, &b, 0, NULL), 0);
	int v = udp_socket(0);
	b.port = inet_htons(23);
	CHECK_EQ(req_ioctl(v, NIOCBIND, &b, 0, NULL), -EACCES);
	req_uid = 0;
	CHECK_EQ(req_ioctl(v, NIOCBIND, &b, 0, NULL), 0);
	CHECK_EQ(req_close(v), 0);
	CHECK_EQ(req_close(u), 0);
}

TEST(udp_loopback_and_timeouts)
{
	reset();
	int a = udp_socket(6000), b = udp_socket(0);
	struct net_dgram *g = dgram_buf();
	g->addr.family = NET_AF_INET;
	g->addr.addr = LO;
	g->addr.port = inet_htons(6000);
	g->len = 4;
	memcpy(g->data, "ping", 4);
	CHECK_EQ(req_ioctl(b, NIOCSENDTO, g, 0, NULL), 4);
	CHECK_EQ(wire.n, 0);                       /* never on the wire */
	memset(g, 0, sizeof(*g));
	CHECK_EQ(req_ioctl(a, NIOCRECVFROM, g, 0, NULL), 0);
	CHECK_EQ(g->len, 4);
	CHECK_EQ(g->addr.addr, LO);
	CHECK(inet_ntohs(g->addr.port) >= EPHEMERAL_LO);
	/* to our own address too */
	g->addr.addr = US;
	g->addr.port = inet_htons(6000);
	CHECK_EQ(req_ioctl(b, NIOCSENDTO, g, 0, NULL), 4);
	CHECK_EQ(inet_socks[a - NET_MINOR_FIRST_SOCKET].dq_count, 1);
	/* SO_RCVTIMEO: a waiting read ends with -EAGAIN */
	char buf[8];
	CHECK_EQ(req_rw(0, a, buf, 8, 0, NULL), 4);
	struct net_sockopt o = { .level = NET_SOL_SOCKET,
	    .name = NET_SO_RCVTIMEO, .len = 8 };
	int32_t tv[2] = { 0, 250000 };
	memcpy(o.value, tv, 8);
	CHECK_EQ(req_ioctl(a, NIOCSETOPT, &o, 0, NULL), 0);
	memset(o.value, 0, sizeof(o.value));
	CHECK_EQ(req_ioctl(a, NIOCGETOPT, &o, 0, NULL), 0);
	memcpy(tv, o.value, 8);
	CHECK_EQ(tv[0], 0);
	CHECK_EQ(tv[1], 250000);
	uint32_t id;
	CHECK_EQ(req_rw(0, a, buf, 8, 0, &id), CDEV_SUSPEND);
	inet_now += 200;
	inet_tick();
	CHECK_EQ(done.n, 0);
	inet_now += 100;
	inet_tick();
	CHECK_EQ(done.n, 1);
	CHECK_EQ(done.id[0], id);
	CHECK_EQ(done.status[0], -EAGAIN);
	/* cancel: -EINTR, and nothing completes later */
	CHECK_EQ(req_rw(0, a, buf, 8, 0, &id), CDEV_SUSPEND);
	struct chardriver_req c = { .minor = a, .id = id };
	CHECK_EQ(do_cancel(&c), -EINTR);
	inet_now += 1000;
	inet_tick();
	CHECK_EQ(req_ioctl(b, NIOCSENDTO, g, 0, NULL), 4);
	CHECK_EQ(done.n, 1);
	/* shutdown(SHUT_RD) ends a waiting read with end of file */
	CHECK_EQ(req_rw(0, a, buf, 8, O_NONBLOCK, NULL), 4);
	CHECK_EQ(req_rw(0, a, buf, 8, 0, &id), CDEV_SUSPEND);
	int32_t how = NET_SHUT_RD;
	CHECK_EQ(req_ioctl(a, NIOCSHUTDOWN, &how, 0, NULL), 0);
	CHECK_EQ(done.n, 2);
	CHECK_EQ(done.status[1], 0);
	/* close with a read waiting: it ends */
	CHECK_EQ(req_rw(0, b, buf, 8, 0, &id), CDEV_SUSPEND);
	CHECK_EQ(req_close(b), 0);
	CHECK_EQ(done.n, 3);
	CHECK_EQ(done.status[2], -EINTR);
	CHECK(sock_get(b) == NULL);
	CHECK_EQ(done.lost, 0);
}

TEST(ping_socket)
{
	reset();
	learn_gw();
	int st = req_open(NET_MINOR_ICMP);
	CHECK((st & CDEV_CLONED) != 0);
	int s = CDEV_CLONED_MINOR(st);
	struct net_dgram *g = dgram_buf();
	g->addr.family = NET_AF_INET;
	g->addr.addr = GW;
	g->len = 16;
	g->data[0] = 8;
	put16(g->data + 6, 1);                     /* sequence 1 */
	memcpy(g->data + 8, "payload!", 8);
	CHECK_EQ(req_ioctl(s, NIOCSENDTO, g, 0, NULL), 16);
	CHECK_EQ(wire.n, 1);
	const uint8_t *o = out_ip(0);
	CHECK_EQ(o[9], 1);
	CHECK_EQ(o[20], 8);
	CHECK_EQ(inet_fold(inet_sum(o + 20, 16, 0)), 0);
	unsigned ident = get16(o + 24);
	/* the reply with our identifier comes to the socket; another
	 * identifier does not */
	uint8_t m[16];
	memcpy(m, o + 20, 16);
	m[0] = 0;
	m[2] = m[3] = 0;
	uint16_t ck = inet_fold(inet_sum(m, 16, 0));
	memcpy(m + 2, &ck, 2);
	uint8_t other[16];
	memcpy(other, m, 16);
	put16(other + 4, ident ^ 1);
	other[2] = other[3] = 0;
	ck = inet_fold(inet_sum(other, 16, 0));
	memcpy(other + 2, &ck, 2);
	feed_ip(GW, 1, other, 16);
	feed_ip(GW, 1, m, 16);
	memset(g, 0, sizeof(*g));
	CHECK_EQ(req_ioctl(s, NIOCRECVFROM, g, 0, NULL), 0);
	CHECK_EQ(g->len, 16);
	CHECK_EQ(g->addr.addr, GW);
	CHECK_EQ(g->data[0], 0);
	CHECK_EQ(get16(g->data + 4), ident);
	CHECK_EQ(req_ioctl(s, NIOCRECVFROM, g, O_NONBLOCK, NULL), CDEV_SUSPEND);
	/* ping ourselves: the request is answered through the loopback */
	int t = CDEV_CLONED_MINOR(req_open(NET_MINOR_ICMP));
	memset(g, 0, sizeof(*g));
	g->addr.family = NET_AF_INET;
	g->addr.addr = LO;
	g->len = 8;
	g->data[0] = 8;
	CHECK_EQ(req_ioctl(t, NIOCSENDTO, g, 0, NULL), 8);
	g->len = 0;
	g->nonblock = 1;
	CHECK_EQ(req_ioctl(t, NIOCRECVFROM, g, 0, NULL), 0);
	CHECK_EQ(g->data[0], 0);
	CHECK_EQ(g->addr.addr, LO);
	/* only echo requests may be sent */
	g->len = 8;
	g->data[0] = 13;
	CHECK_EQ(req_ioctl(t, NIOCSENDTO, g, 0, NULL), -EINVAL);
	CHECK_EQ(done.lost, 0);
}

TEST(interface_config)
{
	reset();
	struct net_ifconf c;
	CHECK_EQ(req_ioctl(NET_MINOR_IP, NIOCGIFCONF, &c, 0, NULL), 0);
	CHECK_STR(c.name, "eth0");
	CHECK_STR(c.driver, "e1000");
	CHECK_EQ(c.addr, US);
	CHECK_EQ(c.netmask, INET_IP(255, 255, 255, 0));
	CHECK_EQ(c.gateway, GW);
	CHECK_EQ(c.dns, DNS);
	CHECK_EQ(c.mtu, 1500);
	CHECK_EQ(c.flags, NET_IF_UP | NET_IF_RUNNING);
	CHECK(memcmp(c.mac, mac_us, 6) == 0);
	/* setting: /dev/ip open for writing only */
	c.addr = INET_IP(192, 168, 1, 5);
	c.gateway = INET_IP(192, 168, 1, 1);
	CHECK_EQ(req_ioctl(NET_MINOR_IP, NIOCSIFCONF, &c, O_RDONLY, NULL),
	    -EPERM);
	c.netmask = INET_IP(255, 0, 255, 0);
	CHECK_EQ(req_ioctl(NET_MINOR_IP, NIOCSIFCONF, &c, O_RDWR, NULL),
	    -EINVAL);
	c.netmask = INET_IP(255, 255, 255, 0);
	CHECK_EQ(req_ioctl(NET_MINOR_IP, NIOCSIFCONF, &c, O_RDWR, NULL), 0);
	CHECK_EQ(inet_if.addr, INET_IP(192, 168, 1, 5));
	/* ARP now answers for the new address, not the old one */
	uint8_t p[28], f[64];
	static const uint8_t zero[6];
	arp(p, 1, mac_gw, INET_IP(192, 168, 1, 1), zero, US);
	eth_input(f, frame(f, eth_bcast, ETH_TYPE_ARP, p, 28));
	CHECK_EQ(wire.n, 0);
	arp(p, 1, mac_gw, INET_IP(192, 168, 1, 1), zero,
	    INET_IP(192, 168, 1, 5));
	eth_input(f, frame(f, eth_bcast, ETH_TYPE_ARP, p, 28));
	CHECK_EQ(wire.n, 1);
	/* the counters */
	struct net_stats st;
	CHECK_EQ(req_ioctl(NET_MINOR_IP, NIOCGSTATS, &st, 0, NULL), 0);
	CHECK_EQ(st.v[NET_STAT_arp_rx], 2);
	CHECK_EQ(st.v[NET_STAT_eth_tx], 1);
	/* down: nothing goes out */
	c.flags = 0;
	CHECK_EQ(req_ioctl(NET_MINOR_IP, NIOCSIFCONF, &c, O_WRONLY, NULL), 0);
	int s = udp_socket(0);
	struct net_sockaddr_in a = { .family = NET_AF_INET,
	    .port = inet_htons(9), .addr = INET_IP(192, 168, 1, 1) };
	CHECK_EQ(req_ioctl(s, NIOCCONNECT, &a, 0, NULL), 0);
	CHECK_EQ(req_rw(1, s, "x", 1, 0, NULL), -ENETUNREACH);
	CHECK_EQ(req_ioctl(NET_MINOR_IP, 0x1234, &c, 0, NULL), -ENOTTY);
}

TEST(driver_queue_and_restart)
{
	reset();
	learn_gw();
	int s = udp_socket(0);
	struct net_sockaddr_in a = { .family = NET_AF_INET,
	    .port = inet_htons(9), .addr = GW };
	CHECK_EQ(req_ioctl(s, NIOCCONNECT, &a, 0, NULL), 0);
	/* the ring is full: frames wait, in order */
	wire.refuse = 1;
	char msg[4] = "m0";
	for (int i = 0; i < 5; i++) {
		msg[1] = (char) ('0' + i);
		CHECK_EQ(req_rw(1, s, msg, 2, 0, NULL), 2);
	}
	CHECK_EQ(wire.n, 0);
	CHECK_EQ(drvq_count(), 5);
	CHECK_EQ(STAT(drv_tx_again), 1);
	wire.refuse = 0;
	drvq_flush();                              /* the driver's notify */
	CHECK_EQ(wire.n, 5);
	for (int i = 0; i < 5; i++)
		CHECK_EQ(out_ip(i)[29], '0' + i);
	/* the driver dies: frames wait for the next driver-up */
	wire.dead = 1;
	CHECK_EQ(req_rw(1, s, "d1", 2, 0, NULL), 2);
	CHECK_EQ(inet_drv.up, 0);
	wire.dead = 0;
	CHECK_EQ(req_rw(1, s, "d2", 2, 0, NULL), 2);
	CHECK_EQ(wire.n, 5);
	CHECK_EQ(drvq_count(), 2);
	drvq_up("e1000", 78, mac_us, NDEV_LINK_UP);
	CHECK_EQ(wire.n, 7);
	CHECK_EQ(out_ip(6)[29], '2');
	CHECK_EQ(STAT(drv_restarts), 1);
	CHECK_EQ(inet_if.driver_restarts, 1);
	CHECK_EQ(inet_drv.ep, 78);
	/* a full queue loses its oldest frames, never more than DRVQ_LEN */
	drvq_down();
	for (int i = 0; i < DRVQ_LEN + 10; i++)
		CHECK_EQ(req_rw(1, s, "q", 1, 0, NULL), 1);
	CHECK_EQ(drvq_count(), DRVQ_LEN);
}

TEST(socket_table)
{
	reset();
	CHECK_EQ(req_open(NET_MINOR_IP), 0);
	CHECK_EQ(req_open(200), -ENODEV);
	int minors[SOCK_MAX];
	for (int i = 0; i < SOCK_MAX; i++) {
		int st = req_open(NET_MINOR_UDP);
		CHECK((st & CDEV_CLONED) != 0);
		minors[i] = CDEV_CLONED_MINOR(st);
		for (int k = 0; k < i; k++)
			CHECK(minors[k] != minors[i]);
	}
	CHECK_EQ(req_open(NET_MINOR_UDP), -ENFILE);
	CHECK_EQ(req_open(minors[3]), 0);          /* an open socket */
	CHECK_EQ(req_close(minors[3]), 0);
	CHECK_EQ(req_open(minors[3]), -ENODEV);
	CHECK_EQ(CDEV_CLONED_MINOR(req_open(NET_MINOR_UDP)), minors[3]);
	char b[4];
	CHECK_EQ(req_rw(0, 300, b, 4, 0, NULL), -ENODEV);
	CHECK_EQ(req_ioctl(300, NIOCBIND, b, 0, NULL), -ENOTTY);
	CHECK_EQ(req_ioctl(minors[0], NIOCLISTEN, b, 0, NULL), -EOPNOTSUPP);
}


#ifdef HAVE_TCP
/* ---- TCP sockets over the engine ------------------------------------------- */

#define NOT_DONE 0x40000000

/* status_of: the completion of request ID (NOT_DONE: none yet). */
static int status_of(uint32_t id)
{
	for (int k = 0; k < done.n && k < MAX_DONE; k++)
		if (done.id[k] == id)
			return done.status[k];
	return NOT_DONE;
}

/* pump: let time pass: STEPS times 10 ms, the timers and the loopback. */
static void pump(int steps)
{
	for (int k = 0; k < steps; k++) {
		inet_run();
		inet_now += 10;
		inet_tick();
	}
}

/* tcp_socket: a TCP socket's minor. */
static int tcp_socket(void)
{
	int st = req_open(NET_MINOR_TCP);
	CHECK((st & CDEV_CLONED) != 0);
	return CDEV_CLONED_MINOR(st);
}

/* listener: a TCP socket listening on ADDR:PORT. */
static int listener(uint32_t addr, unsigned port)
{
	int l = tcp_socket();
	struct net_sockaddr_in a = { .family = NET_AF_INET,
	    .port = inet_htons(port), .addr = addr };
	CHECK_EQ(req_ioctl(l, NIOCBIND, &a, 0, NULL), 0);
	int32_t backlog = 4;
	CHECK_EQ(req_ioctl(l, NIOCLISTEN, &backlog, 0, NULL), 0);
	return l;
}

/* connected: a client connected to 127.0.0.1:PORT (a blocking connect
 * that completes) and the server's end accepted from listener L. */
static void connected(int l, unsigned port, int *client, int *server)
{
	int c = tcp_socket();
	struct net_sockaddr_in a = { .family = NET_AF_INET,
	    .port = inet_htons(port), .addr = LO };
	uint32_t id;
	/* over the loopback the handshake is done before the answer */
	CHECK_EQ(req_ioctl(c, NIOCCONNECT, &a, 0, &id), 0);
	int s = tcp_socket();
	struct net_accept acc = { .listener = l };
	CHECK_EQ(req_ioctl(s, NIOCACCEPT, &acc, 0, NULL), 0);
	CHECK_EQ(acc.peer.addr, LO);
	struct net_sockaddr_in n;
	CHECK_EQ(req_ioctl(c, NIOCGETSOCKNAME, &n, 0, NULL), 0);
	CHECK_EQ(acc.peer.port, n.port);
	CHECK_EQ(req_ioctl(s, NIOCGETPEERNAME, &n, 0, NULL), 0);
	CHECK_EQ(n.port, acc.peer.port);
	*client = c;
	*server = s;
}

TEST(tcp_loopback_transfer)
{
	reset();
	static uint8_t out[300 * 1024], in[300 * 1024];
	for (size_t k = 0; k < sizeof(out); k++)
		out[k] = (uint8_t) (k * 7 + (k >> 10));
	int l = listener(0, 8080), c, s;
	connected(l, 8080, &c, &s);
	/* the client writes in VFS's 4 KiB chunks (a write waits while the
	 * send buffer is full), the server reads whatever has come */
	size_t sent = 0, got = 0;
	uint32_t wid = 0, rid = 0;
	int steps = 0;
	while (got < sizeof(out)) {
		CHECK(++steps < 100000);
		if (sent < sizeof(out) && wid == 0) {
			size_t n = sizeof(out) - sent < 4096 ?
			    sizeof(out) - sent : 4096;
			int r = req_rw(1, c, out + sent, n, 0, &wid);
			if (r != CDEV_SUSPEND) {
				CHECK_EQ(r, (int) n);
				sent += n;
				wid = 0;
			}
		} else if (wid && status_of(wid) != NOT_DONE) {
			CHECK(status_of(wid) > 0);
			sent += (size_t) status_of(wid);
			wid = 0;
		}
		if (rid == 0) {
			int r = req_rw(0, s, in + got, sizeof(in) - got, 0,
			    &rid);
			if (r != CDEV_SUSPEND) {
				CHECK(r > 0);
				got += (size_t) r;
				rid = 0;
			}
		} else if (status_of(rid) != NOT_DONE) {
			CHECK(status_of(rid) > 0);
			got += (size_t) status_of(rid);
			rid = 0;
		}
		if (done.n >= MAX_DONE - 2)
			done.n = 0;                    /* forget the old ones */
		pump(1);
	}
	CHECK(memcmp(in, out, sizeof(out)) == 0);
	/* the client closes: the server reads the end of the stream */
	CHECK_EQ(req_close(c), 0);
	pump(5);
	char b[8];
	CHECK_EQ(req_rw(0, s, b, 8, O_NONBLOCK, NULL), 0);
	CHECK_EQ(req_close(s), 0);
	CHECK_EQ(req_close(l), 0);
	pump(200);
	CHECK_EQ(done.lost, 0);
}

TEST(tcp_waits_and_errors)
{
	reset();
	done.n = 0;
	int l = listener(LO, 9090);
	/* an accept that waits, completed by the connection */
	int s = tcp_socket();
	struct net_accept acc = { .listener = l };
	uint32_t aid;
	CHECK_EQ(req_ioctl(s, NIOCACCEPT, &acc, 0, &aid), CDEV_SUSPEND);
	acc.nonblock = 1;
	int t = tcp_socket();
	CHECK_EQ(req_ioctl(t, NIOCACCEPT, &acc, 0, NULL), -EAGAIN);
	int c = tcp_socket();
	struct net_sockaddr_in a = { .family = NET_AF_INET,
	    .port = inet_htons(9090), .addr = LO };
	CHECK_EQ(req_ioctl(c, NIOCCONNECT, &a, O_NONBLOCK, NULL),
	    -EINPROGRESS);
	pump(3);
	CHECK_EQ(status_of(aid), 0);
	CHECK_EQ(sock_ready(c) & CDEV_SEL_WR, CDEV_SEL_WR);
	/* a read with nothing: -EAGAIN, or it waits until data comes */
	char b[16];
	CHECK_EQ(req_rw(0, s, b, 16, O_NONBLOCK, NULL), -EAGAIN);
	uint32_t rid;
	CHECK_EQ(req_rw(0, s, b, 16, 0, &rid), CDEV_SUSPEND);
	CHECK_EQ(req_rw(1, c, "hello", 5, 0, NULL), 5);
	pump(3);
	CHECK_EQ(status_of(rid), 5);
	CHECK(memcmp(b, "hello", 5) == 0);
	/* recvfrom on a stream gives the peer */
	CHECK_EQ(req_rw(1, s, "back", 4, 0, NULL), 4);
	pump(3);
	struct net_dgram *g = dgram_buf();
	CHECK_EQ(req_ioctl(c, NIOCRECVFROM, g, 0, NULL), 0);
	CHECK_EQ(g->len, 4);
	CHECK(memcmp(g->data, "back", 4) == 0);
	CHECK_EQ(g->addr.addr, LO);
	CHECK_EQ(inet_ntohs(g->addr.port), 9090);
	/* shutdown(SHUT_WR): the peer reads the end, can still write */
	int32_t how = NET_SHUT_WR;
	CHECK_EQ(req_ioctl(c, NIOCSHUTDOWN, &how, 0, NULL), 0);
	pump(3);
	CHECK_EQ(req_rw(0, s, b, 16, O_NONBLOCK, NULL), 0);
	CHECK_EQ(req_rw(1, s, "late", 4, 0, NULL), 4);
	pump(3);
	CHECK_EQ(req_rw(0, c, b, 16, O_NONBLOCK, NULL), 4);
	/* nobody on the port: refused */
	int d = tcp_socket();
	a.port = inet_htons(9091);
	CHECK_EQ(req_ioctl(d, NIOCCONNECT, &a, 0, NULL), -ECONNREFUSED);
	/* the port is taken (not both SO_REUSEADDR) */
	int e = tcp_socket();
	struct net_sockaddr_in b2 = { .family = NET_AF_INET,
	    .port = inet_htons(9090) };
	CHECK_EQ(req_ioctl(e, NIOCBIND, &b2, 0, NULL), -EADDRINUSE);
	/* closing the listener ends an accept waiting on it */
	uint32_t wid;
	acc.nonblock = 0;
	CHECK_EQ(req_ioctl(t, NIOCACCEPT, &acc, 0, &wid), CDEV_SUSPEND);
	CHECK_EQ(req_close(l), 0);
	CHECK_EQ(status_of(wid), -EINVAL);
	CHECK_EQ(done.lost, 0);
}

TEST(tcp_from_the_wire)
{
	reset();
	learn_gw();
	listener(0, 80);
	/* a SYN from the gateway: a SYN-ACK to it through its MAC */
	uint8_t seg[24];
	memset(seg, 0, sizeof(seg));
	put16(seg, 40000);
	put16(seg + 2, 80);
	seg[4] = 0x11;                              /* seq 0x11000000 */
	seg[12] = 6 << 4;                           /* 24 bytes: MSS */
	seg[13] = 0x02;                             /* SYN */
	put16(seg + 14, 65535);
	seg[20] = 2; seg[21] = 4;
	put16(seg + 22, 1460);
	put16(seg + 16, tcp_checksum(GW, US, seg, 24));   /* host order */
	feed_ip(GW, 6, seg, 24);
	inet_run();
	CHECK_EQ(wire.n, 1);
	const uint8_t *o = out_ip(0);
	CHECK(memcmp(wire.f[0], mac_gw, 6) == 0);
	CHECK_EQ(o[9], 6);
	size_t tl = get16(o + 2) - 20;
	CHECK_EQ(o[20 + 13] & 0x12, 0x12);          /* SYN, ACK */
	CHECK_EQ(tcp_checksum(US, GW, o + 20, tl), 0);
	/* a bad checksum and a truncated header: dropped and counted */
	seg[16] ^= 1;
	uint32_t bad = STAT(tcp_drop_cksum), hdr = STAT(tcp_drop_hdr);
	feed_ip(GW, 6, seg, 24);
	CHECK_EQ(STAT(tcp_drop_cksum), bad + 1);
	feed_ip(GW, 6, seg, 12);
	CHECK_EQ(STAT(tcp_drop_hdr), hdr + 1);
	inet_run();
	CHECK_EQ(wire.n, 1);
}
TEST(tcp_icmp_unreachable)
{
	reset();
	learn_gw();
	int c = tcp_socket();
	struct net_sockaddr_in a = { .family = NET_AF_INET,
	    .port = inet_htons(80), .addr = GW };
	uint32_t id;
	CHECK_EQ(req_ioctl(c, NIOCCONNECT, &a, 0, &id), CDEV_SUSPEND);
	CHECK_EQ(wire.n, 1);                        /* our SYN */
	const uint8_t *o = out_ip(0);
	CHECK_EQ(o[9], 6);
	/* port unreachable, quoting the SYN's IP header and 8 bytes */
	uint8_t m[8 + 28];
	memset(m, 0, sizeof(m));
	m[0] = 3;
	m[1] = 3;
	memcpy(m + 8, o, 28);
	uint16_t ck = inet_fold(inet_sum(m, sizeof(m), 0));
	memcpy(m + 2, &ck, 2);
	/* one quoting another sequence number changes nothing */
	uint8_t w[sizeof(m)];
	memcpy(w, m, sizeof(m));
	w[8 + 20 + 4] ^= 0x80;
	w[2] = w[3] = 0;
	ck = inet_fold(inet_sum(w, sizeof(w), 0));
	memcpy(w + 2, &ck, 2);
	feed_ip(GW, 1, w, sizeof(w));
	inet_run();
	CHECK_EQ(status_of(id), NOT_DONE);
	feed_ip(GW, 1, m, sizeof(m));
	inet_run();
	CHECK_EQ(status_of(id), -ECONNREFUSED);
	CHECK_EQ(done.lost, 0);
}
#endif

static const struct kit_suite suite = {
	.name = "inet_host", .backend = &kit_inproc, .timeout = 60,
};

int main(int argc, char **argv)
{
	return kit_main(&suite, argc, argv);
}
