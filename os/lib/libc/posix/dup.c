/* Descriptor plumbing: dup, dup2, pipe, fcntl (VFS_DUP, VFS_PIPE,
 * VFS_FCNTL). */
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>
#include "../internal.h"

/* dup: a new descriptor (the lowest free) for FD's open file. Returns it,
 * or -1 with errno (EBADF, EMFILE). */
int dup(int fd)
{
	message m = { 0 };
	m.u.vfs_fd.fd = fd;
	m.u.vfs_fd.fd2 = -1;
	return (int) __libc_ret(__libc_call(VFS_EP, VFS_DUP, &m));
}

/* dup2: make FD2 a descriptor for FD's open file (closing what FD2 was
 * first; nothing happens when they are equal). Returns FD2, or -1 with
 * errno (EBADF). */
int dup2(int fd, int fd2)
{
	if (fd2 < 0)
		return (int) __libc_ret(-EBADF);
	message m = { 0 };
	m.u.vfs_fd.fd = fd;
	m.u.vfs_fd.fd2 = fd2;
	return (int) __libc_ret(__libc_call(VFS_EP, VFS_DUP, &m));
}

/* pipe: a new pipe: FDS[0] reads what FDS[1] writes. VFS writes FDS
 * itself (libc never touches it), so a bad pointer is EFAULT, not a
 * crash. Returns 0, or -1 with errno (EMFILE, ENFILE, EFAULT). */
int pipe(int fds[2])
{
	message m = { 0 };
	if (!fds)
		return (int) __libc_ret(-EFAULT);
	m.u.vfs_io.buf = (vir_bytes) fds;
	return (int) __libc_ret(__libc_call(VFS_EP, VFS_PIPE, &m));
}

/* fcntl: CMD on FD: F_DUPFD (lowest free descriptor >= the argument),
 * F_GETFD/F_SETFD (FD_CLOEXEC), F_GETFL/F_SETFL (O_* flags; only
 * O_APPEND and O_NONBLOCK change). The third argument is an int when CMD
 * takes one. Returns the value asked for or 0, or -1 with errno. */
int fcntl(int fd, int cmd, ...)
{
	int arg = 0;
	if (cmd == F_DUPFD || cmd == F_SETFD || cmd == F_SETFL) {
		va_list ap;
		va_start(ap, cmd);
		arg = va_arg(ap, int);
		va_end(ap);
	}
	message m = { 0 };
	m.u.vfs_fd.fd = fd;
	m.u.vfs_fd.fd2 = cmd;
	m.u.vfs_fd.arg = arg;
	return (int) __libc_ret(__libc_call(VFS_EP, VFS_FCNTL, &m));
}
