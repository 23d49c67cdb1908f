/* PM_EXIT and the end of every process PM manages: zombies, orphans and
 * the parent's SIGCHLD. */
#include <stdio.h>
#include <string.h>
#include "pm.h"

/* do_exit: PM_EXIT from a user process.
 * Reads:  pm_exit.status (its low 8 bits are kept)
 * Writes: nothing
 * Reply:  none (the caller is gone); -EPERM for a system process (those
 *         end with SYS_EXIT). */
int do_exit(message *m)
{
	struct mproc *mp = mproc_find(m->m_source);
	if (!mproc_is_user(mp))
		return -EPERM;
	pm_exit_proc(mp, W_EXITCODE(m->u.pm_exit.status & 0xff, 0));
	return EDONTREPLY;
}

/* orphan_children: the children (live and zombie) of PID go to init, who
 * reaps them; without an init, orphaned zombies are dropped at once. */
static void orphan_children(int pid)
{
	int have_init = mproc_by_pid(INIT_PID) != NULL;
	for (int i = 0; i < PM_NR_PROCS; i++)
		if (mproc[i].flags && mproc[i].ppid == pid)
			mproc[i].ppid = INIT_PID;
	for (int i = 0; i < PM_NR_ZOMBIES; i++) {
		struct zombie *z = &zombies[i];
		if (!z->pid || z->ppid != pid)
			continue;
		z->ppid = INIT_PID;
		if (!have_init)
			z->pid = 0;
		else
			wait_check_parent(z);
	}
}

/* pm_exit_proc: see pm.h. */
void pm_exit_proc(struct mproc *mp, int status)
{
	endpoint_t ep = mp->ep;
	int pid = mp->pid, ppid = mp->ppid, pgid = mp->pgid;
	struct proc_info info;
	if (sys_getinfo(GET_PROC, ep, &info, sizeof(info)) < 0)
		memset(&info, 0, sizeof(info));

	timers_cancel(mp);
	mp->flags = 0;
	pm_vfs(VFS_PM_EXIT, ep, NONE, pid);
	pm_mm(MM_PM_EXIT, ep, NONE);
	int r = sys_clear(ep);
	if (r != 0)
		printf("pm: cannot remove %s (pid %d): %d\n", info.name, pid, r);
	if (pid == INIT_PID)
		printf("pm: init exited (status 0x%x)\n", status);

	orphan_children(pid);
	struct mproc *parent = mproc_by_pid(ppid);
	if (!parent)
		return;                   /* nobody waits for it */
	struct zombie *z = zombie_new();
	if (!z)
		return;                   /* cannot happen: see pm_user_room */
	z->pid = pid;
	z->ppid = ppid;
	z->pgid = pgid;
	z->status = status;
	z->ep = ep;
	strlcpy(z->name, info.name, sizeof(z->name));
	z->user_ticks = info.user_ticks;
	z->sys_ticks = info.sys_ticks;
	wait_check_parent(z);
	if (mproc_is_user(parent))
		sig_raise(parent, SIGCHLD);
}
