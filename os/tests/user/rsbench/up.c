/* `rsbench up N`: what each further driver costs to start, the figure
 * behind "each extra driver adds X instructions to boot" (/etc/rc starts
 * every driver with `service up`). It starts N instances of the hello
 * driver one after the other, each with `service up /usr/drivers/hello
 * -label upN -config /etc/system.conf.d/hello` (a child runs the
 * command; the figure is the guest time from its fork to its exit), and
 * brings them all down again afterwards:
 *   bench: up_K_insns=N     (K = 1 .. N: the K-th instance's start)
 *   bench: driver_up_insns=N first=F   (make bench's figure: the last
 *                            start, N, beside the first, F: equal when a
 *                            start costs the same however many run)
 *   bench: done
 * or `bench: error: ...` and exit status 1. */
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
#include "rsbench.h"

#define UP_MAX 16

/* run: fork and exec /sbin/service with ARGV, wait; its exit status, or
 * -1 when it did not exit. */
static int run(char *const argv[])
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execv("/sbin/service", argv);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* up_cost: see the top of the file. The exit status. */
int up_cost(int n)
{
	if (n < 1 || n > UP_MAX) {
		printf("bench: error: 1 to %d instances\n", UP_MAX);
		return 1;
	}
	char labels[UP_MAX][8];
	int started = 0, failed = 0;
	uint64_t first = 0, last = 0;
	for (int i = 0; i < n && !failed; i++) {
		snprintf(labels[i], sizeof(labels[i]), "up%d", i + 1);
		char *argv[] = { "service", "up", "/usr/drivers/hello",
		    "-label", labels[i], "-config", "/etc/system.conf.d/hello",
		    NULL };
		uint64_t t0 = bench_now();
		int r = run(argv);
		uint64_t t1 = bench_now();
		if (r != 0) {
			printf("bench: error: service up %s exited %d\n",
			    labels[i], r);
			failed = 1;
			break;
		}
		started++;
		last = t1 - t0;
		if (i == 0)
			first = last;
		printf("bench: up_%d_insns=%llu\n", i + 1,
		    (unsigned long long) (t1 - t0));
	}
	for (int i = 0; i < started; i++) {
		char *argv[] = { "service", "down", labels[i], NULL };
		if (run(argv) != 0) {
			printf("bench: error: service down %s failed\n",
			    labels[i]);
			failed = 1;
		}
	}
	if (failed)
		return 1;
	printf("bench: driver_up_insns=%llu first=%llu\n",
	    (unsigned long long) last, (unsigned long long) first);
	printf("bench: done\n");
	return 0;
}
