/* IPC: send, receive, sendrec, notify, non-blocking send and a server's
 * reply-and-receive between ring-3 processes, with fixed 64-byte messages.
 * Rendezvous: a send completes when the destination receives; until then
 * the sender is blocked and queued on the destination, its message held in
 * the kernel. A message for a receiver that already waits is copied once,
 * from the sender's buffer straight into the receiver's, and when the
 * sender blocks at the same time (sendrec, replyrecv) the CPU goes
 * straight to the receiver (sched_handoff). Notifications never block:
 * one pending bit per sender. */
#include "kernel.h"
#include "uaccess.h"
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
static inline int waits_for(const struct proc *p, endpoint_t sender)
{
	if (p->rts == RTS_RECEIVING)         /* the common case, first */
		return p->getfrom == ANY || p->getfrom == sender;
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

/* The live process EP names, or NULL when that takes the general look-up
 * (SELF, a pseudo-process, a dead or exited process: proc_lookup tells
 * which error). A process endpoint is never ANY, NONE or SELF. */
static inline struct proc *lookup_fast(endpoint_t ep)
{
	struct proc *p = &proc_table[ep_slot(ep) % NR_PROCS];
	if (p->endpoint != ep || !p->in_use || (p->rts & RTS_EXITED))
		return NULL;
	return p;
}

/* Deliver CALLER's message at user address ADDR to DST, which waits for
 * it: one copy, from the sender's page straight into the receiver's
 * buffer, with the same checks as the general path (the sender's page
 * user-readable, the receiver's user-writable). DST's receive is then
 * done (%eax 0) but DST is not scheduled: RTS_RECEIVING is cleared and
 * the caller makes DST ready when its flags are 0. FROM: the kernel
 * address of the message when the caller looked it up already, or NULL.
 * Returns 0, or 1 when
 * one of the messages is not whole in a mapped page: the general path
 * (a copy through the kernel) then delivers or reports the fault. */
static inline __attribute__((always_inline)) int deliver_direct(struct proc *caller, vir_bytes addr,
    struct proc *dst, const message *from)
{
	if (!from)
		from = vm_msg_ptr(caller->pgdir, addr, 0);
	message *to = vm_msg_ptr(dst->pgdir, dst->msg_buf, 1);
	if (!from || !to)
		return 1;
	msg_copy(to, from);
	to->m_source = caller->endpoint;
	dst->regs.eax = 0;
	dst->reply_pending = 0;
	dst->rts &= ~RTS_RECEIVING;
	return 0;
}

/* Resolve a destination for send-like operations: the process EP names,
 * not the caller, and one the caller may send to: its IPC mask lists it
 * or, when ANSWER (a send, not a notification), it waits in sendrec for
 * the caller's answer (priv_may_answer). */
static inline __attribute__((always_inline)) int resolve_dst(struct proc *caller, endpoint_t ep, struct proc **dst,
    int answer)
{
	*dst = lookup_fast(ep);
	if (!*dst) {
		int r = proc_lookup(caller, ep, dst);
		if (r != 0)
			return r;
	}
	if (*dst == caller)
		return -EINVAL;
	int allowed = (caller->priv.flags & PRIV_IPC_ALL) ||
	    ((caller->priv.ipc_to[(*dst)->slot / 32] >> ((*dst)->slot % 32)) & 1);
	if (!allowed &&                      /* priv_may_send, inlined */
	    !(answer && priv_may_answer(caller, *dst)))
		return -ECALLDENIED;
	return 0;
}

/* The send half. NONBLOCK: fail with -ENOTREADY instead of blocking.
 * WOKEN: NULL, or where to hand back a receiver this send made runnable
 * by the direct path (not yet on a ready queue: the caller, about to
 * block, switches to it with sched_handoff or readies it). FROM: see
 * deliver_direct. Returns 0 when
 * delivered, IPC_BLOCKED when queued, or an error. */
static inline __attribute__((always_inline)) int do_send(struct proc *caller, endpoint_t ep, vir_bytes addr,
    int nonblock, struct proc **woken, const message *from)
{
	struct proc *dst;
	int r = resolve_dst(caller, ep, &dst, 1);
	if (r != 0)
		return r;
	if (waits_for(dst, caller->endpoint) &&
	    deliver_direct(caller, addr, dst, from) == 0) {
		if (dst->rts == 0) {
			if (woken)
				*woken = dst;
			else
				sched_ready(dst);
		}
		return 0;
	}
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

/* block_receiving: CALLER (running) now waits to receive; WOKEN (NULL or
 * a process the same call made runnable, on no queue yet) gets the CPU
 * directly. */
static void block_receiving(struct proc *caller, struct proc *woken)
{
	if (!woken) {
		proc_block(caller, RTS_RECEIVING);
		return;
	}
	if (caller->rts == 0) {
		caller->rts = RTS_RECEIVING;
		sched_handoff(caller, woken);
	} else {
		caller->rts |= RTS_RECEIVING;
		sched_ready(woken);
	}
}

/* Take what P may receive from SRC now into ADDR: a pending notification
 * first, then the first matching queued sender (which is released).
 * Returns 0 when a message was taken, 1 when there is none, -EFAULT. */
static int try_receive(struct proc *p, endpoint_t src, vir_bytes addr)
{
	message m;
	uint32_t any = 0;
	for (int w = 0; w < NOTIFY_WORDS; w++)
		any |= p->notify_pending[w];
	if (!any && !p->senders)
		return 1;
	if (any && !p->reply_pending && take_notify(p, src, &m))
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
 * else block (handing the CPU to WOKEN, see block_receiving; WOKEN is
 * readied when the caller does not block). BUF_OK: ADDR was checked
 * already (a writable message in one page). Returns 0, IPC_BLOCKED or an
 * error. */
static inline __attribute__((always_inline)) int do_receive(struct proc *caller, endpoint_t src, vir_bytes addr,
    struct proc *woken, int buf_ok)
{
	int r = 0;
	if (src == SELF)
		src = caller->endpoint;
	if (src == caller->endpoint)
		r = -EINVAL;
	else if (src != ANY && src != HARDWARE && src != CLOCK &&
	    src != SYSTEM && !lookup_fast(src)) {
		struct proc *s;
		r = proc_lookup(caller, src, &s);
	}
	if (r == 0 && !buf_ok && !vm_msg_ptr(caller->pgdir, addr, 1) &&
	    !vm_user_ok(caller->pgdir, addr, sizeof(message), 1))
		r = -EFAULT;
	if (r == 0)
		r = try_receive(caller, src, addr);
	if (r <= 0) {
		if (woken)
			sched_ready(woken);
		return r;
	}
	caller->getfrom = src;
	caller->msg_buf = addr;
	block_receiving(caller, woken);
	return IPC_BLOCKED;
}

/* The reply-and-receive of a server (IPC_REPLYRECV): the reply in the
 * message at REPLY_ADDR to REPLY_TO (NONE: no reply), non-blocking as
 * IPC_SENDNB (its result goes to the caller's %edx), then a receive from
 * SRC into ADDR whose result is returned. The caller that waited in
 * sendrec for the reply gets the CPU when the server blocks. */
static inline __attribute__((always_inline)) int do_replyrecv(struct proc *caller, endpoint_t reply_to,
    vir_bytes reply_addr, endpoint_t src, vir_bytes addr)
{
	struct proc *woken = NULL;
	int r = 0;
	/* One buffer for both halves (the usual loop): one look-up. */
	const message *buf = reply_addr == addr ?
	    vm_msg_ptr(caller->pgdir, addr, 1) : NULL;
	if (reply_to != NONE) {
		if (reply_to == SYSTEM)
			r = -EINVAL;    /* a kernel call never waits for a reply */
		else
			r = do_send(caller, reply_to, reply_addr, 1, &woken,
			    buf);
		/* The answer is handled: its result over m_source of the
		 * server's copy (see abi/ipc.h). */
		message *mark = buf ? (message *) buf :
		    vm_msg_ptr(caller->pgdir, reply_addr, 1);
		if (mark)
			mark->m_source = r;
		else
			vm_copy_to_user(caller->pgdir, reply_addr, &r, sizeof(r));
	}
	caller->regs.edx = (uint32_t) r;
	rs_watchdog_alive(caller);
	return do_receive(caller, src, addr, woken, buf != NULL);
}

/* ipc_call: run IPC operation OP for CALLER (the trap's %eax, %ebx, %ecx;
 * IPC_REPLYRECV also reads %edx and %esi). Returns the result for the
 * caller's %eax, or IPC_BLOCKED when the caller now waits (its %eax is set
 * when it is woken). A sendrec or send to SYSTEM is a kernel call. */
static inline __attribute__((always_inline)) int ipc_call(struct proc *caller, int op, endpoint_t ep,
    vir_bytes addr)
{
	int r;
	struct proc *woken = NULL;
	switch (op) {
	case IPC_SENDREC:
		if (ep == SYSTEM)
			return kernel_call(caller, addr);
		r = do_send(caller, ep, addr, 0, &woken, NULL);
		if (r != 0 && r != IPC_BLOCKED)
			return r;
		/* Wait for the reply from the same endpoint, in the same buffer.
		 * (If the send blocked, the process is now SENDING|RECEIVING.) */
		caller->getfrom = ep == SELF ? caller->endpoint : ep;
		caller->msg_buf = addr;
		caller->reply_pending = 1;
		block_receiving(caller, woken);
		return IPC_BLOCKED;
	case IPC_REPLYRECV:
		return do_replyrecv(caller, ep, caller->regs.edx,
		    (endpoint_t) caller->regs.esi, addr);
	case IPC_SEND:
	case IPC_SENDNB:
		if (ep == SYSTEM)
			return kernel_call(caller, addr);
		return do_send(caller, ep, addr, op == IPC_SENDNB, NULL, NULL);
	case IPC_RECEIVE:
		rs_watchdog_alive(caller);
		return do_receive(caller, ep, addr, NULL, 0);
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

/* trap_ipc: the IPC trap (vectors.S, from ring 3 only): the operation in
 * the caller's %eax, %ebx, %ecx (see abi/ipc.h), unless its text was
 * changed (textguard.c). Returns the process to enter next. */
struct proc *trap_ipc(void)
{
	struct proc *p = proc_current;
	int r = p->text_changed ? textguard_stop(p)
	    : ipc_call(p, (int) p->regs.eax, (endpoint_t) p->regs.ebx,
	        p->regs.ecx);
	if (r != IPC_BLOCKED)
		p->regs.eax = (uint32_t) r;
	return sched_next();
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
