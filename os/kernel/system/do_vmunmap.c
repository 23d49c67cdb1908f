/* SYS_VMUNMAP: unmap a range of a process's memory.
 *
 * Reads:  kc_vmmap.endpoint (SELF or a live process), .addr and .len
 *         (page-aligned, len > 0, inside the user area USER_BASE ..
 *         USER_MAP_TOP, as for SYS_VMMAP)
 * Writes: nothing
 * Reply:  0, -EINVAL (bad endpoint, alignment or range), -EDEADSRCDST.
 * Every mapped page in the range goes (owned frames back to the pool,
 * device pages just dropped, emptied page tables freed); holes are
 * skipped; the TLB is flushed when the process's space is the current
 * one. */
#include "kernel.h"
#include <abi/errno.h>

int do_vmunmap(struct proc *caller, message *m)
{
	struct mess_kc_vmmap *x = &m->u.kc_vmmap;
	struct proc *p;
	int r = proc_lookup(caller, x->endpoint, &p);
	if (r != 0)
		return r;
	if ((x->addr | x->len) & ~PAGE_MASK || x->len == 0 ||
	    x->addr < USER_BASE || x->addr >= USER_MAP_TOP ||
	    x->len > USER_MAP_TOP - x->addr)
		return -EINVAL;
	vm_unmap_range(p->pgdir, x->addr, x->len);
	return 0;
}
