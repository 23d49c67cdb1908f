/* Ending the process: _exit (PM_EXIT). */
#include <unistd.h>
#include "../internal.h"

/* _exit: end the calling process with STATUS at once (no atexit functions,
 * no stdio flush). PM does not reply; when the request cannot even be sent
 * (a boot image without PM) the kernel is asked directly (SYS_EXIT). */
void _exit(int status)
{
	message m = { 0 };
	m.u.pm_exit.status = status;
	__libc_call(PM_EP, PM_EXIT, &m);
	sys_exit(status);
}
