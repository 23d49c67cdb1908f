/* sh: background jobs (started with &, reaped and reported before each
 * prompt) and what the shell says about a wait status. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "sh.h"

#define MAX_JOBS 32

struct job {
	pid_t *pids;            /* its processes; 0 once reaped */
	int n, left;            /* processes, and those not yet reaped */
	pid_t id;               /* the last process: "[id]", $! */
	int status;             /* the wait status of id once reaped */
	int done;               /* all reaped, kept for a later `wait id` */
};

static struct job jobs[MAX_JOBS];

struct signal_name {
	int sig;
	const char *text;
};

static const struct signal_name signal_names[] = {
	{ SIGHUP, "Hangup (SIGHUP)" },
	{ SIGINT, "Interrupt (SIGINT)" },
	{ SIGQUIT, "Quit (SIGQUIT)" },
	{ SIGILL, "Illegal instruction (SIGILL)" },
	{ SIGTRAP, "Trace/breakpoint trap (SIGTRAP)" },
	{ SIGABRT, "Aborted (SIGABRT)" },
	{ SIGBUS, "Bus error (SIGBUS)" },
	{ SIGFPE, "Floating point exception (SIGFPE)" },
	{ SIGKILL, "Killed (SIGKILL)" },
	{ SIGUSR1, "User defined signal 1 (SIGUSR1)" },
	{ SIGSEGV, "Segmentation fault (SIGSEGV)" },
	{ SIGUSR2, "User defined signal 2 (SIGUSR2)" },
	{ SIGPIPE, "Broken pipe (SIGPIPE)" },
	{ SIGALRM, "Alarm clock (SIGALRM)" },
	{ SIGTERM, "Terminated (SIGTERM)" },
	{ SIGCHLD, "Child exited (SIGCHLD)" },
	{ SIGCONT, "Continued (SIGCONT)" },
	{ SIGSTOP, "Stopped (SIGSTOP)" },
	{ SIGTSTP, "Stopped (SIGTSTP)" },
};

/* What the shell prints for a process killed by SIG, e.g.
 * "Segmentation fault (SIGSEGV)"; "Signal N" for one it does not know.
 * The string is static (overwritten by the next call for an unknown one). */
const char *signal_text(int sig)
{
	static char unknown[24];
	for (size_t i = 0; i < sizeof(signal_names) / sizeof(signal_names[0]); i++)
		if (signal_names[i].sig == sig)
			return signal_names[i].text;
	snprintf(unknown, sizeof(unknown), "Signal %d", sig);
	return unknown;
}

/* Tell the user on stderr that a foreground process died of SIG. LAST: it
 * was the last of its pipeline. SIGINT gives just a newline (the user typed
 * ^C), SIGPIPE is normal for the processes before the last. */
void report_signal(int sig, int last)
{
	if (sig == SIGINT)
		fputs("\n", stderr);
	else if (sig != SIGPIPE || last)
		fprintf(stderr, "%s\n", signal_text(sig));
	fflush(stderr);
}

/* The shell status ($?) for a wait status: the exit code, or 128 plus the
 * number of the signal that killed the process. */
int status_of(int wstatus)
{
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return WEXITSTATUS(wstatus);
}

/* Forget job J. */
static void job_forget(struct job *j)
{
	free(j->pids);
	memset(j, 0, sizeof(*j));
}

/* Remember the background job of processes PIDS[0..N-1] (the last one is
 * its id, $!) and announce "[id]" when interactive. */
void jobs_add(const pid_t *pids, int n)
{
	shell.last_bg = pids[n - 1];
	if (shell.interactive) {
		fprintf(stderr, "[%d]\n", (int) pids[n - 1]);
		fflush(stderr);
	}
	int j, done = -1;
	for (j = 0; j < MAX_JOBS && jobs[j].n; j++)
		if (jobs[j].done && done < 0)
			done = j;
	if (j == MAX_JOBS && done >= 0) {
		j = done;               /* forget a finished job nobody waited for */
		job_forget(&jobs[j]);
	}
	if (j < MAX_JOBS) {
		jobs[j].pids = sh_alloc(n * sizeof(pid_t));
		memcpy(jobs[j].pids, pids, n * sizeof(pid_t));
		jobs[j].n = jobs[j].left = n;
		jobs[j].id = pids[n - 1];
		return;
	}
	/* The table is full: the job runs untracked; its processes are still
	 * reaped by jobs_reap(), silently. */
}

/* Print "[id] Done" or "[id] <signal>" for a finished job J. */
static void job_report(const struct job *j)
{
	if (WIFSIGNALED(j->status))
		fprintf(stderr, "[%d] %s\n", (int) j->id, signal_text(WTERMSIG(j->status)));
	else if (WEXITSTATUS(j->status))
		fprintf(stderr, "[%d] Done (exit %d)\n", (int) j->id,
		    WEXITSTATUS(j->status));
	else
		fprintf(stderr, "[%d] Done\n", (int) j->id);
	fflush(stderr);
}

/* Book the reaped process PID (wait status WSTATUS) against its job. A job
 * whose last process is gone is reported and forgotten with REPORT, else
 * kept as done for a later `wait`. */
static void job_reaped(pid_t pid, int wstatus, int report)
{
	for (int j = 0; j < MAX_JOBS; j++) {
		struct job *jb = &jobs[j];
		for (int i = 0; i < jb->n; i++) {
			if (jb->pids[i] != pid)
				continue;
			jb->pids[i] = 0;
			if (pid == jb->id)
				jb->status = wstatus;
			if (--jb->left == 0) {
				jb->done = 1;
				if (report) {
					job_report(jb);
					job_forget(jb);
				}
			}
			return;
		}
	}
}

/* Reap every child that has finished, without blocking. With REPORT, say
 * which background jobs are done. */
void jobs_reap(int report)
{
	int wstatus;
	pid_t pid;
	while ((pid = waitpid(-1, &wstatus, WNOHANG)) > 0)
		job_reaped(pid, wstatus, report);
}

/* The `wait` builtin's work: wait for the background process PID (its
 * status is returned, 127 when it is not a child), or for every background
 * job when PID is -1 (returns 0). A ^C at an interactive shell stops the
 * wait with status 130. */
int jobs_wait(pid_t pid)
{
	int wstatus;
	for (int j = 0; j < MAX_JOBS; j++) {
		if (!jobs[j].done || (pid > 0 && jobs[j].id != pid))
			continue;
		wstatus = jobs[j].status;
		job_forget(&jobs[j]);
		if (pid > 0)
			return status_of(wstatus);
	}
	for (;;) {
		pid_t r = waitpid(pid, &wstatus, 0);
		if (r < 0 && errno == EINTR) {
			if (shell.got_sigint) {
				shell.got_sigint = 0;
				return 128 + SIGINT;
			}
			continue;
		}
		if (r < 0) {
			if (pid > 0)
				return 127;
			for (int j = 0; j < MAX_JOBS; j++)
				job_forget(&jobs[j]);
			return 0;
		}
		job_reaped(r, wstatus, 0);
		if (pid > 0)
			return status_of(wstatus);
	}
}
