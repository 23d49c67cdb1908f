/* fic's workloads: one row per driver a campaign may fault, saying which
 * device its client opens and how one operation is checked, so that wrong
 * data is told apart from an error (the driver away):
 *   hello (and liar, a test driver that lies after a restart): a read at
 *     offset 0 must return exactly "Hello, World!\n";
 *   rtc: a read at offset 0 must return one well-formed line
 *     "YYYY-MM-DD HH:MM:SS\n" whose time never goes back and never runs
 *     ahead of the clock ticks since the last good reading (plus 10 s);
 *   printer: a write of a numbered 32-byte line must take exactly 32
 *     bytes (-EBUSY: another client prints, not counted).
 *   ata: a file on the ext2 file system of /dev/c0d0 copied and compared
 *     (fileop.c: harness/campaign.py's disk holds it).
 *   pm mm vfs rootfs ds tty memdev rs: core.c (no device, or the one
 *     named here, opened once like a driver's).
 *   e1000 inet pci: net.c (an echo through the card, a datagram through
 *     the loopback, lspci's text; new sockets every operation).
 * The workload child (wl_start) repeats operations until SIGUSR1, then
 * writes its counts on a pipe. It opens the device once and reopens only
 * after an error (hello prints a console line on every open). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "fic.h"

#define HELLO_TEXT "Hello, World!\n"
#define RTC_LEN 20
#define LP_JOB 32
#define CLOCK_SLACK_S 10   /* the emulator may stall the guest's ticks */

struct workload {
	const char *label;
	const char *device;
	int flags;                                 /* open() flags */
	int (*op)(struct wl_client *c);            /* OP_* */
};

/* read_from_start: read up to SIZE bytes of C's device from offset 0
 * into BUF; the count, or -1 on an error. */
static ssize_t read_from_start(struct wl_client *c, char *buf, size_t size)
{
	if (lseek(c->fd, 0, SEEK_SET) < 0)
		return -1;
	return read(c->fd, buf, size);
}

/* op_hello: read the message from offset 0 and compare it. */
static int op_hello(struct wl_client *c)
{
	char buf[64];
	ssize_t n = read_from_start(c, buf, sizeof(buf));
	if (n < 0)
		return OP_ERROR;
	return n == (ssize_t) strlen(HELLO_TEXT) &&
	    memcmp(buf, HELLO_TEXT, (size_t) n) == 0 ? OP_OK : OP_WRONG;
}

