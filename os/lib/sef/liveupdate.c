/* Live update, the old instance's side: the prepare request from RS, the
 * readiness check before every receive, the state save, and
 * RS_SEF_LU_READY (RS answers it only when the update is rolled back). */
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include <abi/boot.h>
#include "syslib.h"
#include "sef_priv.h"

/* The prepare state RS asked for, SEF_LU_STATE_NULL when none. */
static int lu_state = SEF_LU_STATE_NULL;

/* sef_setcb_lu_prepare: see sef.h. NULL restores the predefined default. */
void sef_setcb_lu_prepare(sef_cb_lu_prepare_t cb)
{
	sef_cbs.lu_prepare = cb ? cb : sef_cb_lu_prepare_standard;
}

/* sef_setcb_lu_state_isvalid: see sef.h. NULL restores the predefined default. */
void sef_setcb_lu_state_isvalid(sef_cb_lu_state_isvalid_t cb)
{
	sef_cbs.lu_state_isvalid = cb ? cb : sef_cb_lu_state_isvalid_standard;
}

/* sef_setcb_lu_state_changed: see sef.h. NULL restores the predefined default. */
void sef_setcb_lu_state_changed(sef_cb_lu_state_changed_t cb)
{
	sef_cbs.lu_state_changed = cb ? cb : sef_cb_lu_state_changed_null;
}

/* sef_setcb_lu_state_dump: see sef.h. NULL restores the predefined default. */
void sef_setcb_lu_state_dump(sef_cb_lu_state_dump_t cb)
{
	sef_cbs.lu_state_dump = cb ? cb : sef_cb_lu_state_dump_null;
}

/* sef_setcb_state_save: see sef.h. NULL restores the predefined default. */
void sef_setcb_state_save(sef_cb_state_save_t cb)
{
	sef_cbs.state_save = cb ? cb : sef_cb_state_save_null;
}

/* set_state: the prepare state becomes STATE; the callback hears of it. */
static void set_state(int state)
{
	int old = lu_state;
	lu_state = state;
	if (old != state)
		sef_cbs.lu_state_changed(old, state);
}

/* sef_lu_reset: see sef_priv.h. */
void sef_lu_reset(void)
{
	lu_state = SEF_LU_STATE_NULL;
}

/* lu_ready: tell RS the outcome R of the prepare (0: ready, the state is
 * saved; else the error) with RS_SEF_LU_READY. On success RS answers only
 * if it rolls the update back; the reply code is returned. */
static int lu_ready(int r)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = RS_SEF_LU_READY;
	m.u.sef_result.result = r;
	int e = ipc_sendrec(RS_EP, &m);
	return e != 0 ? e : m.m_type;
}

/* sef_lu_request: see sef_priv.h. A state the service does not support is
 * refused at once (RS_SEF_LU_READY with -EINVAL). */
void sef_lu_request(int state)
{
	if (state == SEF_LU_STATE_NULL) {
		set_state(SEF_LU_STATE_NULL);
		return;
	}
	if (!sef_cbs.lu_state_isvalid(state)) {
		lu_ready(-EINVAL);
		return;
	}
	sef_cbs.lu_state_dump(state);
	set_state(state);
}

/* sef_lu_check: see sef_priv.h. */
void sef_lu_check(void)
{
	if (lu_state == SEF_LU_STATE_NULL)
		return;
	if (sef_cbs.lu_prepare(lu_state) != 0)
		return;
	int r = sef_cbs.state_save(lu_state);
	int reply = lu_ready(r);
	/* Here only when the update did not happen: rolled back (-EINTR or
	 * the new version's error), refused, the save failed, or it was a
	 * prepare-only update (reply 0). The old instance goes on serving. */
	if (r == 0 && reply == 0)
		printf("%s: prepared (state %d), resumed: a prepare-only "
		    "update\n", sef_label(), lu_state);
	else if (r == 0)
		printf("%s: live update rolled back (%d)\n", sef_label(), reply);
	set_state(SEF_LU_STATE_NULL);
}
