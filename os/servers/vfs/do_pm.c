/* Requests from PM (table.c lets only PM_EP send them): process life
 * (init, fork, exit), loading a program for exec, and cancelling a call a
 * signal interrupts. */
#include <string.h>
#include "vfs_server.h"

/* do_pm_init: VFS_PM_INIT. Reads vfs_pm .proc, .pid: a new process with
 * no descriptors and cwd "/" (whatever VFS knew of its slot goes).
 * Replies 0 or -EINVAL (not a process endpoint). */
int do_pm_init(message *m)
{
	struct vproc *p = proc_get(m->u.vfs_pm.proc);
	if (!p)
		return -EINVAL;
	proc_reset(p);
	proc_init(p, m->u.vfs_pm.proc, m->u.vfs_pm.pid);
	return 0;
}

/* do_pm_fork: VFS_PM_FORK. Reads vfs_pm .proc (the child), .parent,
 * .pid: the child gets copies of the parent's descriptors (sharing its
 * open files), its working directory and its umask. Replies 0 or -EINVAL. */
int do_pm_fork(message *m)
{
	struct vproc *parent = proc_get(m->u.vfs_pm.parent);
	struct vproc *child = proc_get(m->u.vfs_pm.proc);
	if (!parent || !child || parent == child)
		return -EINVAL;
	proc_reset(child);
	proc_init(child, m->u.vfs_pm.proc, m->u.vfs_pm.pid);
	for (int fd = 0; fd < OPEN_MAX; fd++) {
		child->fd[fd] = parent->fd[fd];
		if (child->fd[fd])
			child->fd[fd]->refs++;
	}
	child->cloexec = parent->cloexec;
	if (child->cwd)
		vnode_put(child->cwd);
	child->cwd = parent->cwd;
	if (child->cwd)
		vnode_ref(child->cwd);
	memcpy(child->cwd_path, parent->cwd_path, sizeof(child->cwd_path));
	child->umask = parent->umask;
	return 0;
}

/* do_pm_exit: VFS_PM_EXIT. Reads vfs_pm .proc: closes everything it had
 * (pipe peers wake up); a call it had waiting is forgotten without a
 * reply. Replies 0. */
int do_pm_exit(message *m)
{
	struct vproc *p = proc_find(m->u.vfs_pm.proc);
	if (p)
		proc_reset(p);
	return 0;
}

/* do_pm_exec: VFS_PM_EXEC. Reads vfs_pm_exec .proc (whose working
 * directory and credentials apply), .path, .path_len (in PM's memory),
 * .buf, .buf_len: reads the program file into PM's BUF (exec_read: of
 * an ELF image the headers and the loaded segments only); writes
 * .mode, .uid, .gid of the file (PM applies S_ISUID and S_ISGID). Replies
 * the bytes read, -EISDIR, -EACCES (not a regular file, no execute permission
 * for PROC, a directory on the way it may not search), -E2BIG (bigger
 * than BUF_LEN), -ENOENT, -ENOTDIR, -ENAMETOOLONG, -EFAULT. */
int do_pm_exec(message *m)
{
	struct mess_vfs_pm_exec req = m->u.vfs_pm_exec;
	struct vproc *p = proc_get(req.proc);
	char path[PATH_MAX];
	struct vnode *vn;
	if (!p)
		return -EINVAL;
	int r = path_copy(m->m_source, req.path, req.path_len, path);
	if (r == 0)
		r = path_lookup(p, path, &vn);
	if (r != 0)
		return r;
	if (S_ISDIR(vn->mode))
		r = -EISDIR;
	else if (!S_ISREG(vn->mode))
		r = -EACCES;
	else
		r = perm_vnode(p, vn, PERM_X);
	if (r == 0 && (uint32_t) vn->size > req.buf_len)
		r = -E2BIG;
	else if (r == 0)
		r = exec_read(vn, m->m_source, req.buf);
	if (r >= 0) {
		m->u.vfs_pm_exec.mode = vn->mode;
		m->u.vfs_pm_exec.uid = vn->uid;
		m->u.vfs_pm_exec.gid = vn->gid;
	}
	vnode_put(vn);
	return r;
}

/* do_pm_execdone: VFS_PM_EXECDONE. Reads vfs_pm .proc: its close-on-exec
 * descriptors are closed. Replies 0. */
int do_pm_execdone(message *m)
{
	struct vproc *p = proc_find(m->u.vfs_pm.proc);
	if (!p)
		return 0;
	for (int fd = 0; fd < OPEN_MAX; fd++)
		if (p->fd[fd] && (p->cloexec & (1u << fd)))
			fd_close(p, fd);
	return 0;
}

/* do_pm_unpause: VFS_PM_UNPAUSE. Reads vfs_pm .proc: if it has a call
 * waiting here, that call ends now (a driver request is cancelled): it
 * gets -EINTR, or the bytes already moved. Replies 1 when a call was
 * cancelled, 0 when none waited. */
int do_pm_unpause(message *m)
{
	struct vproc *p = proc_find(m->u.vfs_pm.proc);
	if (!p || p->susp == SUSP_NONE)
		return 0;
	int r = p->susp == SUSP_CDEV ? cdev_cancel(p) :
	    p->susp == SUSP_BDEV ? bdev_cancel(p) :
	    p->done ? (int) p->done : -EINTR;
	resume(p, r);
	return 1;
}

/* do_pm_reboot: VFS_PM_REBOOT. The machine stops after the reply: every
 * mounted file system is unmounted (FS_UNMOUNT, newest first) so its disk
 * is clean; rootfs lives in memory. Replies 0. */
int do_pm_reboot(message *m)
{
	(void) m;
	mount_unmount_all();
	return 0;
}
