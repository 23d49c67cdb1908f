/* keeper: a process whose state lives in PM and MM, to show that it
 * survives their restart in place and live update
 * (os/tests/test_recover_pm.py, test_recover_mm.py).
 *
 * `keeper start` forks the keeper K and returns once K is set up, printing
 * `keeper: pid K`. K has a heap (sbrk) and an anonymous mapping filled
 * with a pattern, handlers for SIGUSR1 and SIGALRM, an alarm an hour
 * away, and a child C (an alarm too, asleep in PM for an hour at a time);
 * K itself waits in sigsuspend. K's parent ends, so K's parent is init.
 *
 * `keeper check` asks K (SIGUSR1; its own pid in /tmp/keeper.ask) for a
 * report and prints it when K answers (SIGUSR2):
 *   keeper: pid K ppid P child C waitable W heap H map M alarm A grow G
 *   quiet Q
 * W: waitpid(C, WNOHANG) (0: C is K's child and alive); H, M: "ok" when
 * the heap and the mapping hold the pattern; A: "pending" when K's alarm
 * has time left; G: "ok" when one more page of heap and a new mapping
 * can be had (placed apart from the old one), written and given back;
 * Q: "yes" when neither K's sigsuspend nor C's sleep ever ended without
 * a signal that asked for it (an error from PM, a wait PM forgot).
 * No answer in 20 seconds: SIGALRM ends the checker (exit status 142).
 * `keeper stop` ends K and C (their pids are in /tmp/keeper.pid). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define PID_FILE "/tmp/keeper.pid"
#define ASK_FILE "/tmp/keeper.ask"
#define OUT_FILE "/tmp/keeper.out"
#define WOKE_FILE "/tmp/keeper.woke"
#define HEAP_SIZE (64 * 1024)
#define MAP_SIZE (3 * 4096)
#define ALARM_S 3600

static volatile sig_atomic_t asked, answered;
static int spurious;          /* K's waits that ended for no reason */
static unsigned char *heap, *map;
static pid_t child;

/* on_usr1: K is asked for a report. */
static void on_usr1(int sig)
{
	(void) sig;
	asked = 1;
}

/* on_usr2: the checker's report is there. */
static void on_usr2(int sig)
{
	(void) sig;
	answered = 1;
}

/* on_alarm: an alarm an hour away that came: nothing to do. */
static void on_alarm(int sig)
{
	(void) sig;
}

/* catch: install HANDLER for SIG. */
static void catch(int sig, void (*handler)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigaction(sig, &sa, NULL);
}

/* fill / same: the pattern of byte I of a region seeded SEED. */
static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char) (i * 31 + seed);
}

static int same(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char) (i * 31 + seed))
			return 0;
	return 1;
}

/* read_pid: the WHICH-th (0, 1) number in file PATH, or -1. */
static pid_t read_pid(const char *path, int which)
{
	FILE *f = fopen(path, "r");
	char text[32];
	if (!f)
		return -1;
	char *p = fgets(text, sizeof(text), f);
	fclose(f);
	if (!p)
		return -1;
	if (which) {
		p = strchr(text, ' ');
		if (!p)
			return -1;
	}
	int pid = atoi(p);
	return pid > 0 ? pid : -1;
}

/* write_text: PATH holds TEXT. 0 or -1. */
static int write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

/* grow: one more heap page and a new mapping, written, checked against
 * the old ones, and given back. Returns "ok" or what went wrong. */
