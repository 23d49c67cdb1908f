/* The memory manager's per-process records: one per process slot, learned
 * lazily from the kernel the first time MM hears of a process. */
#include "mm.h"

static struct mm_proc procs[MM_NR_PROCS];

/* slot_record: the record of EP's slot, or NULL for an endpoint that names
 * no process slot. */
static struct mm_proc *slot_record(endpoint_t ep)
{
	if (ep < 0 || ep == ANY || ep == NONE || ep == SELF)
		return NULL;
	int slot = ep_slot(ep);
	return slot < MM_NR_PROCS ? &procs[slot] : NULL;
}

/* mm_proc_reset: see mm.h. The heap starts at the kernel's proc_info.brk
 * (the page-aligned end of the loaded image); no mappings. */
struct mm_proc *mm_proc_reset(endpoint_t ep)
{
	struct mm_proc *p = slot_record(ep);
	struct proc_info info;
	if (!p || sys_getinfo(GET_PROC, ep, &info, sizeof(info)) < 0 ||
	    info.endpoint != ep)
		return NULL;
	p->ep = ep;
	p->heap_start = mm_page_up(info.brk);
	p->brk = p->heap_start;
	p->nr_maps = 0;
	return p;
}

/* mm_proc_of: see mm.h. */
struct mm_proc *mm_proc_of(endpoint_t ep)
{
	struct mm_proc *p = slot_record(ep);
	if (!p)
		return NULL;
	if (p->ep == ep)
		return p;
	return mm_proc_reset(ep);
}

/* mm_proc_drop: see mm.h. */
void mm_proc_drop(endpoint_t ep)
{
	struct mm_proc *p = slot_record(ep);
	if (p && p->ep == ep)
		p->ep = NONE;
}

/* mm_heap_top: see mm.h. */
vir_bytes mm_heap_top(const struct mm_proc *p)
{
	return mm_page_up(p->brk);
}

/* mm_used_bytes: see mm.h. */
uint32_t mm_used_bytes(const struct mm_proc *p)
{
	uint32_t n = mm_heap_top(p) - p->heap_start;
	for (int i = 0; i < p->nr_maps; i++)
		n += p->maps[i].end - p->maps[i].start;
	return n;
}
