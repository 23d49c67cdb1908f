/* The system-call class: the C library's calls with random arguments.
 * Calls that change files do so only under /tmp/fz; pointers libc itself
 * reads or writes are the worker's own buffers (the raw requests of the
 * server class already send the servers bad pointers). */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <phoenix.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "fuzz.h"

const char *const fz_syscall_names[FZ_NR_SYSCALLS] = {
	"open", "read", "write", "close", "lseek", "stat", "fstat", "ioctl",
	"dup", "dup2", "pipe", "chdir", "mkdir", "unlink", "rmdir", "getcwd",
	"brk", "sbrk", "mmap", "munmap", "sigaction", "sigprocmask", "alarm",
	"sigpending", "kill", "getpid", "getppid", "setpgid", "setsid",
	"access", "truncate", "rename", "fcntl", "waitpid",
};

static const char *const scratch[] = {
	"/tmp/fz", "/tmp/fz/a", "/tmp/fz/b", "/tmp/fz/a/c", "/tmp/fzfile",
	"/tmp/fz/x", "/nonexistent/fz",
};

/* Argument I of M as an address (its pointer, or the literal). */
static void *arg_ptr(const struct fz_msg *m, int i)
{
	if (m->kind[i] == FZ_LIT)
		return (void *) m->w[i];
	return (void *) fz_pointer(m->kind[i], m->w[i]);
}

/* Argument I as a buffer libc may touch itself: always the worker's. */
static void *own_ptr(const struct fz_msg *m, int i)
{
	int kind = FZ_P_STACK + (int) (m->w[i] % 3);
	return (void *) fz_pointer(kind, m->w[i] % 256);
}

static const char *scratch_path(const struct fz_msg *m, int i)
{
	return scratch[m->w[i] % (sizeof(scratch) / sizeof(scratch[0]))];
}

static int fd_arg(const struct fz_msg *m, int i)
{
	uint32_t v = m->w[i];
	return fz_sane_fd(v < 64 ? (int) (v % 34) - 1 : (int) v);
}

/* fz_do_syscall: make the call M names; returns its result. */
int fz_do_syscall(const struct fz_msg *m)
{
	uint32_t a1 = m->w[1], a2 = m->w[2];
	int fds[2];
	switch (m->target) {
	case 0: {
		int fl = (int) a2;
		if (m->fill_kind != FZ_FILL_SCRATCH)
			fl &= ~(O_ACCMODE | O_CREAT | O_TRUNC | O_APPEND);
		return m->fill_kind == FZ_FILL_SCRATCH ?
		    open(scratch_path(m, 3), fl, 0666) :
		    open(arg_ptr(m, 0), fl);
	}
	case 1: return (int) read(fd_arg(m, 3), arg_ptr(m, 0), a1);
	case 2: return (int) write(fd_arg(m, 3), arg_ptr(m, 0), a1);
	case 3: return close(fd_arg(m, 3));
	case 4: return (int) lseek(fd_arg(m, 3), (off_t) a1, (int) a2);
	case 5: return stat(arg_ptr(m, 0), own_ptr(m, 4));
	case 6: return fstat(fd_arg(m, 3), arg_ptr(m, 0));
	case 7: return ioctl(fd_arg(m, 3), a1, arg_ptr(m, 0));
	case 8: return dup(fd_arg(m, 3));
	case 9: return dup2(fd_arg(m, 3), fd_arg(m, 4));
	case 10:
		if (pipe(fds) == 0)
			close(fds[a1 & 1]);
		return 0;
	case 11: return chdir(arg_ptr(m, 0));
	case 12: return mkdir(scratch_path(m, 3), (mode_t) a1);
	case 13: return unlink(scratch_path(m, 3));
	case 14: return rmdir(scratch_path(m, 3));
	case 15: return getcwd(arg_ptr(m, 0), a1) ? 0 : -1;
	case 16: return brk(arg_ptr(m, 0));
	case 17: return sbrk((intptr_t) (a1 % 3 == 0 ? a1 : a1 % 65536))
	    == (void *) -1 ? -1 : 0;
	case 18: {
		void *p = mmap(arg_ptr(m, 0), a1, (int) a2, (int) m->w[3],
		    -1, 0);
		return p == MAP_FAILED ? -1 : 0;
	}
	case 19: return munmap(arg_ptr(m, 0), a1);
	case 20: {
		struct sigaction act;
		memset(&act, 0, sizeof(act));
		act.sa_handler = a2 % 3 == 0 ? SIG_DFL : a2 % 3 == 1 ? SIG_IGN :
		    (sighandler_t) arg_ptr(m, 0);
		act.sa_flags = m->w[3];
		return sigaction((int) (a1 % 40), a1 & 64 ? NULL : &act,
		    own_ptr(m, 4));
	}
	case 21: {
		sigset_t set;
		memcpy(&set, &m->w[3], sizeof(set) < 8 ? sizeof(set) : 8);
		return sigprocmask((int) a1, &set, own_ptr(m, 4));
	}
	case 22: return (int) alarm(a1 % 4);
	case 23: return sigpending(own_ptr(m, 4));
	case 24: {
		int sig = (int) a1 % 70;
		if (sig == SIGSTOP || sig == SIGTSTP)
			sig = 0;
		return kill(getpid(), sig);
	}
	case 25: return getpid();
	case 26: return getppid();
	case 27: return setpgid(0, (pid_t) a1);
	case 28: return setsid();
	case 29: return access(arg_ptr(m, 0), (int) a1);
	case 30: return truncate(scratch_path(m, 3), (off_t) (a1 % 70000));
	case 31: return rename(scratch_path(m, 3), scratch_path(m, 4));
	case 32: return fcntl(fd_arg(m, 3), (int) a1 % 8, (int) a2);
	default: {
		int st;
		return waitpid((pid_t) a1, &st, WNOHANG | (int) a2);
	}
	}
}
