/* A file's times: utime (VFS_UTIME). */
#include <utime.h>
#include "../internal.h"

/* utime: set the access and modification times of the file PATH to
 * TIMES, or both to now when TIMES is NULL. Given times: only the owner
 * or root (EPERM); now: also anyone who may write the file (EACCES
 * otherwise). The change time becomes now. Returns 0, or -1 with errno
 * (EPERM, EACCES, ENOENT, ENOTDIR, EFAULT, ...). */
int utime(const char *path, const struct utimbuf *times)
{
	message m = { 0 };
	int r = __libc_path(path, &m.u.vfs_utime.path_len);
	if (r < 0)
		return (int) __libc_ret(r);
	m.u.vfs_utime.path = (vir_bytes) path;
	if (times) {
		if (times->actime < 0 || times->modtime < 0)
			return (int) __libc_ret(-EINVAL);
		m.u.vfs_utime.atime = (uint32_t) times->actime;
		m.u.vfs_utime.mtime = (uint32_t) times->modtime;
	} else
		m.u.vfs_utime.now = 1;
	return (int) __libc_ret(__libc_call(VFS_EP, VFS_UTIME, &m));
}
