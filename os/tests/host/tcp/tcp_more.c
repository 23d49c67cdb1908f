/* More cases: simultaneous open, Nagle's rule and TCP_NODELAY, a new
 * connection taking over a TIME_WAIT (RFC 1122 4.2.2.13). */
#include "tcp_errno.h"
#include <stdio.h>
#include <string.h>
#include "sim.h"

#define STAT(n, name) ((n).st.v[NET_STAT_##name])

/* Both sides connect to each other at once: SYN_SENT -> SYN_RCVD ->
 * ESTABLISHED on both, data both ways. */
TEST(simultaneous_open)
{
	sim_init(40);
	link_cfg.delay = 20;
	struct tcp_conn *a = tcp_open(A.s), *b = tcp_open(B.s);
	CHECK_EQ(tcp_bind(a, 0, nport(5000)), 0);
	CHECK_EQ(tcp_bind(b, 0, nport(6000)), 0);
	CHECK_EQ(tcp_connect(a, B.addr, nport(6000)), -EINPROGRESS);
	CHECK_EQ(tcp_connect(b, A.addr, nport(5000)), -EINPROGRESS);
	sim_wait(25);
	CHECK_EQ(tcp_state(a), TCP_SYN_RCVD);
	CHECK_EQ(tcp_state(b), TCP_SYN_RCVD);
	sim_wait(100);
	CHECK_EQ(tcp_state(a), TCP_ESTABLISHED);
	CHECK_EQ(tcp_state(b), TCP_ESTABLISHED);
	CHECK_EQ(tcp_error(a), 0);
	struct xfer x[2];
	xfer_start(&x[0], a, b, 50000, 1);
	xfer_start(&x[1], b, a, 50000, 2);
	CHECK(sim_run(xfer2_step, x, 60000));
	CHECK_EQ(x[0].rcvd + x[1].rcvd, 100000);
	CHECK_EQ(x[0].bad + x[1].bad, 0);
	sim_fini();
}

/* count_data: segments with data A sends. */
static unsigned data_segs;

static int count_data(struct node *from, const uint8_t *seg, size_t len)
{
	if (from == &A && seg_datalen(seg, len) > 0)
		data_segs++;
	return 0;
}

/* Nagle: 100 one-byte writes while data is in flight go out in a
 * handful of segments; with TCP_NODELAY each goes at once. */
TEST(nagle_and_nodelay)
{
	sim_init(41);
	link_cfg.delay = 50;
	struct tcp_conn *c, *s;
	sim_connect(&c, &s, 80);
	sim_filter = count_data;
	data_segs = 0;
	for (int i = 0; i < 100; i++)
		CHECK_EQ(tcp_send(c, "x", 1), 1);
	CHECK_EQ(data_segs, 1);
	sim_wait(1000);
	struct tcp_info i;
	tcp_info(s, &i);
	CHECK_EQ(i.readable, 100);
	CHECK_EQ(data_segs, 2);
	char buf[200];
	CHECK_EQ(tcp_recv(s, buf, sizeof(buf)), 100);
	CHECK_EQ(tcp_getopt(c, NET_TCP_NODELAY), 0);
	CHECK_EQ(tcp_setopt(c, NET_TCP_NODELAY, 1), 0);
	data_segs = 0;
	for (int i = 0; i < 100; i++)
		CHECK_EQ(tcp_send(c, "y", 1), 1);
	CHECK_EQ(data_segs, 100);
	sim_wait(1000);
	CHECK_EQ(tcp_recv(s, buf, sizeof(buf)), 100);
	sim_fini();
}

/* The server closes first and keeps the TIME_WAIT; the client comes
 * back from the same port: its SYN (a later ISS) replaces the
 * TIME_WAIT and the new connection works. */
TEST(time_wait_taken_over)
{
	sim_init(42);
	link_cfg.delay = 5;
	struct tcp_conn *l = tcp_open(B.s), *c = tcp_open(A.s), *s;
	CHECK_EQ(tcp_bind(l, 0, nport(80)), 0);
	CHECK_EQ(tcp_listen(l, 4), 0);
	CHECK_EQ(tcp_bind(c, 0, nport(7000)), 0);
	CHECK_EQ(tcp_connect(c, B.addr, nport(80)), -EINPROGRESS);
	sim_wait(100);
	CHECK_EQ(tcp_accept(l, &s), 0);
	CHECK_EQ(tcp_send(c, "old", 3), 3);
	sim_wait(100);
	char buf[8];
	CHECK_EQ(tcp_recv(s, buf, sizeof(buf)), 3);
	tcp_close(s);                   /* B closes first: B keeps TIME_WAIT */
	sim_wait(100);
	CHECK_EQ(tcp_recv(c, buf, sizeof(buf)), 0);
	tcp_close(c);
	sim_wait(100);
	CHECK(tcp_next_timer(B.s) >= 0);        /* the TIME_WAIT */
	struct tcp_conn *c2 = tcp_open(A.s);
	CHECK_EQ(tcp_setopt(c2, NET_SO_REUSEADDR, 1), 0);
	CHECK_EQ(tcp_bind(c2, 0, nport(7000)), 0);
	CHECK_EQ(tcp_connect(c2, B.addr, nport(80)), -EINPROGRESS);
	sim_wait(100);
	CHECK_EQ(tcp_state(c2), TCP_ESTABLISHED);
	struct tcp_conn *s2;
	CHECK_EQ(tcp_accept(l, &s2), 0);
	CHECK_EQ(tcp_send(c2, "new", 3), 3);
	sim_wait(100);
	CHECK_EQ(tcp_recv(s2, buf, sizeof(buf)), 3);
	CHECK(memcmp(buf, "new", 3) == 0);
	sim_fini();
}

