/* PM_GETSYSINFO: the process table as ps shows it, the kernel's
 * information and its log. */
#include <string.h>
#include "pm.h"

static struct proc_info ktab[PM_NR_PROCS];
static struct pm_proc_info table[PM_NR_PROCS + PM_NR_ZOMBIES];
static char klog[KLOG_SIZE];

/* state_of: ps's letter for kernel state FLAGS. */
static char state_of(uint32_t flags)
{
	if (flags & PSTATE_EXITED)
		return 'Z';
	if (flags & (PSTATE_SIGNALED | PSTATE_STOPPED))
		return 'T';
	if (flags & (PSTATE_SENDING | PSTATE_RECEIVING))
		return 'S';
	return 'R';
}

/* fill_proctab: TABLE gets every live process, then every zombie (the
 * system-process records are brought up to date first: RS starts and
 * ends services without PM). Returns the number of entries, or a
 * negative error. */
static int fill_proctab(void)
{
	int r = sys_getinfo(GET_PROCTAB, SELF, ktab, sizeof(ktab));
	if (r < 0)
		return r;
	mproc_sync_system(ktab, r / (int) sizeof(ktab[0]));
	int n = 0;
	for (int i = 0; i < r / (int) sizeof(ktab[0]); i++) {
		struct proc_info *k = &ktab[i];
		struct mproc *mp = mproc_of(k->endpoint);
		struct pm_proc_info *p = &table[n++];
		memset(p, 0, sizeof(*p));
		p->pid = mp ? mp->pid : 0;
		p->ppid = mp ? mp->ppid : 0;
		p->pgid = mp ? mp->pgid : 0;
		p->endpoint = k->endpoint;
		p->state = state_of(k->flags);
		p->system = !mproc_is_user(mp);
		strlcpy(p->name, k->name, sizeof(p->name));
		p->user_ticks = k->user_ticks;
		p->sys_ticks = k->sys_ticks;
	}
	for (int i = 0; i < PM_NR_ZOMBIES; i++) {
		struct zombie *z = &zombies[i];
		if (!z->pid)
			continue;
		struct pm_proc_info *p = &table[n++];
		memset(p, 0, sizeof(*p));
		p->pid = z->pid;
		p->ppid = z->ppid;
		p->pgid = z->pgid;
		p->endpoint = z->ep;
		p->state = 'Z';
		strlcpy(p->name, z->name, sizeof(p->name));
		p->user_ticks = z->user_ticks;
		p->sys_ticks = z->sys_ticks;
	}
	return n;
}

/* copy_out: copy LEN bytes of DATA to the caller's BUF (of SIZE bytes).
 * Returns LEN, -E2BIG or -EFAULT. */
static int copy_out(endpoint_t caller, vir_bytes buf, uint32_t size,
    const void *data, size_t len)
{
	if (len > size)
		return -E2BIG;
	if (sys_vircopy(SELF, (vir_bytes) data, caller, buf, len) != 0)
		return -EFAULT;
	return (int) len;
}

/* do_getsysinfo: PM_GETSYSINFO from any process.
 * Reads:  pm_sysinfo.what (SI_PROCTAB, SI_KINFO, SI_KLOG), .buf, .len
 * Writes: the information into buf
 * Reply:  the bytes written; -E2BIG when buf is too small (the process
 *         table and struct kinfo come whole; the log gives its newest
 *         bytes that fit); -EFAULT; -EINVAL for an unknown request. */
int do_getsysinfo(message *m)
{
	struct mess_pm_sysinfo *x = &m->u.pm_sysinfo;
	endpoint_t caller = m->m_source;
	int r;
	switch (x->what) {
	case SI_PROCTAB:
		if ((r = fill_proctab()) < 0)
			return r;
		return copy_out(caller, x->buf, x->len, table,
		    (size_t) r * sizeof(table[0]));
	case SI_KINFO: {
		struct kinfo k;
		if ((r = sys_getinfo(GET_KINFO, SELF, &k, sizeof(k))) < 0)
			return r;
		return copy_out(caller, x->buf, x->len, &k, sizeof(k));
	}
	case SI_KLOG: {
		size_t want = x->len < KLOG_SIZE ? x->len : KLOG_SIZE;
		if (want == 0)
			return 0;
		if ((r = sys_getklog(klog, want, NULL)) < 0)
			return r;
		return copy_out(caller, x->buf, x->len, klog, (size_t) r);
	}
	default:
		return -EINVAL;
	}
}
