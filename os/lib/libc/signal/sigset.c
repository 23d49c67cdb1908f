/* Signal sets: sigemptyset, sigfillset, sigaddset, sigdelset,
 * sigismember. A set is a bit mask (bit N: signal N). */
#include <errno.h>
#include <signal.h>

/* valid: whether SIG is a signal number a set can hold (1..NSIG-1). */
static int valid(int sig)
{
	if (sig <= 0 || sig >= NSIG) {
		errno = EINVAL;
		return 0;
	}
	return 1;
}

/* sigemptyset: *SET holds no signal. Returns 0. */
int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

/* sigfillset: *SET holds every signal. Returns 0. */
int sigfillset(sigset_t *set)
{
	*set = ~(sigset_t) 1;     /* bit 0 is no signal */
	return 0;
}

/* sigaddset: add SIG to *SET. Returns 0, or -1 with errno EINVAL. */
int sigaddset(sigset_t *set, int sig)
{
	if (!valid(sig))
		return -1;
	*set |= (sigset_t) 1 << sig;
	return 0;
}

/* sigdelset: remove SIG from *SET. Returns 0, or -1 with errno EINVAL. */
int sigdelset(sigset_t *set, int sig)
{
	if (!valid(sig))
		return -1;
	*set &= ~((sigset_t) 1 << sig);
	return 0;
}

/* sigismember: 1 when SIG is in *SET, 0 when not, -1 with errno EINVAL
 * for a bad SIG. */
int sigismember(const sigset_t *set, int sig)
{
	if (!valid(sig))
		return -1;
	return (*set >> sig) & 1;
}
