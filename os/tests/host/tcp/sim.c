/* The simulated link and the transfers of tcp_host.c: see sim.h. */
#include "tcp_errno.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sim.h"

struct node A = { .name = "A" }, B = { .name = "B" };
struct link_cfg link_cfg;
uint32_t sim_now;
int (*sim_filter)(struct node *from, const uint8_t *seg, size_t len);

/* A segment in flight. */
struct pkt {
	uint32_t at;                    /* when it arrives */
	unsigned order;                 /* ties: in sending order */
	struct node *to;
	uint32_t src, dst;
	size_t len;
	struct pkt *next;
	uint8_t data[];
};
static struct pkt *flight;             /* sorted by (at, order) */
static unsigned next_order;
static uint32_t rng;

/* rnd: the next number of the seeded generator (xorshift32). */
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static int chance(unsigned per_mille)
{
	return per_mille && rnd() % 1000 < per_mille;
}

uint32_t ip4(int a, int b, int c, int d)
{
	uint8_t x[4] = { (uint8_t) a, (uint8_t) b, (uint8_t) c, (uint8_t) d };
	uint32_t v;
	memcpy(&v, x, 4);
	return v;
}

uint16_t nport(uint16_t h)
{
	uint8_t x[2] = { (uint8_t) (h >> 8), (uint8_t) h };
	uint16_t v;
	memcpy(&v, x, 2);
	return v;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 |
	    (uint32_t) p[2] << 8 | p[3];
}

uint32_t seg_seq(const uint8_t *seg) { return get32(seg + 4); }
uint32_t seg_ack(const uint8_t *seg) { return get32(seg + 8); }
unsigned seg_flags(const uint8_t *seg) { return seg[13] & 0x3f; }
uint32_t seg_datalen(const uint8_t *seg, size_t len)
{
	return (uint32_t) len - (uint32_t) (seg[12] >> 4) * 4;
}

/* enqueue: put a copy of SEG in flight to TO, arriving at AT. */
static void enqueue(struct node *to, uint32_t src, uint32_t dst,
    const void *seg, size_t len, uint32_t at)
{
	struct pkt *p = malloc(sizeof(*p) + len);
	p->at = at;
	p->order = next_order++;
	p->to = to;
	p->src = src;
	p->dst = dst;
	p->len = len;
	memcpy(p->data, seg, len);
	struct pkt **q = &flight;
	while (*q && (int32_t) ((*q)->at - at) <= 0)
		q = &(*q)->next;
	p->next = *q;
	*q = p;
}

/* out: ops->output of both nodes: the filter, then the link. */
static int out(void *ctx, uint32_t src, uint32_t dst, const void *seg,
    size_t len)
{
	struct node *from = ctx, *to = from == &A ? &B : &A;
	from->sent++;
	if (getenv("TCP_TRACE")) {
		const uint8_t *b = seg;
		fprintf(stderr, "%u %s seq %u ack %u fl %02x len %u wnd %u\n",
		    sim_now, from->name, seg_seq(b), seg_ack(b), seg_flags(b),
		    seg_datalen(b, len), (unsigned) (b[14] << 8 | b[15]));
	}
	if (sim_filter && sim_filter(from, seg, len))
		return 0;
	if (link_cfg.cut || chance(link_cfg.loss))
		return 0;
	uint32_t at = sim_now + link_cfg.delay;
	if (chance(link_cfg.reorder))
		at += 1 + rnd() % (link_cfg.jitter + 1);
	enqueue(to, src, dst, seg, len, at);
	if (chance(link_cfg.dup))
		enqueue(to, src, dst, seg, len,
		    at + rnd() % (link_cfg.jitter + 1));
	return 0;
}

static uint32_t now(void *ctx)
{
	(void) ctx;
	return sim_now;
}

static uint32_t source(void *ctx, uint32_t dst)
{
	struct node *n = ctx;
	return dst == A.addr || dst == B.addr ? n->addr : 0;
}

static void wake(void *ctx, struct tcp_conn *c, unsigned events)
{
	struct node *n = ctx;
	(void) c;
	(void) events;
	n->wakes++;
}

static const struct tcp_ops ops = { out, now, source, wake };

/* sim_init: see sim.h. */
void sim_init(uint32_t seed)
{
	sim_fini();
	memset(&link_cfg, 0, sizeof(link_cfg));
	sim_filter = NULL;
	sim_now = 1000;
	rng = seed * 2654435761u + 1;
	struct node *n[2] = { &A, &B };
	for (int i = 0; i < 2; i++) {
		memset(&n[i]->st, 0, sizeof(n[i]->st));
		n[i]->addr = ip4(10, 0, 0, i + 1);
		n[i]->sent = n[i]->wakes = 0;
		n[i]->s = tcp_create(&ops, n[i], &n[i]->st, seed + 17 * i);
	}
}

/* sim_fini: see sim.h. */
void sim_fini(void)
{
	while (flight) {
		struct pkt *p = flight;
		flight = p->next;
		free(p);
	}
	if (A.s)
		tcp_destroy(A.s);
	if (B.s)
		tcp_destroy(B.s);
	A.s = B.s = NULL;
}

/* sim_inject: see sim.h. */
void sim_inject(struct node *to, const void *seg, size_t len)
{
	struct node *from = to == &A ? &B : &A;
	tcp_input(to->s, from->addr, to->addr, seg, len);
}

