/* The PCI bus server's protocol (label `pci`, os/servers/pci). Drivers use
 * it through sdk/include/pci.h; lspci reads /dev/pci instead (a user
 * process may not send to pci). Replies: m_type 0 or a negative error,
 * the payload of the request filled in.
 *
 * Who may ask: PCI_FIRST, PCI_NEXT, PCI_FIND, PCI_READ: anyone allowed to
 * send to pci; PCI_RESERVE: a service whose manifest lists the device
 * (`pci device VVVV:DDDD`: pci asks RS, RS_PCI_ACL, for the caller's
 * list; -EPERM otherwise); PCI_BAR and PCI_WRITE: the device's holder
 * only (-EPERM). */
#ifndef ABI_PCI_H
#define ABI_PCI_H

#include <abi/payload.h>
#include <abi/sef.h>

#define PCI_BASE 0xD00
#define PCI_FIRST   (PCI_BASE + 0)  /* -> pci_dev */
#define PCI_NEXT    (PCI_BASE + 1)  /* pci_dev.devind -> pci_dev */
#define PCI_FIND    (PCI_BASE + 2)  /* pci_find -> pci_dev */
#define PCI_RESERVE (PCI_BASE + 3)  /* pci_cfg.devind */
#define PCI_BAR     (PCI_BASE + 4)  /* pci_cfg devind, arg (BAR) -> value
                                     * (base), size, is_io */
#define PCI_READ    (PCI_BASE + 5)  /* pci_cfg devind, arg (offset), width
                                     * -> value */
#define PCI_WRITE   (PCI_BASE + 6)  /* pci_cfg devind, arg, width, value */

#define PCI_MAX_DEVS 64             /* functions the server keeps */
#define PCI_MAJOR    16             /* /dev/pci (minor 0): lspci's text */

/* One function, as PCI_FIRST, PCI_NEXT and PCI_FIND answer it. */
struct mess_pci_dev {
	int32_t devind;
	uint8_t bus, dev, func, irq;
	uint16_t vendor, device;
	uint8_t class_code, subclass, progif, rev;
	char holder[SEF_LABEL_MAX];  /* the live holder's label, "" for none */
};
MESS_PAYLOAD(mess_pci_dev);

struct mess_pci_find {
	uint16_t vendor, device;
	int32_t instance;            /* 0: the first such device */
};
MESS_PAYLOAD(mess_pci_find);

struct mess_pci_cfg {
	int32_t devind;
	int32_t arg;                 /* BAR number, or configuration offset */
	int32_t width;               /* 1, 2 or 4 */
	uint32_t value;              /* in (WRITE) or out (READ, BAR base) */
	uint32_t size;               /* out (BAR) */
	int32_t is_io;               /* out (BAR) */
};
MESS_PAYLOAD(mess_pci_cfg);

#endif
