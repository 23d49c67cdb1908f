/* CDEV_IOCTL: /dev/ip's requests, and the socket requests of abi/socket.h.
 * A TCP socket's requests go to sock_tcp.c first; what it does not
 * handle (bind, names, options) is common to every socket and done
 * here. */
#include <stddef.h>
#include <string.h>
#include "inet.h"

/* do_ioctl: see inet.h. */
int do_ioctl(const struct chardriver_req *r)
{
	if (r->minor == NET_MINOR_IP)
		return do_ip_ioctl(r);
	struct sock *s = sock_get(r->minor);
	if (!s)
		return -ENOTTY;
	int i = r->minor - NET_MINOR_FIRST_SOCKET;
	if (s->type == SOCK_TCP) {
		int e = tcpg_ioctl(i, r);
		if (e != -ENOTTY)
			return e;
	}
	return do_sock_ioctl(i, r);
}

/* get_addr: the struct net_sockaddr_in argument of R into A, checked:
 * family AF_INET. Returns 0, -EFAULT or -EAFNOSUPPORT. */
static int get_addr(const struct chardriver_req *r, struct net_sockaddr_in *a)
{
	if (chardriver_copyin(r->grant, 0, a, sizeof(*a)) != 0)
		return -EFAULT;
	return a->family == NET_AF_INET ? 0 : -EAFNOSUPPORT;
}

/* put_addr: A (ADDR:PORT) to R's argument. Returns 0 or -EFAULT. */
static int put_addr(const struct chardriver_req *r, uint32_t addr,
    uint16_t port)
{
	struct net_sockaddr_in a = { .family = NET_AF_INET, .port = port,
	    .addr = addr };
	return chardriver_copyout(r->grant, 0, &a, sizeof(a)) ? -EFAULT : 0;
}

/* do_bind: NIOCBIND: a local address (ours or any) and port (0: one of
 * the ephemeral ports). Ports below 1024 are root's (-EACCES): an
 * ordinary process cannot take a server's port. */
static int do_bind(int i, const struct chardriver_req *r)
{
	struct sock *s = &inet_socks[i];
	struct net_sockaddr_in a;
	int e = get_addr(r, &a);
	if (e)
		return e;
	if (s->type != SOCK_ICMP && (e = sock_port_permitted(r, a.port)) != 0)
		return e;
	if ((s->bound && s->type != SOCK_ICMP) || s->connected)
		return -EINVAL;
	if (a.addr != 0 && !inet_is_local(a.addr))
		return -EADDRNOTAVAIL;
	uint16_t port = a.port;
	if (port == 0)
		port = sock_ephemeral(s->type);
	else if (sock_port_used(s->type, a.addr, port, i))
		return -EADDRINUSE;
	if (port == 0)
		return -EADDRINUSE;
	s->laddr = a.addr;
	s->lport = port;
	s->bound = 1;
	return 0;
}

/* do_dconnect: NIOCCONNECT on a datagram socket: the default peer (family
 * 0, "AF_UNSPEC": none again). */
static int do_dconnect(int i, const struct chardriver_req *r)
{
	struct sock *s = &inet_socks[i];
	struct net_sockaddr_in a;
	if (chardriver_copyin(r->grant, 0, &a, sizeof(a)) != 0)
		return -EFAULT;
	if (a.family == 0) {
		s->connected = 0;
		return 0;
	}
	if (a.family != NET_AF_INET)
		return -EAFNOSUPPORT;
	if (a.addr == 0 || (s->type == SOCK_UDP && a.port == 0))
		return -EINVAL;
	if (!s->bound) {
		s->lport = sock_ephemeral(s->type);
		if (s->lport == 0)
			return -EADDRINUSE;
		s->bound = 1;
	}
	s->faddr = a.addr;
	s->fport = a.port;
	s->connected = 1;
	return 0;
}

/* timeo_ms: a struct timeval (two 32-bit longs) as milliseconds; 0:
 * forever. */
static uint32_t timeo_ms(const uint8_t *v)
{
	int32_t sec, usec;
	memcpy(&sec, v, 4);
	memcpy(&usec, v + 4, 4);
	if (sec < 0 || usec < 0)
		return 0;
	uint32_t ms = (uint32_t) sec * 1000u + (uint32_t) usec / 1000u;
	return ms == 0 && usec > 0 ? 1 : ms;
}

/* do_setopt: NIOCSETOPT: SO_REUSEADDR, SO_RCVTIMEO, SO_SNDTIMEO; others
 * of SOL_SOCKET and TCP_NODELAY are accepted and ignored. */
