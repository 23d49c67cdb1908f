/* The init protocol with RS (abi/sef.h): how this start happens (fresh,
 * after a live update, after a restart), the init callback, the answer. */
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include <abi/boot.h>
#include "syslib.h"
#include "sef_priv.h"

int sef_with_rs;
struct sef_init_info sef_info = {
	.type = SEF_INIT_FRESH,
	.old_endpoint = NONE,
	.prep_state = SEF_LU_STATE_NULL,
	.dev_major = -1,
};

/* sef_setcb_init_fresh: see sef.h. NULL restores the default. */
void sef_setcb_init_fresh(sef_cb_init_t cb)
{
	sef_cbs.init_fresh = cb ? cb : sef_cb_init_null;
}

/* sef_setcb_init_lu: see sef.h. NULL: use the fresh callback. */
void sef_setcb_init_lu(sef_cb_init_t cb)
{
	sef_cbs.init_lu = cb;
}

/* sef_setcb_init_restart: see sef.h. NULL: use the fresh callback. */
void sef_setcb_init_restart(sef_cb_init_t cb)
{
	sef_cbs.init_restart = cb;
}

/* sef_setcb_state_check: see sef.h. NULL: no check. */
void sef_setcb_state_check(sef_cb_state_check_t cb)
{
	sef_cbs.state_check = cb;
}

/* sef_setcb_state_corrupt: see sef.h. NULL: none. */
void sef_setcb_state_corrupt(sef_cb_state_corrupt_t cb)
{
	sef_cbs.state_corrupt = cb;
}

/* sef_label: see sef.h. */
const char *sef_label(void)
{
	return sef_info.label;
}

/* sef_init_type: see sef.h. */
int sef_init_type(void)
{
	return sef_info.type;
}

/* ask_rs: send RS_SEF_INIT and fill sef_info from the answer. Returns 1
 * when RS answered, 0 when there is no RS to ask (the send failed: no rs
 * module, or this process is RS itself). */
static int ask_rs(void)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = RS_SEF_INIT;
	if (ipc_sendrec(RS_EP, &m) != 0 || m.m_type != 0)
		return 0;
	const struct mess_sef_init *in = &m.u.sef_init;
	sef_info.type = in->type;
	sef_info.flags = in->flags;
	sef_info.old_endpoint = in->old_endpoint;
	sef_info.restarts = in->restarts;
	sef_info.prep_state = in->prep_state;
	sef_info.dev_major = in->dev_major;
	memcpy(sef_info.label, in->label, SEF_LABEL_MAX);
	sef_info.label[SEF_LABEL_MAX - 1] = '\0';
	return 1;
}

/* hang_in_init: `service update -z`: never answer the init. Blocks in a
 * receive from the clock with no alarm set: nothing ever arrives, and
 * the process uses no CPU until RS removes it. */
static void __attribute__((noreturn)) hang_in_init(void)
{
	sys_setalarm(0, 0, NULL);
	for (;;) {
		message m;
		ipc_receive(CLOCK, &m);
	}
}

/* check_kept: run the service's kept-state check. Returns 0, or its error
 * after the console line "LABEL: kept state is inconsistent: WHY". */
static int check_kept(void)
{
	if (!sef_cbs.state_check)
		return 0;
	char why[96];
	why[0] = '\0';
	int r = sef_cbs.state_check(why, sizeof(why));
	if (r == 0)
		return 0;
	why[sizeof(why) - 1] = '\0';
	printf("%s: kept state is inconsistent: %s\n", sef_label(),
	    why[0] ? why : "(no reason given)");
	return r < 0 ? r : -EINVAL;
}

/* sef_waits_for_me: see sef_priv.h. Only then is an answer expected (the
 * recorded message may have been a reply to this service, or its sender
 * may have given up). */
int sef_waits_for_me(endpoint_t ep)
{
	struct proc_info info;
	if (sys_getinfo(GET_PROC, ep, &info, sizeof(info)) < 0)
		return 0;
	return (info.flags & PSTATE_RECEIVING) &&
	    !(info.flags & PSTATE_SENDING) && info.blocked_on == sys_self();
}

/* answer_eio: answer -EIO (m_type) to TO, which waits for this service's
 * answer to a request the previous instance never answered. Returns
 * ipc_sendnb's result. */
static int answer_eio(endpoint_t to)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = -EIO;
	return ipc_sendnb(to, &m);
}

/* answer_dropped: in a service that answers at once (sef_answers_at_once),
 * the request handed over before the one in flight must have been
 * answered; if its sender still waits for this service, the previous
 * instance dropped it (a fault skipped the reply, and the kernel stopped
 * the instance at its next receive): answer -EIO, as for the one in
 * flight. */
static void answer_dropped(void)
{
	struct sef_inflight f = sef_last;
	sef_last.valid = 0;
	if (!sef_at_once || !f.valid || !sef_waits_for_me(f.source))
		return;
	int e = answer_eio(f.source);
	printf("%s: request 0x%x from %d was dropped by the previous instance "
	    "(never answered): answered -EIO (%d)\n", sef_label(),
	    (unsigned) f.type, f.source, e);
}

