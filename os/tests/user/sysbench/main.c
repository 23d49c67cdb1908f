/* sysbench: guest instructions per POSIX call through the servers, for
 * `make bench` (harness/bench.py types `sysbench` at the shell prompt of a
 * QEMU booted with -icount shift=0, where the TSC counts guest
 * instructions: see os/tests/include/bench_calib.h and
 * os/tests/ipcbench/main.c for the method and its checks).
 *
 * Each figure is (T(op, N) - T(base, N)) / N, rounded, where T(f, N) is the
 * TSC difference around time_loop() calling f N times through a function
 * pointer, after WARMUP untimed calls. The count covers everything the
 * system executes meanwhile: this process, its partner process, the
 * servers (PM, VFS, MM, the driver), the kernel, clock interrupts.
 *
 *   getpid_insns          getpid(): one PM_GETPID request to PM and its
 *                         answer. base: an empty function.
 *   pipe_roundtrip_insns  one byte written into pipe A by this process,
 *                         read from A by a forked child (blocked in read
 *                         on A), written back by the child into pipe B and
 *                         read from B by this process (blocked in read on
 *                         B meanwhile): two write()s and two read()s of 1
 *                         byte, two blocked reads woken, the switches
 *                         between the two processes. base: an empty
 *                         function.
 *   fork_exit_wait_insns  fork(), the child's _exit(0) at once (no exec),
 *                         waitpid() for it in this process (status
 *                         checked). base: an empty function.
 *   hello_read_insns      one read() of 14 bytes ("Hello, World!\n") from
 *                         /dev/hello, opened once before the loops: op is
 *                         lseek(fd, 0, SEEK_SET) then read(fd, buf, 14)
 *                         (the driver reads from the file position), base
 *                         is lseek(fd, 0, SEEK_SET) alone, so the figure
 *                         is the read alone (VFS, the driver, the copy to
 *                         the user). The lseek's own cost is printed as
 *                         lseek=L on the same line.
 *
 * Output, one line each: the calibration lines, then
 *   bench: NAME=INSNS n=N total=T base=B [lseek=L]
 *   bench: done
 * or `bench: error: ...` (the run is then refused). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "../../include/bench_calib.h"

#define N_FAST     2000      /* timed calls: getpid, pipe, hello */
#define N_FORK     100       /* timed calls: fork + _exit + wait */
#define WARMUP     20

#define HELLO_DEVICE  "/dev/hello"
#define HELLO_MESSAGE "Hello, World!\n"
#define HELLO_LEN     14

static int to_child[2], from_child[2];   /* the pipes A and B */
static int hello_fd = -1;

/* op_nop: the base of the figures measured against nothing. */
static __attribute__((noipa)) int op_nop(void)
{
	return 0;
}

/* op_getpid: one getpid(); 1 if it failed. */
static __attribute__((noipa)) int op_getpid(void)
{
	return getpid() > 0 ? 0 : 1;
}

/* op_pipe: one byte to the echo child and back; 2 on a short transfer. */
static __attribute__((noipa)) int op_pipe(void)
{
	char c = 'x';
	if (write(to_child[1], &c, 1) != 1)
		return 2;
	if (read(from_child[0], &c, 1) != 1 || c != 'x')
		return 2;
	return 0;
}

/* op_fork: fork, the child exits with 0, wait for it; 3 on a failure. */
static __attribute__((noipa)) int op_fork(void)
{
	pid_t pid = fork();
	if (pid < 0)
		return 3;
	if (pid == 0)
		_exit(0);
	int status;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return 3;
	return 0;
}

/* op_seek: hello's file position back to 0; 4 on a failure. */
static __attribute__((noipa)) int op_seek(void)
{
	return lseek(hello_fd, 0, SEEK_SET) == 0 ? 0 : 4;
}

/* op_hello: the position back to 0, then one 14-byte read; 4 if the read
 * did not give the whole message. */
