/* The stack: its connection blocks, their lookup by addresses and ports,
 * ports and initial sequence numbers, and the wake-ups to the socket
 * layer. */
#include <stdlib.h>
#include "tcp_internal.h"

/* tcp_create: see tcp.h. */
struct tcp_stack *tcp_create(const struct tcp_ops *ops, void *ctx,
    struct net_stats *stats, uint32_t seed)
{
	struct tcp_stack *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->ops = ops;
	s->ctx = ctx;
	s->stats = stats;
	s->seed = seed;
	s->next_port = (uint16_t) (TCP_EPHEMERAL_LO +
	    seed % (TCP_EPHEMERAL_HI - TCP_EPHEMERAL_LO + 1));
	return s;
}

/* tcp_destroy: see tcp.h. */
void tcp_destroy(struct tcp_stack *s)
{
	for (int i = 0; i < TCP_MAX_CONN; i++)  /* no listener to update */
		if (s->conns[i])
			s->conns[i]->parent = NULL;
	for (int i = 0; i < TCP_MAX_CONN; i++)
		if (s->conns[i])
			tcp_conn_free(s->conns[i]);
	free(s);
}

/* tcp_count: add one to counter WHICH (if the stack has counters). */
void tcp_count(struct tcp_stack *s, enum net_stat which)
{
	if (s->stats)
		s->stats->v[which]++;
}

/* tcp_now: the clock, in milliseconds. */
uint32_t tcp_now(struct tcp_stack *s)
{
	return s->ops->now(s->ctx);
}

/* tcp_conn_new: a zeroed block in state CLOSED in a free slot, without
 * buffers; NULL when the slots or memory are out. */
struct tcp_conn *tcp_conn_new(struct tcp_stack *s)
{
	int i;
	for (i = 0; i < TCP_MAX_CONN && s->conns[i]; i++)
		;
	if (i == TCP_MAX_CONN)
		return NULL;
	struct tcp_conn *c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->stack = s;
	c->slot = i;
	c->state = TCP_CLOSED;
	c->mss = TCP_MSS_DEFAULT;
	c->rto = TCP_RTO_INIT;
	s->conns[i] = c;
	return c;
}

/* tcp_conn_buffers: give C its send and receive rings (once). Returns 0
 * or -ENOBUFS. */
int tcp_conn_buffers(struct tcp_conn *c)
{
	if (!c->snd.buf)
		c->snd.buf = malloc(TCP_SNDBUF);
	if (!c->rcv.buf)
		c->rcv.buf = malloc(TCP_RCVBUF);
	if (!c->snd.buf || !c->rcv.buf)
		return -ENOBUFS;
	c->snd.size = TCP_SNDBUF;
	c->rcv.size = TCP_RCVBUF;
	return 0;
}

/* tcp_conn_free: release C: out of its listener's queue, its buffers,
 * its slot. The caller has dealt with a listener's children. */
void tcp_conn_free(struct tcp_conn *c)
{
	struct tcp_conn *p = c->parent;
	if (p) {
		struct tcp_conn **q = &p->accept_head;
		while (*q && *q != c)
			q = &(*q)->accept_next;
		if (*q) {
			*q = c->accept_next;
			p->wake = 1;    /* it may have nothing to accept now */
		}
		p->children--;
	}
	c->stack->conns[c->slot] = NULL;
	free(c->snd.buf);
	free(c->rcv.buf);
	free(c);
}

/* tcp_lookup: the block a segment to LADDR:LPORT from RADDR:RPORT
 * belongs to: the connection with those four, else a listener on LPORT
 * (bound to LADDR before one bound to any address), else NULL. */
struct tcp_conn *tcp_lookup(struct tcp_stack *s, uint32_t laddr,
    uint16_t lport, uint32_t raddr, uint16_t rport)
{
	struct tcp_conn *any = NULL;
	for (int i = 0; i < TCP_MAX_CONN; i++) {
		struct tcp_conn *c = s->conns[i];
		if (!c || c->lport != lport)
			continue;
		if (c->state == TCP_LISTEN) {
			if (c->laddr == laddr)
				any = c;
			else if (c->laddr == 0 && !any)
				any = c;
		} else if (c->state != TCP_CLOSED && c->laddr == laddr &&
		    c->raddr == raddr && c->rport == rport) {
			return c;
		}
	}
	return any;
}

