/* IPC: send, receive, sendrec, notify and non-blocking send between ring-3
 * processes, with fixed 64-byte messages copied by the kernel from one
 * address space to the other. Rendezvous: a send completes when the
 * destination receives; until then the sender is blocked and queued on the
 * destination. Notifications never block: one pending bit per sender. */
#include "kernel.h"
#include <abi/errno.h>
#include <abi/ipc.h>
#include <abi/kcalls.h>

/* Deliver the message M to P, which is blocked receiving, and wake it.
 * Returns 0, or -EFAULT when P's buffer has become invalid (P is then woken
 * with -EFAULT and the message is not delivered). */
static int deliver(struct proc *p, const message *m)
{
	int r = vm_msg_out(p->pgdir, p->msg_buf, m, sizeof(*m));
	p->regs.eax = (uint32_t) r;
	p->reply_pending = 0;
	proc_unblock(p, RTS_RECEIVING);
	return r;
}

/* Whether P waits for a message from SENDER (an endpoint) right now. A
 * stopped process takes nothing: messages for it stay queued on its slot
 * (so a live update or restart hands them to the next program in the slot)
 * until it runs again. A signalled one takes only the reply it waits for
 * (the receive half of a sendrec to SENDER): a server answers an
 * interrupted call before the signal manager acts; it stays signalled. */
static int waits_for(const struct proc *p, endpoint_t sender)
{
	if ((p->rts & (RTS_RECEIVING | RTS_SENDING | RTS_STOPPED | RTS_EXITED))
	    != RTS_RECEIVING)
		return 0;
	if (p->rts & RTS_SIGNALED)
		return p->reply_pending && p->getfrom == sender;
	return p->getfrom == ANY || p->getfrom == sender;
}

/* The endpoint that notification bit BIT stands for (NONE if its slot is
 * empty now). */
static endpoint_t notify_source(int bit)
{
	switch (bit) {
	case NOTIFY_HARDWARE: return HARDWARE;
	case NOTIFY_CLOCK: return CLOCK;
	case NOTIFY_SYSTEM: return SYSTEM;
	}
	struct proc *s = &proc_table[bit];
	return s->in_use && !(s->rts & RTS_EXITED) ? s->endpoint : NONE;
}

static int notify_bit(endpoint_t src)
{
	switch (src) {
	case HARDWARE: return NOTIFY_HARDWARE;
	case CLOCK: return NOTIFY_CLOCK;
	case SYSTEM: return NOTIFY_SYSTEM;
	}
	return ep_slot(src);
}

/* Build the notification from SRC (bit BIT) for DST. */
static void build_notify(struct proc *dst, endpoint_t src, int bit,
    message *m)
{
	memset(m, 0, sizeof(*m));
	m->m_source = src;
	m->m_type = NOTIFY_MESSAGE;
	m->u.notify.timestamp = clock_ticks();
	if (bit == NOTIFY_HARDWARE) {
		m->u.notify.irqs = dst->irq_pending;
		dst->irq_pending = 0;
	}
}

/* notify_deliver: a notification from SRC (a process endpoint, or
 * HARDWARE, CLOCK, SYSTEM) to DST: delivered at once when DST waits for it,
 * otherwise left pending (coalesced with any earlier one from SRC). */
void notify_deliver(struct proc *dst, endpoint_t src)
{
	int bit = notify_bit(src);
	if (!dst->reply_pending && waits_for(dst, src)) {
		message m;
		build_notify(dst, src, bit, &m);
		if (deliver(dst, &m) == 0)
			return;
	}
	dst->notify_pending[bit / 32] |= 1u << (bit % 32);
}

/* Take a pending notification matching SRC (or ANY) for P into M.
 * Returns 1 when there was one. */
static int take_notify(struct proc *p, endpoint_t src, message *m)
{
	for (int w = 0; w < NOTIFY_WORDS; w++) {
		uint32_t bits = p->notify_pending[w];
		while (bits) {
			int bit = w * 32 + __builtin_ctz(bits);
			bits &= bits - 1;
			endpoint_t from = notify_source(bit);
			if (from == NONE) {            /* its sender is gone */
				p->notify_pending[w] &= ~(1u << (bit % 32));
				continue;
			}
			if (src != ANY && src != from)
				continue;
			p->notify_pending[w] &= ~(1u << (bit % 32));
			build_notify(p, from, bit, m);
			return 1;
		}
	}
	return 0;
}

/* Whether a send from CALLER to DST would close a cycle of blocked
 * senders (DST ... -> CALLER). */
