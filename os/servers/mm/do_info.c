/* MM_INFO: how much memory there is and how much the caller uses. */
#include "mm.h"

/* do_info: MM_INFO from any process.
 * Reads:  nothing
 * Writes: mm_info.total_kib, .free_kib (physical memory, from the kernel),
 *         .used_kib (the caller's heap and mappings)
 * Reply:  0, or the kernel's error. */
int do_info(message *m)
{
	struct mess_mm_info *x = &m->u.mm_info;
	struct kinfo k;
	int r = sys_getinfo(GET_KINFO, SELF, &k, sizeof(k));
	if (r < 0)
		return r;
	struct mm_proc *p = mm_proc_of(m->m_source);
	x->total_kib = k.mem_total_kib;
	x->free_kib = k.mem_free_kib;
	x->used_kib = p ? mm_used_bytes(p) / 1024 : 0;
	return 0;
}
