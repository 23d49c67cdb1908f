/* Host test of SEF's init protocol (os/lib/sef/startup.c) on the point
 * the block drivers rely on (the seeds' restart race,
 * ../shared/seeds/commit-notes-drivers-protocols.txt): a restart with a
 * new endpoint must not clear the IPC state, or requests that reached the
 * new instance before its init finished would be failed; only a stateful
 * restart (the endpoint kept: the dead instance's requests will never be
 * answered) clears it, and before the init callback runs. Built with the
 * host gcc (-m32) against a fake RS and kernel kept here, run by
 * os/tests/test_sef_init_host.py; its cases run on the test kit
 * (os/tests/kit) in process. */
#include "../../kit/kit.h"
#undef ENOSYS
#undef ENOTEMPTY
#undef ERESTART
#undef ENETUNREACH
#undef ECONNRESET
#undef ENOBUFS
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include <abi/boot.h>
#include "syslib.h"
#include "sef_priv.h"

/* ---- the fake RS and kernel --------------------------------------------- */

static struct mess_sef_init answer;   /* what RS says to RS_SEF_INIT */
static int clears;                    /* STATECTL_CLEAR_IPC calls */
static int init_result = -999;        /* RS_SEF_INIT_DONE's result */

/* ipc_sendrec: RS answers RS_SEF_INIT with ANSWER and takes the init's
 * result; anything else is not expected here. */
int ipc_sendrec(endpoint_t ep, message *m)
{
	if (ep != RS_EP)
		return -EDEADSRCDST;
	if (m->m_type == RS_SEF_INIT) {
		m->m_type = 0;
		m->u.sef_init = answer;
		return 0;
	}
	if (m->m_type == RS_SEF_INIT_DONE) {
		init_result = m->u.sef_result.result;
		m->m_type = 0;
		return 0;
	}
	return -EINVAL;
}

/* sys_statectl: counts CLEAR_IPC of the caller itself. */
int sys_statectl(int request, endpoint_t ep)
{
	if (request == STATECTL_CLEAR_IPC && ep == SELF)
		clears++;
	return 0;
}

/* Not reached in these cases (an init that hangs, fails or panics). */
int ipc_receive(endpoint_t src, message *m)
{
	(void) src;
	(void) m;
	__builtin_abort();
}

int sys_setalarm(uint32_t ticks, int absolute, uint32_t *remaining)
{
	(void) ticks;
	(void) absolute;
	(void) remaining;
	return 0;
}

void sef_guard_init(void)
{
}

void sef_exit(int status)
{
	printf("sef_init_host: sef_exit(%d)\n", status);
	__builtin_abort();
}

void sef_panic(const char *fmt, ...)
{
	printf("sef_init_host: panic: %s\n", fmt);
	__builtin_abort();
}

/* ---- the service's init callbacks ----------------------------------------- */

static int calls, clears_before, seen_type;
static unsigned seen_flags;

/* init: records what it was told and how many clears came before it. */
static int init(const struct sef_init_info *info)
{
	calls++;
	clears_before = clears;
	seen_type = info->type;
	seen_flags = info->flags;
	return 0;
}

/* start: run sef_startup for a start RS describes as TYPE with FLAGS. */
static void start(int type, unsigned flags)
{
	memset(&answer, 0, sizeof(answer));
	answer.type = type;
	answer.flags = flags;
	answer.old_endpoint = type == SEF_INIT_FRESH ? NONE : ep_make(40, 1);
	answer.dev_major = 13;
	strcpy(answer.label, "ramdisk");
	clears = calls = clears_before = 0;
	seen_type = -1;
	init_result = -999;
	sef_setcb_init_fresh(init);
	sef_startup();
	CHECK_EQ(calls, 1);
	CHECK_EQ(seen_type, type);
	CHECK_EQ(seen_flags, flags);
	CHECK_EQ(init_result, 0);
	CHECK_STR(sef_label(), "ramdisk");
}

TEST(fresh_start_keeps_ipc)
{
	start(SEF_INIT_FRESH, 0);
	CHECK_EQ(clears, 0);
}

/* A restart with a new endpoint: a request sent to the new endpoint
 * before the init finished must not be failed. */
TEST(reset_restart_keeps_early_requests)
{
	start(SEF_INIT_RESTART, 0);
	CHECK_EQ(clears, 0);
}

/* A stateful restart: the old endpoint's waiting senders fail, before
 * the init callback (which announces the driver) runs. */
TEST(stateful_restart_clears_before_init)
{
	start(SEF_INIT_RESTART, SEF_INIT_STATEFUL);
	CHECK_EQ(clears, 1);
	CHECK_EQ(clears_before, 1);
}

TEST(live_update_keeps_ipc)
{
	start(SEF_INIT_LU, 0);
	CHECK_EQ(clears, 0);
}

static const struct kit_suite suite = {
	.name = "sef_init_host", .backend = &kit_inproc, .timeout = 10,
};

int main(int argc, char **argv)
{
	return kit_main(&suite, argc, argv);
}
