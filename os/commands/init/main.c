/* init: the first user process (pid 1). Opens the console, runs /etc/rc,
 * shows /etc/motd, then keeps an interactive shell on the console forever,
 * reaping every process that ends up as its child. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#define CONSOLE "/dev/console"
#define SHELL   "/bin/sh"
#define RC      "/etc/rc"
#define MOTD    "/etc/motd"

extern char **environ;

/* Signals init catches with a handler that does nothing: init survives
 * them, and its children, whose handlers exec resets, get the defaults. */
static const int caught[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM };

/* The handler of the signals in caught[]: nothing. */
static void ignore_signal(int sig)
{
	(void) sig;
}

/* Make the console descriptors 0, 1 and 2. Returns 0, or -1 (errno). */
static int open_console(void)
{
	int fd = open(CONSOLE, O_RDWR);
	if (fd < 0)
		return -1;
	for (int i = 0; i < 3; i++)
		if (fd != i)
			dup2(fd, i);
	if (fd > 2)
		close(fd);
	return 0;
}

/* The status a shell would report for wait status WSTATUS: the exit code,
 * or 128 plus the signal number. */
static int status_of(int wstatus)
{
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return WEXITSTATUS(wstatus);
}

/* Wait until child PID ends, reaping any other child (orphans) meanwhile.
 * Returns its wait status, or -1 when there is no such child. */
static int wait_for(pid_t pid)
{
	int wstatus;
	for (;;) {
		pid_t r = waitpid(-1, &wstatus, 0);
		if (r == pid)
			return wstatus;
		if (r < 0 && errno != EINTR)
			return -1;
	}
}

/* Run /bin/sh /etc/rc and wait for it; a failure is reported, not fatal. */
static void run_rc(void)
{
	printf("init: running %s\n", RC);
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		printf("init: fork: %s\n", strerror(errno));
		return;
	}
	if (pid == 0) {
		char *argv[] = { SHELL, RC, NULL };
		execve(SHELL, argv, environ);
		printf("init: %s: %s\n", SHELL, strerror(errno));
		fflush(stdout);
		_exit(127);
	}
	int wstatus = wait_for(pid);
	if (wstatus != 0)
		printf("init: %s failed (status %d)\n", RC, status_of(wstatus));
	fflush(stdout);
}

/* Copy /etc/motd to the console, if there is one. */
static void show_motd(void)
{
	char buf[512];
	int fd = open(MOTD, O_RDONLY);
	if (fd < 0)
		return;
	ssize_t n;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		write(1, buf, (size_t) n);
	close(fd);
}

/* Start an interactive shell ("-sh", a login shell) in a session and
 * process group of its own that holds the terminal. Returns its pid, or -1
 * when fork failed. */
static pid_t start_shell(void)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	setsid();
	open_console();            /* the console of the new session */
	tcsetpgrp(0, getpid());
	char *argv[] = { "-sh", NULL };
	execve(SHELL, argv, environ);
	printf("init: %s: %s\n", SHELL, strerror(errno));
	fflush(stdout);
	_exit(127);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ignore_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(caught) / sizeof(caught[0]); i++)
		sigaction(caught[i], &sa, NULL);
	signal(SIGCHLD, SIG_DFL);

	open_console();
	if (!getenv("PATH"))
		setenv("PATH", "/bin:/sbin:/usr/bin", 1);
	if (!getenv("HOME"))
		setenv("HOME", "/", 1);

	run_rc();
	show_motd();
	for (;;) {
		time_t started = time(NULL);
		pid_t pid = start_shell();
		if (pid < 0) {
			printf("init: fork: %s\n", strerror(errno));
			fflush(stdout);
			sleep(1);
			continue;
		}
		int wstatus = wait_for(pid);
		printf("init: shell exited (status %d), starting a new one\n",
		    wstatus < 0 ? -1 : status_of(wstatus));
		fflush(stdout);
		if (time(NULL) - started < 1)
			sleep(1);          /* a shell that cannot start: no busy loop */
	}
}
