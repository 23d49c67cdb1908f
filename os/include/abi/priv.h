/* Privileges of a process: what it may do, checked by the kernel on every
 * use. One record per process slot; it stays with the slot across a live
 * update. Installed with SYS_PRIVCTL (PRIVCTL_SET) from a struct priv_spec
 * in the caller's memory. */
#ifndef ABI_PRIV_H
#define ABI_PRIV_H

#include <abi/types.h>
#include <abi/endpoint.h>

#define PRIV_SLOTS      64        /* = the kernel's NR_PROCS */
#define PRIV_IO_RANGES  8
#define PRIV_KCALL_WORDS 2        /* bitmap of up to 64 kernel calls */
#define PRIV_MEM_RANGES 8         /* device memory ranges (PCI BARs) */

/* Flags. */
#define PRIV_SYSTEM     0x01      /* a system process: faults are signals
                                   * to its manager, not default actions */
#define PRIV_IPC_ALL    0x02      /* may send to every process */
#define PRIV_KEEP_STATE 0x04      /* with a manager, an exit only stops it
                                   * (SIGKEXIT, like an exception): its
                                   * memory, IRQ lines, alarm and IPC
                                   * partners stay until the manager
                                   * restarts it in place (SYS_EXEC
                                   * EXEC_KEEP_STATE) or clears it */
#define PRIV_MAGIC_GRANT 0x08     /* its grants may name other processes'
                                   * memory (abi/grant.h GRANT_MAGIC): VFS's
                                   * slot, from the boot; SYS_PRIVCTL
                                   * neither gives nor takes it, a fork
                                   * does not inherit it */

#define IO_READ_ONLY    0x1       /* io_range.flags: in only, never out */

struct io_range {
	uint16_t base;            /* first port */
	uint16_t last;            /* last port (inclusive) */
	uint32_t flags;           /* IO_READ_ONLY */
};

/* A range of physical device memory the process may map (SYS_VMMAP with
 * VMMAP_PHYS, through MM_MMAP MAP_PHYS), uncached: a reserved PCI device's
 * BAR (added by the PCI server with SYS_PRIVADD). */
struct mem_range {
	phys_bytes base;          /* first byte */
	phys_bytes last;          /* last byte (inclusive) */
};

struct priv_spec {
	uint32_t flags;
	uint32_t ipc_to[PRIV_SLOTS / 32];     /* slots it may send to */
	uint32_t kcalls[PRIV_KCALL_WORDS];    /* bit (call - KCALL_BASE) */
	uint32_t nr_io;
	struct io_range io[PRIV_IO_RANGES];
	uint32_t irqs;                        /* bit N: IRQ line N */
	endpoint_t sig_mgr;                   /* NONE: default actions */
	/* Added for DMA drivers (issue 21), after the older fields. */
	uint32_t nr_mem;
	struct mem_range mem[PRIV_MEM_RANGES];
	uint32_t irqs_shared;                 /* bit N: line N may be shared
	                                       * with other holders that have
	                                       * it too (a PCI line) */
};

/* SYS_PRIVCTL requests. */
#define PRIVCTL_SET     1   /* install a priv_spec for a process */
#define PRIVCTL_GET     2   /* read a process's priv_spec */

/* SYS_PRIVADD requests: widen a live process's privileges by one resource
 * (the PCI server, for the driver that reserved a device). */
#define PRIVADD_MEM     1   /* a device memory range base..last */
#define PRIVADD_IO      2   /* an I/O port range base..last */
#define PRIVADD_IRQ     3   /* IRQ line base, shareable */

#endif
