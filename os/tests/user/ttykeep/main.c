/* ttykeep: the terminal's state across a fault, restart or live update of
 * the terminal driver (os/tests/test_recover_tty.py).
 *
 *   ttykeep [-w] [-e STATUS] SERVICE-ARGS...
 *
 * Sets the console's settings (a kill key of ^X) and, when COM3 is there,
 * opens /dev/agent (exclusive: a second open must fail EBUSY) and sets its
 * settings (echo off) and foreground group (when the test agent holds it
 * already: only its exclusive open is checked). Prints "ttykeep: type" and
 * waits (poll, 60 s at most) until a line typed at the console is
 * readable: it is typed ahead, in the driver's buffer, unread. Then runs
 * `service SERVICE-ARGS` (its exit status must be STATUS, default 0) and
 * waits (90 s at most) until RS shows tty up again, with -w only after
 * its restart count went up. Then checks that the endpoint is the same,
 * and that the console's settings and foreground group, /dev/agent's
 * exclusive open, settings and group, and the typed line are all kept.
 * Prints "ttykeep: FAILED: WHAT" for each difference, then
 * "ttykeep: read LINE" and "ttykeep: OK restarts A -> B" (exit 0) or
 * "ttykeep: FAILED" (exit 1). Restores the console's settings. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <abi/boot.h>
#include <abi/rs.h>
#include "syslib.h"

#define LABEL "tty"
#define TYPE_MS 60000       /* for the harness to type the line */
#define RECOVER_S 90        /* for RS to bring tty up again */
#define KILL_KEY 0x18       /* ^X: a setting nobody else makes */

static int failures;

/* fail: report one difference. */
static void fail(const char *what)
{
	printf("ttykeep: FAILED: %s\n", what);
	failures++;
}

/* status_of: RS's record of LABEL into *S; 0, or -1. */
static int status_of(struct rs_status *s)
{
	static struct rs_status st[RS_STATUS_MAX];
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = RS_STATUS;
	m.u.rs_req.addr = (vir_bytes) st;
	m.u.rs_req.len = sizeof(st);
	strncpy(m.u.rs_req.label, LABEL, sizeof(m.u.rs_req.label) - 1);
	if (ipc_sendrec(RS_EP, &m) != 0 || m.m_type < 1)
		return -1;
	*s = st[0];
	return 0;
}

/* run_service: `service ARGV...`; its exit status, or -1. */
static int run_service(char **argv, int argc)
{
	char *args[16] = { "service" };
	for (int i = 0; i < argc && i < 14; i++)
		args[i + 1] = argv[i];
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		execv("/sbin/service", args);
		_exit(127);
	}
	int st;
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* wait_up: until RS shows tty up (and, with RESTARTS >= 0, its restart
 * count above RESTARTS), RECOVER_S seconds at most; its record into *S.
 * 0, or -1. */
static int wait_up(struct rs_status *s, int restarts)
{
	time_t end = time(NULL) + RECOVER_S;
	while (time(NULL) <= end) {
		if (status_of(s) == 0 && s->state == RS_STATE_UP &&
		    (restarts < 0 || s->restarts > restarts))
			return 0;
		usleep(100000);
	}
	return -1;
}

/* agent_open: open /dev/agent; 1 opened (*FD), 0 absent (no COM3), 2
 * held by another process (the test agent), -1 another error
 * (reported). */
static int agent_open(int *fd)
{
	*fd = open("/dev/agent", O_RDWR);
	if (*fd >= 0)
		return 1;
	if (errno == ENXIO || errno == ENOENT)
		return 0;
	if (errno == EBUSY)
		return 2;
	fail("/dev/agent does not open");
	return -1;
}

/* agent_busy: whether another open of /dev/agent fails with EBUSY. */
static int agent_busy(void)
{
	int fd = open("/dev/agent", O_RDWR);
	if (fd >= 0) {
		close(fd);
		return 0;
	}
	return errno == EBUSY;
}

