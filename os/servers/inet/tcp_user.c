/* The socket layer's calls that set a connection up: open, options,
 * bind, listen, accept, connect. */
#include "tcp_internal.h"

/* tcp_open: see tcp.h. */
struct tcp_conn *tcp_open(struct tcp_stack *s)
{
	return tcp_conn_new(s);
}

/* tcp_set_user, tcp_user: see tcp.h. */
void tcp_set_user(struct tcp_conn *c, void *user)
{
	c->user = user;
}

void *tcp_user(const struct tcp_conn *c)
{
	return c->user;
}

/* opt: the field of C behind option NAME, or NULL. */
static int *opt(struct tcp_conn *c, int name)
{
	switch (name) {
	case NET_SO_REUSEADDR: return &c->reuseaddr;
	case NET_SO_KEEPALIVE: return &c->keepalive;
	case NET_TCP_NODELAY:  return &c->nodelay;
	}
	return NULL;
}

/* tcp_setopt, tcp_getopt: see tcp.h. */
int tcp_setopt(struct tcp_conn *c, int name, int value)
{
	int *p = opt(c, name);
	if (!p)
		return -ENOPROTOOPT;
	*p = value != 0;
	if (name == NET_TCP_NODELAY && value)
		tcp_output(c);          /* what Nagle held goes now */
	if (name == NET_SO_KEEPALIVE)
		tcp_keep_heard(c);
	return 0;
}

int tcp_getopt(const struct tcp_conn *c, int name)
{
	int *p = opt((struct tcp_conn *) c, name);
	return p ? *p : -ENOPROTOOPT;
}

/* tcp_bind: see tcp.h. */
int tcp_bind(struct tcp_conn *c, uint32_t addr, uint16_t port)
{
	if (c->bound)
		return -EINVAL;
	c->laddr = addr;
	if (port == 0)
		return tcp_pick_port(c);
	if (!tcp_port_free(c->stack, c, addr, port))
		return -EADDRINUSE;
	c->lport = port;
	c->bound = 1;
	return 0;
}

/* tcp_listen: see tcp.h. A second listener on the same address and
 * port is refused even with NET_SO_REUSEADDR (-EADDRINUSE). */
int tcp_listen(struct tcp_conn *c, int backlog)
{
	if (backlog < 1)
		backlog = 1;
	if (backlog > TCP_BACKLOG_MAX)
		backlog = TCP_BACKLOG_MAX;
	if (c->state == TCP_LISTEN) {
		c->backlog = backlog;
		return 0;
	}
	if (c->state != TCP_CLOSED || c->was_connected || c->ended)
		return -EINVAL;
	if (!c->bound) {
		int r = tcp_pick_port(c);
		if (r < 0)
			return r;
	}
	for (int i = 0; i < TCP_MAX_CONN; i++) {
		struct tcp_conn *d = c->stack->conns[i];
		if (d && d != c && d->state == TCP_LISTEN &&
		    d->lport == c->lport &&
		    (d->laddr == c->laddr || !d->laddr || !c->laddr))
			return -EADDRINUSE;
	}
	c->backlog = backlog;
	tcp_set_state(c, TCP_LISTEN);
	c->wake = 0;
	return 0;
}

/* tcp_accept: see tcp.h. */
int tcp_accept(struct tcp_conn *l, struct tcp_conn **newc)
{
	if (l->state != TCP_LISTEN)
		return -EINVAL;
	struct tcp_conn *c = l->accept_head;
	if (!c)
		return -EAGAIN;
	l->accept_head = c->accept_next;
	c->accept_next = NULL;
	c->parent = NULL;
	l->children--;
	*newc = c;
	return 0;
}

/* tuple_taken: whether a block other than C has C's four addresses and
 * ports in a state that receives segments. */
static int tuple_taken(const struct tcp_conn *c)
{
	for (int i = 0; i < TCP_MAX_CONN; i++) {
		struct tcp_conn *d = c->stack->conns[i];
		if (d && d != c && d->state != TCP_CLOSED &&
		    d->state != TCP_LISTEN && d->lport == c->lport &&
		    d->laddr == c->laddr && d->raddr == c->raddr &&
		    d->rport == c->rport)
			return 1;
	}
	return 0;
}

/* tcp_connect: see tcp.h. A block whose connect failed may connect
 * again. */
int tcp_connect(struct tcp_conn *c, uint32_t addr, uint16_t port)
{
	struct tcp_stack *s = c->stack;
	if (c->state == TCP_SYN_SENT || (c->state == TCP_SYN_RCVD &&
	    c->connecting))
		return -EALREADY;
	if (c->state == TCP_LISTEN)
		return -EINVAL;
	if (c->state != TCP_CLOSED)
		return -EISCONN;
	if (c->was_connected)
		return -EINVAL;
	if (addr == 0 || port == 0)
		return -EINVAL;
	uint32_t src = s->ops->source(s->ctx, addr);
	if (src == 0)
		return -ENETUNREACH;
	if (c->laddr == 0)
		c->laddr = src;
	if (!c->bound) {
		int r = tcp_pick_port(c);
		if (r < 0)
			return r;
	}
	c->raddr = addr;
	c->rport = port;
	if (tuple_taken(c))
		return -EADDRINUSE;
	if (tcp_conn_buffers(c) < 0)
		return -ENOBUFS;
	c->snd.head = c->snd.len = c->rcv.head = c->rcv.len = 0;
	c->n_ooo = 0;
	c->error = c->soft_error = 0;
	c->ended = 0;
	c->fin_sent = c->fin_rcvd = c->ooo_fin = 0;
	c->backoff = 0;
	c->rto = TCP_RTO_INIT;
	c->rtt_samples = 0;
	c->rtt_timing = 0;
	c->iss = tcp_new_iss(s, c);
	c->snd_una = c->snd_nxt = c->snd_max = c->iss;
	c->snd_buf_seq = c->iss + 1;
	c->snd_wnd = 0;
	c->cwnd = c->mss;
	c->connecting = 1;
	tcp_set_state(c, TCP_SYN_SENT);
	c->wake = 0;
	tcp_output(c);
	return -EINPROGRESS;
}