static int do_setopt(int i, const struct chardriver_req *r)
{
	struct sock *s = &inet_socks[i];
	struct net_sockopt o;
	if (chardriver_copyin(r->grant, 0, &o, sizeof(o)) != 0)
		return -EFAULT;
	int32_t v = 0;
	memcpy(&v, o.value, 4);
	if (o.level == NET_IPPROTO_TCP && o.name == NET_TCP_NODELAY)
		return s->type == SOCK_TCP ? 0 : -ENOPROTOOPT;
	if (o.level != NET_SOL_SOCKET)
		return -ENOPROTOOPT;
	switch (o.name) {
	case NET_SO_REUSEADDR:
		s->reuseaddr = v != 0;
		return 0;
	case NET_SO_RCVTIMEO:
	case NET_SO_SNDTIMEO:
		if (o.len < 8)
			return -EINVAL;
		if (o.name == NET_SO_RCVTIMEO)
			s->rcvtimeo = timeo_ms(o.value);
		else
			s->sndtimeo = timeo_ms(o.value);
		return 0;
	case NET_SO_KEEPALIVE:
	case NET_SO_BROADCAST:
	case NET_SO_SNDBUF:
	case NET_SO_RCVBUF:
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

/* do_getopt: NIOCGETOPT: the options do_setopt keeps, SO_ERROR (read
 * once), SO_TYPE. */
static int do_getopt(int i, const struct chardriver_req *r)
{
	struct sock *s = &inet_socks[i];
	struct net_sockopt o;
	if (chardriver_copyin(r->grant, 0, &o, sizeof(o)) != 0)
		return -EFAULT;
	int32_t v;
	memset(o.value, 0, sizeof(o.value));
	o.len = 4;
	if (o.level == NET_IPPROTO_TCP && o.name == NET_TCP_NODELAY)
		v = 1;
	else if (o.level != NET_SOL_SOCKET)
		return -ENOPROTOOPT;
	else switch (o.name) {
	case NET_SO_REUSEADDR: v = s->reuseaddr; break;
	case NET_SO_ERROR:     v = -s->error; s->error = 0; break;
	case NET_SO_TYPE:
		v = s->type == SOCK_TCP ? NET_SOCK_STREAM : NET_SOCK_DGRAM;
		break;
	case NET_SO_SNDBUF:
	case NET_SO_RCVBUF:    v = 32 * 1024; break;
	case NET_SO_RCVTIMEO:
	case NET_SO_SNDTIMEO: {
		uint32_t ms = o.name == NET_SO_RCVTIMEO ? s->rcvtimeo :
		    s->sndtimeo;
		int32_t tv[2] = { (int32_t) (ms / 1000),
		    (int32_t) (ms % 1000) * 1000 };
		memcpy(o.value, tv, 8);
		o.len = 8;
		return chardriver_copyout(r->grant, 0, &o, sizeof(o)) ?
		    -EFAULT : 0;
	}
	default:
		return -ENOPROTOOPT;
	}
	memcpy(o.value, &v, 4);
	return chardriver_copyout(r->grant, 0, &o, sizeof(o)) ? -EFAULT : 0;
}

/* do_sendto: NIOCSENDTO: one datagram to its address (none given: the
 * connected peer). Returns the bytes sent. */
static int do_sendto(int i, const struct chardriver_req *r)
{
	static struct net_dgram d;
	struct sock *s = &inet_socks[i];
	size_t hdr = offsetof(struct net_dgram, data);
	if (chardriver_copyin(r->grant, 0, &d, hdr) != 0)
		return -EFAULT;
	if (d.len > NET_DGRAM_MAX)
		return -EMSGSIZE;
	if (chardriver_copyin(r->grant, hdr, d.data, d.len) != 0)
		return -EFAULT;
	uint32_t addr = d.addr.addr;
	uint16_t port = d.addr.port;
	if (addr == 0 && s->connected) {
		addr = s->faddr;
		port = s->fport;
	} else if (addr != 0 && d.addr.family != NET_AF_INET) {
		return -EAFNOSUPPORT;
	}
	return dgram_send(i, addr, port, d.data, d.len);
}

/* do_recvfrom: NIOCRECVFROM: the oldest datagram and its sender; the
 * argument's len says how much room there is (0: NET_DGRAM_MAX). */
static int do_recvfrom(int i, const struct chardriver_req *r)
{
	struct net_dgram d;
	size_t hdr = offsetof(struct net_dgram, data);
	if (chardriver_copyin(r->grant, 0, &d, hdr) != 0)
		return -EFAULT;
	size_t cap = d.len == 0 || d.len > NET_DGRAM_MAX ? NET_DGRAM_MAX :
	    d.len;
	return dgram_read(i, r, 1, cap, d.nonblock);
}

/* do_shutdown: NIOCSHUTDOWN on a datagram socket: no more reads (a
 * waiting one gets end of file) and/or writes. */
static int do_shutdown(int i, const struct chardriver_req *r)
{
	struct sock *s = &inet_socks[i];
	int32_t how;
	if (chardriver_copyin(r->grant, 0, &how, sizeof(how)) != 0)
		return -EFAULT;
	if (how < NET_SHUT_RD || how > NET_SHUT_RDWR)
		return -EINVAL;
	if (how != NET_SHUT_WR) {
		s->shut_rd = 1;
		sock_finish(&s->rd, 0);
	}
	if (how != NET_SHUT_RD)
		s->shut_wr = 1;
	return 0;
}

/* do_sock_ioctl: see inet.h. */
int do_sock_ioctl(int i, const struct chardriver_req *r)
{
	struct sock *s = &inet_socks[i];
	switch (r->request) {
	case NIOCBIND:        return do_bind(i, r);
	case NIOCSETOPT:      return do_setopt(i, r);
	case NIOCGETOPT:      return do_getopt(i, r);
	case NIOCGETSOCKNAME: return put_addr(r, s->laddr, s->lport);
	case NIOCGETPEERNAME:
		if (!s->connected)
			return -ENOTCONN;
		return put_addr(r, s->faddr, s->fport);
	}
	if (s->type == SOCK_TCP)
		return -ENOTTY;
	switch (r->request) {
	case NIOCCONNECT:     return do_dconnect(i, r);
	case NIOCSENDTO:      return do_sendto(i, r);
	case NIOCRECVFROM:    return do_recvfrom(i, r);
	case NIOCSHUTDOWN:    return do_shutdown(i, r);
	case NIOCLISTEN:
	case NIOCACCEPT:      return -EOPNOTSUPP;
	default:              return -ENOTTY;
	}
}
