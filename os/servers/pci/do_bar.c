/* PCI_BAR: a reserved function's base address register, sized. */
#include "pci.h"

/* do_bar: PCI_BAR from the device's holder.
 * Reads:  pci_cfg.devind, .arg (the BAR, 0-5)
 * Writes: pci_cfg.value (base), .size (0: not implemented), .is_io
 * Reply:  0, -ENODEV (bad index), -EPERM (the caller does not hold it),
 *         -EINVAL (bad BAR number, or the upper half of a 64-bit BAR). */
int do_bar(message *m)
{
	struct mess_pci_cfg *x = &m->u.pci_cfg;
	struct pci_func *f = pci_func_of(x->devind);
	if (!f)
		return -ENODEV;
	if (!pci_holder_live(f) || f->holder != m->m_source)
		return -EPERM;
	if (x->arg < 0 || x->arg >= PCI_NR_BARS || f->bar[x->arg].high_half)
		return -EINVAL;
	x->value = f->bar[x->arg].base;
	x->size = f->bar[x->arg].size;
	x->is_io = f->bar[x->arg].is_io;
	return 0;
}
