/* SYS_UPDATE: swap two process slots, for live update.
 *
 * Reads:  kc_update.src (the running old instance), kc_update.dst (the new
 *         instance, normally stopped)
 * Writes: nothing
 * Reply:  0, -EINVAL (same process, or dst is the caller), -EDEADSRCDST,
 *         -EPERM (the caller manages neither), -EBUSY (either one is
 *         blocked sending: its message is queued on someone by slot;
 *         not for a program a signal stopped or that exited: its
 *         unfinished send is void and is dropped first).
 * Either process may be dead (exited or stopped by a signal, not yet
 * cleared) when the caller is its signal manager: that is how RS swaps a
 * new program into the slot of a crashed service (stateful restart) and
 * back out of a failed new version (rollback). A dead program has no
 * address space; the slot that ends up holding it is cleared with
 * SYS_CLEAR as usual.
 * The programs swap (registers, address space, name, scheduling, blocking
 * state of receive, signals, alarm, grants) while each slot keeps its
 * endpoint, slot number, privileges, pending notifications and the queue
 * of processes waiting to send to it. After the call, src's endpoint runs
 * the new program and receives everything queued for the service.
 *
 * src may be the caller itself when dst is a stopped copy of it the caller
 * manages (SYS_FORK with FORK_STOPPED): the rollback of a live update of
 * RS itself (servers/rs/self.c). The copy then resumes in the caller's
 * slot (it returns from its fork with 0) and keeps the caller's
 * address-space number, so to MM it is still the caller; the caller's
 * program goes to dst's slot, stopped, and gets no reply (its manager
 * clears it). */
#include "kernel.h"
#include <abi/errno.h>

/* Swap the whole records, then swap the slot-bound fields back. */
static void swap_programs(struct proc *a, struct proc *b)
{
	struct proc tmp = *a;
	*a = *b;
	*b = tmp;
#define KEEP(field) do { \
		char t_[sizeof(a->field)]; \
		memcpy(t_, &a->field, sizeof(t_)); \
		memcpy(&a->field, &b->field, sizeof(t_)); \
		memcpy(&b->field, t_, sizeof(t_)); \
	} while (0)
	KEEP(slot);
	KEEP(gen);
	KEEP(endpoint);
	KEEP(priv);
	KEEP(notify_pending);
	KEEP(irq_pending);
	KEEP(senders);
#undef KEEP
}

/* The process EP for the swap: live, or exited but not yet cleared when
 * CALLER is its signal manager. Returns 0 and sets *OUT, or the error of
 * proc_lookup. */
static int update_lookup(struct proc *caller, endpoint_t ep,
    struct proc **out)
{
	int r = proc_lookup(caller, ep, out);
	if (r != -EDEADSRCDST)
		return r;
	struct proc *p = &proc_table[ep_slot(ep)];
	if (!p->in_use || p->endpoint != ep || !(p->rts & RTS_EXITED) ||
	    p->priv.sig_mgr != caller->endpoint)
		return -EDEADSRCDST;
	*out = p;
	return 0;
}

/* drop_dead_send: P's program failed (a signal stopped it, or it exited)
 * while blocked sending, e.g. a hung driver the heartbeat killed: its
 * message will never be taken, so take it off the receiver's queue. */
static void drop_dead_send(struct proc *p)
{
	if ((p->rts & RTS_SENDING) && (p->rts & (RTS_SIGNALED | RTS_EXITED)))
		ipc_cancel(p);
}

int do_update(struct proc *caller, message *m)
{
	struct proc *src, *dst;
	int r = update_lookup(caller, m->u.kc_update.src, &src);
	if (r == 0)
		r = update_lookup(caller, m->u.kc_update.dst, &dst);
	if (r != 0)
		return r;
	if (src == dst || dst == caller)
		return -EINVAL;
	int self = src == caller;
	if (self && (dst->priv.sig_mgr != caller->endpoint ||
	    !(dst->rts & RTS_STOPPED) || (dst->rts & RTS_EXITED)))
		return -EINVAL;
	if (src->priv.sig_mgr != caller->endpoint &&
	    dst->priv.sig_mgr != caller->endpoint)
		return -EPERM;
	drop_dead_send(src);
	drop_dead_send(dst);
	if ((src->rts | dst->rts) & RTS_SENDING)
		return -EBUSY;

	int src_ready = src->rts == 0, dst_ready = dst->rts == 0;
	if (src_ready)
		sched_unready(src);
	if (dst_ready)
		sched_unready(dst);
	swap_programs(src, dst);
	if (self) {
		uint32_t as_id = src->as_id;   /* the caller's slot keeps it */
		src->as_id = dst->as_id;
		dst->as_id = as_id;
		src->fork_as_id = 0;           /* it is the caller again */
		src->rts &= ~RTS_STOPPED;
		dst->rts |= RTS_STOPPED;
		rs_watchdog_alive(src);        /* the copy's CPU time counts */
	}
	if (src->rts == 0)
		sched_ready(src);
	if (dst->rts == 0)
		sched_ready(dst);
	if (proc_current == src || proc_current == dst)
		proc_current = NULL;   /* the caller swapped itself out */
	return self ? EDONTREPLY : 0;
}
