/* Host test of the PCI server (os/servers/pci, all but main.c): built with
 * the host gcc (-m32) against a fake bus (configuration mechanism #1 on
 * fake ports), fake kernel calls (SYS_PRIVADD recorded, SYS_TIMES as the
 * liveness test), a fake RS (RS_PCI_ACL) and a fake DS; run by
 * os/tests/test_pci_host.py. Its cases run on the test kit in process. */
#include "../kit_errno.h"
#include <stdio.h>
#include <string.h>
#include <abi/boot.h>
#include <abi/cdev.h>
#include <abi/rs.h>
#include "chardriver.h"
#include "ds.h"
#include "pci.h"

/* ---- the fake bus ------------------------------------------------------ */

/* A function: its configuration space and, per BAR, the size mask (0:
 * not implemented; the low bits say I/O, 64-bit). */
struct fake_fn {
	int present;
	uint8_t cfg[256];
	uint32_t bar_mask[6];
};

static struct fake_fn bus[2][32][8];
static uint32_t address_reg;
static int bar_writes;                /* writes to a BAR offset */

static struct fake_fn *fn_at(uint32_t a)
{
	int b = (a >> 16) & 0xff, d = (a >> 11) & 31, f = (a >> 8) & 7;
	if (!(a & 0x80000000u) || b >= 2 || !bus[b][d][f].present)
		return NULL;
	return &bus[b][d][f];
}

int sys_out(unsigned port, uint32_t value, int size)
{
	if (port == 0xCF8 && size == 4) {
		address_reg = value;
		return 0;
	}
	struct fake_fn *fn = fn_at(address_reg);
	unsigned off = (address_reg & 0xfc) + (port - 0xCFC);
	if (port < 0xCFC || port > 0xCFF)
		return -EPERM;
	if (!fn)
		return 0;
	if (off >= 0x10 && off < 0x28) {
		bar_writes++;
		int i = (off - 0x10) / 4;
		uint32_t mask = fn->bar_mask[i];
		uint32_t low = mask & 1 ? 1 : mask & 0xf;
		value = (value & (mask & ~(mask & 1 ? 3u : 0xfu))) | low;
		if (mask == 0)
			value = 0;
	}
	memcpy(&fn->cfg[off], &value, (size_t) size);
	return 0;
}

int sys_in(unsigned port, uint32_t *value, int size)
{
	struct fake_fn *fn = fn_at(address_reg);
	unsigned off = (address_reg & 0xfc) + (port - 0xCFC);
	*value = 0;
	if (!fn) {
		*value = size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
		return 0;
	}
	memcpy(value, &fn->cfg[off], (size_t) size);
	return 0;
}

static void put(struct fake_fn *fn, int off, uint32_t v, int size)
{
	memcpy(&fn->cfg[off], &v, (size_t) size);
}

/* A function with ids, class and IRQ; header type HDR. */
static struct fake_fn *add_fn(int b, int d, int f, uint16_t vendor,
    uint16_t device, uint32_t class_rev, int hdr, int irq)
{
	struct fake_fn *fn = &bus[b][d][f];
	memset(fn, 0, sizeof(*fn));
	fn->present = 1;
	put(fn, 0x00, vendor, 2);
	put(fn, 0x02, device, 2);
	put(fn, 0x08, class_rev, 4);
	put(fn, 0x04, 0x0007, 2);             /* io, mem, bus master on */
	put(fn, 0x0e, (uint32_t) hdr, 1);
	put(fn, 0x3c, (uint32_t) irq, 1);
	return fn;
}

/* BAR I of FN: VALUE now, MASK what sticks of all ones. */
static void bar(struct fake_fn *fn, int i, uint32_t value, uint32_t mask)
{
	fn->bar_mask[i] = mask;
	put(fn, 0x10 + 4 * i, value, 4);
}

