/* The host shim: what libc's pure parts need from the system, done with
 * Linux i386 system calls (int $0x80), so that libctest runs on the
 * development machine with our libc instead of the host's. Linux and
 * abi/fcntl.h share the O_* values; Linux's errno values are passed on
 * unchanged (the common ones agree with abi/errno.h). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#define NR_EXIT_GROUP 252
#define NR_READ    3
#define NR_WRITE   4
#define NR_OPEN    5
#define NR_CLOSE   6
#define NR_UNLINK  10
#define NR_GETPID  20
#define NR_KILL    37
#define NR_RENAME  38
#define NR_RMDIR   40
#define NR_BRK     45
#define NR_IOCTL   54
#define NR_LSEEK   19

/* linux_call: system call NR with up to three arguments; returns the result or
 * a negative errno. */
static long linux_call(long nr, long a, long b, long c)
{
	long r;
	__asm__ volatile("int $0x80" : "=a"(r)
	    : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return r;
}

/* ret: the POSIX convention for a Linux result R. */
static long ret(long r)
{
	if (r < 0 && r > -4096) {
		errno = (int) -r;
		return -1;
	}
	return r;
}

ssize_t read(int fd, void *buf, size_t n)
{
	return ret(linux_call(NR_READ, fd, (long) buf, (long) n));
}

ssize_t write(int fd, const void *buf, size_t n)
{
	return ret(linux_call(NR_WRITE, fd, (long) buf, (long) n));
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	int mode = (flags & O_CREAT) ? va_arg(ap, int) : 0;
	va_end(ap);
	return (int) ret(linux_call(NR_OPEN, (long) path, flags, mode));
}

int close(int fd)
{
	return (int) ret(linux_call(NR_CLOSE, fd, 0, 0));
}

off_t lseek(int fd, off_t off, int whence)
{
	return (off_t) ret(linux_call(NR_LSEEK, fd, off, whence));
}

int unlink(const char *path)
{
	return (int) ret(linux_call(NR_UNLINK, (long) path, 0, 0));
}

int rmdir(const char *path)
{
	return (int) ret(linux_call(NR_RMDIR, (long) path, 0, 0));
}

int rename(const char *old, const char *new_path)
{
	return (int) ret(linux_call(NR_RENAME, (long) old, (long) new_path, 0));
}

pid_t getpid(void)
{
	return (pid_t) linux_call(NR_GETPID, 0, 0, 0);
}

int kill(pid_t pid, int sig)
{
	return (int) ret(linux_call(NR_KILL, pid, sig, 0));
}

int raise(int sig)
{
	return kill(getpid(), sig);
}

void _exit(int status)
{
	for (;;)
		linux_call(NR_EXIT_GROUP, status, 0, 0);
}

void abort(void)
{
	raise(SIGABRT);
	_exit(127);
}

/* sbrk: Linux's brk answers with the break it set (the old one when it
 * refuses). */
void *sbrk(intptr_t increment)
{
	static uintptr_t cur;
	if (!cur)
		cur = (uintptr_t) linux_call(NR_BRK, 0, 0, 0);
	uintptr_t old = cur, want = old + (uintptr_t) increment;
	if (increment == 0)
		return (void *) old;
	if ((increment > 0 && want < old) || (increment < 0 && want > old) ||
	    (uintptr_t) linux_call(NR_BRK, (long) want, 0, 0) != want) {
		errno = ENOMEM;
		return (void *) -1;
	}
	cur = want;
	return (void *) old;
}

/* __stdio_sink: write everything, as libc's default sink does. */
long __stdio_sink(int fd, const void *buf, size_t len)
{
	for (size_t done = 0; done < len;) {
		long r = linux_call(NR_WRITE, fd, (long) ((const char *) buf + done),
		    (long) (len - done));
		if (r < 0)
			return r;
		done += (size_t) r;
	}
	return (long) len;
}

/* __stdio_console: a terminal answers TCGETS (into a buffer big enough for
 * Linux's struct termios). */
int __stdio_console(int fd)
{
	char termios[64];
	return linux_call(NR_IOCTL, fd, 0x5401, (long) termios) == 0;
}
