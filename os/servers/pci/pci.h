/* The PCI bus server: its records and every function, by file. */
#ifndef PCI_SERVER_H
#define PCI_SERVER_H

#include <abi/types.h>
#include <abi/endpoint.h>
#include <abi/errno.h>
#include <abi/message.h>
#include <abi/pci.h>
#include "syslib.h"

#define PCI_NR_BARS 6

struct pci_bar {
	uint32_t base;               /* memory address or first port */
	uint32_t size;               /* bytes; 0: not implemented */
	int is_io;
	int high_half;               /* the upper half of a 64-bit BAR */
};

/* One function found by the scan. */
struct pci_func {
	uint8_t bus, dev, func, irq;
	uint16_t vendor, device;
	uint8_t class_code, subclass, progif, rev;
	uint8_t header;              /* header type, without the multifunction bit */
	struct pci_bar bar[PCI_NR_BARS];
	endpoint_t holder;           /* NONE: free */
	char holder_label[RS_LABEL_MAX];
};

extern struct pci_func pci_funcs[PCI_MAX_DEVS];
extern int pci_nr_funcs;

/* config.c: configuration mechanism #1 (ports 0xCF8/0xCFC). */
uint32_t pci_cfg_read(int bus, int dev, int func, int off, int width);
void pci_cfg_write(int bus, int dev, int func, int off, int width,
    uint32_t v);

/* scan.c */
void pci_scan(int fresh);

/* holder.c: who holds a device, who may, what that gives. */
struct pci_func *pci_func_of(int devind);
int pci_holder_live(struct pci_func *f);
void pci_holders_check(void);
int pci_may_reserve(endpoint_t ep, const struct pci_func *f, char *label);
int pci_grant(endpoint_t ep, const struct pci_func *f);
void pci_holders_save(void);
void pci_holders_restore(void);
int pci_holder_saved(struct pci_func *f);

/* table.c */
int pci_dispatch(message *m);

/* do_find.c */
int do_first(message *m);
int do_next(message *m);
int do_find(message *m);
/* do_reserve.c */
int do_reserve(message *m);
/* do_bar.c */
int do_bar(message *m);
/* do_config.c */
int do_read(message *m);
int do_write(message *m);

/* cdev.c: /dev/pci, lspci's text. */
int pci_cdev(message *m);
int pci_text(char *buf, size_t size);

#endif
