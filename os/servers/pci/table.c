/* The PCI server's request table: request -> handler (who may ask is each
 * handler's check: reservation through RS, BAR and write by the holder). */
#include "pci.h"

static int (*const handlers[])(message *m) = {
	[PCI_FIRST - PCI_BASE]   = do_first,
	[PCI_NEXT - PCI_BASE]    = do_next,
	[PCI_FIND - PCI_BASE]    = do_find,
	[PCI_RESERVE - PCI_BASE] = do_reserve,
	[PCI_BAR - PCI_BASE]     = do_bar,
	[PCI_READ - PCI_BASE]    = do_read,
	[PCI_WRITE - PCI_BASE]   = do_write,
};

/* pci_dispatch: the reply code of request M (its payload in M); -ENOSYS
 * for an unknown request. */
int pci_dispatch(message *m)
{
	uint32_t i = (uint32_t) (m->m_type - PCI_BASE);
	if (i >= sizeof(handlers) / sizeof(handlers[0]) || !handlers[i])
		return -ENOSYS;
	return handlers[i](m);
}
