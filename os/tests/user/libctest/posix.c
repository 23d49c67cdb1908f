/* Cases that need the servers (guest only; the host build leaves this file
 * out): descriptors and files, directories, processes and exec, signals,
 * time, memory, system information. They go through every libc wrapper
 * that usertests does not use. */
#include <abi/devices.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <phoenix.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>
#include "libctest.h"

/* file: NAME in libctest_dir (static buffer). */
static const char *file(const char *name)
{
	static char buf[256];
	snprintf(buf, sizeof(buf), "%s/%s", libctest_dir, name);
	return buf;
}

/* test_files: creat, open flags, read/write/lseek, fstat/stat/lstat,
 * access, truncate, dup/dup2, fcntl, pipe, rename, unlink, and bad paths
 * (EFAULT, ENAMETOOLONG: the servers find them, libc does not read them). */
TEST(files)
{
	char p[256], q[256], buf[64];
	strlcpy(p, file("lt-posix"), sizeof(p));
	strlcpy(q, file("lt-posix2"), sizeof(q));
	int fd = creat(p, 0640);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, "hello, world", 12), 12);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 12);
	CHECK_EQ(lseek(fd, -5, SEEK_END), 7);
	CHECK_EQ(read(fd, buf, 5), -1);           /* creat: write only */
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(close(fd), -1);
	CHECK_EQ(errno, EBADF);

	fd = open(p, O_RDWR);
	struct stat st, st2;
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK(S_ISREG(st.st_mode) && st.st_size == 12);
	CHECK_EQ(stat(p, &st2), 0);
	CHECK(st2.st_ino == st.st_ino && st2.st_size == 12);
	CHECK_EQ(lstat(p, &st2), 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 12);
	CHECK(memcmp(buf, "hello, world", 12) == 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	CHECK_EQ(access(p, F_OK), 0);
	CHECK_EQ(access(p, R_OK | W_OK), 0);

	/* dup, dup2, fcntl share the position and flags */
	int fd2 = dup(fd);
	CHECK(fd2 > fd);
	CHECK_EQ(lseek(fd2, 0, SEEK_SET), 0);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);
	CHECK_EQ(dup2(fd, 20), 20);
	CHECK_EQ(read(20, buf, 5), 5);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 5);
	CHECK_EQ(dup2(20, 20), 20);
	CHECK_EQ(close(20), 0);
	int fd3 = fcntl(fd, F_DUPFD, 25);
	CHECK(fd3 >= 25);
	close(fd3);
	CHECK_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
	CHECK_EQ(fcntl(fd, F_SETFD, FD_CLOEXEC), 0);
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(fd, F_SETFL, O_APPEND), 0);
	CHECK(fcntl(fd, F_GETFL) & O_APPEND);
	close(fd2);
	close(fd);

	/* truncate, rename, unlink */
	CHECK_EQ(truncate(p, 5), 0);
	CHECK_EQ(stat(p, &st), 0);
	CHECK_EQ(st.st_size, 5);
	CHECK_EQ(truncate(p, -1), -1);
	CHECK_EQ(rename(p, q), 0);
	CHECK_EQ(access(p, F_OK), -1);
	CHECK_EQ(errno, ENOENT);
	CHECK_EQ(unlink(q), 0);
	CHECK_EQ(unlink(q), -1);
	CHECK_EQ(errno, ENOENT);
	fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0);
	close(fd);
	CHECK_EQ(open(p, O_WRONLY | O_CREAT | O_EXCL, 0600), -1);
	CHECK_EQ(errno, EEXIST);
	unlink(p);

	/* a pipe */
	int pfd[2];
	CHECK_EQ(pipe(pfd), 0);
	CHECK_EQ(write(pfd[1], "pipe", 4), 4);
	CHECK_EQ(read(pfd[0], buf, sizeof(buf)), 4);
	close(pfd[1]);
	CHECK_EQ(read(pfd[0], buf, sizeof(buf)), 0);
	CHECK_EQ(lseek(pfd[0], 0, SEEK_SET), -1);
	CHECK_EQ(errno, ESPIPE);
	close(pfd[0]);

	/* bad paths */
	CHECK_EQ(open((const char *) 16, O_RDONLY), -1);
	CHECK_EQ(errno, EFAULT);
	char longpath[PATH_MAX + 8];
	memset(longpath, 'a', sizeof(longpath) - 1);
	longpath[sizeof(longpath) - 1] = '\0';
	CHECK_EQ(stat(longpath, &st), -1);
	CHECK_EQ(errno, ENAMETOOLONG);
	longpath[PATH_MAX] = '\0';                  /* PATH_MAX bytes: too long */
	CHECK_EQ(open(longpath, O_RDONLY), -1);
	CHECK_EQ(errno, ENAMETOOLONG);
}

