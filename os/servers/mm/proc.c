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

/* start_over: make P the fresh record of EP, whose kernel view is INFO:
 * the heap starts at INFO's brk (the page-aligned end of the loaded
 * image), no mappings. */
static struct mm_proc *start_over(struct mm_proc *p, endpoint_t ep,
    const struct proc_info *info)
{
	p->ep = ep;
	p->as_id = info->as_id;
	p->heap_start = mm_page_up(info->brk);
	p->brk = p->heap_start;
	p->nr_maps = 0;
	return p;
}

/* kernel_view: EP's proc_info into *INFO. 0, or -1 when EP is not a live
 * process. */
static int kernel_view(endpoint_t ep, struct proc_info *info)
{
	if (sys_getinfo(GET_PROC, ep, info, sizeof(*info)) < 0 ||
	    info->endpoint != ep)
		return -1;
	return 0;
}

/* mm_proc_reset: see mm.h. */
struct mm_proc *mm_proc_reset(endpoint_t ep)
{
	struct mm_proc *p = slot_record(ep);
	struct proc_info info;
	if (!p || kernel_view(ep, &info) != 0)
		return NULL;
	return start_over(p, ep, &info);
}

/* moved_here: the program now in EP's slot (P, address space AS_ID) came
 * from another slot by SYS_UPDATE when another live record describes
 * AS_ID: swap the two records' contents, each keeping its slot's
 * endpoint, so that each slot's record describes the program now in it
 * (a record that described no live program stays free). Returns P, or
 * NULL when no record describes AS_ID. */
static struct mm_proc *moved_here(struct mm_proc *p, endpoint_t ep,
    uint32_t as_id)
{
	for (int i = 0; i < MM_NR_PROCS; i++) {
		struct mm_proc *q = &procs[i];
		if (q == p || q->ep == NONE || q->as_id != as_id)
			continue;
		endpoint_t other = q->ep;
		int p_live = p->ep == ep;
		struct mm_proc tmp = *p;
		*p = *q;
		*q = tmp;
		p->ep = ep;
		q->ep = p_live ? other : NONE;
		return p;
	}
	return NULL;
}

/* mm_proc_of: see mm.h. One kernel call per request: the slot's program
 * may have changed under the same endpoint. */
struct mm_proc *mm_proc_of(endpoint_t ep)
{
	struct mm_proc *p = slot_record(ep);
	struct proc_info info;
	if (!p || kernel_view(ep, &info) != 0)
		return NULL;
	if (p->ep == ep && p->as_id == info.as_id)
		return p;
	if (moved_here(p, ep, info.as_id))
		return p;
	return start_over(p, ep, &info);
}

/* mm_proc_drop: see mm.h. */
void mm_proc_drop(endpoint_t ep)
{
	struct mm_proc *p = slot_record(ep);
	if (p && p->ep == ep)
		p->ep = NONE;
}

/* mm_proc_slot: see mm.h. */
struct mm_proc *mm_proc_slot(int i)
{
	return &procs[i];
}

/* mm_proc_in_use: see mm.h. */
int mm_proc_in_use(const struct mm_proc *p)
{
	return p->ep != NONE && (p->ep != 0 || p->as_id != 0);
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
