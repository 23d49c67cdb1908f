/* rsbench: what a client of the hello driver sees of a live update and of
 * a crash, for `make bench` (harness/bench.py types `rsbench` at the prompt
 * of a QEMU booted with -icount shift=0, where the TSC counts guest
 * instructions and one instruction is one nanosecond of guest time: see
 * os/tests/include/bench_calib.h). Output, one line each:
 *   bench: update_downtime_ms=X insns=N reads=R
 *   bench: recovery_ms=X insns=N
 *   bench: done
 * or `bench: error: ...`.
 *
 * update_downtime_ms: a child asks RS for `service update self -label
 * hello` while this process reads /dev/hello in a loop (every read must
 * succeed). The figure is RS's own measure of the time hello answered
 * nobody: from the old instance's freeze (it reached its prepare state) to
 * the new one's init done (rs_status.lu_downtime_tsc). The longest single
 * read the client saw is printed beside it (client_max_insns): user
 * processes run below the servers, so the client rarely meets the frozen
 * window at all.
 * recovery_ms: from asking RS to crash hello (`service fi hello crash`)
 * until a read of /dev/hello succeeds again after RS reported the restart.
 * Run it once per boot: a second crash would meet RS's backoff.
 *
 * `rsbench recovery LABEL DEVICE` measures only the recovery, of driver
 * LABEL read through DEVICE (make bench's ata_recovery_ms: `rsbench
 * recovery ata /dev/c0d0`): the first BLOCK bytes of DEVICE read before the
 * fault are what a read must give back; it prints
 *   bench: LABEL_recovery_ms=X insns=N
 *   bench: done
 * the time from the fault to the first disk request completed by the
 * restarted driver.
 *
 * `rsbench up N` measures the start of N further hello instances, one
 * `service up` each (up.c): bench: up_K_insns=N per start, then done.
 *
 * `rsbench core LABEL...` measures the restart in place of each core
 * service named (pm mm vfs rootfs ds tty memdev rs), one after the other
 * in one boot (core.c):
 *   bench: LABEL_recovery_ms=X insns=N
 *   bench: done */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <abi/boot.h>
#include <abi/rs.h>
#include "syslib.h"
#include "../../include/bench_calib.h"
#include "rsbench.h"

#define BLOCK 512            /* bytes a read asks for */

const char *label = "hello";
static const char *device = "/dev/hello";
static char expected[BLOCK] = "Hello, World!\n";
static ssize_t expected_len = 14;

/* rs_request: see rsbench.h. */
int rs_request(int type, struct rs_start *st, int arg)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.u.rs_req.addr = (vir_bytes) st;
	m.u.rs_req.len = sizeof(*st);
	m.u.rs_req.arg = arg;
	strncpy(m.u.rs_req.label, label, sizeof(m.u.rs_req.label) - 1);
	int r = ipc_sendrec(RS_EP, &m);
	return r != 0 ? r : m.m_type;
}

/* driver_status: see rsbench.h. */
int driver_status(struct rs_status *s)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = RS_STATUS;
	m.u.rs_req.addr = (vir_bytes) s;
	m.u.rs_req.len = sizeof(*s);
	strncpy(m.u.rs_req.label, label, sizeof(m.u.rs_req.label) - 1);
	int r = ipc_sendrec(RS_EP, &m);
	if (r == 0)
		r = m.m_type;
	return r == 1 ? 0 : (r < 0 ? r : -1);
}

/* read_ok: one read of FD from offset 0; 1 when it gave the expected
 * bytes (hello's message, or the device's first block). */
static int read_ok(int fd)
{
	char buf[BLOCK];
	if (lseek(fd, 0, SEEK_SET) < 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof(buf));
	return n == expected_len && memcmp(buf, expected, n) == 0;
}

/* bench_now: see rsbench.h. */
uint64_t bench_now(void)
{
	return rdtsc();
}

/* print_ms: see rsbench.h. */
void print_ms(const char *name, uint64_t insns, const char *extra)
{
	printf("bench: %s=%llu.%03llu insns=%llu%s\n", name,
	    (unsigned long long) (insns / 1000000),
	    (unsigned long long) (insns / 1000 % 1000),
	    (unsigned long long) insns, extra);
}

