/* Waiting for descriptors: poll (VFS_POLL) and select, built on it. */
#include <poll.h>
#include <sys/select.h>
#include "../internal.h"

/* poll: wait until one of the NFDS entries of FDS is ready (their revents
 * say what), TIMEOUT milliseconds pass (< 0: no limit; 0: do not wait) or
 * a signal comes. Returns the entries ready (0: timeout), or -1 with
 * errno (EINTR, EFAULT, EINVAL: NFDS > POLL_MAX). */
int poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	message m = { 0 };
	m.u.vfs_poll.fds = (vir_bytes) fds;
	m.u.vfs_poll.nfds = nfds;
	m.u.vfs_poll.timeout = timeout;
	return (int) __libc_ret(__libc_call(VFS_EP, VFS_POLL, &m));
}

/* timeout_ms: TV as poll's milliseconds, rounded up (NULL: -1). -2 for a
 * negative time. */
static int timeout_ms(const struct timeval *tv)
{
	if (!tv)
		return -1;
	if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= 1000000)
		return -2;
	long long ms = (long long) tv->tv_sec * 1000 + (tv->tv_usec + 999) / 1000;
	return ms > 0x7fffffff ? 0x7fffffff : (int) ms;
}

/* select: see <sys/select.h>. */
int select(int nfds, fd_set *read, fd_set *write, fd_set *except,
    struct timeval *timeout)
{
	struct pollfd fds[FD_SETSIZE];
	int ms = timeout_ms(timeout);
	if (nfds < 0 || nfds > FD_SETSIZE || ms == -2) {
		errno = EINVAL;
		return -1;
	}
	nfds_t n = 0;
	for (int fd = 0; fd < nfds; fd++) {
		short ev = 0;
		if (read && FD_ISSET(fd, read))
			ev |= POLLIN;
		if (write && FD_ISSET(fd, write))
			ev |= POLLOUT;
		if (except && FD_ISSET(fd, except))
			ev |= POLLPRI;
		if (ev)
			fds[n++] = (struct pollfd) { fd, ev, 0 };
	}
	int r = poll(fds, n, ms);
	if (r < 0)
		return -1;
	for (nfds_t i = 0; i < n; i++) {
		if (fds[i].revents & POLLNVAL) {
			errno = EBADF;
			return -1;
		}
	}
	if (read)
		FD_ZERO(read);
	if (write)
		FD_ZERO(write);
	if (except)
		FD_ZERO(except);
	int count = 0;
	for (nfds_t i = 0; i < n; i++) {
		short ev = fds[i].events, rev = fds[i].revents;
		if ((ev & POLLIN) && (rev & (POLLIN | POLLHUP | POLLERR))) {
			FD_SET(fds[i].fd, read);
			count++;
		}
		if ((ev & POLLOUT) && (rev & (POLLOUT | POLLERR))) {
			FD_SET(fds[i].fd, write);
			count++;
		}
		if ((ev & POLLPRI) && (rev & POLLPRI)) {
			FD_SET(fds[i].fd, except);
			count++;
		}
	}
	return count;
}
