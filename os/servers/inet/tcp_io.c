/* The socket layer's calls on a connection: send, recv, shutdown, close,
 * abort, readiness, errors, names and figures. */
#include "tcp_internal.h"

/* take_error: C's pending error, cleared. */
static int take_error(struct tcp_conn *c)
{
	int e = c->error;
	c->error = 0;
	return e;
}

/* tcp_error: see tcp.h. */
int tcp_error(struct tcp_conn *c)
{
	return take_error(c);
}

/* tcp_send: see tcp.h. */
int tcp_send(struct tcp_conn *c, const void *buf, size_t len)
{
	if (len == 0)
		return 0;
	if (c->error)
		return take_error(c);
	if (c->state == TCP_LISTEN ||
	    (c->state == TCP_CLOSED && !c->was_connected))
		return -ENOTCONN;
	if (c->shut_wr)
		return -EPIPE;
	if (c->state == TCP_SYN_SENT || c->state == TCP_SYN_RCVD)
		return -EAGAIN;
	if (c->state != TCP_ESTABLISHED && c->state != TCP_CLOSE_WAIT)
		return -EPIPE;
	if (len > 0x7fffffff)
		len = 0x7fffffff;
	uint32_t n = ring_write(&c->snd, buf, (uint32_t) len);
	if (n == 0)
		return -EAGAIN;
	tcp_output(c);
	return (int) n;
}

/* tcp_recv: see tcp.h. Reading opens the window: an update goes out when
 * it grew by two segments or half the buffer (RFC 1122 4.2.3.3). */
int tcp_recv(struct tcp_conn *c, void *buf, size_t len)
{
	if (c->state == TCP_LISTEN)
		return -ENOTCONN;
	if (c->rcv.len > 0 && len > 0) {
		uint32_t n = ring_read(&c->rcv, buf,
		    len > 0x7fffffff ? 0x7fffffff : (uint32_t) len);
		uint32_t cur = SEQ_GT(c->rcv_adv, c->rcv_nxt) ?
		    c->rcv_adv - c->rcv_nxt : 0;
		uint32_t room = ring_room(&c->rcv);
		if (room > TCP_WIN_MAX)
			room = TCP_WIN_MAX;
		if (!c->fin_rcvd && room > cur &&
		    (room - cur >= 2 * c->mss || room - cur >= c->rcv.size / 2)) {
			c->ack_now = 1;
			tcp_output(c);
		}
		return (int) n;
	}
	if (c->error)
		return take_error(c);
	if (c->fin_rcvd || c->shut_rd)
		return 0;
	if (c->state == TCP_CLOSED)
		return c->was_connected || c->ended ? 0 : -ENOTCONN;
	return -EAGAIN;
}

/* tcp_shutdown: see tcp.h. */
int tcp_shutdown(struct tcp_conn *c, int how)
{
	if (how != NET_SHUT_RD && how != NET_SHUT_WR && how != NET_SHUT_RDWR)
		return -EINVAL;
	if (c->state == TCP_LISTEN || c->state == TCP_SYN_SENT ||
	    (c->state == TCP_CLOSED && !c->was_connected))
		return -ENOTCONN;
	if (how != NET_SHUT_WR) {
		c->shut_rd = 1;
		if (c->rcv.len)
			ring_drop(&c->rcv, c->rcv.len);
		c->n_ooo = 0;
	}
	if (how != NET_SHUT_RD)
		c->shut_wr = 1;
	tcp_output(c);
	return 0;
}

/* reset_children: listener L goes away: reset and free the connections
 * it had not handed out. */
static void reset_children(struct tcp_conn *l)
{
	for (int i = 0; i < TCP_MAX_CONN; i++) {
		struct tcp_conn *d = l->stack->conns[i];
		if (d && d->parent == l) {
			tcp_send_segment(d, d->snd_nxt, TH_RST, 0, 0);
			tcp_conn_free(d);
		}
	}
}

/* tcp_abort: see tcp.h. */
void tcp_abort(struct tcp_conn *c)
{
	if (c->state == TCP_LISTEN)
		reset_children(c);
	else if (tcp_synchronized(c))
		tcp_send_segment(c, c->snd_nxt, TH_RST, 0, 0);
	tcp_conn_free(c);
}

/* tcp_close: see tcp.h. */
void tcp_close(struct tcp_conn *c)
{
	if (c->state == TCP_LISTEN || c->state == TCP_CLOSED ||
	    c->state == TCP_SYN_SENT || (c->state == TCP_SYN_RCVD) ||
	    c->rcv.len > 0) {
		tcp_abort(c);
		return;
	}
	c->orphan = 1;
	c->user = NULL;
	c->shut_wr = 1;
	if (c->state == TCP_FIN_WAIT_2)
		tcp_timer_set(c, &c->linger, TCP_FIN_WAIT2_MAX);
	tcp_output(c);
}

/* tcp_poll: see tcp.h. */
unsigned tcp_poll(const struct tcp_conn *c)
{
	if (c->state == TCP_LISTEN)
		return c->accept_head ? TCP_POLL_IN : 0;
	unsigned ev = 0;
	if (c->error)
		ev |= TCP_POLL_ERR | TCP_POLL_IN | TCP_POLL_OUT;
	if (c->rcv.len > 0 || c->fin_rcvd || c->shut_rd)
		ev |= TCP_POLL_IN;
	if ((c->state == TCP_ESTABLISHED || c->state == TCP_CLOSE_WAIT) &&
	    !c->shut_wr && ring_room(&c->snd) > 0)
		ev |= TCP_POLL_OUT;
	if (c->state == TCP_CLOSED && c->ended)
		ev |= TCP_POLL_IN | TCP_POLL_OUT | TCP_POLL_HUP;
	if ((c->fin_rcvd || c->shut_rd) && c->shut_wr)
		ev |= TCP_POLL_HUP;
	return ev;
}

/* tcp_state: see tcp.h. */
int tcp_state(const struct tcp_conn *c)
{
	return c->state;
}

/* tcp_local, tcp_peer: see tcp.h. */
void tcp_local(const struct tcp_conn *c, uint32_t *addr, uint16_t *port)
{
	if (addr)
		*addr = c->laddr;
	if (port)
		*port = c->lport;
}

int tcp_peer(const struct tcp_conn *c, uint32_t *addr, uint16_t *port)
{
	if (c->raddr == 0 || c->state == TCP_LISTEN)
		return -ENOTCONN;
	if (addr)
		*addr = c->raddr;
	if (port)
		*port = c->rport;
	return 0;
}

/* tcp_info: see tcp.h. */
void tcp_info(const struct tcp_conn *c, struct tcp_info *info)
{
	memset(info, 0, sizeof(*info));
	info->state = c->state;
	info->srtt = c->srtt8 >> 3;
	info->rttvar = c->rttvar4 >> 2;
	info->rto = tcp_rto_now(c);
	info->rtt_samples = c->rtt_samples;
	info->cwnd = c->cwnd;
	info->ssthresh = c->ssthresh;
	info->snd_wnd = c->snd_wnd;
	info->mss = c->mss;
	info->unacked = c->snd_max - c->snd_una;
	info->queued = c->snd.len;
	info->readable = c->rcv.len;
	info->timeouts = c->timeouts;
	info->fast_retransmits = c->fast_retransmits;
	info->backoff = c->backoff;
	info->ooo_segments = (uint32_t) c->n_ooo;
}
