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
	if (ops->cancel)
		ops->cancel(q->minor, q->id);
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
 * operation: success. */
int chardriver_do_open(const struct chardriver *ops, message *m)
{
	struct mess_cdev_req q = m->u.cdev_req;
	int r = ops->open ? ops->open(q.minor, q.flags, q.user) : 0;
	return chardriver_reply(m, q.id, not_suspended("open", r));
}

/* chardriver_do_close: CDEV_CLOSE (minor) -> ops->close; no operation:
 * success. */
int chardriver_do_close(const struct chardriver *ops, message *m)
{
	struct mess_cdev_req q = m->u.cdev_req;
	int r = ops->close ? ops->close(q.minor) : 0;
	return chardriver_reply(m, q.id, not_suspended("close", r));
}

/* chardriver_do_read: CDEV_READ (minor, pos, grant, size, flags, user,
 * id) -> ops->read; no operation: -ENODEV. */
int chardriver_do_read(const struct chardriver *ops, message *m)
{
	struct mess_cdev_req q = m->u.cdev_req;
	int r = ops->read ? ops->read(q.minor, q.pos, q.grant, q.size, q.flags,
	    q.user, q.id) : -ENODEV;
	return chardriver_reply(m, q.id, suspended(ops, &q, r));
}

/* chardriver_do_write: CDEV_WRITE (as READ) -> ops->write; no operation:
 * -ENODEV. */
int chardriver_do_write(const struct chardriver *ops, message *m)
{
	struct mess_cdev_req q = m->u.cdev_req;
	int r = ops->write ? ops->write(q.minor, q.pos, q.grant, q.size,
	    q.flags, q.user, q.id) : -ENODEV;
	return chardriver_reply(m, q.id, suspended(ops, &q, r));
}

/* chardriver_do_ioctl: CDEV_IOCTL (minor, request, grant, user, id) ->
 * ops->ioctl; no operation: -ENOTTY. */
int chardriver_do_ioctl(const struct chardriver *ops, message *m)
{
	struct mess_cdev_req q = m->u.cdev_req;
	int r = ops->ioctl ? ops->ioctl(q.minor, q.request, q.grant, q.user,
	    q.id) : -ENOTTY;
	return chardriver_reply(m, q.id, suspended(ops, &q, r));
}
