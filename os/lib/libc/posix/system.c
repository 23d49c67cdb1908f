/* Running a shell command: system. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../internal.h"

/* system: run COMMAND with "/bin/sh -c" and wait for it. Returns its wait
 * status, 127 << 8 when the shell could not run, -1 with errno when no
 * process could be made; system(NULL) says whether a shell exists (1/0). */
int system(const char *command)
{
	if (!command)
		return access("/bin/sh", X_OK) == 0;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", command, (char *) NULL);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}
