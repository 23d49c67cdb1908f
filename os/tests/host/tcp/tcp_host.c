/* Host test of the TCP engine (os/servers/inet/tcp*.c): two engines over
 * the simulated link of sim.c, one kit case per behaviour (handshake and
 * close states, resets, TIME_WAIT, transfers of 1 MiB over clean and bad
 * links, fast retransmit, RTO measurement and backoff, malformed
 * segments, windows). Run by os/tests/test_tcp_host.py. Usage: tcp_host
 * [CASE...]. */
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

/* state_is: sim_run's step: finished when *ARG's two connections are in
 * the states wanted. */
struct want {
	struct tcp_conn *a, *b;
	int sa, sb;
};

static int states_reached(void *arg)
{
	struct want *w = arg;
	return (!w->a || tcp_state(w->a) == w->sa) &&
	    (!w->b || tcp_state(w->b) == w->sb) ? -1 : 0;
}

static void wait_states(struct tcp_conn *a, int sa, struct tcp_conn *b,
    int sb, uint32_t ms)
{
	struct want w = { a, b, sa, sb };
	if (!sim_run(states_reached, &w, ms))
		FAIL("states %s/%s, expected %s/%s",
		    a ? tcp_state_name(tcp_state(a)) : "-",
		    b ? tcp_state_name(tcp_state(b)) : "-",
		    tcp_state_name(sa), tcp_state_name(sb));
}

/* The handshake: states on both sides, names, MSS, readiness. */
TEST(handshake)
{
	sim_init(1);
	struct tcp_conn *l = tcp_open(B.s), *c = tcp_open(A.s);
	CHECK_EQ(tcp_bind(l, 0, nport(80)), 0);
	CHECK_EQ(tcp_listen(l, 4), 0);
	CHECK_EQ(tcp_state(l), TCP_LISTEN);
	CHECK_EQ(tcp_connect(c, B.addr, nport(80)), -EINPROGRESS);
	CHECK_EQ(tcp_state(c), TCP_SYN_SENT);
	CHECK_EQ(tcp_connect(c, B.addr, nport(80)), -EALREADY);
	CHECK_EQ(tcp_poll(c) & TCP_POLL_OUT, 0);
	char x = 0;
	CHECK_EQ(tcp_send(c, &x, 1), -EAGAIN);
	wait_states(c, TCP_ESTABLISHED, NULL, 0, 5000);
	CHECK(tcp_poll(l) & TCP_POLL_IN);
	struct tcp_conn *s;
	CHECK_EQ(tcp_accept(l, &s), 0);
	CHECK_EQ(tcp_accept(l, &s) == -EAGAIN, 1);
	CHECK_EQ(tcp_state(s), TCP_ESTABLISHED);
	CHECK_EQ(tcp_error(c), 0);
	CHECK(tcp_poll(c) & TCP_POLL_OUT);
	CHECK_EQ(tcp_connect(c, B.addr, nport(80)), -EISCONN);
	uint32_t a;
	uint16_t p, q;
	tcp_local(c, &a, &p);
	CHECK_EQ(a, A.addr);
	CHECK(p != 0);
	CHECK_EQ(tcp_peer(s, &a, &q), 0);
	CHECK_EQ(a, A.addr);
	CHECK_EQ(q, p);
	CHECK_EQ(tcp_peer(c, &a, &q), 0);
	CHECK_EQ(a, B.addr);
	CHECK_EQ(q, nport(80));
	CHECK_EQ(info_of(c).mss, TCP_MSS_LOCAL);
	CHECK_EQ(info_of(s).mss, TCP_MSS_LOCAL);
	CHECK_EQ(tcp_peer(l, NULL, NULL), -ENOTCONN);
	CHECK_STR(tcp_state_name(TCP_TIME_WAIT), "TIME_WAIT");
	sim_fini();
}

/* An orderly close, the active side through FIN_WAIT_1/2 and TIME_WAIT
 * (2 MSL, then CLOSED), the passive one through CLOSE_WAIT and
 * LAST_ACK; end of stream read as 0 on both. */
TEST(close_states)
{
	sim_init(2);
	link_cfg.delay = 10;
	struct tcp_conn *c, *s;
	sim_connect(&c, &s, 80);
	CHECK_EQ(tcp_shutdown(c, NET_SHUT_WR), 0);
	CHECK_EQ(tcp_state(c), TCP_FIN_WAIT_1);
	CHECK_EQ(tcp_send(c, "x", 1), -EPIPE);
	wait_states(c, TCP_FIN_WAIT_2, s, TCP_CLOSE_WAIT, 1000);
	char buf[8];
	CHECK_EQ(tcp_recv(s, buf, sizeof(buf)), 0);
	CHECK(tcp_poll(s) & TCP_POLL_IN);
	CHECK_EQ(tcp_recv(c, buf, sizeof(buf)), -EAGAIN);
	CHECK_EQ(tcp_send(s, "bye", 3), 3);
	CHECK_EQ(tcp_shutdown(s, NET_SHUT_WR), 0);
	CHECK_EQ(tcp_state(s), TCP_LAST_ACK);
	wait_states(c, TCP_TIME_WAIT, s, TCP_CLOSED, 1000);
	CHECK_EQ(tcp_recv(c, buf, sizeof(buf)), 3);
	CHECK_EQ(tcp_recv(c, buf, sizeof(buf)), 0);
	CHECK(tcp_poll(c) & TCP_POLL_HUP);
	CHECK(tcp_poll(s) & TCP_POLL_HUP);
	uint32_t t0 = sim_now;
	wait_states(c, TCP_CLOSED, NULL, 0, 3 * 2000 * 2);
	CHECK_EQ(sim_now - t0 >= 2 * 2000 - 20, 1);     /* 2 MSL */
	CHECK_EQ(tcp_error(c), 0);
	CHECK_EQ(tcp_error(s), 0);
	tcp_close(c);
	tcp_close(s);
	CHECK_EQ(tcp_next_timer(A.s), -1);
	CHECK_EQ(tcp_next_timer(B.s), -1);
	sim_fini();
}

