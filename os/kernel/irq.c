/* IRQ lines held by driver processes. A line belongs to slots (so it stays
 * with a live-updated driver): one holder, or several when every one of
 * them has the line as shareable in its privileges (priv irqs_shared: a
 * PCI line the PCI server added, level-triggered and possibly shared by
 * several devices). When the line fires, the kernel masks it and notifies
 * every holder from HARDWARE; it is unmasked again once each notified
 * holder has re-enabled it (IRQ_ENABLE), so a level-triggered line does
 * not fire again before all of them looked at their devices. */
#include "kernel.h"
#include <abi/errno.h>

#define NR_IRQS 16

struct irq_line {
	uint64_t holders;          /* slot bits */
	uint64_t outstanding;      /* notified, not re-enabled yet */
	uint64_t disabled;         /* holders that asked IRQ_DISABLE */
};

static struct irq_line lines[NR_IRQS];

static uint64_t bit(const struct proc *p)
{
	return (uint64_t) 1 << p->slot;
}

/* Unmask the line when it has holders and none of them is still handling
 * it or wants it off; else mask it. */
static void update(int irq)
{
	struct irq_line *l = &lines[irq];
	if (l->holders && !l->outstanding && !l->disabled)
		pic_unmask(irq);
	else
		pic_mask(irq);
}

/* Whether the slot S's process has IRQ as a shareable line. */
static int shareable(int s, int irq)
{
	return (proc_table[s].priv.irqs_shared >> irq) & 1;
}

/* irq_set_owner: route IRQ to P (too) and unmask it. Returns 0 or -EBUSY
 * when another live process holds the line and the line is not shareable
 * for P and every such holder. */
int irq_set_owner(int irq, struct proc *p)
{
	struct irq_line *l = &lines[irq];
	for (int s = 0; s < NR_PROCS; s++) {
		if (!((l->holders >> s) & 1) || s == p->slot ||
		    !proc_table[s].in_use)
			continue;
		if (!shareable(s, irq) || !shareable(p->slot, irq))
			return -EBUSY;
	}
	l->holders |= bit(p);
	l->outstanding &= ~bit(p);
	l->disabled &= ~bit(p);
	update(irq);
	return 0;
}

/* irq_is_owner: whether P holds IRQ. */
int irq_is_owner(int irq, const struct proc *p)
{
	return (lines[irq].holders & bit(p)) != 0;
}

/* irq_remove: P stops holding IRQ; the line is masked when nobody holds
 * it any more (and unmasked when P was the last one handling it). */
void irq_remove(int irq, struct proc *p)
{
	struct irq_line *l = &lines[irq];
	l->holders &= ~bit(p);
	l->outstanding &= ~bit(p);
	l->disabled &= ~bit(p);
	update(irq);
}

/* irq_enable: P (a holder) is done with IRQ: unmask it when every other
 * holder is too. */
void irq_enable(int irq, struct proc *p)
{
	lines[irq].outstanding &= ~bit(p);
	lines[irq].disabled &= ~bit(p);
	update(irq);
}

/* irq_disable: P (a holder) wants IRQ masked until it enables it again. */
void irq_disable(int irq, struct proc *p)
{
	lines[irq].disabled |= bit(p);
	update(irq);
}

/* irq_release: P is going away: give up every line it holds. */
void irq_release(struct proc *p)
{
	for (int irq = 0; irq < NR_IRQS; irq++)
		if (lines[irq].holders & bit(p))
			irq_remove(irq, p);
}

/* irq_dispatch: IRQ fired (not the clock). Mask it and tell every live
 * holder; a line nobody holds is just acknowledged. */
void irq_dispatch(int irq)
{
	struct irq_line *l = &lines[irq];
	if (!l->holders) {
		pic_eoi(irq);
		return;
	}
	pic_mask(irq);
	pic_eoi(irq);
	for (int s = 0; s < NR_PROCS; s++) {
		if (!((l->holders >> s) & 1))
			continue;
		struct proc *p = &proc_table[s];
		if (!p->in_use || (p->rts & RTS_EXITED))
			continue;
		l->outstanding |= bit(p);
		p->irq_pending |= 1u << irq;
		notify_deliver(p, HARDWARE);
	}
}
