/* usertests: signals. Handlers run and return to intact registers, alarm,
 * blocking with sigprocmask and sigsuspend, SIGCHLD, what exec keeps,
 * default actions, SIGKILL that cannot be caught, interrupted calls. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#include "ut.h"

extern char **environ;

static volatile int caught_count;
static volatile int caught_sig;

/* A handler that counts its calls and, to disturb the registers of the
 * code it interrupted, computes something. */
static void counting_handler(int sig)
{
	volatile unsigned mix = (unsigned) sig;
	for (int i = 0; i < 100; i++)
		mix = mix * 2654435761u + (unsigned) i;
	caught_sig = sig;
	caught_count++;
}

/* Start a child that sends SIG to this process every 10 ms (for up to
 * 5 s, or until it is killed). Returns its pid. */
static pid_t start_pelter(int sig)
{
	pid_t target = getpid();
	pid_t pid = ut_fork();
	if (pid == 0) {
		for (int i = 0; i < 500; i++) {
			if (kill(target, sig) < 0)
				_exit(1);
			usleep(10000);
		}
		_exit(0);
	}
	return pid;
}

/* Stop a child started by start_pelter. */
static void stop_pelter(pid_t pid)
{
	kill(pid, SIGKILL);
	ut_wait(pid);
}

/* A caught signal runs its handler, which gets the signal number. */
TEST(sig_handler)
{
	ut_catch(SIGUSR1, counting_handler);
	CHECK_SYS(raise(SIGUSR1));
	CHECK(ut_wait_flag(&caught_count, 1000));
	CHECK_EQ(caught_sig, SIGUSR1);
	CHECK_EQ(caught_count, 1);
	/* sigaction reports the handler installed; a second signal runs it
	 * again (it stays installed). */
	struct sigaction old;
	CHECK_SYS(sigaction(SIGUSR1, NULL, &old));
	CHECK(old.sa_handler == counting_handler);
	CHECK_SYS(kill(getpid(), SIGUSR1));
	for (int i = 0; i < 200 && caught_count < 2; i++)
		usleep(5000);
	CHECK_EQ(caught_count, 2);
}

#define SIGNALS_WANTED 20

#if defined(__i386__)
/* ut_regs_probe(publish, out): load known values into every general
 * register, publish the address of a flag word on its stack in *publish,
 * spin until a signal handler sets that flag, then store the registers as
 * they are (eax, ebx, ecx, edx, esi, edi, ebp) in out[0..6]. Written as a
 * whole function so that no register is needed for addressing anything
 * but the stack (the test builds as position-independent code too). */
void ut_regs_probe(volatile int *volatile *publish, uint32_t *out);
__asm__(
    ".text\n"
    ".type ut_regs_probe, @function\n"
    "ut_regs_probe:\n\t"
    "push %ebp\n\t"
    "push %ebx\n\t"
    "push %esi\n\t"
    "push %edi\n\t"
    "pushl $0\n\t"                 /* the flag, at (%esp) */
    "mov 24(%esp), %eax\n\t"       /* publish */
    "mov %esp, (%eax)\n\t"
    "mov $0x11111111, %eax\n\t"
    "mov $0x22222222, %ebx\n\t"
    "mov $0x33333333, %ecx\n\t"
    "mov $0x44444444, %edx\n\t"
    "mov $0x55555555, %esi\n\t"
    "mov $0x66666666, %edi\n\t"
    "mov $0x77777777, %ebp\n"
    "1:\n\t"
    "cmpl $0, (%esp)\n\t"
    "je 1b\n\t"
    "push %ebp\n\t"
    "push %edi\n\t"
    "push %esi\n\t"
    "push %edx\n\t"
    "push %ecx\n\t"
    "push %ebx\n\t"
    "push %eax\n\t"
    "mov 56(%esp), %eax\n\t"       /* out */
    "pop %ecx\n\t" "mov %ecx, 0(%eax)\n\t"
    "pop %ecx\n\t" "mov %ecx, 4(%eax)\n\t"
    "pop %ecx\n\t" "mov %ecx, 8(%eax)\n\t"
    "pop %ecx\n\t" "mov %ecx, 12(%eax)\n\t"
    "pop %ecx\n\t" "mov %ecx, 16(%eax)\n\t"
    "pop %ecx\n\t" "mov %ecx, 20(%eax)\n\t"
    "pop %ecx\n\t" "mov %ecx, 24(%eax)\n\t"
    "add $4, %esp\n\t"             /* the flag */
    "mov 20(%esp), %eax\n\t"       /* publish: the flag is gone */
    "movl $0, (%eax)\n\t"
    "pop %edi\n\t"
    "pop %esi\n\t"
    "pop %ebx\n\t"
    "pop %ebp\n\t"
    "ret\n\t"
    ".size ut_regs_probe, . - ut_regs_probe\n");

