/* The block-driver library's receive loop: requests to their handlers,
 * notifications to the driver's operations, and the requests kept while
 * the driver waits for an interrupt in the middle of a transfer. */
#include <stdio.h>
#include <string.h>
#include "blockdriver_priv.h"
#include "syslib.h"
#include "sef.h"
#include <abi/errno.h>

static const struct blockdriver *task_ops;

/* Requests received during blockdriver_wait_interrupt, served in order
 * once the current request is answered. */
static message queue[BLOCKDRIVER_MAX_QUEUED];
static unsigned queue_head, queue_len;

/* blockdriver_queue_put: see blockdriver_priv.h. */
int blockdriver_queue_put(const message *m)
{
	if (queue_len == BLOCKDRIVER_MAX_QUEUED)
		return -EBUSY;
	queue[(queue_head + queue_len) % BLOCKDRIVER_MAX_QUEUED] = *m;
	queue_len++;
	return 0;
}

/* blockdriver_queue_get: see blockdriver_priv.h. */
int blockdriver_queue_get(message *m)
{
	if (queue_len == 0)
		return 0;
	*m = queue[queue_head];
	queue_head = (queue_head + 1) % BLOCKDRIVER_MAX_QUEUED;
	queue_len--;
	return 1;
}

/* notification: route notification M: interrupts, alarms, the rest. */
static void notification(const struct blockdriver *ops, message *m)
{
	if (m->m_source == HARDWARE) {
		if (ops->interrupt)
			ops->interrupt(m->u.notify.irqs);
	} else if (m->m_source == CLOCK) {
		if (ops->alarm)
			ops->alarm(m->u.notify.timestamp);
	} else if (ops->other) {
		ops->other(m);
	}
}

/* reply: answer SRC's request ID with STATUS (BDEV_REPLY, sendnb: a
 * sender that does not wait for it cannot block the driver). A driver
 * whose code another process changed is stopped by the kernel's text
 * guard at the trap that would carry the reply: the request fails
 * instead. */
static void reply(endpoint_t src, uint32_t id, int status)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = BDEV_REPLY;
	m.u.bdev_reply.id = id;
	m.u.bdev_reply.status = status;
	ipc_reply_later(src, &m, "blockdriver");   /* with the next receive */
}

/* blockdriver_serve: see blockdriver_priv.h. A request type the library
 * does not know goes to ops->other, whose return value is the reply's
 * m_type (no operation: a BDEV_REPLY with -ENOSYS). */
void blockdriver_serve(const struct blockdriver *ops, message *m)
{
	if (m->m_type == NOTIFY_MESSAGE) {
		notification(ops, m);
		return;
	}
	endpoint_t src = m->m_source;
	blockdriver_handler h = blockdriver_lookup(m->m_type);
	if (h) {
		reply(src, m->u.bdev_req.id, h(ops, m));
		return;
	}
	if (!ops->other) {
		reply(src, m->u.bdev_req.id, -ENOSYS);
		return;
	}
	int type = ops->other(m);
	m->m_type = type;
	ipc_reply_later(src, m, "blockdriver");    /* with the next receive */
}

/* blockdriver_task: see blockdriver.h. The driver ran sef_startup before
 * (SEF cleared the IPC state if, and only if, this is a stateful
 * restart); sef_receive keeps RS's messages away from here. */
void blockdriver_task(const struct blockdriver *ops)
{
	task_ops = ops;
	blockdriver_set_ops(ops);
	message m;
	for (;;) {
		if (!blockdriver_queue_get(&m)) {
			int r = sef_receive(ANY, &m);
			if (r != 0) {
				printf("blockdriver: receive failed (%d)\n", r);
				continue;
			}
		}
		blockdriver_serve(ops, &m);
	}
}

/* blockdriver_wait_interrupt: see blockdriver.h. A request that finds the
 * queue full is answered -EBUSY at once (its sender waits for a reply). */
int blockdriver_wait_interrupt(uint32_t ticks, uint32_t *irqs)
{
	if (ticks > 0)
		sys_setalarm(ticks, 0, NULL);
	for (;;) {
		message m;
		int r = sef_receive_nested(ANY, &m);
		if (r != 0)
			continue;
		if (m.m_type == NOTIFY_MESSAGE && m.m_source == HARDWARE) {
			if (ticks > 0)
				sys_setalarm(0, 0, NULL);
			*irqs = m.u.notify.irqs;
			return 0;
		}
		if (m.m_type == NOTIFY_MESSAGE && m.m_source == CLOCK &&
		    ticks > 0)
			return -EINTR;
		if (m.m_type == NOTIFY_MESSAGE) {
			if (task_ops)
				notification(task_ops, &m);
			continue;
		}
		if (blockdriver_queue_put(&m) != 0)
			reply(m.m_source, m.u.bdev_req.id, -EBUSY);
	}
}
