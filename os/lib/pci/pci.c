/* The PCI server's client calls (pci.h): each one a sendrec to the server
 * found by its label in DS. */
#include <string.h>
#include <abi/pci.h>
#include "syslib.h"
#include "ds.h"
#include "pci.h"

static endpoint_t pci_ep = NONE;

/* Send M as request TYPE to pci; the reply code. The endpoint is looked
 * up once, and again when pci is gone (a reset restart gives it a new
 * one). */
static int pci_call(int type, message *m)
{
	message save = *m;
	for (int attempt = 0; attempt < 2; attempt++) {
		if (pci_ep == NONE) {
			int r = ds_retrieve_label_endpt("pci", &pci_ep);
			if (r != 0) {
				pci_ep = NONE;
				return r == -ENOENT ? -EDEADSRCDST : r;
			}
		}
		*m = save;
		m->m_type = type;
		int r = ipc_sendrec(pci_ep, m);
		if (r == 0)
			return m->m_type;
		pci_ep = NONE;
		if (r != -EDEADSRCDST && r != -EINVAL)
			return r;
	}
	return -EDEADSRCDST;
}

/* Copy the reply pci_dev of M into D. */
static void to_dev(const message *m, struct pci_dev *d)
{
	const struct mess_pci_dev *x = &m->u.pci_dev;
	d->devind = x->devind;
	d->bus = x->bus;
	d->dev = x->dev;
	d->func = x->func;
	d->irq = x->irq;
	d->vendor = x->vendor;
	d->device = x->device;
	d->class_code = x->class_code;
	d->subclass = x->subclass;
	d->progif = x->progif;
	d->rev = x->rev;
}

int pci_first(struct pci_dev *d)
{
	message m = { 0 };
	int r = pci_call(PCI_FIRST, &m);
	if (r == 0)
		to_dev(&m, d);
	return r;
}

int pci_next(int devind, struct pci_dev *d)
{
	message m = { 0 };
	m.u.pci_dev.devind = devind;
	int r = pci_call(PCI_NEXT, &m);
	if (r == 0)
		to_dev(&m, d);
	return r;
}

int pci_find(uint16_t vendor, uint16_t device, int instance,
    struct pci_dev *d)
{
	message m = { 0 };
	m.u.pci_find.vendor = vendor;
	m.u.pci_find.device = device;
	m.u.pci_find.instance = instance;
	int r = pci_call(PCI_FIND, &m);
	if (r == 0)
		to_dev(&m, d);
	return r;
}

int pci_reserve(int devind)
{
	message m = { 0 };
	m.u.pci_cfg.devind = devind;
	return pci_call(PCI_RESERVE, &m);
}

int pci_bar(int devind, int bar, uint32_t *base, uint32_t *size,
    int *is_io)
{
	message m = { 0 };
	m.u.pci_cfg.devind = devind;
	m.u.pci_cfg.arg = bar;
	int r = pci_call(PCI_BAR, &m);
	if (r == 0) {
		*base = m.u.pci_cfg.value;
		*size = m.u.pci_cfg.size;
		*is_io = m.u.pci_cfg.is_io;
	}
	return r;
}

int pci_read(int devind, int off, int width, uint32_t *v)
{
	message m = { 0 };
	m.u.pci_cfg.devind = devind;
	m.u.pci_cfg.arg = off;
	m.u.pci_cfg.width = width;
	int r = pci_call(PCI_READ, &m);
	if (r == 0)
		*v = m.u.pci_cfg.value;
	return r;
}

int pci_write(int devind, int off, int width, uint32_t v)
{
	message m = { 0 };
	m.u.pci_cfg.devind = devind;
	m.u.pci_cfg.arg = off;
	m.u.pci_cfg.width = width;
	m.u.pci_cfg.value = v;
	return pci_call(PCI_WRITE, &m);
}
