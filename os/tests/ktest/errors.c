/* Cases for IPC and kernel-call errors: malformed and dead endpoints,
 * sending to oneself, deadlock cycles, the IPC and kernel-call masks, bad
 * message buffers and unknown call numbers. The kernel must refuse each
 * with the documented error and keep running. */
#include <string.h>
#include "ktest.h"

#define MSG_GO     0x5201
#define MSG_REPLY  0x5202
#define BAD_LOW    ((message *) 0x10)          /* page 0: never mapped */
#define BAD_HIGH   ((message *) 0xF0000000u)   /* above user space */
#define BAD_KERNEL ((message *) 0x00100000u)   /* kernel, supervisor only */
/* A message that starts in the stack's last page and ends in the guard
 * page above it. */
#define BAD_STRADDLE ((message *) (0xC0000000u - 4096 - 16))

/* go: a message of type MSG_GO with a marker payload. */
static message go(void)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = MSG_GO;
	m.u.words[0] = 0x60606060;
	return m;
}

/* receive_go: helper that receives one MSG_GO from the process given as
 * ARG and checks its payload. */
static void receive_go(void *arg)
{
	message m;
	CHECK_OK(ipc_receive(ARG_EP(arg), &m));
	CHECK_EQ(m.m_type, MSG_GO);
	CHECK_EQ(m.u.words[0], 0x60606060);
}

/* Endpoints that cannot name a process (slot 64 and up, ANY, NONE) are
 * -EINVAL for every primitive that needs a process. */
TEST(err_bad_endpoint)
{
	static const endpoint_t bad[] = {
		64, 65 | (3 << 8), 255 | (1 << 8), ANY, NONE,
	};
	message m = go();
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_EQ(ipc_send(bad[i], &m), -EINVAL);
		CHECK_EQ(ipc_sendrec(bad[i], &m), -EINVAL);
		CHECK_EQ(ipc_sendnb(bad[i], &m), -EINVAL);
		CHECK_EQ(ipc_notify(bad[i]), -EINVAL);
	}
	CHECK_EQ(ipc_receive(64, &m), -EINVAL);
	CHECK_EQ(ipc_receive(255 | (1 << 8), &m), -EINVAL);
}

/* exit_now: helper that exits at once. */
static void exit_now(void *arg)
{
	(void) arg;
}

/* check_dead: every primitive aimed at EP fails with -EDEADSRCDST. */
static void check_dead(endpoint_t ep)
{
	message m = go();
	CHECK_EQ(ipc_send(ep, &m), -EDEADSRCDST);
	CHECK_EQ(ipc_sendrec(ep, &m), -EDEADSRCDST);
	CHECK_EQ(ipc_sendnb(ep, &m), -EDEADSRCDST);
	CHECK_EQ(ipc_notify(ep), -EDEADSRCDST);
	CHECK_EQ(ipc_receive(ep, &m), -EDEADSRCDST);
}

/* A process that exited is dead for IPC at once, and stays dead after its
 * manager clears its slot. */
TEST(err_dead_endpoint)
{
	endpoint_t h = ktest_spawn(exit_now, NULL);
	struct ktest_end end = ktest_wait(h);
	CHECK_EQ(end.sigs, SIGBIT(SIGKEXIT));
	CHECK_EQ(end.status, 0);
	check_dead(h);               /* exited, slot not yet cleared */
	CHECK_OK(sys_clear(h));
	ktest_forget(h);
	check_dead(h);               /* slot free */
}

/* A new process in a dead process's slot gets a new endpoint (a higher
 * generation); the old endpoint still fails and the new one works. */
