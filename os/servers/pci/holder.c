/* Holders: who may reserve a device (RS says, from the manifest), whether
 * the holder still lives (a device is released when its holder exits or
 * is brought down: judged by the endpoint, never by a name), what holding
 * gives (the BARs, ports and IRQ line in the holder's privileges), and the
 * holders kept in DS across a restart of pci. */
#include <stdio.h>
#include <string.h>
#include <abi/boot.h>
#include <abi/rs.h>
#include "ds.h"
#include "pci.h"

#define HOLDERS_KEY "pci.holders"
#define PAGE 4096u
#define CMD_BUS_MASTER 0x4          /* command register: may do DMA */

/* pci_func_of: the function with index DEVIND, or NULL. */
struct pci_func *pci_func_of(int devind)
{
	if (devind < 0 || devind >= pci_nr_funcs)
		return NULL;
	return &pci_funcs[devind];
}

/* pci_holder_live: whether F has a holder that is still alive; a dead
 * one (exited, brought down, restarted with a new endpoint) is forgotten
 * here, so the device is free again, and its bus mastering is turned off
 * (no DMA into memory freed with the holder). */
int pci_holder_live(struct pci_func *f)
{
	if (f->holder == NONE)
		return 0;
	struct mess_kc_times t;
	if (sys_times(f->holder, &t) == 0)
		return 1;
	printf("pci: %02x:%02x.%x released (%s is gone)\n", f->bus, f->dev,
	    f->func, f->holder_label);
	/* Stop its DMA: the memory the device was given went with the
	 * holder. The next holder enables bus mastering again. */
	uint32_t cmd = pci_cfg_read(f->bus, f->dev, f->func, 0x04, 2);
	pci_cfg_write(f->bus, f->dev, f->func, 0x04, 2, cmd & ~CMD_BUS_MASTER);
	f->holder = NONE;
	f->holder_label[0] = '\0';
	pci_holders_save();
	return 0;
}

/* pci_holders_check: look at every holder now (RS said an instance is
 * gone): the dead ones' devices are released. */
void pci_holders_check(void)
{
	for (int i = 0; i < pci_nr_funcs; i++)
		pci_holder_live(&pci_funcs[i]);
}

/* pci_may_reserve: whether the service at EP lists F's ids in its
 * manifest (RS_PCI_ACL); LABEL (RS_LABEL_MAX bytes) gets its label.
 * Returns 0, -EPERM (not listed, or not a service), or RS's error. */
int pci_may_reserve(endpoint_t ep, const struct pci_func *f, char *label)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = RS_PCI_ACL;
	m.u.rs_pci_acl.ep = ep;
	int r = ipc_sendrec(RS_EP, &m);
	if (r == 0)
		r = m.m_type;
	if (r == -ESRCH)
		return -EPERM;
	if (r != 0)
		return r;
	strlcpy(label, m.u.rs_pci_acl.label, RS_LABEL_MAX);
	uint32_t id = (uint32_t) f->vendor << 16 | f->device;
	for (uint32_t i = 0; i < m.u.rs_pci_acl.nr_pci && i < RS_PCI_MAX; i++)
		if (m.u.rs_pci_acl.pci[i] == id)
			return 0;
	printf("pci: %s may not reserve %04x:%04x (not in its manifest)\n",
	    label, f->vendor, f->device);
	return -EPERM;
}

/* pci_grant: add F's BAR memory (whole pages), its port ranges and its
 * IRQ line to EP's privileges (SYS_PRIVADD). Returns 0 or the first
 * error (what was added before stays: the holder's anyway). */
int pci_grant(endpoint_t ep, const struct pci_func *f)
{
	for (int i = 0; i < PCI_NR_BARS; i++) {
		const struct pci_bar *b = &f->bar[i];
		if (b->size == 0 || b->high_half || b->base == 0)
			continue;
		int r;
		if (b->is_io) {
			r = sys_privadd(ep, PRIVADD_IO, b->base,
			    b->base + b->size - 1);
		} else {
			uint32_t first = b->base & ~(PAGE - 1);
			uint32_t last = ((b->base + b->size - 1) | (PAGE - 1));
			r = sys_privadd(ep, PRIVADD_MEM, first, last);
		}
		if (r != 0) {
			printf("pci: BAR %d of %02x:%02x.%x not granted (%d)\n",
			    i, f->bus, f->dev, f->func, r);
			return r;
		}
	}
	if (f->irq != 0 && f->irq != 2 && f->irq < 16)
		return sys_privadd(ep, PRIVADD_IRQ, f->irq, 0);
	return 0;
}

/* One saved holder. */
struct saved_holder {
	uint8_t bus, dev, func, pad;
	endpoint_t ep;
	char label[RS_LABEL_MAX];
};

#define SAVED_MAX (DS_MEM_MAX / sizeof(struct saved_holder))

static struct saved_holder saved[SAVED_MAX];
static size_t nr_saved;

/* pci_holders_save: the holders to DS (a restarted pci keeps them). */
void pci_holders_save(void)
{
	size_t n = 0;
	for (int i = 0; i < pci_nr_funcs && n < SAVED_MAX; i++) {
		const struct pci_func *f = &pci_funcs[i];
		if (f->holder == NONE)
			continue;
		memset(&saved[n], 0, sizeof(saved[n]));
		saved[n].bus = f->bus;
		saved[n].dev = f->dev;
		saved[n].func = f->func;
		saved[n].ep = f->holder;
		strlcpy(saved[n].label, f->holder_label, sizeof(saved[n].label));
		n++;
	}
	int r = ds_publish_mem(HOLDERS_KEY, saved,
	    n ? n * sizeof(saved[0]) : 1, DSF_OVERWRITE);
	if (r != 0)
		printf("pci: holders not saved in DS (%d)\n", r);
}

/* pci_holders_restore: read the holders a previous instance saved (before
 * the scan, which asks pci_holder_saved for each function). */
void pci_holders_restore(void)
{
	size_t len = 0;
	nr_saved = 0;
	if (ds_retrieve_mem(HOLDERS_KEY, saved, sizeof(saved), &len) == 0)
		nr_saved = len / sizeof(saved[0]);
}

/* pci_holder_saved: if the previous instance saved a holder of F's
 * function (bus, device, function), make it F's holder again; returns 1
 * then. */
int pci_holder_saved(struct pci_func *f)
{
	for (size_t k = 0; k < nr_saved; k++)
		if (saved[k].bus == f->bus && saved[k].dev == f->dev &&
		    saved[k].func == f->func) {
			f->holder = saved[k].ep;
			strlcpy(f->holder_label, saved[k].label,
			    sizeof(f->holder_label));
			return 1;
		}
	return 0;
}
