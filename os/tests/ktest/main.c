/* ktest's main and its kit backend: the kit's runner (os/tests/kit) runs
 * each case in its own child process, which this process waits for as its
 * signal manager (with a timeout); one result line per case and a summary,
 * then the machine powers off.
 *
 *   ktest             run every case, in source order
 *   ktest NAME...     run only the named cases, in the order given */
#include <stdio.h>
#include <string.h>
#include "ktest.h"

#define CASE_TIMEOUT_S 10   /* seconds a case may run before it is killed */
#define KILL_TIMEOUT_S 2    /* seconds a killed case has to report its end */

endpoint_t ktest_runner;

/* now: clock ticks since boot (0 if the kernel does not say). */
static uint32_t now(void)
{
	struct mess_kc_times t;
	return sys_times(SELF, &t) == 0 ? t.uptime : 0;
}

/* describe_end: write how a process ended (its signals, or its exit status)
 * into BUF, e.g. "exit 1" or "signal SIGSEGV". */
static void describe_end(char *buf, size_t size, sigset_k sigs, int status)
{
	if (sigs & SIGBIT(SIGKEXIT)) {
		snprintf(buf, size, "exit %d", status);
		return;
	}
	size_t len = (size_t) snprintf(buf, size, "signal");
	for (int sig = 1; sig < NSIG && len < size; sig++) {
		if (!(sigs & SIGBIT(sig)))
			continue;
		const char *name = ktest_signame(sig);
		if (name)
			len += (size_t) snprintf(buf + len, size - len, " %s", name);
		else
			len += (size_t) snprintf(buf + len, size - len, " %d", sig);
	}
}

/* await_child: wait, as its signal manager, until CHILD has pending signals
 * or until DEADLINE (in ticks since boot) passes. Returns 1 and fills *SIGS
 * and *STATUS when it ended, 0 at the deadline. Notifications from the
 * clock that arrive before the deadline are stale (an alarm of an earlier
 * case) and are ignored. */
static int await_child(endpoint_t child, uint32_t deadline, sigset_k *sigs,
    int *status)
{
	uint32_t start = now();
	sys_setalarm(deadline > start ? deadline - start : 1, 0, NULL);
	for (;;) {
		message m;
		int r = ipc_receive(ANY, &m);
		if (r != 0) {
			printf("ktest: runner: ipc_receive failed (%d)\n", r);
			return 0;
		}
		if (m.m_type != NOTIFY_MESSAGE)
			continue;       /* nobody should send to the runner */
		if (m.m_source == CLOCK) {
			if (now() >= deadline)
				return 0;
			continue;
		}
		if (m.m_source != SYSTEM)
			continue;
		int found = 0;
		for (;;) {
			endpoint_t ep;
			sigset_k s;
			int st;
			if (sys_getksig(&ep, &s, &st) != 0 || ep == NONE)
				break;
			if (ep == child) {
				*sigs = s;
				*status = st;
				found = 1;
			}
		}
		if (found) {
			sys_setalarm(0, 0, NULL);
			return 1;
		}
	}
}

/* run_case: the backend's run (see struct kit_backend): T in a forked
 * child, judged by how the child ended. Returns 1 when the case passed;
 * otherwise 0 with a short reason in REASON. */
static int run_case(const struct kit_case *t, int limit, char *reason,
    size_t size)
{
	endpoint_t child;
	int r = sys_fork(&child);
	if (r != 0) {
		snprintf(reason, size, "sys_fork: %d", r);
		return 0;
	}
	if (child == 0)
		kit_case_body(t);

	uint32_t hz = ktest_hz();
	sigset_k sigs = 0;
	int status = 0;
	if (!await_child(child, now() + (uint32_t) limit * hz, &sigs,
	    &status)) {
		/* Timed out: kill it and reap it; if even that does not come,
		 * remove it by force. */
		sys_kill(child, SIGKILL);
		if (!await_child(child, now() + KILL_TIMEOUT_S * hz,
		    &sigs, &status))
			snprintf(reason, size, "timeout; SIGKILL not reported");
		else
			snprintf(reason, size, "timeout");
		sys_clear(child);
		return 0;
	}
	sys_clear(child);

	char how[64];
	describe_end(how, sizeof(how), sigs, status);
	if (t->signal == 0) {
		if (sigs == SIGBIT(SIGKEXIT) && status == 0)
			return 1;
		snprintf(reason, size, "%s", how);
		return 0;
	}
	if (sigs == SIGBIT(t->signal))
		return 1;
	const char *want = ktest_signame(t->signal);
	snprintf(reason, size, "expected %s, got %s", want ? want : "?", how);
	return 0;
}

/* sweep: end every process but the runner. Once a case's process is
 * cleared, any other process is a leftover of that case: a helper it did
 * not remove (it timed out, or leaked one). Their manager is gone, so a
 * SIGKILL takes the kernel's default action and ends them; helpers of
 * helpers go in the next round. Returns how many processes were left. */
static int sweep(void)
{
	static struct proc_info tab[PRIV_SLOTS];
	int left = 0;
	for (int round = 0; round < 8; round++) {
		int r = sys_getinfo(GET_PROCTAB, SELF, tab, sizeof(tab));
		if (r <= 0)
			break;
		int n = r / (int) sizeof(tab[0]), found = 0;
		for (int i = 0; i < n; i++) {
			if (tab[i].endpoint == ktest_runner)
				continue;
			found++;
			sys_kill(tab[i].endpoint, SIGKILL);
		}
		if (round == 0)
			left = found;
		if (found == 0)
			break;
	}
	return left;
}

/* end_case: the backend's end: remove the case's helpers, exit STATUS. */
static __attribute__((noreturn)) void end_case(int status)
{
	ktest_remove_all();
	sys_exit(status);
}

const struct kit_backend ktest_backend = {
	.run = run_case, .end = end_case, .sweep = sweep,
};

static const struct kit_suite suite = {
	.name = "ktest", .backend = &ktest_backend,
	.timeout = CASE_TIMEOUT_S, .announce = 1, .show = ktest_show,
};

/* main: run the selected cases (the kit prints the lines and the summary),
 * then power off. */
int main(int argc, char **argv)
{
	ktest_runner = ktest_self();
	kit_main(&suite, argc, argv);
	sys_shutdown(SHUTDOWN_POWEROFF);
	printf("ktest: power-off refused\n");
	return 1;
}
