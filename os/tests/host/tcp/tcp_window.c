/* Cases on bad input and windows: malformed segments are dropped and
 * counted without an answer; a receiver that stops reading shuts the
 * window and the sender probes it (persist) until it opens. */
#include "tcp_errno.h"
#include <stdio.h>
#include <string.h>
#include "sim.h"

#define STAT(n, name) ((n).st.v[NET_STAT_##name])

static uint8_t captured[2000];
static size_t captured_len;

/* capture_data: keep (and drop) the first data segment A sends. */
static int capture_data(struct node *from, const uint8_t *seg, size_t len)
{
	if (from == &A && seg_datalen(seg, len) > 0 && !captured_len) {
		memcpy(captured, seg, len);
		captured_len = len;
		return 1;
	}
	return 0;
}

/* build: into OUT, the captured segment's first 20 bytes with a data
 * offset of WORDS, OPT (OPTLEN bytes) after them and then DATA (DLEN
 * bytes), with a right checksum. Returns its length. */
static size_t build(uint8_t *out, int words, const uint8_t *opt,
    size_t optlen, const void *data, size_t dlen)
{
	memcpy(out, captured, 20);
	out[12] = (uint8_t) (words << 4);
	if (optlen)
		memcpy(out + 20, opt, optlen);
	if (dlen)
		memcpy(out + 20 + optlen, data, dlen);
	size_t len = 20 + optlen + dlen;
	out[16] = out[17] = 0;
	uint16_t ck = tcp_checksum(A.addr, B.addr, out, len);
	out[16] = (uint8_t) (ck >> 8);
	out[17] = (uint8_t) ck;
	return len;
}

/* bad: inject SEG (LEN bytes) to B and check it was counted under
 * COUNTER, answered with nothing and harmed nothing. */
static void bad(const char *what, const uint8_t *seg, size_t len,
    enum net_stat counter, struct tcp_conn *s)
{
	uint32_t before = B.st.v[counter], rx = STAT(B, tcp_rx);
	unsigned sent = B.sent;
	sim_inject(&B, seg, len);
	if (B.st.v[counter] != before + 1 || STAT(B, tcp_rx) != rx + 1)
		FAIL("%s: not counted", what);
	sim_wait(200);
	if (B.sent != sent)
		FAIL("%s: answered", what);
	if (tcp_state(s) != TCP_ESTABLISHED)
		FAIL("%s: connection now %s", what,
		    tcp_state_name(tcp_state(s)));
}

/* Truncated headers, bad data offsets, bad option lists, bad
 * checksums, impossible flags and port 0 are dropped and counted
 * (tcp_drop_hdr, tcp_drop_cksum); a well-formed unknown option is
 * skipped; the connection goes on. */
