/* Device control and terminals: ioctl (VFS_IOCTL), isatty, tcgetattr,
 * tcsetattr, tcgetpgrp, tcsetpgrp. */
#include <stdarg.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include "../internal.h"

/* ioctl: device request REQUEST (abi/termios.h) on FD; the third argument
 * is a pointer to the request's data. Returns the driver's result (>= 0),
 * or -1 with errno (ENOTTY: not a device that knows REQUEST). */
int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	va_start(ap, request);
	void *arg = va_arg(ap, void *);
	va_end(ap);
	message m = { 0 };
	m.u.vfs_ioctl.fd = fd;
	m.u.vfs_ioctl.request = (uint32_t) request;
	m.u.vfs_ioctl.arg = (vir_bytes) arg;
	return (int) __libc_ret(__libc_call(VFS_EP, VFS_IOCTL, &m));
}

/* isatty: 1 when FD is a terminal (TCGETS works on it), else 0 with errno
 * (ENOTTY, EBADF). */
int isatty(int fd)
{
	struct termios t;
	if (ioctl(fd, TCGETS, &t) < 0) {
		if (errno != EBADF)
			errno = ENOTTY;
		return 0;
	}
	return 1;
}

/* tcgetattr: FD's terminal attributes into *T. Returns 0, or -1 with
 * errno. */
int tcgetattr(int fd, struct termios *t)
{
	return ioctl(fd, TCGETS, t) < 0 ? -1 : 0;
}

/* tcsetattr: set FD's terminal attributes from *T (at once, whatever
 * ACTIONS says: TCSANOW, TCSADRAIN, TCSAFLUSH). Returns 0, or -1 with
 * errno. */
int tcsetattr(int fd, int actions, const struct termios *t)
{
	if (actions != TCSANOW && actions != TCSADRAIN && actions != TCSAFLUSH)
		return (int) __libc_ret(-EINVAL);
	return ioctl(fd, TCSETS, t) < 0 ? -1 : 0;
}

/* tcgetpgrp: the foreground process group of the terminal FD, or -1 with
 * errno. */
pid_t tcgetpgrp(int fd)
{
	int32_t pgrp;
	return ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

/* tcsetpgrp: make PGRP the foreground process group of the terminal FD.
 * Returns 0, or -1 with errno. */
int tcsetpgrp(int fd, pid_t pgrp)
{
	int32_t g = pgrp;
	return ioctl(fd, TIOCSPGRP, &g) < 0 ? -1 : 0;
}
