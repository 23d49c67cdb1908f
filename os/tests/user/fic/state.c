/* The core services' state, for campaigns that fault them (`fic pm vfs
 * ...`, harness/campaign.py): set up once when fic starts, checked after
 * every trial (state_check), so that a service that came back but lost
 * what it held is caught as wrong data with a reason:
 *   pm:     the sentinel, a child forked at the start, is alive with the
 *           same pid, fic as its parent, its alarm still pending and its
 *           SIGUSR2 handler still installed (it counts the signals fic
 *           sends before each check; a lost handler would kill it); fic
 *           itself still has its parent (the shell that started it),
 *           alive; the waiter, another child, still waits in waitpid()
 *           for its own child, which never exits (a wait PM answered
 *           wrongly ends the waiter: as init is told that its shell
 *           exited);
 *   mm:     the sentinel's heap (malloc) and anonymous mapping still hold
 *           the pattern written into them at the start;
 *   vfs:    a file held open reads on at its offset (FIC_HELD), a pipe
 *           still holds the bytes written into it before and not read,
 *           fic's working directory is still FIC_STATE_DIR;
 *   rootfs: FIC_KEPT, written at the start, has its content;
 *   ds:     the DS probe (os/tests/services/dsprobe, started here unless
 *           it runs) still reads the key it published in DS at its start;
 *   tty:    the console's settings still have echo off; a tty trial's
 *           line typed ahead arrives after the recovery (state_ahead);
 *   memdev: /dev/zero, held open, reads zeros; /dev/null takes writes;
 *   rs:     RS's status still lists every service it listed at the
 *           start, each up again (waited for, a bounded time);
 *   e1000 inet pci: net.c (the card's holder, the interface and an echo
 *           through it, lspci's text).
 * A reason is "LABEL:what" (e.g. "pm:parent", "vfs:pipe-data"). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <abi/stat.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "fic.h"

#define SEED_HEAP 0x5E17u
#define SEED_MAP  0x3A9Du
#define SEED_HELD 0x4E1Du
#define SEED_KEPT 0x6E97u
#define SEED_PIPE 0x91BEu
#define HEAP_BYTES (32 * 1024)
#define MAP_BYTES (4 * 4096)
#define HELD_BYTES 8192
#define HELD_START 1000        /* the held file's offset after set-up */
#define HELD_STEP 16           /* bytes read on by each check */
#define KEPT_BYTES 4096
#define PIPE_CHUNK 32
#define SENTINEL_ALARM 100000  /* seconds: never fires in a campaign */
#define ANSWER_S 5             /* seconds an answer may take (bound) */
#define RS_UP_TICKS 300        /* ticks every service may take to be up */
#define TICK_US 10000

char ds_expected[64];


static struct rs_status rs_list[RS_STATUS_MAX];   /* at the start */
static struct rs_status rs_now[RS_STATUS_MAX];
static int rs_count;

static const char *const known[] = { "pm", "mm", "vfs", "rootfs", "ds",
	"tty", "memdev", "rs", "e1000", "inet", "pci" };
static const char *const net_labels[] = { "e1000", "inet", "pci" };
#define NR_NET (sizeof(net_labels) / sizeof(net_labels[0]))
#define NR_KNOWN (sizeof(known) / sizeof(known[0]))
static int active[NR_KNOWN];

/* The sentinel (pm, mm): its pid, the pipes fic asks and it answers on,
 * and the SIGUSR2s sent to it. */
static pid_t sentinel = -1;
static pid_t fic_parent = -1;   /* getppid() at the start */
static pid_t waiter = -1, waited = -1;   /* the waiter and its child */
static int ask_fd = -1, answer_fd = -1;
static uint32_t usr2_sent;

struct sentinel_answer {
	int32_t pid, ppid;
	uint32_t alarm_left;     /* seconds its alarm still had */
	uint32_t usr2_seen;      /* SIGUSR2s its handler counted */
	int32_t heap_ok, map_ok;
};

static int held_fd = -1;     /* vfs: FIC_HELD, at held_off */
static uint32_t held_off;
static int pipe_fds[2] = { -1, -1 };  /* vfs: PIPE_CHUNK unread bytes */
static uint32_t pipe_seq;
static int zero_fd = -1;     /* memdev: /dev/zero, held open */
static int probe_fd = -1;    /* ds: FIC_DSPROBE */

static volatile sig_atomic_t timed_out;

static void on_timeout(int sig)
{
	(void) sig;
	timed_out = 1;
}

