/* The memory manager's protocol (MM, endpoint MM_EP).
 *
 * MM decides what each address space holds (the heap below brk and the
 * anonymous mappings); the kernel maps and unmaps pages at its request
 * (SYS_VMMAP, SYS_VMUNMAP). User processes call MM for brk, mmap and
 * munmap; PM tells MM about fork, exec and exit. MM never sends a request
 * to anyone but the kernel. Replies: m_type is 0 or a negative error. */
#ifndef ABI_MM_H
#define ABI_MM_H

#include <abi/payload.h>

#define MM_BASE 0x300
#define MM_BRK      (MM_BASE + 0)   /* mm_brk */
#define MM_MMAP     (MM_BASE + 1)   /* mm_mmap */
#define MM_MUNMAP   (MM_BASE + 2)   /* mm_mmap (addr, len) */
#define MM_INFO     (MM_BASE + 3)   /* out mm_info */
#define MM_PM_FORK  (MM_BASE + 10)  /* mm_pm: parent, child (from PM only) */
#define MM_PM_EXEC  (MM_BASE + 11)  /* mm_pm: proc (its new image is loaded) */
#define MM_PM_EXIT  (MM_BASE + 12)  /* mm_pm: proc */

/* mmap protections and flags (Linux's values). */
#define PROT_NONE  0
#define PROT_READ  1
#define PROT_WRITE 2
#define PROT_EXEC  4
#define MAP_SHARED    0x01
#define MAP_PRIVATE   0x02
#define MAP_FIXED     0x10
#define MAP_ANONYMOUS 0x20
#define MAP_FAILED ((vir_bytes) -1)
/* Phoenix's own, for DMA drivers (dma.h): physically contiguous zeroed
 * pages (out: mm_mmap.phys), and device memory at mm_mmap.phys, which the
 * kernel maps (uncached) only inside the caller's privilege memory ranges
 * (a reserved PCI device's BARs). */
#define MAP_CONTIG    0x100000
#define MAP_PHYS      0x200000

/* Limits MM enforces per process (ENOMEM past them). */
#define MM_DATA_MAX   (64u << 20)   /* heap plus anonymous mappings */

struct mess_mm_brk {
	vir_bytes addr;              /* the new break; 0 only asks */
	vir_bytes brk;               /* out: the break now */
};
MESS_PAYLOAD(mess_mm_brk);

struct mess_mm_mmap {
	vir_bytes addr;              /* hint (exact with MAP_FIXED); out: where */
	uint32_t len;
	int32_t prot;
	int32_t flags;               /* MAP_PRIVATE | MAP_ANONYMOUS (+ MAP_FIXED) */
	phys_bytes phys;             /* MAP_PHYS: the device memory (page-
	                              * aligned); out with MAP_CONTIG: the first
	                              * page's physical address */
};
MESS_PAYLOAD(mess_mm_mmap);

struct mess_mm_info {
	uint32_t total_kib;          /* physical memory */
	uint32_t free_kib;
	uint32_t used_kib;           /* by the caller's heap and mappings */
};
MESS_PAYLOAD(mess_mm_info);

struct mess_mm_pm {
	endpoint_t proc;             /* the child (fork) or the process */
	endpoint_t parent;           /* fork only */
};
MESS_PAYLOAD(mess_mm_pm);

#endif
