/* Telling the PCI server that an instance is gone, so that it releases
 * the devices the instance held at once (and stops their DMA) instead of
 * when it next looks at them. A notification: RS never waits for pci. */
#include "rs.h"

/* pci_notify_gone: the instance at EP was removed; notify the service
 * labelled "pci" if it runs (and is not EP itself). */
void pci_notify_gone(endpoint_t ep)
{
	struct service *pci = svc_by_label("pci");
	if (pci && pci->ep != NONE && pci->ep != ep)
		ipc_notify(pci->ep);
}
