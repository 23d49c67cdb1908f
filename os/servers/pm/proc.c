/* The process table (live processes, by slot), the zombie table, and pid
 * allocation. */
#include <string.h>
#include "pm.h"

struct mproc mproc[PM_NR_PROCS];
struct zombie zombies[PM_NR_ZOMBIES];
static int next_pid = 2;

/* slot_of: the record for EP's slot, or NULL for a non-process endpoint. */
static struct mproc *slot_of(endpoint_t ep)
{
	if (ep < 0 || ep == ANY || ep == NONE || ep == SELF)
		return NULL;
	int slot = ep_slot(ep);
	return slot < PM_NR_PROCS ? &mproc[slot] : NULL;
}

/* mproc_of: see pm.h. */
struct mproc *mproc_of(endpoint_t ep)
{
	struct mproc *mp = mproc_find(ep);
	if (mp)
		return mp;
	struct proc_info info;
	if (!slot_of(ep) || sys_getinfo(GET_PROC, ep, &info, sizeof(info)) < 0 ||
	    info.endpoint != ep || (info.flags & PSTATE_EXITED))
		return NULL;
	int pid = pid_alloc();
	if (pid < 0)
		return NULL;
	mp = mproc_new(ep, pid, MP_SYSTEM);
	mp->pgid = mp->sid = pid;
	return mp;
}

/* mproc_by_pid: see pm.h. */
struct mproc *mproc_by_pid(int pid)
{
	if (pid <= 0)
		return NULL;
	for (int i = 0; i < PM_NR_PROCS; i++)
		if (mproc[i].flags && mproc[i].pid == pid)
			return &mproc[i];
	return NULL;
}

/* mproc_new: see pm.h. */
struct mproc *mproc_new(endpoint_t ep, int pid, unsigned flags)
{
	struct mproc *mp = slot_of(ep);
	memset(mp, 0, sizeof(*mp));
	mp->flags = MP_INUSE | flags;
	mp->ep = ep;
	mp->pid = pid;
	return mp;
}

/* mproc_sync_system: see pm.h. */
void mproc_sync_system(const struct proc_info *tab, int n)
{
	static char alive[PM_NR_PROCS];
	memset(alive, 0, sizeof(alive));
	for (int i = 0; i < n; i++) {
		struct mproc *mp = slot_of(tab[i].endpoint);
		if (!mp)
			continue;
		if (tab[i].flags & PSTATE_EXITED) {
			/* A failed service RS has not cleared: its stateful
			 * restart (perhaps after a backoff) comes back in this
			 * slot and endpoint, and keeps its pid. */
			if (mp->flags && mp->ep == tab[i].endpoint)
				alive[mp - mproc] = 1;
			continue;
		}
		alive[mp - mproc] = 1;
		if (mp->flags && mp->ep == tab[i].endpoint)
			continue;
		if (mp->flags && !(mp->flags & MP_SYSTEM))
			continue;    /* a user process PM is still setting up */
		int pid = pid_alloc();
		if (pid < 0)
			continue;
		mp = mproc_new(tab[i].endpoint, pid, MP_SYSTEM);
		mp->pgid = mp->sid = pid;
	}
	for (int i = 0; i < PM_NR_PROCS; i++)
		if ((mproc[i].flags & MP_SYSTEM) && !alive[i])
			mproc[i].flags = 0;
}

/* pid_used: whether PID names a live process, a zombie or a group. */
static int pid_used(int pid)
{
	for (int i = 0; i < PM_NR_PROCS; i++)
		if (mproc[i].flags && (mproc[i].pid == pid ||
		    mproc[i].pgid == pid || mproc[i].sid == pid))
			return 1;
	for (int i = 0; i < PM_NR_ZOMBIES; i++)
		if (zombies[i].pid && (zombies[i].pid == pid ||
		    zombies[i].pgid == pid))
			return 1;
	return 0;
}

/* pm_next_pid: see pm.h. */
int pm_next_pid(void)
{
	return next_pid;
}

/* pid_alloc: see pm.h. Pids go up to PM_PID_MAX and then wrap around to 2
 * (1 is init's for good). */
int pid_alloc(void)
{
	for (int tries = 0; tries < PM_PID_MAX; tries++) {
		int pid = next_pid++;
		if (next_pid > PM_PID_MAX)
			next_pid = 2;
		if (!pid_used(pid))
			return pid;
	}
	return -1;
}

/* kernel_slots_free: how many process slots the kernel has free for new
 * processes (from BOOT_FIRST_FREE_SLOT on; servers count too: RS starts
 * them without PM). PM_NR_PROCS when the kernel cannot say. */
static int kernel_slots_free(void)
{
	static struct proc_info tab[PM_NR_PROCS];
	int r = sys_getinfo(GET_PROCTAB, SELF, tab, sizeof(tab));
	if (r < 0)
		return PM_NR_PROCS;
	int left = PM_NR_PROCS - BOOT_FIRST_FREE_SLOT;
	for (int i = 0; i < r / (int) sizeof(tab[0]); i++)
		left -= tab[i].slot >= BOOT_FIRST_FREE_SLOT;
	return left;
}

/* pm_user_room: see pm.h. */
int pm_user_room(const struct mproc *asker)
{
	int n = 0;
	for (int i = 0; i < PM_NR_PROCS; i++)
		n += mproc_is_user(&mproc[i]);
	for (int i = 0; i < PM_NR_ZOMBIES; i++)
		n += zombies[i].pid != 0;
	if (!asker || cred_is_root(asker))
		return n < PM_NR_ZOMBIES;
	return n < PM_NR_ZOMBIES - PM_ROOT_RESERVE &&
	    kernel_slots_free() > PM_ROOT_RESERVE;
}

/* zombie_new: see pm.h. */
struct zombie *zombie_new(void)
{
	for (int i = 0; i < PM_NR_ZOMBIES; i++)
		if (zombies[i].pid == 0)
			return &zombies[i];
	return NULL;
}

/* group_exists: see pm.h. */
int group_exists(int pgid)
{
	for (int i = 0; i < PM_NR_PROCS; i++)
		if (mproc[i].flags && mproc[i].pgid == pgid)
			return 1;
	return 0;
}
