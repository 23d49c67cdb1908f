/* sys_irqctl: see syslib.h. */
#include "syslib.h"

int sys_irqctl(int request, int irq)
{
	message m = { 0 };
	m.u.kc_irqctl.request = request;
	m.u.kc_irqctl.irq = irq;
	return _kernel_call(SYS_IRQCTL, &m);
}
