/* VFS_MOUNT, VFS_UMOUNT, VFS_SYNC, VFS_STATFS and VFS_GETMNT: mounting
 * device file systems (the table is mount.c), writing them back, and
 * what df and mount show. */
#include <stddef.h>
#include <string.h>
#include "syslib.h"
#include "ds.h"
#include "vfs_server.h"

/* root_caller: P with its credentials loaded, if it runs as root: 0,
 * -EPERM, or perm_load's error. */
static int root_caller(struct vproc *p)
{
	int r = perm_load(p);
	if (r != 0)
		return r;
	return p->cred.euid == 0 ? 0 : -EPERM;
}

/* label_copy: the label at EP's ADDR into BUF (MNT_LABEL_MAX bytes).
 * -EINVAL (empty, or too long), -EFAULT. */
static int label_copy(endpoint_t ep, vir_bytes addr, char *buf)
{
	int n = sys_vircopy_str(ep, addr, buf, MNT_LABEL_MAX);
	if (n == -ENAMETOOLONG || n == 0)
		return -EINVAL;
	return n < 0 ? n : 0;
}

/* file_server: the endpoint of the file server LABEL (DS). -ENOENT (no
 * such label), -EINVAL (a boot service or a device driver: never a file
 * server VFS may wait on). */
static int file_server(const char *label, endpoint_t *fs)
{
	if (ds_retrieve_label_endpt(label, fs) != 0)
		return -ENOENT;
	if (*fs == NONE || *fs == VFS_EP ||
	    ep_slot(*fs) < BOOT_FIRST_FREE_SLOT || cdev_is_driver(*fs))
		return -EINVAL;
	return 0;
}

/* do_mount: VFS_MOUNT. Reads vfs_mount .dev, .dir, .label (NUL-terminated
 * strings of the caller), .flags (MNT_RDONLY). Root only. The device is
 * looked up (links followed) and must be a block special file; the
 * directory must not be a root or a mount point (a working directory
 * may be mounted on, as in Linux); the file server is found by label in
 * DS and asked FS_READSUPER with the label of the device's block driver.
 * Replies 0, -EPERM, -ENOTBLK, -ENOTDIR, -EBUSY, -ENOENT (no such file
 * or label), -ENXIO (no block driver for the major), -EINVAL (bad flags,
 * a bad label or one that is no file server), -ENOSPC (NR_MOUNTS in
 * use), -EIO (the server does not answer), -EFAULT, -ENAMETOOLONG, or
 * the server's answer. */
int do_mount(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	struct mess_vfs_mount req = m->u.vfs_mount;
	char devpath[PATH_MAX], dirpath[PATH_MAX], label[MNT_LABEL_MAX];
	char canon[CWD_MAX];
	struct vnode *vn;
	endpoint_t fs;
	if (!p)
		return -EINVAL;
	int r = root_caller(p);
	if (r == 0 && (req.flags & ~(uint32_t) MNT_RDONLY))
		r = -EINVAL;
	if (r == 0)
		r = path_copy(p->ep, req.dev, PATH_LEN_NUL, devpath);
	if (r == 0)
		r = path_copy(p->ep, req.dir, PATH_LEN_NUL, dirpath);
	if (r == 0)
		r = label_copy(p->ep, req.label, label);
	if (r == 0)
		r = path_lookup(p, devpath, &vn);
	if (r != 0)
		return r;
	uint32_t dev = vn->rdev;
	int blk = S_ISBLK(vn->mode);
	vnode_put(vn);
	if (!blk)
		return -ENOTBLK;
	r = path_resolve(p, dirpath, 0, &vn, canon);
	if (r != 0)
		return r;
	r = mount_check(vn, dev);
	if (r == 0)
		r = file_server(label, &fs);
	if (r == 0)
		r = mount_add(fs, label, dev, devpath, vn, canon, req.flags);
	vnode_put(vn);
	return r;
}

/* do_umount: VFS_UMOUNT. Reads vfs_mount .dir, .label (a buffer of
 * MNT_LABEL_MAX bytes, or 0). Root only. The file server's label is
 * written to LABEL first, then the file system is unmounted (FS_UNMOUNT).
 * Replies 0, -EPERM, -EINVAL (DIR is not where something is mounted),
 * -EBUSY (the root file system, or a file or working directory of the
 * mount is in use), -EFAULT, -ENOENT, -ENOTDIR, -ENAMETOOLONG, or the
 * server's answer to FS_UNMOUNT (-EIO when it is gone: the mount is
 * removed all the same). */