TEST(err_slot_reuse)
{
	endpoint_t self = ktest_self();
	endpoint_t old = ktest_spawn(exit_now, NULL);
	CHECK_EQ(ktest_reap_exit(old), 0);

	/* Fork until a process lands in the old slot (the kernel may hand out
	 * other free slots first); the extra ones wait and are removed. */
	endpoint_t extra[60];
	int nr_extra = 0;
	endpoint_t h = NONE;
	while (nr_extra < 60) {
		endpoint_t ep = ktest_spawn(receive_go, EP_ARG(self));
		if (ep_slot(ep) == ep_slot(old)) {
			h = ep;
			break;
		}
		extra[nr_extra++] = ep;
	}
	if (h == NONE)
		FAIL("slot %d was never reused", ep_slot(old));
	CHECK(h != old);
	CHECK(ep_gen(h) != ep_gen(old));
	check_dead(old);
	message m = go();
	CHECK_OK(ipc_send(h, &m));
	CHECK_EQ(ktest_reap_exit(h), 0);
	check_dead(old);
	for (int i = 0; i < nr_extra; i++)
		ktest_remove(extra[i]);
}

/* spin: helper that runs forever without IPC. */
static void spin(void *arg)
{
	(void) arg;
	for (;;)
		__asm__ volatile("" ::: "memory");
}

/* take_one_request: helper that receives one message from anyone and
 * exits without replying. */
static void take_one_request(void *arg)
{
	(void) arg;
	message m;
	CHECK_OK(ipc_receive(ANY, &m));
}

/* send_expect_dead: helper whose send to the endpoint given as ARG must
 * fail with -EDEADSRCDST (the destination dies meanwhile). */
static void send_expect_dead(void *arg)
{
	message m = go();
	CHECK_EQ(ipc_send(ARG_EP(arg), &m), -EDEADSRCDST);
}

/* sendrec_expect_dead: the same for a sendrec. */
static void sendrec_expect_dead(void *arg)
{
	message m = go();
	CHECK_EQ(ipc_sendrec(ARG_EP(arg), &m), -EDEADSRCDST);
}

/* receive_expect_dead: the same for a receive from that endpoint. */
static void receive_expect_dead(void *arg)
{
	message m;
	CHECK_EQ(ipc_receive(ARG_EP(arg), &m), -EDEADSRCDST);
}

/* A process blocked on IPC with a peer that goes away is released with
 * -EDEADSRCDST: sending to a process that is removed, waiting for the reply
 * of one that exits after taking the request, receiving from one that
 * exits. */
TEST(err_peer_dies)
{
	endpoint_t self = ktest_self();
	endpoint_t d = ktest_spawn(spin, NULL);
	endpoint_t s = ktest_spawn(send_expect_dead, EP_ARG(d));
	ktest_await_state(s, PSTATE_SENDING);
	ktest_remove(d);
	CHECK_EQ(ktest_reap_exit(s), 0);

	d = ktest_spawn(take_one_request, NULL);
	s = ktest_spawn(sendrec_expect_dead, EP_ARG(d));
	CHECK_EQ(ktest_reap_exit(s), 0);     /* released by d's exit alone */
	CHECK_EQ(ktest_reap_exit(d), 0);

	d = ktest_spawn(receive_go, EP_ARG(self));
	s = ktest_spawn(receive_expect_dead, EP_ARG(d));
	ktest_await_state(s, PSTATE_RECEIVING);
	message m = go();
	CHECK_OK(ipc_send(d, &m));
	CHECK_EQ(ktest_reap_exit(s), 0);
	CHECK_EQ(ktest_reap_exit(d), 0);
}

/* Sending to oneself is -EINVAL (it could never complete). */
TEST(err_send_self)
{
	endpoint_t self = ktest_self();
	message m = go();
	CHECK_EQ(ipc_send(self, &m), -EINVAL);
	CHECK_EQ(ipc_sendrec(self, &m), -EINVAL);
	CHECK_EQ(ipc_sendnb(self, &m), -EINVAL);
}

/* refuse_then_receive: wait until PARENT is blocked sending to us, check
 * that sending back (send and sendrec) is refused with -EDEADLK, then
 * receive PARENT's pending message into M. */
