/* pcitest: a PCI driver's first steps, checked from a service, for
 * os/tests/test_pci.py. Started as `service up /usr/tests/pcitest -label
 * LABEL` (manifests pcia, pcib: `pci device 8086:100e`; pcinodev: none),
 * its init finds QEMU's e1000 (8086:100e), reserves it and prints
 *   LABEL: reserve 8086:100e: R            (0, -16 EBUSY, -1 EPERM)
 * and when it holds the device, the checks of what holding gives (BAR 0
 * mapped and read, nothing outside it, the I/O BAR's ports and the IRQ
 * line, DMA memory and its physical address, configuration writes), each
 *   LABEL: check NAME: ok|FAILED (got X)
 * then `LABEL: done`. It stays up holding the device until brought down;
 * every init (fresh, restart, live update) does the same. */
#include <stdio.h>
#include <string.h>
#include "dma.h"
#include "kcall.h"
#include "pci.h"
#include "sef.h"
#include "syslib.h"

#define E1000_STATUS 0x08          /* device status register */
#define RAM_ADDR 0x200000u          /* RAM, which no driver may map */

static const char *label = "pcitest";
static int failures;

static void check(const char *name, int ok, long got)
{
	if (!ok)
		failures++;
	if (ok)
		printf("%s: check %s: ok\n", label, name);
	else
		printf("%s: check %s: FAILED (got %ld)\n", label, name, got);
}

/* What holding DEVIND gives. */
static void holding(int devind)
{
	uint32_t base = 0, size = 0;
	int is_io = 1, r;
	r = pci_bar(devind, 0, &base, &size, &is_io);
	check("bar0", r == 0 && !is_io && size >= 4096 && base != 0, r);
	volatile void *regs = NULL;
	r = mmio_map(base, size, &regs);
	check("mmio_map", r == 0, r);
	if (r == 0) {
		uint32_t status = *(volatile uint32_t *) ((volatile char *) regs +
		    E1000_STATUS);
		check("status_register", status != 0 && status != 0xffffffffu,
		    (long) status);
	}
	volatile void *bad = NULL;
	r = mmio_map(base + size, 4096, &bad);
	check("mmio_after_bar", r == -EPERM, r);
	r = mmio_map(RAM_ADDR, 4096, &bad);
	check("mmio_ram", r == -EPERM, r);
	r = mmio_map(base - 4096, 8192, &bad);
	check("mmio_straddle", r == -EPERM, r);

	/* Another device's BAR (QEMU's VGA, 1234:1111, BAR 0: its frame
	 * buffer), read from its configuration space (anyone may). */
	struct pci_dev vga;
	uint32_t vga_bar = 0;
	if (pci_find(0x1234, 0x1111, 0, &vga) == 0 &&
	    pci_read(vga.devind, 0x10, 4, &vga_bar) == 0 &&
	    (vga_bar & ~0xfu) != 0) {
		r = mmio_map(vga_bar & ~0xfu, 4096, &bad);
		check("mmio_other_device", r == -EPERM, r);
	}

	void *buf = NULL;
	phys_bytes phys = 0, p2 = 0;
	r = dma_alloc(3 * 4096, &buf, &phys);
	check("dma_alloc", r == 0 && buf != NULL && (phys & 4095) == 0, r);
	if (r == 0) {
		int zero = 1;
		for (int i = 0; i < 3 * 4096; i++)
			zero &= ((volatile char *) buf)[i] == 0;
		check("dma_zeroed", zero, 0);
		r = sys_umap((char *) buf + 4096 + 8, 4096, &p2);
		check("umap", r == 0 && p2 == phys + 4096 + 8, r);
		check("dma_free", dma_free(buf, 3 * 4096) == 0, 0);
	}
	/* The I/O BAR's ports (the e1000's IOADDR/IODATA window) and no
	 * port after them; the IRQ line. */
	for (int i = 0; i < PCI_NR_BARS; i++) {
		uint32_t io_base, io_size, v;
		int io;
		if (pci_bar(devind, i, &io_base, &io_size, &io) != 0 || !io ||
		    io_size == 0)
			continue;
		r = sys_in(io_base, &v, 4);
		check("io_bar", r == 0, r);
		r = sys_in(io_base + io_size, &v, 1);
		check("io_after_bar", r == -EPERM, r);
		break;
	}
	struct pci_dev d;
	if (pci_find(0x8086, 0x100e, 0, &d) == 0) {
		r = sys_irqctl(IRQ_SETPOLICY, d.irq);
		check("irq_policy", r == 0, r);
		r = sys_irqctl(IRQ_RMPOLICY, d.irq);
		check("irq_release", r == 0, r);
	}

	uint32_t cmd = 0;
	r = pci_read(devind, 0x04, 2, &cmd);
	check("read_command", r == 0, r);
	printf("%s: command %04x\n", label, (unsigned) cmd);
	r = pci_write(devind, 0x04, 2, cmd | 0x4);           /* bus master */
	check("write_command", r == 0, r);
	r = pci_write(devind, 0x10, 4, 0);
	check("write_bar_refused", r == -EINVAL, r);
	r = pci_reserve(devind);
	check("reserve_again", r == 0, r);
}

static int init(const struct sef_init_info *info)
{
	if (info->label[0])
		label = sef_label();
	struct pci_dev d;
	int r = pci_find(0x8086, 0x100e, 0, &d);
	if (r != 0) {
		printf("%s: find 8086:100e: %d\n", label, r);
		return 0;
	}
	r = pci_reserve(d.devind);
	printf("%s: reserve 8086:100e: %d\n", label, r);
	if (r == 0) {
		holding(d.devind);
	} else {
		uint32_t base, size;
		int is_io;
		r = pci_bar(d.devind, 0, &base, &size, &is_io);
		check("bar_not_held", r == -EPERM, r);
		r = pci_write(d.devind, 0x04, 2, 0);
		check("write_not_held", r == -EPERM, r);
		r = sys_irqctl(IRQ_SETPOLICY, d.irq);
		check("irq_not_held", r == -EPERM, r);
	}
	printf("%s: done (%d failed)\n", label, failures);
	return 0;
}

int main(void)
{
	sef_setcb_init_fresh(init);
	sef_setcb_init_restart(init);
	sef_setcb_init_lu(init);
	sef_startup();
	for (;;) {
		message m;
		sef_receive(ANY, &m);
	}
}
