/* usertests: the runner. `usertests` runs every test, `usertests NAME...`
 * the named ones, `usertests -l` lists them. Each test runs in a child with
 * its own scratch directory and a time limit; one line per test,
 * "test NAME: OK" or "test NAME: FAILED", then "ALL TESTS PASSED" or
 * "SOME TESTS FAILED". */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ut.h"

static const struct ut_test *const groups[] = {
	ut_proc_tests, ut_signal_tests, ut_memory_tests, ut_file_tests,
	ut_pipe_tests, ut_badinput_tests, ut_cred_tests, ut_perm_tests,
};

#define NGROUPS (sizeof(groups) / sizeof(groups[0]))
#define PATH_LEN 512

static volatile int timed_out;

/* SIGALRM in the runner: a test ran out of time. */
static void on_alarm(int sig)
{
	(void) sig;
	timed_out = 1;
}

/* The test called NAME, or NULL. */
static const struct ut_test *find_test(const char *name)
{
	for (size_t g = 0; g < NGROUPS; g++)
		for (const struct ut_test *t = groups[g]; t->name; t++)
			if (strcmp(t->name, name) == 0)
				return t;
	return NULL;
}

/* Remove PATH and everything under it (best effort). */
static void remove_tree(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	DIR *d = opendir(path);
	if (d) {
		/* Collect the names first: the directory changes as they go. */
		char **names = NULL;
		size_t n = 0, cap = 0;
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				char **more = realloc(names, cap * sizeof(char *));
				if (!more)
					break;
				names = more;
			}
			names[n] = malloc(PATH_LEN);
			if (!names[n])
				break;
			snprintf(names[n++], PATH_LEN, "%s/%s", path, e->d_name);
		}
		closedir(d);
		for (size_t i = 0; i < n; i++) {
			remove_tree(names[i]);
			free(names[i]);
		}
		free(names);
	}
	rmdir(path);
}

/* Run test T in a child inside a fresh directory under BASE. Returns 1
 * when it passed. */
static int run_test(const struct ut_test *t, const char *base)
{
	char dir[PATH_LEN];
	snprintf(dir, sizeof(dir), "%s/%s", base, t->name);
	remove_tree(dir);
	if (mkdir(dir, 0755) < 0) {
		printf("usertests: %s: mkdir %s: %s\n", t->name, dir, strerror(errno));
		printf("test %s: FAILED\n", t->name);
		fflush(stdout);
		return 0;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		printf("usertests: %s: fork: %s\n", t->name, strerror(errno));
		printf("test %s: FAILED\n", t->name);
		fflush(stdout);
		return 0;
	}
	if (pid == 0) {
		ut_current = t->name;
		signal(SIGALRM, SIG_DFL);
		if (chdir(dir) < 0)
			ut_fail(__FILE__, __LINE__, "chdir %s: %s", dir, strerror(errno));
		t->fn();
		fflush(stdout);
		_exit(0);
	}

	int wstatus = 0, limit = t->timeout ? t->timeout : UT_TIMEOUT;
	timed_out = 0;
	alarm((unsigned) limit);
	for (;;) {
		pid_t r = waitpid(pid, &wstatus, 0);
		if (r == pid)
			break;
		if (r < 0 && errno == EINTR && timed_out) {
			kill(pid, SIGKILL);
			timed_out = 0;
			printf("usertests: %s: no result after %d s, killed\n",
			    t->name, limit);
			alarm(5);       /* a child that even SIGKILL cannot end */
			continue;
		}
		if (r < 0 && errno != EINTR) {
			printf("usertests: %s: waitpid: %s\n", t->name, strerror(errno));
			wstatus = 1 << 8;
			break;
		}
	}
	alarm(0);
	int ok = WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0;
	if (WIFSIGNALED(wstatus))
		printf("usertests: %s: killed by signal %d\n", t->name,
		    WTERMSIG(wstatus));
	remove_tree(dir);
	printf("test %s: %s\n", t->name, ok ? "OK" : "FAILED");
	fflush(stdout);
	return ok;
}

/* Print the usage line and end with status 2. */
static void usage(void)
{
	fprintf(stderr, "usage: usertests [-l] [NAME...]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	if (argc > 1 && argv[1][0] == '-') {
		if (strcmp(argv[1], "-l") != 0 || argc > 2)
			usage();
		for (size_t g = 0; g < NGROUPS; g++)
			for (const struct ut_test *t = groups[g]; t->name; t++)
				printf("%s\n", t->name);
		return 0;
	}
	for (int i = 1; i < argc; i++)
		if (!find_test(argv[i])) {
			fprintf(stderr, "usertests: no test named %s\n", argv[i]);
			return 2;
		}

	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	signal(SIGCHLD, SIG_DFL);

	/* Scratch space: /tmp if there is one, else the working directory. */
	struct stat st;
	char base[PATH_LEN];
	snprintf(base, sizeof(base), "%s/usertests.%d",
	    stat("/tmp", &st) == 0 && S_ISDIR(st.st_mode) ? "/tmp" : ".",
	    (int) getpid());
	if (mkdir(base, 0755) < 0) {
		fprintf(stderr, "usertests: mkdir %s: %s\n", base, strerror(errno));
		return 1;
	}

	int run = 0, passed = 0;
	if (argc > 1) {
		for (int i = 1; i < argc; i++, run++)
			passed += run_test(find_test(argv[i]), base);
	} else {
		for (size_t g = 0; g < NGROUPS; g++)
			for (const struct ut_test *t = groups[g]; t->name; t++, run++)
				passed += run_test(t, base);
	}
	remove_tree(base);
	if (passed == run)
		printf("ALL TESTS PASSED\n");
	else
		printf("SOME TESTS FAILED (%d of %d)\n", run - passed, run);
	return passed == run ? 0 : 1;
}
