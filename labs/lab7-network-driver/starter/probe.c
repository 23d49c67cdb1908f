/* The e1000's PCI device: found by vendor and device id through the PCI
 * server, reserved (which adds its BARs and IRQ line to the driver's
 * privileges), its register window mapped, memory space and bus
 * mastering enabled. */
#include <stdio.h>
#include <abi/errno.h>
#include "pci.h"
#include "dma.h"
#include "e1000.h"

#define PCI_COMMAND        0x04
#define PCI_COMMAND_MEMORY 0x0002
#define PCI_COMMAND_MASTER 0x0004

/* e1000_probe: see e1000.h. A restarted or updated instance reserves the
 * device again (the PCI server answers 0 to its holder, and released it
 * when a crashed holder died). */
int e1000_probe(struct e1000 *c)
{
	struct pci_dev d;
	int r = pci_find(E1000_VENDOR, E1000_DEVICE, 0, &d);
	if (r != 0)
		return r;
	r = pci_reserve(d.devind);
	if (r != 0) {
		printf("nic: cannot reserve %02x:%02x.%x (%d)\n", d.bus,
		    d.dev, d.func, r);
		return r;
	}
	uint32_t base, size;
	int is_io;
	r = pci_bar(d.devind, 0, &base, &size, &is_io);
	if (r == 0 && (is_io || size < E1000_BAR0_MIN))
		r = -ENODEV;
	if (r != 0) {
		printf("nic: no register window in BAR 0 (%d)\n", r);
		return r;
	}
	volatile void *regs;
	r = mmio_map(base, E1000_BAR0_MIN, &regs);
	if (r != 0) {
		printf("nic: cannot map the registers at 0x%x (%d)\n",
		    (unsigned) base, r);
		return r;
	}
	uint32_t cmd;
	r = pci_read(d.devind, PCI_COMMAND, 2, &cmd);
	if (r == 0)
		r = pci_write(d.devind, PCI_COMMAND, 2,
		    cmd | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	if (r != 0) {
		printf("nic: cannot enable bus mastering (%d)\n", r);
		return r;
	}
	c->devind = d.devind;
	c->irq = d.irq;
	c->regs = (volatile uint8_t *) regs;
	return 0;
}
