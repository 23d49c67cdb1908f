/* Cases for SYS_FORK beyond a plain self-fork: FORK_STOPPED, and fork of
 * a managed process that waits for the caller's reply (as PM forks a user
 * process), with its errors. */
#include <string.h>
#include "ktest.h"
#include "payload.h"

#define MSG_ASK 0x5601

/* ask_and_exit: helper that sends MSG_ASK to the process given as ARG,
 * waits for the reply and exits with 10 + the reply's first word, after
 * checking its stack (copied into a child by the fork) is intact. */
static void ask_and_exit(void *arg)
{
	volatile uint32_t canary = 0xc0ffee;
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = MSG_ASK;
	CHECK_OK(ipc_sendrec(ARG_EP(arg), &m));
	CHECK_EQ(canary, 0xc0ffee);
	sys_exit(10 + (int) m.u.words[0]);
}

/* reply_word: send REPLY to EP with first word W. */
static void reply_word(endpoint_t ep, uint32_t w)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.u.words[0] = w;
	CHECK_OK(ipc_send(ep, &m));
}

/* Forking a managed process that waits for our reply: the child is a copy
 * (name, memory, state) that waits for our reply too, managed by us; each
 * gets its own reply. */
TEST(fork_reply_waiter)
{
	endpoint_t self = ktest_self();
	endpoint_t h = ktest_spawn(ask_and_exit, EP_ARG(self));
	message m;
	CHECK_OK(ktest_receive_any(&m));
	CHECK_EQ(m.m_source, h);
	CHECK_EQ(m.m_type, MSG_ASK);

	endpoint_t c = NONE;
	CHECK_OK(sys_fork_proc(h, 0, &c));
	CHECK(c != NONE && c != 0 && c != h);
	struct proc_info pi = ktest_proc(h), ci = ktest_proc(c);
	CHECK_EQ(ci.flags, PSTATE_RECEIVING);
	CHECK_EQ(ci.blocked_on, self);
	CHECK_EQ(ci.sig_mgr, self);
	CHECK_EQ(ci.priority, pi.priority);
	CHECK_EQ(ci.brk, pi.brk);
	CHECK_EQ(strcmp(ci.name, pi.name), 0);
	CHECK_EQ(pi.flags, PSTATE_RECEIVING);

	reply_word(c, 3);
	CHECK_EQ(ktest_reap_exit(c), 13);
	reply_word(h, 7);
	CHECK_EQ(ktest_reap_exit(h), 17);
}

/* spin: helper that runs without IPC. */
static void spin(void *arg)
{
	(void) arg;
	for (;;)
		__asm__ volatile("" ::: "memory");
}

/* A parent that does not wait for the caller's reply (running, sending,
 * waiting for another's reply), one the caller does not manage, bad flags
 * and dead endpoints are refused. */
TEST(fork_other_errors)
{
	endpoint_t self = ktest_self();
	endpoint_t c;
	CHECK_EQ(sys_fork_proc(SELF, 0x80, &c), -EINVAL);
	CHECK_EQ(sys_fork_proc(ktest_runner, 0, &c), -EPERM);
	CHECK_EQ(sys_fork_proc(NONE, 0, &c), -EINVAL);

	endpoint_t run = ktest_spawn(spin, NULL);
	CHECK_EQ(sys_fork_proc(run, 0, &c), -EINVAL);
	endpoint_t ask = ktest_spawn(ask_and_exit, EP_ARG(run));
	ktest_await_state(ask, PSTATE_SENDING);
	CHECK_EQ(sys_fork_proc(ask, 0, &c), -EINVAL);
	ktest_remove(ask);
	ktest_remove(run);
	CHECK_EQ(sys_fork_proc(run, 0, &c), -EDEADSRCDST);

	/* Waiting for another process's reply. */
	endpoint_t srv = ktest_spawn(ask_and_exit, EP_ARG(self));
	message m;
	CHECK_OK(ktest_receive_any(&m));       /* srv now waits for us */
	ask = ktest_spawn(ask_and_exit, EP_ARG(srv));
	ktest_await_state(ask, PSTATE_SENDING);
	CHECK_EQ(sys_fork_proc(ask, 0, &c), -EINVAL);
	ktest_remove(ask);
	reply_word(srv, 0);
	CHECK_EQ(ktest_reap_exit(srv), 10);
}

/* FORK_EMPTY (a stopped process with an empty address space, RS's way to
 * start a service without copying itself) is RS's alone: any other caller,
 * even a system process holding SYS_FORK, gets -EPERM, with or without
 * FORK_STOPPED, and no process is made. */
TEST(fork_empty_refused)
{
	endpoint_t c = NONE;
	CHECK_EQ(sys_fork_proc(SELF, FORK_STOPPED | FORK_EMPTY, &c), -EPERM);
	CHECK_EQ(sys_fork_proc(SELF, FORK_EMPTY, &c), -EPERM);
	CHECK_EQ(c, NONE);
	CHECK_EQ(sys_fork_proc(SELF, FORK_STOPPED | FORK_EMPTY | 0x80, &c),
	    -EINVAL);
}

/* FORK_STOPPED keeps the child stopped; STATECTL_RESUME starts it and it
 * returns 0 from the fork. */
TEST(fork_stopped_resume)
{
	endpoint_t child;
	CHECK_OK(sys_fork_proc(SELF, FORK_STOPPED, &child));
	if (child == 0)
		sys_exit(7);
	CHECK_EQ(ktest_proc(child).flags, PSTATE_STOPPED);
	CHECK_OK(sys_statectl(STATECTL_RESUME, child));
	CHECK_EQ(ktest_reap_exit(child), 7);
}

/* Forking a reply waiter with FORK_STOPPED, then exec'ing the child: the
 * child leaves its reply wait and runs the new program (fork + exec as a
 * process manager does it); the parent still gets its reply. */
TEST(fork_stopped_waiter_exec)
{
	endpoint_t h = ktest_spawn(ask_and_exit, EP_ARG(ktest_self()));
	message m;
	CHECK_OK(ktest_receive_any(&m));
	endpoint_t c;
	CHECK_OK(sys_fork_proc(h, FORK_STOPPED, &c));
	CHECK_EQ(ktest_proc(c).flags, PSTATE_STOPPED | PSTATE_RECEIVING);
	static const char frame[] = "ktest-payload\0report\0";
	CHECK_OK(sys_execve(c, ktest_payload_start, ktest_payload_size(), frame,
	    sizeof(frame) - 1, 2, 0));
	CHECK_OK(ipc_receive(c, &m));
	CHECK_EQ(m.m_type, PAYLOAD_REPORT);
	CHECK_EQ(ktest_reap_exit(c), 0);
	reply_word(h, 1);
	CHECK_EQ(ktest_reap_exit(h), 11);
}

/* A child inherits no alarm and no pending notification: the first CLOCK
 * notification it sees is its own alarm's. */
TEST(fork_inherits_no_alarm)
{
	CHECK_OK(sys_setalarm(1, 0, NULL));
	uint32_t until = ktest_uptime() + 3;
	while (ktest_uptime() < until)
		;                          /* our alarm is pending now */
	CHECK_OK(sys_setalarm(5, 0, NULL));
	endpoint_t child = ktest_fork();
	if (child == 0) {
		uint32_t t0 = ktest_uptime();
		CHECK_OK(sys_setalarm(20, 0, NULL));
		message m;
		CHECK_OK(ipc_receive(CLOCK, &m));
		CHECK(m.u.notify.timestamp >= t0 + 20);
		sys_exit(0);
	}
	CHECK_EQ(ktest_reap_exit(child), 0);
}
