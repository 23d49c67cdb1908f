/* The POSIX backend: each case runs in a forked child of the runner, which
 * waits for it with a time limit (alarm) and kills it when the limit
 * passes. Suites of user programs (usertests, libctest) use it; so does
 * usertests on a Linux host. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
#include "kit.h"

static volatile int timed_out;

/* on_alarm: SIGALRM in the runner: the case ran out of time. */
static void on_alarm(int sig)
{
	(void) sig;
	timed_out = 1;
}

/* describe: how wait status WSTATUS ended a case, into WHY. */
static void describe(int wstatus, int killed, char *why, size_t len)
{
	if (killed)
		snprintf(why, len, "timeout");
	else if (WIFEXITED(wstatus))
		snprintf(why, len, "exit %d", WEXITSTATUS(wstatus));
	else if (WIFSIGNALED(wstatus))
		snprintf(why, len, "signal %d", WTERMSIG(wstatus));
	else
		snprintf(why, len, "wait status 0x%x", (unsigned) wstatus);
}

/* run: see struct kit_backend. */
static int posix_run(const struct kit_case *c, int limit, char *why,
    size_t len)
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &old);
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(why, len, "fork: %s", strerror(errno));
		sigaction(SIGALRM, &old, NULL);
		return 0;
	}
	if (pid == 0) {
		signal(SIGALRM, SIG_DFL);
		kit_case_body(c);
	}
	int wstatus = 0, killed = 0;
	timed_out = 0;
	alarm((unsigned) limit);
	for (;;) {
		pid_t r = waitpid(pid, &wstatus, 0);
		if (r == pid)
			break;
		if (r < 0 && errno == EINTR && timed_out) {
			kill(pid, SIGKILL);
			timed_out = 0;
			killed = 1;
			alarm(5);       /* a child that even SIGKILL cannot end */
			continue;
		}
		if (r < 0 && errno != EINTR) {
			snprintf(why, len, "waitpid: %s", strerror(errno));
			alarm(0);
			sigaction(SIGALRM, &old, NULL);
			return 0;
		}
	}
	alarm(0);
	sigaction(SIGALRM, &old, NULL);
	if (!killed && !c->signal && WIFEXITED(wstatus) &&
	    WEXITSTATUS(wstatus) == 0)
		return 1;
	if (!killed && c->signal && WIFSIGNALED(wstatus) &&
	    WTERMSIG(wstatus) == c->signal)
		return 1;
	describe(wstatus, killed, why, len);
	if (c->signal && !killed) {
		char how[48];
		snprintf(how, sizeof(how), "%s", why);
		snprintf(why, len, "expected signal %d, got %s", c->signal, how);
	}
	return 0;
}

/* end: see struct kit_backend. */
static __attribute__((noreturn)) void posix_end(int status)
{
	fflush(stdout);
	_exit(status);
}

/* sweep: reap any child of the runner the case left as a zombie (the
 * case's own children are reparented to init, which reaps them). */
static int posix_sweep(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	return 0;
}

const struct kit_backend kit_posix = {
	.run = posix_run, .end = posix_end, .sweep = posix_sweep,
};
