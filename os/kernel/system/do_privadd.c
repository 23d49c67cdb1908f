/* SYS_PRIVADD: widen a live system process's privileges by one device
 * resource. The PCI server makes it for the driver that reserved a device
 * (its BARs' memory and port ranges, its IRQ line); only a process whose
 * manifest lists PRIVADD (`system PRIVADD;`: the PCI server's) may.
 *
 * Reads:  kc_privadd.endpoint (a live process with PRIV_SYSTEM),
 *         .request (PRIVADD_MEM, PRIVADD_IO, PRIVADD_IRQ), .base, .last
 *         (MEM: page-aligned base, last + 1 page-aligned, above all RAM the
 *         kernel manages; IO: ports, last <= 0xFFFF; IRQ: base is the line,
 *         1 or 3-15)
 * Writes: nothing
 * Reply:  0 (also when the privileges had it already), -EINVAL (bad
 *         request or range, RAM, or the target is not a system process),
 *         -EDEADSRCDST, -ENOSPC (PRIV_MEM_RANGES or PRIV_IO_RANGES in use).
 * An IRQ added this way is shareable (priv irqs_shared): PCI lines are
 * level-triggered and several devices may sit on one. The privileges stay
 * with the process's slot (a live update keeps them); RS's PRIVCTL_SET
 * (a restart) installs the manifest's again and the driver reserves its
 * device anew. */
#include "kernel.h"
#include <abi/errno.h>

static int add_mem(struct priv_spec *pv, phys_bytes base, phys_bytes last)
{
	if ((base & ~PAGE_MASK) || ((last + 1) & ~PAGE_MASK) || base > last ||
	    base < pmem_limit())
		return -EINVAL;
	for (uint32_t i = 0; i < pv->nr_mem; i++)
		if (base >= pv->mem[i].base && last <= pv->mem[i].last)
			return 0;
	if (pv->nr_mem >= PRIV_MEM_RANGES)
		return -ENOSPC;
	pv->mem[pv->nr_mem].base = base;
	pv->mem[pv->nr_mem].last = last;
	pv->nr_mem++;
	return 0;
}

static int add_io(struct priv_spec *pv, uint32_t base, uint32_t last)
{
	if (base > last || last > 0xffff)
		return -EINVAL;
	for (uint32_t i = 0; i < pv->nr_io; i++)
		if (base >= pv->io[i].base && last <= pv->io[i].last &&
		    !(pv->io[i].flags & IO_READ_ONLY))
			return 0;
	if (pv->nr_io >= PRIV_IO_RANGES)
		return -ENOSPC;
	pv->io[pv->nr_io].base = (uint16_t) base;
	pv->io[pv->nr_io].last = (uint16_t) last;
	pv->io[pv->nr_io].flags = 0;
	pv->nr_io++;
	return 0;
}

int do_privadd(struct proc *caller, message *m)
{
	struct mess_kc_privadd *x = &m->u.kc_privadd;
	struct proc *p;
	int r = proc_lookup(caller, x->endpoint, &p);
	if (r != 0)
		return r;
	if (!(p->priv.flags & PRIV_SYSTEM))
		return -EINVAL;
	switch (x->request) {
	case PRIVADD_MEM:
		return add_mem(&p->priv, x->base, x->last);
	case PRIVADD_IO:
		return add_io(&p->priv, x->base, x->last);
	case PRIVADD_IRQ:
		if (x->base == 0 || x->base == 2 || x->base >= 16)
			return -EINVAL;
		p->priv.irqs |= 1u << x->base;
		p->priv.irqs_shared |= 1u << x->base;
		return 0;
	default:
		return -EINVAL;
	}
}
