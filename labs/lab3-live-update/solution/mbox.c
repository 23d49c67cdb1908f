/* Lab 3 reference solution: the mbox driver, live-updated.
 *
 * /dev/mbox keeps the last message written to it (`echo hi > /dev/mbox`)
 * and gives it back on read, like a file. A read while no message was
 * ever written waits (the request is suspended) until one is written: the
 * "request in progress" that prepare state 7, MBOX_LU_STATE_IDLE, waits
 * for. Built twice from this file: version 1, and version 2
 * (-DVERSION=2), whose state has another layout: a longer message, the
 * fields in another order. Every state blob starts with its layout number
 * so that an init can tell what it was given: version 2 converts a
 * version 1 state; version 1 refuses a version 2 state (-EINVAL: RS then
 * rolls the update back and the old version keeps serving). */
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include <abi/fcntl.h>
#include "chardriver.h"
#include "ds.h"
#include "sef.h"

#ifndef VERSION
#define VERSION 1
#endif

/* Our own prepare state: no reader waiting, no request unfinished. */
#define MBOX_LU_STATE_IDLE SEF_LU_STATE_CUSTOM_BASE

/* The state layout of version 1. */
struct mbox_state_v1 {
	uint32_t layout;                 /* 1 */
	uint32_t messages;               /* messages written in all */
	uint32_t len;                    /* bytes of msg in use */
	char msg[64];                    /* the last message */
};

/* The state layout of version 2: a longer message, reordered fields. */
struct mbox_state_v2 {
	uint32_t layout;                 /* 2 */
	uint32_t len;                    /* bytes of msg in use */
	char msg[256];                   /* the last message */
	uint32_t messages;               /* messages written in all */
};

#if VERSION == 2
typedef struct mbox_state_v2 mbox_state;
#else
typedef struct mbox_state_v1 mbox_state;
#endif

static mbox_state state;

/* The reader waiting for a message (at most one). */
static struct {
	int active;
	uint32_t id, grant;
	size_t size;
} waiter;

/* state_key: the DS key of the state, "LABEL.state". */
static const char *state_key(void)
{
	static char key[DS_KEY_MAX];
	snprintf(key, sizeof(key), "%s.state",
	    sef_label()[0] ? sef_label() : "mbox");
	return key;
}

/* checkpoint: save the state in DS. 0 or DS's error. */
static int checkpoint(void)
{
	return ds_publish_mem(state_key(), &state, sizeof(state),
	    DSF_OVERWRITE);
}

/* restore: load the saved state into STATE, converting an older layout.
 * 0; -ENOENT when there is none; -EINVAL for a layout this version does
 * not know (STATE is then untouched and nothing is written to DS). */
static int restore(void)
{
	union {
		uint32_t layout;
		struct mbox_state_v1 v1;
		struct mbox_state_v2 v2;
	} saved;
	size_t len;
	int r = ds_retrieve_mem(state_key(), &saved, sizeof(saved), &len);
	if (r != 0)
		return r == -E2BIG ? -EINVAL : r;
	if (len == sizeof(mbox_state) && saved.layout == VERSION) {
		memcpy(&state, &saved, sizeof(state));
		return state.len <= sizeof(state.msg) ? 0 : -EINVAL;
	}
#if VERSION == 2
	if (len == sizeof(saved.v1) && saved.layout == 1 &&
	    saved.v1.len <= sizeof(saved.v1.msg)) {
		memset(&state, 0, sizeof(state));
		state.layout = 2;
		state.messages = saved.v1.messages;
		state.len = saved.v1.len;
		memcpy(state.msg, saved.v1.msg, saved.v1.len);
		return 0;
	}
#endif
	return -EINVAL;
}

/* mbox_read: the message from offset req->pos on; at offset 0 with no message
 * yet, wait for one (-EAGAIN with O_NONBLOCK, -EBUSY when a reader waits
 * already). */
static int mbox_read(const struct chardriver_req *req)
{
	if (req->minor != 0)
		return -ENODEV;
	if (req->pos == 0 && state.len == 0) {
		if (req->flags & O_NONBLOCK)
			return -EAGAIN;
		if (waiter.active)
			return -EBUSY;
		waiter.active = 1;
		waiter.id = req->id;
		waiter.grant = req->grant;
		waiter.size = req->size;
		printf("mbox: reader waiting\n");
		return CDEV_SUSPEND;
	}
	if (req->pos < 0 || (uint32_t) req->pos >= state.len)
		return 0;
	size_t n = state.len - (uint32_t) req->pos;
	if (n > req->size)
		n = req->size;
	int r = chardriver_copyout(req->grant, 0, state.msg + req->pos, n);
	return r ? r : (int) n;
}

