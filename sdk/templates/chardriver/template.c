/* The template driver: /dev/template keeps the last message written to it
 * (`echo hi > /dev/template`) and gives it back on read (`cat
 * /dev/template`), counting the bytes written. Its state is checkpointed
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

/* Build with -DTEMPLATE_VERSION=2 to tell a rebuilt copy apart (the
 * Makefile's V2_CPPFLAGS does: build/template.v2). */
#ifndef TEMPLATE_VERSION
#define TEMPLATE_VERSION 1
#endif

/* The layout version of struct template_state: raise it whenever the
 * struct changes, and teach template_migrate() the layout before, or a
 * live update from a version with the old layout is refused (the old
 * version keeps running). Build with -DTEMPLATE_STATE_VERSION=2 to try
 * it: layout 2 also counts the write requests. */
#ifndef TEMPLATE_STATE_VERSION
#define TEMPLATE_STATE_VERSION 1
#endif

/* Bytes of message kept: any size, the state is kept in DS in chunks
 * (dsstate.h, up to DS_STATE_MAX: 64 KiB). */
#ifndef TEMPLATE_MSG_MAX
#define TEMPLATE_MSG_MAX 128
#endif

/* ioctl: reset the message and the byte count; the argument (out) gets
 * the byte count before the reset. */
#define TEMPLATE_IOC_RESET _IOR('t', 1, uint32_t)

/* Live-update prepare state of our own: no request in progress. */
#define TEMPLATE_LU_STATE_IDLE SEF_LU_STATE_CUSTOM_BASE

/* Everything the driver must not forget, kept in DS as a whole. */
struct template_state {
	uint32_t bytes_written;          /* all bytes ever written */
#if TEMPLATE_STATE_VERSION >= 2
	uint32_t writes;                 /* layout 2: write requests */
#endif
	uint32_t msg_len;                /* bytes of msg in use */
	char msg[TEMPLATE_MSG_MAX];      /* the last message written */
};

/* Layout 1 of struct template_state, as template_migrate() reads it. */
struct template_state_v1 {
	uint32_t bytes_written;
	uint32_t msg_len;
	char msg[TEMPLATE_MSG_MAX];
};

static struct template_state state;
static int requests_in_progress;     /* requests started, not answered */
static char scratch[TEMPLATE_MSG_MAX]; /* a write's bytes, before use */

/* template_migrate: ds_state_restore's hook for a state saved with
 * another layout (OLD_VERSION, LEN bytes at OLD): convert it into NEW
 * (this layout, SIZE bytes, zeroed). 0, -ENOSYS when this build knows no
 * way from OLD_VERSION (the live update is then refused), -EINVAL when the
 * old state makes no sense. */
static int template_migrate(uint32_t old_version, const void *old,
    size_t len, void *new, size_t size)
{
	struct template_state *to = new;
	(void) size;
	if (old_version == 1 && TEMPLATE_STATE_VERSION == 2) {
		const struct template_state_v1 *from = old;
		if (len != sizeof(*from) || from->msg_len > TEMPLATE_MSG_MAX)
			return -EINVAL;
		to->bytes_written = from->bytes_written;
		to->msg_len = from->msg_len;
		memcpy(to->msg, from->msg, from->msg_len);
		printf("template: state migrated from layout 1 to %d\n",
		    TEMPLATE_STATE_VERSION);
		return 0;
	}
	return -ENOSYS;
}

/* The state as dsstate.h keeps it: under "LABEL.state" (each instance,
 * `service up ... -label L`, keeps its own, under keys its label owns). */
static const struct ds_state kept = {
	.name = NULL,
	.version = TEMPLATE_STATE_VERSION,
	.data = &state,
	.size = sizeof(state),
	.migrate = template_migrate,
};

/* checkpoint: save the whole state in DS. 0, or the error, said on the
 * console (the state in memory is fine, but a crash now would lose the
 * change). */
static int checkpoint(void)
{
	int r = ds_state_save(&kept);
	if (r != 0)
		printf("template: checkpoint failed: %s (error %d)\n",
		    ds_state_error(), -r);
	return r;
}

/* restore: the state the previous instance checkpointed. 0, or the error,
 * said on the console; the state is then empty. */
static int restore(void)
{
	int r = ds_state_restore(&kept, NULL);
	if (r != 0) {
		printf("template: state not restored: %s (error %d)\n",
		    ds_state_error(), -r);
		memset(&state, 0, sizeof(state));
	}
	return r;
}

/* template_read: the read operation: the message from offset req->pos on, like
 * a file (0, end of file, past its end: `cat` stops). Minor 0 only. */
static int template_read(const struct chardriver_req *req)
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

/* template_write: the write operation: the first TEMPLATE_MSG_MAX bytes
 * become the message, all req->size bytes are counted; checkpoint (a
 * failed checkpoint is said on the console; the write still succeeded).
 * Returns req->size, or the copy's error (nothing changed then). */
