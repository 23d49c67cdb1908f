/* Making processes: fork (PM_FORK). */
#include <unistd.h>
#include "../internal.h"

/* fork: a copy of the calling process. Returns the child's pid in the
 * parent and 0 in the child, or -1 with errno (EAGAIN, ENOMEM). Pending
 * stdio output is copied too: fflush before forking. */
pid_t fork(void)
{
	message m = { 0 };
	return (pid_t) __libc_ret(__libc_call(PM_EP, PM_FORK, &m));
}
