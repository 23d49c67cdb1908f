/* TCP sockets: the socket layer over the TCP engine (tcp.h). Each TCP
 * socket holds one connection block (its user pointer is the socket's
 * index + 1). Reads, writes, connects and accepts that cannot finish at
 * once wait in the socket (sock_wait) and are carried on from the
 * engine's wake-ups: a blocking write completes only when every byte is
 * in the send buffer, a read as soon as there are bytes. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "inet.h"
#include "tcp.h"

#define IP_PROTO_TCP 6
#define TCPG_CHUNK   4096          /* bytes per copy (VFS's chunk) */

static struct tcp_stack *stack;
static uint8_t buf[TCPG_CHUNK];

/* ---- the engine's callbacks ------------------------------------------- */

/* cb_output: a segment for IP. */
static int cb_output(void *ctx, uint32_t src, uint32_t dst, const void *seg,
    size_t len)
{
	(void) ctx;
	return ip_output(IP_PROTO_TCP, src, dst, seg, len);
}

/* cb_now: inet's clock. */
static uint32_t cb_now(void *ctx)
{
	(void) ctx;
	return inet_now;
}

/* cb_source: our address towards DST; 0 when the interface is down or
 * unconfigured and DST is not ourselves. */
static uint32_t cb_source(void *ctx, uint32_t dst)
{
	(void) ctx;
	if (inet_is_local(dst))
		return ip_src_for(dst);
	if (!(inet_if.flags & NET_IF_UP) || inet_if.addr == 0)
		return 0;
	return inet_if.addr;
}

static void cb_wake(void *ctx, struct tcp_conn *c, unsigned events);

static const struct tcp_ops ops = {
	.output = cb_output, .now = cb_now, .source = cb_source,
	.wake = cb_wake,
};

/* get_stack: the stack, made at first use (seeded from the clock and the
 * interface). NULL when out of memory. */
static struct tcp_stack *get_stack(void)
{
	if (!stack)
		stack = tcp_create(&ops, NULL, &inet_stats,
		    inet_now * 2654435761u ^ inet_if.addr ^ 0x5eed1e55u);
	return stack;
}

/* conn: socket I's connection block. */
static struct tcp_conn *conn(int i)
{
	return inet_socks[i].tcb;
}

/* ---- data ------------------------------------------------------------ */

/* try_read: take up to SIZE bytes into GRANT (RECVFROM: into its struct
 * net_dgram, with the length and the peer). Returns bytes (RECVFROM: 0),
 * 0 (end of stream), -EAGAIN (nothing yet: wait), or an error. A
 * connection still in its handshake has nothing yet. */
static int try_read(int i, uint32_t grant, size_t size, int recvfrom)
{
	struct tcp_conn *c = conn(i);
	size_t n = size < TCPG_CHUNK ? size : TCPG_CHUNK;
	int r = tcp_recv(c, buf, n);
	if (r == -ENOTCONN && (tcp_state(c) == TCP_SYN_SENT ||
	    tcp_state(c) == TCP_SYN_RCVD))
		return -EAGAIN;
	if (r < 0)
		return r;
	if (!recvfrom)
		return chardriver_copyout(grant, 0, buf, (size_t) r) ? -EFAULT :
		    r;
	struct net_sockaddr_in peer = { .family = NET_AF_INET };
	tcp_peer(c, &peer.addr, &peer.port);
	uint32_t len = (uint32_t) r;
	if (chardriver_copyout(grant, offsetof(struct net_dgram, data), buf,
	    len) || chardriver_copyout(grant, offsetof(struct net_dgram, len),
	    &len, sizeof(len)) || chardriver_copyout(grant,
	    offsetof(struct net_dgram, addr), &peer, sizeof(peer)))
		return -EFAULT;
	return 0;
}

/* try_write: put bytes *DONE.. of the SIZE at offset OFF of GRANT into
 * the send buffer. Returns the final status (SIZE, or the bytes taken
 * before an error, else the error), or -EAGAIN with *DONE advanced when
 * it must wait. */