/* drop_first: drop the first segment FROM (drop_from) with exactly
 * FLAGS (drop_flags). */
static struct node *drop_from;
static unsigned drop_flags;
static int dropped_one;

static int drop_first(struct node *from, const uint8_t *seg, size_t len)
{
	(void) len;
	if (!dropped_one && from == drop_from && seg_flags(seg) == drop_flags) {
		dropped_one = 1;
		return 1;
	}
	return 0;
}

/* handshake_lost: the handshake with segment FLAGS from FROM lost once
 * comes up anyway, by a retransmission at the first RTO (1 s). */
static void handshake_lost(struct node *from, unsigned flags)
{
	sim_init(43);
	link_cfg.delay = 10;
	drop_from = from;
	drop_flags = flags;
	dropped_one = 0;
	sim_filter = drop_first;
	struct tcp_conn *l = tcp_open(B.s), *c = tcp_open(A.s), *s;
	CHECK_EQ(tcp_bind(l, 0, nport(80)), 0);
	CHECK_EQ(tcp_listen(l, 4), 0);
	CHECK_EQ(tcp_connect(c, B.addr, nport(80)), -EINPROGRESS);
	sim_wait(500);
	CHECK_EQ(dropped_one, 1);
	CHECK_EQ(tcp_accept(l, &s), -EAGAIN);
	sim_wait(1000);
	CHECK_EQ(tcp_state(c), TCP_ESTABLISHED);
	CHECK_EQ(tcp_accept(l, &s), 0);
	CHECK_EQ(tcp_state(s), TCP_ESTABLISHED);
	/* The side that lost its segment sent it again; with the SYN-ACK
	 * lost, both time out at 1 s. */
	uint32_t rtx = STAT(A, tcp_retransmit) + STAT(B, tcp_retransmit);
	CHECK(rtx >= 1 && rtx <= 2);
	sim_fini();
}

TEST(handshake_syn_lost) { handshake_lost(&A, 0x02); }
TEST(handshake_syn_ack_lost) { handshake_lost(&B, 0x12); }
TEST(handshake_ack_lost) { handshake_lost(&A, 0x10); }

/* Keep-alive: an idle connection with NET_SO_KEEPALIVE is probed after
 * 2 hours; a live peer answers and it stays up; a dead one is given 9
 * probes 75 s apart, then the connection is reset with ETIMEDOUT. Without
 * the option nothing is sent at all. */
static unsigned keep_probes;

static int count_keep(struct node *from, const uint8_t *seg, size_t len)
{
	if (from == &A && seg_flags(seg) == 0x10 && seg_datalen(seg, len) == 0)
		keep_probes++;
	return 0;
}

TEST(keepalive)
{
	sim_init(44);
	link_cfg.delay = 10;
	struct tcp_conn *c, *s;
	sim_connect(&c, &s, 80);
	sim_wait(1000);
	CHECK_EQ(tcp_next_timer(A.s), -1);      /* nothing without it */
	CHECK_EQ(tcp_setopt(c, NET_SO_KEEPALIVE, 1), 0);
	CHECK_EQ(tcp_getopt(c, NET_SO_KEEPALIVE), 1);
	keep_probes = 0;
	sim_filter = count_keep;
	unsigned b_sent = B.sent;
	sim_wait(7200u * 1000 - 1000);
	CHECK_EQ(keep_probes, 0);
	sim_wait(2000);
	CHECK_EQ(keep_probes, 1);
	CHECK_EQ(B.sent, b_sent + 1);           /* the answer */
	CHECK_EQ(tcp_state(c), TCP_ESTABLISHED);
	link_cfg.cut = 1;
	keep_probes = 0;
	sim_wait(7200u * 1000 + 8 * 75000 + 1000);
	CHECK_EQ(keep_probes, 9);
	CHECK_EQ(tcp_state(c), TCP_ESTABLISHED);
	sim_wait(75000);
	CHECK_EQ(tcp_state(c), TCP_CLOSED);
	CHECK_EQ(tcp_error(c), -ETIMEDOUT);
	CHECK_EQ(STAT(A, tcp_rst_tx), 1);
	CHECK_EQ(tcp_state(s), TCP_ESTABLISHED);
	sim_fini();
}

/* A FIN that overtakes a lost segment waits for it: the stream ends
 * after every byte, in order. */
