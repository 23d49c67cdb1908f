/* The kernel-call trap. */
#include "syslib.h"

int _kernel_call(int call, message *m)
{
	int r;
	if (__builtin_expect(ipc_deferred.to != NONE, 0))
		ipc_reply_flush();     /* a deferred answer leaves first */
	m->m_type = call;
	__asm__ volatile("int %1"
	    : "=a"(r) : "i"(KCALL_VECTOR), "c"(m) : "memory");
	return r;
}