static int try_write(int i, uint32_t grant, size_t off, size_t size,
    size_t *done)
{
	struct tcp_conn *c = conn(i);
	while (*done < size) {
		size_t n = size - *done < TCPG_CHUNK ? size - *done :
		    TCPG_CHUNK;
		if (chardriver_copyin(grant, off + *done, buf, n) != 0)
			return *done ? (int) *done : -EFAULT;
		int r = tcp_send(c, buf, n);
		if (r == -EAGAIN)
			return -EAGAIN;
		if (r < 0)
			return *done ? (int) *done : r;
		*done += (size_t) r;
	}
	return (int) size;
}

/* tcpg_read: see inet.h. */
int tcpg_read(int i, const struct chardriver_req *r)
{
	struct sock *s = &inet_socks[i];
	if (r->size == 0)
		return 0;
	int n = try_read(i, r->grant, r->size, 0);
	if (n != -EAGAIN)
		return n;
	if (r->flags & O_NONBLOCK)
		return -EAGAIN;
	return sock_wait(i, &s->rd, r, PEND_READ, r->size, s->rcvtimeo);
}

/* tcpg_write: see inet.h. */
int tcpg_write(int i, const struct chardriver_req *r)
{
	struct sock *s = &inet_socks[i];
	size_t done = 0;
	int n = try_write(i, r->grant, 0, r->size, &done);
	if (n != -EAGAIN)
		return n;
	if (r->flags & O_NONBLOCK)
		return done ? (int) done : -EAGAIN;
	int w = sock_wait(i, &s->wr, r, PEND_WRITE, r->size, s->sndtimeo);
	if (w == CDEV_SUSPEND)
		s->wr.done = done;
	return w;
}

/* ---- connections ------------------------------------------------------- */

/* try_accept: give socket I the oldest connection of listener L. Returns
 * 0 (the peer written to GRANT's struct net_accept when GRANT is not 0),
 * -EAGAIN, or an error. */
static int try_accept(int i, int l, uint32_t grant)
{
	struct tcp_conn *nc;
	int r = tcp_accept(conn(l), &nc);
	if (r != 0)
		return r;
	tcp_close(conn(i));                 /* the fresh clone's own block */
	inet_socks[i].tcb = nc;
	tcp_set_user(nc, (void *) (uintptr_t) (i + 1));
	struct net_sockaddr_in peer = { .family = NET_AF_INET };
	tcp_peer(nc, &peer.addr, &peer.port);
	if (grant && chardriver_copyout(grant, offsetof(struct net_accept,
	    peer), &peer, sizeof(peer)) != 0)
		return -EFAULT;
	return 0;
}

/* do_accept: NIOCACCEPT on the fresh clone I. */
static int do_accept(int i, const struct chardriver_req *r)
{
	struct net_accept a;
	if (chardriver_copyin(r->grant, 0, &a, sizeof(a)) != 0)
		return -EFAULT;
	struct sock *l = sock_get(a.listener);
	if (!l || l->type != SOCK_TCP || !l->listening ||
	    l == &inet_socks[i])
		return -EINVAL;
	int li = a.listener - NET_MINOR_FIRST_SOCKET;
	int e = try_accept(i, li, r->grant);
	if (e != -EAGAIN)
		return e;
	if (a.nonblock)
		return -EAGAIN;
	struct sock *s = &inet_socks[i];
	e = sock_wait(i, &s->rd, r, PEND_ACCEPT, 0, l->rcvtimeo);
	if (e == CDEV_SUSPEND)
		s->rd.listener = li;
	return e;
}

