/* Mounted file systems: mount, umount, getmnt (VFS_MOUNT, VFS_UMOUNT,
 * VFS_GETMNT), statfs (VFS_STATFS) and sync (VFS_SYNC). */
#include <sys/mount.h>
#include <sys/statfs.h>
#include <unistd.h>
#include "../internal.h"

/* mount: see <sys/mount.h>. The strings go as addresses: VFS copies them
 * and answers EFAULT for a bad one. */
int mount(const char *dev, const char *dir, const char *label, int flags)
{
	message m = { 0 };
	if (!dev || !dir || !label)
		return (int) __libc_ret(-EFAULT);
	m.u.vfs_mount.dev = (vir_bytes) dev;
	m.u.vfs_mount.dir = (vir_bytes) dir;
	m.u.vfs_mount.label = (vir_bytes) label;
	m.u.vfs_mount.flags = (uint32_t) flags;
	return (int) __libc_ret(__libc_call(VFS_EP, VFS_MOUNT, &m));
}

/* umount: see <sys/mount.h>. */
int umount(const char *dir, char *label)
{
	message m = { 0 };
	if (!dir)
		return (int) __libc_ret(-EFAULT);
	m.u.vfs_mount.dir = (vir_bytes) dir;
	m.u.vfs_mount.label = (vir_bytes) label;
	return (int) __libc_ret(__libc_call(VFS_EP, VFS_UMOUNT, &m));
}

/* getmnt: see <sys/mount.h>. */
int getmnt(int index, struct mnt_entry *e)
{
	message m = { 0 };
	m.u.vfs_io.fd = index;
	m.u.vfs_io.buf = (vir_bytes) e;
	m.u.vfs_io.len = sizeof(*e);
	return (int) __libc_ret(__libc_call(VFS_EP, VFS_GETMNT, &m));
}

/* statfs: see <sys/statfs.h>. */
int statfs(const char *path, struct statfs *sf)
{
	message m = { 0 };
	int r = __libc_path(path, &m.u.vfs_path.path_len);
	if (r < 0)
		return (int) __libc_ret(r);
	m.u.vfs_path.path = (vir_bytes) path;
	m.u.vfs_path.buf = (vir_bytes) sf;
	return (int) __libc_ret(__libc_call(VFS_EP, VFS_STATFS, &m));
}

/* sync: every mounted file system writes its changes back to its device
 * (VFS_SYNC); done when it returns. Errors are not reported (POSIX's
 * void sync). */
void sync(void)
{
	message m = { 0 };
	__libc_call(VFS_EP, VFS_SYNC, &m);
}
