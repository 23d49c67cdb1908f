/* Identity cases that must run first (this file sorts first): pids go up
 * from the boot processes' and pass 202, which is also EDONTREPLY. */
#include "pmtest.h"

/* pid_check: a child that exits 0 when PM_GETPID's reply code and payload
 * agree (a pid of 202 must not be taken for "no reply"). */
static int pid_check(void *arg)
{
	(void) arg;
	struct mess_pm_ids ids;
	return t_getpid(&ids) == ids.pid ? 0 : 1;
}

TEST(pids_past_202)
{
	int seen = 0;
	for (int i = 0; i < 400 && seen < 203; i++) {
		int pid = t_child(pid_check, NULL);
		CHECK(pid > seen);
		int status = 0;
		CHECK_EQ(t_waitpid(pid, &status, 0), pid);
		CHECK(WIFEXITED(status));
		CHECK_EQ(WEXITSTATUS(status), 0);
		seen = pid;
	}
	CHECK(seen >= 203);
}
