/* VFS_CHMOD, VFS_CHOWN, VFS_FCHMOD, VFS_FCHOWN, VFS_UMASK, VFS_ACCESS and
 * VFS_UTIME: a file's permission bits and owner, the mask new files are
 * made with, the permission question asked with the real ids, and a
 * file's times. Who may: perm.c. */
#include "vfs_server.h"

/* attr_path: the vnode (a reference) of the path in M's vfs_attr, P's
 * credentials loaded. */
static int attr_path(struct vproc *p, const message *m, struct vnode **vn)
{
	char path[PATH_MAX];
	return path_lookup_user(p, m->u.vfs_attr.path, m->u.vfs_attr.path_len,
	    path, vn);
}

/* attr_fd: the vnode (a new reference) of descriptor M's vfs_attr .fd,
 * P's credentials loaded. -EBADF, or -EINVAL for a pipe (it has no
 * inode to change). */
static int attr_fd(struct vproc *p, const message *m, struct vnode **vn)
{
	struct filp *f = fd_get(p, m->u.vfs_attr.fd);
	if (!f)
		return -EBADF;
	if (f->vn->pipe)
		return -EINVAL;
	int r = perm_load(p);
	if (r != 0)
		return r;
	*vn = f->vn;
	vnode_ref(*vn);
	return 0;
}

/* take_node: VN follows the file system's new state N of its inode. */
static void take_node(struct vnode *vn, const struct mess_fs_node *n)
{
	vn->mode = n->mode;
	vn->uid = n->uid;
	vn->gid = n->gid;
}

/* chmod_vnode: set VN's permission bits to M's vfs_attr .mode for P
 * (perm_chmod decides). Drops the reference on VN. */
static int chmod_vnode(struct vproc *p, struct vnode *vn, const message *m)
{
	uint32_t perm = m->u.vfs_attr.mode;
	struct mess_fs_node n;
	int r = perm & ~07777u ? -EINVAL : perm_chmod(p, vn, &perm);
	if (r == 0)
		r = fs_chmod(vn->fs, vn->ino, perm, &n);
	if (r == 0)
		take_node(vn, &n);
	vnode_put(vn);
	return r;
}

/* chown_vnode: give VN M's vfs_attr .uid and .gid (0xffffffff: keep) for
 * P (perm_chown decides). A non-root caller's change clears S_ISUID and
 * S_ISGID of a file that is not a directory. Drops the reference on VN. */
static int chown_vnode(struct vproc *p, struct vnode *vn, const message *m)
{
	uint32_t uid = m->u.vfs_attr.uid, gid = m->u.vfs_attr.gid;
	struct mess_fs_node n;
	int r = perm_chown(p, vn, uid, gid);
	if (r == 0)
		r = fs_chown(vn->fs, vn->ino, uid, gid, &n);
	if (r == 0) {
		take_node(vn, &n);
		if (p->cred.euid != 0 && !S_ISDIR(vn->mode) &&
		    (vn->mode & (S_ISUID | S_ISGID))) {
			r = fs_chmod(vn->fs, vn->ino, vn->mode & 07777 &
			    ~(uint32_t) (S_ISUID | S_ISGID), &n);
			if (r == 0)
				take_node(vn, &n);
		}
	}
	vnode_put(vn);
	return r;
}

/* do_chmod: VFS_CHMOD. Reads vfs_attr .path, .path_len, .mode (the new
 * permission bits). Replies 0, -EPERM (not the owner or root), -EINVAL
 * (bits outside 07777), -EACCES (a directory on the way), -ENOENT,
 * -ENOTDIR, -ENAMETOOLONG, -EFAULT. */
int do_chmod(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	struct vnode *vn;
	if (!p)
		return -EINVAL;
	int r = attr_path(p, m, &vn);
	return r != 0 ? r : chmod_vnode(p, vn, m);
}

/* do_chown: VFS_CHOWN. Reads vfs_attr .path, .path_len, .uid, .gid
 * (0xffffffff: unchanged). Replies 0, -EPERM (perm_chown), -EACCES,
 * -ENOENT, -ENOTDIR, -ENAMETOOLONG, -EFAULT. */
int do_chown(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	struct vnode *vn;
	if (!p)
		return -EINVAL;
	int r = attr_path(p, m, &vn);
	return r != 0 ? r : chown_vnode(p, vn, m);
}

/* do_fchmod: VFS_FCHMOD. Reads vfs_attr .fd, .mode. Replies as
 * VFS_CHMOD, or -EBADF, -EINVAL (a pipe). */
int do_fchmod(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	struct vnode *vn;
	if (!p)
		return -EBADF;
	int r = attr_fd(p, m, &vn);
	return r != 0 ? r : chmod_vnode(p, vn, m);
}

/* do_fchown: VFS_FCHOWN. Reads vfs_attr .fd, .uid, .gid. Replies as
 * VFS_CHOWN, or -EBADF, -EINVAL (a pipe). */
int do_fchown(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	struct vnode *vn;
	if (!p)
		return -EBADF;
	int r = attr_fd(p, m, &vn);
	return r != 0 ? r : chown_vnode(p, vn, m);
}

/* do_umask: VFS_UMASK. Reads vfs_attr .mode: the caller's new mask (its
 * 0777 bits). Replies the old mask. */
int do_umask(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	if (!p)
		return -EINVAL;
	uint32_t old = p->umask;
	p->umask = m->u.vfs_attr.mode & 0777;
	return (int) old;
}

/* do_access: VFS_ACCESS. Reads vfs_path .path, .path_len, .flags (R_OK,
 * W_OK, X_OK bits; 0: does it exist). The file's permission bits are
 * checked with the caller's real uid and gid (the directories on the way
 * with the effective ones). Replies 0, -EACCES, -EINVAL (other bits),
 * -ENOENT, -ENOTDIR, -ENAMETOOLONG, -EFAULT. */
int do_access(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	int want = m->u.vfs_path.flags;
	char path[PATH_MAX];
	struct vnode *vn;
	if (!p)
		return -EINVAL;
	if (want & ~(PERM_R | PERM_W | PERM_X))
		return -EINVAL;
	int r = path_lookup_user(p, m->u.vfs_path.path, m->u.vfs_path.path_len,
	    path, &vn);
	if (r != 0)
		return r;
	struct proc_cred real = p->cred;
	real.euid = real.ruid;
	real.egid = real.rgid;
	r = perm_check(&real, vn->mode, vn->uid, vn->gid, want);
	vnode_put(vn);
	return r;
}

/* do_utime: VFS_UTIME. Reads vfs_utime .path, .path_len, .now (1: both
 * times become now) or .atime and .mtime. Replies 0, -EPERM (given times,
 * not the owner or root), -EACCES (now, neither the owner nor root nor
 * allowed to write; or a directory on the way), -ENOENT, -ENOTDIR,
 * -ENAMETOOLONG, -EFAULT. */
int do_utime(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	char path[PATH_MAX];
	struct vnode *vn;
	if (!p)
		return -EINVAL;
	int now = m->u.vfs_utime.now != 0;
	int r = path_lookup_user(p, m->u.vfs_utime.path,
	    m->u.vfs_utime.path_len, path, &vn);
	if (r != 0)
		return r;
	r = perm_utime(p, vn, now);
	if (r == 0)
		r = fs_utime(vn->fs, vn->ino, now, m->u.vfs_utime.atime,
		    m->u.vfs_utime.mtime);
	vnode_put(vn);
	return r;
}
