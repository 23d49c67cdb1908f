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

/* The name PM gives PID ("" when it does not list it). */
static const char *proc_name(pid_t pid)
{
	static struct pm_proc_info tab[64];
	int n = getsysinfo(SI_PROCTAB, tab, sizeof(tab));
	for (int i = 0; n > 0 && i < n / (int) sizeof(tab[0]); i++)
		if (tab[i].pid == pid) {
			tab[i].name[sizeof(tab[i].name) - 1] = '\0';
			return tab[i].name;
		}
	return "";
}

/* Message INDEX of SEED in words: class, target, type, and for a counted
 * request its name, its first payload words and the label it names. */
static void describe(uint32_t seed, uint32_t index, char *buf, size_t size)
{
	struct fz_msg m;
	fz_generate(seed, index, &m);
	static const char *const cls[] = { "server", "kcall", "ipc",
	    "syscall" };
	const char *target = m.cls == FZ_CLS_SERVER ?
	    fz_targets[m.target].name : m.cls == FZ_CLS_SYSCALL ?
	    fz_syscall_names[m.target] : "-";
	int n = snprintf(buf, size, "class=%s target=%s type=0x%x op=%d "
	    "ep=%d", cls[m.cls], target, (unsigned) m.type, m.op, (int) m.ep);
	int k = fz_request_of(&m);
	if (k < 0 || n < 0 || (size_t) n >= size)
		return;
	const char *label = fz_wellformed_label(&m);
	snprintf(buf + n, size - (size_t) n, " request=%s args=0x%x,0x%x,0x%x"
	    ",0x%x label=%s", fz_requests[k].name, (unsigned) m.w[0],
	    (unsigned) m.w[1], (unsigned) m.w[2], (unsigned) m.w[3],
	    label ? label : "-");
}

/* Count REPLY to message INDEX (a counted request) in ST; a privileged
 * success is a finding, printed with the message. */
static void count_reply(uint32_t seed, uint32_t index, int32_t reply,
    const struct fz_cred *student, struct fz_stats *st)
{
	struct fz_msg m;
	fz_generate(seed, index, &m);
	int k = fz_request_of(&m);
	if (k < 0)
		return;
	struct fz_req_count *c = &st->req[k];
	switch (fz_classify(&m, reply, student->uid, student->gid)) {
	case FZ_REPLY_OK: c->ok++; break;
	case FZ_REPLY_REFUSED: c->refused++; break;
	case FZ_REPLY_ERROR:
		c->errors++;
		c->code[reply >= -FZ_CODES ? -reply : 0]++;
		break;
	default: {
		char d[200];
		describe(seed, index, d, sizeof(d));
		printf("fuzz: finding privileged-accepted index=%u reply=%d "
		    "%s\n", (unsigned) index, (int) reply, d);
		c->findings++;
		st->privileged++;
	}
	}
}

/* Read the worker's records until it finishes, dies or stalls for
 * TIMEOUT seconds. Sets *LAST to the last index it started (or leaves
 * it), counts the replies to counted requests and notes the worker's
 * identity. Returns RUN_DONE, RUN_EOF, RUN_STALL, RUN_GARBLED or
 * RUN_CREDFAIL (the worker could not become the student). */
static int watch(int fd, int timeout, uint32_t seed, uint32_t *last,
    int *started, const struct fz_cred *as, const struct fz_cred *student,
    struct fz_stats *st)
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
			if (rec.what == FZ_REC_CREDFAIL) {
				st->cred_failed = 1;
				st->cred_step = (int) rec.index;
				st->cred_reply = rec.value;
				return RUN_CREDFAIL;
			}
			if (rec.what == FZ_REC_CRED && !st->have_cred) {
				st->have_cred = 1;
				st->uid = (int32_t) rec.index;
				st->gid = rec.value;
				printf("fuzz: worker uid=%d gid=%d%s\n",
				    (int) st->uid, (int) st->gid, as ? "" :
				    " root-run=1 (development: -R, not a "
				    "student run)");
			}
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
			} else if (rec.what == FZ_REC_REPLY) {
				count_reply(seed, rec.index, rec.value, student,
				    st);
			} else if (rec.what == FZ_REC_WITHHELD) {
				struct fz_msg m;
				fz_generate(seed, rec.index, &m);
				int k = fz_request_of(&m);
				if (k >= 0)
					st->req[k].withheld++;
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

/* A worker PID that ended while it sent message LAST (pipe closed): an
 * exit, exec or identity change it asked for (counted in ST->exits; an
 * exec into another program, one PM names unlike the supervisor, is a
 * finding: the paths it may name are no programs), or a death. */
static void ended(uint32_t seed, uint32_t last, pid_t pid,
    struct fz_stats *st)
{
	struct fz_msg m;
	fz_generate(seed, last, &m);
	int k = fz_request_of(&m);
	char own[sizeof(((struct pm_proc_info *) 0)->name)] = "";
	const char *name = "";
	if (k >= 0 && m.type == PM_EXEC) {
		strncpy(own, proc_name(getpid()), sizeof(own) - 1);
		name = proc_name(pid);
	}
	if (*name && strcmp(name, own) != 0) {
		char d[200];
		describe(seed, last, d, sizeof(d));
		printf("fuzz: finding exec-replaced index=%u program=%s %s\n",
		    (unsigned) last, name, d);
		st->replaced++;
		st->exits++;
	} else if (k >= 0 && (m.type == PM_EXIT || m.type == PM_EXEC ||
	    m.type == PM_SETUID || m.type == PM_SETGID)) {
		st->exits++;
	} else {
		st->deaths++;
	}
}

static const char *const cred_steps[] = {
	"?", "PM_SETGID", "PM_SETUID", "PM_GETUID",
};

/* fz_supervise: send messages FIRST .. FIRST+COUNT-1 of SEED through
 * workers, each of which first becomes AS (NULL: stays root, -R); fill
 * *ST. STUDENT: the identity whose privileges a request must not exceed.
 * TIMEOUT: seconds a message may take. A worker that cannot become AS
 * ends the run (ST->cred_step), nothing is sent as root instead. */
void fz_supervise(uint32_t seed, uint32_t first, uint32_t count,
    int timeout, const struct fz_cred *as, const struct fz_cred *student,
    struct fz_stats *st)
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
			fz_worker(seed, next, end - next, as);
		}
		close(p[1]);
		uint32_t last = next;
		int started = 0;
		int how = watch(p[0], timeout, seed, &last, &started, as,
		    student, st);
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
		if (how == RUN_EOF && started)
			ended(seed, last, pid, st);
		else if (how == RUN_EOF)
			st->deaths++;
		int status = reap(pid, timeout);
		if (how == RUN_DONE)
			break;
		if (how == RUN_CREDFAIL) {
			printf("fuzz: error: the worker could not become uid %u "
			    "gid %u: %s %s %d; nothing was sent\n",
			    (unsigned) as->uid, (unsigned) as->gid,
			    cred_steps[st->cred_step & 3],
			    st->cred_reply < 0 ? "answered" : "shows euid",
			    (int) st->cred_reply);
			return;
		}
		if (WIFSIGNALED(status) && how == RUN_EOF)
			st->last_signal = WTERMSIG(status);
		next = started ? last + 1 : next + 1;
	}
}