/* Where ut_regs_probe's flag is while it spins (NULL otherwise). */
static volatile int *volatile reg_flag;

/* The handler for the register check: also sets the probe's flag. */
static void reg_handler(int sig)
{
	counting_handler(sig);
	if (reg_flag)
		*reg_flag = 1;
}
#endif

/* A computation interrupted by many handlers gets the result it gets
 * without them: the handlers return with every register intact. On i386
 * the registers are also checked one by one across a handler. */
TEST(sig_registers)
{
	volatile unsigned seed = 12345;
	unsigned expected = 0;
	for (unsigned i = 0; i < 20000; i++)
		expected = (expected ^ (seed + i)) * 16777619u + (expected >> 13);

#if defined(__i386__)
	uint32_t regs[7];
	ut_catch(SIGUSR1, reg_handler);
	pid_t pelter = start_pelter(SIGUSR1);
	ut_regs_probe(&reg_flag, regs);
	static const uint32_t want[7] = { 0x11111111, 0x22222222, 0x33333333,
	    0x44444444, 0x55555555, 0x66666666, 0x77777777 };
	static const char *const names[7] = { "eax", "ebx", "ecx", "edx", "esi",
	    "edi", "ebp" };
	for (int i = 0; i < 7; i++)
		if (regs[i] != want[i])
			FAIL("%s is 0x%08x after a handler, "
			    "expected 0x%08x", names[i], (unsigned) regs[i],
			    (unsigned) want[i]);
#else
	ut_catch(SIGUSR1, counting_handler);
	pid_t pelter = start_pelter(SIGUSR1);
#endif
	int rounds = 0;
	while (caught_count < SIGNALS_WANTED) {
		unsigned h = 0;
		for (unsigned i = 0; i < 20000; i++)
			h = (h ^ (seed + i)) * 16777619u + (h >> 13);
		if (h != expected)
			FAIL("round %d computed 0x%x, expected "
			    "0x%x", rounds, h, expected);
		rounds++;
	}
	stop_pelter(pelter);
}

static volatile int alarms;

/* The SIGALRM handler. */
static void alarm_handler(int sig)
{
	(void) sig;
	alarms++;
}

/* alarm(1) delivers SIGALRM about a second later and wakes pause();
 * alarm(0) cancels and returns the seconds that were left. */
TEST(sig_alarm)
{
	ut_catch(SIGALRM, alarm_handler);
	CHECK_EQ(alarm(10), 0);
	unsigned left = alarm(0);
	CHECK(left >= 9 && left <= 10);
	CHECK_EQ(alarm(1), 0);
	CHECK_ERR(pause(), EINTR);
	CHECK_EQ(alarms, 1);
}

/* A blocked signal waits; unblocking delivers it; sigsuspend waits for it
 * with a temporary mask. */
TEST(sig_mask)
{
	sigset_t block, old;
	ut_catch(SIGUSR1, counting_handler);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	CHECK_SYS(sigprocmask(SIG_BLOCK, &block, &old));
	CHECK(!sigismember(&old, SIGUSR1));
	CHECK_SYS(raise(SIGUSR1));
	usleep(50000);
	CHECK_EQ(caught_count, 0);
	CHECK_SYS(sigprocmask(SIG_UNBLOCK, &block, NULL));
	CHECK(ut_wait_flag(&caught_count, 1000));
	CHECK_EQ(caught_count, 1);

	/* Blocked again: sigsuspend with an empty mask takes it. */
	CHECK_SYS(sigprocmask(SIG_BLOCK, &block, NULL));
	CHECK_SYS(raise(SIGUSR1));
	CHECK_EQ(caught_count, 1);
	sigset_t none;
	sigemptyset(&none);
	CHECK_ERR(sigsuspend(&none), EINTR);
	CHECK_EQ(caught_count, 2);
	/* and the old mask (SIGUSR1 blocked) is back */
	sigset_t now;
	CHECK_SYS(sigprocmask(SIG_SETMASK, NULL, &now));
	CHECK(sigismember(&now, SIGUSR1));
}

static volatile int chld_count;

/* The SIGCHLD handler. */
static void chld_handler(int sig)
{
	(void) sig;
	chld_count++;
}