/* The machine: 00:00.0 host bridge; 00:01.0-1 a multifunction device (an
 * IDE-like function with an I/O BAR); 00:03.0 the e1000 (128 KiB memory
 * BAR 0, 64-byte I/O BAR 1, IRQ 11); 00:04.0 a device with a 64-bit BAR
 * and a BAR smaller than a page; 00:05.0 a bridge; 00:06.0 a
 * single-function device whose function 1 answers too (not multifunction:
 * ignored); 01:00.0 behind the bridge. */
static void machine(void)
{
	memset(bus, 0, sizeof(bus));
	add_fn(0, 0, 0, 0x8086, 0x1237, 0x06000002, 0, 0);
	add_fn(0, 1, 0, 0x8086, 0x7000, 0x06010000, 0x80, 0);
	struct fake_fn *ide = add_fn(0, 1, 1, 0x8086, 0x7010, 0x01018000, 0, 0);
	bar(ide, 4, 0xc041, 0xfffffff1);
	struct fake_fn *nic = add_fn(0, 3, 0, 0x8086, 0x100e, 0x02000003, 0, 11);
	bar(nic, 0, 0xfebc0000, 0xfffe0000);
	bar(nic, 1, 0xc001, 0xffffffc1);
	struct fake_fn *big = add_fn(0, 4, 0, 0x1af4, 0x1000, 0x02000000, 0, 10);
	bar(big, 0, 0xfe000004, 0xffffc004);  /* 64-bit, 16 KiB */
	bar(big, 1, 0x00000000, 0xffffffff);  /* its high half */
	bar(big, 2, 0xfebd1100, 0xffffff00);  /* 256 bytes */
	struct fake_fn *bridge = add_fn(0, 5, 0, 0x8086, 0x244e, 0x06040000,
	    1, 0);
	put(bridge, 0x19, 1, 1);              /* secondary bus 1 (firmware) */
	add_fn(0, 6, 0, 0x10ec, 0x8139, 0x02000000, 0, 9);
	add_fn(0, 6, 1, 0x10ec, 0x8139, 0x02000000, 0, 9);
	add_fn(1, 0, 0, 0x10ec, 0x8139, 0x02000000, 0, 5);
}

/* ---- fake kernel, RS and DS ------------------------------------------- */

#define DRV_A 1001
#define DRV_B 1002
#define USER  1003                    /* not a service */

static endpoint_t alive[4] = { DRV_A, DRV_B, USER, NONE };

int sys_times(endpoint_t ep, struct mess_kc_times *out)
{
	memset(out, 0, sizeof(*out));
	for (int i = 0; i < 4; i++)
		if (alive[i] == ep && ep != NONE)
			return 0;
	return -EDEADSRCDST;
}

static struct { endpoint_t ep; int req; uint32_t base, last; } grants[32];
static int nr_grants;

int sys_privadd(endpoint_t ep, int request, uint32_t base, uint32_t last)
{
	if (nr_grants < 32) {
		grants[nr_grants].ep = ep;
		grants[nr_grants].req = request;
		grants[nr_grants].base = base;
		grants[nr_grants].last = last;
		nr_grants++;
	}
	return 0;
}

static int granted(endpoint_t ep, int req, uint32_t base, uint32_t last)
{
	for (int i = 0; i < nr_grants; i++)
		if (grants[i].ep == ep && grants[i].req == req &&
		    grants[i].base == base && grants[i].last == last)
			return 1;
	return 0;
}

/* RS: DRV_A may reserve the e1000 and the 64-bit device, DRV_B the e1000
 * too, USER is no service. */
int ipc_sendrec(endpoint_t dst, message *m)
{
	if (dst != RS_EP || m->m_type != RS_PCI_ACL)
		return -EDEADSRCDST;
	struct mess_rs_pci_acl *x = &m->u.rs_pci_acl;
	if (x->ep == DRV_A) {
		strcpy(x->label, "drva");
		x->nr_pci = 2;
		x->pci[0] = 0x8086100e;
		x->pci[1] = 0x1af41000;
	} else if (x->ep == DRV_B) {
		strcpy(x->label, "drvb");
		x->nr_pci = 1;
		x->pci[0] = 0x8086100e;
	} else {
		m->m_type = -ESRCH;
		return 0;
	}
	m->m_type = 0;
	return 0;
}

