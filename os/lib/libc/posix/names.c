/* Operations on names in the file tree: mkdir, rmdir, unlink, rename,
 * link, symlink, readlink, mknod, truncate (VFS_MKDIR, VFS_RMDIR,
 * VFS_UNLINK, VFS_RENAME, VFS_LINK, VFS_SYMLINK, VFS_READLINK, VFS_MKNOD,
 * VFS_TRUNCATE). */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../internal.h"

/* path_call: send request TYPE for PATH with the other fields of M already
 * set. Returns 0 or the result, or -1 with errno. */
static int path_call(int type, const char *path, message *m)
{
	int r = __libc_path(path, &m->u.vfs_path.path_len);
	if (r < 0)
		return (int) __libc_ret(r);
	m->u.vfs_path.path = (vir_bytes) path;
	return (int) __libc_ret(__libc_call(VFS_EP, type, m));
}

/* mkdir: make the directory PATH with permission bits MODE. Returns 0, or
 * -1 with errno (EEXIST, ENOENT, ...). */
int mkdir(const char *path, mode_t mode)
{
	message m = { 0 };
	m.u.vfs_path.mode = mode;
	return path_call(VFS_MKDIR, path, &m);
}

/* rmdir: remove the empty directory PATH. Returns 0, or -1 with errno
 * (ENOTEMPTY, ENOTDIR, ...). */
int rmdir(const char *path)
{
	message m = { 0 };
	return path_call(VFS_RMDIR, path, &m);
}

/* unlink: remove the name PATH (not a directory). Returns 0, or -1 with
 * errno (EISDIR, ENOENT, ...). */
int unlink(const char *path)
{
	message m = { 0 };
	return path_call(VFS_UNLINK, path, &m);
}

/* rename: give the file OLD the name NEW_PATH (replacing a file there).
 * Returns 0, or -1 with errno. */
int rename(const char *old, const char *new_path)
{
	message m = { 0 };
	int r = __libc_path(new_path, &m.u.vfs_path.path2_len);
	if (r < 0)
		return (int) __libc_ret(r);
	m.u.vfs_path.path2 = (vir_bytes) new_path;
	return path_call(VFS_RENAME, old, &m);
}

/* link: give the file OLD a second name NEW_PATH (a hard link; not a
 * directory). Returns 0, or -1 with errno (EEXIST, ENOENT, EPERM, EACCES,
 * ENAMETOOLONG, ...). */
int link(const char *old, const char *new_path)
{
	message m = { 0 };
	int r = __libc_path(new_path, &m.u.vfs_path.path2_len);
	if (r < 0)
		return (int) __libc_ret(r);
	m.u.vfs_path.path2 = (vir_bytes) new_path;
	return path_call(VFS_LINK, old, &m);
}

/* symlink: make NEW_PATH a symbolic link holding TARGET (not looked up:
 * it may name nothing yet). Returns 0, or -1 with errno (EEXIST, ENOENT,
 * EACCES, ENAMETOOLONG, EROFS, ...). */
int symlink(const char *target, const char *new_path)
{
	message m = { 0 };
	int r = __libc_path(new_path, &m.u.vfs_path.path2_len);
	if (r < 0)
		return (int) __libc_ret(r);
	m.u.vfs_path.path2 = (vir_bytes) new_path;
	return path_call(VFS_SYMLINK, target, &m);
}

/* readlink: the contents of the symbolic link PATH into BUF (SIZE bytes,
 * no NUL added; cut at SIZE). Returns the bytes written, or -1 with errno
 * (EINVAL: not a link; ENOENT, EFAULT, ...). */
ssize_t readlink(const char *path, char *buf, size_t size)
{
	message m = { 0 };
	if (size == 0 || size > 0x7fffffffu)
		return __libc_ret(-EINVAL);
	m.u.vfs_path.buf = (vir_bytes) buf;
	m.u.vfs_path.flags = (int) size;
	return path_call(VFS_READLINK, path, &m);
}

/* mknod: make the special file PATH: MODE is S_IFCHR, S_IFBLK or S_IFIFO
 * with permission bits, DEV its DEV_MAKE(major, minor). Returns 0, or -1
 * with errno. */
int mknod(const char *path, mode_t mode, dev_t dev)
{
	message m = { 0 };
	m.u.vfs_path.mode = mode;
	m.u.vfs_path.dev = dev;
	return path_call(VFS_MKNOD, path, &m);
}

/* truncate: set the size of the file PATH to LENGTH bytes (zeros when it
 * grows). Returns 0, or -1 with errno. */
int truncate(const char *path, off_t length)
{
	if (length < 0)
		return (int) __libc_ret(-EINVAL);
	message m = { 0 };
	m.u.vfs_path.flags = length;
	return path_call(VFS_TRUNCATE, path, &m);
}
