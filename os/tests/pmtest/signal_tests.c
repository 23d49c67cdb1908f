/* PM signal cases: handlers and their frames, masks, sigsuspend,
 * SA_RESETHAND, CPU exceptions, SIGCHLD; and the timers (PM_ALARM,
 * PM_SLEEP). */
#include <string.h>
#include "pmtest.h"

static volatile int caught[NSIG];
static volatile sigset_k mask_in_handler;

static void count(int sig)
{
	caught[sig]++;
}

/* note_mask: a handler that records the mask while it runs. */
static void note_mask(int sig)
{
	caught[sig]++;
	sigset_k now;
	t_sigprocmask(SIG_BLOCK, 0, &now);
	mask_in_handler = now;
}

TEST(sig_handler_round_trip)
{
	CHECK_EQ(t_signal(SIGUSR1, note_mask, SIGBIT(SIGUSR2), 0), 0);
	volatile int local = 0x1234567;
	/* The handler runs when PM has replied, before kill returns; the
	 * reply (in %eax and the message) survives it. */
	CHECK_EQ(t_kill(t_getpid(NULL), SIGUSR1), 0);
	CHECK_EQ(caught[SIGUSR1], 1);
	CHECK_EQ(local, 0x1234567);
	/* In the handler: the action's mask plus the signal itself. */
	CHECK_EQ(mask_in_handler, SIGBIT(SIGUSR1) | SIGBIT(SIGUSR2));
	sigset_k now;
	CHECK_EQ(t_sigprocmask(SIG_BLOCK, 0, &now), 0);
	CHECK_EQ(now, 0);                  /* restored by sigreturn */
	CHECK_EQ(t_kill(t_getpid(NULL), SIGUSR1), 0);
	CHECK_EQ(caught[SIGUSR1], 2);
}

TEST(sig_action_query_and_reset)
{
	struct k_sigaction old;
	CHECK_EQ(t_sigaction(SIGUSR2, NULL, &old), 0);
	CHECK_EQ(old.handler, SIG_DFL);
	CHECK_EQ(t_signal(SIGUSR2, count, 0, SA_RESETHAND | SA_NODEFER), 0);
	CHECK_EQ(t_sigaction(SIGUSR2, NULL, &old), 0);
	CHECK_EQ(old.handler, (vir_bytes) count);
	CHECK_EQ(t_kill(t_getpid(NULL), SIGUSR2), 0);
	CHECK_EQ(caught[SIGUSR2], 1);
	CHECK_EQ(t_sigaction(SIGUSR2, NULL, &old), 0);
	CHECK_EQ(old.handler, SIG_DFL);    /* SA_RESETHAND */
	/* SIGKILL and SIGSTOP cannot be caught or ignored. */
	CHECK_EQ(t_signal(SIGKILL, count, 0, 0), -EINVAL);
	CHECK_EQ(t_signal(SIGSTOP, (void (*)(int)) SIG_IGN, 0, 0), -EINVAL);
	CHECK_EQ(t_sigaction(SIGKILL, NULL, &old), 0);
	/* Ignored signals vanish. */
	CHECK_EQ(t_signal(SIGTERM, (void (*)(int)) SIG_IGN, 0, 0), 0);
	CHECK_EQ(t_kill(t_getpid(NULL), SIGTERM), 0);
}

TEST(sig_blocked_until_unblocked)
{
	CHECK_EQ(t_signal(SIGUSR1, count, 0, 0), 0);
	sigset_k old;
	CHECK_EQ(t_sigprocmask(SIG_BLOCK, SIGBIT(SIGUSR1) | SIGBIT(SIGKILL),
	    &old), 0);
	CHECK_EQ(old, 0);
	CHECK_EQ(t_kill(t_getpid(NULL), SIGUSR1), 0);
	CHECK_EQ(t_kill(t_getpid(NULL), SIGUSR1), 0);
	CHECK_EQ(caught[SIGUSR1], 0);
	sigset_k pending;
	CHECK_EQ(t_sigpending(&pending), 0);
	CHECK_EQ(pending, SIGBIT(SIGUSR1));
	CHECK_EQ(t_sigprocmask(SIG_SETMASK, 0, &old), 0);
	CHECK_EQ(old, SIGBIT(SIGUSR1));    /* SIGKILL cannot be blocked */
	CHECK_EQ(caught[SIGUSR1], 1);      /* once: signals do not queue */
	CHECK_EQ(t_sigpending(&pending), 0);
	CHECK_EQ(pending, 0);
}

