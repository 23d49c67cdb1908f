/* lpjob: a print job of a known text, for the printer tests.
 *
 *   lpjob DEVICE SIZE [WRITESIZE [AT COMMAND [ARG...]]]
 *
 * Writes SIZE bytes to DEVICE, WRITESIZE (default 512) per write(). The
 * text is 64-byte lines, each numbered, so that a duplicated, lost or
 * reordered piece shows on the host (os/tests/test_printer.py makes the
 * same text):
 *
 *     line K: "lp NNNNNN " (K in six digits), 53 letters 'a' + (K + J) % 26
 *     for J = 0..52, and a newline.
 *
 * With AT: once AT bytes are written, COMMAND runs in a child while the
 * job goes on (a live update or a fault of the driver in the middle of a
 * job, without typing on the console meanwhile); when the child has ended,
 * "lpjob: COMMAND exited S after N bytes" says how far the job was then
 * (N < SIZE: it ended while the job was still being written).
 *
 * Stops at the first error or short write, never writing a byte again.
 * Prints "lpjob: N of SIZE bytes written" (and "lpjob: error E" first when
 * a write failed); exits 0 when all were written, 1 otherwise. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define LINE 64
#define MAX_WRITE 4096

/* text_byte: byte I of the job's text. */
static char text_byte(unsigned long i)
{
	unsigned long k = i / LINE, j = i % LINE;
	char head[16];
	if (j < 10) {
		snprintf(head, sizeof(head), "lp %06lu ", k % 1000000);
		return head[j];
	}
	if (j == LINE - 1)
		return '\n';
	return (char) ('a' + (k + (j - 10)) % 26);
}

static pid_t child = -1;
static int spawned;
static char *const *command;

/* spawn: run COMMAND in a child (not waited for here). */
static void spawn(void)
{
	spawned = 1;
	child = fork();
	if (child == 0) {
		execvp(command[0], command);
		fprintf(stderr, "lpjob: cannot run %s (%d)\n", command[0], errno);
		_exit(127);
	}
	if (child < 0)
		printf("lpjob: cannot fork (%d)\n", errno);
}

/* reap: if the child ended (or, with BLOCK, once it ends), report how
 * many bytes (DONE) were written by then. */
static void reap(int block, unsigned long done)
{
	int status;
	if (child <= 0 || waitpid(child, &status, block ? 0 : WNOHANG) != child)
		return;
	printf("lpjob: %s exited %d after %lu bytes\n", command[0],
	    WIFEXITED(status) ? WEXITSTATUS(status) : 128, done);
	child = -1;
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc == 5) {
		fprintf(stderr, "usage: lpjob DEVICE SIZE [WRITESIZE [AT "
		    "COMMAND [ARG...]]]\n");
		return 2;
	}
	unsigned long size = strtoul(argv[2], NULL, 0);
	unsigned long chunk = argc >= 4 ? strtoul(argv[3], NULL, 0) : 512;
	unsigned long at = argc >= 6 ? strtoul(argv[4], NULL, 0) : 0;
	if (argc >= 6)
		command = argv + 5;
	if (chunk == 0 || chunk > MAX_WRITE) {
		fprintf(stderr, "lpjob: WRITESIZE must be 1 to %d\n", MAX_WRITE);
		return 2;
	}
	int fd = open(argv[1], O_WRONLY);
	if (fd < 0) {
		fprintf(stderr, "lpjob: cannot open %s (%d)\n", argv[1], errno);
		return 1;
	}
	static char buf[MAX_WRITE];
	unsigned long done = 0;
	while (done < size) {
		if (command && !spawned && done >= at)
			spawn();
		reap(0, done);
		unsigned long n = size - done < chunk ? size - done : chunk;
		for (unsigned long i = 0; i < n; i++)
			buf[i] = text_byte(done + i);
		ssize_t w = write(fd, buf, n);
		if (w < 0) {
			printf("lpjob: error %d\n", errno);
			break;
		}
		done += (unsigned long) w;
		if ((unsigned long) w != n)
			break;
	}
	close(fd);
	reap(1, done);
	printf("lpjob: %lu of %lu bytes written\n", done, size);
	return done == size ? 0 : 1;
}