static int would_deadlock(struct proc *caller, struct proc *dst)
{
	struct proc *p = dst;
	for (int hops = 0; hops < NR_PROCS && (p->rts & RTS_SENDING); hops++) {
		struct proc *next = proc_from_endpoint(p->sendto);
		if (!next)
			return 0;
		if (next == caller)
			return 1;
		p = next;
	}
	return 0;
}

/* Append P to DST's queue of blocked senders. */
static void enqueue_sender(struct proc *dst, struct proc *p)
{
	struct proc **link = &dst->senders;
	while (*link)
		link = &(*link)->next_sender;
	p->next_sender = NULL;
	*link = p;
}

/* Remove P from DST's queue of blocked senders (if it is there). */
static void dequeue_sender(struct proc *dst, struct proc *p)
{
	for (struct proc **link = &dst->senders; *link;
	     link = &(*link)->next_sender) {
		if (*link == p) {
			*link = p->next_sender;
			p->next_sender = NULL;
			return;
		}
	}
}

/* Resolve a destination for send-like operations: the process EP names,
 * not the caller, and one the caller may send to: its IPC mask lists it
 * or, when ANSWER (a send, not a notification), it waits in sendrec for
 * the caller's answer (priv_may_answer). */
static int resolve_dst(struct proc *caller, endpoint_t ep, struct proc **dst,
    int answer)
{
	int r = proc_lookup(caller, ep, dst);
	if (r != 0)
		return r;
	if (*dst == caller)
		return -EINVAL;
	if (!priv_may_send(caller, *dst) &&
	    !(answer && priv_may_answer(caller, *dst)))
		return -ECALLDENIED;
	return 0;
}

/* The send half. NONBLOCK: fail with -ENOTREADY instead of blocking.
 * Returns 0 when delivered, IPC_BLOCKED when queued, or an error. */
static int do_send(struct proc *caller, endpoint_t ep, vir_bytes addr,
    int nonblock)
{
	struct proc *dst;
	int r = resolve_dst(caller, ep, &dst, 1);
	if (r != 0)
		return r;
	if (vm_msg_in(caller->pgdir, addr, &caller->sendmsg, sizeof(message)) != 0)
		return -EFAULT;
	caller->sendmsg.m_source = caller->endpoint;
	if (waits_for(dst, caller->endpoint) &&
	    deliver(dst, &caller->sendmsg) == 0)
		return 0;
	if (nonblock)
		return -ENOTREADY;
	if (would_deadlock(caller, dst))
		return -EDEADLK;
	caller->sendto = dst->endpoint;
	proc_block(caller, RTS_SENDING);
	enqueue_sender(dst, caller);
	return IPC_BLOCKED;
}

/* Take what P may receive from SRC now into ADDR: a pending notification
 * first, then the first matching queued sender (which is released).
 * Returns 0 when a message was taken, 1 when there is none, -EFAULT. */
static int try_receive(struct proc *p, endpoint_t src, vir_bytes addr)
{
	message m;
	if (!p->reply_pending && take_notify(p, src, &m))
		return vm_msg_out(p->pgdir, addr, &m, sizeof(m));
	for (struct proc *s = p->senders; s; s = s->next_sender) {
		if (src != ANY && s->endpoint != src)
			continue;
		if (vm_msg_out(p->pgdir, addr, &s->sendmsg, sizeof(message)) != 0)
			return -EFAULT;
		dequeue_sender(p, s);
		s->sendto = NONE;
		if (!(s->rts & RTS_RECEIVING))   /* a plain send: done */
			s->regs.eax = 0;
		proc_unblock(s, RTS_SENDING);
		return 0;
	}
	return 1;
}

/* ipc_retry_receive: P, blocked receiving, may take messages again (it
 * was stopped or signalled): deliver what waited for it meanwhile. */
void ipc_retry_receive(struct proc *p)
{
	if (!waits_for(p, p->getfrom))
		return;
	int r = try_receive(p, p->getfrom, p->msg_buf);
	if (r <= 0) {
		p->regs.eax = (uint32_t) r;
		p->reply_pending = 0;
		proc_unblock(p, RTS_RECEIVING);
	}
}

/* The receive half: a pending notification first, then a queued sender,
 * else block. Returns 0, IPC_BLOCKED or an error. */
static int do_receive(struct proc *caller, endpoint_t src, vir_bytes addr)
{
	if (src == SELF)
		src = caller->endpoint;
	if (src == caller->endpoint)
		return -EINVAL;
	if (src != ANY && src != HARDWARE && src != CLOCK && src != SYSTEM) {
		struct proc *s;
		int r = proc_lookup(caller, src, &s);
		if (r != 0)
			return r;
	}
	if (!vm_user_ok(caller->pgdir, addr, sizeof(message), 1))
		return -EFAULT;

	int r = try_receive(caller, src, addr);
	if (r <= 0)
		return r;
	caller->getfrom = src;
	caller->msg_buf = addr;
	proc_block(caller, RTS_RECEIVING);
	return IPC_BLOCKED;
}

