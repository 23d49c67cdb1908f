/* fic's workloads of the core services and RS (the table in workload.c
 * names them): each operation asks the service something whose right
 * answer fic knows, so that wrong data is told apart from an error (the
 * service away):
 *   pm:     a fork whose child exits with a status it computes from its
 *           parent's pid (getppid) and the operation's number;
 *   mm:     a fresh anonymous mapping of two pages must read zeros, then
 *           hold the pattern written into it; unmapped again;
 *   vfs:    a pipe carries 64 bytes of the pattern through unchanged;
 *   rootfs: a file in /tmp written, read back and removed;
 *   ds:     the DS probe (os/tests/services/dsprobe) reads its key from
 *           DS: the answer must be the one fic read when it started;
 *   tty:    the console's settings still have echo off (fic set that);
 *   memdev: /dev/zero reads zeros, /dev/null takes a write whole and
 *           reads end of file;
 *   rs:     RS's status of RS itself and of pm names them (not up yet:
 *           an error).
 * Each returns OP_OK, OP_WRONG or OP_ERROR (workload.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "fic.h"

#define MM_BYTES (2 * 4096)
#define PIPE_BYTES 64
#define FILE_BYTES 1024
#define ZERO_BYTES 128

/* fic_pattern: byte I of the pattern of SEED (every check's data). */
uint8_t fic_pattern(uint32_t seed, uint32_t i)
{
	uint32_t v = (i + 1) * 0x9E3779B1u ^ seed;
	return (uint8_t) (v ^ (v >> 13) ^ (v >> 24));
}

/* matches: whether BUF[0..N-1] holds the pattern of SEED from byte FROM. */
static int matches(const uint8_t *buf, size_t n, uint32_t seed,
    uint32_t from)
{
	for (size_t i = 0; i < n; i++)
		if (buf[i] != fic_pattern(seed, from + (uint32_t) i))
			return 0;
	return 1;
}

/* fill: the pattern of SEED into BUF[0..N-1]. */
static void fill(uint8_t *buf, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = fic_pattern(seed, (uint32_t) i);
}

#define PM_CHILD_WRONG 0x7f     /* the child's parent is someone else */
#define PM_CHILD_ERROR 0x7e     /* the child's getppid failed (PM away:
                                 * a request in flight at a restart in
                                 * place is answered EIO) */

/* op_pm: fork; the child exits with (SEQ & 0x3f) when its parent is this
 * process, PM_CHILD_WRONG when it is another, PM_CHILD_ERROR when PM
 * could not tell; the parent reaps it and compares. An error of PM's is
 * an error, not wrong data. */
int op_pm(struct wl_client *c)
{
	pid_t me = getpid();
	if (me < 0)
		return OP_ERROR;
	int want = (int) (c->seq & 0x3f);
	pid_t p = fork();
	if (p < 0)
		return OP_ERROR;
	if (p == 0) {
		pid_t parent = getppid();
		_exit(parent < 0 ? PM_CHILD_ERROR :
		    parent == me ? want : PM_CHILD_WRONG);
	}
	int status;
	pid_t r;
	while ((r = waitpid(p, &status, 0)) < 0 && errno == EINTR)
		;
	if (r != p)
		return OP_ERROR;
	if (WIFEXITED(status) && WEXITSTATUS(status) == PM_CHILD_ERROR)
		return OP_ERROR;
	return WIFEXITED(status) && WEXITSTATUS(status) == want ? OP_OK :
	    OP_WRONG;
}

