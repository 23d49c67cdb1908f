/* libctest: tests of the C library's pure parts (strings, formatting,
 * number parsing, malloc, sorting, getopt, sscanf, ctype, environment,
 * setjmp, signal sets), of stdio on files, of the user and group databases
 * and (posix.c, guest only) of the POSIX wrappers. Runs in the guest as
 * /bin/libctest and on the host (os/tests/host/libc, with a Linux shim).
 *
 *     libctest [-d DIR] [-l | CASE...]
 *     libctest --exit-env NAME     (for the exec cases: exit with the
 *                                   length of $NAME, 99 when unset)
 *
 * DIR is where the file cases make their files (default /tmp). The kit
 * runs the cases (os/tests/kit): in a forked child each in the guest, in
 * this process on the host (whose shim has no fork). */
#include <stdlib.h>
#include <string.h>
#include "libctest.h"

const char *libctest_dir = "/tmp";

static const struct kit_suite suite = {
	.name = "libctest",
#ifdef __phoenix__
	.backend = &kit_posix,
#else
	.backend = &kit_inproc,
#endif
	.timeout = 30,
};

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--exit-env") == 0) {
		const char *v = getenv(argv[2]);
		return v ? (int) strlen(v) : 99;
	}
	if (argc > 2 && strcmp(argv[1], "-d") == 0) {
		libctest_dir = argv[2];
		argv[2] = argv[0];
		return kit_main(&suite, argc - 2, argv + 2);
	}
	return kit_main(&suite, argc, argv);
}
