/* usertests: the suite's setup around the kit's runner. `usertests` runs
 * every test, `usertests NAME...` the named ones, `usertests -q` the quick
 * set (QUICK: one short test per subsystem), `usertests -l` lists them
 * (os/tests/kit). Each test runs in a child (the POSIX backend) in its
 * own scratch directory, /tmp/usertests.PID/NAME (or under the working
 * directory when there is no /tmp), removed after it. */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include "ut.h"

#define PATH_LEN 512

static char base[PATH_LEN / 2];

/* remove_tree: remove PATH and everything under it (best effort). */
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

/* scratch: the scratch directory of case C, into DIR. */
static void scratch(const struct kit_case *c, char *dir, size_t len)
{
	snprintf(dir, len, "%s/%s", base, c->name);
}

/* make_scratch: the kit's before hook: a fresh scratch directory. */
static int make_scratch(const struct kit_case *c)
{
	char dir[PATH_LEN];
	scratch(c, dir, sizeof(dir));
	remove_tree(dir);
	if (mkdir(dir, 0755) < 0) {
		printf("usertests: %s: mkdir %s: %s\n", c->name, dir,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* enter_scratch: the kit's enter hook: work in the scratch directory. */
static void enter_scratch(const struct kit_case *c)
{
	char dir[PATH_LEN];
	scratch(c, dir, sizeof(dir));
	if (chdir(dir) < 0)
		FAIL("chdir %s: %s", dir, strerror(errno));
}

/* remove_scratch: the kit's after hook. */
static void remove_scratch(const struct kit_case *c)
{
	char dir[PATH_LEN];
	scratch(c, dir, sizeof(dir));
	remove_tree(dir);
}

/* The quick set (`usertests -q`): one short test of each subsystem a
 * service's restart or live update could break, for a check after every
 * single one (os/tests/kit/core_recovery.py): fork, exit and wait (PM);
 * exec (PM, VFS, MM); a pipe; a file made, read, written, unlinked while
 * open (VFS, the file system); brk and mmap (MM); a signal's handler
 * (PM); /dev/null and /dev/zero (memdev); poll; the terminal. */
static char *quick[] = {
	"fork_exit", "exec_args", "pipe_basic", "file_rw", "unlink_open",
	"sbrk", "mmap", "sig_handler", "dev_null_zero", "poll_ready",
#ifdef __phoenix__
	"tty_settings",
#endif
};
#define NR_QUICK ((int) (sizeof(quick) / sizeof(quick[0])))

static const struct kit_suite suite = {
	.name = "usertests", .backend = &kit_posix, .timeout = 30,
	.before = make_scratch, .enter = enter_scratch, .after = remove_scratch,
};

int main(int argc, char **argv)
{
	char *quick_argv[NR_QUICK + 1];
	if (argc == 2 && strcmp(argv[1], "-q") == 0) {
		quick_argv[0] = argv[0];
		for (int i = 0; i < NR_QUICK; i++)
			quick_argv[i + 1] = quick[i];
		argc = NR_QUICK + 1;
		argv = quick_argv;
	}
	int listing = argc > 1 && argv[1][0] == '-';
	if (!listing) {
		signal(SIGCHLD, SIG_DFL);
		/* Scratch space: /tmp if there is one, else here. */
		struct stat st;
		snprintf(base, sizeof(base), "%s/usertests.%d",
		    stat("/tmp", &st) == 0 && S_ISDIR(st.st_mode) ? "/tmp" : ".",
		    (int) getpid());
		if (mkdir(base, 0755) < 0) {
			fprintf(stderr, "usertests: mkdir %s: %s\n", base,
			    strerror(errno));
			return 1;
		}
	}
	int status = kit_main(&suite, argc, argv);
	if (!listing)
		remove_tree(base);
	return status;
}
