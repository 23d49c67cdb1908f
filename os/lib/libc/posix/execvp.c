/* Running programs found on PATH: execvp, execlp. */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../internal.h"

#define DEFAULT_PATH "/bin:/sbin:/usr/bin"

/* execvp: execv FILE, looked up in the directories of $PATH (default
 * DEFAULT_PATH) when it has no '/'. Directories where it is missing are
 * skipped; the error of the last one that had it but could not run it
 * (EACCES, ENOEXEC, ...) is reported, else ENOENT. Does not return on
 * success. */
int execvp(const char *file, char *const argv[])
{
	if (!file || !*file)
		return (int) __libc_ret(-ENOENT);
	if (strchr(file, '/'))
		return execv(file, argv);
	const char *path = getenv("PATH");
	if (!path)
		path = DEFAULT_PATH;
	size_t flen = strlen(file);
	int err = ENOENT;
	char full[PATH_MAX];
	while (*path) {
		size_t dlen = strcspn(path, ":");
		if (dlen + 2 + flen < sizeof(full)) {
			memcpy(full, path, dlen);
			size_t n = dlen;
			if (n == 0)
				full[n++] = '.';       /* an empty entry: here */
			full[n++] = '/';
			memcpy(full + n, file, flen + 1);
			execv(full, argv);
			if (errno != ENOENT && errno != ENOTDIR)
				err = errno;
		} else {
			err = ENAMETOOLONG;
		}
		path += dlen;
		if (*path == ':')
			path++;
	}
	errno = err;
	return -1;
}

/* execlp: execvp with the arguments listed after FILE (ending in NULL). */
int execlp(const char *file, const char *arg, ...)
{
	va_list ap;
	va_start(ap, arg);
	size_t n = __libc_arg_count(arg, ap);
	char *argv[n + 1];
	__libc_arg_fill(argv, n, arg, ap, NULL);
	va_end(ap);
	return execvp(file, argv);
}
