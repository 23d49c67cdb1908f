/* SYS_CODEPATCH: replace a few bytes of a process's memory, its read-only
 * text included (code mutation for fault-injection campaigns).
 *
 * Reads:  kc_codepatch.endpoint (SELF or a live process), .addr, .len
 *         (1 .. CODEPATCH_MAX), .old_bytes and .new_bytes (len bytes each)
 * Writes: nothing
 * Reply:  0, -EINVAL (len 0 or over CODEPATCH_MAX, an endpoint that names
 *         no process), -EDEADSRCDST (a dead one), -EFAULT (a byte of
 *         [addr, addr+len) is not on a present user page of the process),
 *         -EIO (the bytes there are not old_bytes), -ENOMEM (no memory
 *         for the process's own copy of a shared read-only page).
 * The bytes are written through the kernel's own mapping of the frames,
 * so the page's write bit does not matter; a page the process shares (a
 * read-only program page: fork, the text cache) becomes its own copy
 * first, so that no other process sees the change. Every check passes before
 * anything is written: on an error the process's memory is unchanged.
 * Only the kernel-call mask limits who may use it (RS, for RS_FI_PATCH).
 * A process patched by another stops at its next kernel entry
 * (textguard.c). */
#include "kernel.h"
#include <abi/errno.h>

int do_codepatch(struct proc *caller, message *m)
{
	struct mess_kc_codepatch *x = &m->u.kc_codepatch;
	struct proc *p;
	uint8_t now[CODEPATCH_MAX];
	if (x->len == 0 || x->len > CODEPATCH_MAX)
		return -EINVAL;
	int r = proc_lookup(caller, x->endpoint, &p);
	if (r != 0)
		return r;
	if (!vm_user_ok(p->pgdir, x->addr, x->len, 0))
		return -EFAULT;
	if (vm_copy_from_user(p->pgdir, now, x->addr, x->len) != 0)
		return -EFAULT;
	if (memcmp(now, x->old_bytes, x->len) != 0)
		return -EIO;
	if (vm_own_range(p->pgdir, x->addr, x->len) != 0)
		return -ENOMEM;
	r = vm_fill(p->pgdir, x->addr, x->new_bytes, x->len);
	if (r == 0 && memcmp(x->old_bytes, x->new_bytes, x->len) != 0)
		textguard_mark(caller, p);
	return r;
}