static struct { char key[DS_KEY_MAX]; uint8_t data[DS_MEM_MAX]; size_t len; }
    store[4];

int ds_publish_mem(const char *key, const void *data, size_t len, int flags)
{
	(void) flags;
	for (int i = 0; i < 4; i++)
		if (store[i].key[0] == '\0' || strcmp(store[i].key, key) == 0) {
			if (len > DS_MEM_MAX)
				return -E2BIG;
			strcpy(store[i].key, key);
			memcpy(store[i].data, data, len);
			store[i].len = len;
			return 0;
		}
	return -ENOSPC;
}

int ds_retrieve_mem(const char *key, void *buf, size_t size, size_t *len)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(store[i].key, key) == 0) {
			if (store[i].len > size)
				return -E2BIG;
			memcpy(buf, store[i].data, store[i].len);
			*len = store[i].len;
			return 0;
		}
	return -ENOENT;
}

static char copied[8192];

endpoint_t chardriver_vfs(void)
{
	return 2;
}

int sys_safecopyto(endpoint_t granter, uint32_t grant, uint32_t offset,
    const void *addr, size_t bytes)
{
	(void) granter;
	(void) grant;
	memcpy(copied + offset, addr, bytes);
	copied[offset + bytes] = '\0';
	return 0;
}

int chardriver_announce(const struct sef_init_info *info)
{
	(void) info;
	return 0;
}

/* What the guest's servers get from os/lib/common. */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);
	if (size) {
		size_t c = n < size - 1 ? n : size - 1;
		memcpy(dst, src, c);
		dst[c] = '\0';
	}
	return n;
}

/* ---- helpers ------------------------------------------------------------ */

static void fresh(void)
{
	machine();
	memset(store, 0, sizeof(store));
	nr_grants = 0;
	bar_writes = 0;
	alive[0] = DRV_A;
	alive[1] = DRV_B;
	pci_scan(1);
}

static int find(uint16_t vendor, uint16_t device, int instance)
{
	message m = { 0 };
	m.m_type = PCI_FIND;
	m.u.pci_find.vendor = vendor;
	m.u.pci_find.device = device;
	m.u.pci_find.instance = instance;
	int r = pci_dispatch(&m);
	return r == 0 ? m.u.pci_dev.devind : r;
}

static int call(endpoint_t from, int type, int devind, int arg, int width,
    uint32_t value, message *out)
{
	message m = { 0 };
	m.m_source = from;
	m.m_type = type;
	m.u.pci_cfg.devind = devind;
	m.u.pci_cfg.arg = arg;
	m.u.pci_cfg.width = width;
	m.u.pci_cfg.value = value;
	int r = pci_dispatch(&m);
	if (out)
		*out = m;
	return r;
}

static uint16_t command_of(int b, int d, int f)
{
	uint16_t v;
	memcpy(&v, &bus[b][d][f].cfg[4], 2);
	return v;
}

/* ---- cases -------------------------------------------------------------- */

/* Every bus and device; functions 1-7 only of a multifunction device;
 * scan order; ids, class and IRQ as configured. */
