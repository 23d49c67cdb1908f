/* Host test of the TCP engine (os/servers/inet/tcp*.c): two engines over
 * the simulated link of sim.c, one kit case per behaviour. This file:
 * the handshake, close states and TIME_WAIT, resets, the backlog, ports.
 * Run by os/tests/test_tcp_host.py (the suite: main.c). */
#include "tcp_errno.h"
#include <stdio.h>
#include <string.h>
#include "sim.h"

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
