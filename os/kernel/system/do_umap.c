/* SYS_UMAP: the physical address of a range of the caller's own memory,
 * for a driver that hands it to a device (DMA).
 *
 * Reads:  kc_umap.addr, kc_umap.len (> 0)
 * Writes: kc_umap.phys: the physical address of addr
 * Reply:  0, -EFAULT (part of the range is not the caller's own mapped
 *         memory: unmapped, kernel, or device pages), -EINVAL (len 0, or
 *         the range is not physically contiguous).
 * Only the caller's memory: there is no endpoint to ask about another
 * process's. */
#include "kernel.h"
#include <abi/errno.h>

int do_umap(struct proc *caller, message *m)
{
	struct mess_kc_umap *x = &m->u.kc_umap;
	phys_bytes phys;
	int r = vm_umap(caller->pgdir, x->addr, x->len, &phys);
	if (r == 0)
		x->phys = phys;
	return r;
}
