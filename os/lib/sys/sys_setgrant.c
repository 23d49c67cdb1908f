/* sys_setgrant: see syslib.h. */
#include "syslib.h"

int sys_setgrant(struct grant_entry *table, unsigned count)
{
	message m = { 0 };
	m.u.kc_setgrant.table = (vir_bytes) table;
	m.u.kc_setgrant.count = count;
	return _kernel_call(SYS_SETGRANT, &m);
}
