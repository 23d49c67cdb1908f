/* File metadata: stat, lstat, fstat (VFS_STAT, VFS_LSTAT, VFS_FSTAT) and
 * access. */
#include <sys/stat.h>
#include <unistd.h>
#include "../internal.h"

/* stat_call: request TYPE (VFS_STAT or VFS_LSTAT) for PATH into *ST. */
static int stat_call(int type, const char *path, struct stat *st)
{
	message m = { 0 };
	int r = __libc_path(path, &m.u.vfs_path.path_len);
	if (r < 0)
		return (int) __libc_ret(r);
	m.u.vfs_path.path = (vir_bytes) path;
	m.u.vfs_path.buf = (vir_bytes) st;
	return (int) __libc_ret(__libc_call(VFS_EP, type, &m));
}

/* stat: the metadata of the file PATH names (symbolic links followed)
 * into *ST. Returns 0, or -1 with errno. */
int stat(const char *path, struct stat *st)
{
	return stat_call(VFS_STAT, path, st);
}

/* lstat: stat, but a symbolic link as PATH's last component is described
 * itself (S_IFLNK, st_size the length of its contents). Returns 0, or -1
 * with errno. */
int lstat(const char *path, struct stat *st)
{
	return stat_call(VFS_LSTAT, path, st);
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
