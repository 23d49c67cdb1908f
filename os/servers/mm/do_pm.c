/* What PM tells MM about process life: fork, exec and exit. Only PM may
 * send these. */
#include "mm.h"

/* do_pm_fork: MM_PM_FORK from PM.
 * Reads:  mm_pm.proc (the child), mm_pm.parent
 * Writes: nothing
 * Reply:  0; -EPERM when not from PM; -ESRCH when either is not a live
 *         process. The kernel has copied the parent's pages already; the
 *         child gets a copy of the parent's record. */
int do_pm_fork(message *m)
{
	if (m->m_source != PM_EP)
		return -EPERM;
	struct mm_proc *parent = mm_proc_of(m->u.mm_pm.parent);
	if (!parent)
		return -ESRCH;
	struct mm_proc saved = *parent;
	struct mm_proc *child = mm_proc_reset(m->u.mm_pm.proc);
	if (!child)
		return -ESRCH;
	uint32_t as_id = child->as_id;
	*child = saved;
	child->ep = m->u.mm_pm.proc;
	child->as_id = as_id;
	return 0;
}

/* do_pm_exec: MM_PM_EXEC from PM.
 * Reads:  mm_pm.proc (its new program is loaded)
 * Writes: nothing
 * Reply:  0; -EPERM when not from PM; -ESRCH for a dead process. The heap
 *         starts over at the new image's end, with no mappings. */
int do_pm_exec(message *m)
{
	if (m->m_source != PM_EP)
		return -EPERM;
	return mm_proc_reset(m->u.mm_pm.proc) ? 0 : -ESRCH;
}

/* do_pm_exit: MM_PM_EXIT from PM.
 * Reads:  mm_pm.proc
 * Writes: nothing
 * Reply:  0, or -EPERM when not from PM. The record is dropped (the kernel
 *         frees the pages with the process). */
int do_pm_exit(message *m)
{
	if (m->m_source != PM_EP)
		return -EPERM;
	mm_proc_drop(m->u.mm_pm.proc);
	return 0;
}
