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
#include "../kit_errno.h"
#include <setjmp.h>
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
static uint32_t init_caps;            /* and what it said it offers */

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
		init_caps = m->u.sef_result.caps;
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

/* sef_exit: jumps back to the case when it armed exit_jump (an init
 * that fails exits), else aborts. */
static jmp_buf exit_jump;
static int exit_armed, exit_status = -1;

void sef_exit(int status)
{
	if (exit_armed) {
		exit_armed = 0;
		exit_status = status;
		longjmp(exit_jump, 1);
	}
	printf("sef_init_host: sef_exit(%d)\n", status);
	__builtin_abort();
}

/* The kept-state start's helpers (liveupdate.c, fi.c, receive.c,
 * grant.c, ipc_sendnb): counted and recorded. */
struct sef_inflight sef_inflight;
struct sef_inflight sef_last;
int sef_at_once;
static int lu_resets, fi_resets, reregisters, sendnbs;
static endpoint_t sendnb_to;
static int sendnb_type;

void sef_lu_reset(void)
{
	lu_resets++;
}

void sef_fi_reset(void)
{
	fi_resets++;
}

int cpf_reregister(void)
{
	reregisters++;
	return 0;
}

/* sys_getinfo, sys_self: the recorded sender waits for this process's
 * answer unless WAITER_GONE. */
static int waiter_gone;
#define FAKE_SELF ep_make(12, 1)

endpoint_t sys_self(void)
{
	return FAKE_SELF;
}

int sys_getinfo(int request, endpoint_t ep, void *buf, size_t len)
{
	struct proc_info info;
	memset(&info, 0, sizeof(info));
	if (request != GET_PROC || len < sizeof(info))
		return -EINVAL;
	info.endpoint = ep;
	info.flags = waiter_gone ? 0 : PSTATE_RECEIVING;
	info.blocked_on = waiter_gone ? NONE : FAKE_SELF;
	memcpy(buf, &info, sizeof(info));
	return (int) sizeof(info);
}

/* No answer held from a previous instance here (libsys reply_later.c). */
endpoint_t ipc_reply_held(void)
{
	return NONE;
}

int ipc_sendnb(endpoint_t ep, message *m)
{
	sendnbs++;
	sendnb_to = ep;
	sendnb_type = m->m_type;
	return 0;
}

void sef_panic(const char *fmt, ...)
{
	printf("sef_init_host: panic: %s\n", fmt);
	__builtin_abort();
}

/* ---- the service's init callbacks ----------------------------------------- */

static int calls, clears_before, seen_type, checks, checks_before;
static unsigned seen_flags;
static int check_result;             /* what the state check returns */

/* state_check: counts; fails with CHECK_RESULT (and says why). */
static int state_check(char *why, size_t len)
{
	checks++;
	if (check_result != 0)
		snprintf(why, len, "record 3 points nowhere");
	return check_result;
}

/* init: records what it was told and how many clears (and state checks)
 * came before it. */
