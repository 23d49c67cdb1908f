/* Ending the process: _exit (PM_EXIT). */
#include <unistd.h>
#include <abi/errno.h>
#include "../internal.h"

/* How often _exit asks PM again when its request fails with EIO: PM was
 * restarted in place in the middle of it (SEF answers the request in
 * flight -EIO); the new PM ends the process at the next asking. */
#define EXIT_RETRIES 16

/* _exit: end the calling process with STATUS at once (no atexit functions,
 * no stdio flush). PM does not reply. A request PM failed with EIO (it
 * restarted while handling it) is sent again; when the request cannot
 * even be sent (a boot image without PM) the kernel is asked directly
 * (SYS_EXIT). */
void _exit(int status)
{
	message m = { 0 };
	for (int i = 0; i < EXIT_RETRIES; i++) {
		m.m_type = 0;
		m.u.pm_exit.status = status;
		if (__libc_call(PM_EP, PM_EXIT, &m) != -EIO)
			break;
	}
	sys_exit(status);
}
