/* pmtest's main and its kit backend: makes PM its signal manager (so PM
 * may fork it), runs the kit's runner (os/tests/kit) with each case in a
 * user process forked through PM, then asks PM to power off.
 *
 *   pmtest            run every case, in source order
 *   pmtest NAME...    run only the named cases */
#include <string.h>
#include "pmtest.h"

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

/* pm_run: the backend's run (see struct kit_backend): case C in a process
 * forked through PM_FORK, which a PM_ALARM of LIMIT seconds ends (SIGALRM:
 * reported as a timeout); waited for with PM_WAITPID. */
static int pm_run(const struct kit_case *c, int limit, char *why, size_t len)
{
	int pid = t_fork();
	if (pid < 0) {
		snprintf(why, len, "PM_FORK: %d", pid);
		return 0;
	}
	if (pid == 0) {
		t_alarm((uint32_t) limit * HZ_TICKS);
		kit_case_body(c);
	}
	int status = 0, r = t_waitpid(pid, &status, 0);
	if (r != pid) {
		snprintf(why, len, "PM_WAITPID: %d", r);
		return 0;
	}
	if (c->signal && WIFSIGNALED(status) && WTERMSIG(status) == c->signal)
		return 1;
	if (c->signal) {
		snprintf(why, len, "expected signal %d", c->signal);
		return 0;
	}
	if (WIFSIGNALED(status)) {
		if (WTERMSIG(status) == SIGALRM)
			snprintf(why, len, "timeout");
		else
			snprintf(why, len, "signal %d", WTERMSIG(status));
		return 0;
	}
	if (WEXITSTATUS(status) != 0) {
		snprintf(why, len, "exit %d", WEXITSTATUS(status));
		return 0;
	}
	return 1;
}

/* pm_end: the backend's end: PM_EXIT with STATUS. */
static __attribute__((noreturn)) void pm_end(int status)
{
	fflush(stdout);
	t_exit(status);
}

/* pm_sweep: the backend's sweep: SIGKILL every user process still alive
 * (helpers a case left behind: with no init, nobody else would end them)
 * and reap them. Returns how many there were. */
static int pm_sweep(void)
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

const struct kit_backend pmtest_backend = {
	.run = pm_run, .end = pm_end, .sweep = pm_sweep,
};

static const struct kit_suite suite = {
	.name = "pmtest", .backend = &pmtest_backend, .timeout = 10,
	.announce = 1,
};

int main(int argc, char **argv)
{
	int r = become_managed();
	if (r != 0)
		printf("pmtest: cannot make PM my signal manager (%d)\n", r);
	kit_main(&suite, argc, argv);
	message m = { 0 };
	m.u.pm_reboot.how = SHUTDOWN_POWEROFF;
	r = pm_request(PM_REBOOT, &m);
	printf("pmtest: PM_REBOOT failed (%d)\n", r);
	sys_shutdown(SHUTDOWN_POWEROFF);
	return 1;
}
