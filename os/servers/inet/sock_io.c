/* Datagram sockets' reads and writes (UDP, ping), and the requests that
 * wait in a socket: parked with CDEV_SUSPEND, finished with
 * chardriver_complete when data comes, timed out by SO_RCVTIMEO and
 * SO_SNDTIMEO, forgotten on cancel. */
#include <stddef.h>
#include <string.h>
#include "inet.h"

#define IP_PROTO_ICMP 1

/* dgram_read: see inet.h. A datagram longer than the buffer is cut (the
 * rest is lost, as recv(2) does). */
int dgram_read(int i, const struct chardriver_req *r, int recvfrom,
    size_t cap, int nonblock)
{
	struct sock *s = &inet_socks[i];
	if (s->dq_count == 0) {
		if (s->shut_rd)
			return 0;
		if (nonblock)
			return -EAGAIN;
		return sock_wait(i, &s->rd, r, recvfrom ? PEND_RECVFROM :
		    PEND_READ, cap, s->rcvtimeo);
	}
	struct dgram *d = &inet_dgrams[s->dq[s->dq_head]];
	size_t n = d->len < cap ? d->len : cap;
	int err;
	if (recvfrom) {
		struct net_sockaddr_in from = { .family = NET_AF_INET,
		    .port = d->port, .addr = d->addr };
		uint32_t len = (uint32_t) n;
		err = chardriver_copyout(r->grant, offsetof(struct net_dgram,
		    data), d->data, n);
		if (!err)
			err = chardriver_copyout(r->grant, offsetof(struct
			    net_dgram, addr), &from, sizeof(from));
		if (!err)
			err = chardriver_copyout(r->grant, offsetof(struct
			    net_dgram, len), &len, sizeof(len));
	} else {
		err = chardriver_copyout(r->grant, 0, d->data, n);
	}
	if (err)
		return -EFAULT;
	d->used = 0;
	s->dq_head = (s->dq_head + 1) % SOCK_DQ;
	s->dq_count--;
	return recvfrom ? 0 : (int) n;
}

/* dgram_send: see inet.h. A ping socket's message must be an echo
 * request; its identifier becomes the socket's and the checksum is
 * computed here. */
int dgram_send(int i, uint32_t addr, uint16_t port, const void *data,
    size_t len)
{
	struct sock *s = &inet_socks[i];
	if (s->shut_wr)
		return -EPIPE;
	if (addr == 0)
		return -EDESTADDRREQ;
	if (s->type == SOCK_ICMP) {
		static uint8_t m[ICMP_MAX];
		if (len < ICMP_HDR || len > ICMP_MAX)
			return len < ICMP_HDR ? -EINVAL : -EMSGSIZE;
		memcpy(m, data, len);
		if (m[0] != 8 || m[1] != 0)
			return -EINVAL;
		memcpy(m + 4, &s->lport, 2);
		m[2] = m[3] = 0;
		uint16_t ck = inet_fold(inet_sum(m, len, 0));
		memcpy(m + 2, &ck, 2);
		int r = ip_output(IP_PROTO_ICMP, s->laddr, addr, m, len);
		return r < 0 ? r : (int) len;
	}
	if (len > UDP_MAX)
		return -EMSGSIZE;
	if (port == 0)
		return -EINVAL;
	if (!s->bound) {
		s->lport = sock_ephemeral(SOCK_UDP);
		if (s->lport == 0)
			return -EADDRINUSE;
		s->bound = 1;
	}
	int r = udp_output(s->laddr, s->lport, addr, port, data, len);
	return r < 0 ? r : (int) len;
}

/* sock_wait: see inet.h. */
int sock_wait(int i, struct pend *slot, const struct chardriver_req *r,
    enum pend_kind kind, size_t size, uint32_t timeout)
{
	(void) i;
	if (slot->kind != PEND_NONE)
		return -EBUSY;
	slot->kind = kind;
	slot->id = r->id;
	slot->grant = r->grant;
	slot->size = size;
	slot->deadline = timeout ? (inet_now + timeout) | 1 : 0;
	slot->done = 0;
	slot->off = 0;
	return CDEV_SUSPEND;
}

/* The request being served (inet_request): a request it suspends may be
 * finished by the work done before its answer goes (inet_run: a reset
 * over the loopback), when the library does not know it as suspended
 * yet; its status is then the answer. */
static struct {
	int active;
	uint32_t id;
	int done;
	int status;
} current;

/* sock_finish: see inet.h. Nothing waiting: nothing to do. */
void sock_finish(struct pend *slot, int status)
{
	if (slot->kind == PEND_NONE)
		return;
	slot->kind = PEND_NONE;
	if (current.active && slot->id == current.id) {
		current.done = 1;
		current.status = status;
		return;
	}
	chardriver_complete(slot->id, status);
}

/* inet_request: see inet.h. */
int inet_request(int (*op)(const struct chardriver_req *),
    const struct chardriver_req *r)
{
	current.active = 1;
	current.id = r->id;
	current.done = 0;
	int e = op(r);
	inet_run();
	if (e == CDEV_SUSPEND && current.done)
		e = current.status;
	current.active = 0;
	return e;
}

/* expired: has the request in SLOT run past its deadline? */
static int expired(const struct pend *slot)
{
	return slot->kind != PEND_NONE && slot->deadline != 0 &&
	    (int32_t) (inet_now - slot->deadline) >= 0;
}

/* sock_tick: see inet.h. */
void sock_tick(void)
{
	for (int i = 0; i < SOCK_MAX; i++) {
		struct sock *s = &inet_socks[i];
		if (s->type == SOCK_FREE)
			continue;
		if (expired(&s->rd))
			sock_finish(&s->rd, -EAGAIN);
		if (expired(&s->wr))
			sock_finish(&s->wr, -EAGAIN);
	}
}

/* sock_cancel: see inet.h. */
int sock_cancel(uint32_t id)
{
	for (int i = 0; i < SOCK_MAX; i++) {
		struct sock *s = &inet_socks[i];
		if (s->type == SOCK_FREE)
			continue;
		struct pend *slots[2] = { &s->rd, &s->wr };
		for (int k = 0; k < 2; k++)
			if (slots[k]->kind != PEND_NONE && slots[k]->id == id) {
				if (s->type == SOCK_TCP)
					tcpg_cancel(i, id);
				slots[k]->kind = PEND_NONE;
				return -EINTR;
			}
	}
	return -ENOENT;
}

/* sock_ready: see inet.h. A datagram socket is always writable. */
int sock_ready(int minor)
{
	struct sock *s = sock_get(minor);
	if (!s)
		return minor < NET_MINOR_FIRST_SOCKET ? 3 : 4;
	if (s->type == SOCK_TCP)
		return tcpg_ready(minor - NET_MINOR_FIRST_SOCKET);
	return (s->dq_count > 0 || s->shut_rd ? 1 : 0) | 2 |
	    (s->error ? 4 : 0);
}