/* test_dirs: mkdir, chdir, getcwd, opendir/readdir/rewinddir/closedir,
 * rmdir, mknod. */
TEST(dirs)
{
	char d[256], old[256], cwd[256];
	strlcpy(d, file("lt-dir"), sizeof(d));
	CHECK(getcwd(old, sizeof(old)) != NULL);
	CHECK_EQ(mkdir(d, 0755), 0);
	CHECK_EQ(mkdir(d, 0755), -1);
	CHECK_EQ(errno, EEXIST);
	CHECK_EQ(chdir(d), 0);
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	CHECK_STR(cwd, d);
	CHECK(getcwd(cwd, 2) == NULL);
	CHECK_EQ(errno, ERANGE);
	char *mine = getcwd(NULL, 0);
	CHECK_STR(mine, d);
	free(mine);
	for (int i = 0; i < 40; i++) {              /* more than one batch */
		char name[16];
		snprintf(name, sizeof(name), "f%02d", i);
		int fd = open(name, O_WRONLY | O_CREAT, 0644);
		CHECK(fd >= 0);
		close(fd);
	}
	CHECK_EQ(mknod("node", S_IFCHR | 0600, DEV_MAKE(MEMORY_MAJOR, MEMORY_MINOR_NULL)), 0);

	DIR *dir = opendir(".");
	CHECK(dir != NULL);
	if (!dir)
		return;
	int files = 0, dots = 0, nodes = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			dots++;
		else if (e->d_name[0] == 'f')
			files++;
		else if (strcmp(e->d_name, "node") == 0)
			nodes += e->d_type == DT_CHR;
	}
	CHECK(files == 40 && dots == 2 && nodes == 1);
	rewinddir(dir);
	int again = 0;
	while (readdir(dir))
		again++;
	CHECK_EQ(again, 43);
	CHECK(dirfd(dir) >= 0);
	CHECK_EQ(closedir(dir), 0);
	CHECK(opendir("f00") == NULL);
	CHECK_EQ(errno, ENOTDIR);

	CHECK_EQ(rmdir(d), -1);
	CHECK_EQ(errno, ENOTEMPTY);
	for (int i = 0; i < 40; i++) {
		char name[16];
		snprintf(name, sizeof(name), "f%02d", i);
		unlink(name);
	}
	unlink("node");
	CHECK_EQ(chdir(old), 0);
	CHECK_EQ(rmdir(d), 0);
}

/* test_procs: fork and waitpid, the exec family with arguments and
 * environment (libctest --exit-env runs in the child), execvp's PATH
 * search, system(), process ids and groups. */
