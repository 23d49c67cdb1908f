/* The check of VFS's kept tables: a restart in place or a keep-state live
 * update (SEF_INIT_KEPT) hands the new instance the old one's memory, and
 * before anything trusts it every table must hold together: each open
 * file has exactly as many references as descriptors and waiting calls
 * name it, each vnode as many as open files, working directories and
 * mounts, every pipe's ring and end counts match, every waiting call is
 * well formed. A count ABOVE its holders is what a request cut short
 * leaves (it took a reference it never handed on): a leak, accepted here
 * and given back by check_repair; a count BELOW is a dangling reference
 * (state corrupted): the check fails and the state is never used. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "syslib.h"
#include "vfs_server.h"

/* The holders found by count_holders, by table index. */
static int filp_holders[NR_FILPS];
static int vnode_holders[NR_VNODES];
static int pipe_readers[NR_VNODES], pipe_writers[NR_VNODES];

/* fail: write WHY (printf format) into OUT (LEN bytes); returns -EINVAL. */
static int fail(char *out, size_t len, const char *why, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(char *out, size_t len, const char *why, ...)
{
	va_list ap;
	va_start(ap, why);
	vsnprintf(out, len, why, ap);
	va_end(ap);
	return -EINVAL;
}

/* terminated: whether S (LEN bytes) holds a NUL. */
static int terminated(const char *s, size_t len)
{
	return memchr(s, '\0', len) != NULL;
}

/* pending_open: whether P's waiting call is an open whose open file is
 * not yet a descriptor (the call holds the open file's first reference
 * besides the waiting call's own). */
static int pending_open(const struct vproc *p)
{
	return (p->susp == SUSP_CDEV && p->cdev.op == CDEV_OPEN) ||
	    (p->susp == SUSP_BDEV && p->req.m_type == VFS_OPEN);
}

/* hold_filp: one more holder of F; -EINVAL (WHY set) if F is no open
 * file of the table. */
static int hold_filp(const struct filp *f, char *why, size_t len,
    const char *who)
{
	int i = filp_index(f);
	if (i < 0)
		return fail(why, len, "%s names no open file", who);
	filp_holders[i]++;
	return 0;
}

/* hold_vnode: one more holder of VN (as hold_filp). */
static int hold_vnode(const struct vnode *vn, char *why, size_t len,
    const char *who)
{
	int i = vnode_index(vn);
	if (i < 0)
		return fail(why, len, "%s names no vnode", who);
	vnode_holders[i]++;
	return 0;
}

/* check_proc: P's own record (slot I) is well formed; its descriptors,
 * its waiting call's open file and its working directory are counted. */
static int check_proc(int i, const struct vproc *p, char *why, size_t len)
{
	char who[48];
	if (ep_slot(p->ep) != i)
		return fail(why, len, "process slot %d holds endpoint %d", i,
		    p->ep);
	snprintf(who, sizeof(who), "process %d", p->ep);
	if (!terminated(p->cwd_path, sizeof(p->cwd_path)) ||
	    p->cwd_path[0] != '/')
		return fail(why, len, "%s: bad working directory path", who);
	if (p->umask & ~0777u)
		return fail(why, len, "%s: umask %o", who, p->umask);
	uint32_t open = 0;
	for (int fd = 0; fd < OPEN_MAX; fd++) {
		if (!p->fd[fd])
			continue;
		open |= 1u << fd;
		if (hold_filp(p->fd[fd], why, len, who) != 0)
			return -EINVAL;
	}
	if (p->cloexec & ~open)
		return fail(why, len, "%s: close-on-exec bits %#x, open %#x",
		    who, p->cloexec, open);
	if (p->cwd && hold_vnode(p->cwd, why, len, who) != 0)
		return -EINVAL;
	if ((unsigned) p->susp > SUSP_POLL)
		return fail(why, len, "%s: waits for %d", who, (int) p->susp);
	int needs_filp = p->susp != SUSP_NONE && p->susp != SUSP_POLL;
	if (needs_filp != (p->susp_filp != NULL))
		return fail(why, len, "%s: waiting call %d without its file",
		    who, (int) p->susp);
	if (p->susp_filp) {
		if (hold_filp(p->susp_filp, why, len, who) != 0)
			return -EINVAL;
		if (pending_open(p))
			filp_holders[filp_index(p->susp_filp)]++;
	}
	switch (p->susp) {
	case SUSP_PIPE_READ:
	case SUSP_PIPE_WRITE:
		if (vnode_index(p->susp_filp->vn) < 0 || !p->susp_filp->vn->pipe)
			return fail(why, len, "%s waits on a pipe that is none",
			    who);
		break;
	case SUSP_CDEV:
		if (!p->cdev.id || p->cdev.driver == NONE || !p->cdev.driver)
			return fail(why, len, "%s waits on no driver request",
			    who);
		break;
	case SUSP_POLL:
		if (!p->poll_fds || p->poll_nfds > POLL_MAX)
			return fail(why, len, "%s: a poll of %u entries", who,
			    p->poll_nfds);
		break;
	default:
		break;
	}
	return 0;
}

/* count_holders: fill the holder tables from the processes, the open
 * files and the mounts. 0, or -EINVAL with WHY set when a pointer leads
 * outside its table or a record is malformed. */
static int count_holders(char *why, size_t len)
{
	memset(filp_holders, 0, sizeof(filp_holders));
	memset(vnode_holders, 0, sizeof(vnode_holders));
	memset(pipe_readers, 0, sizeof(pipe_readers));
	memset(pipe_writers, 0, sizeof(pipe_writers));
	for (int i = 0; i < NR_VPROCS; i++) {
		struct vproc *p = proc_slot(i);
		if (p->ep && check_proc(i, p, why, len) != 0)
			return -EINVAL;
	}
	for (int i = 0; i < NR_FILPS; i++) {
		struct filp *f = filp_slot(i);
		if (f->refs < 0)
			return fail(why, len, "open file %d: %d references", i,
			    f->refs);
		if (!f->refs)
			continue;
		char who[32];
		snprintf(who, sizeof(who), "open file %d", i);
		if (hold_vnode(f->vn, why, len, who) != 0)
			return -EINVAL;
		if (f->vn->pipe) {
			int acc = f->flags & O_ACCMODE;
			int v = vnode_index(f->vn);
			pipe_readers[v] += acc != O_WRONLY;
			pipe_writers[v] += acc != O_RDONLY;
		}
	}
	for (int i = 0; i < NR_MOUNTS; i++) {
		struct vmnt *mnt = mount_get(i);
		if (!mnt)
			continue;
		char who[32];
		snprintf(who, sizeof(who), "mount %d", i);
		if (!terminated(mnt->label, sizeof(mnt->label)) ||
		    !terminated(mnt->dir, sizeof(mnt->dir)) ||
		    !terminated(mnt->devname, sizeof(mnt->devname)) ||
		    mnt->dir[0] != '/')
			return fail(why, len, "%s: bad names", who);
		if ((i == 0) != (mnt->covered == NULL) ||
		    (i == 0 && mnt->fs != ROOTFS_EP))
			return fail(why, len, "%s: bad root mount", who);
		if (hold_vnode(mnt->root, why, len, who) != 0 ||
		    (mnt->covered && hold_vnode(mnt->covered, why, len, who)))
			return -EINVAL;
	}
	return 0;
}

/* check_vnode: vnode I (in use) against its holders. */
static int check_vnode(int i, const struct vnode *vn, char *why, size_t len)
{
	if (vn->refs < vnode_holders[i])
		return fail(why, len, "vnode %d: %d references, %d holders", i,
		    vn->refs, vnode_holders[i]);
	if (vn->pipe) {
		const struct pipe *pp = vn->pipe;
		if (vn->fs != NONE || !pp->buf || pp->start >= PIPE_BUF ||
		    pp->count > PIPE_BUF)
			return fail(why, len, "pipe %d: ring %u+%u", i,
			    pp->start, pp->count);
		if (pp->readers != pipe_readers[i] ||
		    pp->writers != pipe_writers[i])
			return fail(why, len, "pipe %d: %d readers, %d writers; "
			    "open files say %d, %d", i, pp->readers,
			    pp->writers, pipe_readers[i], pipe_writers[i]);
		return 0;
	}
	if (vn->fs != NONE && (vn->fs_refs == 0 || !mount_of_fs(vn->fs)))
		return fail(why, len, "vnode %d: inode %u of endpoint %d: %u FS "
		    "references, mounted %d", i, vn->ino, vn->fs, vn->fs_refs,
		    mount_of_fs(vn->fs) != NULL);
	return 0;
}

/* check_state: see vfs_server.h. */
int check_state(char *why, size_t len)
{
	if (count_holders(why, len) != 0)
		return -EINVAL;
	for (int i = 0; i < NR_FILPS; i++) {
		struct filp *f = filp_slot(i);
		if (f->refs < filp_holders[i])
			return fail(why, len, "open file %d: %d references, "
			    "%d holders", i, f->refs, filp_holders[i]);
	}
	struct vmnt *root = mount_get(0);
	if (root && root->root != vfs_root())
		return fail(why, len, "the root vnode is not mount 0's");
	for (int i = 0; i < NR_VNODES; i++) {
		struct vnode *vn = vnode_slot(i);
		if (vn->refs < 0)
			return fail(why, len, "vnode %d: %d references", i,
			    vn->refs);
		if ((vn->refs || vnode_holders[i]) &&
		    check_vnode(i, vn, why, len) != 0)
			return -EINVAL;
	}
	return 0;
}

/* check_repair: see vfs_server.h. The wait lists are made again from the
 * waiting calls first (waitq_rebuild: a list a crash left half-linked is
 * never followed; closing an open file below wakes its pipe's list).
 * Open files next: closing one lets its vnode go, so the vnodes are
 * counted again after. */
int check_repair(void)
{
	char why[96];
	int freed = 0;
	waitq_rebuild();
	for (int i = 0; i < NR_VPROCS; i++) {
		struct vproc *p = proc_slot(i);
		if (!p->ep || p->susp != SUSP_NONE)
			continue;
		if (p->cdev.id || p->cdev.bounce || p->cdev.grant != GRANT_INVALID)
			cdev_forget(p);
		if (p->poll_fds)
			poll_forget(p);
	}
	if (count_holders(why, sizeof(why)) != 0)
		return 0;
	for (int i = 0; i < NR_FILPS; i++) {
		struct filp *f = filp_slot(i);
		if (f->refs <= filp_holders[i])
			continue;
		freed++;
		if (filp_holders[i] > 0) {
			f->refs = filp_holders[i];
		} else {
			f->refs = 1;
			filp_put(f);
		}
	}
	if (count_holders(why, sizeof(why)) != 0)
		return freed;
	for (int i = 0; i < NR_VNODES; i++) {
		struct vnode *vn = vnode_slot(i);
		if (vn->refs <= vnode_holders[i])
			continue;
		freed++;
		if (vnode_holders[i] > 0) {
			vn->refs = vnode_holders[i];
		} else {
			vn->refs = 1;
			vnode_put(vn);
		}
	}
	return freed;
}
