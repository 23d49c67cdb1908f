/* Sockets (abi/socket.h): socket is an open of inet's cloning device
 * (/dev/tcp, /dev/udp, /dev/icmp), the rest are its NIOC* ioctls. A
 * descriptor that is not a socket answers them ENOTTY, reported as
 * ENOTSOCK; no network server (no driver for the device, or one that
 * is gone) is ENETDOWN. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <unistd.h>
#include "../internal.h"

_Static_assert(sizeof(struct sockaddr_in) == sizeof(struct net_sockaddr_in),
    "struct sockaddr_in is abi/socket.h's struct net_sockaddr_in");

/* sock_ioctl: ioctl REQUEST with ARG on socket FD: its result, or -1
 * with errno (ENOTTY becomes ENOTSOCK). */
static int sock_ioctl(int fd, uint32_t request, void *arg)
{
	int r = ioctl(fd, request, arg);
	if (r < 0 && errno == ENOTTY)
		errno = ENOTSOCK;
	return r;
}

/* device: the device file of a socket of TYPE and PROTOCOL, or NULL with
 * *ERR (EPROTOTYPE, EPROTONOSUPPORT). */
static const char *device(int type, int protocol, int *err)
{
	switch (type) {
	case SOCK_STREAM:
		if (protocol == 0 || protocol == IPPROTO_TCP)
			return "/dev/tcp";
		break;
	case SOCK_DGRAM:
		if (protocol == 0 || protocol == IPPROTO_UDP)
			return "/dev/udp";
		if (protocol == IPPROTO_ICMP)
			return "/dev/icmp";
		break;
	case SOCK_RAW:
		if (protocol == IPPROTO_ICMP)
			return "/dev/icmp";
		break;
	default:
		*err = EPROTOTYPE;
		return NULL;
	}
	*err = EPROTONOSUPPORT;
	return NULL;
}

/* socket: a new socket of DOMAIN (AF_INET), TYPE (SOCK_STREAM, SOCK_DGRAM;
 * SOCK_RAW or SOCK_DGRAM with IPPROTO_ICMP: an echo socket; | SOCK_NONBLOCK,
 * SOCK_CLOEXEC) and PROTOCOL (0 or the type's). Returns the descriptor,
 * or -1 with errno: EAFNOSUPPORT, EPROTOTYPE, EPROTONOSUPPORT, ENETDOWN
 * (no network server), EMFILE, ENFILE. */
int socket(int domain, int type, int protocol)
{
	int err = 0;
	if (domain != AF_INET) {
		errno = EAFNOSUPPORT;
		return -1;
	}
	const char *path = device(type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC),
	    protocol, &err);
	if (!path) {
		errno = err;
		return -1;
	}
	int flags = O_RDWR | ((type & SOCK_NONBLOCK) ? O_NONBLOCK : 0) |
	    ((type & SOCK_CLOEXEC) ? O_CLOEXEC : 0);
	int fd = open(path, flags);
	if (fd < 0 && (errno == ENXIO || errno == ENODEV || errno == ENOENT ||
	    errno == EIO))
		errno = ENETDOWN;
	return fd;
}

/* in_addr_arg: ADDR (LEN bytes) as an AF_INET address into *OUT. 0, or
 * -1 with errno (EFAULT: NULL, EINVAL: too short, EAFNOSUPPORT). */
static int in_addr_arg(const struct sockaddr *addr, socklen_t len,
    struct net_sockaddr_in *out)
{
	if (!addr) {
		errno = EFAULT;
		return -1;
	}
	if (len < sizeof(*out)) {
		errno = EINVAL;
		return -1;
	}
	memcpy(out, addr, sizeof(*out));
	if (out->family != AF_INET) {
		errno = EAFNOSUPPORT;
		return -1;
	}
	return 0;
}

/* addr_out: give A back in ADDR / *LEN (cut to *LEN; *LEN becomes the
 * full size), as getsockname and accept do. */
static void addr_out(const struct net_sockaddr_in *a, struct sockaddr *addr,
    socklen_t *len)
{
	if (!addr || !len)
		return;
	socklen_t n = *len < sizeof(*a) ? *len : sizeof(*a);
	memcpy(addr, a, n);
	*len = sizeof(*a);
}

/* bind: give socket FD the local address ADDR. 0, or -1 with errno
 * (EADDRINUSE, EADDRNOTAVAIL, EINVAL: bound already, ENOTSOCK...). */
int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	struct net_sockaddr_in a;
	if (in_addr_arg(addr, len, &a) != 0)
		return -1;
	return sock_ioctl(fd, NIOCBIND, &a) < 0 ? -1 : 0;
}

/* listen: make TCP socket FD accept connections, BACKLOG waiting at
 * most. 0, or -1 with errno (EOPNOTSUPP on UDP...). */
