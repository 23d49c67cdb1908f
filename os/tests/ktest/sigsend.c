/* Cases for SYS_SIGSEND and SYS_SIGRETURN, the kernel side of catching a
 * signal: the frame the handler finds, the rewind of an IPC that had not
 * happened yet (receive, send), register preservation across the round
 * trip, the checks SIGRETURN applies to the restored context, the errors,
 * and the delivery of a reply to a signalled process waiting for it.
 *
 * The process that catches a signal is a helper forked by the case; its
 * manager (the case) plays PM: it sends the signal, and when the helper's
 * trampoline asks it (MSG_SIGRET with the context address), it returns the
 * helper to the saved context with SIGRETURN. */
#include <string.h>
#include "ktest.h"

#define MSG_GO     0x5901
#define MSG_DATA   0x5902
#define MSG_SIGRET 0x5903
#define MASK       0x0000abcdu

/* The registers ktest_sig_ipc (sigasm.S) loads, and where it reports. */
#define SIG_ESI 0x51515151u
#define SIG_EDI 0xd1d1d1d1u
#define SIG_EDX 0xdedededeu
#define SIG_EBP 0xb0b0b0b0u
enum { OUT_ESI, OUT_EDI, OUT_EDX, OUT_EBP, OUT_EFLAGS, OUT_WORDS };
#define EFLAGS_IF   0x200u
#define EFLAGS_DF   0x400u
#define EFLAGS_IOPL 0x3000u

int ktest_sig_ipc(int op, endpoint_t ep, message *m, uint32_t out[OUT_WORDS]);
void ktest_sig_bad_stack_receive(endpoint_t ep, message *m)
	__attribute__((noreturn));
void ktest_sigtramp(void);
void ktest_sig_trampoline_c(vir_bytes ctx) __attribute__((noreturn));

/* Set by the case before it forks the helper (so the helper has it). */
static endpoint_t manager;

/* What the handler saw, in the helper. */
static volatile int handled;              /* how often it ran */
static volatile int handled_sig;
static volatile uint32_t frame_problems;  /* bit per failed check */
static volatile uint32_t saw_eax, saw_ebx;

/* handler: the signal handler the helpers catch with; its arguments are
 * the frame's sig and ctx. It checks the frame SYS_SIGSEND built (which
 * starts 4 bytes below its first argument), then changes the saved
 * context: %esi (to see SIGRETURN restores from it), and cs, eflags IOPL
 * and DF (SIGRETURN must clamp the first two and keep DF, a user flag). */
static void handler(int sig, vir_bytes ctx)
{
	struct sigframe *f = (struct sigframe *) (ctx -
	    __builtin_offsetof(struct sigframe, sc));
	uint32_t bad = 0;
	if ((uintptr_t) &sig % 16 != 0)
		bad |= 0x01;
	if ((uintptr_t) f != (uintptr_t) &sig - 4 || f->sig != sig)
		bad |= 0x80;
	if (f->retaddr != (vir_bytes) ktest_sigtramp)
		bad |= 0x02;
	if (f->ctx != (vir_bytes) &f->sc)
		bad |= 0x04;
	if (f->sc.magic != SIGCONTEXT_MAGIC || f->sc.mask != MASK)
		bad |= 0x08;
	if (f->sc.esi != SIG_ESI || f->sc.edi != SIG_EDI ||
	    f->sc.edx != SIG_EDX || f->sc.ebp != SIG_EBP)
		bad |= 0x10;
	if (f->sc.esp <= (vir_bytes) (f + 1) - 1 ||
	    f->sc.esp - (vir_bytes) (f + 1) >= 16)
		bad |= 0x20;                      /* right below the old %esp */
	/* The saved %eip is at an `int $0x80` (cd 80) of ktest_sig_ipc. */
	const uint8_t *insn = (const uint8_t *) f->sc.eip;
	if (insn[0] != 0xcd || insn[1] != 0x80)
		bad |= 0x40;
	saw_eax = f->sc.eax;
	saw_ebx = f->sc.ebx;
	frame_problems = bad;
	handled_sig = sig;
	handled++;
	f->sc.esi = 0x600df00du;
	f->sc.cs = 0x08;                          /* the kernel's code */
	f->sc.eflags |= EFLAGS_IOPL | EFLAGS_DF;
}

/* ktest_sig_trampoline_c: the trampoline's C half: ask the manager to
 * return us to the context at CTX. */
void ktest_sig_trampoline_c(vir_bytes ctx)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = MSG_SIGRET;
	m.u.words[0] = ctx;
	int r = ipc_sendrec(manager, &m);
	FAIL("the SIGRETURN request came back: %d, type %d", r, (int) m.m_type);
}

/* check_after: in the helper, after its IPC finished in the old context:
 * the handler ran once with SIGUSR1 and saw a good frame and the IPC's
 * arguments (OP, manager); SIGRETURN restored the registers (%esi as the
 * handler changed it), kept DF and clamped IOPL. */
