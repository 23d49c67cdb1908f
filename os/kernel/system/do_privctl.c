/* SYS_PRIVCTL: read or install a process's privileges.
 *
 * Reads:  kc_privctl.endpoint (SELF, or a process the caller manages),
 *         kc_privctl.request (PRIVCTL_SET, PRIVCTL_GET),
 *         kc_privctl.spec (a struct priv_spec in the caller's memory)
 * Writes: the priv_spec (GET)
 * Reply:  0, -EPERM, -EINVAL (bad request or malformed spec), -EDEADSRCDST,
 *         -EFAULT. A process may always lower its own privileges; only its
 *         manager may change them otherwise. The scheduling queue follows
 *         the privileges: SYSTEM_Q with PRIV_SYSTEM, USER_Q without (a user
 *         process never runs ahead of the servers it waits for).
 *         PRIV_MAGIC_GRANT is neither given nor taken by SET: the
 *         target keeps what the boot gave its slot. */
#include "kernel.h"
#include <abi/errno.h>

int do_privctl(struct proc *caller, message *m)
{
	struct mess_kc_privctl *x = &m->u.kc_privctl;
	struct proc *target;
	struct priv_spec spec;

	int r = system_managed_target(caller, x->endpoint, &target);
	if (r != 0)
		return r;
	switch (x->request) {
	case PRIVCTL_GET:
		return vm_copy_to_user(caller->pgdir, x->spec, &target->priv,
		    sizeof(spec));
	case PRIVCTL_SET:
		if (vm_copy_from_user(caller->pgdir, &spec, x->spec,
		    sizeof(spec)) != 0)
			return -EFAULT;
		r = priv_check(&spec);
		if (r != 0)
			return r;
		/* PRIV_MAGIC_GRANT stays as the boot set it (abi/priv.h). */
		spec.flags = (spec.flags & ~(uint32_t) PRIV_MAGIC_GRANT) |
		    (target->priv.flags & PRIV_MAGIC_GRANT);
		target->priv = spec;
		sched_set_queue(target, (spec.flags & PRIV_SYSTEM) ? SYSTEM_Q
		    : USER_Q);
		return 0;
	default:
		return -EINVAL;
	}
}
