/* The pmtest runner: makes PM its signal manager (so PM may fork it), runs
 * each case in a user process forked through PM, waits for it with
 * PM_WAITPID, prints one line per case and a summary, then asks PM to
 * power off.
 *
 *   pmtest            run every case, in source order
 *   pmtest NAME...    run only the named cases */
#include <string.h>
#include "pmtest.h"

#define CASE_TIMEOUT_TICKS (10 * HZ_TICKS)
#define MAX_CASES 128

static const struct pmtest *cases[MAX_CASES];
static int nr_cases;

/* before: whether case A comes before case B in source order. */
static int before(const struct pmtest *a, const struct pmtest *b)
{
	int c = strcmp(a->file, b->file);
	return c < 0 || (c == 0 && a->line < b->line);
}

/* sort_cases: CASES gets the section's cases in source order. */
static void sort_cases(void)
{
	for (const struct pmtest *t = __start_pmtests; t < __stop_pmtests &&
	    nr_cases < MAX_CASES; t++) {
		int i = nr_cases++;
		while (i > 0 && before(t, cases[i - 1])) {
			cases[i] = cases[i - 1];
			i--;
		}
		cases[i] = t;
	}
}

static const struct pmtest *find_case(const char *name)
{
	for (int i = 0; i < nr_cases; i++)
		if (strcmp(cases[i]->name, name) == 0)
			return cases[i];
	return NULL;
}

/* become_managed: make PM this process's signal manager: the kernel lets
 * PM fork only processes it manages. */
static int become_managed(void)
{
	struct priv_spec spec;
	int r = sys_privctl(SELF, PRIVCTL_GET, &spec);
	if (r != 0)
		return r;
	spec.sig_mgr = PM_EP;
	return sys_privctl(SELF, PRIVCTL_SET, &spec);
}

/* sweep: SIGKILL every user process still alive (helpers a case left
 * behind: with no init, nobody else would end them) and reap them.
 * Returns how many there were. */
static int sweep(void)
{
	static struct pm_proc_info tab[2 * PRIV_SLOTS];
	int r = t_sysinfo(SI_PROCTAB, tab, sizeof(tab));
	int left = 0;
	for (int i = 0; r > 0 && i < r / (int) sizeof(tab[0]); i++) {
		if (tab[i].system || tab[i].state == 'Z')
			continue;
		left++;
		t_kill(tab[i].pid, SIGKILL);
	}
	while (t_waitpid(-1, NULL, WNOHANG) > 0)
		;
	return left;
}

/* run_case: run T in a forked user process. Returns 1 when it passed,
 * else 0 with the reason in REASON. */
static int run_case(const struct pmtest *t, char *reason, size_t size)
{
	int pid = t_fork();
	if (pid < 0) {
		snprintf(reason, size, "PM_FORK: %d", pid);
		return 0;
	}
	if (pid == 0) {
		pmtest_current = t->name;
		t_alarm(CASE_TIMEOUT_TICKS);
		t->run();
		t_exit(0);
	}
	int status = 0, r = t_waitpid(pid, &status, 0);
	if (r != pid) {
		snprintf(reason, size, "PM_WAITPID: %d", r);
		return 0;
	}
	if (WIFSIGNALED(status)) {
		if (WTERMSIG(status) == SIGALRM)
			snprintf(reason, size, "timeout");
		else
			snprintf(reason, size, "signal %d", WTERMSIG(status));
		return 0;
	}
	if (WEXITSTATUS(status) != 0) {
		snprintf(reason, size, "exit %d", WEXITSTATUS(status));
		return 0;
	}
	return 1;
}

/* report: run T, clean up after it, print its line. Returns 1 if it
 * passed. */
static int report(const struct pmtest *t)
{
	char reason[96];
	int ok = run_case(t, reason, sizeof(reason));
	int left = sweep();
	if (ok && left) {
		snprintf(reason, sizeof(reason), "left processes behind: %d",
		    left);
		ok = 0;
	}
	if (ok)
		printf("test %s: OK\n", t->name);
	else
		printf("test %s: FAILED (%s)\n", t->name, reason);
	return ok;
}

int main(int argc, char **argv)
{
	sort_cases();
	int r = become_managed();
	if (r != 0)
		printf("pmtest: cannot make PM my signal manager (%d)\n", r);
	printf("pmtest: running %d tests\n", argc > 1 ? argc - 1 : nr_cases);
	int total = 0, failed = 0;
	if (argc <= 1) {
		for (int i = 0; i < nr_cases; i++, total++)
			failed += !report(cases[i]);
	} else {
		for (int i = 1; i < argc; i++, total++) {
			const struct pmtest *t = find_case(argv[i]);
			if (!t) {
				printf("pmtest: no test named %s\n", argv[i]);
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
	message m = { 0 };
	m.u.pm_reboot.how = SHUTDOWN_POWEROFF;
	r = pm_request(PM_REBOOT, &m);
	printf("pmtest: PM_REBOOT failed (%d)\n", r);
	sys_shutdown(SHUTDOWN_POWEROFF);
	return 1;
}
