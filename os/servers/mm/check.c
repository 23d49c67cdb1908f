/* MM's restart in place and keep-state live update (SEF_INIT_KEPT): the
 * new instance runs in the old one's memory, so every record is already
 * there. Before they are trusted they are checked: each record on its
 * own (sorted, non-overlapping, page-aligned mappings within the limits)
 * and against the kernel (the heap starts where the kernel's image ends,
 * and the pages the record says are mapped can be read). MM keeps nothing
 * outside its memory (no alarm, no request to anyone), so nothing needs
 * to be set up again. */
#include <stdarg.h>
#include <stdio.h>
#include "mm.h"

/* fail: write the printf-style reason FMT into WHY (LEN bytes); returns
 * -EINVAL, the state check's answer for an inconsistent state. */
static int __attribute__((format(printf, 3, 4)))
fail(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* aligned: whether ADDR is on a page boundary. */
static int aligned(vir_bytes addr)
{
	return (addr & (MM_PAGE - 1)) == 0;
}

/* check_record: the invariants of record P (slot I) on its own. */
static int check_record(int i, const struct mm_proc *p, char *why, size_t len)
{
	if (ep_slot(p->ep) != i)
		return fail(why, len, "slot %d: endpoint %d of another slot", i,
		    p->ep);
	if (!aligned(p->heap_start) || p->brk < p->heap_start ||
	    mm_heap_top(p) > MM_MAP_TOP)
		return fail(why, len, "endpoint %d: heap 0x%x..0x%x", p->ep,
		    (unsigned) p->heap_start, (unsigned) p->brk);
	if (p->nr_maps < 0 || p->nr_maps > MM_MAX_MAPS)
		return fail(why, len, "endpoint %d: %d mappings", p->ep,
		    p->nr_maps);
	vir_bytes low = mm_heap_top(p);
	for (int k = 0; k < p->nr_maps; k++) {
		const struct mm_region *r = &p->maps[k];
		if (!aligned(r->start) || !aligned(r->end) || r->start >= r->end
		    || r->start < low || r->end > MM_MAP_TOP ||
		    r->writable < 0 || r->writable > MM_DEVICE)
			return fail(why, len, "endpoint %d: mapping %d at "
			    "0x%x..0x%x (unsorted, overlapping or out of "
			    "bounds)", p->ep, k, (unsigned) r->start,
			    (unsigned) r->end);
		low = r->end;
	}
	if (mm_used_bytes(p) > MM_DATA_MAX)
		return fail(why, len, "endpoint %d: %u bytes used", p->ep,
		    (unsigned) mm_used_bytes(p));
	return 0;
}

/* mapped: whether the page at ADDR of EP can be read (the kernel has it
 * mapped). */
static int mapped(endpoint_t ep, vir_bytes addr)
{
	char byte;
	return sys_vircopy(ep, addr, SELF, (vir_bytes) &byte, 1) == 0;
}

/* check_kernel: record P against the kernel's view of its process: when
 * the process is alive with the address space P describes, its heap
 * starts at the end of its image, and the last heap page and the first
 * and last page of every mapping (not device memory) are there. A record of a process gone
 * or exec'd since is stale; it starts over when MM hears of the slot. */
static int check_kernel(const struct mm_proc *p, char *why, size_t len)
{
	struct proc_info info;
	if (sys_getinfo(GET_PROC, p->ep, &info, sizeof(info)) < 0 ||
	    info.endpoint != p->ep || info.as_id != p->as_id ||
	    (info.flags & PSTATE_EXITED))
		return 0;
	if (p->heap_start != mm_page_up(info.brk))
		return fail(why, len, "endpoint %d: heap at 0x%x, image ends "
		    "at 0x%x", p->ep, (unsigned) p->heap_start,
		    (unsigned) info.brk);
	if (mm_heap_top(p) > p->heap_start &&
	    !mapped(p->ep, mm_heap_top(p) - MM_PAGE))
		return fail(why, len, "endpoint %d: heap page 0x%x not mapped",
		    p->ep, (unsigned) (mm_heap_top(p) - MM_PAGE));
	for (int k = 0; k < p->nr_maps; k++) {
		const struct mm_region *r = &p->maps[k];
		if (r->writable == MM_DEVICE)
			continue;
		if (!mapped(p->ep, r->start) || !mapped(p->ep, r->end - MM_PAGE))
			return fail(why, len, "endpoint %d: mapping 0x%x..0x%x "
			    "not mapped", p->ep, (unsigned) r->start,
			    (unsigned) r->end);
	}
	return 0;
}

/* mm_state_check: see mm.h. */
int mm_state_check(char *why, size_t len)
{
	int r;
	for (int i = 0; i < MM_NR_PROCS; i++) {
		const struct mm_proc *p = mm_proc_slot(i);
		if (!mm_proc_in_use(p))
			continue;
		if ((r = check_record(i, p, why, len)) != 0 ||
		    (r = check_kernel(p, why, len)) != 0)
			return r;
	}
	return 0;
}

/* mm_count_records: see mm.h. */
int mm_count_records(void)
{
	int n = 0;
	for (int i = 0; i < MM_NR_PROCS; i++)
		n += mm_proc_in_use(mm_proc_slot(i));
	return n;
}
