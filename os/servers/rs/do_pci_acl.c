/* RS_PCI_ACL: which PCI devices a service may reserve. The PCI server asks
 * it when a driver reserves a device (it learns the caller's endpoint from
 * the kernel, never a name from the caller): RS answers from the service's
 * manifest (`pci device VVVV:DDDD ...`) and with its label, for lspci.
 * RS answers, it never asks: pci cannot make RS wait. */
#include <string.h>
#include "rs.h"

/* do_pci_acl: from anyone (the list says nothing secret).
 * Reads:  rs_pci_acl.ep
 * Writes: rs_pci_acl.label, .nr_pci, .pci
 * Reply:  0; -ESRCH when no service runs at that endpoint (a user
 *         process, a boot service without a manifest list: nothing). */
int do_pci_acl(message *m)
{
	struct mess_rs_pci_acl *x = &m->u.rs_pci_acl;
	struct service *s = svc_by_ep(x->ep);
	if (!s)
		return -ESRCH;
	memset(x->label, 0, sizeof(x->label));
	strlcpy(x->label, s->label, sizeof(x->label));
	x->nr_pci = s->have_manifest ? s->manifest.nr_pci : 0;
	if (x->nr_pci > RS_PCI_MAX)
		x->nr_pci = RS_PCI_MAX;
	memcpy(x->pci, s->manifest.pci, sizeof(x->pci));
	return 0;
}
