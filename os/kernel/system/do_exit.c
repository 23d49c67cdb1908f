/* SYS_EXIT: the calling process ends.
 *
 * Reads:  kc_exit.status
 * Writes: nothing
 * Reply:  none (EDONTREPLY). With a signal manager the process stays as
 *         EXITED until the manager collects SIGKEXIT and clears the slot.
 *         RS itself does not end: the kernel restarts it in place
 *         (rsrecover.c; a panic is SEF_PANIC_STATUS). */
#include "kernel.h"
#include <abi/errno.h>
#include <abi/rs.h>
#include <abi/sef.h>

int do_exit(struct proc *caller, message *m)
{
	int status = m->u.kc_exit.status;
	if (rs_recover(caller, status == SEF_PANIC_STATUS ? RS_WHY_PANIC :
	    RS_WHY_EXIT) == 0)
		return EDONTREPLY;        /* RS itself: restarted in place */
	proc_exit(caller, m->u.kc_exit.status);
	return EDONTREPLY;
}
