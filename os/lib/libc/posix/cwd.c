/* The working directory: chdir, getcwd (VFS_CHDIR, VFS_GETCWD). */
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>
#include "../internal.h"

/* chdir: make PATH the working directory. Returns 0, or -1 with errno. */
int chdir(const char *path)
{
	message m = { 0 };
	int r = __libc_path(path, &m.u.vfs_path.path_len);
	if (r < 0)
		return (int) __libc_ret(r);
	m.u.vfs_path.path = (vir_bytes) path;
	return (int) __libc_ret(__libc_call(VFS_EP, VFS_CHDIR, &m));
}

/* getcwd: the absolute path of the working directory into BUF of SIZE
 * bytes (a deep directory's path may be longer than PATH_MAX, up to
 * CWD_MAX). With BUF NULL a buffer of SIZE bytes (CWD_MAX when SIZE is 0)
 * is malloc'ed for it. Returns the buffer, or NULL with errno (ERANGE: SIZE
 * too small; EINVAL: SIZE 0 with a BUF). */
char *getcwd(char *buf, size_t size)
{
	char *mine = NULL;
	if (!buf) {
		if (size == 0)
			size = CWD_MAX;
		buf = mine = malloc(size);
		if (!buf)
			return NULL;
	} else if (size == 0) {
		errno = EINVAL;
		return NULL;
	}
	message m = { 0 };
	m.u.vfs_io.buf = (vir_bytes) buf;
	m.u.vfs_io.len = size;
	if (__libc_ret(__libc_call(VFS_EP, VFS_GETCWD, &m)) < 0) {
		free(mine);
		return NULL;
	}
	return buf;
}