TEST(scan_finds_the_functions)
{
	fresh();
	CHECK_EQ(pci_nr_funcs, 8);
	static const uint16_t ids[8] = { 0x1237, 0x7000, 0x7010, 0x100e,
	    0x1000, 0x244e, 0x8139, 0x8139 };
	for (int i = 0; i < 8; i++)
		CHECK_EQ(pci_funcs[i].device, ids[i]);
	CHECK_EQ(pci_funcs[2].func, 1);
	CHECK_EQ(pci_funcs[7].bus, 1);
	CHECK_EQ(pci_funcs[3].irq, 11);
	CHECK_EQ(pci_funcs[3].class_code, 0x02);
	CHECK_EQ(pci_funcs[3].rev, 0x03);
	CHECK_EQ(find(0x10ec, 0x8139, 0), 6);
	CHECK_EQ(find(0x10ec, 0x8139, 1), 7);
	CHECK_EQ(find(0x10ec, 0x8139, 2), -ENODEV);
	message m = { 0 };
	m.m_type = PCI_FIRST;
	CHECK_EQ(pci_dispatch(&m), 0);
	CHECK_EQ(m.u.pci_dev.devind, 0);
	m.m_type = PCI_NEXT;
	m.u.pci_dev.devind = 7;
	CHECK_EQ(pci_dispatch(&m), -ENODEV);
	m.u.pci_dev.devind = -1;
	CHECK_EQ(pci_dispatch(&m), -ENODEV);
	m.m_type = PCI_BASE + 99;
	CHECK_EQ(pci_dispatch(&m), -ENOSYS);
}

/* BARs sized: memory, I/O, a 64-bit one (its high half marked), a small
 * one, an unimplemented one; the values and the command register are as
 * they were after the scan. */
TEST(scan_sizes_the_bars)
{
	fresh();
	struct pci_func *nic = &pci_funcs[3], *big = &pci_funcs[4];
	CHECK_EQ(nic->bar[0].base, 0xfebc0000u);
	CHECK_EQ(nic->bar[0].size, 0x20000u);
	CHECK_EQ(nic->bar[0].is_io, 0);
	CHECK_EQ(nic->bar[1].base, 0xc000u);
	CHECK_EQ(nic->bar[1].size, 0x40u);
	CHECK_EQ(nic->bar[1].is_io, 1);
	CHECK_EQ(nic->bar[2].size, 0);
	CHECK_EQ(big->bar[0].size, 0x4000u);
	CHECK_EQ(big->bar[1].high_half, 1);
	CHECK_EQ(big->bar[2].size, 0x100u);
	CHECK_EQ(pci_funcs[2].bar[4].size, 0x10u);
	uint32_t v;
	memcpy(&v, &bus[0][3][0].cfg[0x10], 4);
	CHECK_EQ(v, 0xfebc0000u);
	CHECK_EQ(command_of(0, 3, 0), 0x0007);
}

/* Reserving: only what RS says the caller's manifest lists (-EPERM, and
 * for a process that is no service too); the grants (memory BARs as
 * whole pages, ports, the IRQ); 0 again for the holder; -EBUSY for
 * another live service. */
TEST(reserve_rules)
{
	fresh();
	int nic = find(0x8086, 0x100e, 0), big = find(0x1af4, 0x1000, 0);
	int rtl = find(0x10ec, 0x8139, 0);
	CHECK_EQ(call(USER, PCI_RESERVE, nic, 0, 0, 0, NULL), -EPERM);
	CHECK_EQ(call(DRV_B, PCI_RESERVE, big, 0, 0, 0, NULL), -EPERM);
	CHECK_EQ(call(DRV_A, PCI_RESERVE, rtl, 0, 0, 0, NULL), -EPERM);
	CHECK_EQ(call(DRV_A, PCI_RESERVE, 99, 0, 0, 0, NULL), -ENODEV);
	CHECK_EQ(nr_grants, 0);
	CHECK_EQ(call(DRV_A, PCI_RESERVE, nic, 0, 0, 0, NULL), 0);
	CHECK(granted(DRV_A, PRIVADD_MEM, 0xfebc0000u, 0xfebdffffu));
	CHECK(granted(DRV_A, PRIVADD_IO, 0xc000u, 0xc03fu));
	CHECK(granted(DRV_A, PRIVADD_IRQ, 11, 0));
	CHECK_EQ(nr_grants, 3);
	CHECK_EQ(call(DRV_A, PCI_RESERVE, nic, 0, 0, 0, NULL), 0);
	CHECK_EQ(call(DRV_B, PCI_RESERVE, nic, 0, 0, 0, NULL), -EBUSY);
	CHECK_EQ(call(DRV_A, PCI_RESERVE, big, 0, 0, 0, NULL), 0);
	CHECK(granted(DRV_A, PRIVADD_MEM, 0xfe000000u, 0xfe003fffu));
	CHECK(granted(DRV_A, PRIVADD_MEM, 0xfebd1000u, 0xfebd1fffu));
	CHECK(granted(DRV_A, PRIVADD_IRQ, 10, 0));
}

