/* The socket table: one struct sock per cloned minor (minor =
 * NET_MINOR_FIRST_SOCKET + index), ports, and the pool of received
 * datagrams the UDP and ping sockets queue. */
#include <string.h>
#include "inet.h"

struct sock inet_socks[SOCK_MAX];
struct dgram inet_dgrams[DGRAM_POOL];
static uint16_t next_port = EPHEMERAL_LO;

/* sock_alloc: see inet.h. */
int sock_alloc(enum sock_type type)
{
	for (int i = 0; i < SOCK_MAX; i++) {
		if (inet_socks[i].type != SOCK_FREE)
			continue;
		memset(&inet_socks[i], 0, sizeof(inet_socks[i]));
		inet_socks[i].type = type;
		return i;
	}
	return -1;
}

/* sock_free: see inet.h. */
void sock_free(int i)
{
	struct sock *s = &inet_socks[i];
	while (s->dq_count > 0) {
		inet_dgrams[s->dq[s->dq_head]].used = 0;
		s->dq_head = (s->dq_head + 1) % SOCK_DQ;
		s->dq_count--;
	}
	sock_finish(&s->rd, -EINTR);
	sock_finish(&s->wr, -EINTR);
	if (s->type == SOCK_TCP)
		tcpg_close(i);
	s->type = SOCK_FREE;
}

/* sock_get: see inet.h. */
struct sock *sock_get(int minor)
{
	int i = minor - NET_MINOR_FIRST_SOCKET;
	if (i < 0 || i >= SOCK_MAX || inet_socks[i].type == SOCK_FREE)
		return NULL;
	return &inet_socks[i];
}

/* sock_minor: see inet.h. */
int sock_minor(int i)
{
	return NET_MINOR_FIRST_SOCKET + i;
}

/* sock_port_used: see inet.h. Two sockets share a port only when both set
 * SO_REUSEADDR, or when they are bound to different addresses. */
int sock_port_used(enum sock_type type, uint32_t addr, uint16_t port,
    int except)
{
	int reuse = except >= 0 && inet_socks[except].reuseaddr;
	for (int i = 0; i < SOCK_MAX; i++) {
		struct sock *s = &inet_socks[i];
		if (i == except || s->type != type || !s->bound ||
		    s->lport != port)
			continue;
		if (addr != 0 && s->laddr != 0 && addr != s->laddr)
			continue;
		if (reuse && s->reuseaddr)
			continue;
		return 1;
	}
	return 0;
}

/* sock_port_permitted: see inet.h. */
int sock_port_permitted(const struct chardriver_req *r, uint16_t port)
{
	if (port != 0 && inet_ntohs(port) < INET_PORT_RESERVED && r->uid != 0)
		return -EACCES;
	return 0;
}

/* sock_ephemeral: see inet.h. */
uint16_t sock_ephemeral(enum sock_type type)
{
	for (int n = 0; n < 65536 - EPHEMERAL_LO; n++) {
		uint16_t p = next_port;
		next_port = next_port == 65535 ? EPHEMERAL_LO :
		    (uint16_t) (next_port + 1);
		if (!sock_port_used(type, 0, inet_htons(p), -1))
			return inet_htons(p);
	}
	return 0;
}

/* sock_dgram_queue: see inet.h. */
int sock_dgram_queue(int i, uint32_t from, uint16_t port, const void *data,
    size_t len)
{
	struct sock *s = &inet_socks[i];
	if (s->shut_rd || s->dq_count == SOCK_DQ || len > DGRAM_DATA)
		return -ENOBUFS;
	int k = -1;
	for (int j = 0; j < DGRAM_POOL && k < 0; j++)
		if (!inet_dgrams[j].used)
			k = j;
	if (k < 0)
		return -ENOBUFS;
	struct dgram *d = &inet_dgrams[k];
	d->used = 1;
	d->addr = from;
	d->port = port;
	d->len = (uint16_t) len;
	memcpy(d->data, data, len);
	s->dq[(s->dq_head + s->dq_count) % SOCK_DQ] = k;
	s->dq_count++;
	chardriver_select_ready(sock_minor(i), CDEV_SEL_RD);
	if (s->rd.kind == PEND_READ || s->rd.kind == PEND_RECVFROM) {
		struct chardriver_req r = { .grant = s->rd.grant,
		    .size = s->rd.size, .id = s->rd.id };
		int st = dgram_read(i, &r, s->rd.kind == PEND_RECVFROM,
		    s->rd.size, 1);
		sock_finish(&s->rd, st);
	}
	return 0;
}

/* sock_count: see inet.h. */
int sock_count(void)
{
	int n = 0;
	for (int i = 0; i < SOCK_MAX; i++)
		n += inet_socks[i].type != SOCK_FREE;
	return n;
}
