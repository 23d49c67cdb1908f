/* poweroff: ask PM to power the machine off (reboot(SHUTDOWN_POWEROFF));
 * only root may (status 1 with a message otherwise). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#ifdef __phoenix__
#include <phoenix.h>
#endif

int main(void)
{
#ifdef __phoenix__
	fflush(stdout);
	reboot(SHUTDOWN_POWEROFF);
	if (errno == EPERM)
		fprintf(stderr, "poweroff: only root may power off the system (%s)\n",
		    strerror(errno));
	else
		fprintf(stderr, "poweroff: %s\n", strerror(errno));
#else
	fprintf(stderr, "poweroff: %s (Phoenix only)\n", strerror(ENOSYS));
#endif
	return 1;
}
