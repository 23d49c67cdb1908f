/* Cases for SYS_EXEC with an argv + envp frame: the stack layout the new
 * program sees, its name, and exec of another process (one waiting for the
 * caller's reply, one stopped by FORK_STOPPED, one busy in IPC). */
#include <string.h>
#include "ktest.h"
#include "payload.h"

#define MSG_GO 0x5502

/* build_frame: the exec frame of the NULL-terminated lists ARGV and ENVP
 * in BUF (SIZE bytes); sets *ARGC and *ENVC and returns its length. */
static size_t build_frame(char *buf, size_t size, const char *const *argv,
    const char *const *envp, int *argc, int *envc)
{
	size_t n = 0;
	*argc = *envc = 0;
	for (int list = 0; list < 2; list++) {
		const char *const *v = list == 0 ? argv : envp;
		for (; v && *v; v++) {
			size_t len = strlen(*v) + 1;
			if (n + len > size)
				FAIL("frame too long for the test buffer");
			memcpy(buf + n, *v, len);
			n += len;
			++*(list == 0 ? argc : envc);
		}
	}
	return n;
}

/* exec_lists: exec ktest-payload in TARGET with ARGV and ENVP; returns the
 * kernel's answer. */
static int exec_lists(endpoint_t target, const char *const *argv,
    const char *const *envp)
{
	static char frame[512];
	int argc, envc;
	size_t len = build_frame(frame, sizeof(frame), argv, envp, &argc, &envc);
	return sys_execve(target, ktest_payload_start, ktest_payload_size(),
	    frame, len, argc, envc);
}

/* expect_report: receive ktest-payload's report from FROM and check it
 * shows ARGC, ENVC, TEXT and a correct stack layout. */
static void expect_report(endpoint_t from, int argc, int envc,
    const char *text)
{
	message m;
	CHECK_OK(ipc_receive(from, &m));
	CHECK_EQ(m.m_type, PAYLOAD_REPORT);
	const struct payload_report *p = (const struct payload_report *) m.u.raw;
	CHECK_EQ(p->argc, argc);
	CHECK_EQ(p->envc, envc);
	CHECK_EQ(p->flags, PAYLOAD_LAYOUT_OK);
	/* TEXT is the whole text, or the 43 characters the report holds. */
	size_t n = strlen(text);
	if (strncmp(p->text, text, n) != 0 ||
	    (n < sizeof(p->text) - 1 && p->text[n] != '\0'))
		FAIL("payload saw \"%.44s\", expected \"%s\"", p->text, text);
}

/* spin: helper that runs without IPC until it is exec'd or removed. */
static void spin(void *arg)
{
	(void) arg;
	for (;;)
		__asm__ volatile("" ::: "memory");
}

/* The new program finds argc, argv[], NULL, envp[], NULL and the strings
 * on its stack (16-byte aligned), exactly as given in the frame; its name
 * becomes the basename of argv[0], cut to 15 characters. */
TEST(exec_argv_envp)
{
	endpoint_t h = ktest_spawn(spin, NULL);
	static const char *const argv[] = {
		"/d/ktest-payload-long", "report", "a b", "", NULL };
	static const char *const envp[] = { "H=/", "T=x", NULL };
	CHECK_OK(exec_lists(h, argv, envp));
	CHECK_EQ(strcmp(ktest_proc(h).name, "ktest-payload-l"), 0);
	expect_report(h, 4, 2, "/d/ktest-payload-long|report|a b|;H=/|T=x");
	CHECK_EQ(ktest_reap_exit(h), 0);

	/* No environment at all, and a plain name. */
	h = ktest_spawn(spin, NULL);
	static const char *const argv2[] = { "pl", "report", NULL };
	CHECK_OK(exec_lists(h, argv2, NULL));
	CHECK_EQ(strcmp(ktest_proc(h).name, "pl"), 0);
	expect_report(h, 2, 0, "pl|report;");
	CHECK_EQ(ktest_reap_exit(h), 0);
}

/* The largest frame (EXEC_FRAME_MAX bytes, many strings) fits the stack. */
TEST(exec_frame_max)
{
	static char frame[EXEC_FRAME_MAX];
	static const char head[] = "ktest-payload2\0report\0";  /* even */
	memset(frame, 'e', sizeof(frame));
	memcpy(frame, head, sizeof(head) - 1);
	int envc = 0;
	for (size_t i = sizeof(head) - 1; i + 1 < sizeof(frame); i += 2) {
		frame[i + 1] = '\0';            /* "e", "e", ... */
		envc++;
	}
	endpoint_t h = ktest_spawn(spin, NULL);
	CHECK_OK(sys_execve(h, ktest_payload_start, ktest_payload_size(), frame,
	    sizeof(frame), 2, envc));
	CHECK_EQ(envc, (EXEC_FRAME_MAX - 22) / 2);
	expect_report(h, 2, envc, "ktest-payload2|report;e|e|e|e|e|e|e|e|e|e|e");
	CHECK_EQ(ktest_reap_exit(h), 0);
}