TEST(malformed_segments)
{
	sim_init(20);
	link_cfg.delay = 5;
	struct tcp_conn *c, *s;
	sim_connect(&c, &s, 80);
	captured_len = 0;
	sim_filter = capture_data;
	CHECK_EQ(tcp_send(c, "abcd", 4), 4);
	sim_wait(1);
	CHECK_EQ(captured_len, 24);
	sim_filter = NULL;
	link_cfg.cut = 1;               /* A's retransmission stays out */
	uint8_t seg[200];
	size_t n;
	bad("truncated", captured, 10, NET_STAT_tcp_drop_hdr, s);
	bad("truncated header", captured, 19, NET_STAT_tcp_drop_hdr, s);
	n = build(seg, 4, NULL, 0, "abcd", 4);
	bad("offset 4", seg, n, NET_STAT_tcp_drop_hdr, s);
	n = build(seg, 15, NULL, 0, "abcd", 4);
	bad("offset past the end", seg, n, NET_STAT_tcp_drop_hdr, s);
	static const uint8_t mss3[] = { 2, 3, 0, 0 }, len0[] = { 8, 0, 0, 0 },
	    over[] = { 3, 10, 0, 0 }, tail[] = { 1, 1, 1, 9 },
	    mss0[] = { 2, 4, 0, 0 }, len1[] = { 1, 1, 5, 1 };
	n = build(seg, 6, mss3, 4, "abcd", 4);
	bad("MSS option of 3 bytes", seg, n, NET_STAT_tcp_drop_hdr, s);
	n = build(seg, 6, mss0, 4, "abcd", 4);
	bad("MSS 0", seg, n, NET_STAT_tcp_drop_hdr, s);
	n = build(seg, 6, len0, 4, "abcd", 4);
	bad("option length 0", seg, n, NET_STAT_tcp_drop_hdr, s);
	n = build(seg, 6, len1, 4, "abcd", 4);
	bad("option length 1", seg, n, NET_STAT_tcp_drop_hdr, s);
	n = build(seg, 6, over, 4, "abcd", 4);
	bad("option past the header", seg, n, NET_STAT_tcp_drop_hdr, s);
	n = build(seg, 6, tail, 4, "abcd", 4);
	bad("option kind without length", seg, n, NET_STAT_tcp_drop_hdr, s);
	n = build(seg, 5, NULL, 0, "abcd", 4);
	seg[22] ^= 0x40;
	bad("checksum", seg, n, NET_STAT_tcp_drop_cksum, s);
	n = build(seg, 5, NULL, 0, "abcd", 4);
	seg[16] ^= 0x01;
	bad("checksum field", seg, n, NET_STAT_tcp_drop_cksum, s);
	memcpy(seg, captured, 20);
	seg[13] |= 0x03;                /* SYN and FIN */
	n = build(seg, 5, NULL, 0, "abcd", 4);
	seg[13] |= 0x03;
	seg[16] = seg[17] = 0;
	uint16_t ck = tcp_checksum(A.addr, B.addr, seg, n);
	seg[16] = (uint8_t) (ck >> 8);
	seg[17] = (uint8_t) ck;
	bad("SYN with FIN", seg, n, NET_STAT_tcp_drop_hdr, s);
	n = build(seg, 5, NULL, 0, "abcd", 4);
	seg[0] = seg[1] = 0;
	seg[16] = seg[17] = 0;
	ck = tcp_checksum(A.addr, B.addr, seg, n);
	seg[16] = (uint8_t) (ck >> 8);
	seg[17] = (uint8_t) ck;
	bad("source port 0", seg, n, NET_STAT_tcp_drop_hdr, s);
	char buf[8];
	CHECK_EQ(tcp_recv(s, buf, sizeof(buf)), -EAGAIN);
	/* A timestamp option (kind 8, 10 bytes) and padding: skipped. */
	static const uint8_t ts[] = { 1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0 };
	n = build(seg, 8, ts, sizeof(ts), "abcd", 4);
	uint32_t drops = STAT(B, tcp_drop_hdr) + STAT(B, tcp_drop_cksum) +
	    STAT(B, tcp_drop_state);
	sim_inject(&B, seg, n);
	CHECK_EQ(STAT(B, tcp_drop_hdr) + STAT(B, tcp_drop_cksum) +
	    STAT(B, tcp_drop_state), drops);
	CHECK_EQ(tcp_recv(s, buf, sizeof(buf)), 4);
	CHECK(memcmp(buf, "abcd", 4) == 0);
	link_cfg.cut = 0;
	struct xfer x;
	xfer_start(&x, c, s, 100000, 9);
	CHECK(sim_run(xfer_step, &x, 600000));
	CHECK_EQ(x.bad, 0);
	CHECK_EQ(x.rcvd, 100000);
	sim_fini();
}

/* Segments to nobody: a reset unless they are one; a reset is never
 * answered. */
TEST(stray_segments)
{
	sim_init(21);
	struct tcp_conn *c, *s;
	sim_connect(&c, &s, 80);
	captured_len = 0;
	sim_filter = capture_data;
	CHECK_EQ(tcp_send(c, "abcd", 4), 4);
	sim_wait(1);
	sim_filter = NULL;
	uint8_t seg[64];
	size_t n = build(seg, 5, NULL, 0, "abcd", 4);
	seg[2] = 0x12;                  /* another destination port */
	seg[16] = seg[17] = 0;
	uint16_t ck = tcp_checksum(A.addr, B.addr, seg, n);
	seg[16] = (uint8_t) (ck >> 8);
	seg[17] = (uint8_t) ck;
	unsigned sent = B.sent;
	sim_inject(&B, seg, n);
	CHECK_EQ(B.sent, sent + 1);
	CHECK_EQ(STAT(B, tcp_rst_tx), 1);
	seg[13] = 0x04;                 /* RST */
	seg[16] = seg[17] = 0;
	ck = tcp_checksum(A.addr, B.addr, seg, n);
	seg[16] = (uint8_t) (ck >> 8);
	seg[17] = (uint8_t) ck;
	sim_inject(&B, seg, n);
	CHECK_EQ(B.sent, sent + 1);
	CHECK_EQ(tcp_state(s), TCP_ESTABLISHED);
	sim_fini();
}