static int template_write(const struct chardriver_req *req)
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
#if TEMPLATE_STATE_VERSION >= 2
	state.writes++;
#endif
	checkpoint();
	requests_in_progress--;
	printf("template: stored %u bytes (%u written in all)\n",
	    (unsigned) n, (unsigned) state.bytes_written);
	return (int) req->size;
}

/* template_ioctl: the ioctl operation. TEMPLATE_IOC_RESET empties the
 * message and zeroes the count, giving the old count back; anything else
 * is -ENOTTY. */
static int template_ioctl(const struct chardriver_req *req)
{
	if (req->minor != 0)
		return -ENODEV;
	if (req->request != TEMPLATE_IOC_RESET)
		return -ENOTTY;
	uint32_t old = state.bytes_written;
	int r = chardriver_copyout(req->grant, 0, &old, sizeof(old));
	if (r != 0)
		return r;
	memset(&state, 0, sizeof(state));
	checkpoint();                /* a failure is said on the console */
	printf("template: reset (%u bytes were written)\n", (unsigned) old);
	return 0;
}

static const struct chardriver template_ops = {
	.read = template_read,
	.write = template_write,
	.ioctl = template_ioctl,
};

/* started: the init is done: say so, announce the driver to VFS (which
 * then sends it the requests for its device major). 0, or the
 * announcement's error (said on the console; the start then fails). */
static int started(const char *how, const struct sef_init_info *info)
{
	printf("template: %s (version %d, %u bytes written)\n", how,
	    TEMPLATE_VERSION, (unsigned) state.bytes_written);
	int r = chardriver_announce(info);
	if (r != 0)
		printf("template: cannot announce the driver to VFS (error "
		    "%d)\n", -r);
	return r;
}

/* template_init_fresh: SEF init callback, first start: empty state, and
 * an empty checkpoint (a stale one from an earlier run is replaced). A
 * failed checkpoint fails the start: the driver could keep nothing. */
static int template_init_fresh(const struct sef_init_info *info)
{
	memset(&state, 0, sizeof(state));
	int r = checkpoint();
	if (r != 0)
		return r;
	return started("started fresh", info);
}

/* template_init_lu: SEF init callback, new version after a live update:
 * the state the old version saved (template_state_save), migrated when
 * its layout is older. When it cannot be restored (no migration from its
 * layout, or it is incomplete or corrupt) the init fails: RS rolls the
 * update back and the old version goes on with its state. */
static int template_init_lu(const struct sef_init_info *info)
{
	int r = restore();
	if (r != 0) {
		printf("template: refusing the update: the old version keeps "
		    "running\n");
		return r;
	}
	return started("started as new version", info);
}

/* template_init_restart: SEF init callback, after a crash: the state of
 * the last checkpoint (taken on every change, so nothing is lost). When it
 * cannot be restored, restore() said why and the driver starts empty
 * (failing would only bring it down). */
static int template_init_restart(const struct sef_init_info *info)
{
	restore();
	return started("restarted", info);
}

/* template_lu_state_isvalid: the prepare states this driver knows: the
 * standard ones it can reach (1, 2, 3) and its own TEMPLATE_LU_STATE_IDLE.
 * 1 valid, 0 not (`service update` then fails at once). */
static int template_lu_state_isvalid(int state_nr)
{
	return state_nr == SEF_LU_STATE_WORK_FREE ||
	    state_nr == SEF_LU_STATE_REQUEST_FREE ||
	    state_nr == SEF_LU_STATE_PROTOCOL_FREE ||
	    state_nr == TEMPLATE_LU_STATE_IDLE;
}

/* template_lu_prepare: SEF prepare callback, asked before every receive
 * while an update waits: ready (0) when no request is in progress, else
 * -ENOTREADY (asked again later). This driver answers every request at
 * once, so it is always ready between requests; one that suspends
 * requests (CDEV_SUSPEND) counts them in requests_in_progress. */
static int template_lu_prepare(int state_nr)
{
	(void) state_nr;
	return requests_in_progress == 0 ? 0 : -ENOTREADY;
}

/* template_state_save: SEF callback just before the live-update swap:
 * checkpoint once more (it is current already). 0 or the error (said on
 * the console), which cancels the update. */
static int template_state_save(int state_nr)
{
	(void) state_nr;
	return checkpoint();
}

int main(int argc, char *argv[])
{
	int r = chardriver_args(argc, argv);
	if (r != 0)
		printf("template: bad library arguments (error %d)\n", -r);
	sef_setcb_init_fresh(template_init_fresh);
	sef_setcb_init_lu(template_init_lu);
	sef_setcb_init_restart(template_init_restart);
	sef_setcb_lu_state_isvalid(template_lu_state_isvalid);
	sef_setcb_lu_prepare(template_lu_prepare);
	sef_setcb_state_save(template_state_save);
	sef_startup();
	chardriver_task(&template_ops);
}
