/* polltest: poll or select on standard input (the terminal in
 * os/tests/test_tty.py), then read what is there.
 *
 *   polltest poll|select TIMEOUT_MS      (< 0: no limit)
 *
 * Prints "polltest: waiting", then "polltest: ready N revents=0xRR" (poll)
 * or "polltest: ready N" (select) and "polltest: read TEXT" with the line
 * read, or "polltest: timeout". Exit 0, or 1 when poll/select failed, 2
 * for bad arguments. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

/* wait_input: poll or select (SELECT) fd 0 for input for MS
 * milliseconds; prints what came. Returns the count, or -1. */
static int wait_input(int use_select, int ms)
{
	if (use_select) {
		fd_set r;
		FD_ZERO(&r);
		FD_SET(0, &r);
		struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };
		int n = select(1, &r, NULL, NULL, ms < 0 ? NULL : &tv);
		if (n > 0)
			printf("polltest: ready %d\n", n);
		return n;
	}
	struct pollfd f = { 0, POLLIN, 0 };
	int n = poll(&f, 1, ms);
	if (n > 0)
		printf("polltest: ready %d revents=0x%x\n", n, f.revents);
	return n;
}

int main(int argc, char *argv[])
{
	if (argc != 3 || (strcmp(argv[1], "poll") && strcmp(argv[1], "select"))) {
		fprintf(stderr, "usage: polltest poll|select TIMEOUT_MS\n");
		return 2;
	}
	printf("polltest: waiting\n");
	fflush(stdout);
	int n = wait_input(strcmp(argv[1], "select") == 0, atoi(argv[2]));
	if (n < 0) {
		perror("polltest");
		return 1;
	}
	if (n == 0) {
		printf("polltest: timeout\n");
		return 0;
	}
	char buf[128];
	ssize_t r = read(0, buf, sizeof(buf) - 1);
	if (r < 0) {
		perror("polltest: read");
		return 1;
	}
	buf[r] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	printf("polltest: read %s\n", buf);
	return 0;
}
