/* The dice driver: /dev/dice keeps the last message written to it
 * (`echo hi > /dev/dice`) and gives it back on read (`cat
 * /dev/dice`), counting the bytes written. Its state is checkpointed
 * in the data store (DS) on every change, so it survives a live update and
 * a crash restart alike. Copy this directory (or run sdk/bin/new-driver) to
 * start a driver of your own; README.md walks through this file. */
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include <abi/ioctl.h>
#include "chardriver.h"
#include "ds.h"
#include "dsstate.h"
#include "sef.h"

/* Build with -DDICE_VERSION=2 to tell a rebuilt copy apart (the
 * Makefile's V2_CPPFLAGS does: build/dice.v2). */
#ifndef DICE_VERSION
#define DICE_VERSION 1
#endif

/* The layout version of struct dice_state: raise it whenever the
 * struct changes, and teach dice_migrate() the layout before, or a
 * live update from a version with the old layout is refused (the old
 * version keeps running). Build with -DDICE_STATE_VERSION=2 to try
 * it: layout 2 also counts the write requests. */
#ifndef DICE_STATE_VERSION
#define DICE_STATE_VERSION 1
#endif

/* Bytes of message kept: any size, the state is kept in DS in chunks
 * (dsstate.h, up to DS_STATE_MAX: 64 KiB). */
#ifndef DICE_MSG_MAX
#define DICE_MSG_MAX 128
#endif

/* ioctl: reset the message and the byte count; the argument (out) gets
 * the byte count before the reset. */
#define DICE_IOC_RESET _IOR('t', 1, uint32_t)

/* Live-update prepare state of our own: no request in progress. */
#define DICE_LU_STATE_IDLE SEF_LU_STATE_CUSTOM_BASE

/* Everything the driver must not forget, kept in DS as a whole. */
struct dice_state {
	uint32_t bytes_written;          /* all bytes ever written */
#if DICE_STATE_VERSION >= 2
	uint32_t writes;                 /* layout 2: write requests */
#endif
	uint32_t msg_len;                /* bytes of msg in use */
	char msg[DICE_MSG_MAX];      /* the last message written */
};

/* Layout 1 of struct dice_state, as dice_migrate() reads it. */
struct dice_state_v1 {
	uint32_t bytes_written;
	uint32_t msg_len;
	char msg[DICE_MSG_MAX];
};

static struct dice_state state;
static int requests_in_progress;     /* requests started, not answered */
static char scratch[DICE_MSG_MAX]; /* a write's bytes, before use */

/* dice_migrate: ds_state_restore's hook for a state saved with
 * another layout (OLD_VERSION, LEN bytes at OLD): convert it into NEW
 * (this layout, SIZE bytes, zeroed). 0, -ENOSYS when this build knows no
 * way from OLD_VERSION (the live update is then refused), -EINVAL when the
 * old state makes no sense. */
static int dice_migrate(uint32_t old_version, const void *old,
    size_t len, void *new, size_t size)
{
	struct dice_state *to = new;
	(void) size;
	if (old_version == 1 && DICE_STATE_VERSION == 2) {
		const struct dice_state_v1 *from = old;
		if (len != sizeof(*from) || from->msg_len > DICE_MSG_MAX)
			return -EINVAL;
		to->bytes_written = from->bytes_written;
		to->msg_len = from->msg_len;
		memcpy(to->msg, from->msg, from->msg_len);
		printf("dice: state migrated from layout 1 to %d\n",
		    DICE_STATE_VERSION);
		return 0;
	}
	return -ENOSYS;
}

/* The state as dsstate.h keeps it: under "LABEL.state" (each instance,
 * `service up ... -label L`, keeps its own, under keys its label owns). */
static const struct ds_state kept = {
	.name = NULL,
	.version = DICE_STATE_VERSION,
	.data = &state,
	.size = sizeof(state),
	.migrate = dice_migrate,
};

/* checkpoint: save the whole state in DS. 0, or the error, said on the
 * console (the state in memory is fine, but a crash now would lose the
 * change). */
static int checkpoint(void)
{
	int r = ds_state_save(&kept);
	if (r != 0)
		printf("dice: checkpoint failed: %s (error %d)\n",
		    ds_state_error(), -r);
	return r;
}

/* restore: the state the previous instance checkpointed. 0, or the error,
 * said on the console; the state is then empty. */
static int restore(void)
{
	int r = ds_state_restore(&kept, NULL);
	if (r != 0) {
		printf("dice: state not restored: %s (error %d)\n",
		    ds_state_error(), -r);
		memset(&state, 0, sizeof(state));
	}
	return r;
}

/* dice_read: the read operation: the message from offset req->pos on, like
 * a file (0, end of file, past its end: `cat` stops). Minor 0 only. */
static int dice_read(const struct chardriver_req *req)
{
	if (req->minor != 0)
		return -ENODEV;
	if (req->pos < 0 || (uint32_t) req->pos >= state.msg_len)
		return 0;
	size_t n = state.msg_len - (uint32_t) req->pos;
	if (n > req->size)
		n = req->size;
	int r = chardriver_copyout(req->grant, 0, state.msg + req->pos, n);
	return r ? r : (int) n;
}

/* dice_write: the write operation: the first DICE_MSG_MAX bytes
 * become the message, all req->size bytes are counted; checkpoint (a
 * failed checkpoint is said on the console; the write still succeeded).
 * Returns req->size, or the copy's error (nothing changed then). */
