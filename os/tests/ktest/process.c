/* Cases for process management: fork's copy of memory, exec of an embedded
 * program (ktest-payload), signals sent with sys_kill and resumed with
 * sys_endksig, and stopping a process with SYS_STATECTL. */
#include <string.h>
#include "ktest.h"

#define MSG_GO 0x5501

/* The ELF image of ktest-payload, embedded by payload.S. */
extern const char ktest_payload_start[], ktest_payload_end[];

/* payload_size: bytes of the embedded ktest-payload image. */
static size_t payload_size(void)
{
	return (size_t) (ktest_payload_end - ktest_payload_start);
}

/* Memory of the fork test: the child changes its copy only. */
static volatile int fork_global = 1;

/* fork gives the child a copy of the parent's memory (data and stack) and
 * 0 as its *child; the child's writes do not reach the parent. */
TEST(fork_copy)
{
	volatile int local = 5;
	endpoint_t self = ktest_self();
	endpoint_t child = ktest_fork();
	if (child == 0) {
		CHECK_EQ(fork_global, 1);
		CHECK_EQ(local, 5);
		CHECK(ktest_self() != self);
		CHECK_EQ(ktest_proc(SELF).sig_mgr, self);
		fork_global = 2;
		local = 6;
		sys_exit(7);
	}
	CHECK(child != self);
	CHECK_EQ(ktest_reap_exit(child), 7);
	CHECK_EQ(fork_global, 1);
	CHECK_EQ(local, 5);
}

/* exec_payload: helper that execs the payload on itself with the argument
 * string given as ARG; returning means exec failed. */
static void exec_payload(void *arg)
{
	int r = sys_exec(SELF, ktest_payload_start, payload_size(), arg);
	FAIL("sys_exec(SELF) returned %d", r);
}

/* exec on oneself replaces the program: the payload runs (it prints a
 * line), gets its arguments, and its exit status reaches the manager. */
TEST(exec_self)
{
	CHECK(payload_size() > 64);
	CHECK(memcmp(ktest_payload_start, "\177ELF", 4) == 0);
	endpoint_t h = ktest_spawn(exec_payload, (void *) "ktest-payload 42");
	CHECK_EQ(ktest_reap_exit(h), 42);
}

/* spin: helper that runs forever without IPC. */
static void spin(void *arg)
{
	(void) arg;
	for (;;)
		__asm__ volatile("" ::: "memory");
}

/* exec on a process the caller manages replaces that process's program
 * while the caller goes on. */
TEST(exec_other)
{
	endpoint_t h = ktest_spawn(spin, NULL);
	CHECK_OK(sys_exec(h, ktest_payload_start, payload_size(),
	    "ktest-payload 43"));
	CHECK_EQ(ktest_reap_exit(h), 43);
}

/* A failed exec leaves the caller as it was: not an ELF (-ENOEXEC), a
 * truncated ELF (-ENOEXEC), an image that is not the caller's memory
 * (-EFAULT), a frame over EXEC_FRAME_MAX bytes (-E2BIG), argc < 1, a frame
 * with more or fewer strings than argc + envc, or whose last string is not
 * terminated (-EINVAL), a frame that is not the caller's memory (-EFAULT). */
TEST(exec_errors)
{
	static char junk[256];
	static char big[EXEC_FRAME_MAX + 8];
	const char *img = ktest_payload_start;
	size_t len = payload_size();
	memset(junk, 0x90, sizeof(junk));
	CHECK_EQ(sys_exec(SELF, junk, sizeof(junk), "junk"), -ENOEXEC);
	CHECK_EQ(sys_exec(SELF, img, 52, "short"), -ENOEXEC);
	CHECK_EQ(sys_exec(SELF, (void *) 0x10, 4096, "bad"), -EFAULT);
	memset(big, 'a', sizeof(big));
	big[EXEC_FRAME_MAX] = '\0';
	CHECK_EQ(sys_execve(SELF, img, len, big, EXEC_FRAME_MAX + 1, 1, 0),
	    -E2BIG);
	CHECK_EQ(sys_execve(SELF, img, len, "a\0", 2, 0, 0), -EINVAL);
	CHECK_EQ(sys_execve(SELF, img, len, "a\0b\0", 4, 1, 0), -EINVAL);
	CHECK_EQ(sys_execve(SELF, img, len, "a\0b\0", 4, 2, 1), -EINVAL);
	CHECK_EQ(sys_execve(SELF, img, len, "a\0b", 3, 2, 0), -EINVAL);
	CHECK_EQ(sys_execve(SELF, img, len, "", 0, 1, 0), -EINVAL);
	CHECK_EQ(sys_execve(SELF, img, len, (void *) 0x10, 4, 1, 0), -EFAULT);
	/* Still us, still working. */
	fork_global = 3;
	CHECK_EQ(fork_global, 3);
	CHECK_OK(sys_null());
}

