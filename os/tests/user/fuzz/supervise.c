/* The supervisor: runs workers until every message was sent, and turns a
 * worker that stops making progress into a finding (or, when it was
 * running its own code rather than waiting for a reply, a runaway). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <phoenix.h>
#include <sys/wait.h>
#include "fuzz.h"
#include "supervise.h"

static void on_alarm(int sig)
{
	(void) sig;
}

/* The state letter ps shows for PID ('?' when PM does not list it). */
static char proc_state(pid_t pid)
{
	static struct pm_proc_info tab[64];
	int n = getsysinfo(SI_PROCTAB, tab, sizeof(tab));
	for (int i = 0; n > 0 && i < n / (int) sizeof(tab[0]); i++)
		if (tab[i].pid == pid)
			return tab[i].state;
	return '?';
}

static void describe(uint32_t seed, uint32_t index, char *buf, size_t size)
{
	struct fz_msg m;
	fz_generate(seed, index, &m);
	static const char *const cls[] = { "server", "kcall", "ipc",
	    "syscall" };
	const char *target = m.cls == FZ_CLS_SERVER ?
	    fz_targets[m.target].name : m.cls == FZ_CLS_SYSCALL ?
	    fz_syscall_names[m.target] : "-";
	snprintf(buf, size, "class=%s target=%s type=0x%x op=%d ep=%d",
	    cls[m.cls], target, (unsigned) m.type, m.op, (int) m.ep);
}

/* Read the worker's records until it finishes, dies or stalls for
 * TIMEOUT seconds. Sets *LAST to the last index it started (or leaves
 * it). Returns RUN_DONE, RUN_EOF, RUN_STALL or RUN_GARBLED. */
static int watch(int fd, int timeout, uint32_t seed, uint32_t *last,
    int *started, struct fz_stats *st)
{
	static uint8_t buf[sizeof(struct fz_record) * 64];
	size_t have = 0;
	for (;;) {
		alarm((unsigned) timeout);
		ssize_t n = read(fd, buf + have, sizeof(buf) - have);
		alarm(0);
		if (n == 0)
			return RUN_EOF;
		if (n < 0)
			return errno == EINTR ? RUN_STALL : RUN_EOF;
		have += (size_t) n;
		size_t used = 0;
		for (; have - used >= sizeof(struct fz_record);
		    used += sizeof(struct fz_record)) {
			struct fz_record rec;
			memcpy(&rec, buf + used, sizeof(rec));
			if (rec.magic != FZ_REC_MAGIC ||
			    rec.check != fz_record_check(&rec)) {
				st->garbled++;
				return RUN_GARBLED;
			}
			if (rec.what == FZ_REC_DONE)
				return RUN_DONE;
			if (rec.what == FZ_REC_SENDING) {
				if (!*started || rec.index != *last)
					st->sent++;
				*last = rec.index;
				*started = 1;
			} else if (rec.what == FZ_REC_ACCEPTED) {
				char d[120];
				describe(seed, rec.index, d, sizeof(d));
				printf("fuzz: finding kcall-accepted index=%u "
				    "result=%d %s\n", (unsigned) rec.index,
				    (int) rec.value, d);
				st->accepted++;
			}
		}
		memmove(buf, buf + used, have - used);
		have -= used;
	}
}

/* Wait for PID, killing it when it does not end within TIMEOUT s. */
static int reap(pid_t pid, int timeout)
{
	int status = 0;
	alarm((unsigned) timeout);
	pid_t r = waitpid(pid, &status, 0);
	alarm(0);
	if (r != pid) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	return status;
}

/* fz_supervise: send messages FIRST .. FIRST+COUNT-1 of SEED through
 * workers; fill *ST. TIMEOUT: seconds a message may take. */
void fz_supervise(uint32_t seed, uint32_t first, uint32_t count,
    int timeout, struct fz_stats *st)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	uint32_t next = first, end = first + count;
	while (next < end) {
		int p[2];
		if (pipe(p) != 0) {
			printf("fuzz: error: pipe failed\n");
			return;
		}
		fflush(stdout);
		pid_t pid = fork();
		if (pid < 0) {
			printf("fuzz: error: fork failed\n");
			return;
		}
		if (pid == 0) {
			signal(SIGALRM, SIG_DFL);
			close(p[0]);
			dup2(p[1], FZ_PROGRESS_FD);
			close(p[1]);
			fz_worker(seed, next, end - next);
		}
		close(p[1]);
		uint32_t last = next;
		int started = 0;
		int how = watch(p[0], timeout, seed, &last, &started, st);
		if (how == RUN_STALL) {
			char d[120];
			char state = proc_state(pid);
			describe(seed, last, d, sizeof(d));
			kill(pid, SIGKILL);
			if (state == 'S') {
				printf("fuzz: timeout index=%u no reply within "
				    "%ds: %s\n", (unsigned) last, timeout, d);
				st->timeouts++;
			} else {
				printf("fuzz: runaway index=%u worker state %c: "
				    "%s\n", (unsigned) last, state, d);
				st->runaways++;
			}
		}
		if (how == RUN_GARBLED)
			kill(pid, SIGKILL);
		close(p[0]);
		int status = reap(pid, timeout);
		if (how == RUN_DONE)
			break;
		if (how == RUN_EOF)
			st->deaths++;
		if (WIFSIGNALED(status) && how == RUN_EOF)
			st->last_signal = WTERMSIG(status);
		next = started ? last + 1 : next + 1;
	}
}
