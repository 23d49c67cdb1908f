/* SYS_VIRCOPY: copy bytes between the address spaces of two processes.
 *
 * Reads:  kc_vircopy.src_ep, .src_addr, .dst_ep, .dst_addr (each endpoint
 *         SELF or a live process), .bytes (any size, 0 is fine)
 * Writes: nothing
 * Reply:  0, -EINVAL (an endpoint that names no process), -EDEADSRCDST (a
 *         dead one), -EFAULT (the source is not readable user memory of
 *         src or the destination not writable user memory of dst; both are
 *         checked completely first, so nothing is copied then).
 * Overlapping ranges in one process are copied as by memmove. Only the
 * kernel-call mask limits who may use it (MM, PM, VFS). */
#include "kernel.h"
#include <abi/errno.h>

int do_vircopy(struct proc *caller, message *m)
{
	struct mess_kc_vircopy *x = &m->u.kc_vircopy;
	struct proc *src, *dst;
	int r = proc_lookup(caller, x->src_ep, &src);
	if (r == 0)
		r = proc_lookup(caller, x->dst_ep, &dst);
	if (r != 0)
		return r;
	return vm_copy_between(dst->pgdir, x->dst_addr, src->pgdir, x->src_addr,
	    x->bytes);
}