/* wait_for_go: helper that receives from the process given as ARG until
 * a MSG_GO comes (a receive interrupted by a signal may fail first), then
 * exits with status 5. */
static void wait_for_go(void *arg)
{
	message m;
	for (;;) {
		int r = ipc_receive(ARG_EP(arg), &m);
		if (r == 0 && m.m_type == MSG_GO)
			break;
		if (r == 0)
			FAIL("unexpected message type 0x%x", (unsigned) m.m_type);
	}
	sys_exit(5);
}

/* sys_kill makes a signal pending for the target's manager, which finds it
 * with sys_getksig. */
TEST(kill_term)
{
	endpoint_t h = ktest_spawn(wait_for_go, EP_ARG(ktest_self()));
	ktest_await_state(h, PSTATE_RECEIVING);
	CHECK_OK(sys_kill(h, SIGTERM));
	struct ktest_end end = ktest_reap(h);
	CHECK_EQ(end.sigs, SIGBIT(SIGTERM));
}

/* A signalled process stays stopped until its manager calls sys_endksig;
 * then it carries on where it was. */
TEST(kill_resume)
{
	endpoint_t self = ktest_self();
	endpoint_t h = ktest_spawn(wait_for_go, EP_ARG(self));
	ktest_await_state(h, PSTATE_RECEIVING);
	CHECK_OK(sys_kill(h, SIGUSR1));
	struct ktest_end end = ktest_wait(h);
	CHECK_EQ(end.sigs, SIGBIT(SIGUSR1));
	CHECK(ktest_proc(h).flags & PSTATE_SIGNALED);
	CHECK_OK(sys_endksig(h));
	CHECK_EQ(ktest_proc(h).flags & PSTATE_SIGNALED, 0);
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = MSG_GO;
	CHECK_OK(ipc_send(h, &m));
	CHECK_EQ(ktest_reap_exit(h), 5);
}

/* user_ticks: the user time charged to EP so far. */
static uint32_t user_ticks(endpoint_t ep)
{
	struct mess_kc_times t;
	CHECK_OK(sys_times(ep, &t));
	return t.user_ticks;
}

/* wait_ticks: wait (in a busy loop) until N clock ticks have passed. */
static void wait_ticks(uint32_t n)
{
	uint32_t until = ktest_uptime() + n;
	while (ktest_uptime() < until)
		;
}

/* STATECTL_STOP stops a process (it is charged no more time and shows
 * PSTATE_STOPPED); STATECTL_RESUME lets it run again. */
TEST(statectl_stop)
{
	endpoint_t h = ktest_spawn(spin, NULL);
	uint32_t start = user_ticks(h);
	uint32_t deadline = ktest_uptime() + 5 * ktest_hz();
	while (user_ticks(h) == start)
		if (ktest_uptime() > deadline)
			FAIL("a spinning helper is charged no user time");

	CHECK_OK(sys_statectl(STATECTL_STOP, h));
	CHECK(ktest_proc(h).flags & PSTATE_STOPPED);
	uint32_t stopped = user_ticks(h);
	wait_ticks(20);
	CHECK_EQ(user_ticks(h), stopped);

	CHECK_OK(sys_statectl(STATECTL_RESUME, h));
	CHECK_EQ(ktest_proc(h).flags & PSTATE_STOPPED, 0);
	deadline = ktest_uptime() + 5 * ktest_hz();
	while (user_ticks(h) == stopped)
		if (ktest_uptime() > deadline)
			FAIL("the resumed helper is charged no user time");
	ktest_remove(h);
}

/* forget_requests: helper server that takes one request, then tells the
 * kernel it will never answer it (STATECTL_CLEAR_IPC, as a restarted
 * server does), then waits for MSG_GO from the process given as ARG. */
static void forget_requests(void *arg)
{
	message m;
	CHECK_OK(ipc_receive(ANY, &m));
	CHECK(sys_statectl(STATECTL_CLEAR_IPC, SELF) >= 0);
	CHECK_OK(ipc_receive(ARG_EP(arg), &m));
	CHECK_EQ(m.m_type, MSG_GO);
}

/* ask_expect_dead: helper whose sendrec to the server given as ARG must
 * fail with -EDEADSRCDST. */
static void ask_expect_dead(void *arg)
{
	message m;
	memset(&m, 0, sizeof(m));
	CHECK_EQ(ipc_sendrec(ARG_EP(arg), &m), -EDEADSRCDST);
}

/* STATECTL_CLEAR_IPC fails every sendrec waiting for the caller's reply
 * with -EDEADSRCDST; the caller itself carries on. */
TEST(statectl_clear_ipc)
{
	endpoint_t server = ktest_spawn(forget_requests, EP_ARG(ktest_self()));
	endpoint_t client = ktest_spawn(ask_expect_dead, EP_ARG(server));
	CHECK_EQ(ktest_reap_exit(client), 0);
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = MSG_GO;
	CHECK_OK(ipc_send(server, &m));
	CHECK_EQ(ktest_reap_exit(server), 0);
}