/* do_connect: NIOCCONNECT. */
static int do_connect(int i, const struct chardriver_req *r)
{
	struct net_sockaddr_in a;
	if (chardriver_copyin(r->grant, 0, &a, sizeof(a)) != 0)
		return -EFAULT;
	if (a.family != NET_AF_INET)
		return -EAFNOSUPPORT;
	if (a.addr == 0 || a.port == 0)
		return -EINVAL;
	int e = tcp_connect(conn(i), a.addr, a.port);
	if (e != -EINPROGRESS)
		return e;
	if (r->flags & O_NONBLOCK)
		return -EINPROGRESS;
	struct sock *s = &inet_socks[i];
	return sock_wait(i, &s->wr, r, PEND_CONNECT, 0, s->sndtimeo);
}

/* do_bind: NIOCBIND: the engine keeps the ports (below 1024: root's). */
static int do_bind(int i, const struct chardriver_req *r)
{
	struct net_sockaddr_in a;
	if (chardriver_copyin(r->grant, 0, &a, sizeof(a)) != 0)
		return -EFAULT;
	if (a.family != NET_AF_INET)
		return -EAFNOSUPPORT;
	if (a.addr != 0 && !inet_is_local(a.addr))
		return -EADDRNOTAVAIL;
	int e = sock_port_permitted(r, a.port);
	if (e != 0)
		return e;
	e = tcp_bind(conn(i), a.addr, a.port);
	if (e == 0)
		inet_socks[i].bound = 1;
	return e;
}

/* put_addr: ADDR:PORT as R's struct net_sockaddr_in. */
static int put_addr(const struct chardriver_req *r, uint32_t addr,
    uint16_t port)
{
	struct net_sockaddr_in a = { .family = NET_AF_INET, .port = port,
	    .addr = addr };
	return chardriver_copyout(r->grant, 0, &a, sizeof(a)) ? -EFAULT : 0;
}

/* do_opt: NIOCSETOPT / NIOCGETOPT for what the engine keeps
 * (SO_REUSEADDR, SO_KEEPALIVE, TCP_NODELAY) and SO_ERROR; -ENOTTY for the
 * rest (the common code's). */
static int do_opt(int i, const struct chardriver_req *r, int set)
{
	struct net_sockopt o;
	if (chardriver_copyin(r->grant, 0, &o, sizeof(o)) != 0)
		return -EFAULT;
	int engine = (o.level == NET_SOL_SOCKET &&
	    (o.name == NET_SO_REUSEADDR || o.name == NET_SO_KEEPALIVE)) ||
	    (o.level == NET_IPPROTO_TCP && o.name == NET_TCP_NODELAY);
	if (set) {
		int32_t v = 0;
		memcpy(&v, o.value, 4);
		if (engine)
			tcp_setopt(conn(i), o.name, v != 0);
		return -ENOTTY;             /* the common code keeps it too */
	}
	int32_t v;
	if (engine)
		v = tcp_getopt(conn(i), o.name);
	else if (o.level == NET_SOL_SOCKET && o.name == NET_SO_ERROR)
		v = -tcp_error(conn(i));
	else
		return -ENOTTY;
	memset(o.value, 0, sizeof(o.value));
	memcpy(o.value, &v, 4);
	o.len = 4;
	return chardriver_copyout(r->grant, 0, &o, sizeof(o)) ? -EFAULT : 0;
}

/* do_sendto: NIOCSENDTO on a connection: send (the address is ignored,
 * as sendto(2) on a stream does); waits until every byte is queued
 * unless the argument says non-blocking. */
static int do_sendto(int i, const struct chardriver_req *r)
{
	struct net_dgram d;
	size_t hdr = offsetof(struct net_dgram, data);
	if (chardriver_copyin(r->grant, 0, &d, hdr) != 0)
		return -EFAULT;
	if (d.len > NET_DGRAM_MAX)
		return -EMSGSIZE;
	size_t done = 0;
	int n = try_write(i, r->grant, hdr, d.len, &done);
	if (n != -EAGAIN)
		return n;
	if (d.nonblock)
		return done ? (int) done : -EAGAIN;
	struct sock *s = &inet_socks[i];
	int w = sock_wait(i, &s->wr, r, PEND_WRITE, d.len, s->sndtimeo);
	if (w == CDEV_SUSPEND) {
		s->wr.done = done;
		s->wr.off = hdr;
	}
	return w;
}

