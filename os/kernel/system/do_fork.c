/* SYS_FORK: copy a process (the caller, or one it manages) into a new one.
 *
 * Reads:  kc_fork.parent (SELF or the caller's endpoint: fork the caller;
 *         else a process the caller manages that waits for the caller's
 *         reply), kc_fork.flags (FORK_STOPPED)
 * Writes: kc_fork.child: the child's endpoint (in the caller's reply); when
 *         the caller forks itself, the child's own copy of the message gets
 *         m_type 0 and child 0.
 * Reply:  0, -EINVAL (bad flags or endpoint, or the parent does not wait
 *         for the caller's reply), -EDEADSRCDST, -EPERM (the caller does
 *         not manage the parent), -EAGAIN when no slot is free, -ENOMEM.
 * The child has a copy of the parent's address space (device mappings are
 * shared) and registers, its grant table registration, name, scheduling
 * queue, privileges and credentials, with the caller as its signal manager; no pending
 * signals, alarm or notifications. Forking the caller: the child returns
 * from this call with 0. Forking a waiting parent: the child waits for the
 * caller's reply too, in the same buffer, so the caller later replies to
 * each (PM: 0 to the child, the pid to the parent). FORK_STOPPED: the child
 * stays RTS_STOPPED until SYS_EXEC on it or STATECTL_RESUME.
 * FORK_EMPTY (RS alone: -EPERM for every other caller; only with
 * FORK_STOPPED, of the caller itself, else -EINVAL): the child's address
 * space is empty, nothing of the caller's memory is copied; it has the
 * caller's privileges, credentials and name, no registers worth running
 * and no grant table, and runs only once SYS_EXEC gives it a program (RS
 * starts every service so, from the image it holds: servers/rs/instance.c). */
#include "kernel.h"
#include <abi/boot.h>
#include <abi/errno.h>

/* Find the parent named by EP for CALLER. Returns 0 and sets *OUT. */
static int fork_parent(struct proc *caller, endpoint_t ep, struct proc **out)
{
	if (ep == SELF || ep == caller->endpoint) {
		*out = caller;
		return 0;
	}
	struct proc *p;
	int r = proc_lookup(caller, ep, &p);
	if (r != 0)
		return r;
	if (p->priv.sig_mgr != caller->endpoint)
		return -EPERM;
	if ((p->rts & (RTS_RECEIVING | RTS_SENDING)) != RTS_RECEIVING ||
	    !p->reply_pending || p->getfrom != caller->endpoint)
		return -EINVAL;
	*out = p;
	return 0;
}

/* Whether CALLER may fork as X asks with FORK_EMPTY: only RS (the process
 * in RS's slot with RS's endpoint), only a stopped copy of itself. Returns
 * 0, -EPERM or -EINVAL. */
static int fork_empty_ok(const struct proc *caller,
    const struct mess_kc_fork *x)
{
	if (caller->slot != RS_SLOT || caller->endpoint != RS_EP)
		return -EPERM;
	if (!(x->flags & FORK_STOPPED) ||
	    (x->parent != SELF && x->parent != caller->endpoint))
		return -EINVAL;
	return 0;
}

int do_fork(struct proc *caller, message *m)
{
	struct mess_kc_fork *x = &m->u.kc_fork;
	struct proc *parent;
	int empty = (x->flags & FORK_EMPTY) != 0;
	if (x->flags & ~(uint32_t) (FORK_STOPPED | FORK_EMPTY))
		return -EINVAL;
	int r = empty ? fork_empty_ok(caller, x) : 0;
	if (r == 0)
		r = fork_parent(caller, x->parent, &parent);
	if (r != 0)
		return r;

	uint32_t pgdir = empty ? vm_new_space() : vm_copy_space(parent->pgdir);
	if (!pgdir)
		return -ENOMEM;
	struct proc *child = proc_alloc(parent->name);
	if (!child) {
		vm_free_space(pgdir);
		return -EAGAIN;
	}
	child->pgdir = pgdir;
	child->as_id = proc_new_as_id();
	child->priority = parent->priority;
	child->priv = parent->priv;
	child->priv.flags &= ~(uint32_t) PRIV_MAGIC_GRANT;
	child->priv.sig_mgr = caller->endpoint;
	child->cred = parent->cred;
	if (empty) {
		/* Nothing to run until SYS_EXEC: no memory, segments, grants. */
		x->child = child->endpoint;
		return 0;
	}
	child->regs = parent->regs;
	child->brk = parent->brk;
	child->nsegs = parent->nsegs;
	child->text_changed = parent->text_changed;
	memcpy(child->segs, parent->segs, sizeof(child->segs));
	child->fork_as_id = parent->as_id;
	child->grant_table = parent->grant_table;
	child->grant_count = parent->grant_count;

	if (parent == caller) {
		/* It returns from this kernel call: %eax and the message. */
		message reply = *m;
		reply.m_type = 0;
		reply.u.kc_fork.child = 0;
		child->regs.eax = 0;
		vm_copy_to_user(pgdir, caller->regs.ecx, &reply, sizeof(reply));
	} else {
		/* It waits for our reply, like its parent. */
		child->getfrom = caller->endpoint;
		child->msg_buf = parent->msg_buf;
		child->reply_pending = 1;
		child->rts |= RTS_RECEIVING;
	}
	x->child = child->endpoint;
	if (!(x->flags & FORK_STOPPED))
		proc_unblock(child, RTS_STOPPED);
	return 0;
}
