/* Signal descriptions: "Segmentation fault" and the like. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

static const char *const names[NSIG] = {
	[SIGHUP]   = "Hangup",
	[SIGINT]   = "Interrupt",
	[SIGQUIT]  = "Quit",
	[SIGILL]   = "Illegal instruction",
	[SIGTRAP]  = "Trace/breakpoint trap",
	[SIGABRT]  = "Aborted",
	[SIGBUS]   = "Bus error",
	[SIGFPE]   = "Floating point exception",
	[SIGKILL]  = "Killed",
	[SIGUSR1]  = "User defined signal 1",
	[SIGSEGV]  = "Segmentation fault",
	[SIGUSR2]  = "User defined signal 2",
	[SIGPIPE]  = "Broken pipe",
	[SIGALRM]  = "Alarm clock",
	[SIGTERM]  = "Terminated",
	[SIGCHLD]  = "Child exited",
	[SIGCONT]  = "Continued",
	[SIGSTOP]  = "Stopped (signal)",
	[SIGTSTP]  = "Stopped",
	[SIGWINCH] = "Window changed",
	[SIGKEXIT] = "Exited (kernel)",
	[SIGKSTOP] = "Stopped (kernel)",
};

/* strsignal: the description of signal SIG, or "Unknown signal N" (in a
 * static buffer overwritten by the next such call). */
char *strsignal(int sig)
{
	static char unknown[32];
	if (sig > 0 && sig < NSIG && names[sig])
		return (char *) names[sig];
	snprintf(unknown, sizeof(unknown), "Unknown signal %d", sig);
	return unknown;
}
