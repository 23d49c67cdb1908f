/**
 * @file pci.h
 * @brief Client calls of the PCI bus server (label `pci`): find a device,
 *        reserve it, read its BARs and configuration space.
 *
 * The PCI server enumerates every bus, device and function through the
 * configuration mechanism #1 (ports 0xCF8/0xCFC) at start. A driver finds
 * its device by vendor and device id (pci_find()) or walks all of them
 * (pci_first(), pci_next()), then reserves it (pci_reserve()). Reserving
 * adds the device's BAR memory ranges, I/O port ranges and IRQ line to the
 * driver's privileges, so that mmio_map() (dma.h), sys_in()/sys_out() and
 * sys_irqctl() (kcall.h) work on them and on nothing else.
 *
 * Rules:
 * - a driver may reserve only the devices its manifest lists
 *   (`pci device 8086:100e;`, os/lib/manifest/README.md); RS hands the list
 *   to the PCI server before the driver runs; any other device is -EPERM;
 * - a device has at most one holder, a live endpoint; it is released when
 *   the holder exits, crashes or is brought down (never by program name),
 *   so a restarted driver can reserve it again;
 * - a caller that already holds the device gets 0 again (a live update or
 *   a restart re-runs the driver's init).
 *
 * PCI interrupts are level-triggered and may be shared by several devices:
 * a driver's interrupt handler must read its device's interrupt cause
 * register and do nothing when the device did not interrupt; it calls
 * sys_irqctl(IRQ_ENABLE, irq) after each interrupt as usual.
 *
 * Every call sendrecs the PCI server (abi/pci.h) and returns 0 or a
 * negative error number (abi/errno.h). The manifest needs `ipc ... pci`.
 */
#ifndef PCI_H
#define PCI_H

#include <abi/types.h>
#include <abi/errno.h>

/**
 * @brief One PCI function as the PCI server found it.
 */
struct pci_dev {
	int devind;          /**< the server's index of the function: pass it to the other calls */
	uint8_t bus;         /**< bus number (0-255) */
	uint8_t dev;         /**< device number on the bus (0-31) */
	uint8_t func;        /**< function number (0-7) */
	uint8_t irq;         /**< the interrupt line (configuration offset 0x3C); 0 or 255: none */
	uint16_t vendor;     /**< vendor id (8086 is Intel) */
	uint16_t device;     /**< device id (100e is the 82540EM, QEMU's e1000) */
	uint8_t class_code;  /**< base class (02 is a network controller) */
	uint8_t subclass;    /**< subclass (00 is Ethernet) */
	uint8_t progif;      /**< programming interface */
	uint8_t rev;         /**< revision id */
};

/** @brief pci_bar()'s @p bar: the first of the six base address registers. */
#define PCI_BAR_0 0
/** @brief The number of base address registers of a type-0 header. */
#define PCI_NR_BARS 6

/**
 * @brief The first PCI function (in bus, device, function order).
 * @param d gets the function
 * @return 0 when @p d holds it.
 * @retval -ENODEV there is no PCI function at all
 * @retval -EDEADSRCDST the PCI server is not running
 */
int pci_first(struct pci_dev *d);

/**
 * @brief The PCI function after @p devind.
 * @param devind a function's index from pci_first() or pci_next()
 * @param d gets the next function
 * @return 0 when @p d holds it.
 * @retval -ENODEV @p devind was the last function (or is not valid)
 * @retval -EDEADSRCDST the PCI server is not running
 */
int pci_next(int devind, struct pci_dev *d);

/**
 * @brief Find a PCI function by vendor and device id.
 * @param vendor the vendor id
 * @param device the device id
 * @param instance which one of several identical devices: 0 for the
 *        first, 1 for the second, ...
 * @param d gets the function
 * @return 0 when @p d holds it (reserved or not: pci_reserve() says).
 * @retval -ENODEV no such device (or fewer than @p instance + 1 of them)
 * @retval -EDEADSRCDST the PCI server is not running
 */
int pci_find(uint16_t vendor, uint16_t device, int instance,
    struct pci_dev *d);

/**
 * @brief Reserve a PCI function for the caller.
 *
 * On success the device's BAR memory ranges, I/O port ranges and IRQ line
 * are added to the caller's privileges, and the device is the caller's
 * until it exits or is brought down.
 * @param devind the function's index (struct pci_dev's devind)
 * @return 0 when the caller holds the device, also when it held it
 *         already (a live update or a restart re-running init).
 * @retval -EBUSY another live service holds the device
 * @retval -EPERM the device is not in the caller's manifest
 *         (`pci device VVVV:DDDD`)
 * @retval -ENODEV @p devind is not a valid index
 * @retval -EDEADSRCDST the PCI server is not running
 */
int pci_reserve(int devind);

/**
 * @brief A base address register of a reserved function, sized.
 * @param devind the function's index; the caller must hold it
 * @param bar which register: 0 to PCI_NR_BARS - 1
 * @param base gets the base address (memory: physical address; I/O: the
 *        first port)
 * @param size gets the size in bytes (0 when the BAR is not implemented)
 * @param is_io gets 1 for an I/O port range, 0 for a memory range
 * @return 0 when the three outputs are filled in.
 * @retval -EINVAL @p bar is out of range, or the BAR is the high half of
 *         a 64-bit BAR
 * @retval -EPERM the caller does not hold the device
 * @retval -ENODEV @p devind is not a valid index
 * @retval -EDEADSRCDST the PCI server is not running
 */
int pci_bar(int devind, int bar, uint32_t *base, uint32_t *size,
    int *is_io);

/**
 * @brief Read a function's configuration space.
 * @param devind the function's index
 * @param off the offset (0-255), a multiple of @p width
 * @param width 1, 2 or 4 bytes
 * @param v gets the value (zero-extended)
 * @return 0 when @p v holds it.
 * @retval -EINVAL a bad @p off or @p width
 * @retval -ENODEV @p devind is not a valid index
 * @retval -EDEADSRCDST the PCI server is not running
 */
int pci_read(int devind, int off, int width, uint32_t *v);

/**
 * @brief Write a reserved function's configuration space (for example the
 *        command register, offset 4, to enable bus mastering).
 * @param devind the function's index; the caller must hold it
 * @param off the offset (0-255), a multiple of @p width
 * @param width 1, 2 or 4 bytes
 * @param v the value (its low @p width bytes are written)
 * @return 0 when written.
 * @retval -EINVAL a bad @p off or @p width, or a write to a BAR (the
 *         server owns BARs: they define the driver's privileges)
 * @retval -EPERM the caller does not hold the device
 * @retval -ENODEV @p devind is not a valid index
 * @retval -EDEADSRCDST the PCI server is not running
 */
int pci_write(int devind, int off, int width, uint32_t v);

#endif