/* BAR and configuration writes for the holder only; BAR and ROM offsets
 * refused; bad offsets and widths; reads for anyone. */
TEST(bar_and_config_access)
{
	fresh();
	int nic = find(0x8086, 0x100e, 0);
	message m;
	CHECK_EQ(call(DRV_A, PCI_BAR, nic, 0, 0, 0, NULL), -EPERM);
	CHECK_EQ(call(DRV_A, PCI_RESERVE, nic, 0, 0, 0, NULL), 0);
	CHECK_EQ(call(DRV_A, PCI_BAR, nic, 1, 0, 0, &m), 0);
	CHECK(m.u.pci_cfg.value == 0xc000u && m.u.pci_cfg.size == 0x40u &&
	    m.u.pci_cfg.is_io == 1);
	CHECK_EQ(call(DRV_A, PCI_BAR, nic, 6, 0, 0, NULL), -EINVAL);
	CHECK_EQ(call(DRV_A, PCI_BAR, nic, -1, 0, 0, NULL), -EINVAL);
	CHECK_EQ(call(DRV_B, PCI_BAR, nic, 0, 0, 0, NULL), -EPERM);
	CHECK_EQ(call(DRV_B, PCI_WRITE, nic, 4, 2, 0, NULL), -EPERM);
	CHECK_EQ(call(DRV_A, PCI_WRITE, nic, 0x10, 4, 0, NULL), -EINVAL);
	CHECK_EQ(call(DRV_A, PCI_WRITE, nic, 0x0e, 4, 0, NULL), -EINVAL);
	CHECK_EQ(call(DRV_A, PCI_WRITE, nic, 0x24, 4, 0, NULL), -EINVAL);
	CHECK_EQ(call(DRV_A, PCI_WRITE, nic, 0x30, 1, 0, NULL), -EINVAL);
	CHECK_EQ(call(DRV_A, PCI_WRITE, nic, 0x0f, 1, 0, NULL), 0);
	CHECK_EQ(call(DRV_A, PCI_WRITE, nic, 0x04, 2, 0x0003, NULL), 0);
	CHECK_EQ(command_of(0, 3, 0), 0x0003);
	CHECK_EQ(call(DRV_A, PCI_WRITE, nic, 0x05, 2, 0, NULL), -EINVAL);
	CHECK_EQ(call(DRV_A, PCI_WRITE, nic, 0x04, 3, 0, NULL), -EINVAL);
	CHECK_EQ(call(DRV_A, PCI_WRITE, nic, 0xfe, 4, 0, NULL), -EINVAL);
	CHECK_EQ(call(USER, PCI_READ, nic, 0x00, 4, 0, &m), 0);
	CHECK_EQ(m.u.pci_cfg.value, 0x100e8086u);
	CHECK_EQ(call(USER, PCI_READ, nic, 0x100, 1, 0, NULL), -EINVAL);
	CHECK_EQ(call(USER, PCI_READ, 99, 0, 1, 0, NULL), -ENODEV);
}

/* A dead holder's device is free again (released when pci looks, or when
 * RS notifies: pci_holders_check), its bus mastering off; another
 * service reserves it. */