static void refuse_then_receive(endpoint_t parent, message *m)
{
	ktest_await_state(parent, PSTATE_SENDING);
	*m = go();
	CHECK_EQ(ipc_send(parent, m), -EDEADLK);
	CHECK_EQ(ipc_sendrec(parent, m), -EDEADLK);
	CHECK_OK(ipc_receive(parent, m));
	CHECK_EQ(m->m_type, MSG_GO);
}

/* deadlock_partner: helper for a parent blocked in send (ARG). */
static void deadlock_partner(void *arg)
{
	message m;
	refuse_then_receive(ARG_EP(arg), &m);
}

/* A blocked on send to B, B sends to A: refused with -EDEADLK (send and
 * sendrec), and A's send still completes afterwards. */
TEST(err_deadlock)
{
	endpoint_t b = ktest_spawn(deadlock_partner, EP_ARG(ktest_self()));
	message m = go();
	CHECK_OK(ipc_send(b, &m));
	CHECK_EQ(ktest_reap_exit(b), 0);
}

/* deadlock_server: helper like deadlock_partner for a sendrec: after the
 * refused sends it receives the request and replies. */
static void deadlock_server(void *arg)
{
	endpoint_t parent = ARG_EP(arg);
	message m;
	refuse_then_receive(parent, &m);
	m.m_type = MSG_REPLY;
	CHECK_OK(ipc_send(parent, &m));
}

/* A blocked in sendrec to B, B sends to A: -EDEADLK; the sendrec then
 * completes normally with B's reply. */
TEST(err_deadlock_sendrec)
{
	endpoint_t b = ktest_spawn(deadlock_server, EP_ARG(ktest_self()));
	message m = go();
	CHECK_OK(ipc_sendrec(b, &m));
	CHECK_EQ(m.m_source, b);
	CHECK_EQ(m.m_type, MSG_REPLY);
	CHECK_EQ(ktest_reap_exit(b), 0);
}

/* cycle_last: helper C of err_deadlock_cycle. It learns B from the parent
 * P, waits until P is blocked sending to B and B to C, checks that closing
 * the cycle (C sends to P) is -EDEADLK, then receives B's message. */
static void cycle_last(void *arg)
{
	endpoint_t parent = ARG_EP(arg);
	message m;
	CHECK_OK(ipc_receive(parent, &m));
	endpoint_t b = (endpoint_t) m.u.words[1];
	ktest_await_state(b, PSTATE_SENDING);
	ktest_await_state(parent, PSTATE_SENDING);
	m = go();
	CHECK_EQ(ipc_send(parent, &m), -EDEADLK);
	CHECK_OK(ipc_receive(b, &m));
	CHECK_EQ(m.m_type, MSG_GO);
}

/* cycle_middle: helper B of err_deadlock_cycle: sends to C (given as ARG),
 * then receives the parent's message. */
static void cycle_middle(void *arg)
{
	message m = go();
	CHECK_OK(ipc_send(ARG_EP(arg), &m));
	CHECK_OK(ipc_receive(ANY, &m));
	CHECK_EQ(m.m_type, MSG_GO);
}

/* A cycle of three (P sends to B, B to C, C to P) is refused when C closes
 * it; then everything unwinds. */
TEST(err_deadlock_cycle)
{
	endpoint_t c = ktest_spawn(cycle_last, EP_ARG(ktest_self()));
	endpoint_t b = ktest_spawn(cycle_middle, EP_ARG(c));
	message m = go();
	m.u.words[1] = (uint32_t) b;
	CHECK_OK(ipc_send(c, &m));      /* tell C who B is */
	m = go();
	CHECK_OK(ipc_send(b, &m));      /* blocks until B got through to C */
	CHECK_EQ(ktest_reap_exit(c), 0);
	CHECK_EQ(ktest_reap_exit(b), 0);
}

