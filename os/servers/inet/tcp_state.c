/* State changes shared by input, timers and the socket calls: reaching
 * ESTABLISHED, TIME_WAIT, and the end of a connection. */
#include "tcp_internal.h"

static const char *const names[] = {
	"CLOSED", "LISTEN", "SYN_SENT", "SYN_RCVD", "ESTABLISHED",
	"FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING", "LAST_ACK",
	"TIME_WAIT"
};

/* tcp_state_name: see tcp.h. */
const char *tcp_state_name(int state)
{
	if (state < 0 || state >= (int) (sizeof(names) / sizeof(names[0])))
		return "?";
	return names[state];
}

/* tcp_set_state: C is now in STATE; its readiness may have changed. */
void tcp_set_state(struct tcp_conn *c, int state)
{
	c->state = state;
	c->wake = 1;
}

/* tcp_synchronized: whether C has exchanged SYNs (a reset to it must
 * carry a sequence number the peer accepts). */
int tcp_synchronized(const struct tcp_conn *c)
{
	return c->state >= TCP_SYN_RCVD && c->state != TCP_TIME_WAIT;
}

/* tcp_established: C's handshake is done: the first congestion window
 * (RFC 5681: 2 to 4 segments by the MSS), the wake-ups; a connection
 * from a listener joins its accept queue. */
void tcp_established(struct tcp_conn *c)
{
	tcp_set_state(c, TCP_ESTABLISHED);
	c->was_connected = 1;
	c->connecting = 0;
	c->cwnd = c->mss > 2190 ? 2 * c->mss : c->mss > 1095 ? 3 * c->mss :
	    4 * c->mss;
	c->ssthresh = 0x7fffffff;
	c->backoff = 0;
	tcp_keep_heard(c);
	struct tcp_conn *l = c->parent;
	if (l) {
		struct tcp_conn **q = &l->accept_head;
		while (*q)
			q = &(*q)->accept_next;
		*q = c;
		c->accept_next = NULL;
		l->wake = 1;
	}
}

/* tcp_enter_time_wait: C waits 2 MSL for stray segments (and to ACK a
 * FIN again); nothing else is outstanding. */
void tcp_enter_time_wait(struct tcp_conn *c)
{
	tcp_set_state(c, TCP_TIME_WAIT);
	c->rexmt.on = 0;
	c->persist = 0;
	c->delack.on = 0;
	c->keep.on = 0;
	tcp_timer_set(c, &c->linger, 2 * TCP_MSL);
}

/* tcp_drop: the connection is over (reset, timed out, refused, or a
 * LAST_ACK acknowledged): CLOSED with ERROR pending (0: none); a block
 * nobody will close (an orphan, or a connection its listener has not
 * handed out) is freed. The caller must not use C afterwards unless it
 * knows C is the socket layer's. */
void tcp_drop(struct tcp_conn *c, int error)
{
	tcp_set_state(c, TCP_CLOSED);
	c->ended = 1;
	c->connecting = 0;
	if (error)
		c->error = error;
	c->rexmt.on = c->delack.on = c->linger.on = c->keep.on = 0;
	c->persist = 0;
	if (c->orphan || c->parent)
		tcp_conn_free(c);
}
