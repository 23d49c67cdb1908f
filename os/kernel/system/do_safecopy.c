/* SYS_SAFECOPYFROM and SYS_SAFECOPYTO: copy through a memory grant.
 *
 * Reads:  kc_safecopy.granter, .grant (id), .offset, .addr (the caller's
 *         buffer), .bytes
 * Writes: nothing
 * Reply:  0; -EINVAL/-EDEADSRCDST for a bad granter; -EPERM when the grant
 *         does not allow it (no table, id out of range, not valid, stale
 *         sequence, another grantee, the wrong access, or offset + bytes
 *         past the granted size; a magic grant of a granter without
 *         PRIV_MAGIC_GRANT or whose owner is no longer that process);
 *         -EFAULT when either side's memory is bad.
 * A magic grant (GRANT_MAGIC, abi/grant.h) names a range of its owner's
 * memory, not the granter's: the copy is between the caller and the
 * owner, whose address space is checked as the granter's would be.
 * The grant entry is read from the granter's own memory on every call, so
 * a revoke takes effect at once. FROM copies granter -> caller (needs
 * GRANT_READ); TO copies caller -> granter (needs GRANT_WRITE). */
#include "kernel.h"
#include <abi/errno.h>
#include <abi/grant.h>

/* magic_owner: the process whose memory magic grant G of GRANTER names:
 * *OUT set and 0, or -EPERM (GRANTER may make no magic grant, or the owner
 * is gone: its endpoint names another generation or nothing). */
static int magic_owner(const struct proc *granter,
    const struct grant_entry *g, struct proc **out)
{
	if (!(granter->priv.flags & PRIV_MAGIC_GRANT))
		return -EPERM;
	return proc_lookup(NULL, g->owner, out) == 0 ? 0 : -EPERM;
}

static int safecopy(struct proc *caller, message *m, int to_granter)
{
	struct mess_kc_safecopy *x = &m->u.kc_safecopy;
	struct proc *granter, *owner;
	struct grant_entry g;

	int r = proc_lookup(caller, x->granter, &granter);
	if (r != 0)
		return r;
	uint32_t index = x->grant & 0xffff;
	if (index >= granter->grant_count)
		return -EPERM;
	if (vm_copy_from_user(granter->pgdir, &g,
	    granter->grant_table + index * sizeof(g), sizeof(g)) != 0)
		return -EPERM;
	uint32_t need = GRANT_VALID | (to_granter ? GRANT_WRITE : GRANT_READ);
	if ((g.flags & need) != need ||
	    (g.flags >> GRANT_SEQ_SHIFT) != (x->grant >> GRANT_SEQ_SHIFT) ||
	    (g.grantee != ANY && g.grantee != caller->endpoint) ||
	    x->offset > g.size || x->bytes > g.size - x->offset)
		return -EPERM;
	owner = granter;
	if ((g.flags & GRANT_MAGIC) && magic_owner(granter, &g, &owner) != 0)
		return -EPERM;
	vir_bytes gaddr = g.addr + x->offset;
	if (to_granter)
		return vm_copy_between(owner->pgdir, gaddr, caller->pgdir,
		    x->addr, x->bytes);
	return vm_copy_between(caller->pgdir, x->addr, owner->pgdir, gaddr,
	    x->bytes);
}

int do_safecopyfrom(struct proc *caller, message *m)
{
	return safecopy(caller, m, 0);
}

int do_safecopyto(struct proc *caller, message *m)
{
	return safecopy(caller, m, 1);
}