/* bounded_read: read exactly N bytes of FD into BUF, giving up after
 * ANSWER_S seconds (SIGALRM cuts the read short). N, or -1. */
static ssize_t bounded_read(int fd, void *buf, size_t n)
{
	size_t got = 0;
	timed_out = 0;
	signal(SIGALRM, on_timeout);
	alarm(ANSWER_S);
	while (got < n && !timed_out) {
		ssize_t r = read(fd, (char *) buf + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t) r;
	}
	alarm(0);
	return got == n ? (ssize_t) n : -1;
}

/* index_of: LABEL's index in known[], or -1. */
static int index_of(const char *label)
{
	for (size_t i = 0; i < NR_KNOWN; i++)
		if (strcmp(known[i], label) == 0)
			return (int) i;
	return -1;
}

int state_active(const char *label)
{
	int i = index_of(label);
	return i >= 0 && active[i];
}

/* fill_file: create PATH with N bytes of the pattern of SEED. 0 or -1. */
static int fill_file(const char *path, uint32_t seed, size_t n)
{
	uint8_t buf[512];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	for (size_t off = 0; off < n; off += sizeof(buf)) {
		size_t k = n - off < sizeof(buf) ? n - off : sizeof(buf);
		for (size_t i = 0; i < k; i++)
			buf[i] = fic_pattern(seed, (uint32_t) (off + i));
		if (write(fd, buf, k) != (ssize_t) k) {
			close(fd);
			return -1;
		}
	}
	return close(fd);
}

/* is_pattern: whether BUF[0..N-1] is the pattern of SEED from FROM. */
static int is_pattern(const uint8_t *buf, size_t n, uint32_t seed,
    uint32_t from)
{
	for (size_t i = 0; i < n; i++)
		if (buf[i] != fic_pattern(seed, from + (uint32_t) i))
			return 0;
	return 1;
}

/* ---- the sentinel ---------------------------------------------------- */
static volatile uint32_t usr2_seen;

static void on_usr2(int sig)
{
	(void) sig;
	usr2_seen++;
}

/* sentinel_main: the sentinel's life: its heap and mapping filled, its
 * alarm set, then an answer for every byte on ASK until 'q' or the end.
 * Never returns. */
static void sentinel_main(int ask, int answer)
{
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, on_usr2);
	uint8_t *heap = malloc(HEAP_BYTES);
	uint8_t *map = mmap(NULL, MAP_BYTES, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (heap == NULL || map == MAP_FAILED)
		_exit(2);
	for (uint32_t i = 0; i < HEAP_BYTES; i++)
		heap[i] = fic_pattern(SEED_HEAP, i);
	for (uint32_t i = 0; i < MAP_BYTES; i++)
		map[i] = fic_pattern(SEED_MAP, i);
	alarm(SENTINEL_ALARM);
	for (;;) {
		char c;
		ssize_t r = read(ask, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || c == 'q')
			_exit(0);
		struct sentinel_answer a;
		a.pid = getpid();
		a.ppid = getppid();
		a.alarm_left = alarm(SENTINEL_ALARM);
		a.usr2_seen = usr2_seen;
		a.heap_ok = is_pattern(heap, HEAP_BYTES, SEED_HEAP, 0);
		a.map_ok = is_pattern(map, MAP_BYTES, SEED_MAP, 0);
		if (write(answer, &a, sizeof(a)) != (ssize_t) sizeof(a))
			_exit(3);
	}
}

/* waiter_start: fork the waiter: it forks a child that pauses for ever,
 * says that child's pid on a pipe, and waits for it; a wait that returns
 * ends the waiter with 98 (it returned the child) or 99 (an error). */
static int waiter_start(void)
{
	int fds[2];
	if (pipe(fds) < 0)
		return -1;
	pid_t p = fork();
	if (p < 0)
		return -1;
	if (p == 0) {
		close(fds[0]);
		pid_t c = fork();
		if (c == 0) {
			for (;;)
				pause();
		}
		if (c < 0 || write(fds[1], &c, sizeof(c)) != (ssize_t) sizeof(c))
			_exit(97);
		close(fds[1]);
		int status;
		pid_t r = waitpid(c, &status, 0);
		_exit(r == c ? 98 : 99);
	}
	close(fds[1]);
	waiter = p;
	int r = bounded_read(fds[0], &waited, sizeof(waited)) < 0 ? -1 : 0;
	close(fds[0]);
	return r;
}