/* do_recvfrom: NIOCRECVFROM on a connection: recv, with the peer. */
static int do_recvfrom(int i, const struct chardriver_req *r)
{
	struct net_dgram d;
	if (chardriver_copyin(r->grant, 0, &d, offsetof(struct net_dgram,
	    data)) != 0)
		return -EFAULT;
	size_t cap = d.len == 0 || d.len > NET_DGRAM_MAX ? NET_DGRAM_MAX :
	    d.len;
	int n = try_read(i, r->grant, cap, 1);
	if (n != -EAGAIN)
		return n;
	if (d.nonblock)
		return -EAGAIN;
	struct sock *s = &inet_socks[i];
	return sock_wait(i, &s->rd, r, PEND_RECVFROM, cap, s->rcvtimeo);
}

/* tcpg_ioctl: see inet.h. -ENOTTY: the common code's request. */
int tcpg_ioctl(int i, const struct chardriver_req *r)
{
	struct sock *s = &inet_socks[i];
	uint32_t addr;
	uint16_t port;
	int32_t v;
	switch (r->request) {
	case NIOCBIND:
		return do_bind(i, r);
	case NIOCCONNECT:
		return do_connect(i, r);
	case NIOCLISTEN:
		if (chardriver_copyin(r->grant, 0, &v, sizeof(v)) != 0)
			return -EFAULT;
		v = tcp_listen(conn(i), v);
		if (v == 0)
			s->listening = s->bound = 1;
		return v;
	case NIOCACCEPT:
		return do_accept(i, r);
	case NIOCSHUTDOWN:
		if (chardriver_copyin(r->grant, 0, &v, sizeof(v)) != 0)
			return -EFAULT;
		v = tcp_shutdown(conn(i), v);
		if (v == 0)
			tcpg_wake();
		return v;
	case NIOCGETSOCKNAME:
		tcp_local(conn(i), &addr, &port);
		return put_addr(r, addr, port);
	case NIOCGETPEERNAME:
		if (tcp_peer(conn(i), &addr, &port) != 0)
			return -ENOTCONN;
		return put_addr(r, addr, port);
	case NIOCSETOPT:
		return do_opt(i, r, 1);
	case NIOCGETOPT:
		return do_opt(i, r, 0);
	case NIOCSENDTO:
		return do_sendto(i, r);
	case NIOCRECVFROM:
		return do_recvfrom(i, r);
	default:
		return -ENOTTY;
	}
}

/* ---- waking ------------------------------------------------------------- */

/* service: carry on what waits in socket I now that its readiness may
 * have changed, and tell select. */
static void service(int i)
{
	struct sock *s = &inet_socks[i];
	if (s->type != SOCK_TCP || !s->tcb)
		return;
	if (s->rd.kind == PEND_READ) {
		int n = try_read(i, s->rd.grant, s->rd.size, 0);
		if (n != -EAGAIN)
			sock_finish(&s->rd, n);
	} else if (s->rd.kind == PEND_RECVFROM) {
		int n = try_read(i, s->rd.grant, s->rd.size, 1);
		if (n != -EAGAIN)
			sock_finish(&s->rd, n);
	}
	if (s->wr.kind == PEND_WRITE) {
		int n = try_write(i, s->wr.grant, s->wr.off, s->wr.size,
		    &s->wr.done);
		if (n != -EAGAIN)
			sock_finish(&s->wr, n);
	} else if (s->wr.kind == PEND_CONNECT) {
		unsigned ev = tcp_poll(conn(i));
		if (ev & (TCP_POLL_OUT | TCP_POLL_ERR | TCP_POLL_HUP))
			sock_finish(&s->wr, tcp_error(conn(i)));
	}
	if (s->listening)
		for (int k = 0; k < SOCK_MAX; k++) {
			struct sock *w = &inet_socks[k];
			if (w->type != SOCK_TCP || w->rd.kind != PEND_ACCEPT ||
			    w->rd.listener != i)
				continue;
			int e = try_accept(k, i, w->rd.grant);
			if (e == -EAGAIN)
				break;
			sock_finish(&w->rd, e);
		}
	chardriver_select_ready(sock_minor(i), (uint32_t) tcpg_ready(i));
}