int listen(int fd, int backlog)
{
	int32_t b = backlog;
	return sock_ioctl(fd, NIOCLISTEN, &b) < 0 ? -1 : 0;
}

/* connect: connect socket FD to ADDR (TCP: waits for the handshake unless
 * O_NONBLOCK: EINPROGRESS; UDP: sets the default destination). 0, or -1
 * with errno (ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH, EISCONN, EINTR...). */
int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	struct net_sockaddr_in a;
	if (in_addr_arg(addr, len, &a) != 0)
		return -1;
	return sock_ioctl(fd, NIOCCONNECT, &a) < 0 ? -1 : 0;
}

/* accept: the next connection of listening socket FD as a new socket
 * (waits for one unless FD is O_NONBLOCK: EAGAIN); its peer in ADDR and
 * *LEN (may be NULL). A fresh /dev/tcp unit takes the connection over
 * (NIOCACCEPT names the listener by its minor). Returns the descriptor,
 * or -1 with errno (EINVAL: not listening, ENOTSOCK, EMFILE, EINTR...). */
int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	struct stat st;
	if (fstat(fd, &st) != 0)
		return -1;
	if (!S_ISCHR(st.st_mode) || DEV_MAJOR(st.st_rdev) != INET_MAJOR) {
		errno = ENOTSOCK;
		return -1;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0)
		return -1;
	int nfd = open("/dev/tcp", O_RDWR);
	if (nfd < 0) {
		if (errno == ENXIO || errno == ENODEV || errno == ENOENT ||
		    errno == EIO)
			errno = ENETDOWN;
		return -1;
	}
	struct net_accept acc;
	memset(&acc, 0, sizeof(acc));
	acc.listener = DEV_MINOR(st.st_rdev);
	acc.nonblock = (fl & O_NONBLOCK) != 0;
	if (sock_ioctl(nfd, NIOCACCEPT, &acc) < 0) {
		int e = errno;
		close(nfd);
		errno = e;
		return -1;
	}
	addr_out(&acc.peer, addr, len);
	return nfd;
}

/* nonblock_begin: for MSG_DONTWAIT, make FD O_NONBLOCK for one call; the
 * flags to put back (-1: nothing to put back). */
static int nonblock_begin(int fd, int flags)
{
	if (!(flags & MSG_DONTWAIT))
		return -1;
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || (fl & O_NONBLOCK))
		return -1;
	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	return fl;
}

/* nonblock_end: put FD's flags back after nonblock_begin gave FL. */
static void nonblock_end(int fd, int fl)
{
	if (fl >= 0) {
		int e = errno;
		fcntl(fd, F_SETFL, fl);
		errno = e;
	}
}

/* send: write LEN bytes of BUF on connected socket FD; FLAGS MSG_DONTWAIT,
 * MSG_NOSIGNAL (EPIPE without SIGPIPE). Bytes sent, or -1 with errno. */
ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	if (flags & ~(MSG_DONTWAIT | MSG_NOSIGNAL)) {
		errno = EOPNOTSUPP;
		return -1;
	}
	int fl = nonblock_begin(fd, flags);
	ssize_t r;
	if (flags & MSG_NOSIGNAL) {
		message m = { 0 };
		m.u.vfs_io.fd = fd;
		m.u.vfs_io.buf = (vir_bytes) buf;
		m.u.vfs_io.len = len;
		r = __libc_ret(__libc_call(VFS_EP, VFS_WRITE, &m));
	} else {
		r = write(fd, buf, len);
	}
	nonblock_end(fd, fl);
	return r;
}

/* recv: read up to LEN bytes of socket FD into BUF; FLAGS MSG_DONTWAIT,
 * MSG_WAITALL (until LEN bytes, the end or an error). Bytes (0: the peer
 * closed), or -1 with errno. */
ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	if (flags & ~(MSG_DONTWAIT | MSG_WAITALL)) {
		errno = EOPNOTSUPP;
		return -1;
	}
	int fl = nonblock_begin(fd, flags);
	size_t done = 0;
	ssize_t r;
	do {
		r = read(fd, (char *) buf + done, len - done);
		if (r > 0)
			done += (size_t) r;
	} while ((flags & MSG_WAITALL) && r > 0 && done < len);
	nonblock_end(fd, fl);
	return done ? (ssize_t) done : r;
}

/* sendto: one datagram of LEN bytes to TO (NULL: as send). Bytes, or -1
 * with errno (EMSGSIZE over NET_DGRAM_MAX, EDESTADDRREQ...). */