static const char *grow(void)
{
	unsigned char *more = sbrk(4096);
	if (more == (void *) -1)
		return "sbrk-failed";
	fill(more, 4096, 7);
	unsigned char *m = mmap(NULL, MAP_SIZE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return "mmap-failed";
	if (m < map + MAP_SIZE && map < m + MAP_SIZE)
		return "mmap-overlaps";
	fill(m, MAP_SIZE, 9);
	int ok = same(more, 4096, 7) && same(m, MAP_SIZE, 9) &&
	    same(map, MAP_SIZE, 2) && same(heap, HEAP_SIZE, 1);
	if (munmap(m, MAP_SIZE) != 0 || sbrk(-4096) == (void *) -1)
		return "give-back-failed";
	return ok ? "ok" : "overwritten";
}

/* report: K's answer to a check, into OUT_FILE, then SIGUSR2 to the
 * asker. */
static void report(void)
{
	char line[200];
	int st;
	int w = waitpid(child, &st, WNOHANG);
	unsigned left = alarm(0);
	alarm(left ? left : ALARM_S);
	int woke = spurious || access(WOKE_FILE, F_OK) == 0;
	snprintf(line, sizeof(line), "keeper: pid %d ppid %d child %d "
	    "waitable %d heap %s map %s alarm %s grow %s quiet %s\n",
	    (int) getpid(), (int) getppid(), (int) child, w,
	    same(heap, HEAP_SIZE, 1) ? "ok" : "bad",
	    same(map, MAP_SIZE, 2) ? "ok" : "bad",
	    left ? "pending" : "none", grow(), woke ? "no" : "yes");
	write_text(OUT_FILE, line);
	pid_t asker = read_pid(ASK_FILE, 0);
	if (asker > 0)
		kill(asker, SIGUSR2);
}

/* run_child: C: an alarm, then asleep for ever, an hour at a time; a
 * sleep that ends early (it is never interrupted) is written down in
 * WOKE_FILE. */
static void __attribute__((noreturn)) run_child(void)
{
	catch(SIGALRM, on_alarm);
	alarm(ALARM_S);
	for (;;) {
		struct timespec t = { ALARM_S, 0 };
		if (nanosleep(&t, NULL) != 0) {
			char text[48];
			snprintf(text, sizeof(text), "child woke: errno %d\n",
			    errno);
			write_text(WOKE_FILE, text);
		}
	}
}

/* run_keeper: K: set up, tell STARTER, then answer checks for ever. */
static void __attribute__((noreturn)) run_keeper(pid_t starter)
{
	sigset_t usr1, none;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigemptyset(&none);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	catch(SIGUSR1, on_usr1);
	catch(SIGALRM, on_alarm);
	heap = sbrk(HEAP_SIZE);
	map = mmap(NULL, MAP_SIZE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (heap == (void *) -1 || map == MAP_FAILED) {
		printf("keeper: no memory\n");
		exit(1);
	}
	fill(heap, HEAP_SIZE, 1);
	fill(map, MAP_SIZE, 2);
	alarm(ALARM_S);
	child = fork();
	if (child == 0)
		run_child();
	char text[32];
	snprintf(text, sizeof(text), "%d %d\n", (int) getpid(), (int) child);
	write_text(PID_FILE, text);
	kill(starter, SIGUSR2);
	for (;;) {
		while (!asked)
			if (sigsuspend(&none) != -1 || errno != EINTR ||
			    !asked)
				spurious++;
		asked = 0;
		report();
	}
}

/* wait_answer: wait (at most 20 seconds) for SIGUSR2, blocked by the
 * caller so it cannot come too early. */
static void wait_answer(void)
{
	sigset_t none;
	sigemptyset(&none);
	alarm(20);
	while (!answered)
		sigsuspend(&none);
	alarm(0);
}

/* block_usr2: block SIGUSR2 and catch it. */
static void block_usr2(void)
{
	sigset_t usr2;
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	sigprocmask(SIG_BLOCK, &usr2, NULL);
	catch(SIGUSR2, on_usr2);
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";
	if (strcmp(cmd, "start") == 0) {
		block_usr2();
		unlink(PID_FILE);
		unlink(WOKE_FILE);
		pid_t me = getpid(), k = fork();
		if (k < 0)
			return 1;
		if (k == 0)
			run_keeper(me);
		wait_answer();
		printf("keeper: pid %d\n", (int) k);
		return 0;
	}
	if (strcmp(cmd, "check") == 0 || strcmp(cmd, "stop") == 0) {
		pid_t k = read_pid(PID_FILE, 0);
		if (k <= 0) {
			printf("keeper: not started\n");
			return 1;
		}
		if (cmd[1] == 't') {
			pid_t c = read_pid(PID_FILE, 1);
			if (c > 0)
				kill(c, SIGKILL);
			kill(k, SIGKILL);
			return 0;
		}
		char text[16];
		block_usr2();
		unlink(OUT_FILE);
		snprintf(text, sizeof(text), "%d\n", (int) getpid());
		write_text(ASK_FILE, text);
		if (kill(k, SIGUSR1) != 0) {
			printf("keeper: pid %d is gone\n", (int) k);
			return 1;
		}
		wait_answer();
		FILE *f = fopen(OUT_FILE, "r");
		char line[200];
		if (!f || !fgets(line, sizeof(line), f)) {
			printf("keeper: no report\n");
			return 1;
		}
		fputs(line, stdout);
		fclose(f);
		return 0;
	}
	printf("usage: keeper start|check|stop\n");
	return 2;
}
