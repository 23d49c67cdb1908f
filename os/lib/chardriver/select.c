/* Readiness for poll/select (CDEV_SELECT, abi/cdev.h): the driver's select
 * operation says what is ready now; what VFS waits for and is not ready
 * is remembered here per minor, and chardriver_select_ready() turns it
 * into one CDEV_SEL_REPLY that VFS collects with CDEV_STATUS. */
#include <stdio.h>
#include <string.h>
#include "chardriver_priv.h"
#include "syslib.h"
#include <abi/errno.h>

#define SEL_OPS (CDEV_SEL_RD | CDEV_SEL_WR | CDEV_SEL_ERR)

struct watch {
	int used;
	int minor;
	uint32_t wanted;     /* operations VFS waits for, not reported yet */
	uint32_t ready;      /* operations ready, not yet collected by VFS */
};

static struct watch watches[CHARDRIVER_MAX_WATCH];

/* find: the watch of MINOR, or a free one when ADD (NULL: none / full). */
static struct watch *find(int minor, int add)
{
	struct watch *free_one = NULL;
	for (int i = 0; i < CHARDRIVER_MAX_WATCH; i++) {
		if (watches[i].used && watches[i].minor == minor)
			return &watches[i];
		if (!watches[i].used && !free_one)
			free_one = &watches[i];
	}
	if (!add || !free_one)
		return NULL;
	memset(free_one, 0, sizeof(*free_one));
	free_one->used = 1;
	free_one->minor = minor;
	return free_one;
}

/* chardriver_do_select: CDEV_SELECT (minor, request: CDEV_SEL_* |
 * CDEV_SEL_NOTIFY) -> ops->select; answers the wanted operations ready
 * now. No operation: all of them. With CDEV_SEL_NOTIFY the rest are
 * watched (a full table: answered as ready, so VFS never waits for a
 * notification that cannot come). */
int chardriver_do_select(const struct chardriver *ops, message *m)
{
	struct mess_cdev_req q = m->u.cdev_req;
	uint32_t want = q.request & SEL_OPS;
	struct chardriver_req req = { .minor = q.minor, .request = want,
	    .user = q.user, .id = q.id };
	int r = ops->select ? ops->select(&req) : (int) want;
	if (r < 0 || r == CDEV_SUSPEND)
		return chardriver_reply(m, q.id, r == CDEV_SUSPEND ? -EIO : r);
	uint32_t ready = (uint32_t) r & want;
	uint32_t left = want & ~ready;
	if (left && (q.request & CDEV_SEL_NOTIFY)) {
		struct watch *w = find(q.minor, 1);
		if (w)
			w->wanted |= left;
		else
			ready = want;
	}
	return chardriver_reply(m, q.id, (int) ready);
}

/* chardriver_select_ready: see chardriver.h. The notification to VFS
 * cannot block; VFS collects the event with CDEV_STATUS. */
void chardriver_select_ready(int minor, uint32_t ops)
{
	struct watch *w = find(minor, 0);
	if (!w || !(w->wanted & ops))
		return;
	w->ready |= w->wanted & ops;
	w->wanted &= ~ops;
	ipc_notify(chardriver_vfs());
}

/* chardriver_select_status: see chardriver_priv.h. */
int chardriver_select_status(message *m)
{
	for (int i = 0; i < CHARDRIVER_MAX_WATCH; i++) {
		struct watch *w = &watches[i];
		if (!w->used || !w->ready)
			continue;
		memset(&m->u, 0, sizeof(m->u));
		m->u.cdev_select.minor = w->minor;
		m->u.cdev_select.ops = w->ready;
		w->ready = 0;
		if (!w->wanted)
			w->used = 0;
		return CDEV_SEL_REPLY;
	}
	return 0;
}

/* Cloned units (abi/cdev.h CDEV_CLONED) among minors 0..CLONED_BITS-1;
 * a minor beyond is always a cloned one (no shared minor is that big). */
#define CLONED_BITS 256
static uint32_t cloned[CLONED_BITS / 32];

/* chardriver_select_cloned: see chardriver_priv.h. */
void chardriver_select_cloned(int minor)
{
	if (minor >= 0 && minor < CLONED_BITS)
		cloned[minor / 32] |= 1u << (minor % 32);
}

/* chardriver_select_closed: see chardriver_priv.h. */
void chardriver_select_closed(int minor)
{
	if (minor >= 0 && minor < CLONED_BITS) {
		if (!(cloned[minor / 32] & (1u << (minor % 32))))
			return;
		cloned[minor / 32] &= ~(1u << (minor % 32));
	}
	struct watch *w = find(minor, 0);
	if (w)
		w->used = 0;
}

/* chardriver_watch_check: see chardriver_priv.h. Every used watch names
 * only select operations, and no minor has two watches. */
int chardriver_watch_check(char *why, size_t len)
{
	for (int i = 0; i < CHARDRIVER_MAX_WATCH; i++) {
		const struct watch *w = &watches[i];
		if (w->used != 0 && w->used != 1) {
			snprintf(why, len, "select watch %d: used %d", i, w->used);
			return -EINVAL;
		}
		if (!w->used)
			continue;
		if ((w->wanted | w->ready) & ~(uint32_t) SEL_OPS) {
			snprintf(why, len, "select watch %d: operations 0x%x", i,
			    (unsigned) (w->wanted | w->ready));
			return -EINVAL;
		}
		for (int j = 0; j < i; j++)
			if (watches[j].used && watches[j].minor == w->minor) {
				snprintf(why, len, "minor %d watched twice",
				    w->minor);
				return -EINVAL;
			}
	}
	return 0;
}

/* chardriver_select_resync: see chardriver_priv.h. */
void chardriver_select_resync(void)
{
	for (int i = 0; i < CHARDRIVER_MAX_WATCH; i++)
		if (watches[i].used && watches[i].ready) {
			ipc_notify(chardriver_vfs());
			return;
		}
}