/* blocked_term: a helper that blocks SIGTERM, gets it, then unblocks. */
static int blocked_term(void *arg)
{
	(void) arg;
	t_sigprocmask(SIG_BLOCK, SIGBIT(SIGTERM), NULL);
	t_kill(t_getpid(NULL), SIGTERM);
	t_sigprocmask(SIG_UNBLOCK, SIGBIT(SIGTERM), NULL);
	return 60;                         /* not reached */
}

TEST(sig_blocked_default_action)
{
	int status = t_wait_status(t_child(blocked_term, NULL));
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGTERM);
}

TEST(sig_alarm_and_sigsuspend)
{
	CHECK_EQ(t_signal(SIGALRM, count, 0, 0), 0);
	int prev = t_alarm(5);             /* replaces the case timeout */
	CHECK(prev > 0 && prev <= 1000);
	uint32_t start = t_now();
	CHECK_EQ(t_sigsuspend(0), -EINTR);
	CHECK_EQ(caught[SIGALRM], 1);
	CHECK(t_now() - start >= 4);
	CHECK_EQ(t_alarm(0), 0);
	/* alarm reports what the previous one had left. */
	CHECK_EQ(t_alarm(500), 0);
	int left = t_alarm(0);
	CHECK(left > 450 && left <= 500);
}

TEST(sig_sigsuspend_mask)
{
	CHECK_EQ(t_signal(SIGUSR1, note_mask, 0, 0), 0);
	CHECK_EQ(t_signal(SIGALRM, count, 0, 0), 0);
	CHECK_EQ(t_sigprocmask(SIG_SETMASK, SIGBIT(SIGUSR1), NULL), 0);
	CHECK_EQ(t_kill(t_getpid(NULL), SIGUSR1), 0);    /* pending */
	CHECK_EQ(caught[SIGUSR1], 0);
	/* sigsuspend with SIGUSR1 unblocked: the pending one is delivered,
	 * the handler runs with the suspend mask plus SIGUSR1, and after it
	 * the old mask (SIGUSR1 blocked) is back. */
	CHECK_EQ(t_sigsuspend(SIGBIT(SIGUSR2)), -EINTR);
	CHECK_EQ(caught[SIGUSR1], 1);
	CHECK_EQ(mask_in_handler, SIGBIT(SIGUSR1) | SIGBIT(SIGUSR2));
	sigset_k now;
	CHECK_EQ(t_sigprocmask(SIG_BLOCK, 0, &now), 0);
	CHECK_EQ(now, SIGBIT(SIGUSR1));
}

TEST(sig_sleep)
{
	uint32_t left = 99, start = t_now();
	CHECK_EQ(t_sleep(10, &left), 0);
	CHECK_EQ(left, 0);
	CHECK(t_now() - start >= 10);
	CHECK_EQ(t_sleep(0, &left), 0);
	/* A caught signal interrupts it, with the ticks left. */
	CHECK_EQ(t_signal(SIGALRM, count, 0, 0), 0);
	t_alarm(5);
	CHECK_EQ(t_sleep(500, &left), -EINTR);
	CHECK_EQ(caught[SIGALRM], 1);
	CHECK(left > 400 && left <= 500);
}

/* waiter: a helper whose waitpid is interrupted by SIGALRM. */
static int waiter(void *arg)
{
	(void) arg;
	t_signal(SIGALRM, count, 0, 0);
	int pid = t_fork();
	if (pid == 0) {
		t_sleep(100000, NULL);
		t_exit(0);
	}
	t_alarm(3);
	int r = t_waitpid(pid, NULL, 0);
	t_kill(pid, SIGKILL);
	t_waitpid(pid, NULL, 0);
	return r == -EINTR && caught[SIGALRM] == 1 ? 0 : 1;
}