/* ipc_call: run IPC operation OP for CALLER (the trap's %eax, %ebx, %ecx).
 * Returns the result for the caller's %eax, or IPC_BLOCKED when the caller
 * now waits (its %eax is set when it is woken). A sendrec or send to SYSTEM
 * is a kernel call. */
int ipc_call(struct proc *caller, int op, endpoint_t ep, vir_bytes addr)
{
	int r;
	switch (op) {
	case IPC_SEND:
	case IPC_SENDNB:
		if (ep == SYSTEM)
			return kernel_call(caller, addr);
		return do_send(caller, ep, addr, op == IPC_SENDNB);
	case IPC_RECEIVE:
		rs_watchdog_alive(caller);
		return do_receive(caller, ep, addr);
	case IPC_SENDREC:
		if (ep == SYSTEM)
			return kernel_call(caller, addr);
		r = do_send(caller, ep, addr, 0);
		if (r != 0 && r != IPC_BLOCKED)
			return r;
		/* Wait for the reply from the same endpoint, in the same buffer.
		 * (If the send blocked, the process is now SENDING|RECEIVING.) */
		caller->getfrom = ep == SELF ? caller->endpoint : ep;
		caller->msg_buf = addr;
		caller->reply_pending = 1;
		proc_block(caller, RTS_RECEIVING);
		return IPC_BLOCKED;
	case IPC_NOTIFY: {
		struct proc *dst;
		r = resolve_dst(caller, ep, &dst, 0);
		if (r != 0)
			return r;
		notify_deliver(dst, caller->endpoint);
		return 0;
	}
	default:
		return -EBADCALL;
	}
}

/* Wake P from whatever IPC it waits in, with result R. */
static void fail_ipc(struct proc *p, int r)
{
	if ((p->rts & RTS_SENDING) && p->sendto != NONE)
		dequeue_sender(&proc_table[ep_slot(p->sendto)], p);
	p->sendto = NONE;
	p->reply_pending = 0;
	p->regs.eax = (uint32_t) r;
	proc_unblock(p, RTS_SENDING | RTS_RECEIVING);
}

/* ipc_cancel: P gives up the IPC it is blocked in (a send whose message
 * was not taken yet, a receive, or both halves of a sendrec) without a
 * result; its registers are left as they were at the trap. Other RTS
 * flags stay. */
void ipc_cancel(struct proc *p)
{
	if ((p->rts & RTS_SENDING) && p->sendto != NONE)
		dequeue_sender(&proc_table[ep_slot(p->sendto)], p);
	p->sendto = NONE;
	p->getfrom = NONE;
	p->reply_pending = 0;
	proc_unblock(p, RTS_SENDING | RTS_RECEIVING);
}

/* ipc_cleanup: P is going away: take it off the queue it is sending on,
 * and fail with -EDEADSRCDST every process that is blocked sending to P or
 * waiting to receive from P specifically. */
void ipc_cleanup(struct proc *p)
{
	if (p->rts & RTS_SENDING) {
		struct proc *dst = &proc_table[ep_slot(p->sendto)];
		dequeue_sender(dst, p);
		p->rts &= ~RTS_SENDING;
	}
	p->rts &= ~RTS_RECEIVING;
	while (p->senders)
		fail_ipc(p->senders, -EDEADSRCDST);
	for (int i = 0; i < NR_PROCS; i++) {
		struct proc *q = &proc_table[i];
		if (q->in_use && q != p && (q->rts & RTS_RECEIVING) &&
		    q->getfrom == p->endpoint)
			fail_ipc(q, -EDEADSRCDST);
	}
}

/* ipc_fail_reply_waiters: every process blocked in the receive half of a
 * sendrec with P fails with -EDEADSRCDST (STATECTL_CLEAR_IPC: P restarted
 * and will never answer requests its earlier instance took). Returns how
 * many were woken. */
int ipc_fail_reply_waiters(struct proc *p)
{
	int n = 0;
	for (int i = 0; i < NR_PROCS; i++) {
		struct proc *q = &proc_table[i];
		if (q->in_use && q != p && q->reply_pending &&
		    (q->rts & RTS_RECEIVING) && !(q->rts & RTS_SENDING) &&
		    q->getfrom == p->endpoint) {
			fail_ipc(q, -EDEADSRCDST);
			n++;
		}
	}
	return n;
}
