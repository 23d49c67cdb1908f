/* The bus scan at start: bus 0 and the buses behind its bridges, every
 * device and function (functions 1-7 only of multifunction devices),
 * each function's ids, class, IRQ line and sized BARs. The sizes are
 * kept in DS: a restarted or updated pci reads the bases again but does
 * not size the BARs a second time (sizing writes them and turns decoding
 * off for a moment, under the feet of the drivers using the devices). */
#include <stdio.h>
#include <string.h>
#include "ds.h"
#include "pci.h"

#define SIZES_KEY "pci.bars"

#define CMD_IO_MEM 0x3               /* command register: decode enables */

struct pci_func pci_funcs[PCI_MAX_DEVS];
int pci_nr_funcs;

/* The BAR sizes of one function, as saved in DS. */
struct saved_sizes {
	uint8_t bus, dev, func;
	uint8_t high;                /* bit I: BAR I is a 64-bit BAR's top */
	uint32_t size[PCI_NR_BARS];
};

_Static_assert(PCI_MAX_DEVS * sizeof(struct saved_sizes) <= DS_MEM_MAX,
    "the BAR sizes must fit one DS blob");

static struct saved_sizes sizes[PCI_MAX_DEVS];
static size_t nr_sizes;

/* The saved sizes of F's function into F's BARs (bases read again, never
 * written); 1 when there were some. */
static int sizes_saved(struct pci_func *f)
{
	for (size_t k = 0; k < nr_sizes; k++) {
		const struct saved_sizes *z = &sizes[k];
		if (z->bus != f->bus || z->dev != f->dev || z->func != f->func)
			continue;
		for (int i = 0; i < PCI_NR_BARS; i++) {
			struct pci_bar *b = &f->bar[i];
			b->high_half = (z->high >> i) & 1;
			b->size = z->size[i];
			if (b->size == 0 || b->high_half)
				continue;
			uint32_t v = pci_cfg_read(f->bus, f->dev, f->func,
			    0x10 + 4 * i, 4);
			b->is_io = v & 1;
			b->base = b->is_io ? v & ~3u : v & ~0xfu;
		}
		return 1;
	}
	return 0;
}

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
	pci_holder_saved(f);
	if (sizes_saved(f))
		return;
	int nbars = f->header == 0 ? 6 : f->header == 1 ? 2 : 0;
	uint32_t cmd = pci_cfg_read(bus, dev, func, 0x04, 2);
	pci_cfg_write(bus, dev, func, 0x04, 2, cmd & ~CMD_IO_MEM);
	for (int i = 0; i < nbars; i++)
		if (!f->bar[i].high_half)
			size_bar(f, i);
	pci_cfg_write(bus, dev, func, 0x04, 2, cmd);
}

/* scan_bus: add every function of BUS (functions 1-7 only of
 * multifunction devices), then scan the secondary bus of each bridge found
 * on it (header type 1 or 2, its secondary bus number at 0x19, set by the
 * firmware), each bus once (SEEN: one bit per bus). */
static void scan_bus(int bus, uint32_t *seen)
{
	seen[bus / 32] |= 1u << (bus % 32);
	int first = pci_nr_funcs;
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
	for (int i = first, last = pci_nr_funcs; i < last; i++) {
		const struct pci_func *f = &pci_funcs[i];
		if (f->header != 1 && f->header != 2)
			continue;
		int sub = (int) pci_cfg_read(f->bus, f->dev, f->func, 0x19, 1);
		if (sub != 0 && !(seen[sub / 32] >> (sub % 32) & 1))
			scan_bus(sub, seen);
	}
}

/* pci_scan: fill pci_funcs from bus 0 and the buses behind its bridges
 * (not all 256: each probe is two kernel calls). FRESH: size every BAR and
 * save the sizes in DS; else take the sizes a previous instance saved
 * (and the holders: pci_holders_restore before). */
void pci_scan(int fresh)
{
	size_t len = 0;
	uint32_t seen[256 / 32] = { 0 };
	nr_sizes = 0;
	if (!fresh && ds_retrieve_mem(SIZES_KEY, sizes, sizeof(sizes), &len) == 0)
		nr_sizes = len / sizeof(sizes[0]);
	pci_nr_funcs = 0;
	scan_bus(0, seen);
	if (!fresh)
		return;
	for (int i = 0; i < pci_nr_funcs; i++) {
		struct saved_sizes *z = &sizes[i];
		memset(z, 0, sizeof(*z));
		z->bus = pci_funcs[i].bus;
		z->dev = pci_funcs[i].dev;
		z->func = pci_funcs[i].func;
		for (int b = 0; b < PCI_NR_BARS; b++) {
			z->size[b] = pci_funcs[i].bar[b].size;
			z->high |= (uint8_t) (pci_funcs[i].bar[b].high_half << b);
		}
	}
	int r = ds_publish_mem(SIZES_KEY, sizes, pci_nr_funcs ?
	    (size_t) pci_nr_funcs * sizeof(sizes[0]) : 1, DSF_OVERWRITE);
	if (r != 0)
		printf("pci: BAR sizes not saved in DS (%d)\n", r);
}
