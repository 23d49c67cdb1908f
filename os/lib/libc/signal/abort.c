/* Abnormal end: abort. */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

/* abort: end the process with SIGABRT (stdio is not flushed). A handler
 * for SIGABRT runs first; if it returns, or the signal is ignored or
 * blocked, the default action is forced; if even that fails, _exit(127). */
void abort(void)
{
	raise(SIGABRT);
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	sigaction(SIGABRT, &dfl, NULL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGABRT);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGABRT);
	_exit(127);
}