static void check_after(const uint32_t out[OUT_WORDS], int op)
{
	CHECK_EQ(handled, 1);
	CHECK_EQ(handled_sig, SIGUSR1);
	CHECK_EQ(frame_problems, 0);
	CHECK_EQ(saw_eax, (uint32_t) op);
	CHECK_EQ(saw_ebx, (uint32_t) manager);
	CHECK_EQ(out[OUT_ESI], 0x600df00du);
	CHECK_EQ(out[OUT_EDI], SIG_EDI);
	CHECK_EQ(out[OUT_EDX], SIG_EDX);
	CHECK_EQ(out[OUT_EBP], SIG_EBP);
	CHECK_EQ(out[OUT_EFLAGS] & (EFLAGS_IOPL | EFLAGS_DF | EFLAGS_IF),
	    EFLAGS_DF | EFLAGS_IF);
}

/* receive_go: helper blocked receiving from the manager (with known
 * registers) until MSG_GO comes, across a caught signal. */
static void receive_go(void *arg)
{
	(void) arg;
	uint32_t out[OUT_WORDS];
	message m;
	CHECK_OK(ktest_sig_ipc(IPC_RECEIVE, manager, &m, out));
	CHECK_EQ(m.m_type, MSG_GO);
	check_after(out, IPC_RECEIVE);
}

/* send_data: helper blocked sending MSG_DATA to the manager (with known
 * registers), across a caught signal. */
static void send_data(void *arg)
{
	(void) arg;
	uint32_t out[OUT_WORDS];
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = MSG_DATA;
	m.u.words[0] = 99;
	CHECK_OK(ktest_sig_ipc(IPC_SEND, manager, &m, out));
	check_after(out, IPC_SEND);
}

/* serve_sigreturn: as the helper's manager, take its MSG_SIGRET and return
 * it to the saved context; the mask saved by SIGSEND comes back. */
static void serve_sigreturn(endpoint_t h)
{
	message m;
	CHECK_OK(ipc_receive(h, &m));
	CHECK_EQ(m.m_type, MSG_SIGRET);
	sigset_k mask = 0;
	CHECK_OK(sys_sigreturn(h, m.u.words[0], &mask));
	CHECK_EQ(mask, MASK);
}

/* catch_usr1: make H catch SIGUSR1 with handler and ktest_sigtramp. */
static int catch_usr1(endpoint_t h)
{
	return sys_sigsend(h, SIGUSR1, (vir_bytes) handler,
	    (vir_bytes) ktest_sigtramp, MASK);
}

/* A process blocked in a receive catches a signal: the receive is
 * cancelled (it runs the handler at once), the frame is as specified, and
 * after SIGRETURN the receive is made again with the registers preserved
 * (segments and IOPL clamped). */
TEST(sigsend_receive_roundtrip)
{
	manager = ktest_self();
	endpoint_t h = ktest_spawn(receive_go, NULL);
	ktest_await_state(h, PSTATE_RECEIVING);
	CHECK_OK(catch_usr1(h));
	CHECK_EQ(ktest_proc(h).flags & PSTATE_RECEIVING, 0);
	serve_sigreturn(h);
	ktest_await_state(h, PSTATE_RECEIVING);
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = MSG_GO;
	CHECK_OK(ipc_send(h, &m));
	CHECK_EQ(ktest_reap_exit(h), 0);
}

/* A process blocked sending catches a signal: its message is taken back
 * (the manager gets the trampoline's request first), and the send is made
 * again after SIGRETURN. */
TEST(sigsend_send_rewind)
{
	manager = ktest_self();
	endpoint_t h = ktest_spawn(send_data, NULL);
	ktest_await_state(h, PSTATE_SENDING);
	CHECK_OK(catch_usr1(h));
	CHECK_EQ(ktest_proc(h).flags & PSTATE_SENDING, 0);
	serve_sigreturn(h);
	message m;
	CHECK_OK(ipc_receive(h, &m));
	CHECK_EQ(m.m_type, MSG_DATA);
	CHECK_EQ(m.u.words[0], 99);
	CHECK_EQ(ktest_reap_exit(h), 0);
}

/* ask_manager: helper that sends a request to the manager and exits with
 * 20 + the reply's m_type (negated), or 10 + ... when its handler ran. */
static void ask_manager(void *arg)
{
	(void) arg;
	message m;
	memset(&m, 0, sizeof(m));
	CHECK_OK(ipc_sendrec(manager, &m));
	sys_exit((handled ? 10 : 20) + -m.m_type);
}

/* A process waiting for a reply cannot take a signal frame (-EBUSY, left
 * waiting). Once it is signalled (SYS_KILL) the reply is still delivered
 * to it at once (even by a non-blocking send), it stays signalled, and it
 * can then catch the signal; it resumes after ENDKSIG, runs the handler,
 * and returns from its call with the reply. */
