/* forkbench: guest instructions for one fork + exec of a trivial program
 * (/bin/true) + wait, for `make bench` (harness/bench.py types `forkbench`
 * at the shell prompt of a QEMU booted with -icount shift=0, where the TSC
 * counts guest instructions: see os/tests/include/bench_calib.h).
 *
 * Output, one line each: the calibration line, then
 *   bench: fork_exec_wait_insns=N ops=OPS
 *   bench: done
 * or `bench: error: ...`. The count covers everything the system executes
 * meanwhile: this process, the child, PM, MM, VFS, the file system, the
 * kernel. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#include "../../include/bench_calib.h"

#define OPS     40
#define WARMUP  3

/* one_round: fork, exec /bin/true in the child, wait for it. Returns 0, or
 * -1 after printing a bench error. */
static int one_round(void)
{
	pid_t pid = fork();
	if (pid < 0) {
		printf("bench: error: fork failed\n");
		return -1;
	}
	if (pid == 0) {
		char *argv[] = { "true", NULL };
		execv("/bin/true", argv);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		printf("bench: error: /bin/true did not exit with 0 (status %d)\n",
		    status);
		return -1;
	}
	return 0;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	calibrate();
	for (int i = 0; i < WARMUP; i++)
		if (one_round() != 0)
			return 1;
	uint64_t t0 = rdtsc();
	for (int i = 0; i < OPS; i++)
		if (one_round() != 0)
			return 1;
	uint64_t t1 = rdtsc();
	printf("bench: fork_exec_wait_insns=%llu ops=%d\n",
	    (unsigned long long) ((t1 - t0) / OPS), OPS);
	printf("bench: done\n");
	return 0;
}