TEST(release_when_the_holder_is_gone)
{
	fresh();
	int nic = find(0x8086, 0x100e, 0);
	CHECK_EQ(call(DRV_A, PCI_RESERVE, nic, 0, 0, 0, NULL), 0);
	CHECK(command_of(0, 3, 0) & 0x4);
	alive[0] = NONE;                       /* drva exits */
	pci_holders_check();
	CHECK_EQ(pci_funcs[nic].holder, NONE);
	CHECK_EQ(command_of(0, 3, 0) & 0x4, 0);
	CHECK_EQ(call(DRV_B, PCI_RESERVE, nic, 0, 0, 0, NULL), 0);
	CHECK_EQ(pci_funcs[nic].holder, DRV_B);
	alive[1] = NONE;                       /* found when reserving */
	alive[0] = DRV_A;
	CHECK_EQ(call(DRV_A, PCI_RESERVE, nic, 0, 0, 0, NULL), 0);
	CHECK_EQ(pci_funcs[nic].holder, DRV_A);
}

/* A restarted or updated pci takes the holders and the BAR sizes back
 * from DS and writes no BAR. */
TEST(restart_keeps_holders_and_sizes)
{
	fresh();
	int nic = find(0x8086, 0x100e, 0);
	CHECK_EQ(call(DRV_A, PCI_RESERVE, nic, 0, 0, 0, NULL), 0);
	memset(pci_funcs, 0, sizeof(pci_funcs));
	pci_nr_funcs = 0;
	bar_writes = 0;
	pci_holders_restore();
	pci_scan(0);
	CHECK_EQ(bar_writes, 0);
	CHECK_EQ(pci_nr_funcs, 8);
	CHECK_EQ(pci_funcs[nic].holder, DRV_A);
	CHECK_EQ(pci_funcs[nic].bar[0].size, 0x20000u);
	CHECK_EQ(pci_funcs[nic].bar[1].base, 0xc000u);
	CHECK_EQ(pci_funcs[4].bar[1].high_half, 1);
	CHECK_EQ(call(DRV_B, PCI_RESERVE, nic, 0, 0, 0, NULL), -EBUSY);
	CHECK_EQ(call(DRV_A, PCI_BAR, nic, 0, 0, 0, NULL), 0);
}

/* /dev/pci: one line per function, the live holder's label or "-"; reads
 * from an offset; other minors and requests refused. */
TEST(dev_pci_text)
{
	fresh();
	int nic = find(0x8086, 0x100e, 0);
	CHECK_EQ(call(DRV_A, PCI_RESERVE, nic, 0, 0, 0, NULL), 0);
	message m = { 0 };
	m.m_type = CDEV_READ;
	m.u.cdev_req.id = 7;
	m.u.cdev_req.size = sizeof(copied) - 1;
	CHECK_EQ(pci_cdev(&m), CDEV_REPLY);
	CHECK_EQ(m.u.cdev_reply.id, 7);
	CHECK(m.u.cdev_reply.status > 0);
	CHECK(strstr(copied, "00:03.0 8086:100e class 02.00.00 irq 11 holder "
	    "drva\n") != NULL);
	CHECK(strstr(copied, "01:00.0 10ec:8139 class 02.00.00 irq 5 holder "
	    "-\n") != NULL);
	CHECK_EQ(strncmp(copied, "00:00.0 8086:1237 class 06.00.00 irq 0 "
	    "holder -\n", 45), 0);
	int whole = m.u.cdev_reply.status;
	memset(&m, 0, sizeof(m));
	m.m_type = CDEV_READ;
	m.u.cdev_req.pos = whole;
	m.u.cdev_req.size = 100;
	pci_cdev(&m);
	CHECK_EQ(m.u.cdev_reply.status, 0);
	memset(&m, 0, sizeof(m));
	m.m_type = CDEV_OPEN;
	m.u.cdev_req.minor = 1;
	pci_cdev(&m);
	CHECK_EQ(m.u.cdev_reply.status, -ENXIO);
	memset(&m, 0, sizeof(m));
	m.m_type = CDEV_WRITE;
	pci_cdev(&m);
	CHECK_EQ(m.u.cdev_reply.status, -ENOSYS);
}

static const struct kit_suite suite = {
	.name = "pci_host", .backend = &kit_inproc, .timeout = 10,
};

int main(int argc, char **argv)
{
	return kit_main(&suite, argc, argv);
}