/* ask_forever: helper that sends a request to the process given as ARG
 * and waits for a reply that never comes (it is exec'd instead). */
static void ask_forever(void *arg)
{
	message m;
	memset(&m, 0, sizeof(m));
	int r = ipc_sendrec(ARG_EP(arg), &m);
	FAIL("the sendrec returned %d in the old program", r);
}

/* A process waiting for the caller's reply can be exec'd (as PM does for
 * exec): it stops waiting, gets no reply, and runs the new program. */
TEST(exec_reply_waiter)
{
	endpoint_t h = ktest_spawn(ask_forever, EP_ARG(ktest_self()));
	message m;
	CHECK_OK(ktest_receive_any(&m));
	CHECK_EQ(m.m_source, h);
	CHECK(ktest_proc(h).flags & PSTATE_RECEIVING);
	static const char *const argv[] = { "ktest-payload", "report", NULL };
	static const char *const envp[] = { "X=1", NULL };
	CHECK_OK(exec_lists(h, argv, envp));
	CHECK_EQ(ktest_proc(h).flags & (PSTATE_RECEIVING | PSTATE_SENDING), 0);
	expect_report(h, 2, 1, "ktest-payload|report;X=1");
	CHECK_EQ(ktest_reap_exit(h), 0);
}

/* A FORK_STOPPED child does not run until it is exec'd; then it runs the
 * new program. */
TEST(exec_fork_stopped)
{
	endpoint_t child;
	CHECK_OK(sys_fork_proc(SELF, FORK_STOPPED, &child));
	if (child == 0)
		sys_exit(99);           /* the copy must never run */
	struct proc_info info = ktest_proc(child);
	CHECK(info.flags & PSTATE_STOPPED);
	CHECK_EQ(info.sig_mgr, ktest_self());
	uint32_t until = ktest_uptime() + 10;
	while (ktest_uptime() < until)
		;
	CHECK(ktest_proc(child).flags & PSTATE_STOPPED);
	static const char *const argv[] = { "ktest-payload", "report", NULL };
	CHECK_OK(exec_lists(child, argv, NULL));
	CHECK_EQ(ktest_proc(child).flags & PSTATE_STOPPED, 0);
	expect_report(child, 2, 0, "ktest-payload|report;");
	CHECK_EQ(ktest_reap_exit(child), 0);
}

/* serve_one: helper server that takes one request (and never answers
 * it), then receives MSG_GO from the process given as ARG and exits 5. */
static void serve_one(void *arg)
{
	message m;
	CHECK_OK(ipc_receive(ANY, &m));
	CHECK_OK(ipc_receive(ARG_EP(arg), &m));
	CHECK_EQ(m.m_type, MSG_GO);
	sys_exit(5);
}

/* send_go: helper that sends MSG_GO to the process given as ARG and exits
 * with status 6. */
static void send_go(void *arg)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = MSG_GO;
	CHECK_OK(ipc_send(ARG_EP(arg), &m));
	sys_exit(6);
}

/* await_flags: wait until EP's state flags are exactly FLAGS. */
static void await_flags(endpoint_t ep, uint32_t flags)
{
	uint32_t deadline = ktest_uptime() + 5 * ktest_hz();
	while (ktest_proc(ep).flags != flags)
		if (ktest_uptime() > deadline)
			FAIL("process %d never reached flags 0x%x", (int) ep,
			    (unsigned) flags);
}

/* A process in any other IPC (a plain receive, a send, waiting for
 * someone else's reply) cannot be exec'd (-EBUSY) and is left as it was. */
TEST(exec_busy)
{
	endpoint_t self = ktest_self();
	static const char *const argv[] = { "ktest-payload", NULL };

	endpoint_t srv = ktest_spawn(serve_one, EP_ARG(self));
	endpoint_t ask = ktest_spawn(ask_forever, EP_ARG(srv));
	await_flags(ask, PSTATE_RECEIVING);     /* srv took the request */
	await_flags(srv, PSTATE_RECEIVING);     /* and waits for us */
	CHECK_EQ(exec_lists(srv, argv, NULL), -EBUSY);
	CHECK_EQ(exec_lists(ask, argv, NULL), -EBUSY);

	endpoint_t snd = ktest_spawn(send_go, EP_ARG(self));
	ktest_await_state(snd, PSTATE_SENDING);
	CHECK_EQ(exec_lists(snd, argv, NULL), -EBUSY);

	/* Untouched: each completes its IPC in the old program. */
	CHECK_EQ(ktest_proc(ask).flags, PSTATE_RECEIVING);
	ktest_remove(ask);
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = MSG_GO;
	CHECK_OK(ipc_send(srv, &m));
	CHECK_EQ(ktest_reap_exit(srv), 5);
	CHECK_OK(ipc_receive(snd, &m));
	CHECK_EQ(m.m_type, MSG_GO);
	CHECK_EQ(ktest_reap_exit(snd), 6);
}
