/* The case side of pmtest: the signal trampoline, helper processes. */
#include <string.h>
#include "pmtest.h"

/* pmtest_trampoline: see pmtest.h. A handler "returns" here with the
 * signal frame's sig and ctx on the stack: entered by a ret, this
 * function sees sig where a return address would be and so ctx as its
 * first argument. */
void pmtest_trampoline(vir_bytes ctx)
{
	message m = { 0 };
	m.u.pm_sigreturn.ctx = ctx;
	int r = pm_request(PM_SIGRETURN, &m);
	printf("pmtest: %s: PM_SIGRETURN failed (%d)\n", kit_current, r);
	t_exit(99);
}

/* t_now: see pmtest.h. */
uint32_t t_now(void)
{
	struct mess_kc_times t;
	return sys_times(SELF, &t) == 0 ? t.uptime : 0;
}

/* t_child: see pmtest.h. */
int t_child(int (*fn)(void *arg), void *arg)
{
	int pid = t_fork();
	if (pid < 0)
		FAIL("PM_FORK: %d", pid);
	if (pid == 0)
		t_exit(fn(arg));
	return pid;
}

/* t_wait_status: see pmtest.h. */
int t_wait_status(int pid)
{
	int status = 0;
	int r = t_waitpid(pid, &status, 0);
	if (r != pid)
		FAIL("waitpid(%d): %d", pid, r);
	return status;
}