TEST(sig_interrupts_waitpid)
{
	CHECK_EQ(WEXITSTATUS(t_wait_status(t_child(waiter, NULL))), 0);
}

TEST(sig_alarm_default_ends)
{
	int pid = t_fork();
	if (pid == 0) {
		t_alarm(2);
		t_sleep(100000, NULL);
		t_exit(70);
	}
	int status = t_wait_status(pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGALRM);
}

TEST(sig_sigchld)
{
	CHECK_EQ(t_signal(SIGCHLD, count, 0, 0), 0);
	int pid = t_fork();
	if (pid == 0)
		t_exit(4);
	/* Wait for the signal, then collect the child. */
	for (int i = 0; i < 100 && !caught[SIGCHLD]; i++)
		t_sleep(1, NULL);
	CHECK_EQ(caught[SIGCHLD], 1);
	CHECK_EQ(WEXITSTATUS(t_wait_status(pid)), 4);
}

/* segv_handler: leave the faulting code for good. */
static void segv_handler(int sig)
{
	t_exit(sig == SIGSEGV ? 77 : 78);
}

static int fault_caught(void *arg)
{
	(void) arg;
	t_signal(SIGSEGV, segv_handler, 0, 0);
	*(volatile int *) 0 = 1;
	return 79;
}

static int fault_blocked(void *arg)
{
	(void) arg;
	t_signal(SIGSEGV, segv_handler, 0, 0);
	t_sigprocmask(SIG_BLOCK, SIGBIT(SIGSEGV), NULL);
	*(volatile int *) 0 = 1;
	return 79;
}

static int divide(void *arg)
{
	volatile int zero = (int) (intptr_t) arg;
	return 10 / zero;
}

static int fault_ignored(void *arg)
{
	(void) arg;
	t_signal(SIGSEGV, (void (*)(int)) SIG_IGN, 0, 0);
	*(volatile int *) 0 = 1;
	return 79;
}

TEST(sig_cpu_exceptions)
{
	int status = t_wait_status(t_child(fault_caught, NULL));
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 77);
	status = t_wait_status(t_child(fault_blocked, NULL));
	CHECK_EQ(WTERMSIG(status), SIGSEGV);
	status = t_wait_status(t_child(fault_ignored, NULL));
	CHECK_EQ(WTERMSIG(status), SIGSEGV);
	status = t_wait_status(t_child(divide, (void *) 0));
	CHECK_EQ(WTERMSIG(status), SIGFPE);
}

/* handler_forks: the handler's mask and actions are inherited. */
static int inherits(void *arg)
{
	(void) arg;
	struct k_sigaction old;
	sigset_k mask;
	t_sigaction(SIGUSR1, NULL, &old);
	t_sigprocmask(SIG_BLOCK, 0, &mask);
	if (old.handler != (vir_bytes) count || mask != SIGBIT(SIGUSR2))
		return 1;
	sigset_k pending;
	t_sigpending(&pending);
	return pending == 0 ? 0 : 2;
}

TEST(sig_fork_inherits_actions_and_mask)
{
	CHECK_EQ(t_signal(SIGUSR1, count, 0, 0), 0);
	CHECK_EQ(t_sigprocmask(SIG_SETMASK, SIGBIT(SIGUSR2), NULL), 0);
	CHECK_EQ(t_kill(t_getpid(NULL), SIGUSR2), 0);   /* pending, blocked */
	CHECK_EQ(WEXITSTATUS(t_wait_status(t_child(inherits, NULL))), 0);
}

TEST(sig_bad_sigreturn)
{
	message m = { 0 };
	m.u.pm_sigreturn.ctx = 0x10;
	CHECK_EQ(pm_request(PM_SIGRETURN, &m), -EFAULT);
	static struct sigcontext junk;
	m.u.pm_sigreturn.ctx = (vir_bytes) &junk;
	CHECK_EQ(pm_request(PM_SIGRETURN, &m), -EINVAL);
}
