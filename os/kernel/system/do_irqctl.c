/* SYS_IRQCTL: route an IRQ line to the caller and control it.
 *
 * Reads:  kc_irqctl.request (IRQ_SETPOLICY, IRQ_RMPOLICY, IRQ_ENABLE,
 *         IRQ_DISABLE), kc_irqctl.irq (1, 3-15)
 * Writes: nothing
 * Reply:  0, -EINVAL (bad request, or IRQ 0 / 2 / out of range), -EPERM
 *         (not in the caller's IRQ mask, or not a holder of the line),
 *         -EBUSY (another live process holds it, and the line is not
 *         shareable for both: priv irqs_shared, a PCI line).
 * A routed line that fires is masked and reported to every holder as a
 * notification from HARDWARE (m.u.notify.irqs); it is unmasked when each
 * of them has made IRQ_ENABLE (a shared level-triggered PCI line: every
 * driver checks its device first). IRQ_DISABLE keeps it masked until the
 * same holder enables it; IRQ_RMPOLICY drops the caller only. */
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
		irq_remove(irq, caller);
	else if (req == IRQ_ENABLE)
		irq_enable(irq, caller);
	else
		irq_disable(irq, caller);
	return 0;
}