static int drop_first_data(struct node *from, const uint8_t *seg,
    size_t len)
{
	if (!dropped_one && from == &A && seg_datalen(seg, len) > 0) {
		dropped_one = 1;
		return 1;
	}
	return 0;
}

TEST(fin_out_of_order)
{
	sim_init(45);
	link_cfg.delay = 10;
	struct tcp_conn *c, *s;
	sim_connect(&c, &s, 80);
	CHECK_EQ(tcp_setopt(c, NET_TCP_NODELAY, 1), 0);
	dropped_one = 0;
	sim_filter = drop_first_data;
	uint8_t data[2920];
	for (unsigned i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t) (i * 7);
	CHECK_EQ(tcp_send(c, data, sizeof(data)), (int) sizeof(data));
	CHECK_EQ(tcp_shutdown(c, NET_SHUT_WR), 0);
	sim_wait(15);                   /* the second segment and the FIN */
	CHECK_EQ(dropped_one, 1);
	CHECK_EQ(tcp_state(s), TCP_ESTABLISHED);
	char buf[4000];
	CHECK_EQ(tcp_recv(s, buf, sizeof(buf)), -EAGAIN);
	CHECK(STAT(B, tcp_out_of_order) >= 1);
	sim_wait(2000);                 /* the first one again */
	CHECK_EQ(tcp_state(s), TCP_CLOSE_WAIT);
	CHECK_EQ(tcp_recv(s, buf, sizeof(buf)), (int) sizeof(data));
	CHECK(memcmp(buf, data, sizeof(data)) == 0);
	CHECK_EQ(tcp_recv(s, buf, sizeof(buf)), 0);
	CHECK_EQ(tcp_state(c), TCP_FIN_WAIT_2);
	sim_fini();
}

/* tcp_destroy frees a listener and the connections it has not handed
 * out, in any order (ASan checks the memory). */
TEST(destroy_with_children)
{
	sim_init(46);
	struct tcp_conn *l = tcp_open(B.s);
	CHECK_EQ(tcp_bind(l, 0, nport(80)), 0);
	CHECK_EQ(tcp_listen(l, 4), 0);
	for (int i = 0; i < 3; i++)
		CHECK_EQ(tcp_connect(tcp_open(A.s), B.addr, nport(80)),
		    -EINPROGRESS);
	sim_wait(100);
	CHECK(tcp_poll(l) & TCP_POLL_IN);
	tcp_destroy(B.s);
	B.s = NULL;
	sim_fini();
}

/* ICMP destination unreachable: a connect fails at once (port
 * unreachable: ECONNREFUSED), unless the quoted sequence number is not
 * one it sent; an established connection keeps the error and reports it
 * when it times out. */
static uint8_t quoted[64];

static int quote_a(struct node *from, const uint8_t *seg, size_t len)
{
	(void) len;
	if (from == &A)
		memcpy(quoted, seg, 20);
	return 0;
}

TEST(icmp_unreachable)
{
	sim_init(47);
	link_cfg.cut = 1;
	sim_filter = quote_a;
	struct tcp_conn *c = tcp_open(A.s);
	CHECK_EQ(tcp_connect(c, B.addr, nport(80)), -EINPROGRESS);
	uint8_t bad[8];
	memcpy(bad, quoted, 8);
	bad[7] ^= 0x55;                 /* not our sequence number */
	CHECK_EQ(tcp_icmp_unreach(A.s, A.addr, B.addr, 3, bad, 8), -ENOENT);
	CHECK_EQ(tcp_icmp_unreach(A.s, A.addr, B.addr, 3, quoted, 7),
	    -ENOENT);
	CHECK_EQ(tcp_icmp_unreach(A.s, A.addr, ip4(10, 0, 0, 9), 3, quoted,
	    8), -ENOENT);
	CHECK_EQ(tcp_state(c), TCP_SYN_SENT);
	A.wakes = 0;
	CHECK_EQ(tcp_icmp_unreach(A.s, A.addr, B.addr, 3, quoted, 8), 0);
	CHECK_EQ(tcp_state(c), TCP_CLOSED);
	CHECK(A.wakes > 0);
	CHECK_EQ(tcp_error(c), -ECONNREFUSED);
	tcp_close(c);
	/* Established: a host unreachable is only remembered. */
	link_cfg.cut = 0;
	struct tcp_conn *s;
	sim_connect(&c, &s, 80);
	link_cfg.cut = 1;
	CHECK_EQ(tcp_send(c, "lost", 4), 4);
	CHECK_EQ(tcp_icmp_unreach(A.s, A.addr, B.addr, 1, quoted, 8), 0);
	CHECK_EQ(tcp_state(c), TCP_ESTABLISHED);
	CHECK_EQ(tcp_error(c), 0);
	sim_wait(30 * 60 * 1000);
	CHECK_EQ(tcp_state(c), TCP_CLOSED);
	CHECK_EQ(tcp_error(c), -EHOSTUNREACH);
	sim_fini();
}
