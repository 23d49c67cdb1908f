/* VFS_STAT, VFS_FSTAT, VFS_TRUNCATE and VFS_GETDENTS: metadata, sizes
 * and directory listings. */
#include <stddef.h>
#include <string.h>
#include "syslib.h"
#include "vfs_server.h"

/* stat_vnode: see vfs_server.h. The file system writes it for its
 * inodes, VFS then puts the mount's device in st_dev (a mounted file
 * system; rootfs keeps its own); VFS writes it for pipes and for the
 * units of cloning devices (the device file's inode and mode, the unit's
 * rdev). */
int stat_vnode(struct vproc *p, struct vnode *vn, vir_bytes buf)
{
	if (!vn->pipe && vn->fs != NONE) {
		int r = fs_io(vn->fs, FS_STAT, vn->ino, 0, 0, p->ep, buf, NULL);
		struct vmnt *mnt = mount_of_fs(vn->fs);
		if (r == 0 && mnt && mnt->dev) {
			uint32_t dev = mnt->dev;
			r = sys_vircopy(SELF, (vir_bytes) &dev, p->ep,
			    buf + offsetof(struct stat, st_dev), sizeof(dev));
		}
		return r;
	}
	struct stat st;
	memset(&st, 0, sizeof(st));
	st.st_mode = vn->mode;
	st.st_uid = vn->uid;
	st.st_gid = vn->gid;
	st.st_nlink = 1;
	if (vn->pipe) {
		st.st_size = (int32_t) vn->pipe->count;
	} else {                       /* a cloned device unit */
		st.st_ino = vn->clone_ino;
		st.st_rdev = vn->rdev;
	}
	return sys_vircopy(SELF, (vir_bytes) &st, p->ep, buf, sizeof(st));
}

/* do_stat: VFS_STAT. Reads vfs_path .path, .path_len, .buf (struct stat
 * *, out). Replies 0, -ENAMETOOLONG, -EFAULT, -ENOENT, -ENOTDIR. */
int do_stat(message *m)
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
	r = stat_vnode(p, vn, m->u.vfs_path.buf);
	vnode_put(vn);
	return r;
}

/* do_fstat: VFS_FSTAT. Reads vfs_io .fd, .buf (struct stat *, out); a
 * pipe is S_IFIFO with the bytes it holds as size. Replies 0, -EBADF,
 * -EFAULT. */
int do_fstat(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	struct filp *f = p ? fd_get(p, m->u.vfs_io.fd) : NULL;
	if (!f)
		return -EBADF;
	return stat_vnode(p, f->vn, m->u.vfs_io.buf);
}

/* do_truncate: VFS_TRUNCATE. Reads vfs_path .path, .path_len, .flags (the
 * new size). Replies 0, -EINVAL (negative size, not a regular file),
 * -EISDIR, -ENAMETOOLONG, -EFAULT, -ENOENT, -ENOTDIR, -ENOSPC, -EACCES
 * (no write permission). */
int do_truncate(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	int32_t size = m->u.vfs_path.flags;
	char path[PATH_MAX];
	struct vnode *vn;
	if (!p)
		return -EINVAL;
	int r = path_lookup_user(p, m->u.vfs_path.path, m->u.vfs_path.path_len,
	    path, &vn);
	if (r != 0)
		return r;
	if (S_ISDIR(vn->mode))
		r = -EISDIR;
	else if (!S_ISREG(vn->mode) || size < 0)
		r = -EINVAL;
	else if ((r = perm_vnode(p, vn, PERM_W)) == 0)
		r = fs_io(vn->fs, FS_TRUNCATE, vn->ino, size, 0, NONE, 0, NULL);
	if (r == 0)
		vn->size = size;
	vnode_put(vn);
	return r;
}

/* do_getdents: VFS_GETDENTS. Reads vfs_io .fd (an open directory), .buf,
 * .len: as many struct dirent records as fit, "." and ".." first, going
 * on from where the last call stopped. Replies the bytes (0 at the end),
 * -EBADF, -ENOTDIR, -EINVAL (LEN below one record), -EFAULT. */
int do_getdents(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	struct filp *f = p ? fd_get(p, m->u.vfs_io.fd) : NULL;
	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->vn->mode))
		return -ENOTDIR;
	int32_t pos;
	int r = fs_io(f->vn->fs, FS_GETDENTS, f->vn->ino, f->pos, m->u.vfs_io.len, p->ep,
	    m->u.vfs_io.buf, &pos);
	if (r >= 0)
		f->pos = pos;
	return r;
}
