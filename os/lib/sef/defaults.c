/* The predefined callbacks of SEF, and the table of callbacks in use
 * (every entry starts as its default). */
#include <stdio.h>
#include <abi/errno.h>
#include <abi/signal.h>
#include "sef_priv.h"

struct sef_callbacks sef_cbs = {
	.init_fresh = sef_cb_init_null,
	.lu_prepare = sef_cb_lu_prepare_standard,
	.lu_state_isvalid = sef_cb_lu_state_isvalid_standard,
	.lu_state_changed = sef_cb_lu_state_changed_null,
	.lu_state_dump = sef_cb_lu_state_dump_null,
	.state_save = sef_cb_state_save_null,
	.signal_handler = NULL,   /* NULL: sef_signal_deliver's default */
};

/* sef_cb_init_null: see sef.h. */
int sef_cb_init_null(const struct sef_init_info *info)
{
	(void) info;
	return 0;
}

/* sef_cb_lu_prepare_standard: see sef.h. A service that answers each
 * request before it receives the next is work-, request- and protocol-free
 * whenever SEF asks (just before a receive). */
int sef_cb_lu_prepare_standard(int state)
{
	switch (state) {
	case SEF_LU_STATE_WORK_FREE:
	case SEF_LU_STATE_REQUEST_FREE:
	case SEF_LU_STATE_PROTOCOL_FREE:
		return 0;
	default:
		return -ENOTREADY;
	}
}

/* sef_cb_lu_prepare_always_ready: see sef.h. */
int sef_cb_lu_prepare_always_ready(int state)
{
	(void) state;
	return 0;
}

/* sef_cb_lu_prepare_never_ready: see sef.h. */
int sef_cb_lu_prepare_never_ready(int state)
{
	(void) state;
	return -ENOTREADY;
}

/* sef_cb_lu_state_isvalid_standard: see sef.h. */
int sef_cb_lu_state_isvalid_standard(int state)
{
	return state == SEF_LU_STATE_WORK_FREE ||
	    state == SEF_LU_STATE_REQUEST_FREE ||
	    state == SEF_LU_STATE_PROTOCOL_FREE ||
	    state == SEF_LU_STATE_UNREACHABLE;
}

/* sef_cb_lu_state_isvalid_workfree: see sef.h. */
int sef_cb_lu_state_isvalid_workfree(int state)
{
	return state == SEF_LU_STATE_WORK_FREE;
}

/* sef_cb_lu_state_changed_null: see sef.h. */
void sef_cb_lu_state_changed_null(int old_state, int state)
{
	(void) old_state;
	(void) state;
}

/* sef_cb_lu_state_dump_null: see sef.h. */
void sef_cb_lu_state_dump_null(int state)
{
	printf("%s: live update: preparing for state %d\n",
	    sef_label()[0] ? sef_label() : "sef", state);
}

/* sef_cb_state_save_null: see sef.h. */
int sef_cb_state_save_null(int state)
{
	(void) state;
	return 0;
}