TEST(procs)
{
	pid_t self = getpid(), parent = getppid();
	CHECK(self > 1 && parent >= 1 && self != parent);
	CHECK(getpgrp() > 0);

	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		_exit(getppid() == self ? 42 : 1);
	CHECK(pid > 0);
	int status = 0;
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42);
	CHECK_EQ(waitpid(-1, &status, WNOHANG), -1);
	CHECK_EQ(errno, ECHILD);

	/* execve with an environment of our own; the child exits with the
	 * length of $LIBCTEST_VALUE */
	char *argv[] = { "libctest", "--exit-env", "LIBCTEST_VALUE", NULL };
	char *envp[] = { "LIBCTEST_VALUE=seven", NULL };
	pid = fork();
	if (pid == 0) {
		execve("/bin/libctest", argv, envp);
		_exit(100);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK_EQ(WEXITSTATUS(status), 5);

	/* execl and execvp pass environ on; execvp searches $PATH */
	setenv("LIBCTEST_VALUE", "passed on", 1);
	pid = fork();
	if (pid == 0) {
		execl("/bin/libctest", "libctest", "--exit-env", "LIBCTEST_VALUE",
		    (char *) NULL);
		_exit(100);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK_EQ(WEXITSTATUS(status), 9);
	setenv("PATH", "/nonexistent:/bin", 1);
	pid = fork();
	if (pid == 0) {
		execvp("libctest", argv);
		_exit(100);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK_EQ(WEXITSTATUS(status), 9);
	unsetenv("LIBCTEST_VALUE");
	CHECK_EQ(execvp("no-such-program", argv), -1);
	CHECK_EQ(errno, ENOENT);
	CHECK_EQ(execl("/bin/no-such-program", "x", (char *) NULL), -1);
	CHECK_EQ(errno, ENOENT);

	/* system() runs the shell */
	status = system("exit 3");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3);
	CHECK_EQ(system(NULL), 1);

	/* a process group, and a session, of its own */
	pid = fork();
	if (pid == 0) {
		if (setpgid(0, 0) < 0 || getpgrp() != getpid())
			_exit(1);
		_exit(0);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK_EQ(WEXITSTATUS(status), 0);
	pid = fork();
	if (pid == 0)
		_exit(setsid() == getpid() && getpgrp() == getpid() ? 0 : 1);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK_EQ(WEXITSTATUS(status), 0);
}

static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
	caught = sig;
}

/* test_signals: sigaction and the trampoline (a handler returns into the
 * interrupted code), signal(), the mask and pending set, raise, kill,
 * alarm with pause, SA_RESETHAND. */
TEST(signals)
{
	struct sigaction sa = { .sa_handler = on_signal }, old;
	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGUSR1, &sa, &old), 0);
	CHECK(old.sa_handler == SIG_DFL);
	caught = 0;
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(caught, SIGUSR1);
	int local = 1234;                          /* the context came back */
	CHECK_EQ(local, 1234);

	/* blocked: pending until unblocked */
	sigset_t set, now, pending;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &set, NULL), 0);
	caught = 0;
	kill(getpid(), SIGUSR1);
	CHECK_EQ(caught, 0);
	CHECK_EQ(sigpending(&pending), 0);
	CHECK(sigismember(&pending, SIGUSR1) == 1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &now), 0);
	CHECK(sigismember(&now, SIGUSR1) == 1);
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &set, NULL), 0);
	CHECK_EQ(caught, SIGUSR1);

	/* signal() returns the previous handler; SIG_IGN ignores */
	CHECK(signal(SIGUSR2, SIG_IGN) == SIG_DFL);
	CHECK(raise(SIGUSR2) == 0);
	CHECK(signal(SIGUSR2, on_signal) == SIG_IGN);
	CHECK(signal(SIGKILL, on_signal) == SIG_ERR);
	CHECK_EQ(errno, EINVAL);
	CHECK(signal(NSIG + 5, on_signal) == SIG_ERR);

	/* alarm and pause */
	signal(SIGALRM, on_signal);
	caught = 0;
	CHECK_EQ(alarm(1), 0);
	CHECK_EQ(alarm(1), 1);
	CHECK_EQ(pause(), -1);
	CHECK_EQ(errno, EINTR);
	CHECK_EQ(caught, SIGALRM);
	CHECK_EQ(alarm(0), 0);

	/* SA_RESETHAND: caught once, then the default (ignore for SIGCHLD) */
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGCHLD, &sa, NULL);
	caught = 0;
	raise(SIGCHLD);
	CHECK_EQ(caught, SIGCHLD);
	sigaction(SIGCHLD, NULL, &old);
	CHECK(old.sa_handler == SIG_DFL);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
	signal(SIGALRM, SIG_DFL);
}

/* test_time: the wall clock (the kernel's boot time plus the time since
 * boot), the clock since boot, sleeping, process times. */
TEST(time)
{
	long hz = sysconf(_SC_CLK_TCK);
	CHECK(hz >= 50 && hz <= 1000);
	struct kinfo k;
	CHECK_EQ(getsysinfo(SI_KINFO, &k, sizeof(k)), sizeof(k));
	time_t boot = (time_t) k.boottime;
	clock_t t0 = uptime();
	CHECK(t0 > 0);
	time_t s;
	CHECK(time(&s) == s && s >= boot + t0 / hz &&
	    s <= boot + uptime() / hz);
	struct timespec ts;
	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &ts), 0);
	CHECK(ts.tv_sec >= s - boot && ts.tv_nsec >= 0 &&
	    ts.tv_nsec < 1000000000L);
	CHECK_EQ(clock_gettime(CLOCK_REALTIME, &ts), 0);
	CHECK(ts.tv_sec >= s && ts.tv_sec <= time(NULL) &&
	    ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000L);
	CHECK_EQ(clock_gettime(99, &ts), -1);

	struct timespec req = { 0, 150 * 1000000L }, rem;
	CHECK_EQ(nanosleep(&req, &rem), 0);
	clock_t t1 = uptime();
	CHECK(t1 - t0 >= hz * 15 / 100);
	CHECK_EQ(usleep(50000), 0);
	CHECK(uptime() - t1 >= hz * 5 / 100);
	CHECK_EQ(sleep(0), 0);
	req.tv_nsec = 1000000000L;
	CHECK_EQ(nanosleep(&req, NULL), -1);
	CHECK_EQ(errno, EINVAL);

	volatile unsigned spin = 0;
	for (unsigned i = 0; i < 3000000; i++)
		spin += i;
	struct tms tm;
	clock_t now = times(&tm);
	CHECK(now >= t1);
	CHECK(tm.tms_utime + tm.tms_stime >= 0);
	CHECK(clock() >= 0);
}

/* test_utime: utime with given times and with NULL (now: the file
 * system's clock, the one time() reads), and its errors. */
