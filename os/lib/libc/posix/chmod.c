/* A file's permission bits and owner, and the creation mask: chmod,
 * fchmod, chown, fchown, umask (VFS_CHMOD, VFS_FCHMOD, VFS_CHOWN,
 * VFS_FCHOWN, VFS_UMASK). VFS decides who may (EPERM, EACCES). */
#include <sys/stat.h>
#include <unistd.h>
#include "../internal.h"

/* attr_path: send request TYPE about PATH with the other fields of M
 * already set. Returns 0, or -1 with errno. */
static int attr_path(int type, const char *path, message *m)
{
	int r = __libc_path(path, &m->u.vfs_attr.path_len);
	if (r < 0)
		return (int) __libc_ret(r);
	m->u.vfs_attr.path = (vir_bytes) path;
	return (int) __libc_ret(__libc_call(VFS_EP, type, m));
}

/* chmod: set the permission bits (07777) of the file PATH to MODE. Only
 * its owner or root may. Returns 0, or -1 with errno (EPERM, EINVAL,
 * ENOENT, EACCES, ...). */
int chmod(const char *path, mode_t mode)
{
	message m = { 0 };
	m.u.vfs_attr.mode = mode;
	return attr_path(VFS_CHMOD, path, &m);
}

/* fchmod: chmod of the file open as FD. */
int fchmod(int fd, mode_t mode)
{
	message m = { 0 };
	m.u.vfs_attr.fd = fd;
	m.u.vfs_attr.mode = mode;
	return (int) __libc_ret(__libc_call(VFS_EP, VFS_FCHMOD, &m));
}

/* chown: make UID the owner and GID the group of the file PATH ((uid_t)
 * -1, (gid_t) -1: unchanged). Root may do anything; the owner may only
 * change the group to its own effective group. Returns 0, or -1 with
 * errno (EPERM, ENOENT, EACCES, ...). */
int chown(const char *path, uid_t uid, gid_t gid)
{
	message m = { 0 };
	m.u.vfs_attr.uid = uid;
	m.u.vfs_attr.gid = gid;
	return attr_path(VFS_CHOWN, path, &m);
}

/* fchown: chown of the file open as FD. */
int fchown(int fd, uid_t uid, gid_t gid)
{
	message m = { 0 };
	m.u.vfs_attr.fd = fd;
	m.u.vfs_attr.uid = uid;
	m.u.vfs_attr.gid = gid;
	return (int) __libc_ret(__libc_call(VFS_EP, VFS_FCHOWN, &m));
}

/* umask: the caller's file-creation mask becomes MASK & 0777 (these
 * permission bits are taken out of every file and directory it creates;
 * children inherit it). Returns the previous mask (022 at first). */
mode_t umask(mode_t mask)
{
	message m = { 0 };
	m.u.vfs_attr.mode = mask;
	long r = __libc_call(VFS_EP, VFS_UMASK, &m);
	return r < 0 ? 022 : (mode_t) r;
}
