/* ktest's helpers for cases: helper processes and reaping them, polling a
 * process's state, error names. */
#include <stdio.h>
#include <string.h>
#include "ktest.h"

#define MAX_TRACKED 64       /* helper processes one case may have */
#define AWAIT_TIMEOUT_S 5    /* seconds ktest_await_state waits */

/* The processes this process manages: helpers it spawned, and how each
 * ended once the kernel has told us (signals fetched but not yet asked for
 * by ktest_wait). */
static struct tracked {
	endpoint_t ep;
	int used;
	int ended;
	struct ktest_end end;
} tracked[MAX_TRACKED];

/* find: the tracked entry of EP, or NULL. */
static struct tracked *find(endpoint_t ep)
{
	for (int i = 0; i < MAX_TRACKED; i++)
		if (tracked[i].used && tracked[i].ep == ep)
			return &tracked[i];
	return NULL;
}

/* track: start tracking EP (reusing its entry if it has one). */
static struct tracked *track(endpoint_t ep)
{
	struct tracked *t = find(ep);
	if (t)
		return t;
	for (int i = 0; i < MAX_TRACKED; i++) {
		if (!tracked[i].used) {
			memset(&tracked[i], 0, sizeof(tracked[i]));
			tracked[i].used = 1;
			tracked[i].ep = ep;
			return &tracked[i];
		}
	}
	FAIL("more than %d helper processes", MAX_TRACKED);
}

/* ktest_remove_all: see ktest.h. */
void ktest_remove_all(void)
{
	for (int i = 0; i < MAX_TRACKED; i++) {
		if (!tracked[i].used)
			continue;
		sys_kill(tracked[i].ep, SIGKILL);
		sys_clear(tracked[i].ep);
		tracked[i].used = 0;
	}
}

/* ktest_show: see ktest.h. */
void ktest_show(char *buf, size_t size, long long v)
{
	const char *name = v < 0 ? ktest_errname((long) v) : NULL;
	if (name)
		snprintf(buf, size, "%lld (-%s)", v, name);
	else if (v < -4096 || v > 4096)
		snprintf(buf, size, "%lld (0x%llx)", v, (unsigned long long) v);
	else
		snprintf(buf, size, "%lld", v);
}

/* ktest_errname: see ktest.h. */
const char *ktest_errname(long err)
{
	static const struct { int nr; const char *name; } names[] = {
		{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" },
		{ EINTR, "EINTR" }, { EIO, "EIO" }, { E2BIG, "E2BIG" },
		{ ENOEXEC, "ENOEXEC" }, { EAGAIN, "EAGAIN" },
		{ ENOMEM, "ENOMEM" }, { EACCES, "EACCES" },
		{ EFAULT, "EFAULT" }, { EBUSY, "EBUSY" }, { EEXIST, "EEXIST" },
		{ EINVAL, "EINVAL" }, { EDEADLK, "EDEADLK" },
		{ ENOSYS, "ENOSYS" }, { ELOCKED, "ELOCKED" },
		{ EBADCALL, "EBADCALL" }, { ECALLDENIED, "ECALLDENIED" },
		{ EDEADSRCDST, "EDEADSRCDST" }, { ENOTREADY, "ENOTREADY" },
		{ ERESTART, "ERESTART" },
	};
	if (err < 0)
		err = -err;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].nr == err)
			return names[i].name;
	return NULL;
}

