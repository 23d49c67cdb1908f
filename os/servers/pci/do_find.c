/* PCI_FIRST, PCI_NEXT, PCI_FIND: walking and finding functions. */
#include <string.h>
#include "pci.h"

/* Fill the reply pci_dev of M with function DEVIND. */
static int answer(message *m, int devind)
{
	struct pci_func *f = pci_func_of(devind);
	if (!f)
		return -ENODEV;
	struct mess_pci_dev *d = &m->u.pci_dev;
	memset(d, 0, sizeof(*d));
	d->devind = devind;
	d->bus = f->bus;
	d->dev = f->dev;
	d->func = f->func;
	d->irq = f->irq;
	d->vendor = f->vendor;
	d->device = f->device;
	d->class_code = f->class_code;
	d->subclass = f->subclass;
	d->progif = f->progif;
	d->rev = f->rev;
	if (pci_holder_live(f))
		strlcpy(d->holder, f->holder_label, sizeof(d->holder));
	return 0;
}

/* do_first: PCI_FIRST from anyone.
 * Reads:  nothing
 * Writes: pci_dev (the first function)
 * Reply:  0, -ENODEV (no function at all). */
int do_first(message *m)
{
	return answer(m, 0);
}

/* do_next: PCI_NEXT from anyone.
 * Reads:  pci_dev.devind
 * Writes: pci_dev (the function after it)
 * Reply:  0, -ENODEV (it was the last, or not a valid index). */
int do_next(message *m)
{
	int devind = m->u.pci_dev.devind;
	if (!pci_func_of(devind))
		return -ENODEV;
	return answer(m, devind + 1);
}

/* do_find: PCI_FIND from anyone.
 * Reads:  pci_find.vendor, .device, .instance
 * Writes: pci_dev (the instance-th such function, in scan order)
 * Reply:  0, -ENODEV (fewer such functions). */
int do_find(message *m)
{
	uint16_t vendor = m->u.pci_find.vendor, device = m->u.pci_find.device;
	int instance = m->u.pci_find.instance;
	for (int i = 0; i < pci_nr_funcs; i++)
		if (pci_funcs[i].vendor == vendor &&
		    pci_funcs[i].device == device && instance-- == 0)
			return answer(m, i);
	return -ENODEV;
}
