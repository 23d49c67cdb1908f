/* Running programs: execve, execv, execle, execl (PM_EXEC). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../internal.h"

/* frame_build: the argv then envp strings, each NUL-terminated, back to
 * back in one malloc'ed buffer; *LEN, *ARGC and *ENVC describe it. Returns
 * NULL with errno ENOMEM. */
static char *frame_build(char *const argv[], char *const envp[], size_t *len,
    int *argc, int *envc)
{
	size_t total = 0;
	int na = 0, ne = 0;
	for (; argv && argv[na]; na++)
		total += strlen(argv[na]) + 1;
	for (; envp && envp[ne]; ne++)
		total += strlen(envp[ne]) + 1;
	char *frame = malloc(total ? total : 1);
	if (!frame)
		return NULL;
	char *p = frame;
	for (int i = 0; i < na; i++)
		p = stpcpy(p, argv[i]) + 1;
	for (int i = 0; i < ne; i++)
		p = stpcpy(p, envp[i]) + 1;
	*len = total;
	*argc = na;
	*envc = ne;
	return frame;
}

/* execve: replace the calling program with the file PATH, run with
 * arguments ARGV and environment ENVP (both NULL-terminated). Does not
 * return on success; -1 with errno otherwise (ENOENT, EACCES, ENOEXEC,
 * E2BIG, ENOMEM, ENAMETOOLONG). */
int execve(const char *path, char *const argv[], char *const envp[])
{
	message m = { 0 };
	int r = __libc_path(path, &m.u.pm_exec.path_len);
	if (r < 0)
		return (int) __libc_ret(r);
	size_t len;
	int argc, envc;
	char *frame = frame_build(argv, envp, &len, &argc, &envc);
	if (!frame)
		return -1;
	m.u.pm_exec.path = (vir_bytes) path;
	m.u.pm_exec.frame = (vir_bytes) frame;
	m.u.pm_exec.frame_len = len;
	m.u.pm_exec.argc = argc;
	m.u.pm_exec.envc = envc;
	long res = __libc_call(PM_EP, PM_EXEC, &m);
	free(frame);
	return (int) __libc_ret(res < 0 ? res : -EINVAL);
}

/* execv: execve with the current environment. */
int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* __libc_arg_list: see internal.h. */
char **__libc_arg_list(const char *arg, va_list ap, char ***after)
{
	va_list count;
	va_copy(count, ap);
	size_t n = 1;
	if (arg)
		while (va_arg(count, const char *))
			n++;
	va_end(count);
	char **argv = malloc((n + 1) * sizeof(*argv));
	if (!argv)
		return NULL;
	argv[0] = (char *) arg;
	for (size_t i = 1; i < n; i++)
		argv[i] = va_arg(ap, char *);
	argv[n] = NULL;
	if (arg)
		(void) va_arg(ap, char *);       /* the terminating NULL */
	if (after)
		*after = va_arg(ap, char **);
	return argv;
}

/* execl: execv with the arguments listed after PATH (ending in NULL). */
int execl(const char *path, const char *arg, ...)
{
	va_list ap;
	va_start(ap, arg);
	char **argv = __libc_arg_list(arg, ap, NULL);
	va_end(ap);
	if (!argv)
		return -1;
	execve(path, argv, environ);
	free(argv);
	return -1;
}

/* execle: execve with the arguments listed after PATH (ending in NULL)
 * and, after that NULL, the environment. */
int execle(const char *path, const char *arg, ...)
{
	va_list ap;
	va_start(ap, arg);
	char **envp;
	char **argv = __libc_arg_list(arg, ap, &envp);
	va_end(ap);
	if (!argv)
		return -1;
	execve(path, argv, envp);
	free(argv);
	return -1;
}