int main(int argc, char *argv[])
{
	int wait_restart = 0, want = 0, opt;
	while ((opt = getopt(argc, argv, "we:")) != -1) {
		if (opt == 'w')
			wait_restart = 1;
		else if (opt == 'e')
			want = atoi(optarg);
		else
			return 2;
	}
	if (optind >= argc) {
		printf("usage: ttykeep [-w] [-e STATUS] SERVICE-ARGS...\n");
		return 2;
	}
	struct termios orig, set, got;
	if (tcgetattr(0, &orig) != 0) {
		printf("ttykeep: FAILED: standard input is not a terminal\n");
		return 1;
	}
	set = orig;
	set.c_cc_kill = KILL_KEY;
	if (tcsetattr(0, TCSANOW, &set) != 0)
		fail("console settings not set");
	pid_t group = tcgetpgrp(0);

	int afd = -1;
	int agent = agent_open(&afd);
	struct termios aset;
	if (agent == 1) {
		if (!agent_busy())
			fail("a second open of /dev/agent did not fail EBUSY");
		tcgetattr(afd, &aset);
		aset.c_lflag &= ~(uint32_t) ECHO;
		if (tcsetattr(afd, TCSANOW, &aset) != 0 ||
		    tcsetpgrp(afd, getpgrp()) != 0)
			fail("/dev/agent settings not set");
	}

	struct rs_status before, after;
	if (status_of(&before) != 0) {
		printf("ttykeep: FAILED: no status of %s\n", LABEL);
		return 1;
	}
	printf("ttykeep: type\n");
	fflush(stdout);
	struct pollfd p = { 0, POLLIN, 0 };
	if (poll(&p, 1, TYPE_MS) != 1) {
		fail("nothing was typed");
		tcsetattr(0, TCSANOW, &orig);
		return 1;
	}

	int rc = run_service(argv + optind, argc - optind);
	if (rc != want) {
		char what[64];
		snprintf(what, sizeof(what), "service exited %d, not %d", rc,
		    want);
		fail(what);
	}
	if (wait_up(&after, wait_restart ? before.restarts : -1) != 0) {
		fail(wait_restart ? "tty did not restart" : "tty is not up");
		after = before;
	}
	if (after.endpoint != before.endpoint)
		fail("the endpoint changed");

	if (tcgetattr(0, &got) != 0 || memcmp(&got, &set, sizeof(got)))
		fail("the console's settings were not kept");
	if (tcgetpgrp(0) != group)
		fail("the console's foreground group was not kept");
	if (agent == 2 && !agent_busy())
		fail("the test agent's exclusive open was not kept");
	if (agent == 1) {
		if (!agent_busy())
			fail("/dev/agent's exclusive open was not kept");
		if (tcgetattr(afd, &got) != 0 || memcmp(&got, &aset,
		    sizeof(got)))
			fail("/dev/agent's settings were not kept");
		if (tcgetpgrp(afd) != getpgrp())
			fail("/dev/agent's foreground group was not kept");
	}

	char line[128] = "";
	if (poll(&p, 1, 10000) != 1) {
		fail("the typed line is gone");
	} else {
		ssize_t n = read(0, line, sizeof(line) - 1);
		line[n > 0 ? n : 0] = '\0';
		line[strcspn(line, "\n")] = '\0';
		printf("ttykeep: read %s\n", line);
	}
	tcsetattr(0, TCSANOW, &orig);
	if (agent == 1) {
		close(afd);
		if (agent_open(&afd) != 1)
			fail("/dev/agent does not open after its close");
		else
			close(afd);
	}
	if (failures) {
		printf("ttykeep: FAILED\n");
		return 1;
	}
	printf("ttykeep: OK restarts %d -> %d%s\n", (int) before.restarts,
	    (int) after.restarts, agent == 1 ? "" : agent == 2 ?
	    " (/dev/agent held by another)" : " (no /dev/agent)");
	return 0;
}
