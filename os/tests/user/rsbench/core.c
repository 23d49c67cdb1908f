/* `rsbench core LABEL...`: the restart in place of core services, in guest
 * time (make bench's pm_recovery_ms .. rs_recovery_ms, harness/bench.py).
 * For each LABEL in turn: ask RS for `service fi LABEL crash`, wait until
 * RS reports LABEL up again with its restart count one higher (a status
 * request to RS; for RS itself the request waits until the kernel has
 * restarted RS in place), then until one operation that goes through the
 * service succeeds (pm: getppid; mm: a fresh page mapped, written, read
 * back, unmapped; vfs: stat of "/"; rootfs: /etc/rc opened and read;
 * tty: the console's settings read; memdev: /dev/zero read; ds and rs:
 * their status, as no user process talks to DS). The figure is the guest
 * time from the fault request to that success:
 *   bench: LABEL_recovery_ms=X insns=N
 * and after the last label "bench: done", or "bench: error: ..." and exit
 * status 1. One crash per service per boot (RS's backoff stays out of
 * the figure). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "rsbench.h"

/* probe: one operation through service NAME; 1 when it succeeded, 0 when
 * not (yet), -1 when NAME has no probe. */
static int probe(const char *name)
{
	if (strcmp(name, "pm") == 0)
		return getppid() > 0;
	if (strcmp(name, "mm") == 0) {
		volatile char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANON, -1, 0);
		if (p == MAP_FAILED)
			return 0;
		int ok = p[17] == 0;
		p[17] = 42;
		ok = ok && p[17] == 42;
		munmap((void *) p, 4096);
		return ok;
	}
	if (strcmp(name, "vfs") == 0) {
		struct stat st;
		return stat("/", &st) == 0 && S_ISDIR(st.st_mode);
	}
	if (strcmp(name, "rootfs") == 0) {
		char buf[16];
		int fd = open("/etc/rc", O_RDONLY);
		if (fd < 0)
			return 0;
		int ok = read(fd, buf, sizeof(buf)) > 0;
		close(fd);
		return ok;
	}
	if (strcmp(name, "tty") == 0) {
		struct termios t;
		return tcgetattr(0, &t) == 0;
	}
	if (strcmp(name, "memdev") == 0) {
		char buf[8] = "xxxxxxx";
		int fd = open("/dev/zero", O_RDONLY);
		if (fd < 0)
			return 0;
		int ok = read(fd, buf, sizeof(buf)) == (ssize_t) sizeof(buf) &&
		    buf[0] == 0 && buf[7] == 0;
		close(fd);
		return ok;
	}
	if (strcmp(name, "ds") == 0 || strcmp(name, "rs") == 0)
		return 1;
	return -1;
}

/* one: the recovery of service NAME (see the top); 0 or -1. */
static int one(const char *name)
{
	static char figure[64];
	struct rs_status before, now;
	label = name;
	if (probe(name) != 1) {
		printf("bench: error: no probe for %s, or it fails before the "
		    "fault\n", name);
		return -1;
	}
	if (driver_status(&before) != 0) {
		printf("bench: error: no status for %s from RS\n", name);
		return -1;
	}
	struct rs_start st;
	memset(&st, 0, sizeof(st));
	strncpy(st.label, name, sizeof(st.label) - 1);
	uint64_t t0 = bench_now();
	int r = rs_request(RS_FI, &st, FI_CRASH);
	if (r != 0) {
		printf("bench: error: fault injection into %s refused (%d)\n",
		    name, r);
		return -1;
	}
	unsigned long errors = 0;
	for (;;) {
		if (driver_status(&now) != 0) {
			if (++errors > 1000000) {
				printf("bench: error: RS does not report %s "
				    "again\n", name);
				return -1;
			}
			continue;
		}
		if (now.restarts > before.restarts && now.state == RS_STATE_UP)
			break;
	}
	while (probe(name) != 1)
		;
	uint64_t t1 = bench_now();
	if (now.endpoint != before.endpoint) {
		printf("bench: error: %s came back at endpoint %d, not %d\n",
		    name, (int) now.endpoint, (int) before.endpoint);
		return -1;
	}
	snprintf(figure, sizeof(figure), "%s_recovery_ms", name);
	print_ms(figure, t1 - t0, "");
	return 0;
}

/* core_recovery: see rsbench.h. */
int core_recovery(int n, char **labels)
{
	for (int i = 0; i < n; i++)
		if (one(labels[i]) != 0)
			return 1;
	printf("bench: done\n");
	return 0;
}
