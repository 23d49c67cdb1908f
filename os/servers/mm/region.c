/* Anonymous-mapping bookkeeping: a plan (a copy of a process's sorted
 * mapping list) is edited, checked, and only then committed, so a request
 * that fails leaves the record as it was. */
#include <string.h>
#include "mm.h"

/* mm_plan_load: see mm.h. */
void mm_plan_load(struct mm_plan *plan, const struct mm_proc *p)
{
	plan->nr_maps = p->nr_maps;
	memcpy(plan->maps, p->maps, (size_t) p->nr_maps * sizeof(p->maps[0]));
}

/* mm_plan_commit: see mm.h. */
int mm_plan_commit(struct mm_plan *plan, struct mm_proc *p)
{
	if (plan->nr_maps > MM_MAX_MAPS)
		return -ENOMEM;
	p->nr_maps = plan->nr_maps;
	memcpy(p->maps, plan->maps, (size_t) plan->nr_maps * sizeof(p->maps[0]));
	return 0;
}

/* insert_at: make room at index I of PLAN and store R there. The caller
 * guarantees space (a plan holds two more than a record). */
static void insert_at(struct mm_plan *plan, int i, struct mm_region r)
{
	memmove(&plan->maps[i + 1], &plan->maps[i],
	    (size_t) (plan->nr_maps - i) * sizeof(plan->maps[0]));
	plan->maps[i] = r;
	plan->nr_maps++;
}

/* remove_at: delete entry I of PLAN. */
static void remove_at(struct mm_plan *plan, int i)
{
	memmove(&plan->maps[i], &plan->maps[i + 1],
	    (size_t) (plan->nr_maps - i - 1) * sizeof(plan->maps[0]));
	plan->nr_maps--;
}

/* mm_plan_remove: see mm.h. At most one mapping is split in two, so the
 * plan grows by at most one entry. */
void mm_plan_remove(struct mm_plan *plan, vir_bytes start, vir_bytes end)
{
	for (int i = 0; i < plan->nr_maps; i++) {
		struct mm_region *r = &plan->maps[i];
		if (r->end <= start || r->start >= end)
			continue;
		if (r->start < start && r->end > end) {
			struct mm_region upper = { end, r->end, r->writable };
			r->end = start;
			insert_at(plan, i + 1, upper);
			return;
		}
		if (r->start < start) {
			r->end = start;
		} else if (r->end > end) {
			r->start = end;
		} else {
			remove_at(plan, i);
			i--;
		}
	}
}

/* mm_plan_add: see mm.h. */
void mm_plan_add(struct mm_plan *plan, vir_bytes start, vir_bytes end,
    int writable)
{
	int i = 0;
	while (i < plan->nr_maps && plan->maps[i].start < start)
		i++;
	struct mm_region r = { start, end, writable };
	insert_at(plan, i, r);
	/* Merge with the next, then with the previous neighbour. */
	if (i + 1 < plan->nr_maps && plan->maps[i + 1].start == end &&
	    plan->maps[i + 1].writable == writable) {
		plan->maps[i].end = plan->maps[i + 1].end;
		remove_at(plan, i + 1);
	}
	if (i > 0 && plan->maps[i - 1].end == start &&
	    plan->maps[i - 1].writable == writable) {
		plan->maps[i - 1].end = plan->maps[i].end;
		remove_at(plan, i);
	}
}

/* mm_plan_bytes: see mm.h. */
uint32_t mm_plan_bytes(const struct mm_plan *plan)
{
	uint32_t n = 0;
	for (int i = 0; i < plan->nr_maps; i++)
		n += plan->maps[i].end - plan->maps[i].start;
	return n;
}

/* mm_plan_overlaps: see mm.h. */
int mm_plan_overlaps(const struct mm_plan *plan, vir_bytes start,
    vir_bytes end)
{
	for (int i = 0; i < plan->nr_maps; i++)
		if (plan->maps[i].start < end && plan->maps[i].end > start)
			return 1;
	return 0;
}

/* mm_plan_find_gap: see mm.h. Walks the gaps from the top down: above the
 * last mapping, then between each pair, then below the first. */
vir_bytes mm_plan_find_gap(const struct mm_plan *plan, vir_bytes low,
    uint32_t len)
{
	vir_bytes top = MM_MAP_TOP;
	for (int i = plan->nr_maps; i >= 0; i--) {
		vir_bytes gap_end = i == plan->nr_maps ? top : plan->maps[i].start;
		vir_bytes gap_start = i == 0 ? low : plan->maps[i - 1].end;
		if (gap_end > top)
			gap_end = top;
		if (gap_start < low)
			gap_start = low;
		if (gap_end > gap_start && gap_end - gap_start >= len)
			return gap_end - len;
	}
	return 0;
}

/* mm_unmap_overlap: see mm.h. */
int mm_unmap_overlap(const struct mm_proc *p, vir_bytes start, vir_bytes end)
{
	for (int i = 0; i < p->nr_maps; i++) {
		vir_bytes s = p->maps[i].start > start ? p->maps[i].start : start;
		vir_bytes e = p->maps[i].end < end ? p->maps[i].end : end;
		if (s >= e)
			continue;
		int r = sys_vmunmap(p->ep, s, e - s);
		if (r != 0)
			return r;
	}
	return 0;
}
