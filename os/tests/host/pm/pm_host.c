/* Host test of PM's kept-state check (os/servers/pm/recover.c, with the
 * tables of proc.c): built with the host gcc (-m32) against a fake kernel
 * kept here (a process table the test fills), run by
 * os/tests/test_pm_check_host.py. Each case builds a small consistent
 * table (init, a shell, its child, a zombie, a server) and corrupts one
 * thing; the check must refuse it and say what. The calls the re-sync
 * makes are stubs (not exercised here). Cases run on the test kit
 * (os/tests/kit) in process. */
#include "../state_check.h"
#include "pm.h"

/* ---- the fake kernel: a process table -------------------------------- */

static struct proc_info ktab[8];
static int knr;

int sys_getinfo(int request, endpoint_t ep, void *buf, size_t len)
{
	(void) ep;
	if (request != GET_PROCTAB || len < knr * sizeof(ktab[0]))
		return -EINVAL;
	memcpy(buf, ktab, knr * sizeof(ktab[0]));
	return knr * (int) sizeof(ktab[0]);
}

/* What recover.c's re-sync and proc.c call: not exercised here. */
void ksig_notify(void) {}
void timers_expired(void) {}
void tty_notify(void) {}
void script_run_pending(void) {}
void sig_deliver(struct mproc *mp) { (void) mp; }
int cred_is_root(const struct mproc *mp) { (void) mp; return 1; }
endpoint_t pm_current = NONE;

/* ---- a consistent table ---------------------------------------------- */

/* proc: a record for slot SLOT (generation 1) with PID, PPID; also in the
 * kernel's table with the pid the kernel's mirror holds. */
static struct mproc *proc(int slot, int pid, int ppid, unsigned flags)
{
	struct mproc *mp = mproc_new(ep_make(slot, 1), pid, flags);
	mp->ppid = ppid;
	mp->pgid = mp->sid = pid;
	ktab[knr].slot = slot;
	ktab[knr].endpoint = mp->ep;
	ktab[knr].cred.pid = (flags & MP_SYSTEM) ? 0 : pid;
	knr++;
	return mp;
}

/* setup: a server (pid 2), init (1), a shell (20, child of init) asleep
 * with an alarm, its child (21) with a handler, a zombie (22) of the
 * shell. */
static void setup(void)
{
	memset(mproc, 0, sizeof(mproc));
	memset(zombies, 0, sizeof(zombies));
	memset(ktab, 0, sizeof(ktab));
	knr = 0;
	proc(3, 2, 0, MP_SYSTEM);
	proc(10, INIT_PID, 0, 0);
	struct mproc *sh = proc(11, 20, INIT_PID, MP_SLEEPING);
	sh->sleep_at = 1000;
	sh->alarm_at = 5000;
	struct mproc *child = proc(12, 21, 20, 0);
	child->act[SIGUSR1].handler = 0x40001000u;
	child->mask = (sigset_k) 1 << SIGUSR2;
	zombies[3].pid = 22;
	zombies[3].ppid = 20;
	zombies[3].pgid = 20;
}

/* refused: the check refuses the state, and its reason says WHAT. */
#define refused(what) STATE_REFUSED(pm_state_check, what)

TEST(a_consistent_table_passes)
{
	setup();
	CHECK_EQ(pm_state_check(why, sizeof(why)), 0);
	CHECK_EQ(pm_count_records(), 4);
	/* A server's record may outlive its process (RS removes services
	 * without telling PM): not refused. */
	ktab[0] = ktab[1];
	ktab[1] = ktab[2];
	ktab[2] = ktab[3];
	knr = 3;
	CHECK_EQ(pm_state_check(why, sizeof(why)), 0);
}

TEST(a_pid_twice_is_refused)
{
	setup();
	mproc[12].pid = 20;
	CHECK(refused("not unique"));
	setup();
	zombies[3].pid = 21;
	CHECK(refused("not unique"));
	setup();
	mproc[12].pid = PM_PID_MAX + 1;
	CHECK(refused("out of range"));
}

TEST(a_missing_parent_is_refused)
{
	setup();
	mproc[12].ppid = 99;
	CHECK(refused("parent 99"));
	setup();
	zombies[3].ppid = 98;
	CHECK(refused("parent 98"));
}

TEST(flags_where_they_cannot_be_are_refused)
{
	setup();
	mproc[3].alarm_at = 7;
	CHECK(refused("system process"));
	setup();
	mproc[11].flags |= MP_WAITING;
	CHECK(refused("blocked twice"));
	setup();
	mproc[11].flags |= 0x8000;
	CHECK(refused("flags"));
	setup();
	mproc[12].act[SIGKILL].handler = 0x40001000u;
	CHECK(refused("SIGKILL"));
	setup();
	mproc[12].ep = ep_make(13, 1);
	CHECK(refused("another slot"));
}

TEST(disagreeing_with_the_kernel_is_refused)
{
	setup();
	ktab[3].cred.pid = 77;           /* the child's mirror */
	CHECK(refused("the kernel says pid 77"));
	setup();
	knr = 3;                         /* the child is gone */
	CHECK(refused("is not a process"));
}

STATE_CHECK_MAIN("pm_host")
