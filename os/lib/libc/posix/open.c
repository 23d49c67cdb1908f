/* Opening and closing descriptors: open, creat, close (VFS_OPEN,
 * VFS_CLOSE). */
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>
#include "../internal.h"

/* open: open PATH with FLAGS (O_*); with O_CREAT the third argument is the
 * new file's mode. Returns the lowest free descriptor, or -1 with errno. */
int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	message m = { 0 };
	int r = __libc_path(path, &m.u.vfs_path.path_len);
	if (r < 0)
		return (int) __libc_ret(r);
	m.u.vfs_path.path = (vir_bytes) path;
	m.u.vfs_path.flags = flags;
	m.u.vfs_path.mode = mode;
	return (int) __libc_ret(__libc_call(VFS_EP, VFS_OPEN, &m));
}

/* creat: open(PATH, O_WRONLY | O_CREAT | O_TRUNC, MODE). */
int creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

/* close: release descriptor FD. Returns 0, or -1 with errno (EBADF). */
int close(int fd)
{
	message m = { 0 };
	m.u.vfs_fd.fd = fd;
	return (int) __libc_ret(__libc_call(VFS_EP, VFS_CLOSE, &m));
}
