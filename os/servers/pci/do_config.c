/* PCI_READ and PCI_WRITE: configuration space. */
#include "pci.h"

/* Whether OFF and WIDTH are a valid aligned access inside the 256-byte
 * space. */
static int valid(int off, int width)
{
	return (width == 1 || width == 2 || width == 4) && off >= 0 &&
	    off + width <= 256 && off % width == 0;
}

/* do_read: PCI_READ from anyone.
 * Reads:  pci_cfg.devind, .arg (offset), .width
 * Writes: pci_cfg.value
 * Reply:  0, -ENODEV (bad index), -EINVAL (bad offset or width). */
int do_read(message *m)
{
	struct mess_pci_cfg *x = &m->u.pci_cfg;
	struct pci_func *f = pci_func_of(x->devind);
	if (!f)
		return -ENODEV;
	if (!valid(x->arg, x->width))
		return -EINVAL;
	x->value = pci_cfg_read(f->bus, f->dev, f->func, x->arg, x->width);
	return 0;
}

/* do_write: PCI_WRITE from the device's holder.
 * Reads:  pci_cfg.devind, .arg (offset), .width, .value
 * Writes: nothing
 * Reply:  0, -ENODEV (bad index), -EPERM (the caller does not hold it),
 *         -EINVAL (bad offset or width, or a BAR or the expansion ROM
 *         address, 0x10-0x27 and 0x30-0x33: the BARs decide what the
 *         holder's privileges are, so pci alone sets them). */
int do_write(message *m)
{
	struct mess_pci_cfg *x = &m->u.pci_cfg;
	struct pci_func *f = pci_func_of(x->devind);
	if (!f)
		return -ENODEV;
	if (!pci_holder_live(f) || f->holder != m->m_source)
		return -EPERM;
	if (!valid(x->arg, x->width) ||
	    (x->arg + x->width > 0x10 && x->arg < 0x28) ||
	    (x->arg + x->width > 0x30 && x->arg < 0x34))
		return -EINVAL;
	pci_cfg_write(f->bus, f->dev, f->func, x->arg, x->width, x->value);
	return 0;
}
