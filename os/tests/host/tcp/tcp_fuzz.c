/* Random bad input: segments captured from a real exchange, mutated
 * (bytes flipped, truncated, lengthened, options scrambled; half with
 * the checksum made right again so the parser past it is reached) and
 * thrown at a connection and a listener. Nothing may crash (the test
 * builds with ASan/UBSan where the host has them), every segment is
 * counted, and what the garbage started times out and is freed. */
#include "tcp_errno.h"
#include <stdio.h>
#include <string.h>
#include "sim.h"

#define STAT(n, name) ((n).st.v[NET_STAT_##name])
#define NCAP 32

static uint8_t cap[NCAP][1600];
static size_t cap_len[NCAP];
static int ncap;

/* keep: the filter that records the first NCAP segments either side
 * sends (and lets them through). */
static int keep(struct node *from, const uint8_t *seg, size_t len)
{
	(void) from;
	if (ncap < NCAP && len <= sizeof(cap[0])) {
		memcpy(cap[ncap], seg, len);
		cap_len[ncap++] = len;
	}
	return 0;
}

static uint32_t rng = 12345;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* mutate: a damaged copy of a captured segment into OUT; its length. */
static size_t mutate(uint8_t *out, uint32_t src, uint32_t dst)
{
	int k = (int) (rnd() % (uint32_t) ncap);
	size_t len = cap_len[k];
	memcpy(out, cap[k], len);
	switch (rnd() % 6) {
	case 0:                         /* flip a few bytes anywhere */
		for (int i = 0, n = 1 + (int) (rnd() % 4); i < n; i++)
			out[rnd() % len] ^= (uint8_t) (1 + rnd() % 255);
		break;
	case 1:                         /* truncate */
		len = rnd() % (len + 1);
		break;
	case 2:                         /* a random data offset */
		out[12] = (uint8_t) ((rnd() % 16) << 4);
		break;
	case 3: {                       /* random options after the header */
		size_t words = 1 + rnd() % 10;
		out[12] = (uint8_t) ((5 + words) << 4);
		memmove(out + 20 + 4 * words, out + 20, len - 20);
		for (size_t i = 0; i < 4 * words; i++)
			out[20 + i] = (uint8_t) (rnd() % 12);
		len += 4 * words;
		break;
	}
	case 4:                         /* random flags */
		out[13] = (uint8_t) rnd();
		break;
	default:                        /* sequence or ack numbers moved */
		out[4 + rnd() % 8] ^= (uint8_t) rnd();
		break;
	}
	if (rnd() % 2 && len >= 18) {
		out[16] = out[17] = 0;
		uint16_t ck = tcp_checksum(src, dst, out, len);
		out[16] = (uint8_t) (ck >> 8);
		out[17] = (uint8_t) ck;
	}
	return len;
}

TEST_TIMEOUT(fuzz_segments, 300)
{
	sim_init(30);
	link_cfg.delay = 3;
	ncap = 0;
	sim_filter = keep;
	struct tcp_conn *c, *s;
	sim_connect(&c, &s, 80);
	struct xfer x;
	xfer_start(&x, c, s, 20000, 1);
	CHECK(sim_run(xfer_step, &x, 60000));
	sim_filter = NULL;
	CHECK(ncap >= 8);
	struct tcp_conn *l = tcp_open(B.s);
	CHECK_EQ(tcp_bind(l, 0, nport(80)), -EADDRINUSE);   /* s has it */
	CHECK_EQ(tcp_setopt(l, NET_SO_REUSEADDR, 1), 0);
	CHECK_EQ(tcp_bind(l, 0, nport(80)), 0);
	CHECK_EQ(tcp_listen(l, 8), 0);
	uint8_t seg[1700];
	uint32_t rx = STAT(B, tcp_rx) + STAT(A, tcp_rx);
	unsigned n = 40000;
	for (unsigned i = 0; i < n; i++) {
		struct node *to = rnd() % 2 ? &A : &B;
		struct node *from = to == &A ? &B : &A;
		size_t len = mutate(seg, from->addr, to->addr);
		sim_inject(to, seg, len);
		if (i % 64 == 0)
			sim_wait(1 + rnd() % 50);
	}
	/* Whatever was delivered on the link meanwhile counts too. */
	CHECK(STAT(B, tcp_rx) + STAT(A, tcp_rx) >= rx + n);
	struct node *nodes[2] = { &A, &B };
	for (int i = 0; i < 2; i++) {
		struct net_stats *st = &nodes[i]->st;
		kit_note("%s: rx %u hdr %u cksum %u state %u rst %u",
		    nodes[i]->name, st->v[NET_STAT_tcp_rx],
		    st->v[NET_STAT_tcp_drop_hdr],
		    st->v[NET_STAT_tcp_drop_cksum],
		    st->v[NET_STAT_tcp_drop_state],
		    st->v[NET_STAT_tcp_rst_tx]);
		CHECK(st->v[NET_STAT_tcp_drop_hdr] > 1000);
		CHECK(st->v[NET_STAT_tcp_drop_cksum] > 1000);
		CHECK(st->v[NET_STAT_tcp_drop_hdr] +
		    st->v[NET_STAT_tcp_drop_cksum] <= st->v[NET_STAT_tcp_rx]);
	}
	tcp_close(l);
	tcp_close(c);
	tcp_close(s);
	sim_wait(10 * 60 * 1000);
	CHECK_EQ(tcp_next_timer(A.s), -1);
	CHECK_EQ(tcp_next_timer(B.s), -1);
	/* Every block is free again: as many can be opened as at the start. */
	struct tcp_conn *all[TCP_MAX_CONN];
	int k = 0;
	while (k < TCP_MAX_CONN && (all[k] = tcp_open(B.s)))
		k++;
	CHECK_EQ(k, TCP_MAX_CONN);
	CHECK(tcp_open(B.s) == NULL);
	for (int i = 0; i < k; i++)
		tcp_close(all[i]);
	sim_fini();
}