/* wake: give the new message to the waiting reader, if any. */
static void wake(void)
{
	if (!waiter.active)
		return;
	waiter.active = 0;
	size_t n = state.len < waiter.size ? state.len : waiter.size;
	int r = chardriver_copyout(waiter.grant, 0, state.msg, n);
	chardriver_complete(waiter.id, r ? r : (int) n);
}

/* mbox_write: the first bytes that fit become the message; checkpoint,
 * then wake a waiting reader. req->size, or an error (nothing changed). */
static int mbox_write(const struct chardriver_req *req)
{
	if (req->minor != 0)
		return -ENODEV;
	if (req->size == 0)
		return 0;
	mbox_state before = state;
	size_t n = req->size < sizeof(state.msg) ? req->size : sizeof(state.msg);
	int r = chardriver_copyin(req->grant, 0, state.msg, n);
	if (r == 0) {
		state.len = n;
		state.messages++;
		r = checkpoint();
	}
	if (r != 0) {
		state = before;
		return r;
	}
	printf("mbox: message %u, %u bytes\n", (unsigned) state.messages,
	    (unsigned) n);
	wake();
	return (int) req->size;
}

/* mbox_cancel: the waiting reader gave up. */
static int mbox_cancel(const struct chardriver_req *req)
{
	if (waiter.active && waiter.id == req->id)
		waiter.active = 0;
	return -EINTR;
}

static const struct chardriver mbox_ops = {
	.read = mbox_read,
	.write = mbox_write,
	.cancel = mbox_cancel,
};

/* started: say so, announce the driver to VFS. Returns 0. */
static int started(const char *how, const struct sef_init_info *info)
{
	printf("mbox: %s (version %d, %u messages)\n", how, VERSION,
	    (unsigned) state.messages);
	chardriver_announce(info);
	return 0;
}

/* mbox_init_fresh: first start: empty, and an empty checkpoint. */
static int mbox_init_fresh(const struct sef_init_info *info)
{
	memset(&state, 0, sizeof(state));
	state.layout = VERSION;
	checkpoint();
	return started("started fresh", info);
}

/* mbox_init_lu: new version after a live update: the old version's
 * state, converted. A state we cannot read is refused: the error goes
 * back to RS, which rolls the update back. Nothing is written to DS
 * before the state is known to be good. */
static int mbox_init_lu(const struct sef_init_info *info)
{
	int r = restore();
	if (r != 0) {
		printf("mbox: version %d refuses the old state (%d)\n",
		    VERSION, r);
		return r;
	}
	checkpoint();                    /* now in our own layout */
	return started("started as new version", info);
}

/* mbox_init_restart: after a crash: the last checkpoint (empty when it
 * cannot be read). */
static int mbox_init_restart(const struct sef_init_info *info)
{
	if (restore() != 0) {
		memset(&state, 0, sizeof(state));
		state.layout = VERSION;
	}
	return started("restarted", info);
}

/* mbox_lu_state_isvalid: the standard states 1-3 and our own. */
static int mbox_lu_state_isvalid(int state_nr)
{
	return state_nr == SEF_LU_STATE_WORK_FREE ||
	    state_nr == SEF_LU_STATE_REQUEST_FREE ||
	    state_nr == SEF_LU_STATE_PROTOCOL_FREE ||
	    state_nr == MBOX_LU_STATE_IDLE;
}

/* mbox_lu_prepare: our own state is reached when no reader waits and the
 * library holds no unfinished request; the standard ones at once. */
static int mbox_lu_prepare(int state_nr)
{
	if (state_nr == MBOX_LU_STATE_IDLE)
		return !waiter.active && chardriver_pending() == 0 ? 0 :
		    -ENOTREADY;
	return 0;
}

/* mbox_state_save: just before the swap: checkpoint once more. */
static int mbox_state_save(int state_nr)
{
	(void) state_nr;
	return checkpoint();
}

int main(int argc, char *argv[])
{
	chardriver_args(argc, argv);
	sef_setcb_init_fresh(mbox_init_fresh);
	sef_setcb_init_lu(mbox_init_lu);
	sef_setcb_init_restart(mbox_init_restart);
	sef_setcb_lu_state_isvalid(mbox_lu_state_isvalid);
	sef_setcb_lu_prepare(mbox_lu_prepare);
	sef_setcb_state_save(mbox_state_save);
	sef_startup();
	chardriver_task(&mbox_ops);
}
