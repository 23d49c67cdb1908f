/* PCI_RESERVE: a driver takes a device. */
#include <stdio.h>
#include <string.h>
#include "pci.h"

/* do_reserve: PCI_RESERVE from a service whose manifest lists the device.
 * Reads:  pci_cfg.devind
 * Writes: nothing
 * Reply:  0 (also when the caller holds it already: a live update or a
 *         stateful restart keeps the endpoint, and its init reserves
 *         again; the privileges are added again, for a restart that
 *         installed the manifest's), -ENODEV (bad index), -EPERM (not in
 *         the caller's manifest), -EBUSY (another live service holds it),
 *         or SYS_PRIVADD's error (nothing reserved then).
 * The holder is the caller's endpoint; the device is free again when
 * that endpoint is dead (pci_holder_live). */
int do_reserve(message *m)
{
	struct pci_func *f = pci_func_of(m->u.pci_cfg.devind);
	if (!f)
		return -ENODEV;
	endpoint_t ep = m->m_source;
	char label[RS_LABEL_MAX] = "";
	int r = pci_may_reserve(ep, f, label);
	if (r != 0)
		return r;
	if (pci_holder_live(f) && f->holder != ep) {
		printf("pci: %s may not reserve %02x:%02x.%x: %s holds it\n",
		    label, f->bus, f->dev, f->func, f->holder_label);
		return -EBUSY;
	}
	r = pci_grant(ep, f);
	if (r != 0)
		return r;
	if (f->holder != ep) {
		f->holder = ep;
		strlcpy(f->holder_label, label, sizeof(f->holder_label));
		pci_holders_save();
		printf("pci: %02x:%02x.%x (%04x:%04x) reserved by %s\n",
		    f->bus, f->dev, f->func, f->vendor, f->device, label);
	}
	return 0;
}