/* deliver_due: hand every segment due by now to its node. */
static void deliver_due(void)
{
	while (flight && (int32_t) (sim_now - flight->at) >= 0) {
		struct pkt *p = flight;
		flight = p->next;
		tcp_input(p->to->s, p->src, p->dst, p->data, p->len);
		free(p);
	}
}

/* next_event: ms until the next arrival or timer, -1 for none. */
static int32_t next_event(void)
{
	int32_t best = -1;
	if (flight)
		best = (int32_t) (flight->at - sim_now);
	int32_t t[2] = { tcp_next_timer(A.s), tcp_next_timer(B.s) };
	for (int i = 0; i < 2; i++)
		if (t[i] >= 0 && (best < 0 || t[i] < best))
			best = t[i];
	return best < 0 ? -1 : best;
}

/* sim_run: see sim.h. */
int sim_run(int (*step)(void *arg), void *arg, uint32_t max_ms)
{
	uint32_t end = sim_now + max_ms;
	for (;;) {
		deliver_due();
		tcp_tick(A.s);
		tcp_tick(B.s);
		int r = step ? step(arg) : 0;
		if (r < 0)
			return 1;
		if (r > 0)
			continue;
		int32_t d = next_event();
		if (d < 0)
			return 0;
		if ((int32_t) (sim_now + (uint32_t) d - end) > 0) {
			sim_now = end;
			deliver_due();
			tcp_tick(A.s);
			tcp_tick(B.s);
			return step && step(arg) < 0;
		}
		sim_now += (uint32_t) d;
	}
}

/* sim_wait: see sim.h. */
void sim_wait(uint32_t ms)
{
	uint32_t end = sim_now + ms;
	sim_run(NULL, NULL, ms);
	if ((int32_t) (end - sim_now) > 0) {
		sim_now = end;
		deliver_due();
		tcp_tick(A.s);
		tcp_tick(B.s);
	}
}

/* pattern: byte I of transfer SEED. */
static uint8_t pattern(uint32_t seed, uint32_t i)
{
	return (uint8_t) ((i * 131u + seed * 7u) ^ (i >> 9) ^ (i >> 17));
}

/* xfer_start: see sim.h. */
void xfer_start(struct xfer *x, struct tcp_conn *tx, struct tcp_conn *rx,
    uint32_t total, uint32_t seed)
{
	memset(x, 0, sizeof(*x));
	x->tx = tx;
	x->rx = rx;
	x->total = total;
	x->seed = seed;
}

/* xfer_step: see sim.h. */
int xfer_step(void *arg)
{
	struct xfer *x = arg;
	uint8_t buf[3000];
	int moved = 0;
	while (x->sent < x->total && !x->err) {
		uint32_t n = x->total - x->sent;
		if (n > sizeof(buf))
			n = sizeof(buf);
		for (uint32_t i = 0; i < n; i++)
			buf[i] = pattern(x->seed, x->sent + i);
		int r = tcp_send(x->tx, buf, n);
		if (r == -EAGAIN)
			break;
		if (r <= 0) {
			x->err = r;
			break;
		}
		x->sent += (uint32_t) r;
		moved += r;
	}
	if (x->sent == x->total && !x->shut && !x->err) {
		x->shut = 1;
		x->err = tcp_shutdown(x->tx, NET_SHUT_WR);
		moved++;
	}
	while (!x->eof && !x->noread && !x->err) {
		int r = tcp_recv(x->rx, buf, sizeof(buf));
		if (r == -EAGAIN)
			break;
		if (r < 0) {
			x->err = r;
			break;
		}
		if (r == 0) {
			x->eof = 1;
			moved++;
			break;
		}
		for (int i = 0; i < r; i++)
			if (buf[i] != pattern(x->seed, x->rcvd + (uint32_t) i))
				x->bad++;
		x->rcvd += (uint32_t) r;
		moved += r;
	}
	if (x->err)
		return -1;
	return x->eof ? -1 : moved;
}

/* xfer2_step: see sim.h. */
int xfer2_step(void *arg)
{
	struct xfer *x = arg;
	int a = x[0].eof || x[0].err ? -1 : xfer_step(&x[0]);
	int b = x[1].eof || x[1].err ? -1 : xfer_step(&x[1]);
	if (a < 0 && b < 0)
		return -1;
	return (a > 0 ? a : 0) + (b > 0 ? b : 0);
}

/* accepted: sim_connect's step: accept on the listener, finished when
 * the client is established too. */
struct accepting {
	struct tcp_conn *l, *cli, *srv;
};

static int accept_step(void *arg)
{
	struct accepting *a = arg;
	if (!a->srv && tcp_accept(a->l, &a->srv) == 0)
		return 1;
	return a->srv && tcp_state(a->cli) == TCP_ESTABLISHED ? -1 : 0;
}

/* sim_connect: see sim.h. */
void sim_connect(struct tcp_conn **cli, struct tcp_conn **srv, uint16_t port)
{
	struct accepting a = { 0 };
	a.l = tcp_open(B.s);
	if (!a.l || tcp_bind(a.l, 0, nport(port)) != 0 ||
	    tcp_listen(a.l, 4) != 0)
		FAIL("listener on port %u", port);
	a.cli = tcp_open(A.s);
	if (!a.cli || tcp_connect(a.cli, B.addr, nport(port)) != -EINPROGRESS)
		FAIL("connect to port %u", port);
	if (!sim_run(accept_step, &a, 60000))
		FAIL("no connection to port %u: client %s", port,
		    tcp_state_name(tcp_state(a.cli)));
	tcp_close(a.l);
	*cli = a.cli;
	*srv = a.srv;
}
