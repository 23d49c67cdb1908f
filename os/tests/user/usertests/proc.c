/* usertests: processes. fork and exit statuses, many children, copies of
 * memory, exec with arguments and environment, waiting for any child,
 * orphans, getppid after the parent is gone, kill of a child. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#include "ut.h"

extern char **environ;

/* fork returns the child's pid to the parent and 0 to the child, the child
 * has its own pid, and waitpid gives the exit status once. */
TEST(fork_exit)
{
	int pfd[2];
	CHECK_SYS(pipe(pfd));
	pid_t parent = getpid();
	pid_t pid = ut_fork();
	if (pid == 0) {
		pid_t me = getpid();
		write(pfd[1], &me, sizeof(me));
		_exit(getppid() == parent ? 42 : 1);
	}
	close(pfd[1]);
	pid_t reported = 0;
	CHECK_EQ(ut_read_all(pfd[0], &reported, sizeof(reported)), sizeof(reported));
	CHECK_EQ(reported, pid);
	CHECK(pid != parent);
	EXPECT_EXIT(pid, 42);
	CHECK_ERR(waitpid(pid, NULL, 0), ECHILD);
	CHECK_ERR(waitpid(-1, NULL, WNOHANG), ECHILD);
}

/* Every exit status 0..255 arrives intact (and exit keeps the low 8 bits). */
TEST(exit_status)
{
	static const int codes[] = { 0, 1, 2, 7, 100, 127, 128, 200, 254, 255 };
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		pid_t pid = ut_fork();
		if (pid == 0)
			_exit(codes[i]);
		EXPECT_EXIT(pid, codes[i]);
	}
	pid_t pid = ut_fork();
	if (pid == 0)
		exit(256 + 3);
	EXPECT_EXIT(pid, 3);
}

#define MANY 100

/* Fork until fork fails (or MANY children), all alive at once, then reap
 * every one of them and find no child left. */
TEST(many_forks)
{
	int gate[2];
	CHECK_SYS(pipe(gate));
	pid_t pids[MANY];
	int n = 0;
	for (; n < MANY; n++) {
		fflush(stdout);
		pids[n] = fork();
		if (pids[n] < 0) {
			CHECK(errno == EAGAIN || errno == ENOMEM);
			break;
		}
		if (pids[n] == 0) {
			char c;
			close(gate[1]);
			/* Wait for the parent to close the gate (end of file). */
			while (read(gate[0], &c, 1) < 0 && errno == EINTR)
				;
			_exit(n & 0x7f);
		}
	}
	if (n < 8)
		FAIL("only %d children could be forked", n);
	close(gate[1]);
	int reaped = 0;
	for (;;) {
		int wstatus;
		pid_t r = waitpid(-1, &wstatus, 0);
		if (r < 0) {
			CHECK_EQ(errno, ECHILD);
			break;
		}
		int i;
		for (i = 0; i < n && pids[i] != r; i++)
			;
		CHECK(i < n);
		CHECK(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == (i & 0x7f));
		pids[i] = 0;
		reaped++;
	}
	CHECK_EQ(reaped, n);
}

#define HEAP_BYTES (1024 * 1024)

static int global_value = 1234;

/* A child sees a copy of its parent's heap, data and stack; what it writes
 * stays in its copy. */
TEST(fork_heap)
{
	unsigned char *heap = malloc(HEAP_BYTES);
	CHECK(heap != NULL);
	for (int i = 0; i < HEAP_BYTES; i++)
		heap[i] = (unsigned char) (i * 7 + 3);
	volatile int on_stack = 5678;
	global_value = 4321;
	pid_t pid = ut_fork();
	if (pid == 0) {
		for (int i = 0; i < HEAP_BYTES; i++)
			if (heap[i] != (unsigned char) (i * 7 + 3))
				_exit(2);
		if (global_value != 4321 || on_stack != 5678)
			_exit(3);
		memset(heap, 0, HEAP_BYTES);
		global_value = 0;
		on_stack = 0;
		_exit(0);
	}
	EXPECT_EXIT(pid, 0);
	for (int i = 0; i < HEAP_BYTES; i++)
		if (heap[i] != (unsigned char) (i * 7 + 3))
			FAIL("parent heap[%d] changed", i);
	CHECK_EQ(global_value, 4321);
	CHECK_EQ(on_stack, 5678);
	free(heap);
}

/* Run PATH with ARGV and ENVP in a child whose stdout is a pipe; return
 * what it printed (NUL-terminated, in BUF of LEN bytes) and check it
 * exited 0. */
static void run_capture(const char *path, char *const argv[],
    char *const envp[], char *buf, size_t len)
{
	int pfd[2];
	CHECK_SYS(pipe(pfd));
	pid_t pid = ut_fork();
	if (pid == 0) {
		dup2(pfd[1], 1);
		close(pfd[0]);
		close(pfd[1]);
		execve(path, argv, envp);
		_exit(99);
	}
	close(pfd[1]);
	ssize_t n = ut_read_all(pfd[0], buf, len - 1);
	buf[n] = '\0';
	close(pfd[0]);
	EXPECT_EXIT(pid, 0);
}

/* exec passes the arguments: /bin/echo prints them into a pipe. */
TEST(exec_args)
{
	char out[256];
	char *argv[] = { "echo", "hello", "exec world", "", "last", NULL };
	run_capture("/bin/echo", argv, environ, out, sizeof(out));
	if (strcmp(out, "hello exec world  last\n") != 0)
		FAIL("echo printed \"%s\"", out);
}

