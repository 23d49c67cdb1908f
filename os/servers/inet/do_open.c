/* CDEV_OPEN and CDEV_CLOSE: /dev/tcp, /dev/udp and /dev/icmp clone (each
 * open is a new socket on a new minor, abi/socket.h); /dev/ip is one
 * shared device. */
#include "inet.h"

/* do_open: see inet.h. Returns CDEV_CLONED | the socket's minor, 0 (/dev/ip
 * or an open socket's minor), -ENFILE (no free socket) or -ENODEV. */
int do_open(const struct chardriver_req *r)
{
	enum sock_type type;
	switch (r->minor) {
	case NET_MINOR_TCP:  type = SOCK_TCP;  break;
	case NET_MINOR_UDP:  type = SOCK_UDP;  break;
	case NET_MINOR_ICMP: type = SOCK_ICMP; break;
	case NET_MINOR_IP:   return 0;
	default:
		return sock_get(r->minor) ? 0 : -ENODEV;
	}
	int i = sock_alloc(type);
	if (i < 0)
		return -ENFILE;
	struct sock *s = &inet_socks[i];
	if (type == SOCK_ICMP) {            /* its identifier: a "port" */
		s->lport = sock_ephemeral(SOCK_ICMP);
		s->bound = 1;
	} else if (type == SOCK_TCP) {
		int e = tcpg_open(i);
		if (e < 0) {
			s->type = SOCK_FREE;
			return e;
		}
	}
	return CDEV_CLONED | sock_minor(i);
}

/* do_close: see inet.h. A socket goes away (a TCP connection is closed
 * gracefully by the engine, which keeps it until it is done). */
int do_close(const struct chardriver_req *r)
{
	int i = r->minor - NET_MINOR_FIRST_SOCKET;
	if (sock_get(r->minor))
		sock_free(i);
	return 0;
}
