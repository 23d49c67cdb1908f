/* MM_MMAP and MM_MUNMAP: anonymous mappings. */
#include "mm.h"

#define MMAP_FLAGS (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | \
    MAP_CONTIG | MAP_PHYS)
#define MMAP_PROTS (PROT_READ | PROT_WRITE | PROT_EXEC)

/* do_mmap: MM_MMAP from any process.
 * Reads:  mm_mmap.addr (only with MAP_FIXED: where), .len, .prot, .flags
 * Writes: mm_mmap.addr (where the mapping is)
 * Reply:  0; -ENODEV without MAP_ANONYMOUS or MAP_PHYS (no file mappings);
 *         -EPERM for MAP_PHYS outside the caller's memory ranges; -EINVAL for
 *         len 0, unknown flags or protections, neither or both of
 *         MAP_PRIVATE and MAP_SHARED, a MAP_FIXED address that is not
 *         page-aligned or not between the heap and MM_MAP_TOP; -ENOMEM when
 *         no room is left, past MM_DATA_MAX or MM_MAX_MAPS, or when the
 *         kernel runs out of pages.
 * The pages are fresh and zeroed, writable with PROT_WRITE (else read-only;
 * PROT_NONE cannot be expressed and also gives read-only pages). A shared
 * anonymous mapping is private (nobody else can see it after a fork).
 * Without MAP_FIXED the address is chosen top-down, first fit, in
 * [MM_MAP_BASE, MM_MAP_TOP); MAP_FIXED replaces what was mapped there.
 * For DMA drivers (dma.h): MAP_CONTIG (with MAP_ANONYMOUS) gives physically
 * contiguous pages and their address in mm_mmap.phys; MAP_PHYS maps the
 * device memory at mm_mmap.phys (page-aligned), uncached, which the kernel
 * allows only inside the caller's privilege memory ranges. Both are
 * mappings like the others here (counted, placed, unmapped, forked), so MM
 * never hands their addresses out again. */
int do_mmap(message *m)
{
	struct mess_mm_mmap *x = &m->u.mm_mmap;
	struct mm_proc *p = mm_proc_of(m->m_source);
	if (!p)
		return -ESRCH;
	if (x->flags & ~MMAP_FLAGS)
		return -EINVAL;
	if (!(x->flags & (MAP_ANONYMOUS | MAP_PHYS)))
		return -ENODEV;
	if ((x->flags & MAP_PHYS) && (x->flags & (MAP_ANONYMOUS | MAP_CONTIG)))
		return -EINVAL;
	if ((x->flags & MAP_PHYS) && x->phys != mm_page_down(x->phys))
		return -EINVAL;
	int sharing = x->flags & (MAP_SHARED | MAP_PRIVATE);
	if (sharing != MAP_SHARED && sharing != MAP_PRIVATE)
		return -EINVAL;
	if ((x->prot & ~MMAP_PROTS) || x->len == 0)
		return -EINVAL;
	if (x->len > MM_DATA_MAX)
		return -ENOMEM;
	uint32_t len = mm_page_up(x->len);
	int writable = (x->prot & PROT_WRITE) != 0 ||
	    (x->flags & (MAP_CONTIG | MAP_PHYS)) != 0;   /* always writable */
	if (x->flags & MAP_PHYS)
		writable = MM_DEVICE;     /* merged only with device memory */

	struct mm_plan plan;
	mm_plan_load(&plan, p);
	vir_bytes addr;
	if (x->flags & MAP_FIXED) {
		addr = x->addr;
		if (addr != mm_page_down(addr) || addr < mm_heap_top(p) ||
		    addr > MM_MAP_TOP || MM_MAP_TOP - addr < len)
			return -EINVAL;
		mm_plan_remove(&plan, addr, addr + len);
	} else {
		vir_bytes low = mm_heap_top(p) > MM_MAP_BASE ? mm_heap_top(p)
		    : MM_MAP_BASE;
		addr = mm_plan_find_gap(&plan, low, len);
		if (addr == 0)
			return -ENOMEM;
	}
	mm_plan_add(&plan, addr, addr + len, writable);
	uint32_t heap = mm_heap_top(p) - p->heap_start;
	if (plan.nr_maps > MM_MAX_MAPS || heap + mm_plan_bytes(&plan) > MM_DATA_MAX)
		return -ENOMEM;

	if (x->flags & MAP_FIXED) {
		int r = mm_unmap_overlap(p, addr, addr + len);
		if (r != 0)
			return r;
	}
	int r;
	if (x->flags & MAP_CONTIG)
		r = sys_vmmap_contig(p->ep, addr, len, &x->phys);
	else if (x->flags & MAP_PHYS)
		r = sys_vmmap_dev(p->ep, addr, x->phys, len);
	else
		r = sys_vmmap(p->ep, addr, len, writable, NULL);
	if (r != 0) {
		/* What MAP_FIXED replaced is gone already: record that. */
		mm_plan_load(&plan, p);
		mm_plan_remove(&plan, addr, addr + len);
		mm_plan_commit(&plan, p);
		return r == -EEXIST ? -ENOMEM : r;
	}
	mm_plan_commit(&plan, p);
	x->addr = addr;
	return 0;
}

/* do_munmap: MM_MUNMAP from any process.
 * Reads:  mm_mmap.addr, .len
 * Writes: nothing
 * Reply:  0 (also when nothing was mapped there); -EINVAL for an address
 *         that is not page-aligned, len 0, or a range that wraps around;
 *         -ENOMEM when a split would need more than MM_MAX_MAPS mappings.
 * Only anonymous mappings are removed; the heap and the program image in
 * the range are left alone (brk is the way to shrink the heap). */
int do_munmap(message *m)
{
	struct mess_mm_mmap *x = &m->u.mm_mmap;
	struct mm_proc *p = mm_proc_of(m->m_source);
	if (!p)
		return -ESRCH;
	vir_bytes addr = x->addr;
	if (addr != mm_page_down(addr) || x->len == 0 ||
	    x->len > 0u - MM_PAGE - addr)
		return -EINVAL;
	vir_bytes end = mm_page_up(addr + x->len);

	struct mm_plan plan;
	mm_plan_load(&plan, p);
	mm_plan_remove(&plan, addr, end);
	if (plan.nr_maps > MM_MAX_MAPS)
		return -ENOMEM;
	int r = mm_unmap_overlap(p, addr, end);
	if (r != 0)
		return r;
	mm_plan_commit(&plan, p);
	return 0;
}
