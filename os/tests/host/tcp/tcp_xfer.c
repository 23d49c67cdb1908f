/* Transfers over the simulated link: 1 MiB byte for byte over a clean
 * link and over links that lose, duplicate and reorder; fast
 * retransmit; the RTO measured and backed off. */
#include "tcp_errno.h"
#include <stdio.h>
#include <string.h>
#include "sim.h"

#define MiB (1024 * 1024)

#define STAT(n, name) ((n).st.v[NET_STAT_##name])

static struct tcp_info info_of(struct tcp_conn *c)
{
	struct tcp_info i;
	tcp_info(c, &i);
	return i;
}

static int closed(void *arg)
{
	return tcp_state(arg) == TCP_CLOSED ? -1 : 0;
}

/* 1 MiB over a clean link: identical, nothing retransmitted. */
TEST(transfer_1mib_clean)
{
	sim_init(10);
	link_cfg.delay = 2;
	struct tcp_conn *c, *s;
	sim_connect(&c, &s, 80);
	struct xfer x;
	xfer_start(&x, c, s, MiB, 1);
	CHECK(sim_run(xfer_step, &x, 600000));
	CHECK_EQ(x.err, 0);
	CHECK_EQ(x.rcvd, MiB);
	CHECK_EQ(x.bad, 0);
	CHECK_EQ(STAT(A, tcp_retransmit), 0);
	CHECK_EQ(STAT(A, tcp_fast_retransmit), 0);
	CHECK_EQ(STAT(B, tcp_out_of_order), 0);
	CHECK_EQ(STAT(B, tcp_drop_cksum) + STAT(B, tcp_drop_hdr), 0);
	kit_note("%u segments A->B, %u B->A, %u ms", A.sent, B.sent,
	    sim_now - 1000);
	sim_fini();
}

/* lossy: 1 MiB each way at once over a link that loses, duplicates and
 * reorders segments (seeded): identical, and the loss was repaired. */
static void lossy(uint32_t seed, unsigned loss, unsigned dup,
    unsigned reorder)
{
	sim_init(seed);
	struct tcp_conn *c, *s;
	sim_connect(&c, &s, 80);
	link_cfg.delay = 5;
	link_cfg.jitter = 15;
	link_cfg.loss = loss;
	link_cfg.dup = dup;
	link_cfg.reorder = reorder;
	struct xfer x[2];
	xfer_start(&x[0], c, s, MiB, seed);
	xfer_start(&x[1], s, c, MiB, seed + 100);
	int done = sim_run(xfer2_step, x, 3600000);
	struct tcp_info ic, is;
	tcp_info(c, &ic);
	tcp_info(s, &is);
	if (!done || x[0].err || x[1].err)
		kit_note("A: %s sent %u rcvd %u err %d una+%u q %u wnd %u cwnd %u "
		    "rto %u backoff %u; B: %s sent %u rcvd %u err %d una+%u q %u "
		    "wnd %u cwnd %u rto %u backoff %u",
		    tcp_state_name(ic.state), x[0].sent, x[1].rcvd, x[0].err,
		    ic.unacked, ic.queued, ic.snd_wnd, ic.cwnd, ic.rto,
		    ic.backoff, tcp_state_name(is.state), x[1].sent, x[0].rcvd,
		    x[1].err, is.unacked, is.queued, is.snd_wnd, is.cwnd,
		    is.rto, is.backoff);
	CHECK(done);
	for (int i = 0; i < 2; i++) {
		CHECK_EQ(x[i].err, 0);
		CHECK_EQ(x[i].rcvd, MiB);
		CHECK_EQ(x[i].bad, 0);
	}
	kit_note("seed %u: %u ms, A: %u timeouts %u fast rtx, srtt %u rto %u;"
	    " B: %u timeouts %u fast rtx; ooo %u+%u, dropped state %u+%u",
	    seed, sim_now - 1000, ic.timeouts, ic.fast_retransmits, ic.srtt,
	    ic.rto, is.timeouts, is.fast_retransmits,
	    STAT(A, tcp_out_of_order), STAT(B, tcp_out_of_order),
	    STAT(A, tcp_drop_state), STAT(B, tcp_drop_state));
	if (loss)
		CHECK(STAT(A, tcp_retransmit) + STAT(A, tcp_fast_retransmit) +
		    STAT(B, tcp_retransmit) + STAT(B, tcp_fast_retransmit) > 0);
	if (reorder || loss)
		CHECK(STAT(A, tcp_out_of_order) + STAT(B, tcp_out_of_order) > 0);
	if (dup)
		CHECK(STAT(A, tcp_drop_state) + STAT(B, tcp_drop_state) > 0);
	CHECK_EQ(tcp_shutdown(c, NET_SHUT_RDWR) == 0 || 1, 1);
	tcp_close(c);
	tcp_close(s);
	sim_wait(70000);
	CHECK_EQ(tcp_next_timer(A.s), -1);
	CHECK_EQ(tcp_next_timer(B.s), -1);
	sim_fini();
}

TEST(transfer_1mib_lossy_seed1) { lossy(11, 20, 10, 50); }
TEST(transfer_1mib_lossy_seed2) { lossy(12, 50, 20, 100); }
TEST(transfer_1mib_lossy_seed3) { lossy(13, 100, 50, 200); }
TEST(transfer_1mib_reorder_dup) { lossy(14, 0, 50, 300); }

