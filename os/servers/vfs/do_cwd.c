/* VFS_CHDIR and VFS_GETCWD: the working directory (a vnode for lookups
 * and its canonical path for getcwd). */
#include <string.h>
#include "syslib.h"
#include "vfs_server.h"

/* do_chdir: VFS_CHDIR. Reads vfs_path .path, .path_len (under PATH_MAX
 * bytes, as every path). The new directory's absolute path may be longer
 * than PATH_MAX, up to CWD_MAX bytes with its NUL (a deep tree entered
 * step by step). The canonical path is the one the walk took: symbolic
 * links replaced by where they lead, ".." of a mounted root leading out
 * of the mount. Replies 0, -ENOTDIR, -ENAMETOOLONG (the path, or the
 * absolute path past CWD_MAX), -EFAULT, -ENOENT, -EACCES (no search
 * permission on the directory or one on the way). */
int do_chdir(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	char path[PATH_MAX], canon[CWD_MAX];
	struct vnode *vn;
	if (!p)
		return -EINVAL;
	int r = path_copy(p->ep, m->u.vfs_path.path, m->u.vfs_path.path_len,
	    path);
	if (r == 0)
		r = path_resolve(p, path, 0, &vn, canon);
	if (r != 0)
		return r;
	if (!S_ISDIR(vn->mode))
		r = -ENOTDIR;
	else
		r = perm_vnode(p, vn, PERM_X);
	if (r != 0) {
		vnode_put(vn);
		return r;
	}
	if (p->cwd)
		vnode_put(p->cwd);
	p->cwd = vn;
	strlcpy(p->cwd_path, canon, sizeof(p->cwd_path));
	return 0;
}

/* do_getcwd: VFS_GETCWD. Reads vfs_io .buf, .len: writes the working
 * directory's path with its NUL. Replies its length with the NUL,
 * -ERANGE (LEN too small), -EFAULT. */
int do_getcwd(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	if (!p)
		return -EINVAL;
	uint32_t n = strlen(p->cwd_path) + 1;
	if (m->u.vfs_io.len < n)
		return -ERANGE;
	int r = sys_vircopy(SELF, (vir_bytes) p->cwd_path, p->ep,
	    m->u.vfs_io.buf, n);
	return r != 0 ? r : (int) n;
}
