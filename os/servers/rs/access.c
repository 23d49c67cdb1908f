/* Who may ask RS what: the caller's credentials come from the kernel
 * (sys_getcred: PM's mirror of them), never from PM itself (RS -> PM ->
 * VFS -> driver chains would deadlock). The table in table.c says what
 * each request needs; this file decides and logs the refusals. */
#include <stdio.h>
#include "rs.h"

/* At most this many refusal lines per second on the console; the rest
 * are counted and the count goes with the next line (a process that asks
 * a million times must not flood the console). */
#define ACCESS_LOG_PER_S 16

static uint32_t log_second;          /* the second of the lines counted */
static int log_lines;                /* lines printed in that second */
static unsigned log_dropped;         /* refusals not printed since */

/* Log that CALL from the process with CRED (endpoint WHO) was refused. */
static void log_refusal(const struct rs_call *call, endpoint_t who,
    const struct proc_cred *cred)
{
	uint32_t second = timers_now() / rs_hz;
	if (second != log_second) {
		log_second = second;
		log_lines = 0;
	}
	if (log_lines >= ACCESS_LOG_PER_S) {
		log_dropped++;
		return;
	}
	log_lines++;
	printf("rs: %s refused: pid %d uid %u (endpoint %d) is not root",
	    call->name, (int) cred->pid, (unsigned) cred->euid, who);
	if (log_dropped)
		printf(" (%u more refusals not logged)", log_dropped);
	printf("\n");
	log_dropped = 0;
}

/* access_check: whether the sender of M may ask CALL: RS_WHO_ANYONE:
 * everyone; RS_WHO_ROOT: effective uid 0 (a refusal is logged on the
 * console: request, pid, uid); RS_WHO_PM: PM only. Returns 0 or -EPERM
 * (or the error of sys_getcred for a sender that is gone). */
int access_check(const struct rs_call *call, message *m)
{
	switch (call->who) {
	case RS_WHO_ANYONE:
		return 0;
	case RS_WHO_PM:
		return m->m_source == PM_EP ? 0 : -EPERM;
	default:
		break;
	}
	struct proc_cred cred;
	int r = sys_getcred(m->m_source, &cred);
	if (r != 0)
		return r;
	if (cred.euid == 0)
		return 0;
	log_refusal(call, m->m_source, &cred);
	return -EPERM;
}