/* Both sides close at once: FIN_WAIT_1 -> CLOSING -> TIME_WAIT. */
TEST(simultaneous_close)
{
	sim_init(3);
	link_cfg.delay = 20;
	struct tcp_conn *c, *s;
	sim_connect(&c, &s, 80);
	CHECK_EQ(tcp_shutdown(c, NET_SHUT_WR), 0);
	CHECK_EQ(tcp_shutdown(s, NET_SHUT_WR), 0);
	sim_wait(25);
	CHECK_EQ(tcp_state(c), TCP_CLOSING);
	CHECK_EQ(tcp_state(s), TCP_CLOSING);
	wait_states(c, TCP_TIME_WAIT, s, TCP_TIME_WAIT, 1000);
	wait_states(c, TCP_CLOSED, s, TCP_CLOSED, 10000);
	sim_fini();
}

/* TIME_WAIT answers a retransmitted FIN (its last ACK was lost) and
 * restarts its 2 MSL; the closed side's block is freed after close. */
static int drop_last_ack(struct node *from, const uint8_t *seg, size_t len)
{
	static int dropped;
	if (from == &A && seg_flags(seg) == 0x10 && !seg_datalen(seg, len) &&
	    sim_filter && !dropped) {
		dropped = 1;
		return 1;
	}
	return 0;
}

TEST(time_wait_acks_fin_again)
{
	sim_init(4);
	link_cfg.delay = 10;
	struct tcp_conn *c, *s;
	sim_connect(&c, &s, 80);
	CHECK_EQ(tcp_shutdown(c, NET_SHUT_WR), 0);
	wait_states(c, TCP_FIN_WAIT_2, s, TCP_CLOSE_WAIT, 1000);
	sim_filter = drop_last_ack;
	tcp_close(s);                   /* its FIN; A's ACK of it is lost */
	wait_states(c, TCP_TIME_WAIT, NULL, 0, 1000);
	uint32_t before = STAT(A, tcp_drop_state);
	sim_wait(1500);                 /* B retransmits its FIN */
	CHECK_EQ(STAT(B, tcp_retransmit), 1);
	CHECK(STAT(A, tcp_drop_state) > before);
	CHECK_EQ(tcp_state(c), TCP_TIME_WAIT);
	sim_wait(100);
	CHECK_EQ(tcp_next_timer(B.s), -1);      /* B's block is gone */
	tcp_close(c);
	sim_wait(5000);
	CHECK_EQ(tcp_next_timer(A.s), -1);
	sim_fini();
}

/* A SYN to a port nobody listens on is reset: the connect is refused. */
TEST(refused)
{
	sim_init(5);
	struct tcp_conn *c = tcp_open(A.s);
	CHECK_EQ(tcp_connect(c, B.addr, nport(81)), -EINPROGRESS);
	wait_states(c, TCP_CLOSED, NULL, 0, 1000);
	CHECK_EQ(STAT(B, tcp_rst_tx), 1);
	CHECK(tcp_poll(c) & TCP_POLL_ERR);
	CHECK(tcp_poll(c) & TCP_POLL_OUT);
	CHECK_EQ(tcp_error(c), -ECONNREFUSED);
	CHECK_EQ(tcp_error(c), 0);
	CHECK_EQ(tcp_connect(c, B.addr, nport(81)), -EINPROGRESS);
	wait_states(c, TCP_CLOSED, NULL, 0, 1000);
	char b;
	CHECK_EQ(tcp_recv(c, &b, 1), -ECONNREFUSED);
	CHECK_EQ(tcp_connect(c, ip4(192, 168, 9, 9), nport(81)),
	    -ENETUNREACH);
	tcp_close(c);
	sim_fini();
}

/* An abort resets the peer: ECONNRESET once, then end of stream; sends
 * fail with EPIPE. */