/* op_mm: a fresh mapping reads zeros and keeps what is written. */
int op_mm(struct wl_client *c)
{
	uint8_t *p = mmap(NULL, MM_BYTES, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return OP_ERROR;
	int r = OP_OK;
	for (size_t i = 0; i < MM_BYTES; i++)
		if (p[i] != 0)
			r = OP_WRONG;
	fill(p, MM_BYTES, c->seq);
	if (!matches(p, MM_BYTES, c->seq, 0))
		r = OP_WRONG;
	if (munmap(p, MM_BYTES) != 0 && r == OP_OK)
		r = OP_ERROR;
	return r;
}

/* op_vfs: PIPE_BYTES of the pattern through a new pipe. */
int op_vfs(struct wl_client *c)
{
	int fds[2];
	uint8_t out[PIPE_BYTES], in[PIPE_BYTES];
	if (pipe(fds) < 0)
		return OP_ERROR;
	fill(out, sizeof(out), c->seq);
	int r = OP_ERROR;
	if (write(fds[1], out, sizeof(out)) == (ssize_t) sizeof(out)) {
		ssize_t n = read(fds[0], in, sizeof(in));
		if (n >= 0)
			r = n == (ssize_t) sizeof(in) &&
			    memcmp(in, out, sizeof(in)) == 0 ? OP_OK : OP_WRONG;
	}
	close(fds[0]);
	close(fds[1]);
	return r;
}

/* op_rootfs: FILE_BYTES written to /tmp/fic.rf.PID, read back, removed. */
int op_rootfs(struct wl_client *c)
{
	char path[48];
	uint8_t buf[FILE_BYTES];
	snprintf(path, sizeof(path), "%s/fic.rf.%d", FIC_STATE_DIR,
	    (int) getpid());
	fill(buf, sizeof(buf), c->seq);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return OP_ERROR;
	int r = OP_ERROR;
	if (write(fd, buf, sizeof(buf)) == (ssize_t) sizeof(buf) &&
	    lseek(fd, 0, SEEK_SET) == 0) {
		memset(buf, 0, sizeof(buf));
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n >= 0)
			r = n == (ssize_t) sizeof(buf) &&
			    matches(buf, sizeof(buf), c->seq, 0) ? OP_OK : OP_WRONG;
	}
	close(fd);
	if (unlink(path) < 0 && r == OP_OK)
		r = OP_ERROR;
	return r;
}

/* op_ds: the probe's answer from offset 0 (C's descriptor of
 * FIC_DSPROBE): "ok VALUE\n" equal to ds_expected, or "err N\n" (DS
 * failed: an error, unless N is -ENOENT: the key is gone, wrong). */
int op_ds(struct wl_client *c)
{
	char buf[sizeof(ds_expected)];
	if (lseek(c->fd, 0, SEEK_SET) < 0)
		return OP_ERROR;
	ssize_t n = read(c->fd, buf, sizeof(buf) - 1);
	if (n < 0)
		return OP_ERROR;
	buf[n] = '\0';
	if (strncmp(buf, "err ", 4) == 0) {
		int e = 0;
		sscanf(buf + 4, "%d", &e);
		return e == -ENOENT ? OP_WRONG : OP_ERROR;
	}
	return strcmp(buf, ds_expected) == 0 ? OP_OK : OP_WRONG;
}

/* op_tty: the console's settings: echo still off when fic turned it off
 * (fic_echo_off, main.c). */
int op_tty(struct wl_client *c)
{
	(void) c;
	struct termios t;
	if (tcgetattr(0, &t) != 0)
		return OP_ERROR;
	return fic_echo_off && (t.c_lflag & ECHO) ? OP_WRONG : OP_OK;
}

/* op_memdev: zeros from C's descriptor of /dev/zero; /dev/null takes
 * ZERO_BYTES whole and reads end of file. */
int op_memdev(struct wl_client *c)
{
	uint8_t buf[ZERO_BYTES];
	memset(buf, 0xa5, sizeof(buf));
	ssize_t n = read(c->fd, buf, sizeof(buf));
	if (n < 0)
		return OP_ERROR;
	if (n != (ssize_t) sizeof(buf))
		return OP_WRONG;
	for (size_t i = 0; i < sizeof(buf); i++)
		if (buf[i] != 0)
			return OP_WRONG;
	int fd = open("/dev/null", O_RDWR);
	if (fd < 0)
		return OP_ERROR;
	int r = OP_ERROR;
	n = write(fd, buf, sizeof(buf));
	if (n >= 0) {
		ssize_t m = read(fd, buf, sizeof(buf));
		if (m >= 0)
			r = n == (ssize_t) sizeof(buf) && m == 0 ? OP_OK :
			    OP_WRONG;
	}
	close(fd);
	return r;
}

/* op_rs: RS's status of "rs" and of "pm": each names its label, up. */
int op_rs(struct wl_client *c)
{
	static const char *const labels[] = { "rs", "pm" };
	struct rs_status st;
	const char *label = labels[c->seq & 1];
	if (rs_status_of(label, &st) != 0)
		return OP_ERROR;
	if (strncmp(st.label, label, sizeof(st.label)) != 0)
		return OP_WRONG;
	return st.state == RS_STATE_UP ? OP_OK : OP_ERROR;
}