/* mix: a 32-bit integer hash step (not cryptographic: makes sequence
 * numbers hard to guess for a casual attacker, as RFC 6528 wants, not
 * for a determined one). */
static uint32_t mix(uint32_t h, uint32_t v)
{
	h ^= v;
	h *= 0x9e3779b1u;
	h ^= h >> 15;
	h *= 0x85ebca77u;
	h ^= h >> 13;
	return h;
}

/* tcp_new_iss: the initial send sequence number for C's four addresses
 * and ports (RFC 6528: a 4 us clock plus a keyed hash). */
uint32_t tcp_new_iss(struct tcp_stack *s, const struct tcp_conn *c)
{
	uint32_t h = mix(s->seed, c->laddr);
	h = mix(h, c->raddr);
	h = mix(h, ((uint32_t) c->lport << 16) | c->rport);
	return tcp_now(s) * 250u + h;
}

/* tcp_port_free: whether block C may use local ADDR:PORT: no other
 * block has it (the same address, or either is any), unless C has
 * NET_SO_REUSEADDR and that block is not listening. */
int tcp_port_free(struct tcp_stack *s, const struct tcp_conn *c,
    uint32_t addr, uint16_t port)
{
	for (int i = 0; i < TCP_MAX_CONN; i++) {
		struct tcp_conn *d = s->conns[i];
		if (!d || d == c || !d->bound || d->lport != port)
			continue;
		if (d->laddr != addr && d->laddr != 0 && addr != 0)
			continue;
		if (c->reuseaddr && d->state != TCP_LISTEN)
			continue;
		return 0;
	}
	return 1;
}

/* tcp_pick_port: bind C (unbound) to a free ephemeral port on its
 * address. Returns 0 or -EADDRINUSE when all are taken. */
int tcp_pick_port(struct tcp_conn *c)
{
	struct tcp_stack *s = c->stack;
	uint32_t n = TCP_EPHEMERAL_HI - TCP_EPHEMERAL_LO + 1;
	for (uint32_t i = 0; i < n; i++) {
		uint16_t port = s->next_port;
		s->next_port = port == TCP_EPHEMERAL_HI ? TCP_EPHEMERAL_LO :
		    (uint16_t) (port + 1);
		if (tcp_port_free(s, c, c->laddr, net16(port))) {
			c->lport = net16(port);
			c->bound = 1;
			return 0;
		}
	}
	return -EADDRINUSE;
}

/* tcp_deliver_wakeups: call ops->wake for every block whose readiness
 * may have changed (not orphans). The handler may close or open blocks:
 * the slots are read afresh each time. */
void tcp_deliver_wakeups(struct tcp_stack *s)
{
	for (int i = 0; i < TCP_MAX_CONN; i++) {
		struct tcp_conn *c = s->conns[i];
		if (!c || !c->wake)
			continue;
		c->wake = 0;
		if (c->orphan || !s->ops->wake || c->parent)
			continue;
		s->ops->wake(s->ctx, c, tcp_poll(c));
	}
}

/* tcp_tick: see tcp.h. */
void tcp_tick(struct tcp_stack *s)
{
	uint32_t now = tcp_now(s);
	for (int i = 0; i < TCP_MAX_CONN; i++)
		if (s->conns[i])
			tcp_timers_run(s->conns[i], now);
	tcp_deliver_wakeups(s);
}

/* earliest: fold timer T into *BEST, the milliseconds until the
 * earliest deadline so far (-1: none yet). */
static void earliest(const struct tcp_timer *t, uint32_t now, int32_t *best)
{
	if (!t->on)
		return;
	int32_t d = (int32_t) (t->at - now);
	if (d < 0)
		d = 0;
	if (*best < 0 || d < *best)
		*best = d;
}

/* tcp_next_timer: see tcp.h. */
int32_t tcp_next_timer(struct tcp_stack *s)
{
	uint32_t now = tcp_now(s);
	int32_t best = -1;
	for (int i = 0; i < TCP_MAX_CONN; i++) {
		struct tcp_conn *c = s->conns[i];
		if (!c)
			continue;
		earliest(&c->rexmt, now, &best);
		earliest(&c->delack, now, &best);
		earliest(&c->linger, now, &best);
		earliest(&c->keep, now, &best);
	}
	return best;
}