/* A child's exit sends SIGCHLD to its parent. */
TEST(sig_chld)
{
	ut_catch(SIGCHLD, chld_handler);
	pid_t pid = ut_fork();
	if (pid == 0)
		_exit(5);
	CHECK(ut_wait_flag(&chld_count, 2000));
	EXPECT_EXIT(pid, 5);
}

/* exec keeps an ignored signal ignored and resets a caught one to the
 * default: a shell that sends itself SIGINT (ignored) survives, one that
 * sends itself SIGUSR1 (caught before exec) dies of it. */
TEST(sig_exec)
{
	pid_t pid = ut_fork();
	if (pid == 0) {
		signal(SIGINT, SIG_IGN);
		char *argv[] = { "sh", "-c", "kill -INT $$; exit 7", NULL };
		execve("/bin/sh", argv, environ);
		_exit(99);
	}
	EXPECT_EXIT(pid, 7);
	pid = ut_fork();
	if (pid == 0) {
		ut_catch(SIGUSR1, counting_handler);
		char *argv[] = { "sh", "-c", "kill -USR1 $$; exit 7", NULL };
		execve("/bin/sh", argv, environ);
		_exit(99);
	}
	EXPECT_SIGNAL(pid, SIGUSR1);
}

/* Default actions: these signals end the process and the parent learns
 * which one; SIGCHLD is ignored by default. */
TEST(sig_default)
{
	static const int deadly[] = { SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2,
	    SIGPIPE, SIGALRM, SIGTERM, SIGKILL, SIGABRT };
	for (size_t i = 0; i < sizeof(deadly) / sizeof(deadly[0]); i++) {
		pid_t pid = ut_fork();
		if (pid == 0) {
			kill(getpid(), deadly[i]);
			usleep(500000);
			_exit(0);
		}
		EXPECT_SIGNAL(pid, deadly[i]);
	}
	pid_t pid = ut_fork();
	if (pid == 0) {
		kill(getpid(), SIGCHLD);
		usleep(50000);
		_exit(3);
	}
	EXPECT_EXIT(pid, 3);
}

/* SIGKILL and SIGSTOP can be neither caught nor ignored (EINVAL), and a
 * bad signal number is EINVAL too. */
TEST(sig_uncatchable)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = counting_handler;
	sigemptyset(&sa.sa_mask);
	CHECK_ERR(sigaction(SIGKILL, &sa, NULL), EINVAL);
	CHECK_ERR(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	sa.sa_handler = SIG_IGN;
	CHECK_ERR(sigaction(SIGKILL, &sa, NULL), EINVAL);
	CHECK_ERR(sigaction(0, &sa, NULL), EINVAL);
	CHECK_ERR(sigaction(1000, &sa, NULL), EINVAL);
	CHECK_ERR(kill(getpid(), 1000), EINVAL);
	CHECK(signal(SIGKILL, SIG_IGN) == SIG_ERR);
	/* Still killable after all that. */
	pid_t pid = ut_fork();
	if (pid == 0) {
		signal(SIGKILL, SIG_IGN);
		kill(getpid(), SIGKILL);
		usleep(500000);
		_exit(0);
	}
	EXPECT_SIGNAL(pid, SIGKILL);
}

/* A read blocked on an empty pipe returns EINTR when a caught signal
 * arrives. */
TEST(sig_eintr_read)
{
	int pfd[2];
	char c;
	CHECK_SYS(pipe(pfd));
	ut_catch(SIGUSR1, counting_handler);
	pid_t target = getpid();
	pid_t pid = ut_fork();
	if (pid == 0) {
		usleep(200000);
		kill(target, SIGUSR1);
		_exit(0);
	}
	CHECK_ERR(read(pfd[0], &c, 1), EINTR);
	CHECK_EQ(caught_count, 1);
	EXPECT_EXIT(pid, 0);
	/* The pipe still works afterwards. */
	CHECK_EQ(write(pfd[1], "x", 1), 1);
	CHECK_EQ(read(pfd[0], &c, 1), 1);
	CHECK_EQ(c, 'x');
}

/* sleep() interrupted by a caught signal returns the seconds left. */
TEST(sig_sleep)
{
	ut_catch(SIGUSR1, counting_handler);
	pid_t target = getpid();
	pid_t pid = ut_fork();
	if (pid == 0) {
		usleep(200000);
		kill(target, SIGUSR1);
		_exit(0);
	}
	unsigned left = sleep(5);
	CHECK_EQ(caught_count, 1);
	if (left < 3 || left > 5)
		FAIL("sleep(5) interrupted after 0.2 s "
		    "returned %u", left);
	EXPECT_EXIT(pid, 0);
}
