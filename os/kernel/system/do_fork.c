/* SYS_FORK: copy the caller into a new process.
 *
 * Reads:  nothing
 * Writes: kc_fork.child: the child's endpoint (in the parent's reply); the
 *         child's own copy of the message gets m_type 0 and child 0.
 * Reply:  0, -EAGAIN when no slot is free, -ENOMEM when memory runs out.
 * The child has a copy of the caller's address space and registers (it
 * returns from the same call with 0), the caller's privileges and
 * scheduling queue, and the caller as its signal manager. */
#include "kernel.h"
#include <abi/errno.h>

int do_fork(struct proc *caller, message *m)
{
	uint32_t pgdir = vm_copy_space(caller->pgdir);
	if (!pgdir)
		return -ENOMEM;
	struct proc *child = proc_alloc(caller->name);
	if (!child) {
		vm_free_space(pgdir);
		return -EAGAIN;
	}
	child->pgdir = pgdir;
	child->regs = caller->regs;
	child->regs.eax = 0;
	child->brk = caller->brk;
	child->priority = caller->priority;
	child->priv = caller->priv;
	child->priv.sig_mgr = caller->endpoint;

	message reply = *m;
	reply.m_type = 0;
	reply.u.kc_fork.child = 0;
	vm_copy_to_user(pgdir, caller->regs.ecx, &reply, sizeof(reply));

	m->u.kc_fork.child = child->endpoint;
	proc_unblock(child, RTS_STOPPED);
	return 0;
}