/* check_waiter: the waiter still waits (pm). 0 or -1 with WHY. */
static int check_waiter(char *why)
{
	int status = 0;
	pid_t r = waitpid(waiter, &status, WNOHANG);
	if (r == 0 && kill(waited, 0) == 0)
		return 0;
	if (r == waiter)
		snprintf(why, FIC_WHY_MAX, "pm:a-wait-ended-%s",
		    WIFEXITED(status) && WEXITSTATUS(status) == 98 ?
		    "returning-a-live-child" : WIFEXITED(status) &&
		    WEXITSTATUS(status) == 99 ? "in-error" : "by-a-death");
	else
		snprintf(why, FIC_WHY_MAX, "pm:waited-child-%d-gone",
		    (int) waited);
	waiter = -1;
	return -1;
}

/* sentinel_start: fork the sentinel with its two pipes. 0 or -1. */
static int sentinel_start(void)
{
	int ask[2], ans[2];
	if (pipe(ask) < 0)
		return -1;
	if (pipe(ans) < 0) {
		close(ask[0]);
		close(ask[1]);
		return -1;
	}
	pid_t p = fork();
	if (p < 0)
		return -1;
	if (p == 0) {
		close(ask[1]);
		close(ans[0]);
		sentinel_main(ask[0], ans[1]);
	}
	close(ask[0]);
	close(ans[1]);
	sentinel = p;
	ask_fd = ask[1];
	answer_fd = ans[0];
	return 0;
}

/* check_sentinel: ask the sentinel (pm and/or mm active). 0 or -1 with
 * WHY. */
static int check_sentinel(char *why)
{
	struct sentinel_answer a;
	int status;
	if (waitpid(sentinel, &status, WNOHANG) != 0 || kill(sentinel, 0) != 0) {
		snprintf(why, FIC_WHY_MAX, "pm:sentinel-gone");
		return -1;
	}
	if (state_active("pm")) {
		pid_t pp = getppid();
		if (pp != fic_parent) {
			snprintf(why, FIC_WHY_MAX, "pm:fic-parent-%d-now-%d",
			    (int) fic_parent, (int) pp);
			return -1;
		}
		if (kill(fic_parent, 0) != 0) {
			snprintf(why, FIC_WHY_MAX, "pm:fic-parent-%d-gone",
			    (int) fic_parent);
			return -1;
		}
		if (kill(sentinel, SIGUSR2) != 0) {
			snprintf(why, FIC_WHY_MAX, "pm:kill=%d", errno);
			return -1;
		}
		usr2_sent++;
	}
	char c = 'c';
	if (write(ask_fd, &c, 1) != 1 ||
	    bounded_read(answer_fd, &a, sizeof(a)) < 0) {
		snprintf(why, FIC_WHY_MAX, "pm:sentinel-silent");
		return -1;
	}
	if (state_active("pm")) {
		if (a.pid != sentinel) {
			snprintf(why, FIC_WHY_MAX, "pm:pid-%d-now-%d",
			    (int) sentinel, (int) a.pid);
			return -1;
		}
		if (a.ppid != getpid()) {
			snprintf(why, FIC_WHY_MAX, "pm:parent-%d-now-%d",
			    (int) getpid(), (int) a.ppid);
			return -1;
		}
		if (a.alarm_left == 0 || a.alarm_left > SENTINEL_ALARM) {
			snprintf(why, FIC_WHY_MAX, "pm:alarm-left-%u",
			    (unsigned) a.alarm_left);
			return -1;
		}
		/* the last SIGUSR2 may still be on its way */
		if (a.usr2_seen > usr2_sent || a.usr2_seen + 1 < usr2_sent) {
			snprintf(why, FIC_WHY_MAX, "pm:signals-%u-of-%u",
			    (unsigned) a.usr2_seen, (unsigned) usr2_sent);
			return -1;
		}
	}
	if (state_active("pm") && (waiter < 0 || check_waiter(why) != 0)) {
		if (why[0] == '\0')
			snprintf(why, FIC_WHY_MAX, "pm:waiter-gone");
		return -1;
	}
	if (state_active("mm") && (!a.heap_ok || !a.map_ok)) {
		snprintf(why, FIC_WHY_MAX, "mm:%s-changed",
		    a.heap_ok ? "mapping" : "heap");
		return -1;
	}
	return 0;
}

/* ---- vfs, rootfs, memdev, tty ------------------------------------------ */