static int dice_write(const struct chardriver_req *req)
{
	if (req->minor != 0)
		return -ENODEV;
	size_t n = req->size < sizeof(scratch) ? req->size : sizeof(scratch);
	int r = chardriver_copyin(req->grant, 0, scratch, n);
	if (r != 0)
		return r;
	requests_in_progress++;      /* the state changes until checkpointed */
	memcpy(state.msg, scratch, n);
	state.msg_len = (uint32_t) n;
	state.bytes_written += req->size;
#if DICE_STATE_VERSION >= 2
	state.writes++;
#endif
	checkpoint();
	requests_in_progress--;
	printf("dice: stored %u bytes (%u written in all)\n",
	    (unsigned) n, (unsigned) state.bytes_written);
	return (int) req->size;
}

/* dice_ioctl: the ioctl operation. DICE_IOC_RESET empties the
 * message and zeroes the count, giving the old count back; anything else
 * is -ENOTTY. */
static int dice_ioctl(const struct chardriver_req *req)
{
	if (req->minor != 0)
		return -ENODEV;
	if (req->request != DICE_IOC_RESET)
		return -ENOTTY;
	uint32_t old = state.bytes_written;
	int r = chardriver_copyout(req->grant, 0, &old, sizeof(old));
	if (r != 0)
		return r;
	memset(&state, 0, sizeof(state));
	checkpoint();                /* a failure is said on the console */
	printf("dice: reset (%u bytes were written)\n", (unsigned) old);
	return 0;
}

static const struct chardriver dice_ops = {
	.read = dice_read,
	.write = dice_write,
	.ioctl = dice_ioctl,
};

/* started: the init is done: say so, announce the driver to VFS (which
 * then sends it the requests for its device major). 0, or the
 * announcement's error (said on the console; the start then fails). */
static int started(const char *how, const struct sef_init_info *info)
{
	printf("dice: %s (version %d, %u bytes written)\n", how,
	    DICE_VERSION, (unsigned) state.bytes_written);
	int r = chardriver_announce(info);
	if (r != 0)
		printf("dice: cannot announce the driver to VFS (error "
		    "%d)\n", -r);
	return r;
}

/* dice_init_fresh: SEF init callback, first start: empty state, and
 * an empty checkpoint (a stale one from an earlier run is replaced). A
 * failed checkpoint fails the start: the driver could keep nothing. */
static int dice_init_fresh(const struct sef_init_info *info)
{
	memset(&state, 0, sizeof(state));
	int r = checkpoint();
	if (r != 0)
		return r;
	return started("started fresh", info);
}

/* dice_init_lu: SEF init callback, new version after a live update:
 * the state the old version saved (dice_state_save), migrated when
 * its layout is older. When it cannot be restored (no migration from its
 * layout, or it is incomplete or corrupt) the init fails: RS rolls the
 * update back and the old version goes on with its state. */
static int dice_init_lu(const struct sef_init_info *info)
{
	int r = restore();
	if (r != 0) {
		printf("dice: refusing the update: the old version keeps "
		    "running\n");
		return r;
	}
	return started("started as new version", info);
}

/* dice_init_restart: SEF init callback, after a crash: the state of
 * the last checkpoint (taken on every change, so nothing is lost). When it
 * cannot be restored, restore() said why and the driver starts empty
 * (failing would only bring it down). */
static int dice_init_restart(const struct sef_init_info *info)
{
	restore();
	return started("restarted", info);
}

/* dice_lu_state_isvalid: the prepare states this driver knows: the
 * standard ones it can reach (1, 2, 3) and its own DICE_LU_STATE_IDLE.
 * 1 valid, 0 not (`service update` then fails at once). */
static int dice_lu_state_isvalid(int state_nr)
{
	return state_nr == SEF_LU_STATE_WORK_FREE ||
	    state_nr == SEF_LU_STATE_REQUEST_FREE ||
	    state_nr == SEF_LU_STATE_PROTOCOL_FREE ||
	    state_nr == DICE_LU_STATE_IDLE;
}

/* dice_lu_prepare: SEF prepare callback, asked before every receive
 * while an update waits: ready (0) when no request is in progress, else
 * -ENOTREADY (asked again later). This driver answers every request at
 * once, so it is always ready between requests; one that suspends
 * requests (CDEV_SUSPEND) counts them in requests_in_progress. */
static int dice_lu_prepare(int state_nr)
{
	(void) state_nr;
	return requests_in_progress == 0 ? 0 : -ENOTREADY;
}

/* dice_state_save: SEF callback just before the live-update swap:
 * checkpoint once more (it is current already). 0 or the error (said on
 * the console), which cancels the update. */
static int dice_state_save(int state_nr)
{
	(void) state_nr;
	return checkpoint();
}

int main(int argc, char *argv[])
{
	int r = chardriver_args(argc, argv);
	if (r != 0)
		printf("dice: bad library arguments (error %d)\n", -r);
	sef_setcb_init_fresh(dice_init_fresh);
	sef_setcb_init_lu(dice_init_lu);
	sef_setcb_init_restart(dice_init_restart);
	sef_setcb_lu_state_isvalid(dice_lu_state_isvalid);
	sef_setcb_lu_prepare(dice_lu_prepare);
	sef_setcb_state_save(dice_state_save);
	sef_startup();
	chardriver_task(&dice_ops);
}
