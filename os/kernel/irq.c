/* IRQ lines owned by driver processes. A line belongs to a slot (so it
 * stays with a live-updated driver). When it fires, the kernel masks it and
 * notifies the owner from HARDWARE; the owner re-enables it. */
#include "kernel.h"
#include <abi/errno.h>

#define NR_IRQS 16
#define NO_OWNER (-1)

static int owner[NR_IRQS] = {
	NO_OWNER, NO_OWNER, NO_OWNER, NO_OWNER, NO_OWNER, NO_OWNER, NO_OWNER,
	NO_OWNER, NO_OWNER, NO_OWNER, NO_OWNER, NO_OWNER, NO_OWNER, NO_OWNER,
	NO_OWNER, NO_OWNER,
};

/* irq_set_owner: route IRQ to P and unmask it. Returns 0 or -EBUSY when
 * another live process owns the line. */
int irq_set_owner(int irq, struct proc *p)
{
	if (owner[irq] != NO_OWNER && owner[irq] != p->slot &&
	    proc_table[owner[irq]].in_use)
		return -EBUSY;
	owner[irq] = p->slot;
	pic_unmask(irq);
	return 0;
}

/* irq_is_owner: whether P owns IRQ. */
int irq_is_owner(int irq, const struct proc *p)
{
	return owner[irq] == p->slot;
}

/* irq_remove: stop routing IRQ and mask it. */
void irq_remove(int irq)
{
	owner[irq] = NO_OWNER;
	pic_mask(irq);
}

/* irq_release: P is going away: give up every line it owns. */
void irq_release(struct proc *p)
{
	for (int irq = 0; irq < NR_IRQS; irq++)
		if (owner[irq] == p->slot)
			irq_remove(irq);
}

/* irq_dispatch: IRQ fired (not the clock). Mask it and tell its owner; a
 * line nobody owns is just acknowledged. */
void irq_dispatch(int irq)
{
	if (owner[irq] == NO_OWNER) {
		pic_eoi(irq);
		return;
	}
	pic_mask(irq);
	pic_eoi(irq);
	struct proc *p = &proc_table[owner[irq]];
	if (!p->in_use || (p->rts & RTS_EXITED))
		return;
	p->irq_pending |= 1u << irq;
	notify_deliver(p, HARDWARE);
}
