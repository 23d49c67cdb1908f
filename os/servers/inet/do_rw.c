/* CDEV_READ, CDEV_WRITE and CDEV_CANCEL on sockets: read and write are
 * recv and send (a datagram socket writes to its connected peer). */
#include "inet.h"

/* do_read: see inet.h. */
int do_read(const struct chardriver_req *r)
{
	struct sock *s = sock_get(r->minor);
	if (!s)
		return r->minor == NET_MINOR_IP ? -EINVAL : -ENODEV;
	int i = r->minor - NET_MINOR_FIRST_SOCKET;
	if (s->type == SOCK_TCP)
		return tcpg_read(i, r);
	return dgram_read(i, r, 0, r->size, r->flags & O_NONBLOCK);
}

/* do_write: see inet.h. */
int do_write(const struct chardriver_req *r)
{
	static uint8_t buf[ICMP_MAX];
	struct sock *s = sock_get(r->minor);
	if (!s)
		return r->minor == NET_MINOR_IP ? -EINVAL : -ENODEV;
	int i = r->minor - NET_MINOR_FIRST_SOCKET;
	if (s->type == SOCK_TCP)
		return tcpg_write(i, r);
	if (!s->connected)
		return -EDESTADDRREQ;
	if (r->size > sizeof(buf))
		return -EMSGSIZE;
	if (chardriver_copyin(r->grant, 0, buf, r->size) != 0)
		return -EFAULT;
	return dgram_send(i, s->faddr, s->fport, buf, r->size);
}

/* do_cancel: see inet.h. */
int do_cancel(const struct chardriver_req *r)
{
	sock_cancel(r->id);
	return -EINTR;
}

/* do_select: see inet.h. */
int do_select(const struct chardriver_req *r)
{
	return sock_ready(r->minor) & (int) r->request;
}
