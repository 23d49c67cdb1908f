/* Cases for credentials (SYS_SETCRED, GET_PROC's cred): the kernel keeps
 * what its holder sets, for itself or a process it manages, copies it on
 * fork, and never lets it be set for anybody else. */
#include <string.h>
#include "ktest.h"

/* cred_of: the credentials the kernel reports for EP. */
static struct proc_cred cred_of(endpoint_t ep)
{
	struct proc_cred c;
	memset(&c, 0xff, sizeof(c));
	CHECK_OK(sys_getcred(ep, &c));
	return c;
}

/* wait_for_go: helper that waits for one message from ARG. */
static void wait_for_go(void *arg)
{
	message m;
	CHECK_OK(ipc_receive(ARG_EP(arg), &m));
}

/* A fresh process is root (all 0); what SETCRED sets is what GET_PROC
 * shows; a fork copies it; the caller may set a helper it manages. */
TEST(setcred_own_and_child)
{
	struct proc_cred c = cred_of(SELF);
	CHECK_EQ(c.ruid, 0);
	CHECK_EQ(c.euid, 0);
	CHECK_EQ(c.egid, 0);

	struct proc_cred s = { .ruid = 1000, .euid = 0, .rgid = 1000,
	    .egid = 50, .pid = 77 };
	CHECK_OK(sys_setcred(SELF, &s));
	c = cred_of(ktest_self());
	CHECK_EQ(c.ruid, 1000);
	CHECK_EQ(c.euid, 0);
	CHECK_EQ(c.rgid, 1000);
	CHECK_EQ(c.egid, 50);
	CHECK_EQ(c.pid, 77);

	endpoint_t h = ktest_spawn(wait_for_go, EP_ARG(ktest_self()));
	c = cred_of(h);
	CHECK_EQ(c.ruid, 1000);
	CHECK_EQ(c.egid, 50);
	struct proc_cred t = { .ruid = 7, .euid = 8, .rgid = 9, .egid = 10,
	    .pid = 11 };
	CHECK_OK(sys_setcred(h, &t));
	c = cred_of(h);
	CHECK_EQ(c.euid, 8);
	CHECK_EQ(c.pid, 11);
	c = cred_of(SELF);
	CHECK_EQ(c.euid, 0);           /* the child's change is its own */

	message m;
	memset(&m, 0, sizeof(m));
	CHECK_OK(ipc_send(h, &m));
	CHECK_EQ(ktest_reap_exit(h), 0);
}

/* Nobody sets the credentials of a process it does not manage (the
 * runner manages us; we manage nobody else): -EPERM, nothing changes.
 * A dead or invalid endpoint is refused too. */
TEST(setcred_others_refused)
{
	struct proc_cred before = cred_of(ktest_runner);
	struct proc_cred evil = { .ruid = 1000, .euid = 1000, .rgid = 1000,
	    .egid = 1000, .pid = 1 };
	CHECK_EQ(sys_setcred(ktest_runner, &evil), -EPERM);
	struct proc_cred after = cred_of(ktest_runner);
	CHECK(memcmp(&before, &after, sizeof(before)) == 0);
	CHECK_FAILS(sys_setcred(64, &evil));
	CHECK_FAILS(sys_getcred(64, &after));
}