TEST(sigsend_signaled_reply)
{
	manager = ktest_self();
	endpoint_t h = ktest_spawn(ask_manager, NULL);
	message m;
	CHECK_OK(ktest_receive_any(&m));
	CHECK_EQ(m.m_source, h);
	CHECK_EQ(catch_usr1(h), -EBUSY);
	CHECK_EQ(ktest_proc(h).flags, PSTATE_RECEIVING);

	CHECK_OK(sys_kill(h, SIGUSR1));
	struct ktest_end end = ktest_wait(h);
	CHECK_EQ(end.sigs, SIGBIT(SIGUSR1));
	CHECK_EQ(ktest_proc(h).flags, PSTATE_SIGNALED | PSTATE_RECEIVING);
	memset(&m, 0, sizeof(m));
	m.m_type = -EINTR;
	CHECK_OK(ipc_sendnb(h, &m));
	CHECK_EQ(ktest_proc(h).flags, PSTATE_SIGNALED);

	CHECK_OK(sys_sigsend(h, SIGUSR1, (vir_bytes) handler,
	    (vir_bytes) ktest_sigtramp, MASK));
	CHECK_EQ(ktest_proc(h).flags, PSTATE_SIGNALED);
	CHECK_OK(sys_endksig(h));
	serve_sigreturn(h);
	CHECK_EQ(ktest_reap_exit(h), 10 + EINTR);
}

/* A signalled process takes no other message: not a notification, not a
 * message from someone else while it waits for ANY. */
TEST(sigsend_signaled_takes_no_other)
{
	manager = ktest_self();
	endpoint_t h = ktest_spawn(ask_manager, NULL);
	message m;
	CHECK_OK(ktest_receive_any(&m));
	CHECK_OK(sys_kill(h, SIGUSR1));
	ktest_wait(h);
	CHECK_OK(ipc_notify(h));
	CHECK_EQ(ktest_proc(h).flags, PSTATE_SIGNALED | PSTATE_RECEIVING);
	memset(&m, 0, sizeof(m));
	m.m_type = -EIO;
	CHECK_OK(ipc_sendnb(h, &m));
	CHECK_OK(sys_endksig(h));
	CHECK_EQ(ktest_reap_exit(h), 20 + EIO);
}

/* spin: helper that runs without IPC. */
static void spin(void *arg)
{
	(void) arg;
	for (;;)
		__asm__ volatile("" ::: "memory");
}

/* bad_stack: helper that blocks receiving from the manager with %esp on
 * unmapped memory. */
static void bad_stack(void *arg)
{
	(void) arg;
	static message m;
	ktest_sig_bad_stack_receive(manager, &m);
}

/* SIGSEND errors: a process the caller does not manage or the caller
 * itself (-EPERM), a bad signal (-EINVAL), bad or dead endpoints, and a
 * stack that cannot take the frame (-EFAULT, the receive stays). */
TEST(sigsend_errors)
{
	manager = ktest_self();
	CHECK_EQ(catch_usr1(ktest_runner), -EPERM);
	CHECK_EQ(catch_usr1(SELF), -EPERM);
	CHECK_EQ(catch_usr1(NONE), -EINVAL);
	endpoint_t h = ktest_spawn(spin, NULL);
	CHECK_EQ(sys_sigsend(h, 0, (vir_bytes) handler,
	    (vir_bytes) ktest_sigtramp, 0), -EINVAL);
	CHECK_EQ(sys_sigsend(h, NSIG, (vir_bytes) handler,
	    (vir_bytes) ktest_sigtramp, 0), -EINVAL);
	ktest_remove(h);
	CHECK_EQ(catch_usr1(h), -EDEADSRCDST);

	h = ktest_spawn(bad_stack, NULL);
	ktest_await_state(h, PSTATE_RECEIVING);
	CHECK_EQ(catch_usr1(h), -EFAULT);
	CHECK_EQ(ktest_proc(h).flags, PSTATE_RECEIVING);
	ktest_remove(h);
}

/* SIGRETURN errors: not managed (-EPERM), not waiting for the caller's
 * reply (-EINVAL), a context that is not the target's memory (-EFAULT) or
 * lacks the magic (-EINVAL); the target keeps waiting after each. */
TEST(sigreturn_errors)
{
	manager = ktest_self();
	sigset_k mask;
	CHECK_EQ(sys_sigreturn(ktest_runner, 0, &mask), -EPERM);
	CHECK_EQ(sys_sigreturn(SELF, 0, &mask), -EPERM);
	endpoint_t run = ktest_spawn(spin, NULL);
	CHECK_EQ(sys_sigreturn(run, 0x40000000u, &mask), -EINVAL);
	ktest_remove(run);

	endpoint_t h = ktest_spawn(ask_manager, NULL);
	message m;
	CHECK_OK(ktest_receive_any(&m));
	CHECK_EQ(sys_sigreturn(h, 0x10, &mask), -EFAULT);
	CHECK_EQ(sys_sigreturn(h, 0xBFFFF000u - 8, &mask), -EFAULT);
	static struct sigcontext junk;    /* same address in the helper */
	CHECK_EQ(sys_sigreturn(h, (vir_bytes) &junk, &mask), -EINVAL);
	CHECK_EQ(ktest_proc(h).flags, PSTATE_RECEIVING);
	memset(&m, 0, sizeof(m));
	m.m_type = -EAGAIN;
	CHECK_OK(ipc_send(h, &m));
	CHECK_EQ(ktest_reap_exit(h), 20 + EAGAIN);
}