/* set_ipc_to_all_but: install our privileges with PRIV_IPC_ALL off and
 * every slot allowed except SLOT. */
static void set_ipc_to_all_but(int slot)
{
	struct priv_spec spec;
	CHECK_OK(sys_privctl(ktest_self(), PRIVCTL_GET, &spec));
	spec.flags &= ~PRIV_IPC_ALL;
	for (unsigned i = 0; i < PRIV_SLOTS / 32; i++)
		spec.ipc_to[i] = 0xffffffffu;
	spec.ipc_to[slot / 32] &= ~(1u << (slot % 32));
	CHECK_OK(sys_privctl(ktest_self(), PRIVCTL_SET, &spec));
}

/* A destination outside the caller's IPC mask is -ECALLDENIED for every
 * sending primitive; destinations inside it still work. */
TEST(err_ipc_mask)
{
	endpoint_t self = ktest_self();
	endpoint_t denied = ktest_spawn(receive_go, EP_ARG(self));
	endpoint_t allowed = ktest_spawn(receive_go, EP_ARG(self));
	ktest_await_state(denied, PSTATE_RECEIVING);
	set_ipc_to_all_but(ep_slot(denied));

	struct priv_spec spec;
	CHECK_OK(sys_privctl(ktest_self(), PRIVCTL_GET, &spec));
	CHECK_EQ(spec.flags & PRIV_IPC_ALL, 0);
	CHECK_EQ(spec.ipc_to[ep_slot(denied) / 32] &
	    (1u << (ep_slot(denied) % 32)), 0);

	message m = go();
	CHECK_EQ(ipc_send(denied, &m), -ECALLDENIED);
	CHECK_EQ(ipc_sendrec(denied, &m), -ECALLDENIED);
	CHECK_EQ(ipc_sendnb(denied, &m), -ECALLDENIED);
	CHECK_EQ(ipc_notify(denied), -ECALLDENIED);
	CHECK_OK(ipc_send(allowed, &m));
	CHECK_EQ(ktest_reap_exit(allowed), 0);
	ktest_remove(denied);
}

/* ask_twice: helper that asks the process given as ARG twice with sendrec
 * and checks that both answers are MSG_REPLY. */
static void ask_twice(void *arg)
{
	for (int i = 0; i < 2; i++) {
		message m = go();
		CHECK_OK(ipc_sendrec(ARG_EP(arg), &m));
		CHECK_EQ(m.m_type, MSG_REPLY);
	}
}

/* reply_msg: a message of type MSG_REPLY. */
static message reply_msg(void)
{
	message m = go();
	m.m_type = MSG_REPLY;
	return m;
}

/* The reply rule: a process outside the caller's IPC mask that waits in
 * sendrec for the caller's answer may be sent the answer (send or
 * sendnb); before its request was taken, and by notification, it is
 * still refused. */
TEST(ipc_answer_outside_mask)
{
	endpoint_t asker = ktest_spawn(ask_twice, EP_ARG(ktest_self()));
	set_ipc_to_all_but(ep_slot(asker));
	ktest_await_state(asker, PSTATE_SENDING);
	message m = reply_msg();
	CHECK_EQ(ipc_sendnb(asker, &m), -ECALLDENIED);   /* not asked yet */
	CHECK_OK(ipc_receive(asker, &m));
	CHECK_EQ(m.m_type, MSG_GO);
	CHECK_EQ(ipc_notify(asker), -ECALLDENIED);
	m = reply_msg();
	CHECK_OK(ipc_send(asker, &m));
	CHECK_OK(ipc_receive(asker, &m));
	CHECK_EQ(m.m_type, MSG_GO);
	m = reply_msg();
	CHECK_OK(ipc_sendnb(asker, &m));
	CHECK_EQ(ktest_reap_exit(asker), 0);
}

/* answer_after_go: helper that takes one request (from anyone), then
 * waits for MSG_GO from the process given as ARG, then answers the
 * request with MSG_REPLY. */