/* pipe_put: the next PIPE_CHUNK bytes into the pipe (left unread). */
static int pipe_put(void)
{
	uint8_t buf[PIPE_CHUNK];
	for (uint32_t i = 0; i < PIPE_CHUNK; i++)
		buf[i] = fic_pattern(SEED_PIPE + pipe_seq, i);
	return write(pipe_fds[1], buf, sizeof(buf)) == (ssize_t) sizeof(buf) ?
	    0 : -1;
}

static int check_vfs(char *why)
{
	uint8_t buf[HELD_STEP > PIPE_CHUNK ? HELD_STEP : PIPE_CHUNK];
	char cwd[64];
	if (getcwd(cwd, sizeof(cwd)) == NULL ||
	    strcmp(cwd, FIC_STATE_DIR) != 0) {
		snprintf(why, FIC_WHY_MAX, "vfs:cwd");
		return -1;
	}
	if (held_off + HELD_STEP > HELD_BYTES) {
		if (lseek(held_fd, 0, SEEK_SET) != 0) {
			snprintf(why, FIC_WHY_MAX, "vfs:held-lseek=%d", errno);
			return -1;
		}
		held_off = 0;
	}
	ssize_t n = read(held_fd, buf, HELD_STEP);
	if (n != HELD_STEP || !is_pattern(buf, HELD_STEP, SEED_HELD,
	    held_off)) {
		snprintf(why, FIC_WHY_MAX, "vfs:held-at-%u:%d",
		    (unsigned) held_off, n < 0 ? -errno : (int) n);
		return -1;
	}
	held_off += HELD_STEP;
	if (bounded_read(pipe_fds[0], buf, PIPE_CHUNK) < 0 ||
	    !is_pattern(buf, PIPE_CHUNK, SEED_PIPE + pipe_seq, 0)) {
		snprintf(why, FIC_WHY_MAX, "vfs:pipe-data");
		return -1;
	}
	pipe_seq++;
	if (pipe_put() != 0) {
		snprintf(why, FIC_WHY_MAX, "vfs:pipe-write=%d", errno);
		return -1;
	}
	return 0;
}

static int check_rootfs(char *why)
{
	static uint8_t buf[KEPT_BYTES + 1];
	int fd = open(FIC_KEPT, O_RDONLY);
	if (fd < 0) {
		snprintf(why, FIC_WHY_MAX, "rootfs:kept-open=%d", errno);
		return -1;
	}
	ssize_t n = 0, r;
	while (n < (ssize_t) sizeof(buf) &&
	    (r = read(fd, buf + n, sizeof(buf) - (size_t) n)) > 0)
		n += r;
	close(fd);
	if (n != KEPT_BYTES || !is_pattern(buf, KEPT_BYTES, SEED_KEPT, 0)) {
		snprintf(why, FIC_WHY_MAX, "rootfs:kept-content:%d", (int) n);
		return -1;
	}
	return 0;
}

static int check_memdev(char *why)
{
	struct wl_client c;
	memset(&c, 0, sizeof(c));
	c.fd = zero_fd;
	int r = op_memdev(&c);
	if (r != OP_OK) {
		snprintf(why, FIC_WHY_MAX, "memdev:%s",
		    r == OP_WRONG ? "wrong-answer" : "no-answer");
		return -1;
	}
	return 0;
}

static int check_tty(char *why)
{
	struct wl_client c;
	memset(&c, 0, sizeof(c));
	int r = op_tty(&c);
	if (r != OP_OK) {
		snprintf(why, FIC_WHY_MAX, "tty:%s", r == OP_WRONG ?
		    "echo-back-on" : "no-settings");
		return -1;
	}
	return 0;
}

/* ---- ds: the probe ------------------------------------------------------ */

/* run_service_up: `service up DSPROBE_BINARY -dev FIC_DSPROBE`; its exit
 * status, or -1. */
