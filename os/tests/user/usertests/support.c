/* usertests: the test side of the framework: failing, forking and waiting
 * for children, reading and writing whole buffers, waiting for a flag. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#include "ut.h"
#ifdef __phoenix__
#include <phoenix.h>
#endif

const char *ut_current = "?";

/* Write the message "usertests: NAME: " + FMT on stdout, unbuffered (the
 * process may die right after). */
static void vnote(const char *prefix, const char *fmt, va_list ap)
{
	char line[512];
	int n = snprintf(line, sizeof(line), "usertests: %s: %s", ut_current,
	    prefix);
	if (n < 0 || n >= (int) sizeof(line))
		n = 0;
	int m = vsnprintf(line + n, sizeof(line) - (size_t) n - 1, fmt, ap);
	if (m < 0)
		m = 0;
	n += m;
	if (n > (int) sizeof(line) - 2)
		n = (int) sizeof(line) - 2;
	line[n++] = '\n';
	fflush(stdout);
	write(1, line, (size_t) n);
}

/* Print a note about the running test (not a failure). */
void ut_note(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vnote("", fmt, ap);
	va_end(ap);
}

/* Report a failed check at FILE:LINE and end the test (status 1). */
void ut_fail(const char *file, int line, const char *fmt, ...)
{
	char where[128];
	va_list ap;
	snprintf(where, sizeof(where), "%s:%d: ", file, line);
	va_start(ap, fmt);
	vnote(where, fmt, ap);
	va_end(ap);
	_exit(1);
}

/* fork(), with stdout flushed first; the test fails when it fails. */
pid_t ut_fork(void)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		ut_fail(__FILE__, __LINE__, "fork: %s", strerror(errno));
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
		ut_fail(__FILE__, __LINE__, "waitpid(%d) gave %d: %s", (int) pid,
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
		ut_fail(file, line, "child %d ended with %s, expected exit %d",
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
		ut_fail(file, line, "child %d ended with %s, expected signal %d",
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
			ut_fail(__FILE__, __LINE__, "read: %s", strerror(errno));
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
			ut_fail(__FILE__, __LINE__, "write: %s", strerror(errno));
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
		ut_fail(__FILE__, __LINE__, "sigaction(%d): %s", sig, strerror(errno));
}

#ifdef __phoenix__
/* Free physical memory in KiB, from getsysinfo(SI_KINFO). */
unsigned ut_free_kib(void)
{
	struct kinfo ki;
	if (getsysinfo(SI_KINFO, &ki, sizeof(ki)) < 0)
		ut_fail(__FILE__, __LINE__, "getsysinfo(SI_KINFO): %s",
		    strerror(errno));
	return ki.mem_free_kib;
}

/* Whether PM's process table holds PID (zombies included). */
int ut_process_exists(pid_t pid)
{
	static struct pm_proc_info tab[256];
	int bytes = getsysinfo(SI_PROCTAB, tab, sizeof(tab));
	if (bytes < 0)
		ut_fail(__FILE__, __LINE__, "getsysinfo(SI_PROCTAB): %s",
		    strerror(errno));
	for (int i = 0; i < bytes / (int) sizeof(tab[0]); i++)
		if (tab[i].pid == pid)
			return 1;
	return 0;
}
#endif