/* field: the decimal number of LEN digits at S, or -1. */
static int field(const char *s, int len)
{
	int v = 0;
	for (int i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* days_from_civil: days since 1970-01-01 of Y-M-D (proleptic Gregorian). */
static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* rtc_parse: seconds since 1970 of the line BUF, or -1 if malformed. */
static int64_t rtc_parse(const char *b)
{
	if (b[4] != '-' || b[7] != '-' || b[10] != ' ' || b[13] != ':' ||
	    b[16] != ':' || b[19] != '\n')
		return -1;
	int y = field(b, 4), mo = field(b + 5, 2), d = field(b + 8, 2);
	int h = field(b + 11, 2), mi = field(b + 14, 2), s = field(b + 17, 2);
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 ||
	    h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59)
		return -1;
	return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

/* op_rtc: read the clock line and check its form and its progress. */
static int op_rtc(struct wl_client *c)
{
	char buf[64];
	ssize_t n = read_from_start(c, buf, sizeof(buf));
	if (n < 0)
		return OP_ERROR;
	uint32_t tick = (uint32_t) uptime();
	int64_t t = n == RTC_LEN ? rtc_parse(buf) : -1;
	if (t < 0)
		return OP_WRONG;
	if (c->last_time >= 0) {
		int64_t ahead = (int64_t) (tick - c->last_tick) / 100 +
		    CLOCK_SLACK_S;
		if (t < c->last_time || t > c->last_time + ahead)
			return OP_WRONG;
	}
	c->last_time = t;
	c->last_tick = tick;
	return OP_OK;
}

/* op_printer: print one numbered line of LP_JOB bytes. */
static int op_printer(struct wl_client *c)
{
	char job[LP_JOB + 1];
	snprintf(job, sizeof(job), "fic %08x %-18s\n", (unsigned) c->seq,
	    "campaign");
	ssize_t n = write(c->fd, job, LP_JOB);
	if (n < 0)
		return errno == EBUSY ? OP_BUSY : OP_ERROR;
	return n == LP_JOB ? OP_OK : OP_WRONG;
}

static const struct workload workloads[] = {
	{ "hello",   "/dev/hello", O_RDONLY, op_hello },
	{ "liar",    "/dev/hello", O_RDONLY, op_hello },
	{ "rtc",     "/dev/rtc",   O_RDONLY, op_rtc },
	{ "printer", "/dev/lp",    O_WRONLY, op_printer },
	{ "ata",     FIC_SRC,      O_RDONLY, op_file },
	{ "pm",      NULL,         0,        op_pm },
	{ "mm",      NULL,         0,        op_mm },
	{ "vfs",     NULL,         0,        op_vfs },
	{ "rootfs",  NULL,         0,        op_rootfs },
	{ "ds",      FIC_DSPROBE,  O_RDONLY, op_ds },
	{ "tty",     NULL,         0,        op_tty },
	{ "memdev",  "/dev/zero",  O_RDONLY, op_memdev },
	{ "rs",      NULL,         0,        op_rs },
	{ "e1000",   NULL,         0,        op_e1000 },
	{ "inet",    NULL,         0,        op_inet },
	{ "pci",     NULL,         0,        op_pci },
};

/* workload_find: the workload of driver LABEL, or NULL. */
const struct workload *workload_find(const char *label)
{
	for (size_t i = 0; i < sizeof(workloads) / sizeof(workloads[0]); i++)
		if (strcmp(workloads[i].label, label) == 0)
			return &workloads[i];
	return NULL;
}

/* wl_client_init: a client of W that has not opened the device yet. */
void wl_client_init(struct wl_client *c, const struct workload *w)
{
	memset(c, 0, sizeof(*c));
	c->w = w;
	c->fd = -1;
	c->last_time = -1;
}

/* wl_op: one checked operation (OP_*), opening the device first when it
 * is not open (a workload without one opens nothing); an error closes
 * it, so the next operation reopens it. */
int wl_op(struct wl_client *c)
{
	if (c->fd < 0 && c->w->device != NULL &&
	    (c->fd = open(c->w->device, c->w->flags)) < 0)
		return OP_ERROR;
	c->seq++;
	int r = c->w->op(c);
	if (r == OP_ERROR)
		wl_client_close(c);
	return r;
}

/* wl_client_close: close the device if it is open. */
void wl_client_close(struct wl_client *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

static volatile sig_atomic_t wl_stopping;

static void on_stop(int sig)
{
	(void) sig;
	wl_stopping = 1;
}

/* wl_child: the workload process: operations until SIGUSR1, then the
 * counts on WFD. Never returns. */
static void wl_child(const struct workload *w, int wfd)
{
	struct wl_client c;
	struct wl_counts n = { 0, 0, 0 };
	wl_client_init(&c, w);
	while (!wl_stopping) {
		int r = wl_op(&c);
		if (wl_stopping && r != OP_OK)
			break;                 /* interrupted by the stop */
		if (r == OP_OK)
			n.ok++;
		else if (r == OP_WRONG)
			n.wrong++;
		else if (r == OP_ERROR)
			n.err++;
		if (r == OP_ERROR || r == OP_BUSY)
			usleep(1);             /* give the driver a tick */
	}
	wl_client_close(&c);
	ssize_t k = write(wfd, &n, sizeof(n));
	_exit(k == (ssize_t) sizeof(n) ? 0 : 1);
}

/* wl_start: fork the workload child of W; its pid into *PID and the read
 * end of its count pipe into *RFD. 0, or -1 when fork or pipe failed. */
int wl_start(const struct workload *w, int *pid, int *rfd)
{
	int fds[2];
	if (pipe(fds) < 0)
		return -1;
	wl_stopping = 0;
	signal(SIGUSR1, on_stop);
	pid_t p = fork();
	if (p < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (p == 0) {
		close(fds[0]);
		wl_child(w, fds[1]);
	}
	close(fds[1]);
	*pid = p;
	*rfd = fds[0];
	return 0;
}

static void on_alarm(int sig)
{
	(void) sig;
}

/* wl_stop: stop the child PID (SIGUSR1), read its counts from RFD into
 * *COUNTS and reap it. A child that does not answer within 2 s is killed.
 * 0, or -1 when no counts came. */
int wl_stop(int pid, int rfd, struct wl_counts *counts)
{
	memset(counts, 0, sizeof(*counts));
	kill(pid, SIGUSR1);
	signal(SIGALRM, on_alarm);
	alarm(2);
	ssize_t n = read(rfd, counts, sizeof(*counts));
	alarm(0);
	close(rfd);
	if (n != (ssize_t) sizeof(*counts))
		kill(pid, SIGKILL);
	int status;
	waitpid(pid, &status, 0);
	return n == (ssize_t) sizeof(*counts) ? 0 : -1;
}
