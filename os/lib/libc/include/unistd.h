/* POSIX process, file and descriptor calls: each a request to PM, VFS or
 * MM (os/lib/libc/posix). On failure they return -1 and set errno. */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <stddef.h>
#include <sys/types.h>
#include <abi/fcntl.h>     /* SEEK_*, limits */
#include <getopt.h>

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

/* access() modes. */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

/* sysconf() names. */
#define _SC_CLK_TCK   1
#define _SC_PAGESIZE  2
#define _SC_PAGE_SIZE _SC_PAGESIZE
#define _SC_OPEN_MAX  3

extern char **environ;

/* ---- files and descriptors (VFS) ---- */
ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);
int dup(int fd);
int dup2(int fd, int fd2);
int pipe(int fds[2]);
int chdir(const char *path);
char *getcwd(char *buf, size_t size);
int rmdir(const char *path);
int unlink(const char *path);
int link(const char *old, const char *new_path);
int symlink(const char *target, const char *new_path);
ssize_t readlink(const char *path, char *buf, size_t size);
void sync(void);
int access(const char *path, int mode);
int chown(const char *path, uid_t uid, gid_t gid);
int fchown(int fd, uid_t uid, gid_t gid);
int truncate(const char *path, off_t length);
int isatty(int fd);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);

/* ---- processes (PM) ---- */
pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
int execl(const char *path, const char *arg, ...);
int execle(const char *path, const char *arg, ...);
int execlp(const char *file, const char *arg, ...);
void _exit(int status) __attribute__((noreturn));
pid_t getpid(void);
pid_t getppid(void);
pid_t getpgrp(void);
int setpgid(pid_t pid, pid_t pgid);
pid_t setsid(void);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int setuid(uid_t uid);
int setgid(gid_t gid);
unsigned alarm(unsigned seconds);
unsigned sleep(unsigned seconds);
int usleep(useconds_t usec);
int pause(void);

/* ---- memory (MM) ---- */
int brk(void *addr);
void *sbrk(intptr_t increment);

/* ---- system ---- */
int gethostname(char *name, size_t len);
long sysconf(int name);

/* ---- Phoenix's own (PM); their constants and records: <phoenix.h> ---- */
int getsysinfo(int what, void *buf, size_t len);
int reboot(int how);
clock_t uptime(void);

#endif
