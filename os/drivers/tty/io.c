/* The terminal's open, close, read, write and cancel operations. Reads
 * that find no input wait in a queue and are served in order. */
#include "tty.h"
#include <abi/errno.h>
#include <abi/fcntl.h>

#define CHUNK 256   /* bytes copied per safecopy */

/* tty_open: the open operation. -ENODEV for a minor that is not a
 * terminal, -ENXIO when its UART is absent, -EBUSY for an exclusive
 * terminal (the agent's channel) that is open already; an open of an
 * exclusive terminal starts afresh: input typed while it was closed is
 * dropped, the settings and the group are the defaults, and its input
 * goes on (it is off while the terminal is closed). */
int tty_open(const struct chardriver_req *req)
{
	struct tty *tp = tty_get(req->minor);
	if (!tp)
		return -ENODEV;
	if (!tp->uart->present)
		return -ENXIO;
	if (tp->exclusive && tp->opens > 0)
		return -EBUSY;
	if (tp->exclusive) {
		line_init(&tp->line, tty_echo, tp);
		tp->pgrp = 0;
		serial_rx(tp->uart, 1);
	}
	tp->opens++;
	tty_seal(tp);
	return 0;
}

/* tty_close: the close operation: one open less (VFS closes once per
 * open, when the last descriptor of that open goes); an exclusive
 * terminal's input goes off with its last close. */
int tty_close(const struct chardriver_req *req)
{
	struct tty *tp = tty_get(req->minor);
	if (!tp)
		return -ENODEV;
	if (tp->opens > 0 && --tp->opens == 0 && tp->exclusive)
		serial_rx(tp->uart, 0);
	tty_seal(tp);
	return 0;
}

/* transfer: move what a read of SIZE bytes gets from TP's input to GRANT.
 * Returns the bytes moved (0: end of file), -EAGAIN when there is nothing,
 * or the copy's error (the input taken is then lost). */
static int transfer(struct tty *tp, uint32_t grant, size_t size)
{
	char buf[LINE_BUF_SIZE];
	if (size > sizeof(buf))
		size = sizeof(buf);
	int n = line_read(&tp->line, buf, size);
	if (n > 0) {
		int r = chardriver_copyout(grant, 0, buf, (size_t) n);
		if (r != 0)
			return r;
	}
	return n;
}

/* tty_read: the read operation. Returns what is readable at once;
 * otherwise -EAGAIN with O_NONBLOCK, else the read waits (CDEV_SUSPEND)
 * behind those waiting already, until tty_readers_check finds input for
 * it; -EBUSY when TTY_READERS reads wait already. */
int tty_read(const struct chardriver_req *req)
{
	struct tty *tp = tty_get(req->minor);
	if (!tp)
		return -ENODEV;
	if (req->size == 0)
		return 0;
	if (tp->nreaders == 0 && line_readable(&tp->line))
		return transfer(tp, req->grant, req->size);
	if (req->flags & O_NONBLOCK)
		return -EAGAIN;
	if (tp->nreaders == TTY_READERS)
		return -EBUSY;
	tp->readers[tp->nreaders++] = (struct tty_reader) {
		.id = req->id, .grant = req->grant, .size = req->size,
	};
	tty_poll_arm();
	return CDEV_SUSPEND;
}

/* remove_reader: the waiting read at index I leaves the queue. */
static void remove_reader(struct tty *tp, int i)
{
	tp->nreaders--;
	for (; i < tp->nreaders; i++)
		tp->readers[i] = tp->readers[i + 1];
}

/* tty_readers_check: input may have become readable on TP: complete the
 * waiting reads, oldest first, as long as there is input for them; input
 * left over is news for a poll that waits (chardriver_select_ready). */
void tty_readers_check(struct tty *tp)
{
	while (tp->nreaders > 0 && line_readable(&tp->line)) {
		struct tty_reader rd = tp->readers[0];
		remove_reader(tp, 0);
		chardriver_complete(rd.id, transfer(tp, rd.grant, rd.size));
	}
	if (line_readable(&tp->line))
		chardriver_select_ready(tp->minor, CDEV_SEL_RD);
}

/* tty_select: the select operation: readable when a read would not wait
 * (input there and no read waiting before it), always writable. */
int tty_select(const struct chardriver_req *req)
{
	struct tty *tp = tty_get(req->minor);
	if (!tp)
		return -ENODEV;
	int ready = CDEV_SEL_WR;
	if (tp->nreaders == 0 && line_readable(&tp->line))
		ready |= CDEV_SEL_RD;
	return ready & (int) req->request;
}

/* tty_cancel: the cancel operation: the waiting read req->id is given up. */
int tty_cancel(const struct chardriver_req *req)
{
	struct tty *tp = tty_get(req->minor);
	for (int i = 0; tp && i < tp->nreaders; i++) {
		if (tp->readers[i].id == req->id) {
			remove_reader(tp, i);
			break;
		}
	}
	return -EINTR;
}

/* tty_write: the write operation: all req->size bytes are shown before the
 * reply. Returns req->size, or the bytes shown before a copy failed (its error
 * when none were). */
int tty_write(const struct chardriver_req *req)
{
	struct tty *tp = tty_get(req->minor);
	if (!tp)
		return -ENODEV;
	char buf[CHUNK];
	size_t done = 0;
	while (done < req->size) {
		size_t n = req->size - done < CHUNK ? req->size - done : CHUNK;
		int r = chardriver_copyin(req->grant, done, buf, n);
		if (r != 0)
			return done ? (int) done : r;
		tty_output(tp, buf, n);
		done += n;
	}
	return (int) done;
}
