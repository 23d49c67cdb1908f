/* MM_BRK: move a process's break (the end of its heap). */
#include "mm.h"

/* clear_tail: zero [FROM, TO) of P's memory (what is left of the heap's
 * last page above a lowered break). Best effort: a failure leaves stale
 * bytes that the process itself wrote, nothing else. */
static void clear_tail(struct mm_proc *p, vir_bytes from, vir_bytes to)
{
	static const char zeros[4096];
	if (to > from)
		sys_vircopy(SELF, (vir_bytes) zeros, p->ep, from, to - from);
}

/* do_brk: MM_BRK from any process.
 * Reads:  mm_brk.addr (0: only report the break)
 * Writes: mm_brk.brk (the break now, also on failure)
 * Reply:  0; -EINVAL below the heap start; -ENOMEM past MM_DATA_MAX, into a
 *         mapping or the stack area, or when the kernel runs out of pages;
 *         -ESRCH when the caller is unknown to the kernel.
 * Growing maps fresh zeroed pages up to the page holding the new break;
 * shrinking unmaps the pages above it and clears the rest of the page that
 * keeps the new break, so heap memory a process gets again reads zero. */
int do_brk(message *m)
{
	struct mess_mm_brk *x = &m->u.mm_brk;
	struct mm_proc *p = mm_proc_of(m->m_source);
	if (!p)
		return -ESRCH;
	x->brk = p->brk;
	vir_bytes addr = x->addr;
	if (addr == 0)
		return 0;
	if (addr < p->heap_start)
		return -EINVAL;
	if (addr > MM_MAP_TOP)
		return -ENOMEM;

	vir_bytes old_top = mm_heap_top(p), new_top = mm_page_up(addr);
	if (new_top > old_top) {
		struct mm_plan plan;
		mm_plan_load(&plan, p);
		if (mm_plan_overlaps(&plan, old_top, new_top))
			return -ENOMEM;
		if (mm_used_bytes(p) + (new_top - old_top) > MM_DATA_MAX)
			return -ENOMEM;
		int r = sys_vmmap(p->ep, old_top, new_top - old_top, 1, NULL);
		if (r == -EEXIST)
			return -ENOMEM;    /* something MM does not know of */
		if (r != 0)
			return r;
	} else if (new_top < old_top) {
		int r = sys_vmunmap(p->ep, new_top, old_top - new_top);
		if (r != 0)
			return r;
	}
	if (addr < p->brk)
		clear_tail(p, addr, p->brk < new_top ? p->brk : new_top);
	p->brk = addr;
	x->brk = addr;
	return 0;
}