/* ktest_signame: see ktest.h. */
const char *ktest_signame(int sig)
{
	static const char *const names[NSIG] = {
		[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT",
		[SIGILL] = "SIGILL", [SIGTRAP] = "SIGTRAP",
		[SIGABRT] = "SIGABRT", [SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE",
		[SIGKILL] = "SIGKILL", [SIGUSR1] = "SIGUSR1",
		[SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
		[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM",
		[SIGTERM] = "SIGTERM", [SIGCHLD] = "SIGCHLD",
		[SIGCONT] = "SIGCONT", [SIGSTOP] = "SIGSTOP",
		[SIGKEXIT] = "SIGKEXIT", [SIGKSTOP] = "SIGKSTOP",
	};
	return sig > 0 && sig < NSIG ? names[sig] : NULL;
}

/* ktest_fork: see ktest.h. */
endpoint_t ktest_fork(void)
{
	endpoint_t ep = NONE;
	int r = sys_fork(&ep);
	if (r != 0)
		FAIL("sys_fork: %d (%s)", r, ktest_errname(r));
	if (ep == 0) {
		/* The child manages none of its parent's helpers. */
		memset(tracked, 0, sizeof(tracked));
		return 0;
	}
	track(ep);
	return ep;
}

/* ktest_spawn: see ktest.h. */
endpoint_t ktest_spawn(void (*fn)(void *arg), void *arg)
{
	endpoint_t ep = ktest_fork();
	if (ep == 0) {
		fn(arg);
		ktest_remove_all();
		sys_exit(0);
	}
	return ep;
}

/* collect: fetch every pending signal report from the kernel (non-blocking)
 * and remember it for ktest_wait. */
static void collect(void)
{
	for (;;) {
		endpoint_t ep;
		sigset_k sigs;
		int status;
		int r = sys_getksig(&ep, &sigs, &status);
		if (r != 0)
			FAIL("sys_getksig: %d (%s)", r, ktest_errname(r));
		if (ep == NONE)
			return;
		struct tracked *t = track(ep);
		t->ended = 1;
		t->end.sigs |= sigs;
		if (sigs & SIGBIT(SIGKEXIT))
			t->end.status = status;
	}
}

/* ktest_wait: see ktest.h. Signal reports are fetched first without
 * blocking, so a SYSTEM notification that some other receive consumed is
 * not waited for in vain. */
struct ktest_end ktest_wait(endpoint_t ep)
{
	for (;;) {
		collect();
		struct tracked *t = find(ep);
		if (t && t->ended) {
			struct ktest_end end = t->end;
			t->ended = 0;
			t->end.sigs = 0;
			return end;
		}
		message m;
		int r = ipc_receive(SYSTEM, &m);
		if (r != 0)
			FAIL("ipc_receive(SYSTEM): %d (%s)", r, ktest_errname(r));
		if (m.m_source != SYSTEM || m.m_type != NOTIFY_MESSAGE)
			FAIL("receive from SYSTEM gave source %d type 0x%x",
			    (int) m.m_source, (unsigned) m.m_type);
	}
}

/* ktest_reap: see ktest.h. */
struct ktest_end ktest_reap(endpoint_t ep)
{
	struct ktest_end end = ktest_wait(ep);
	int r = sys_clear(ep);
	if (r != 0)
		FAIL("sys_clear(%d): %d (%s)", (int) ep, r, ktest_errname(r));
	ktest_forget(ep);
	return end;
}

/* ktest_reap_exit: see ktest.h. */
int ktest_reap_exit(endpoint_t ep)
{
	struct ktest_end end = ktest_reap(ep);
	if (end.sigs != SIGBIT(SIGKEXIT))
		FAIL("process %d ended with signals 0x%x instead of exiting",
		    (int) ep, (unsigned) end.sigs);
	return end.status;
}

/* ktest_remove: see ktest.h. */
void ktest_remove(endpoint_t ep)
{
	sys_kill(ep, SIGKILL);
	sys_clear(ep);
	ktest_forget(ep);
}

/* ktest_forget: see ktest.h. */
void ktest_forget(endpoint_t ep)
{
	struct tracked *t = find(ep);
	if (t)
		t->used = 0;
}

/* ktest_proc: see ktest.h. */
struct proc_info ktest_proc(endpoint_t ep)
{
	struct proc_info info;
	int r = sys_getinfo(GET_PROC, ep, &info, sizeof(info));
	if (r < 0)
		FAIL("GET_PROC of %d: %d (%s)", (int) ep, r, ktest_errname(r));
	return info;
}

/* ktest_await_state: see ktest.h. */
void ktest_await_state(endpoint_t ep, uint32_t bits)
{
	uint32_t deadline = ktest_uptime() + AWAIT_TIMEOUT_S * ktest_hz();
	for (;;) {
		struct proc_info info = ktest_proc(ep);
		if ((info.flags & bits) == bits)
			return;
		if (ktest_uptime() > deadline)
			FAIL("process %d never reached state 0x%x (flags 0x%x)",
			    (int) ep, (unsigned) bits, (unsigned) info.flags);
	}
}

/* ktest_receive_any: see ktest.h. */
int ktest_receive_any(message *m)
{
	for (;;) {
		int r = ipc_receive(ANY, m);
		if (r != 0 || m->m_source != SYSTEM)
			return r;
		collect();
	}
}

/* ktest_uptime: see ktest.h. */
uint32_t ktest_uptime(void)
{
	struct mess_kc_times t;
	int r = sys_times(SELF, &t);
	if (r != 0)
		FAIL("sys_times: %d (%s)", r, ktest_errname(r));
	return t.uptime;
}

/* ktest_hz: see ktest.h. Falls back to 100 if the kernel does not say. */
uint32_t ktest_hz(void)
{
	struct mess_kc_times t;
	if (sys_times(SELF, &t) != 0 || t.hz == 0)
		return 100;
	return t.hz;
}

/* ktest_self: see ktest.h. */
endpoint_t ktest_self(void)
{
	return sys_self();
}