static int init(const struct sef_init_info *info)
{
	calls++;
	clears_before = clears;
	checks_before = checks;
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
	clears = calls = clears_before = checks = checks_before = 0;
	lu_resets = fi_resets = reregisters = sendnbs = 0;
	seen_type = -1;
	init_result = -999;
	sef_setcb_init_fresh(init);
	sef_setcb_state_check(state_check);
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

/* A corrupt hook for init_tells_rs_what_it_offers: never called here. */
static int corrupt_hook(char *what, size_t len)
{
	(void) what;
	(void) len;
	return -ENOENT;
}

/* RS_SEF_INIT_DONE says what the instance offers: a state check, a
 * corrupt hook (RS refuses `service fi LABEL corrupt` without one). */
TEST(init_tells_rs_what_it_offers)
{
	start(SEF_INIT_FRESH, 0);
	CHECK_EQ(init_caps, SEF_CAP_STATE_CHECK);
	sef_setcb_state_corrupt(corrupt_hook);
	start(SEF_INIT_FRESH, 0);
	CHECK_EQ(init_caps, SEF_CAP_STATE_CHECK | SEF_CAP_CORRUPT);
	sef_setcb_state_corrupt(NULL);
	sef_setcb_state_check(NULL);
	memset(&answer, 0, sizeof(answer));
	strcpy(answer.label, "ramdisk");
	sef_startup();
	CHECK_EQ(init_caps, 0);
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
	CHECK_EQ(checks, 0);
}

/* A restart in place (SEF_INIT_KEPT): the requests the dead instance held
 * are in its kept state, so the IPC state stays; the state is checked
 * before the init callback, a pending prepare is forgotten and the grant
 * table registered again. A fresh start checks nothing. */
TEST(kept_restart_checks_state_and_keeps_ipc)
{
	check_result = 0;
	sef_inflight.valid = 0;
	start(SEF_INIT_RESTART, SEF_INIT_STATEFUL | SEF_INIT_KEPT);
	CHECK_EQ(clears, 0);
	CHECK_EQ(checks, 1);
	CHECK_EQ(checks_before, 1);
	CHECK_EQ(lu_resets, 1);
	CHECK_EQ(fi_resets, 1);       /* an armed midrequest is forgotten */
	CHECK_EQ(reregisters, 1);
	CHECK_EQ(sendnbs, 0);
	start(SEF_INIT_LU, SEF_INIT_KEPT);
	CHECK_EQ(checks, 1);
	start(SEF_INIT_FRESH, 0);
	CHECK_EQ(checks, 0);
	CHECK_EQ(reregisters, 0);
}

/* A request recorded in flight (the previous instance failed while
 * handling it) is answered -EIO once, after the state check. */
TEST(kept_restart_answers_request_in_flight)
{
	check_result = 0;
	sef_inflight.valid = 1;
	sef_inflight.source = ep_make(33, 2);
	sef_inflight.type = 0x1234;
	start(SEF_INIT_RESTART, SEF_INIT_STATEFUL | SEF_INIT_KEPT);
	CHECK_EQ(sendnbs, 1);
	CHECK_EQ(sendnb_to, ep_make(33, 2));
	CHECK_EQ(sendnb_type, -EIO);
	CHECK_EQ(sef_inflight.valid, 0);

	/* A sender that no longer waits (or a reply the service was
	 * handling) gets nothing. */
	waiter_gone = 1;
	sef_inflight.valid = 1;
	start(SEF_INIT_RESTART, SEF_INIT_STATEFUL | SEF_INIT_KEPT);
	CHECK_EQ(sendnbs, 0);
	CHECK_EQ(sef_inflight.valid, 0);
	waiter_gone = 0;
}

/* A service that answers at once (sef_answers_at_once, DS): the request
 * handed over before the one in flight, whose sender still waits, was
 * dropped by the previous instance and is answered -EIO; in a service
 * that may keep requests waiting it is left alone (its state has it). */
TEST(kept_restart_answers_a_dropped_request_when_at_once)
{
	check_result = 0;
	sef_inflight.valid = 0;
	sef_last.valid = 1;
	sef_last.source = ep_make(34, 1);
	sef_last.type = 0x0b01;
	sef_at_once = 0;
	start(SEF_INIT_RESTART, SEF_INIT_STATEFUL | SEF_INIT_KEPT);
	CHECK_EQ(sendnbs, 0);
	CHECK_EQ(sef_last.valid, 0);

	sef_at_once = 1;
	sef_last.valid = 1;
	start(SEF_INIT_RESTART, SEF_INIT_STATEFUL | SEF_INIT_KEPT);
	CHECK_EQ(sendnbs, 1);
	CHECK_EQ(sendnb_to, ep_make(34, 1));
	CHECK_EQ(sendnb_type, -EIO);
	CHECK_EQ(sef_last.valid, 0);

	/* Answered after all (its sender waits no more): nothing sent. */
	waiter_gone = 1;
	sef_last.valid = 1;
	start(SEF_INIT_RESTART, SEF_INIT_STATEFUL | SEF_INIT_KEPT);
	CHECK_EQ(sendnbs, 0);
	waiter_gone = 0;
	sef_at_once = 0;
}

/* An inconsistent kept state: the init callback never runs, RS hears the
 * check's error, the instance exits, nothing in flight is answered. */
TEST(kept_state_inconsistent_fails_init)
{
	check_result = -EINVAL;
	sef_inflight.valid = 1;
	sef_inflight.source = ep_make(33, 2);
	memset(&answer, 0, sizeof(answer));
	answer.type = SEF_INIT_RESTART;
	answer.flags = SEF_INIT_STATEFUL | SEF_INIT_KEPT;
	strcpy(answer.label, "ramdisk");
	calls = checks = sendnbs = 0;
	init_result = -999;
	sef_setcb_init_fresh(init);
	sef_setcb_state_check(state_check);
	exit_armed = 1;
	if (setjmp(exit_jump) == 0) {
		sef_startup();
		FAIL("sef_startup returned after a failed state check");
	}
	CHECK_EQ(exit_status, 1);
	CHECK_EQ(checks, 1);
	CHECK_EQ(calls, 0);
	CHECK_EQ(init_result, -EINVAL);
	CHECK_EQ(sendnbs, 0);
	CHECK_EQ(sef_inflight.valid, 0);
	check_result = 0;
}

static const struct kit_suite suite = {
	.name = "sef_init_host", .backend = &kit_inproc, .timeout = 10,
};

int main(int argc, char **argv)
{
	return kit_main(&suite, argc, argv);
}
