/* SYS_SETGRANT: register the caller's grant table (abi/grant.h).
 *
 * Reads:  kc_setgrant.table (address in the caller), kc_setgrant.count
 * Writes: nothing
 * Reply:  0, -EINVAL (more than 65536 entries), -EFAULT (the table is not
 *         readable caller memory). Count 0 removes the table: every grant
 *         of the caller stops working. */
#include "kernel.h"
#include <abi/errno.h>
#include <abi/grant.h>

int do_setgrant(struct proc *caller, message *m)
{
	struct mess_kc_setgrant *x = &m->u.kc_setgrant;
	if (x->count > 0x10000)
		return -EINVAL;
	if (!vm_user_ok(caller->pgdir, x->table,
	    x->count * sizeof(struct grant_entry), 0))
		return -EFAULT;
	caller->grant_table = x->table;
	caller->grant_count = x->count;
	return 0;
}