/* The destination of an answer the previous instance held for its next
 * trap and never sent (ipc_reply_held), NONE for none. */
static endpoint_t held_answer_to = NONE;

/* kept_start: this instance runs in the memory of the previous one
 * (SEF_INIT_KEPT): forget the framework's own transient state (a pending
 * prepare, an armed FI_MIDREQUEST), check the kept state, register the grant table again (the
 * kernel dropped the registration with the old program), and answer -EIO
 * to the request the previous instance was in the middle of (it failed
 * while handling it: nobody else will answer) if its sender still waits
 * for the answer, and to one it dropped (answer_dropped). Returns 0 or the
 * check's error (the state is then never used). */
static int kept_start(void)
{
	/* The answer the previous instance held never left (stopped at the
	 * trap, by the text guard): its request was still in flight. */
	if (held_answer_to != NONE && !sef_inflight.valid && sef_last.valid &&
	    sef_last.source == held_answer_to) {
		sef_inflight = sef_last;
		sef_last.valid = 0;
	} else if (held_answer_to != NONE && !sef_inflight.valid &&
	    sef_waits_for_me(held_answer_to)) {
		int e = answer_eio(held_answer_to);
		printf("%s: the answer to %d never left the previous "
		    "instance: answered -EIO (%d)\n", sef_label(),
		    held_answer_to, e);
	}
	held_answer_to = NONE;
	sef_lu_reset();
	sef_fi_reset();
	int r = check_kept();
	if (r != 0) {
		sef_inflight.valid = 0;
		sef_last.valid = 0;
		return r;
	}
	r = cpf_reregister();
	if (r != 0)
		printf("%s: grant table not registered again (%d)\n",
		    sef_label(), r);
	if (sef_inflight.valid) {
		struct sef_inflight f = sef_inflight;
		sef_inflight.valid = 0;
		if (!sef_waits_for_me(f.source)) {
			printf("%s: request 0x%x from %d was in flight when the "
			    "previous instance failed; its sender waits no more\n",
			    sef_label(), (unsigned) f.type, f.source);
		} else {
			int e = answer_eio(f.source);
			printf("%s: request 0x%x from %d was in flight when the "
			    "previous instance failed: answered -EIO (%d)\n",
			    sef_label(), (unsigned) f.type, f.source, e);
		}
	}
	answer_dropped();
	return 0;
}

/* run_init: the init callback for this start (after the debug knobs of a
 * live-update start). Returns its result. */
static int run_init(void)
{
	int type = sef_info.type;
	if (type == SEF_INIT_LU) {
		if (sef_info.flags & SEF_DBG_CRASH)
			__asm__ volatile("ud2");
		if (sef_info.flags & SEF_DBG_TIMEOUT)
			hang_in_init();
		if (sef_info.flags & SEF_DBG_FAIL)
			return -ENOSYS;
	}
	if (type == SEF_INIT_RESTART && (sef_info.flags & SEF_INIT_STATEFUL) &&
	    !(sef_info.flags & SEF_INIT_KEPT)) {
		/* The dead instance took requests it will never answer: their
		 * senders, still waiting on this slot, get an error now. (With
		 * its memory kept, the requests it held are in its state.) */
		sys_statectl(STATECTL_CLEAR_IPC, SELF);
	}
	if (sef_info.flags & SEF_INIT_KEPT) {
		int r = kept_start();
		if (r != 0)
			return r;
	}
	sef_cb_init_t cb = sef_cbs.init_fresh;
	if (type == SEF_INIT_LU && sef_cbs.init_lu)
		cb = sef_cbs.init_lu;
	if (type == SEF_INIT_RESTART && sef_cbs.init_restart)
		cb = sef_cbs.init_restart;
	return cb(&sef_info);
}

/* tell_rs: report the init result R to RS (RS_SEF_INIT_DONE), with what
 * this instance offers (SEF_CAP_*). */
static void tell_rs(int r)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = RS_SEF_INIT_DONE;
	m.u.sef_result.result = r;
	m.u.sef_result.caps = (sef_cbs.state_check ? SEF_CAP_STATE_CHECK : 0) |
	    (sef_cbs.state_corrupt ? SEF_CAP_CORRUPT : 0);
	int e = ipc_sendrec(RS_EP, &m);
	if (e != 0)
		printf("%s: init answer to rs failed (%d)\n", sef_label(), e);
}

/* sef_startup: see sef.h. */
void sef_startup(void)
{
	/* Before any IPC: an answer held in kept memory must not leave. */
	held_answer_to = ipc_reply_held();
	sef_guard_init();
	sef_with_rs = ask_rs();
	int r = run_init();
	if (!sef_with_rs) {
		if (r != 0)
			sef_panic("init failed (%d)", r);
		return;
	}
	tell_rs(r);
	if (r != 0) {
		printf("%s: init failed (%d)\n", sef_label(), r);
		sef_exit(1);
	}
}
