/* Running programs: execve, execv, execle, execl (PM_EXEC). */
#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include "../internal.h"

/* execve: replace the calling program with the file PATH, run with
 * arguments ARGV and environment ENVP (both NULL-terminated; NULL is an
 * empty list). PM reads PATH, the arrays and their strings itself (libc
 * touches none of them), so a bad pointer is EFAULT, never a crash. Does
 * not return on success; -1 with errno otherwise (ENOENT, EACCES,
 * ENOEXEC, E2BIG, ENOMEM, ENAMETOOLONG, EFAULT). */
int execve(const char *path, char *const argv[], char *const envp[])
{
	message m = { 0 };
	int r = __libc_path(path, &m.u.pm_exec.path_len);
	if (r < 0)
		return (int) __libc_ret(r);
	m.u.pm_exec.path = (vir_bytes) path;
	m.u.pm_exec.frame_len = PM_EXEC_VECTORS;
	m.u.pm_exec.argv = (vir_bytes) argv;
	m.u.pm_exec.envp = (vir_bytes) envp;
	long res = __libc_call(PM_EP, PM_EXEC, &m);
	return (int) __libc_ret(res < 0 ? res : -EINVAL);
}

/* execv: execve with the current environment. */
int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* __libc_arg_count: see internal.h. */
size_t __libc_arg_count(const char *arg, va_list ap)
{
	va_list count;
	va_copy(count, ap);
	size_t n = 0;
	if (arg)
		for (n = 1; va_arg(count, const char *); n++)
			;
	va_end(count);
	return n;
}

/* __libc_arg_fill: see internal.h. */
void __libc_arg_fill(char **argv, size_t n, const char *arg, va_list ap,
    char ***after)
{
	argv[0] = (char *) arg;
	for (size_t i = 1; i < n; i++)
		argv[i] = va_arg(ap, char *);
	argv[n] = NULL;
	if (arg)
		(void) va_arg(ap, char *);       /* the terminating NULL */
	if (after)
		*after = va_arg(ap, char **);
}

/* execl: execv with the arguments listed after PATH (ending in NULL). */
int execl(const char *path, const char *arg, ...)
{
	va_list ap;
	va_start(ap, arg);
	size_t n = __libc_arg_count(arg, ap);
	char *argv[n + 1];
	__libc_arg_fill(argv, n, arg, ap, NULL);
	va_end(ap);
	return execve(path, argv, environ);
}

/* execle: execve with the arguments listed after PATH (ending in NULL)
 * and, after that NULL, the environment. */
int execle(const char *path, const char *arg, ...)
{
	va_list ap;
	va_start(ap, arg);
	size_t n = __libc_arg_count(arg, ap);
	char *argv[n + 1];
	char **envp;
	__libc_arg_fill(argv, n, arg, ap, &envp);
	va_end(ap);
	return execve(path, argv, envp);
}
