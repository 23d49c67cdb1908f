/* The ktest runner: runs each test case in its own child process, waits for
 * it as its signal manager (with a timeout), prints one result line per case
 * and a summary, then powers the machine off.
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

#define MAX_CASES 256

/* The cases in source order (file name, then line): the linker section
 * holds them in whatever order the compiler emitted them. */
static const struct ktest *cases[MAX_CASES];
static int nr_cases;

/* before: whether case A comes before case B in source order. */
static int before(const struct ktest *a, const struct ktest *b)
{
	int c = strcmp(a->file, b->file);
	return c < 0 || (c == 0 && a->line < b->line);
}

/* sort_cases: fill `cases` from the section, in source order. */
static void sort_cases(void)
{
	for (const struct ktest *t = __start_ktests; t < __stop_ktests &&
	    nr_cases < MAX_CASES; t++) {
		int i = nr_cases++;
		while (i > 0 && before(t, cases[i - 1])) {
			cases[i] = cases[i - 1];
			i--;
		}
		cases[i] = t;
	}
}

/* find_case: the case called NAME, or NULL. */
static const struct ktest *find_case(const char *name)
{
	for (int i = 0; i < nr_cases; i++)
		if (strcmp(cases[i]->name, name) == 0)
			return cases[i];
	return NULL;
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

/* run_case: run T in a forked child and judge how the child ended. Returns
 * 1 when the case passed; otherwise 0 with a short reason in REASON. */
static int run_case(const struct ktest *t, char *reason, size_t size)
{
	endpoint_t child;
	int r = sys_fork(&child);
	if (r != 0) {
		snprintf(reason, size, "sys_fork: %d", r);
		return 0;
	}
	if (child == 0)
		ktest_run_case(t);

	uint32_t hz = ktest_hz();
	sigset_k sigs = 0;
	int status = 0;
	if (!await_child(child, now() + CASE_TIMEOUT_S * hz, &sigs,
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

/* report: run T, remove what it left behind, and print its result line.
 * A case that passed but left processes behind fails. Returns 1 when it
 * passed. */
static int report(const struct ktest *t)
{
	char reason[96];
	int ok = run_case(t, reason, sizeof(reason));
	int left = sweep();
	if (ok && left) {
		snprintf(reason, sizeof(reason), "left processes behind: %d",
		    left);
		ok = 0;
	}
	if (ok) {
		printf("test %s: OK\n", t->name);
		return 1;
	}
	printf("test %s: FAILED (%s)\n", t->name, reason);
	return 0;
}

/* main: run the selected cases, print the summary and power off. */
int main(int argc, char **argv)
{
	int total = 0, failed = 0;

	ktest_runner = ktest_self();
	sort_cases();
	printf("ktest: running %d tests\n", argc > 1 ? argc - 1 : nr_cases);
	if (argc <= 1) {
		for (int i = 0; i < nr_cases; i++) {
			total++;
			failed += !report(cases[i]);
		}
	} else {
		for (int i = 1; i < argc; i++) {
			const struct ktest *t = find_case(argv[i]);
			total++;
			if (!t) {
				printf("ktest: no test named %s\n", argv[i]);
				failed++;
				continue;
			}
			failed += !report(t);
		}
	}
	if (failed == 0)
		printf("ALL TESTS PASSED\n");
	else
		printf("SOME TESTS FAILED (%d of %d)\n", failed, total);
	sys_shutdown(SHUTDOWN_POWEROFF);
	printf("ktest: power-off refused\n");
	return 1;
}