static int run_service_up(void)
{
	pid_t p = fork();
	if (p < 0)
		return -1;
	if (p == 0) {
		char *argv[] = { "service", "up", DSPROBE_BINARY, "-dev",
			FIC_DSPROBE, NULL };
		execv("/sbin/service", argv);
		_exit(127);
	}
	int status;
	if (waitpid(p, &status, 0) != p || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int setup_ds(void)
{
	struct rs_status st;
	if (mknod(FIC_DSPROBE, S_IFCHR | 0600, DEV_MAKE(DSPROBE_MAJOR, 0)) < 0
	    && errno != EEXIST) {
		printf("fic: state: ds: mknod %s: error %d\n", FIC_DSPROBE, errno);
		return -1;
	}
	if (rs_status_of("dsprobe", &st) != 0 && run_service_up() != 0) {
		printf("fic: state: ds: service up %s failed\n", DSPROBE_BINARY);
		return -1;
	}
	probe_fd = open(FIC_DSPROBE, O_RDONLY);
	if (probe_fd < 0) {
		printf("fic: state: ds: open %s: error %d\n", FIC_DSPROBE, errno);
		return -1;
	}
	ssize_t n = read(probe_fd, ds_expected, sizeof(ds_expected) - 1);
	if (n < 3 || strncmp(ds_expected, "ok ", 3) != 0) {
		printf("fic: state: ds: the probe answers %zd bytes\n", n);
		return -1;
	}
	ds_expected[n] = '\0';
	return 0;
}

static int check_ds(char *why)
{
	struct wl_client c;
	memset(&c, 0, sizeof(c));
	c.fd = probe_fd;
	int r = op_ds(&c);
	if (r != OP_OK) {
		snprintf(why, FIC_WHY_MAX, "ds:%s", r == OP_WRONG ?
		    "key-lost-or-changed" : "probe-no-answer");
		return -1;
	}
	return 0;
}

/* ---- rs ----------------------------------------------------------------- */

static int check_rs(char *why)
{
	for (int tick = 0; ; tick++) {
		int n = rs_status_all(rs_now, RS_STATUS_MAX);
		const char *missing = NULL, *down = NULL;
		for (int i = 0; i < rs_count && !missing; i++) {
			int j;
			for (j = 0; j < n; j++)
				if (strncmp(rs_list[i].label, rs_now[j].label,
				    RS_LABEL_MAX) == 0)
					break;
			if (j == n)
				missing = rs_list[i].label;
			else if (rs_now[j].state != RS_STATE_UP && !down)
				down = rs_list[i].label;
		}
		if (missing) {
			snprintf(why, FIC_WHY_MAX, "rs:%.16s-missing", missing);
			return -1;
		}
		if (n >= 0 && !down)
			return 0;
		if (tick >= RS_UP_TICKS) {
			if (n < 0)
				snprintf(why, FIC_WHY_MAX, "rs:status=%d", n);
			else
				snprintf(why, FIC_WHY_MAX, "rs:%.16s-not-up", down);
			return -1;
		}
		usleep(TICK_US);
	}
}

/* ---- set-up, check, tear-down ------------------------------------------ */

int state_setup(char **labels, int n)
{
	for (int i = 0; i < n; i++) {
		int k = index_of(labels[i]);
		if (k < 0) {
			printf("fic: state: no state check for %s\n", labels[i]);
			return -1;
		}
		active[k] = 1;
	}
	if (n == 0)
		return 0;
	signal(SIGPIPE, SIG_IGN);   /* a dead sentinel: an error, not death */
	fic_parent = getppid();
	if (chdir(FIC_STATE_DIR) != 0) {
		printf("fic: state: chdir %s: error %d\n", FIC_STATE_DIR, errno);
		return -1;
	}
	if ((state_active("pm") || state_active("mm")) && sentinel_start()) {
		printf("fic: state: pm: no sentinel (error %d)\n", errno);
		return -1;
	}
	if (state_active("pm") && waiter_start()) {
		printf("fic: state: pm: no waiter (error %d)\n", errno);
		return -1;
	}
	if (state_active("vfs")) {
		uint8_t skip[HELD_START];
		if (fill_file(FIC_HELD, SEED_HELD, HELD_BYTES) != 0 ||
		    (held_fd = open(FIC_HELD, O_RDONLY)) < 0 ||
		    read(held_fd, skip, HELD_START) != HELD_START ||
		    pipe(pipe_fds) != 0 || pipe_put() != 0) {
			printf("fic: state: vfs: set-up failed (error %d)\n", errno);
			return -1;
		}
		held_off = HELD_START;
	}
	if (state_active("rootfs") &&
	    fill_file(FIC_KEPT, SEED_KEPT, KEPT_BYTES) != 0) {
		printf("fic: state: rootfs: %s: error %d\n", FIC_KEPT, errno);
		return -1;
	}
	if (state_active("memdev") &&
	    (zero_fd = open("/dev/zero", O_RDONLY)) < 0) {
		printf("fic: state: memdev: /dev/zero: error %d\n", errno);
		return -1;
	}
	if (state_active("ds") && setup_ds() != 0)
		return -1;
	if (state_active("rs")) {
		rs_count = rs_status_all(rs_list, RS_STATUS_MAX);
		if (rs_count <= 0) {
			printf("fic: state: rs: status error %d\n", rs_count);
			return -1;
		}
	}
	for (size_t i = 0; i < NR_NET; i++)
		if (state_active(net_labels[i]) && net_setup(net_labels[i]))
			return -1;
	char why[FIC_WHY_MAX];
	if (state_check(why) != 0) {
		printf("fic: state: the first check failed: %s\n", why);
		return -1;
	}
	return 0;
}

int state_check(char *why)
{
	why[0] = '\0';
	if ((state_active("pm") || state_active("mm")) && check_sentinel(why))
		return -1;
	if (state_active("vfs") && check_vfs(why))
		return -1;
	if (state_active("rootfs") && check_rootfs(why))
		return -1;
	if (state_active("ds") && check_ds(why))
		return -1;
	if (state_active("tty") && check_tty(why))
		return -1;
	if (state_active("memdev") && check_memdev(why))
		return -1;
	if (state_active("rs") && check_rs(why))
		return -1;
	for (size_t i = 0; i < NR_NET; i++)
		if (state_active(net_labels[i]) && net_check(net_labels[i], why))
			return -1;
	return 0;
}

int state_ahead(const char *id, char *why)
{
	char line[64];
	size_t n = 0;
	timed_out = 0;
	signal(SIGALRM, on_timeout);
	alarm(ANSWER_S);
	while (n + 1 < sizeof(line) && !timed_out) {
		ssize_t r = read(0, line + n, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (line[n] == '\n')
			break;
		n++;
	}
	alarm(0);
	line[n] = '\0';
	if (n > 0 && line[n - 1] == '\r')
		line[--n] = '\0';
	char *w[4];
	int k = fic_split(line, w, 4);
	if (k == 0) {
		snprintf(why, FIC_WHY_MAX, "tty:typed-ahead-line-lost");
		return -1;
	}
	if (k != 3 || strcmp(w[0], "A") != 0 || strcmp(w[1], id) != 0) {
		snprintf(why, FIC_WHY_MAX, "tty:typed-ahead-line-wrong");
		return -1;
	}
	return 0;
}

/* state_damage: spoil LABEL's state behind the service's back, so that
 * the next check must fail (os/tests/test_campaign_core.py shows each
 * reason): pm kills the sentinel, vfs moves the held file's offset,
 * rootfs empties FIC_KEPT, tty turns echo back on, memdev and ds close
 * the device fic holds, pci and inet change what their check expects
 * (net_damage). 0, or -1 when LABEL is not set up (or has no
 * damage). */
int state_damage(const char *label)
{
	if (!state_active(label))
		return -1;
	if (strcmp(label, "pm") == 0 && sentinel > 0)
		return kill(sentinel, SIGKILL);
	if (strcmp(label, "vfs") == 0)
		return lseek(held_fd, 1, SEEK_CUR) < 0 ? -1 : 0;
	if (strcmp(label, "rootfs") == 0) {
		int fd = open(FIC_KEPT, O_WRONLY | O_TRUNC);
		return fd < 0 ? -1 : close(fd);
	}
	if (strcmp(label, "tty") == 0) {
		struct termios t;
		if (tcgetattr(0, &t) != 0)
			return -1;
		t.c_lflag |= ECHO;
		return tcsetattr(0, TCSANOW, &t);
	}
	if (strcmp(label, "memdev") == 0)
		return close(zero_fd);
	if (strcmp(label, "ds") == 0)
		return close(probe_fd);
	return net_damage(label);
}

void state_teardown(void)
{
	if (sentinel > 0) {
		char c = 'q';
		if (write(ask_fd, &c, 1) != 1)
			kill(sentinel, SIGKILL);
		waitpid(sentinel, NULL, 0);
		close(ask_fd);
		close(answer_fd);
		sentinel = -1;
	}
	if (waited > 0)
		kill(waited, SIGKILL);      /* the waiter's wait ends, it exits */
	if (waiter > 0)
		waitpid(waiter, NULL, 0);
	waiter = waited = -1;
	if (held_fd >= 0) {
		close(held_fd);
		unlink(FIC_HELD);
	}
	if (pipe_fds[0] >= 0) {
		close(pipe_fds[0]);
		close(pipe_fds[1]);
	}
	if (zero_fd >= 0)
		close(zero_fd);
	if (probe_fd >= 0)
		close(probe_fd);
	if (state_active("rootfs"))
		unlink(FIC_KEPT);
}
