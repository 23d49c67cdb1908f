/* catch_crash: run a function and tell whether it crashed with an invalid
 * instruction (SIGILL: SEF's injected `ud2`), for the host tests of SEF's
 * fault injection (sef_fi_host.c). Apart from it as the host's <signal.h>
 * and the OS's abi/signal.h do not mix in one file. */
#include <setjmp.h>
#include <signal.h>
#include <string.h>

static sigjmp_buf crash_jump;

/* on_sigill: the injected `ud2`: back to catch_crash. */
static void on_sigill(int sig)
{
	(void) sig;
	siglongjmp(crash_jump, 1);
}

/* catch_crash: 1 when RUN(ARG) crashed with SIGILL, 0 when it returned. */
int catch_crash(void (*run)(const void *), const void *arg)
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigill;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGILL, &sa, &old);
	int crashed = 1;
	if (sigsetjmp(crash_jump, 1) == 0) {
		run(arg);
		crashed = 0;
	}
	sigaction(SIGILL, &old, NULL);
	return crashed;
}