static void answer_after_go(void *arg)
{
	message req, m;
	CHECK_OK(ipc_receive(ANY, &req));
	CHECK_OK(ipc_receive(ARG_EP(arg), &m));
	CHECK_EQ(m.m_type, MSG_GO);
	m = reply_msg();
	CHECK_OK(ipc_send(req.m_source, &m));
}

/* ask_once: helper that asks the process given as ARG with sendrec and
 * checks the answer is MSG_REPLY. */
static void ask_once(void *arg)
{
	message m = go();
	CHECK_OK(ipc_sendrec(ARG_EP(arg), &m));
	CHECK_EQ(m.m_type, MSG_REPLY);
}

/* A process that waits in sendrec for another's answer is no exception to
 * the caller's IPC mask: -ECALLDENIED. */
TEST(err_ipc_answer_not_ours)
{
	endpoint_t answerer = ktest_spawn(answer_after_go, EP_ARG(ktest_self()));
	endpoint_t asker = ktest_spawn(ask_once, EP_ARG(answerer));
	set_ipc_to_all_but(ep_slot(asker));
	uint32_t deadline = ktest_uptime() + 5 * ktest_hz();
	while ((ktest_proc(asker).flags & (PSTATE_SENDING | PSTATE_RECEIVING))
	    != PSTATE_RECEIVING)             /* its request was taken */
		CHECK(ktest_uptime() <= deadline);
	message m = reply_msg();
	CHECK_EQ(ipc_sendnb(asker, &m), -ECALLDENIED);
	CHECK_EQ(ipc_send(asker, &m), -ECALLDENIED);
	m = go();
	CHECK_OK(ipc_send(answerer, &m));
	CHECK_EQ(ktest_reap_exit(answerer), 0);
	CHECK_EQ(ktest_reap_exit(asker), 0);
}

/* bad_kernel_call: the kernel-call trap with message address M, without
 * touching *M first (as _kernel_call would). */
static int bad_kernel_call(message *m)
{
	int r;
	__asm__ volatile("int %1"
	    : "=a"(r) : "i"(KCALL_VECTOR), "c"(m) : "memory");
	return r;
}

/* send_go: helper that sends MSG_GO to the process given as ARG. */
static void send_go(void *arg)
{
	message m = go();
	CHECK_OK(ipc_send(ARG_EP(arg), &m));
}

/* Message buffers that are not the caller's memory (unmapped, kernel, or
 * running into the stack guard page) are -EFAULT for IPC and kernel calls;
 * nothing is delivered from them, nothing is lost, and the kernel keeps
 * going. */
TEST(err_bad_buffer)
{
	static message *const bad[] = {
		BAD_LOW, BAD_HIGH, BAD_KERNEL, BAD_STRADDLE,
	};
	endpoint_t self = ktest_self();
	endpoint_t rx = ktest_spawn(receive_go, EP_ARG(self));
	ktest_await_state(rx, PSTATE_RECEIVING);
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_EQ(ipc_send(rx, bad[i]), -EFAULT);
		CHECK_EQ(ipc_sendnb(rx, bad[i]), -EFAULT);
		CHECK_EQ(ipc_sendrec(rx, bad[i]), -EFAULT);
	}
	/* The receiver still waits, and gets the good message only. */
	message m = go();
	CHECK_OK(ipc_send(rx, &m));
	CHECK_EQ(ktest_reap_exit(rx), 0);

	endpoint_t tx = ktest_spawn(send_go, EP_ARG(self));
	ktest_await_state(tx, PSTATE_SENDING);
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK_EQ(ipc_receive(tx, bad[i]), -EFAULT);
	/* The sender's message was not lost. */
	memset(&m, 0, sizeof(m));
	CHECK_OK(ipc_receive(tx, &m));
	CHECK_EQ(m.m_type, MSG_GO);
	CHECK_EQ(m.u.words[0], 0x60606060);
	CHECK_EQ(ktest_reap_exit(tx), 0);

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK_EQ(bad_kernel_call(bad[i]), -EFAULT);
	CHECK_EQ(sys_diagctl((const char *) 0x10, 4), -EFAULT);
	CHECK_EQ(sys_diagctl((const char *) 0xF0000000u, 4), -EFAULT);
	CHECK_OK(sys_null());
}

