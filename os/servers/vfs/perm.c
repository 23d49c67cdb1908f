/* Who may do what to a file: the one place VFS decides. The owner, group
 * and other permission bits (one set applies: the owner's if the caller's
 * effective uid owns the file, else the group's if its effective gid is
 * the file's group, else the others'); root (euid 0) may read and write
 * anything and search any directory, but executes a file only if some x
 * bit is set; the sticky bit of a directory; who may change a file's mode
 * and owner. Credentials are the kernel's mirror of PM's (sys_getcred),
 * read afresh for each request: VFS never asks PM. */
#include "syslib.h"
#include "vfs_server.h"

/* perm_load: see vfs_server.h. */
int perm_load(struct vproc *p)
{
	return sys_getcred(p->ep, &p->cred);
}

/* perm_check: see vfs_server.h. */
int perm_check(const struct proc_cred *c, uint32_t mode, uint32_t uid,
    uint32_t gid, int want)
{
	if (c->euid == 0) {
		if ((want & PERM_X) && !S_ISDIR(mode) && !(mode & 0111))
			return -EACCES;
		return 0;
	}
	uint32_t bits;
	if (c->euid == uid)
		bits = (mode >> 6) & 7;
	else if (c->egid == gid)
		bits = (mode >> 3) & 7;
	else
		bits = mode & 7;
	return ((uint32_t) want & ~bits) ? -EACCES : 0;
}

/* perm_vnode: see vfs_server.h. */
int perm_vnode(const struct vproc *p, const struct vnode *vn, int want)
{
	return perm_check(&p->cred, vn->mode, vn->uid, vn->gid, want);
}

/* perm_remove: see vfs_server.h. */
int perm_remove(const struct vproc *p, const struct vnode *dir,
    const char *name, struct mess_fs_node *entry)
{
	if (entry)
		entry->ino = 0;
	int r = perm_vnode(p, dir, PERM_W | PERM_X);
	if (r != 0 || p->cred.euid == 0)
		return r;
	int sticky = (dir->mode & S_ISVTX) && p->cred.euid != dir->uid;
	if (!sticky && !entry)
		return 0;
	struct mess_fs_node n;
	r = fs_lookup(dir->fs, dir->ino, name, &n);
	if (r != 0)
		return r;
	fs_putnode(dir->fs, n.ino, 1);
	if (entry)
		*entry = n;
	return sticky && n.uid != p->cred.euid ? -EPERM : 0;
}

/* perm_chmod: see vfs_server.h. */
int perm_chmod(const struct vproc *p, const struct vnode *vn,
    uint32_t *perm)
{
	if (p->cred.euid == 0)
		return 0;
	if (p->cred.euid != vn->uid)
		return -EPERM;
	if (p->cred.egid != vn->gid)
		*perm &= ~(uint32_t) S_ISGID;
	return 0;
}

/* perm_chown: see vfs_server.h. */
int perm_chown(const struct vproc *p, const struct vnode *vn, uint32_t uid,
    uint32_t gid)
{
	if (p->cred.euid == 0)
		return 0;
	if (p->cred.euid != vn->uid ||
	    (uid != FS_KEEP_ID && uid != vn->uid) ||
	    (gid != FS_KEEP_ID && gid != vn->gid && gid != p->cred.egid))
		return -EPERM;
	return 0;
}

/* perm_utime: see vfs_server.h. */
int perm_utime(const struct vproc *p, const struct vnode *vn, int now)
{
	if (p->cred.euid == 0 || p->cred.euid == vn->uid)
		return 0;
	if (!now)
		return -EPERM;
	return perm_vnode(p, vn, PERM_W);
}
