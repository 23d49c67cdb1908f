/* Suspended requests of a character driver: each is remembered from the
 * moment its operation returned CDEV_SUSPEND until VFS has its result
 * (collected with CDEV_STATUS, or as the reply to CDEV_CANCEL). A result
 * is reported exactly once. */
#include <stdio.h>
#include "chardriver_priv.h"
#include "syslib.h"
#include <abi/errno.h>

enum entry_state { ENTRY_FREE, ENTRY_WAITING, ENTRY_DONE };

struct entry {
	enum entry_state state;
	uint32_t id;        /* VFS's name for the request */
	int minor;          /* the unit it was for (for cancel) */
	int status;         /* ENTRY_DONE: the result */
	uint32_t seq;       /* ENTRY_DONE: completion order */
};

static struct entry entries[CHARDRIVER_MAX_SUSPENDED];
static uint32_t next_seq;

/* find: the entry of request ID that is waiting or done, or NULL. */
static struct entry *find(uint32_t id)
{
	for (int i = 0; i < CHARDRIVER_MAX_SUSPENDED; i++)
		if (entries[i].state != ENTRY_FREE && entries[i].id == id)
			return &entries[i];
	return NULL;
}

/* chardriver_suspend: remember that request ID (for MINOR) waits. Returns
 * 0, -EEXIST when VFS reused the id of a request not finished yet, or
 * -ENOSPC when CHARDRIVER_MAX_SUSPENDED requests wait already. */
int chardriver_suspend(uint32_t id, int minor)
{
	if (find(id))
		return -EEXIST;
	for (int i = 0; i < CHARDRIVER_MAX_SUSPENDED; i++) {
		if (entries[i].state == ENTRY_FREE) {
			entries[i] = (struct entry) {
				.state = ENTRY_WAITING, .id = id, .minor = minor,
			};
			return 0;
		}
	}
	return -ENOSPC;
}

/* chardriver_complete: see chardriver.h. The status reaches VFS in a
 * CDEV_STATUS reply, which the text guard checks (task.c). The
 * notification to VFS cannot
 * block; a failed one is not retried (VFS then collects the result the
 * next time it asks). */
int chardriver_complete(uint32_t id, int status)
{
	struct entry *e = find(id);
	if (!e || e->state != ENTRY_WAITING)
		return -ENOENT;
	e->state = ENTRY_DONE;
	e->status = status;
	e->seq = next_seq++;
	ipc_notify(chardriver_vfs());
	return 0;
}

/* chardriver_do_status: CDEV_STATUS: a readiness event first
 * (CDEV_SEL_REPLY, select.c), else the oldest completed request not yet
 * reported, as CDEV_REPLY {id, status}; CDEV_NO_STATUS when there is
 * none. */
int chardriver_do_status(const struct chardriver *ops, message *m)
{
	(void) ops;
	int sel = chardriver_select_status(m);
	if (sel)
		return sel;
	struct entry *oldest = NULL;
	for (int i = 0; i < CHARDRIVER_MAX_SUSPENDED; i++) {
		struct entry *e = &entries[i];
		if (e->state == ENTRY_DONE &&
		    (!oldest || (int32_t) (e->seq - oldest->seq) < 0))
			oldest = e;
	}
	if (!oldest) {
		chardriver_reply(m, 0, 0);
		return CDEV_NO_STATUS;
	}
	oldest->state = ENTRY_FREE;
	return chardriver_reply(m, oldest->id, oldest->status);
}

/* chardriver_do_cancel: CDEV_CANCEL (id): the cancelled request's reply.
 * Completed already: its result (it is not reported through CDEV_STATUS
 * any more). Still waiting: the driver forgets it (ops->cancel) and its
 * answer is the result, -EINTR without the operation. Unknown: -EINVAL. */
int chardriver_do_cancel(const struct chardriver *ops, message *m)
{
	uint32_t id = m->u.cdev_req.id;
	struct entry *e = find(id);
	if (!e)
		return chardriver_reply(m, id, -EINVAL);
	int status = e->status;
	if (e->state == ENTRY_WAITING) {
		struct chardriver_req req = { .minor = e->minor, .id = id };
		status = ops->cancel ? ops->cancel(&req) : -EINTR;
	}
	e->state = ENTRY_FREE;
	return chardriver_reply(m, id, status);
}

/* chardriver_pending: see chardriver.h. Waiting and done entries both
 * count: VFS has not got their result yet. */
int chardriver_pending(void)
{
	int n = 0;
	for (int i = 0; i < CHARDRIVER_MAX_SUSPENDED; i++)
		if (entries[i].state != ENTRY_FREE)
			n++;
	return n;
}

/* chardriver_suspended_check: see chardriver_priv.h. Every entry is free,
 * waiting or done, no request id is there twice, and every completion
 * number was given out already (before next_seq). */
int chardriver_suspended_check(char *why, size_t len)
{
	for (int i = 0; i < CHARDRIVER_MAX_SUSPENDED; i++) {
		const struct entry *e = &entries[i];
		if (e->state != ENTRY_FREE && e->state != ENTRY_WAITING &&
		    e->state != ENTRY_DONE) {
			snprintf(why, len, "suspended request %d: state %d", i,
			    (int) e->state);
			return -EINVAL;
		}
		if (e->state == ENTRY_DONE &&
		    (int32_t) (next_seq - e->seq) <= 0) {
			snprintf(why, len, "suspended request %d: completion %u "
			    "not given out yet (next %u)", i, (unsigned) e->seq,
			    (unsigned) next_seq);
			return -EINVAL;
		}
		for (int j = 0; j < i && e->state != ENTRY_FREE; j++)
			if (entries[j].state != ENTRY_FREE &&
			    entries[j].id == e->id) {
				snprintf(why, len, "request id %u suspended twice",
				    (unsigned) e->id);
				return -EINVAL;
			}
	}
	return 0;
}

/* chardriver_suspended_corrupt: see chardriver_priv.h. */
int chardriver_suspended_corrupt(char *what, size_t len)
{
	for (int i = 0; i < CHARDRIVER_MAX_SUSPENDED; i++)
		if (entries[i].state == ENTRY_FREE) {
			entries[i].state = (enum entry_state) 0x5a;
			snprintf(what, len, "suspended request %d: state %d, "
			    "which does not exist", i, 0x5a);
			return 0;
		}
	snprintf(what, len, "no free suspended-request entry");
	return -ENOENT;
}

/* chardriver_suspended_resync: see chardriver_priv.h. */
void chardriver_suspended_resync(void)
{
	for (int i = 0; i < CHARDRIVER_MAX_SUSPENDED; i++)
		if (entries[i].state == ENTRY_DONE) {
			ipc_notify(chardriver_vfs());
			return;
		}
}
