/* Reading and writing descriptors: read, write (VFS_READ, VFS_WRITE). */
#include <unistd.h>
#include "../internal.h"

/* read: up to N bytes from FD into BUF. Returns the bytes read (0 at the
 * end of the file), or -1 with errno. */
ssize_t read(int fd, void *buf, size_t n)
{
	message m;      /* VFS reads only these fields: no zeroing */
	m.u.vfs_io.fd = fd;
	m.u.vfs_io.buf = (vir_bytes) buf;
	m.u.vfs_io.len = n;
	return __libc_ret(__libc_call(VFS_EP, VFS_READ, &m));
}

/* __libc_write: see internal.h. */
long __libc_write(int fd, const void *buf, size_t len, int *ipc)
{
	message m;      /* VFS reads only the fields set here: no zeroing */
	m.m_type = VFS_WRITE;
	m.u.vfs_io.fd = fd;
	m.u.vfs_io.buf = (vir_bytes) buf;
	m.u.vfs_io.len = len;
	*ipc = ipc_sendrec(VFS_EP, &m);
	if (*ipc < 0)
		return *ipc;
	if (m.m_type == -EPIPE)
		kill(getpid(), SIGPIPE);
	return m.m_type;
}

/* write: N bytes of BUF to FD. Returns the bytes written (maybe fewer),
 * or -1 with errno; writing to a pipe nobody reads raises SIGPIPE, then
 * fails with EPIPE. */
ssize_t write(int fd, const void *buf, size_t n)
{
	int ipc;
	return __libc_ret(__libc_write(fd, buf, n, &ipc));
}
