/* PM's restart in place and keep-state live update (SEF_INIT_KEPT): the
 * new instance runs in the old one's memory, so the process table, the
 * zombies and the pid counter are already there. Before they are trusted
 * they are checked (pm_state_check); what lives outside PM's memory (its
 * kernel alarm, notifications the old instance took but never handled) is
 * set up again by pm_resync once PM serves. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "pm.h"
#include "sef.h"

#define MP_KNOWN (MP_INUSE | MP_SYSTEM | MP_WAITING | MP_SLEEPING | \
	MP_SIGSUSPEND | MP_SIGRETRY | MP_KSTOPPED)
/* Flags only a user process can have (the calls that set them answer a
 * system process -EPERM, or PM is not its signal manager). */
#define MP_USER_ONLY (MP_SIGSUSPEND | MP_SIGRETRY | MP_KSTOPPED)

int pm_resync_due;

/* fail: write the printf-style reason FMT into WHY (LEN bytes); returns
 * -EINVAL, the state check's answer for an inconsistent state. */
static int __attribute__((format(printf, 3, 4)))
fail(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* pid_holders: how many live records and zombies use PID as their pid. */
static int pid_holders(int pid)
{
	int n = 0;
	for (int i = 0; i < PM_NR_PROCS; i++)
		n += mproc[i].flags && mproc[i].pid == pid;
	for (int i = 0; i < PM_NR_ZOMBIES; i++)
		n += zombies[i].pid == pid;
	return n;
}

/* parent_ok: whether PPID is a parent a record may name: none (0), init
 * (orphans go to pid 1 even when pmtest runs without an init) or a live
 * process. */
static int parent_ok(int ppid)
{
	return ppid == 0 || ppid == INIT_PID || mproc_by_pid(ppid) != NULL;
}

/* check_record: the invariants of live record MP (slot I). Returns 0 or
 * the failure of fail(). */
static int check_record(int i, const struct mproc *mp, char *why,
    size_t len)
{
	if (!(mp->flags & MP_INUSE) || (mp->flags & ~MP_KNOWN))
		return fail(why, len, "slot %d: flags 0x%x", i, mp->flags);
	if (mp->ep < 0 || mp->ep == ANY || mp->ep == NONE ||
	    ep_slot(mp->ep) != i)
		return fail(why, len, "slot %d: endpoint %d of another slot",
		    i, mp->ep);
	if (mp->pid <= 0 || mp->pid > PM_PID_MAX || pid_holders(mp->pid) != 1)
		return fail(why, len, "slot %d: pid %d not unique or out of range",
		    i, mp->pid);
	if (mp->pgid <= 0 || mp->sid <= 0 || mp->pgid > PM_PID_MAX ||
	    mp->sid > PM_PID_MAX)
		return fail(why, len, "pid %d: group %d or session out of range",
		    mp->pid, mp->pgid);
	if (!parent_ok(mp->ppid))
		return fail(why, len, "pid %d: parent %d does not exist",
		    mp->pid, mp->ppid);
	if ((mp->flags & MP_SYSTEM) &&
	    ((mp->flags & MP_USER_ONLY) || mp->alarm_at))
		return fail(why, len, "pid %d: system process with signal "
		    "state (flags 0x%x)", mp->pid, mp->flags);
	if ((mp->flags & MP_SIGSUSPEND) && (mp->flags & (MP_WAITING |
	    MP_SLEEPING)))
		return fail(why, len, "pid %d: blocked twice (flags 0x%x)",
		    mp->pid, mp->flags);
	if ((mp->flags & MP_WAITING) && (mp->flags & MP_SLEEPING))
		return fail(why, len, "pid %d: blocked twice (flags 0x%x)",
		    mp->pid, mp->flags);
	if ((mp->mask | mp->pending | mp->suspend_mask) & 1)
		return fail(why, len, "pid %d: signal 0 in a set", mp->pid);
	if (mp->act[SIGKILL].handler != SIG_DFL ||
	    mp->act[SIGSTOP].handler != SIG_DFL)
		return fail(why, len, "pid %d: an action for SIGKILL or SIGSTOP",
		    mp->pid);
	return 0;
}

/* check_zombie: the invariants of zombie Z (entry I). */
static int check_zombie(int i, const struct zombie *z, char *why, size_t len)
{
	if (z->pid < 0 || z->pid > PM_PID_MAX)
		return fail(why, len, "zombie %d: pid %d out of range", i,
		    z->pid);
	if (!z->pid)
		return 0;
	if (pid_holders(z->pid) != 1)
		return fail(why, len, "zombie %d: pid %d not unique", i, z->pid);
	if (z->ppid != INIT_PID && !mproc_by_pid(z->ppid))
		return fail(why, len, "zombie pid %d: parent %d does not exist",
		    z->pid, z->ppid);
	return 0;
}

/* check_kernel: every user process PM manages is a process in the
 * kernel's table with the same endpoint, and the kernel's mirror has its
 * pid. (A system process's record may outlive its process: RS removes
 * services without telling PM, and mproc_sync_system drops such records
 * when PM next reads the kernel's table.) */
static int check_kernel(char *why, size_t len)
{
	static struct proc_info tab[PM_NR_PROCS];
	int r = sys_getinfo(GET_PROCTAB, SELF, tab, sizeof(tab));
	if (r < 0)
		return fail(why, len, "no process table from the kernel (%d)",
		    r);
	int n = r / (int) sizeof(tab[0]);
	for (int i = 0; i < PM_NR_PROCS; i++) {
		const struct mproc *mp = &mproc[i];
		if (!mproc_is_user(mp))
			continue;
		const struct proc_info *k = NULL;
		for (int j = 0; j < n && !k; j++)
			if (tab[j].endpoint == mp->ep)
				k = &tab[j];
		if (!k)
			return fail(why, len, "pid %d: endpoint %d is not a "
			    "process", mp->pid, mp->ep);
		if (k->cred.pid != mp->pid)
			return fail(why, len, "pid %d: the kernel says pid %d",
			    mp->pid, (int) k->cred.pid);
	}
	return 0;
}

/* pm_state_check: see pm.h. */
int pm_state_check(char *why, size_t len)
{
	int next = pm_next_pid();
	if (next < 2 || next > PM_PID_MAX)
		return fail(why, len, "next pid %d out of range", next);
	int users = 0, r;
	for (int i = 0; i < PM_NR_PROCS; i++) {
		if (!mproc[i].flags)
			continue;
		if ((r = check_record(i, &mproc[i], why, len)) != 0)
			return r;
		users += mproc_is_user(&mproc[i]);
	}
	for (int i = 0; i < PM_NR_ZOMBIES; i++) {
		if ((r = check_zombie(i, &zombies[i], why, len)) != 0)
			return r;
		users += zombies[i].pid != 0;
	}
	if (users > PM_NR_ZOMBIES)
		return fail(why, len, "%d user processes and zombies (room %d)",
		    users, PM_NR_ZOMBIES);
	return check_kernel(why, len);
}

/* pm_init_kept: see pm.h. */
int pm_init_kept(const struct sef_init_info *info)
{
	pm_current = NONE;
	pm_resync_due = 1;
	printf("pm: process manager %s in place (restart %u): %d processes "
	    "kept\n", info->type == SEF_INIT_LU ? "updated" : "restarted",
	    (unsigned) info->restarts, pm_count_records());
	return 0;
}

/* pm_count_records: see pm.h. */
int pm_count_records(void)
{
	int n = 0;
	for (int i = 0; i < PM_NR_PROCS; i++)
		n += mproc[i].flags != 0;
	return n;
}

/* pm_resync: see pm.h. Each step is safe when there is nothing to do. */
void pm_resync(void)
{
	pm_resync_due = 0;
	ksig_notify();           /* kernel signals taken but not handled */
	timers_expired();        /* due alarms and sleeps; re-arms the alarm */
	tty_notify();            /* keyboard signals */
	script_run_pending();    /* recovery scripts RS queued */
	for (int i = 0; i < PM_NR_PROCS; i++)
		if (mproc_is_user(&mproc[i]) && mproc[i].pending)
			sig_deliver(&mproc[i]);
}
