/* The bus scan at start: every bus, device and function (functions 1-7
 * only of multifunction devices), each function's ids, class, IRQ line
 * and sized BARs. */
#include <stdio.h>
#include <string.h>
#include "pci.h"

#define CMD_IO_MEM 0x3               /* command register: decode enables */

struct pci_func pci_funcs[PCI_MAX_DEVS];
int pci_nr_funcs;

/* Size BAR I of F (decoding off meanwhile, as the spec asks): write all
 * ones, read what sticks, put the old value back. */
static void size_bar(struct pci_func *f, int i)
{
	int off = 0x10 + 4 * i;
	uint32_t old = pci_cfg_read(f->bus, f->dev, f->func, off, 4);
	pci_cfg_write(f->bus, f->dev, f->func, off, 4, 0xffffffffu);
	uint32_t mask = pci_cfg_read(f->bus, f->dev, f->func, off, 4);
	pci_cfg_write(f->bus, f->dev, f->func, off, 4, old);
	struct pci_bar *b = &f->bar[i];
	if (mask == 0 || mask == 0xffffffffu)
		return;                                  /* not implemented */
	if (old & 1) {
		b->is_io = 1;
		b->base = old & ~3u;
		b->size = (~(mask & ~3u) + 1) & 0xffff;
	} else {
		b->base = old & ~0xfu;
		b->size = ~(mask & ~0xfu) + 1;
		if (((old >> 1) & 3) == 2 && i + 1 < PCI_NR_BARS)
			f->bar[i + 1].high_half = 1;     /* 64-bit: we use 32 */
	}
}

/* Record function bus/dev/func (its vendor id VENDOR). */
static void add(int bus, int dev, int func, uint32_t vendor_device)
{
	if (pci_nr_funcs >= PCI_MAX_DEVS) {
		printf("pci: more than %d functions; %02x:%02x.%x ignored\n",
		    PCI_MAX_DEVS, bus, dev, func);
		return;
	}
	struct pci_func *f = &pci_funcs[pci_nr_funcs++];
	memset(f, 0, sizeof(*f));
	f->bus = (uint8_t) bus;
	f->dev = (uint8_t) dev;
	f->func = (uint8_t) func;
	f->vendor = (uint16_t) vendor_device;
	f->device = (uint16_t) (vendor_device >> 16);
	uint32_t class = pci_cfg_read(bus, dev, func, 0x08, 4);
	f->rev = (uint8_t) class;
	f->progif = (uint8_t) (class >> 8);
	f->subclass = (uint8_t) (class >> 16);
	f->class_code = (uint8_t) (class >> 24);
	f->header = (uint8_t) (pci_cfg_read(bus, dev, func, 0x0e, 1) & 0x7f);
	f->irq = (uint8_t) pci_cfg_read(bus, dev, func, 0x3c, 1);
	f->holder = NONE;
	if (pci_holder_saved(f))
		return;                 /* held: its BARs as they were saved */
	int nbars = f->header == 0 ? 6 : f->header == 1 ? 2 : 0;
	uint32_t cmd = pci_cfg_read(bus, dev, func, 0x04, 2);
	pci_cfg_write(bus, dev, func, 0x04, 2, cmd & ~CMD_IO_MEM);
	for (int i = 0; i < nbars; i++)
		if (!f->bar[i].high_half)
			size_bar(f, i);
	pci_cfg_write(bus, dev, func, 0x04, 2, cmd);
}

/* pci_scan: fill pci_funcs from buses 0-255 (after pci_holders_restore
 * when a previous instance may have saved holders). */
void pci_scan(void)
{
	pci_nr_funcs = 0;
	for (int bus = 0; bus < 256; bus++)
		for (int dev = 0; dev < 32; dev++) {
			uint32_t id = pci_cfg_read(bus, dev, 0, 0x00, 4);
			if ((id & 0xffff) == 0xffff)
				continue;
			add(bus, dev, 0, id);
			int multi = pci_cfg_read(bus, dev, 0, 0x0e, 1) & 0x80;
			for (int func = 1; multi && func < 8; func++) {
				id = pci_cfg_read(bus, dev, func, 0x00, 4);
				if ((id & 0xffff) != 0xffff)
					add(bus, dev, func, id);
			}
		}
}
