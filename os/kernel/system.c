/* The SYSTEM task: runs kernel calls, each a message whose type names the
 * call. The table comes from KCALL_LIST (abi/kcalls.h), the one declaration
 * of the kernel-call interface. */
#include "kernel.h"
#include <abi/errno.h>
#include <abi/kcalls.h>

typedef int (*kcall_handler)(struct proc *caller, message *m);

static const kcall_handler kcall_table[NR_KCALLS] = {
#define KCALL_ENTRY(name, handler) [SYS_##name - KCALL_BASE] = handler,
	KCALL_LIST(KCALL_ENTRY)
#undef KCALL_ENTRY
};

/* system_call: run the kernel call in M for CALLER. Returns the handler's
 * reply code (0 or a negative error), -EBADCALL for an unknown call, or
 * EDONTREPLY when the caller is gone or must not get a reply. */
int system_call(struct proc *caller, message *m)
{
	uint32_t index = (uint32_t) m->m_type - KCALL_BASE;
	if (index >= NR_KCALLS || !kcall_table[index])
		return -EBADCALL;
	return kcall_table[index](caller, m);
}