int do_umount(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	struct mess_vfs_mount req = m->u.vfs_mount;
	char dirpath[PATH_MAX];
	struct vnode *vn;
	if (!p)
		return -EINVAL;
	int r = root_caller(p);
	if (r == 0)
		r = path_copy(p->ep, req.dir, PATH_LEN_NUL, dirpath);
	if (r == 0)
		r = path_lookup(p, dirpath, &vn);
	if (r != 0)
		return r;
	struct vmnt *mnt = mount_rooted(vn);
	vnode_put(vn);
	if (!mnt)
		return -EINVAL;
	if (!mnt->covered || vnode_fs_refs(mnt->fs) > 1)
		return -EBUSY;
	if (req.label) {
		r = sys_vircopy(SELF, (vir_bytes) mnt->label, p->ep, req.label,
		    strlen(mnt->label) + 1);
		if (r != 0)
			return r;
	}
	return mount_remove(mnt);
}

/* do_sync: VFS_SYNC. Every mounted file system writes its changes back
 * (FS_SYNC; rootfs has nothing to write). Replies 0, or the first error
 * a file server gave (the others are synced all the same). */
int do_sync(message *m)
{
	(void) m;
	return mount_sync();
}

/* do_statfs: VFS_STATFS. Reads vfs_path .path, .path_len, .buf (struct
 * statfs *, out): the file server of the file PATH names (links
 * followed) writes its struct statfs there; for a mounted device VFS
 * then sets f_dev (its device) and, for a read-only mount, f_flags
 * MNT_RDONLY (a server that mounted read-only by itself says so too). Replies 0, -ENOENT, -ENOTDIR, -EACCES, -ENAMETOOLONG,
 * -EFAULT, -EIO (the server is gone), -EINVAL (a pipe). */
int do_statfs(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	char path[PATH_MAX];
	struct vnode *vn;
	if (!p)
		return -EINVAL;
	int r = path_lookup_user(p, m->u.vfs_path.path, m->u.vfs_path.path_len,
	    path, &vn);
	if (r != 0)
		return r;
	struct vmnt *mnt = mount_of_fs(vn->fs);
	r = fs_io(vn->fs, FS_STATFS, vn->ino, 0, sizeof(struct statfs), p->ep,
	    m->u.vfs_path.buf, NULL);
	vnode_put(vn);
	if (r == 0 && mnt && mnt->dev)
		r = sys_vircopy(SELF, (vir_bytes) &mnt->dev, p->ep,
		    m->u.vfs_path.buf + offsetof(struct statfs, f_dev),
		    sizeof(mnt->dev));
	if (r == 0 && mnt && (mnt->flags & MNT_RDONLY)) {
		uint32_t flags = MNT_RDONLY;
		r = sys_vircopy(SELF, (vir_bytes) &flags, p->ep,
		    m->u.vfs_path.buf + offsetof(struct statfs, f_flags),
		    sizeof(flags));
	}
	return r;
}

/* do_getmnt: VFS_GETMNT. Reads vfs_io .fd (an index from 0), .buf
 * (struct mnt_entry *, out): the INDEXth mount in use (0: the root file
 * system, dev 0, "none" on "/"). Replies 0, -ENOENT past the last one,
 * -EFAULT. */
int do_getmnt(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	int want = m->u.vfs_io.fd;
	if (!p)
		return -EINVAL;
	if (want < 0)
		return -ENOENT;
	for (int i = 0, n = 0; i < NR_MOUNTS; i++) {
		struct vmnt *mnt = mount_get(i);
		if (!mnt || n++ != want)
			continue;
		struct mnt_entry e;
		memset(&e, 0, sizeof(e));
		e.dev = mnt->dev;
		e.flags = mnt->flags;
		strlcpy(e.label, mnt->label, sizeof(e.label));
		strlcpy(e.dir, mnt->dir, sizeof(e.dir));
		strlcpy(e.devname, mnt->devname, sizeof(e.devname));
		return sys_vircopy(SELF, (vir_bytes) &e, p->ep, m->u.vfs_io.buf,
		    sizeof(e));
	}
	return -ENOENT;
}
