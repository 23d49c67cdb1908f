/* SYS_VMMAP: map memory into a process: fresh zeroed pages (physically
 * contiguous ones for DMA), or device memory.
 *
 * Reads:  kc_vmmap.endpoint (SELF or a live process), .addr and .len
 *         (page-aligned, len > 0, inside the user area USER_BASE ..
 *         USER_MAP_TOP, the bottom of the stack area), .writable, .flags
 *         (VMMAP_PHYS or VMMAP_CONTIG, not both), .phys (VMMAP_PHYS:
 *         page-aligned; the whole range inside one of the target's device
 *         memory ranges (priv mem, a reserved PCI device's BAR: mapped
 *         uncached), or, for the caller itself, inside 0xA0000-0xFFFFF, the
 *         legacy video and ROM area)
 * Writes: kc_vmmap.free_kib: free memory afterwards (also on errors);
 *         kc_vmmap.phys with VMMAP_CONTIG: the first frame's address
 * Reply:  0, -EINVAL (bad endpoint, alignment, range, flags or physical
 *         range), -EDEADSRCDST, -EPERM (VMMAP_PHYS for another process
 *         outside its memory ranges), -EEXIST (a page of the range is
 *         mapped already: nothing changes), -ENOMEM (memory ran out, or no
 *         contiguous run that long: nothing this call mapped stays).
 * Device pages are never freed into the frame pool; fork shares them.
 * Contiguous pages are ordinary owned pages (freed with the space; fork
 * copies them). Mapping the VGA text buffer (0xB8000) hands the screen
 * over: the kernel console stops writing to it (serial and the kernel log
 * go on) and says "console: VGA handed to NAME". */
#include "kernel.h"
#include <abi/errno.h>

#define DEVICE_LOW  0xA0000u     /* legacy video memory ... */
#define DEVICE_HIGH 0x100000u    /* ... and ROM, up to 1 MiB */
#define VGA_TEXT    0xB8000u

/* VMMAP_PHYS: P's device memory ranges (uncached), or the legacy area for
 * the caller itself. */
static int map_phys(struct proc *caller, struct proc *p,
    struct mess_kc_vmmap *x)
{
	if ((x->phys & ~PAGE_MASK) || x->len > 0u - x->phys)
		return -EINVAL;
	if (priv_may_mem(p, x->phys, x->len))
		return vm_map_uncached(p->pgdir, x->addr, x->len, x->writable,
		    x->phys);
	if (p != caller)
		return -EPERM;
	if (x->phys < DEVICE_LOW || x->phys >= DEVICE_HIGH ||
	    x->len > DEVICE_HIGH - x->phys)
		return -EINVAL;
	int r = vm_map_range(p->pgdir, x->addr, x->len, x->writable, x->phys);
	if (r == 0 && x->phys <= VGA_TEXT && VGA_TEXT < x->phys + x->len)
		console_vga_handoff(p->name);
	return r;
}

/* The checks and the mapping; the caller adds free_kib. */
static int vmmap(struct proc *caller, struct mess_kc_vmmap *x)
{
	struct proc *p;
	int r = proc_lookup(caller, x->endpoint, &p);
	if (r != 0)
		return r;
	if ((x->addr | x->len) & ~PAGE_MASK || x->len == 0 ||
	    x->addr < USER_BASE || x->addr >= USER_MAP_TOP ||
	    x->len > USER_MAP_TOP - x->addr ||
	    (x->flags & ~(uint32_t) (VMMAP_PHYS | VMMAP_CONTIG)) ||
	    x->flags == (VMMAP_PHYS | VMMAP_CONTIG))
		return -EINVAL;
	if (x->flags & VMMAP_PHYS)
		return map_phys(caller, p, x);
	if (x->flags & VMMAP_CONTIG)
		return vm_map_contig(p->pgdir, x->addr, x->len, x->writable,
		    &x->phys);
	return vm_map_range(p->pgdir, x->addr, x->len, x->writable, 0);
}

int do_vmmap(struct proc *caller, message *m)
{
	int r = vmmap(caller, &m->u.kc_vmmap);
	m->u.kc_vmmap.free_kib = pmem_free_count() * (PAGE_SIZE / 1024);
	return r;
}