/* One data segment lost: three duplicate ACKs bring it back at once
 * (no timeout). */
static int drop_one(struct node *from, const uint8_t *seg, size_t len)
{
	static int n;
	if (from == &A && seg_datalen(seg, len) > 0 && ++n == 40)
		return 1;
	return 0;
}

TEST(fast_retransmit)
{
	sim_init(15);
	link_cfg.delay = 10;
	struct tcp_conn *c, *s;
	sim_connect(&c, &s, 80);
	sim_filter = drop_one;
	struct xfer x;
	xfer_start(&x, c, s, MiB / 4, 3);
	CHECK(sim_run(xfer_step, &x, 600000));
	CHECK_EQ(x.rcvd, MiB / 4);
	CHECK_EQ(x.bad, 0);
	CHECK_EQ(info_of(c).fast_retransmits, 1);
	CHECK_EQ(STAT(A, tcp_fast_retransmit), 1);
	CHECK_EQ(info_of(c).timeouts, 0);
	CHECK_EQ(STAT(A, tcp_retransmit), 0);
	CHECK(STAT(B, tcp_out_of_order) >= 3);
	sim_fini();
}

/* The RTO follows the measured RTT: 200 ms round trips give SRTT 200
 * and an RTO of SRTT + 4 RTTVAR (above its 200 ms floor). */
TEST(rto_measured)
{
	sim_init(16);
	link_cfg.delay = 100;
	struct tcp_conn *c, *s;
	sim_connect(&c, &s, 80);
	struct tcp_info i = info_of(c);
	CHECK_EQ(i.rtt_samples, 1);     /* the SYN's */
	CHECK_EQ(i.srtt, 200);
	CHECK_EQ(i.rttvar, 100);
	CHECK_EQ(i.rto, 600);
	struct xfer x;
	xfer_start(&x, c, s, 256 * 1024, 4);
	CHECK(sim_run(xfer_step, &x, 600000));
	i = info_of(c);
	kit_note("srtt %u rttvar %u rto %u samples %u", i.srtt, i.rttvar,
	    i.rto, i.rtt_samples);
	CHECK(i.rtt_samples >= 5);
	CHECK(i.srtt >= 200 && i.srtt <= 200 + 40 + 10);
	CHECK(i.rto + 4 >= i.srtt + 4 * i.rttvar);
	CHECK(i.rto <= i.srtt + 4 * i.rttvar + 10);
	CHECK(i.rto < 600);
	CHECK_EQ(info_of(c).timeouts, 0);
	sim_fini();
}

/* A dead link: the same segment is sent again at intervals that double
 * (exponential backoff) up to the limit, then the connection times out
 * (ETIMEDOUT). */
static uint32_t sends[64];
static int nsends;

static int log_a_data(struct node *from, const uint8_t *seg, size_t len)
{
	if (from == &A && seg_datalen(seg, len) > 0 && nsends < 64)
		sends[nsends++] = sim_now;
	return 0;
}

TEST(rto_backoff)
{
	sim_init(17);
	link_cfg.delay = 50;
	struct tcp_conn *c, *s;
	sim_connect(&c, &s, 80);
	CHECK_EQ(tcp_send(c, "ping", 4), 4);
	sim_wait(1000);
	uint32_t rto = info_of(c).rto;
	link_cfg.cut = 1;
	nsends = 0;
	sim_filter = log_a_data;
	CHECK_EQ(tcp_send(c, "lost", 4), 4);
	sim_wait(30 * 60 * 1000);
	CHECK_EQ(tcp_state(c), TCP_CLOSED);
	CHECK_EQ(tcp_error(c), -ETIMEDOUT);
	CHECK_EQ(nsends, 1 + 12);
	CHECK_EQ(STAT(A, tcp_retransmit), 12);
	CHECK_EQ(sends[1] - sends[0], rto);
	for (int i = 2; i < nsends; i++) {
		uint32_t prev = sends[i - 1] - sends[i - 2];
		uint32_t d = sends[i] - sends[i - 1];
		uint32_t want = prev * 2 > 60000 ? 60000 : prev * 2;
		if (d != want)
			FAIL("retransmission %d after %u ms, expected %u", i, d,
			    want);
	}
	sim_fini();
}

/* SYNs to a host that does not answer: 1 s, 2 s, 4 s ... then
 * ETIMEDOUT. */
static int log_a_syn(struct node *from, const uint8_t *seg, size_t len)
{
	(void) len;
	if (from == &A && (seg_flags(seg) & 0x02) && nsends < 64)
		sends[nsends++] = sim_now;
	return 0;
}

TEST(syn_backoff)
{
	sim_init(18);
	link_cfg.cut = 1;
	nsends = 0;
	sim_filter = log_a_syn;
	struct tcp_conn *c = tcp_open(A.s);
	CHECK_EQ(tcp_connect(c, B.addr, nport(80)), -EINPROGRESS);
	CHECK(sim_run(closed, c, 30 * 60 * 1000));
	CHECK_EQ(tcp_error(c), -ETIMEDOUT);
	CHECK_EQ(nsends, 7);
	for (int i = 1; i < nsends; i++)
		CHECK_EQ(sends[i] - sends[i - 1], 1000u << (i - 1));
	sim_fini();
}