/* update_downtime: see the top of the file. Returns 0 or -1. */
static int update_downtime(int fd)
{
	struct rs_start st;
	memset(&st, 0, sizeof(st));
	strcpy(st.label, label);
	strcpy(st.binary, "self");
	st.dev_major = -1;
	st.period = -1;
	st.state = SEF_LU_STATE_WORK_FREE;
	st.maxtime = 200;
	pid_t pid = fork();
	if (pid < 0) {
		printf("bench: error: fork failed\n");
		return -1;
	}
	if (pid == 0) {
		int r = rs_request(RS_UPDATE, &st, 0);
		_exit(r < 0 ? -r : r);
	}
	uint64_t worst = 0;              /* the longest read */
	unsigned long reads = 0, failed = 0;
	int status = 0, done = 0;
	while (!done) {
		done = waitpid(pid, &status, WNOHANG) == pid;
		uint64_t t0 = rdtsc();
		int ok = read_ok(fd);
		uint64_t t1 = rdtsc();
		reads++;
		if (!ok)
			failed++;
		if (t1 - t0 > worst)
			worst = t1 - t0;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		printf("bench: error: the update of hello failed (status %d)\n",
		    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return -1;
	}
	if (failed) {
		printf("bench: error: %lu of %lu reads failed during the update\n",
		    failed, reads);
		return -1;
	}
	struct rs_status now;
	if (driver_status(&now) != 0 || now.lu_downtime_tsc == 0) {
		printf("bench: error: RS reports no downtime for the update\n");
		return -1;
	}
	char extra[80];
	snprintf(extra, sizeof(extra), " reads=%lu client_max_insns=%llu",
	    reads, (unsigned long long) worst);
	print_ms("update_downtime_ms", now.lu_downtime_tsc, extra);
	return 0;
}

/* recovery: see the top of the file; the figure is printed as NAME.
 * Returns 0 or -1. */
static int recovery(int fd, const char *name)
{
	struct rs_status before, now;
	if (driver_status(&before) != 0) {
		printf("bench: error: no status for %s from RS\n", label);
		return -1;
	}
	struct rs_start st;
	memset(&st, 0, sizeof(st));
	strcpy(st.label, label);
	uint64_t t0 = rdtsc();
	int r = rs_request(RS_FI, &st, FI_CRASH);
	if (r != 0) {
		printf("bench: error: fault injection refused (%d)\n", r);
		return -1;
	}
	for (;;) {
		if (driver_status(&now) != 0) {
			printf("bench: error: %s vanished after the fault\n",
			    label);
			return -1;
		}
		if (now.restarts > before.restarts && now.state == RS_STATE_UP)
			break;
	}
	while (!read_ok(fd))
		;
	print_ms(name, rdtsc() - t0, "");
	return 0;
}

/* driver_recovery: `rsbench recovery LABEL DEVICE` (see the top of the
 * file). The exit status. */
static int driver_recovery(const char *which, const char *path)
{
	static char name[64];
	label = which;
	device = path;
	snprintf(name, sizeof(name), "%s_recovery_ms", label);
	int fd = open(device, O_RDONLY);
	if (fd < 0) {
		printf("bench: error: cannot open %s\n", device);
		return 1;
	}
	expected_len = read(fd, expected, sizeof(expected));
	if (expected_len <= 0 || !read_ok(fd)) {
		printf("bench: error: %s gives nothing to read\n", device);
		return 1;
	}
	if (recovery(fd, name) != 0)
		return 1;
	printf("bench: done\n");
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	calibrate();
	if (argc == 4 && strcmp(argv[1], "recovery") == 0)
		return driver_recovery(argv[2], argv[3]);
	if (argc == 3 && strcmp(argv[1], "up") == 0)
		return up_cost(atoi(argv[2]));
	if (argc >= 3 && strcmp(argv[1], "core") == 0)
		return core_recovery(argc - 2, argv + 2);
	if (argc != 1) {
		printf("usage: rsbench [recovery LABEL DEVICE | core LABEL...]\n");
		return 2;
	}
	int fd = open(device, O_RDONLY);
	if (fd < 0) {
		printf("bench: error: cannot open %s\n", device);
		return 1;
	}
	for (int i = 0; i < 3; i++)
		if (!read_ok(fd)) {
			printf("bench: error: %s does not say hello\n",
			    device);
			return 1;
		}
	if (update_downtime(fd) != 0 || recovery(fd, "recovery_ms") != 0)
		return 1;
	printf("bench: done\n");
	return 0;
}