/* cb_wake: the engine's wake-up for C (not yet a socket's: nothing). */
static void cb_wake(void *ctx, struct tcp_conn *c, unsigned events)
{
	(void) ctx;
	(void) events;
	int i = (int) (uintptr_t) tcp_user(c) - 1;
	if (i >= 0 && i < SOCK_MAX && inet_socks[i].tcb == c)
		service(i);
}

/* tcpg_wake: see inet.h: every TCP socket is looked at (after a request
 * changed something without the engine's wake-up). */
void tcpg_wake(void)
{
	for (int i = 0; i < SOCK_MAX; i++)
		if (inet_socks[i].type == SOCK_TCP)
			service(i);
}

/* ---- the rest of the socket's life -------------------------------------- */

/* tcpg_open: see inet.h. */
int tcpg_open(int i)
{
	if (!get_stack())
		return -ENOBUFS;
	struct tcp_conn *c = tcp_open(stack);
	if (!c)
		return -ENOBUFS;
	tcp_set_user(c, (void *) (uintptr_t) (i + 1));
	inet_socks[i].tcb = c;
	return 0;
}

/* tcpg_close: see inet.h. Accepts waiting on this listener fail. */
void tcpg_close(int i)
{
	if (inet_socks[i].listening)
		for (int k = 0; k < SOCK_MAX; k++)
			if (inet_socks[k].type == SOCK_TCP &&
			    inet_socks[k].rd.kind == PEND_ACCEPT &&
			    inet_socks[k].rd.listener == i)
				sock_finish(&inet_socks[k].rd, -EINVAL);
	if (inet_socks[i].tcb) {
		tcp_set_user(inet_socks[i].tcb, NULL);
		tcp_close(inet_socks[i].tcb);
	}
	inet_socks[i].tcb = NULL;
}

/* tcpg_input: see inet.h. */
void tcpg_input(uint32_t src, uint32_t dst, const uint8_t *seg, size_t len)
{
	if (get_stack())
		tcp_input(stack, src, dst, seg, len);
	else
		STAT_INC(tcp_drop_state);
}

/* tcpg_unreach: see inet.h. The engine fails a connect at once: what
 * waits in the sockets is carried on. */
void tcpg_unreach(uint32_t src, uint32_t dst, int code, const uint8_t *seg,
    size_t len)
{
	if (stack && tcp_icmp_unreach(stack, src, dst, code, seg, len) == 0)
		tcpg_wake();
}

/* tcpg_tick: see inet.h. */
void tcpg_tick(void)
{
	if (stack)
		tcp_tick(stack);
}

/* tcpg_next: milliseconds until the engine's next timer, -1 for none. */
int32_t tcpg_next(void)
{
	return stack ? tcp_next_timer(stack) : -1;
}

/* tcpg_ready: see inet.h: TCP_POLL_* as CDEV_SEL_* (1 read, 2 write, 4
 * error). */
int tcpg_ready(int i)
{
	unsigned ev = tcp_poll(conn(i));
	return (ev & (TCP_POLL_IN | TCP_POLL_HUP) ? 1 : 0) |
	    (ev & TCP_POLL_OUT ? 2 : 0) | (ev & TCP_POLL_ERR ? 4 : 0);
}

/* tcpg_cancel: see inet.h: nothing the engine holds (the waiting request
 * is only in the socket). */
int tcpg_cancel(int i, uint32_t id)
{
	(void) i;
	(void) id;
	return 0;
}