static __attribute__((noipa)) int op_hello(void)
{
	char buf[HELLO_LEN];
	if (lseek(hello_fd, 0, SEEK_SET) != 0)
		return 4;
	if (read(hello_fd, buf, HELLO_LEN) != HELLO_LEN ||
	    memcmp(buf, HELLO_MESSAGE, HELLO_LEN) != 0)
		return 4;
	return 0;
}

/* timed: T(OP, N) after WARMUP untimed calls into *TICKS. Returns 0, or -1
 * after printing a bench error naming NAME. */
static int timed(const char *name, op_fn op, uint32_t n, uint64_t *ticks)
{
	int err;
	time_loop(op, WARMUP, &err);
	if (err == 0)
		*ticks = time_loop(op, n, &err);
	if (err != 0) {
		printf("bench: error: %s: the operation failed (%d)\n", name,
		    err);
		return -1;
	}
	return 0;
}

/* measure: print "bench: NAME=INSNS n=N total=T base=B" (with EXTRA) for
 * OP against BASE. Returns 0, or -1 after printing a bench error. */
static int measure(const char *name, op_fn op, op_fn base, uint32_t n,
    const char *extra)
{
	uint64_t t_base, t_op;
	if (timed(name, base, n, &t_base) != 0 ||
	    timed(name, op, n, &t_op) != 0)
		return -1;
	if (t_op <= t_base) {
		printf("bench: error: %s: %llu ticks for the operations, %llu "
		    "for the base\n", name, t_op, t_base);
		return -1;
	}
	printf("bench: %s=%llu n=%u total=%llu base=%llu%s\n", name,
	    (t_op - t_base + n / 2) / n, n, t_op, t_base, extra);
	return 0;
}

/* echo_child: read a byte from pipe A, write it to pipe B, until A ends. */
static void __attribute__((noreturn)) echo_child(void)
{
	char c;
	close(to_child[1]);
	close(from_child[0]);
	while (read(to_child[0], &c, 1) == 1)
		if (write(from_child[1], &c, 1) != 1)
			_exit(1);
	_exit(0);
}

/* bench_pipe: pipe_roundtrip_insns with a forked echo child. */
static int bench_pipe(void)
{
	if (pipe(to_child) != 0 || pipe(from_child) != 0) {
		printf("bench: error: pipe_roundtrip_insns: pipe failed\n");
		return -1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		printf("bench: error: pipe_roundtrip_insns: fork failed\n");
		return -1;
	}
	if (pid == 0)
		echo_child();
	close(to_child[0]);
	close(from_child[1]);
	int r = measure("pipe_roundtrip_insns", op_pipe, op_nop, N_FAST, "");
	close(to_child[1]);
	int status;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		printf("bench: error: pipe_roundtrip_insns: the echo child "
		    "did not exit with 0\n");
		return -1;
	}
	close(from_child[0]);
	return r;
}

/* bench_hello: hello_read_insns, with the lseek's own cost as a field. */
static int bench_hello(void)
{
	hello_fd = open(HELLO_DEVICE, O_RDONLY);
	if (hello_fd < 0) {
		printf("bench: error: hello_read_insns: cannot open %s\n",
		    HELLO_DEVICE);
		return -1;
	}
	uint64_t t_nop, t_seek;
	if (timed("lseek", op_nop, N_FAST, &t_nop) != 0 ||
	    timed("lseek", op_seek, N_FAST, &t_seek) != 0)
		return -1;
	char extra[48];
	snprintf(extra, sizeof extra, " lseek=%llu",
	    t_seek > t_nop ? (t_seek - t_nop + N_FAST / 2) / N_FAST : 0ull);
	int r = measure("hello_read_insns", op_hello, op_seek, N_FAST, extra);
	close(hello_fd);
	return r;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	calibrate();
	if (measure("getpid_insns", op_getpid, op_nop, N_FAST, "") != 0 ||
	    bench_pipe() != 0 ||
	    measure("fork_exit_wait_insns", op_fork, op_nop, N_FORK, "") != 0 ||
	    bench_hello() != 0)
		return 1;
	printf("bench: done\n");
	return 0;
}
