/* libctest: tests of the C library's pure parts (strings, formatting,
 * number parsing, malloc, sorting, getopt, sscanf, ctype, environment,
 * setjmp, signal sets), of stdio on files and of the user and group
 * databases. Runs in the guest as
 * /bin/libctest and on the host (os/tests/host/libc, with a Linux shim).
 *
 *     libctest [-d DIR] [CASE...]
 *     libctest --exit-env NAME     (for the exec cases: exit with the
 *                                   length of $NAME, 99 when unset)
 *
 * DIR is where the file cases make their files (default /tmp). The cases
 * of posix.c need the servers; a build without them (the host's) skips
 * them when running everything. One line per
 * case, "test NAME: OK" or "test NAME: FAILED (N checks)", with a line for
 * each failed check before it; then "libctest: OK" (exit 0) or
 * "libctest: FAILED (N of M cases)" (exit 1). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "libctest.h"

const char *libctest_dir = "/tmp";

static const struct {
	const char *name;
	void (*run)(void);
} cases[] = {
	{ "string", test_string },
	{ "strerror", test_strerror },
	{ "ctype", test_ctype },
	{ "printf", test_printf },
	{ "strtol", test_strtol },
	{ "malloc", test_malloc },
	{ "realloc", test_realloc },
	{ "qsort", test_qsort },
	{ "getopt", test_getopt },
	{ "sscanf", test_sscanf },
	{ "env", test_env },
	{ "setjmp", test_setjmp },
	{ "sigset", test_sigset },
	{ "stdio", test_stdio },
	{ "pwd", test_pwd },
	{ "grp", test_grp },
	{ "files", test_files },
	{ "dirs", test_dirs },
	{ "procs", test_procs },
	{ "signals", test_signals },
	{ "time", test_time },
	{ "memory", test_memory },
	{ "system", test_system },
};
#define NR_CASES (sizeof(cases) / sizeof(cases[0]))

static const char *current;
static int failures;

/* check_fail: see libctest.h. */
void check_fail(const char *file, int line, const char *fmt, ...)
{
	char what[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	printf("libctest: %s: %s:%d: %s\n", current, file, line, what);
	failures++;
}

/* run: run case I; returns 1 when it passed. */
static int run(size_t i)
{
	current = cases[i].name;
	if (!cases[i].run) {
		printf("libctest: %s: needs the servers (not in this build)\n",
		    current);
		return 0;
	}
	failures = 0;
	cases[i].run();
	if (failures == 0) {
		printf("test %s: OK\n", current);
		return 1;
	}
	printf("test %s: FAILED (%d checks)\n", current, failures);
	return 0;
}

/* main: run the named cases, or all of them; see the top of the file. */
int main(int argc, char **argv)
{
	int first = 1;
	if (argc == 3 && strcmp(argv[1], "--exit-env") == 0) {
		const char *v = getenv(argv[2]);
		return v ? (int) strlen(v) : 99;
	}
	if (argc > 2 && strcmp(argv[1], "-d") == 0) {
		libctest_dir = argv[2];
		first = 3;
	}
	int total = 0, failed = 0;
	if (first >= argc) {
		for (size_t i = 0; i < NR_CASES; i++) {
			if (!cases[i].run)
				continue;
			failed += !run(i);
			total++;
		}
	}
	for (int a = first; a < argc; a++, total++) {
		size_t i = 0;
		while (i < NR_CASES && strcmp(cases[i].name, argv[a]) != 0)
			i++;
		if (i == NR_CASES) {
			printf("libctest: no case named %s\n", argv[a]);
			failed++;
			continue;
		}
		failed += !run(i);
	}
	if (failed) {
		printf("libctest: FAILED (%d of %d cases)\n", failed, total);
		return 1;
	}
	printf("libctest: OK\n");
	return 0;
}
