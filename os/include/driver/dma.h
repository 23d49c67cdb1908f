/**
 * @file dma.h
 * @brief Memory for devices that do DMA and memory-mapped device
 *        registers: contiguous buffers with known physical addresses, the
 *        physical address of the caller's own memory, mapping a reserved
 *        device's BAR.
 *
 * A DMA driver (a network card's descriptor rings and packet buffers)
 * allocates with dma_alloc(), tells the device the physical address, and
 * reads and writes the buffer through the virtual one. A device's
 * registers are mapped with mmio_map(), only inside the memory ranges the
 * PCI server added to the driver's privileges when it reserved the device
 * (pci.h), uncached.
 *
 * dma_alloc(), dma_free() and mmio_map() ask the memory manager (MM_MMAP
 * with MAP_CONTIG or MAP_PHYS, abi/mm.h), which every service may talk to:
 * the mappings are MM's like the heap, count against the same limit, and
 * go when the driver exits; the kernel does the checks. sys_umap() is a
 * kernel call: the manifest needs `system UMAP;` (os/lib/manifest).
 * Errors are negative numbers from abi/errno.h.
 *
 * There is no IOMMU: the device writes wherever the driver told it. A
 * driver stops the device's DMA (a reset) before it frees DMA memory and
 * in its live-update state save; a driver that crashed leaves a device
 * that may still write into memory freed with it, so a restarted driver
 * resets the device before anything else.
 */
#ifndef DMA_H
#define DMA_H

#include <abi/types.h>
#include <abi/errno.h>

/**
 * @brief Allocate memory a device can reach by DMA.
 * @param len the size in bytes (rounded up to whole 4 KiB pages)
 * @param addr gets the caller's virtual address (page-aligned)
 * @param phys gets the physical address of the first byte; the whole
 *        range is physically contiguous
 * @return 0 when the memory is there, zeroed.
 * @retval -EINVAL @p len is 0 or too big
 * @retval -ENOMEM no contiguous free range that long, or the caller's
 *         address space (or its 64 MiB of heap and mappings) is full
 */
int dma_alloc(size_t len, void **addr, phys_bytes *phys);

/**
 * @brief Free memory from dma_alloc(). The device must not use it any
 *        more.
 * @param addr the address dma_alloc() gave
 * @param len the length passed to dma_alloc()
 * @return 0 when freed (also when nothing was mapped there).
 * @retval -EINVAL @p addr is not page-aligned or @p len is 0
 */
int dma_free(void *addr, size_t len);

/**
 * @brief The physical address of a range of the caller's own memory.
 * @param addr the start of the range
 * @param len its length in bytes (at least 1)
 * @param phys gets the physical address of @p addr
 * @return 0 when the whole range is physically contiguous and @p phys
 *         holds its start.
 * @retval -EFAULT part of the range is not the caller's memory
 * @retval -EINVAL @p len is 0, or the range is not physically contiguous
 *         (split it at page boundaries)
 * @retval -ECALLDENIED the caller may not use UMAP
 */
int sys_umap(const void *addr, size_t len, phys_bytes *phys);

/**
 * @brief Map device memory (a BAR) into the caller's address space,
 *        uncached.
 * @param base the physical address (from pci_bar())
 * @param len the length in bytes
 * @param addr gets the virtual address of @p base
 * @return 0 when mapped.
 * @retval -EPERM the range is not inside the caller's memory ranges (the
 *         BARs of the devices it reserved: RAM and other devices' BARs
 *         never are)
 * @retval -EINVAL @p len is 0 or the range wraps around
 * @retval -ENOMEM the caller's address space is full
 */
int mmio_map(phys_bytes base, size_t len, volatile void **addr);

#endif
