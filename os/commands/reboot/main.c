/* reboot: ask PM to restart the machine (reboot(SHUTDOWN_REBOOT)); only
 * root may (status 1 with a message otherwise). */
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
	reboot(SHUTDOWN_REBOOT);
	if (errno == EPERM)
		fprintf(stderr, "reboot: only root may restart the system (%s)\n",
		    strerror(errno));
	else
		fprintf(stderr, "reboot: %s\n", strerror(errno));
#else
	fprintf(stderr, "reboot: %s (Phoenix only)\n", strerror(ENOSYS));
#endif
	return 1;
}
