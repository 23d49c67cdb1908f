/* rsreq: a request to RS that `service` would never send, to check RS's
 * own side of its rules (os/tests/test_rs_protection.py). Prints RS's
 * reply code (0 or -errno) as "rsreq: N" and exits 0 (1 on bad usage).
 *
 *   rsreq update LABEL BINARY MLABEL   RS_UPDATE of LABEL to BINARY with a
 *                                      manifest labelled MLABEL
 *   rsreq up LABEL BINARY DEV MAJOR    RS_UP with the device file DEV
 *                                      ("-": none) and major MAJOR as
 *                                      given
 *   rsreq pmscript                     RS_PM_SCRIPT (PM only)
 *   rsreq forkempty                    not a request to RS: the kernel
 *                                      call RS starts services with
 *                                      (SYS_FORK FORK_STOPPED |
 *                                      FORK_EMPTY), which is RS's alone;
 *                                      prints the kernel's reply code */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <abi/boot.h>
#include "manifest.h"
#include "syslib.h"

/* Sends TYPE with the struct at ADDR (LEN bytes); RS's reply code. */
static int rs_call(int type, void *addr, uint32_t len)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.u.rs_req.addr = (vir_bytes) addr;
	m.u.rs_req.len = len;
	int r = ipc_sendrec(RS_EP, &m);
	return r != 0 ? r : m.m_type;
}

/* Reads PATH whole into *ST's image. 0, or -1 (message printed). */
static int load(struct rs_start *st, const char *path)
{
	int fd = open(path, O_RDONLY);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) < 0) {
		printf("rsreq: %s: cannot open\n", path);
		return -1;
	}
	char *buf = malloc((size_t) sb.st_size);
	if (!buf || read(fd, buf, (size_t) sb.st_size) != sb.st_size) {
		printf("rsreq: %s: cannot read\n", path);
		return -1;
	}
	close(fd);
	st->image = (vir_bytes) buf;
	st->image_len = (uint32_t) sb.st_size;
	strncpy(st->binary, path, sizeof(st->binary) - 1);
	return 0;
}

int main(int argc, char *argv[])
{
	static struct rs_start st;
	memset(&st, 0, sizeof(st));
	st.dev_major = -1;
	st.period = -1;
	st.state = SEF_LU_STATE_WORK_FREE;
	st.maxtime = 200;
	int r;
	if (argc == 5 && strcmp(argv[1], "update") == 0) {
		strncpy(st.label, argv[2], sizeof(st.label) - 1);
		if (load(&st, argv[3]) < 0)
			return 1;
		manifest_defaults(&st.manifest, argv[4]);
		r = rs_call(RS_UPDATE, &st, sizeof(st));
	} else if (argc == 6 && strcmp(argv[1], "up") == 0) {
		strncpy(st.label, argv[2], sizeof(st.label) - 1);
		if (load(&st, argv[3]) < 0)
			return 1;
		if (strcmp(argv[4], "-") != 0)
			strncpy(st.dev, argv[4], sizeof(st.dev) - 1);
		st.dev_major = atoi(argv[5]);
		manifest_defaults(&st.manifest, argv[2]);
		r = rs_call(RS_UP, &st, sizeof(st));
	} else if (argc == 2 && strcmp(argv[1], "forkempty") == 0) {
		endpoint_t child = NONE;
		r = sys_fork_proc(SELF, FORK_STOPPED | FORK_EMPTY, &child);
		if (r == 0 && child != NONE) {
			printf("rsreq: made endpoint %d\n", child);
			sys_clear(child);
		}
	} else if (argc == 2 && strcmp(argv[1], "pmscript") == 0) {
		static char frame[256];
		r = rs_call(RS_PM_SCRIPT, frame, sizeof(frame));
	} else {
		printf("usage: rsreq update LABEL BINARY MLABEL | up LABEL BINARY "
		    "DEV MAJOR | pmscript | forkempty\n");
		return 1;
	}
	printf("rsreq: %d\n", r);
	return 0;
}
