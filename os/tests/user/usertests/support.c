/* usertests' own helpers: forking and waiting for children, reading and
 * writing whole buffers, waiting for a flag (the checks are the kit's). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#include "ut.h"
#ifdef __phoenix__
#include <phoenix.h>
#endif

/* fork(), with stdout flushed first; the test fails when it fails. */
pid_t ut_fork(void)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		FAIL("fork: %s", strerror(errno));
	return pid;
}

/* Wait for child PID (through signals) and return its wait status. */
int ut_wait(pid_t pid)
{
	int wstatus;
	pid_t r;
	while ((r = waitpid(pid, &wstatus, 0)) < 0 && errno == EINTR)
		;
	if (r != pid)
		FAIL("waitpid(%d) gave %d: %s", (int) pid,
		    (int) r, strerror(errno));
	return wstatus;
}

/* Describe wait status WSTATUS in BUF. */
static void describe(int wstatus, char *buf, size_t len)
{
	if (WIFEXITED(wstatus))
		snprintf(buf, len, "exit %d", WEXITSTATUS(wstatus));
	else if (WIFSIGNALED(wstatus))
		snprintf(buf, len, "signal %d", WTERMSIG(wstatus));
	else
		snprintf(buf, len, "wait status 0x%x", (unsigned) wstatus);
}

/* Wait for PID and fail (at FILE:LINE) unless it exited with CODE. */
void ut_expect_exit(pid_t pid, int code, const char *file, int line)
{
	int wstatus = ut_wait(pid);
	if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != code) {
		char what[48];
		describe(wstatus, what, sizeof(what));
		kit_fail(file, line, "child %d ended with %s, expected exit %d",
		    (int) pid, what, code);
	}
}

/* Wait for PID and fail (at FILE:LINE) unless signal SIG killed it. */
void ut_expect_signal(pid_t pid, int sig, const char *file, int line)
{
	int wstatus = ut_wait(pid);
	if (!WIFSIGNALED(wstatus) || WTERMSIG(wstatus) != sig) {
		char what[48];
		describe(wstatus, what, sizeof(what));
		kit_fail(file, line, "child %d ended with %s, expected signal %d",
		    (int) pid, what, sig);
	}
}

/* Read from FD until LEN bytes or end of file. Returns the bytes read;
 * fails the test on an error. */
ssize_t ut_read_all(int fd, void *buf, size_t len)
{
	size_t got = 0;
	while (got < len) {
		ssize_t n = read(fd, (char *) buf + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			FAIL("read: %s", strerror(errno));
		if (n == 0)
			break;
		got += (size_t) n;
	}
	return (ssize_t) got;
}

/* Write all LEN bytes of BUF to FD; fails the test otherwise. */
void ut_write_all(int fd, const void *buf, size_t len)
{
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, (const char *) buf + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			FAIL("write: %s", strerror(errno));
		done += (size_t) n;
	}
}

/* Wait up to MS milliseconds for *FLAG to become non-zero; returns it. */
int ut_wait_flag(volatile int *flag, int ms)
{
	for (int i = 0; i < ms && !*flag; i += 5)
		usleep(5000);
	return *flag;
}

/* Install HANDLER for SIG (no SA_RESTART: interrupted calls fail with
 * EINTR); fail the test when sigaction does. */
void ut_catch(int sig, void (*handler)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	if (sigaction(sig, &sa, NULL) < 0)
		FAIL("sigaction(%d): %s", sig, strerror(errno));
}

#ifdef __phoenix__
/* Free physical memory in KiB, from getsysinfo(SI_KINFO). */
unsigned ut_free_kib(void)
{
	struct kinfo ki;
	if (getsysinfo(SI_KINFO, &ki, sizeof(ki)) < 0)
		FAIL("getsysinfo(SI_KINFO): %s",
		    strerror(errno));
	return ki.mem_free_kib;
}

/* Whether PM's process table holds PID (zombies included). */
int ut_process_exists(pid_t pid)
{
	static struct pm_proc_info tab[256];
	int bytes = getsysinfo(SI_PROCTAB, tab, sizeof(tab));
	if (bytes < 0)
		FAIL("getsysinfo(SI_PROCTAB): %s",
		    strerror(errno));
	for (int i = 0; i < bytes / (int) sizeof(tab[0]); i++)
		if (tab[i].pid == pid)
			return 1;
	return 0;
}
#endif