TEST(utime)
{
	char p[256];
	strlcpy(p, file("lt-utime"), sizeof(p));
	int fd = creat(p, 0644);
	CHECK(fd >= 0);
	CHECK_EQ(close(fd), 0);
	struct utimbuf t = { 5, 7 };
	struct stat st;
	CHECK_EQ(utime(p, &t), 0);
	CHECK_EQ(stat(p, &st), 0);
	CHECK_EQ(st.st_atime, 5);
	CHECK_EQ(st.st_mtime, 7);
	time_t before = time(NULL);
	CHECK_EQ(utime(p, NULL), 0);
	CHECK_EQ(stat(p, &st), 0);
	CHECK((time_t) st.st_mtime >= before &&
	    (time_t) st.st_mtime <= time(NULL));
	CHECK_EQ(st.st_atime, st.st_mtime);
	t.actime = -1;
	CHECK_EQ(utime(p, &t), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(utime(file("lt-utime-none"), NULL), -1);
	CHECK_EQ(errno, ENOENT);
	CHECK_EQ(utime((const char *) 16, NULL), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(unlink(p), 0);
}

/* test_memory: brk/sbrk and anonymous mappings. */
TEST(memory)
{
	char *end = sbrk(0);
	CHECK(end != (char *) -1);
	char *p = sbrk(10000);
	CHECK(p == end);
	CHECK(p[0] == 0 && p[9999] == 0);
	memset(p, 7, 10000);
	CHECK(sbrk(-10000) == end + 10000);
	CHECK(sbrk(0) == end);
	CHECK_EQ(brk(end + 100), 0);
	CHECK(sbrk(0) == end + 100);
	CHECK(end[0] == 0 && end[99] == 0);         /* zero again */
	CHECK_EQ(brk(end), 0);

	char *m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED);
	if (m != MAP_FAILED) {
		CHECK(m[0] == 0 && m[3 * 4096 - 1] == 0);
		m[5000] = 'm';
		CHECK_EQ(munmap(m, 3 * 4096), 0);
	}
	CHECK(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 3, 0) == MAP_FAILED);
	CHECK_EQ(errno, ENODEV);
	CHECK(mmap(NULL, 4096, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0) ==
	    MAP_FAILED);
	CHECK_EQ(errno, EINVAL);
	CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) ==
	    MAP_FAILED);
	errno = 0;
	CHECK(malloc(100u << 20) == NULL);          /* past MM_DATA_MAX */
	CHECK_EQ(errno, ENOMEM);
}

/* test_system: names, constants, PM's system information, terminals. */
TEST(system)
{
	char host[16];
	CHECK_EQ(gethostname(host, sizeof(host)), 0);
	CHECK_STR(host, "phoenix");
	CHECK_EQ(gethostname(host, 3), -1);
	struct utsname u;
	CHECK_EQ(uname(&u), 0);
	CHECK_STR(u.sysname, "Phoenix");
	CHECK(u.release[0] != '\0' && u.release[0] != '?');
	CHECK_EQ(sysconf(_SC_PAGESIZE), 4096);
	CHECK_EQ(sysconf(_SC_OPEN_MAX), OPEN_MAX);
	CHECK_EQ(sysconf(12345), -1);

	struct kinfo k;
	CHECK_EQ(getsysinfo(SI_KINFO, &k, sizeof(k)), sizeof(k));
	CHECK(k.hz == (uint32_t) sysconf(_SC_CLK_TCK) && k.mem_free_kib > 0);
	struct pm_proc_info tab[128];
	int n = getsysinfo(SI_PROCTAB, tab, sizeof(tab));
	CHECK(n > 0 && n % (int) sizeof(tab[0]) == 0);
	int me = 0;
	for (int i = 0; i < n / (int) sizeof(tab[0]); i++)
		me += tab[i].pid == getpid();
	CHECK_EQ(me, 1);
	CHECK_EQ(getsysinfo(SI_KINFO, &k, 3), -1);
	CHECK_EQ(errno, E2BIG);

	int fd = open("/dev/null", O_RDWR);
	CHECK(fd >= 0);
	CHECK_EQ(isatty(fd), 0);
	CHECK_EQ(errno, ENOTTY);
	struct termios t;
	CHECK_EQ(tcgetattr(fd, &t), -1);
	close(fd);
	fd = open("/dev/tty", O_RDWR);
	CHECK(fd >= 0);
	CHECK_EQ(isatty(fd), 1);
	CHECK_EQ(tcgetattr(fd, &t), 0);
	CHECK_EQ(tcsetattr(fd, TCSANOW, &t), 0);
	CHECK_EQ(tcsetattr(fd, 99, &t), -1);
	CHECK(tcgetpgrp(fd) > 0);
	close(fd);
}