ssize_t sendto(int fd, const void *buf, size_t len, int flags,
    const struct sockaddr *to, socklen_t tolen)
{
	if (!to)
		return send(fd, buf, len, flags);
	if (flags & ~(MSG_DONTWAIT | MSG_NOSIGNAL)) {
		errno = EOPNOTSUPP;
		return -1;
	}
	if (len > NET_DGRAM_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	struct net_dgram *d = malloc(sizeof(*d));
	if (!d) {
		errno = ENOBUFS;
		return -1;
	}
	int fl = fcntl(fd, F_GETFL);
	ssize_t r = -1;
	if (in_addr_arg(to, tolen, &d->addr) == 0 && fl >= 0) {
		d->len = len;
		d->nonblock = (fl & O_NONBLOCK) || (flags & MSG_DONTWAIT);
		memcpy(d->data, buf, len);
		r = sock_ioctl(fd, NIOCSENDTO, d) < 0 ? -1 : (ssize_t) len;
	}
	free(d);
	return r;
}

/* recvfrom: one datagram into BUF (cut to LEN bytes), its sender in FROM
 * and *FROMLEN (NULL: as recv). Bytes, or -1 with errno. */
ssize_t recvfrom(int fd, void *buf, size_t len, int flags,
    struct sockaddr *from, socklen_t *fromlen)
{
	if (!from)
		return recv(fd, buf, len, flags);
	if (flags & ~MSG_DONTWAIT) {
		errno = EOPNOTSUPP;
		return -1;
	}
	struct net_dgram *d = calloc(1, sizeof(*d));
	if (!d) {
		errno = ENOBUFS;
		return -1;
	}
	int fl = fcntl(fd, F_GETFL);
	ssize_t r = -1;
	if (fl >= 0) {
		d->nonblock = (fl & O_NONBLOCK) || (flags & MSG_DONTWAIT);
		if (sock_ioctl(fd, NIOCRECVFROM, d) >= 0) {
			size_t n = d->len < len ? d->len : len;
			if (n > NET_DGRAM_MAX)
				n = NET_DGRAM_MAX;
			memcpy(buf, d->data, n);
			addr_out(&d->addr, from, fromlen);
			r = (ssize_t) n;
		}
	}
	free(d);
	return r;
}

/* shutdown: stop receiving (SHUT_RD), sending (SHUT_WR: TCP sends FIN)
 * or both on FD. 0, or -1 with errno (ENOTCONN, EINVAL). */
int shutdown(int fd, int how)
{
	int32_t h = how;
	return sock_ioctl(fd, NIOCSHUTDOWN, &h) < 0 ? -1 : 0;
}

/* getsockname: FD's local address into ADDR / *LEN. 0 or -1 with errno. */
int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	struct net_sockaddr_in a;
	if (!addr || !len) {
		errno = EFAULT;
		return -1;
	}
	if (sock_ioctl(fd, NIOCGETSOCKNAME, &a) < 0)
		return -1;
	addr_out(&a, addr, len);
	return 0;
}

/* getpeername: FD's peer into ADDR / *LEN. 0, or -1 with errno
 * (ENOTCONN). */
int getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
	struct net_sockaddr_in a;
	if (!addr || !len) {
		errno = EFAULT;
		return -1;
	}
	if (sock_ioctl(fd, NIOCGETPEERNAME, &a) < 0)
		return -1;
	addr_out(&a, addr, len);
	return 0;
}

/* setsockopt: option NAME of LEVEL (SOL_SOCKET: SO_REUSEADDR, SO_RCVTIMEO
 * with a struct timeval...; IPPROTO_TCP: TCP_NODELAY) to VALUE (LEN
 * bytes, at most 16). 0, or -1 with errno (ENOPROTOOPT, EINVAL). */
int setsockopt(int fd, int level, int name, const void *value,
    socklen_t len)
{
	struct net_sockopt o;
	if (len > sizeof(o.value) || (len && !value)) {
		errno = len ? EFAULT : EINVAL;
		return -1;
	}
	memset(&o, 0, sizeof(o));
	o.level = level;
	o.name = name;
	o.len = (int32_t) len;
	memcpy(o.value, value, len);
	return sock_ioctl(fd, NIOCSETOPT, &o) < 0 ? -1 : 0;
}

/* getsockopt: option NAME of LEVEL into VALUE, *LEN bytes at most (*LEN
 * becomes the option's size). 0, or -1 with errno. */
int getsockopt(int fd, int level, int name, void *value, socklen_t *len)
{
	struct net_sockopt o;
	if (!value || !len) {
		errno = EFAULT;
		return -1;
	}
	memset(&o, 0, sizeof(o));
	o.level = level;
	o.name = name;
	o.len = (int32_t) (*len < sizeof(o.value) ? *len : sizeof(o.value));
	if (sock_ioctl(fd, NIOCGETOPT, &o) < 0)
		return -1;
	socklen_t n = (socklen_t) o.len;
	if (n > sizeof(o.value))
		n = sizeof(o.value);
	memcpy(value, o.value, n < *len ? n : *len);
	*len = n;
	return 0;
}