TEST(reset_by_abort)
{
	sim_init(6);
	struct tcp_conn *c, *s;
	sim_connect(&c, &s, 80);
	tcp_abort(s);
	CHECK_EQ(STAT(B, tcp_rst_tx), 1);
	wait_states(c, TCP_CLOSED, NULL, 0, 1000);
	CHECK(tcp_poll(c) & TCP_POLL_HUP);
	char b;
	CHECK_EQ(tcp_recv(c, &b, 1), -ECONNRESET);
	CHECK_EQ(tcp_recv(c, &b, 1), 0);
	CHECK_EQ(tcp_send(c, &b, 1), -EPIPE);
	tcp_close(c);
	CHECK_EQ(tcp_next_timer(A.s), -1);
	sim_fini();
}

/* Closing with data not read resets the connection (RFC 2525). */
TEST(close_with_unread_data_resets)
{
	sim_init(7);
	struct tcp_conn *c, *s;
	sim_connect(&c, &s, 80);
	CHECK_EQ(tcp_send(c, "hello", 5), 5);
	sim_wait(100);
	CHECK_EQ(info_of(s).readable, 5);
	tcp_close(s);
	CHECK_EQ(STAT(B, tcp_rst_tx), 1);
	wait_states(c, TCP_CLOSED, NULL, 0, 1000);
	CHECK_EQ(tcp_error(c), -ECONNRESET);
	tcp_close(c);
	sim_fini();
}

/* A listener with backlog 1: a second SYN waits (dropped, sent again)
 * until the first connection is accepted. Closing a listener resets
 * what it had not handed out. */
TEST(backlog)
{
	sim_init(8);
	link_cfg.delay = 5;
	struct tcp_conn *l = tcp_open(B.s), *c1 = tcp_open(A.s),
	    *c2 = tcp_open(A.s), *c3 = tcp_open(A.s), *s;
	CHECK_EQ(tcp_bind(l, 0, nport(80)), 0);
	CHECK_EQ(tcp_listen(l, 1), 0);
	CHECK_EQ(tcp_connect(c1, B.addr, nport(80)), -EINPROGRESS);
	wait_states(c1, TCP_ESTABLISHED, NULL, 0, 1000);
	CHECK_EQ(tcp_connect(c2, B.addr, nport(80)), -EINPROGRESS);
	sim_wait(3000);
	CHECK_EQ(tcp_state(c2), TCP_SYN_SENT);
	CHECK(STAT(B, tcp_drop_state) > 0);
	CHECK_EQ(tcp_accept(l, &s), 0);
	wait_states(c2, TCP_ESTABLISHED, NULL, 0, 10000);
	CHECK_EQ(tcp_connect(c3, B.addr, nport(80)), -EINPROGRESS);
	sim_wait(100);
	CHECK_EQ(tcp_state(c3), TCP_SYN_SENT);
	tcp_close(l);                   /* c2's connection was not accepted */
	wait_states(c2, TCP_CLOSED, NULL, 0, 1000);
	CHECK_EQ(tcp_error(c2), -ECONNRESET);
	wait_states(c3, TCP_CLOSED, NULL, 0, 10000);
	CHECK_EQ(tcp_error(c3), -ECONNREFUSED);
	CHECK_EQ(tcp_state(s), TCP_ESTABLISHED);
	sim_fini();
}

/* Ports: in use, SO_REUSEADDR, ephemeral ports, two listeners. */
TEST(bind_ports)
{
	sim_init(9);
	struct tcp_conn *a = tcp_open(A.s), *b = tcp_open(A.s),
	    *c = tcp_open(A.s), *d = tcp_open(A.s);
	CHECK_EQ(tcp_bind(a, 0, nport(80)), 0);
	CHECK_EQ(tcp_bind(a, 0, nport(81)), -EINVAL);
	CHECK_EQ(tcp_bind(b, A.addr, nport(80)), -EADDRINUSE);
	CHECK_EQ(tcp_setopt(b, NET_SO_REUSEADDR, 1), 0);
	CHECK_EQ(tcp_getopt(b, NET_SO_REUSEADDR), 1);
	CHECK_EQ(tcp_setopt(b, 12345, 1), -ENOPROTOOPT);
	CHECK_EQ(tcp_bind(b, A.addr, nport(80)), 0);
	CHECK_EQ(tcp_listen(a, 5), 0);
	CHECK_EQ(tcp_listen(b, 5), -EADDRINUSE);
	CHECK_EQ(tcp_setopt(c, NET_SO_REUSEADDR, 1), 0);
	CHECK_EQ(tcp_bind(c, 0, nport(80)), -EADDRINUSE);  /* a listens */
	CHECK_EQ(tcp_bind(c, 0, 0), 0);
	CHECK_EQ(tcp_bind(d, 0, 0), 0);
	uint16_t pc, pd;
	tcp_local(c, NULL, &pc);
	tcp_local(d, NULL, &pd);
	CHECK(pc != pd);
	CHECK(nport(pc) >= 49152 && nport(pd) >= 49152);
	sim_fini();
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
	wait_states(c, TCP_CLOSED, NULL, 0, 30 * 60 * 1000);
	CHECK_EQ(tcp_error(c), -ETIMEDOUT);
	CHECK_EQ(nsends, 7);
	for (int i = 1; i < nsends; i++)
		CHECK_EQ(sends[i] - sends[i - 1], 1000u << (i - 1));
	sim_fini();
}