/* A message in read-only memory (our .rodata): a valid SYS_TIMES
 * request, whose reply the kernel cannot write back. */
static const message readonly_msg = {
	.m_type = SYS_TIMES, .u.kc_times.endpoint = SELF,
};

/* Buffers the kernel would have to write into but that are read-only for
 * the caller (its .rodata) are -EFAULT: a receive, a kernel call's reply,
 * SYS_GETINFO's output and a safecopy's destination. Nothing is written. */
TEST(err_readonly_buffer)
{
	message *ro = (message *) (uintptr_t) &readonly_msg;
	endpoint_t tx = ktest_spawn(send_go, EP_ARG(ktest_self()));
	ktest_await_state(tx, PSTATE_SENDING);
	CHECK_EQ(ipc_receive(tx, ro), -EFAULT);
	message m;
	CHECK_OK(ipc_receive(tx, &m));
	CHECK_EQ(m.m_type, MSG_GO);
	CHECK_EQ(ktest_reap_exit(tx), 0);

	CHECK_EQ(bad_kernel_call(ro), -EFAULT);
	CHECK_EQ(sys_getinfo(GET_KINFO, SELF, ro, sizeof(struct kinfo)),
	    -EFAULT);
	CHECK_EQ(readonly_msg.m_type, SYS_TIMES);
	CHECK_EQ(readonly_msg.m_source, 0);
	CHECK_EQ(readonly_msg.u.kc_times.endpoint, SELF);
	CHECK_EQ(readonly_msg.u.kc_times.hz, 0);
}

/* A kernel call missing from the caller's kernel-call mask is
 * -ECALLDENIED; the calls still in the mask keep working. */
TEST(err_kcall_denied)
{
	struct priv_spec spec;
	struct mess_kc_times t;
	CHECK_OK(sys_null());
	CHECK_OK(sys_privctl(ktest_self(), PRIVCTL_GET, &spec));
	int bit = SYS_NULL - KCALL_BASE;
	CHECK(spec.kcalls[bit / 32] & (1u << (bit % 32)));
	spec.kcalls[bit / 32] &= ~(1u << (bit % 32));
	CHECK_OK(sys_privctl(ktest_self(), PRIVCTL_SET, &spec));
	CHECK_EQ(sys_null(), -ECALLDENIED);
	CHECK_OK(sys_times(SELF, &t));
	CHECK_OK(sys_privctl(ktest_self(), PRIVCTL_GET, &spec));
	CHECK_EQ(spec.kcalls[bit / 32] & (1u << (bit % 32)), 0);
}

/* Unknown kernel-call numbers (past the last call, below the first) and
 * unknown IPC operations are -EBADCALL. */
TEST(err_bad_call)
{
	message m;
	memset(&m, 0, sizeof(m));
	CHECK_EQ(_kernel_call(SYS_END_ + 5, &m), -EBADCALL);
	CHECK_EQ(_kernel_call(SYS_END_, &m), -EBADCALL);
	CHECK_EQ(_kernel_call(KCALL_BASE - 1, &m), -EBADCALL);
	CHECK_EQ(_kernel_call(0, &m), -EBADCALL);
	CHECK_EQ(_ipc_trap(0, ktest_runner, &m), -EBADCALL);
	CHECK_EQ(_ipc_trap(IPC_REPLYRECV + 1, ktest_runner, &m), -EBADCALL);
	CHECK_EQ(_ipc_trap(99, ktest_runner, &m), -EBADCALL);
	CHECK_OK(sys_null());
}
