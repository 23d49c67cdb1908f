/* SYS_IRQCTL: route an IRQ line to the caller and control it.
 *
 * Reads:  kc_irqctl.request (IRQ_SETPOLICY, IRQ_RMPOLICY, IRQ_ENABLE,
 *         IRQ_DISABLE), kc_irqctl.irq (1, 3-15)
 * Writes: nothing
 * Reply:  0, -EINVAL (bad request, or IRQ 0 / 2 / out of range), -EPERM
 *         (not in the caller's IRQ mask, or not the line's owner), -EBUSY
 *         (another live process owns it).
 * A routed line that fires is masked and reported to its owner as a
 * notification from HARDWARE (m.u.notify.irqs); IRQ_ENABLE unmasks it. */
#include "kernel.h"
#include <abi/errno.h>

int do_irqctl(struct proc *caller, message *m)
{
	int irq = m->u.kc_irqctl.irq;
	if (irq <= 0 || irq == 2 || irq >= 16)
		return -EINVAL;
	if (!priv_may_irq(caller, irq))
		return -EPERM;
	int req = m->u.kc_irqctl.request;
	if (req == IRQ_SETPOLICY)
		return irq_set_owner(irq, caller);
	if (req != IRQ_RMPOLICY && req != IRQ_ENABLE && req != IRQ_DISABLE)
		return -EINVAL;
	if (!irq_is_owner(irq, caller))
		return -EPERM;
	if (req == IRQ_RMPOLICY)
		irq_remove(irq);
	else if (req == IRQ_ENABLE)
		pic_unmask(irq);
	else
		pic_mask(irq);
	return 0;
}