/* exec passes exactly the environment given: /bin/env prints it. */
TEST(exec_env)
{
	char out[256];
	char *argv[] = { "env", NULL };
	char *envp[] = { "UT_ONE=phoenix 42", "UT_TWO=", NULL };
	run_capture("/bin/env", argv, envp, out, sizeof(out));
	if (strcmp(out, "UT_ONE=phoenix 42\nUT_TWO=\n") != 0)
		FAIL("env printed \"%s\"", out);
}

#define BIG_ARGS 220
#define BIG_ENVS 100

/* exec with a frame bigger than a page (3.5 KiB of strings and 0.9 KiB
 * of pointers, near the 4 KiB limit of the strings: the new program's
 * stack grows while the kernel lays it out): /bin/echo prints every
 * argument, /bin/env every variable. */
TEST(exec_big_frame)
{
	static char args[BIG_ARGS][16], envs[BIG_ENVS][24];
	static char out[4096];
	char *argv[BIG_ARGS + 2], *envp[BIG_ENVS + 1];
	char want[4096];
	size_t at = 0;
	argv[0] = "echo";
	for (int i = 0; i < BIG_ARGS; i++) {
		snprintf(args[i], sizeof(args[i]), "arg-%03d-abcdefg", i);
		argv[i + 1] = args[i];
		at += (size_t) snprintf(want + at, sizeof(want) - at, "%s%s",
		    i ? " " : "", args[i]);
	}
	argv[BIG_ARGS + 1] = NULL;
	snprintf(want + at, sizeof(want) - at, "\n");
	char *small_env[] = { "UT=1", NULL };
	run_capture("/bin/echo", argv, small_env, out, sizeof(out));
	if (strcmp(out, want) != 0)
		FAIL("echo of %d arguments printed %zu bytes, not the %zu "
		    "expected", BIG_ARGS, strlen(out), strlen(want));
	at = 0;
	for (int i = 0; i < BIG_ENVS; i++) {
		snprintf(envs[i], sizeof(envs[i]), "UT_VAR%d=value-%d", i, i * 7);
		envp[i] = envs[i];
		at += (size_t) snprintf(want + at, sizeof(want) - at, "%s\n",
		    envs[i]);
	}
	envp[BIG_ENVS] = NULL;
	char *env_argv[] = { "env", NULL };
	run_capture("/bin/env", env_argv, envp, out, sizeof(out));
	if (strcmp(out, want) != 0)
		FAIL("env of %d variables printed %zu bytes, not the %zu "
		    "expected", BIG_ENVS, strlen(out), strlen(want));
}

/* waitpid(-1) returns each child once, whichever ends first. */
TEST(wait_any)
{
	pid_t pids[3];
	for (int i = 0; i < 3; i++) {
		pids[i] = ut_fork();
		if (pids[i] == 0) {
			usleep((useconds_t) (3 - i) * 30000);
			_exit(10 + i);
		}
	}
	for (int k = 0; k < 3; k++) {
		int wstatus;
		pid_t r = CHECK_SYS(waitpid(-1, &wstatus, 0));
		int i;
		for (i = 0; i < 3 && pids[i] != r; i++)
			;
		CHECK(i < 3);
		CHECK(WIFEXITED(wstatus));
		CHECK_EQ(WEXITSTATUS(wstatus), 10 + i);
		pids[i] = -2;
	}
	CHECK_ERR(waitpid(-1, NULL, 0), ECHILD);
}

/* A child whose parent is gone is adopted and reaped: it reports its new
 * parent (pid 1 on Phoenix) and, once it exits, no zombie remains. */
TEST(orphans)
{
	int pfd[2];
	CHECK_SYS(pipe(pfd));
	pid_t middle = ut_fork();
	if (middle == 0) {
		pid_t parent = getpid();
		pid_t grandchild = fork();
		if (grandchild < 0)
			_exit(2);
		if (grandchild == 0) {
			/* Wait (up to 3 s) until the parent is gone. */
			for (int i = 0; i < 300 && getppid() == parent; i++)
				usleep(10000);
			pid_t info[2] = { getpid(), getppid() };
			write(pfd[1], info, sizeof(info));
			_exit(0);
		}
		_exit(0);
	}
	close(pfd[1]);
	EXPECT_EXIT(middle, 0);
	pid_t info[2];
	CHECK_EQ(ut_read_all(pfd[0], info, sizeof(info)), sizeof(info));
	CHECK(info[1] != middle);
	/* The grandchild is not ours to wait for. */
	CHECK_ERR(waitpid(info[0], NULL, 0), ECHILD);
#ifdef __phoenix__
	CHECK_EQ(info[1], 1);
	int gone = 0;
	for (int i = 0; i < 300 && !gone; i++) {
		gone = !ut_process_exists(info[0]);
		if (!gone)
			usleep(10000);
	}
	if (!gone)
		FAIL("orphan %d was not reaped", (int) info[0]);
#endif
}

/* kill ends a child: the default action of SIGTERM, and SIGKILL. */
TEST(kill_child)
{
	static const int sigs[] = { SIGTERM, SIGKILL, SIGINT, SIGUSR2 };
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		int pfd[2];
		CHECK_SYS(pipe(pfd));
		pid_t pid = ut_fork();
		if (pid == 0) {
			close(pfd[0]);
			write(pfd[1], "r", 1);    /* ready */
			for (;;)
				pause();
		}
		close(pfd[1]);
		char c;
		CHECK_EQ(ut_read_all(pfd[0], &c, 1), 1);
		close(pfd[0]);
		CHECK_SYS(kill(pid, sigs[i]));
		EXPECT_SIGNAL(pid, sigs[i]);
	}
}