/* A reset with a sequence number in the window but not the next one is
 * answered with an ACK (RFC 5961), not obeyed. */
TEST(blind_reset_ignored)
{
	sim_init(22);
	struct tcp_conn *c, *s;
	sim_connect(&c, &s, 80);
	captured_len = 0;
	sim_filter = capture_data;
	CHECK_EQ(tcp_send(c, "abcd", 4), 4);
	sim_wait(1);
	sim_filter = NULL;
	uint8_t seg[64];
	memcpy(seg, captured, 20);
	uint32_t seq = seg_seq(captured) + 100;
	seg[4] = (uint8_t) (seq >> 24);
	seg[5] = (uint8_t) (seq >> 16);
	seg[6] = (uint8_t) (seq >> 8);
	seg[7] = (uint8_t) seq;
	memcpy(captured, seg, 20);
	size_t n = build(seg, 5, NULL, 0, NULL, 0);
	seg[13] = 0x04;
	seg[16] = seg[17] = 0;
	uint16_t ck = tcp_checksum(A.addr, B.addr, seg, n);
	seg[16] = (uint8_t) (ck >> 8);
	seg[17] = (uint8_t) ck;
	unsigned sent = B.sent;
	sim_inject(&B, seg, n);
	CHECK_EQ(tcp_state(s), TCP_ESTABLISHED);
	CHECK_EQ(B.sent, sent + 1);     /* the challenge ACK */
	sim_fini();
}

/* A receiver that does not read: the window shuts, the sender probes it
 * with backed-off persist probes (not retransmissions) and the transfer
 * completes once the reader reads. */
static unsigned probes;

static int count_probes(struct node *from, const uint8_t *seg, size_t len)
{
	if (from == &A && seg_datalen(seg, len) == 1)
		probes++;
	return 0;
}

TEST(zero_window_persist)
{
	sim_init(23);
	link_cfg.delay = 10;
	struct tcp_conn *c, *s;
	sim_connect(&c, &s, 80);
	struct xfer x;
	xfer_start(&x, c, s, 300000, 5);
	x.noread = 1;
	sim_filter = count_probes;
	sim_run(xfer_step, &x, 20000);
	struct tcp_info ic, is;
	tcp_info(c, &ic);
	tcp_info(s, &is);
	kit_note("sent %u, queued %u, window %u, readable %u, probes %u",
	    x.sent, ic.queued, ic.snd_wnd, is.readable, probes);
	CHECK_EQ(ic.snd_wnd, 0);
	CHECK(is.readable >= 65535 - 1460);
	CHECK_EQ(ic.queued, TCP_SNDBUF);
	CHECK(probes >= 3 && probes <= 12);
	CHECK_EQ(STAT(A, tcp_retransmit), 0);
	CHECK(!(tcp_poll(c) & TCP_POLL_OUT));
	x.noread = 0;
	CHECK(sim_run(xfer_step, &x, 600000));
	CHECK_EQ(x.rcvd, 300000);
	CHECK_EQ(x.bad, 0);
	sim_fini();
}

/* A window shut for ten minutes (the persist probes back off to their
 * longest), then opened while the link is cut (a network driver being
 * restarted: the window update, probes and the data sent after them are
 * lost): probing does not count towards giving up (RFC 1122 4.2.2.17),
 * so the first timeouts after the window opens must not drop the
 * connection; the transfer completes once the link is back. */
TEST(zero_window_then_outage)
{
	sim_init(29);
	link_cfg.delay = 10;
	struct tcp_conn *c, *s;
	sim_connect(&c, &s, 80);
	struct xfer x;
	xfer_start(&x, c, s, 300000, 7);
	x.noread = 1;
	sim_run(xfer_step, &x, 600000);
	CHECK_EQ(tcp_error(c), 0);
	x.noread = 0;
	for (int k = 0; k < 20 && !x.eof && !x.err; k++) {
		link_cfg.cut = 1;               /* the driver is down... */
		sim_run(xfer_step, &x, 3000);
		link_cfg.cut = 0;               /* ...and up again */
		sim_run(xfer_step, &x, 500);
	}
	CHECK(sim_run(xfer_step, &x, 600000) || x.eof);
	kit_note("rcvd %u, err %d, timeouts %u", x.rcvd, x.err,
	    STAT(A, tcp_retransmit));
	CHECK_EQ(x.err, 0);
	CHECK_EQ(tcp_error(c), 0);
	CHECK_EQ(x.rcvd, 300000);
	CHECK_EQ(x.bad, 0);
	sim_fini();
}
