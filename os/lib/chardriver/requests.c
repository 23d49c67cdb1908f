/* The character-driver library's handlers of the requests that go straight
 * to a driver operation: open, close, read, write, ioctl. Each answers with
 * the operation's result; CDEV_SUSPEND from read, write or ioctl is
 * recorded so that the request can be completed or cancelled later. */
#include <stdio.h>
#include <string.h>
#include "chardriver_priv.h"
#include <abi/errno.h>

/* chardriver_reply: see chardriver_priv.h. */
int chardriver_reply(message *m, uint32_t id, int status)
{
	memset(&m->u, 0, sizeof(m->u));
	m->u.cdev_reply.id = id;
	m->u.cdev_reply.status = status;
	return CDEV_REPLY;
}

/* suspended: the operation for request Q returned R; when R is
 * CDEV_SUSPEND, remember the request. Returns the status to reply: R, or
 * -EBUSY when too many requests are suspended already (the driver is then
 * told to forget this one). */
static int suspended(const struct chardriver *ops,
    const struct mess_cdev_req *q, int r)
{
	if (r != CDEV_SUSPEND)
		return r;
	if (chardriver_suspend(q->id, q->minor) == 0)
		return r;
	if (ops->cancel) {
		struct chardriver_req c = { .minor = q->minor, .id = q->id };
		ops->cancel(&c);
	}
	return -EBUSY;
}

/* not_suspended: open and close must answer at once; a driver that
 * suspends them is wrong, and the request fails with -EIO. */
static int not_suspended(const char *what, int r)
{
	if (r != CDEV_SUSPEND)
		return r;
	printf("chardriver: the driver suspended a %s request (not allowed)\n",
	    what);
	return -EIO;
}

/* chardriver_do_open: CDEV_OPEN (minor, flags, user) -> ops->open; no
 * operation: success. A new unit (CDEV_CLONED) is noted for select.c. */
int chardriver_do_open(const struct chardriver *ops, message *m)
{
	struct mess_cdev_req q = m->u.cdev_req;
	struct chardriver_req req = { .minor = q.minor, .flags = q.flags,
	    .user = q.user, .id = q.id, .uid = q.uid };
	int r = ops->open ? ops->open(&req) : 0;
	if (r >= 0 && (r & CDEV_CLONED))
		chardriver_select_cloned(CDEV_CLONED_MINOR(r));
	return chardriver_reply(m, q.id, not_suspended("open", r));
}

/* chardriver_do_close: CDEV_CLOSE (minor) -> ops->close; no operation:
 * success. A cloned unit's readiness watches go with it. */
int chardriver_do_close(const struct chardriver *ops, message *m)
{
	struct mess_cdev_req q = m->u.cdev_req;
	struct chardriver_req req = { .minor = q.minor, .user = q.user,
	    .id = q.id };
	int r = ops->close ? ops->close(&req) : 0;
	chardriver_select_closed(q.minor);
	return chardriver_reply(m, q.id, not_suspended("close", r));
}

/* transfer: the struct chardriver_req of a CDEV_READ or CDEV_WRITE Q
 * (minor, pos, grant, size, flags, user, id). */
static struct chardriver_req transfer(const struct mess_cdev_req *q)
{
	struct chardriver_req req = { .minor = q->minor, .pos = q->pos,
	    .grant = q->grant, .size = q->size, .flags = q->flags,
	    .user = q->user, .id = q->id, .uid = q->uid };
	return req;
}

/* chardriver_do_read: CDEV_READ (minor, pos, grant, size, flags, user,
 * id) -> ops->read; no operation: -ENODEV. */
int chardriver_do_read(const struct chardriver *ops, message *m)
{
	struct mess_cdev_req q = m->u.cdev_req;
	struct chardriver_req req = transfer(&q);
	int r = ops->read ? ops->read(&req) : -ENODEV;
	return chardriver_reply(m, q.id, suspended(ops, &q, r));
}

/* chardriver_do_write: CDEV_WRITE (as READ) -> ops->write; no operation:
 * -ENODEV. */
int chardriver_do_write(const struct chardriver *ops, message *m)
{
	struct mess_cdev_req q = m->u.cdev_req;
	struct chardriver_req req = transfer(&q);
	int r = ops->write ? ops->write(&req) : -ENODEV;
	return chardriver_reply(m, q.id, suspended(ops, &q, r));
}

/* chardriver_do_ioctl: CDEV_IOCTL (minor, request, grant, flags, user, id) ->
 * ops->ioctl; no operation: -ENOTTY. */
int chardriver_do_ioctl(const struct chardriver *ops, message *m)
{
	struct mess_cdev_req q = m->u.cdev_req;
	struct chardriver_req req = { .minor = q.minor, .request = q.request,
	    .grant = q.grant, .flags = q.flags, .user = q.user, .id = q.id,
	    .uid = q.uid };
	int r = ops->ioctl ? ops->ioctl(&req) : -ENOTTY;
	return chardriver_reply(m, q.id, suspended(ops, &q, r));
}
