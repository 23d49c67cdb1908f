/* File metadata: stat, lstat, fstat (VFS_STAT, VFS_FSTAT) and access. */
#include <sys/stat.h>
#include <unistd.h>
#include "../internal.h"

/* stat: the metadata of the file PATH into *ST. Returns 0, or -1 with
 * errno. */
int stat(const char *path, struct stat *st)
{
	message m = { 0 };
	int r = __libc_path(path, &m.u.vfs_path.path_len);
	if (r < 0)
		return (int) __libc_ret(r);
	m.u.vfs_path.path = (vir_bytes) path;
	m.u.vfs_path.buf = (vir_bytes) st;
	return (int) __libc_ret(__libc_call(VFS_EP, VFS_STAT, &m));
}

/* lstat: stat (there are no symbolic links). */
int lstat(const char *path, struct stat *st)
{
	return stat(path, st);
}

/* fstat: the metadata of the file open as FD into *ST. Returns 0, or -1
 * with errno. */
int fstat(int fd, struct stat *st)
{
	message m = { 0 };
	m.u.vfs_io.fd = fd;
	m.u.vfs_io.buf = (vir_bytes) st;
	m.u.vfs_io.len = sizeof(*st);
	return (int) __libc_ret(__libc_call(VFS_EP, VFS_FSTAT, &m));
}

/* access: whether PATH exists (F_OK) and the caller's real user and
 * group may access it for MODE (R_OK, W_OK, X_OK), as VFS decides
 * (VFS_ACCESS). Returns 0, or -1 with errno (EACCES, ENOENT, ...). */
int access(const char *path, int mode)
{
	message m = { 0 };
	int r = __libc_path(path, &m.u.vfs_path.path_len);
	if (r < 0)
		return (int) __libc_ret(r);
	m.u.vfs_path.path = (vir_bytes) path;
	m.u.vfs_path.flags = mode;
	return (int) __libc_ret(__libc_call(VFS_EP, VFS_ACCESS, &m));
}
