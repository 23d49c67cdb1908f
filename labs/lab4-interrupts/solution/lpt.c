/* lpt: an interrupt-driven driver for the PC parallel port LPT1 (ports
 * 0x378-0x37A, IRQ 7) on /dev/lpt. Lab 4's reference solution.
 *
 * A write is a print job: it is suspended (CDEV_SUSPEND), its bytes are
 * copied from the writer 512 at a time and handed to the printer one per
 * ACK interrupt; an alarm every 2 ticks is the polling fallback (it moves
 * the bytes the interrupts did not, and all of them with `-args noirq`).
 * A read gives the counters: "lpt: printed N irq I polled P\n".
 *
 * Reliability: the counters and the job's progress are checkpointed in DS
 * ("LABEL.job"); a live update waits in prepare state 7 until no job
 * prints; a new instance never continues a job it did not start (no byte
 * twice): after a crash the writer gets an error and the output is an
 * exact prefix of what it wrote. */
#include <stdio.h>
#include <string.h>
#include <abi/clock.h>
#include "chardriver.h"
#include "ds.h"
#include "kcall.h"
#include "sef.h"

#define LPT_BASE    0x378
#define LPT_DATA    (LPT_BASE + 0)
#define LPT_STATUS  (LPT_BASE + 1)
#define LPT_CONTROL (LPT_BASE + 2)
#define LPT_IRQ     7

#define ST_NOT_BUSY  0x80
#define ST_PAPER_OUT 0x20
#define CT_STROBE    0x01
#define CT_NOT_INIT  0x04
#define CT_SELECT    0x08
#define CT_IRQ       0x10

#define CHUNK        512              /* bytes per copy and checkpoint */
#define POLL_TICKS   2                /* the polling alarm's period */
#define POLL_BURST   64               /* bytes one alarm may move */
#define TIMEOUT_TICKS (30 * CLOCK_HZ) /* busy this long: the job ends */
#define READY_TRIES  8

/* Our own live-update prepare state: no job prints. */
#define LPT_LU_STATE_IDLE SEF_LU_STATE_CUSTOM_BASE

/* The checkpoint in DS. */
struct lpt_checkpoint {
	uint32_t active;        /* a job was in progress */
	uint32_t size, done;    /* its size, bytes handed over */
	uint32_t printed, irq, polled;
};

static struct {
	int active, waiting;
	uint32_t id, grant;
	size_t size, done;
	uint8_t buf[CHUNK];
	size_t len, pos;
	uint32_t busy;
} job;

static uint32_t printed, by_irq, by_poll;
static int use_irq = 1;               /* 0 with the argument "noirq" */

/* ---- the port ---- */

static int control(void)
{
	return CT_SELECT | CT_NOT_INIT | (use_irq ? CT_IRQ : 0);
}

static int port_status(void)
{
	uint32_t v;
	int r = sys_in(LPT_STATUS, &v, 1);
	return r ? r : (int) (v & 0xff);
}

/* port_ready: 1 when the printer takes a byte, 0 busy, or an error. */
static int port_ready(void)
{
	for (int i = 0; i < READY_TRIES; i++) {
		int st = port_status();
		if (st < 0)
			return st;
		if ((st & ST_NOT_BUSY) && !(st & ST_PAPER_OUT))
			return 1;
	}
	return 0;
}

static int port_put(uint8_t c)
{
	int r = sys_out(LPT_DATA, c, 1);
	if (!r)
		r = sys_out(LPT_CONTROL, control() | CT_STROBE, 1);
	if (!r)
		r = sys_out(LPT_CONTROL, control(), 1);
	return r;
}

/* hardware: take IRQ 7, select the printer (RESET: with an INIT pulse). */
static int hardware(int reset)
{
	int r = sys_irqctl(IRQ_SETPOLICY, LPT_IRQ);
	if (r) {
		printf("lpt: cannot take IRQ %d (%d)\n", LPT_IRQ, r);
		return r;
	}
	if (reset) {
		r = sys_out(LPT_CONTROL, CT_SELECT, 1);
		port_status();
		port_status();
	}
	if (!r)
		r = sys_out(LPT_CONTROL, control(), 1);
	if (r)
		printf("lpt: no access to the port at 0x%x (%d)\n", LPT_BASE, r);
	return r;
}

/* ---- the checkpoint ---- */

static const char *key(void)
{
	static char k[DS_KEY_MAX];
	snprintf(k, sizeof(k), "%s.job", sef_label()[0] ? sef_label() : "lpt");
	return k;
}

static int checkpoint(int active)
{
	struct lpt_checkpoint cp = {
		.active = (uint32_t) active, .size = job.size, .done = job.done,
		.printed = printed, .irq = by_irq, .polled = by_poll,
	};
	return ds_publish_mem(key(), &cp, sizeof(cp), DSF_OVERWRITE);
}

static void restore(struct lpt_checkpoint *cp)
{
	size_t len;
	if (ds_retrieve_mem(key(), cp, sizeof(*cp), &len) != 0 ||
	    len != sizeof(*cp))
		memset(cp, 0, sizeof(*cp));
	printed = cp->printed;
	by_irq = cp->irq;
	by_poll = cp->polled;
}

/* ---- the job ---- */

static void alarm_on(int on)
{
	sys_setalarm(on ? POLL_TICKS : 0, 0, NULL);
}

static void finish(int status)
{
	if (status < 0 && job.done > 0)
		status = (int) job.done;
	job.active = job.waiting = 0;
	alarm_on(0);
	checkpoint(0);
	chardriver_complete(job.id, status);
}

static int refill(void)
{
	size_t n = job.size - job.done;
	if (n > CHUNK)
		n = CHUNK;
	int r = chardriver_copyin(job.grant, job.done, job.buf, n);
	if (!r) {
		job.len = n;
		job.pos = 0;
	}
	return r;
}

/* advance: the printer took the last byte? Then count it and hand it the
 * next one (or end the job). FROM_POLL: the alarm noticed, not an
 * interrupt. 1 when something moved. */
static int advance(int from_poll)
{
	int r = port_ready();
	if (r < 0) {
		finish(r);
		return 1;
	}
	if (r == 0)
		return 0;
	if (job.waiting) {
		job.waiting = 0;
		printed++;
		if (from_poll)
			by_poll++;
		else
			by_irq++;
	}
	if (job.done == job.size) {
		finish((int) job.done);
		return 1;
	}
	if (job.pos == job.len) {
		if (job.done > 0)
			checkpoint(1);
		if ((r = refill()) != 0) {
			finish(r);
			return 1;
		}
	}
	if ((r = port_put(job.buf[job.pos])) != 0) {
		finish(r);
		return 1;
	}
	job.pos++;
	job.done++;
	job.waiting = 1;
	job.busy = 0;
	return 1;
}

/* ---- the operations ---- */

static int lpt_open(const struct chardriver_req *req)
{
	return req->minor == 0 ? 0 : -ENODEV;
}

static int lpt_write(const struct chardriver_req *req)
{
	if (req->minor != 0)
		return -ENODEV;
	if (job.active)
		return -EBUSY;
	if (req->size == 0)
		return 0;
	job.grant = req->grant;
	job.size = req->size;
	job.id = req->id;
	job.done = 0;
	job.waiting = 0;
	job.busy = 0;
	int r = refill();
	if (r)
		return r;
	job.active = 1;
	checkpoint(1);
	alarm_on(1);
	advance(0);
	return CDEV_SUSPEND;
}

/* lpt_read: the counters, like a file (cat stops at its end). */
static int lpt_read(const struct chardriver_req *req)
{
	if (req->minor != 0)
		return -ENODEV;
	char text[96];
	int len = snprintf(text, sizeof(text), "lpt: printed %u irq %u polled "
	    "%u\n", (unsigned) printed, (unsigned) by_irq, (unsigned) by_poll);
	if (req->pos < 0 || req->pos >= len)
		return 0;
	size_t n = (size_t) (len - req->pos);
	if (n > req->size)
		n = req->size;
	int r = chardriver_copyout(req->grant, 0, text + req->pos, n);
	return r ? r : (int) n;
}

static int lpt_cancel(const struct chardriver_req *req)
{
	if (!job.active || job.id != req->id)
		return -EINTR;
	job.active = job.waiting = 0;
	alarm_on(0);
	checkpoint(0);
	return job.done > 0 ? (int) job.done : -EINTR;
}

static void lpt_interrupt(uint32_t irqs)
{
	if (!(irqs & (1u << LPT_IRQ)))
		return;
	if (job.active)
		advance(0);
	else
		port_status();          /* ends the ACK, lowers the line */
	sys_irqctl(IRQ_ENABLE, LPT_IRQ);
}

static void lpt_alarm(uint32_t now)
{
	(void) now;
	if (!job.active)
		return;
	int moved = 0;
	while (job.active && moved < POLL_BURST && advance(1))
		moved++;
	if (!moved && (job.busy += POLL_TICKS) >= TIMEOUT_TICKS) {
		printf("lpt: the printer stays busy; job ended after %u of %u "
		    "bytes\n", (unsigned) job.done, (unsigned) job.size);
		finish(-EIO);
	}
	if (job.active)
		alarm_on(1);
}

static const struct chardriver lpt_ops = {
	.open = lpt_open,
	.read = lpt_read,
	.write = lpt_write,
	.cancel = lpt_cancel,
	.interrupt = lpt_interrupt,
	.alarm = lpt_alarm,
};

/* ---- SEF callbacks ---- */

static int init_fresh(const struct sef_init_info *info)
{
	int r = hardware(1);
	if (r)
		return r;
	checkpoint(0);
	printf("lpt: started fresh (LPT1 at 0x%x, IRQ %d%s)\n", LPT_BASE,
	    LPT_IRQ, use_irq ? "" : ", polling only");
	chardriver_announce(info);
	return 0;
}

/* init_again: after a crash (restart) or as a new version (update). A
 * job the previous instance left unfinished is never continued: after a
 * restart the announcement makes VFS fail its writer. After an update the
 * endpoint is the old one: no announcement (VFS's binding holds). */
static int init_again(const struct sef_init_info *info)
{
	int lu = info->type == SEF_INIT_LU;
	struct lpt_checkpoint cp;
	restore(&cp);
	int r = hardware(0);
	if (r)
		return r;
	printf("lpt: %s (%u bytes printed so far)\n",
	    lu ? "started as new version" : "restarted", (unsigned) printed);
	if (cp.active) {
		printf("lpt: the previous instance stopped during a job (%u of "
		    "%u bytes); the writer gets an error\n", (unsigned) cp.done,
		    (unsigned) cp.size);
		checkpoint(0);
		chardriver_announce(info);
	} else if (!lu) {
		chardriver_announce(info);
	}
	return 0;
}

static int lu_prepare(int state)
{
	int idle = chardriver_pending() == 0;
	switch (state) {
	case SEF_LU_STATE_WORK_FREE:
		return 0;
	case SEF_LU_STATE_REQUEST_FREE:
		return idle ? 0 : -ENOTREADY;
	case SEF_LU_STATE_PROTOCOL_FREE:
		return idle && !(job.active && job.waiting) ? 0 : -ENOTREADY;
	case LPT_LU_STATE_IDLE:
		return idle && !job.active ? 0 : -ENOTREADY;
	default:
		return -ENOTREADY;
	}
}

static int lu_state_isvalid(int state)
{
	return (state >= SEF_LU_STATE_WORK_FREE &&
	    state <= SEF_LU_STATE_PROTOCOL_FREE) || state == LPT_LU_STATE_IDLE;
}

static int state_save(int state)
{
	(void) state;
	return checkpoint(job.active || chardriver_pending() > 0);
}

int main(int argc, char *argv[])
{
	chardriver_args(argc, argv);
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "noirq") == 0)
			use_irq = 0;
	sef_setcb_init_fresh(init_fresh);
	sef_setcb_init_restart(init_again);
	sef_setcb_init_lu(init_again);
	sef_setcb_lu_prepare(lu_prepare);
	sef_setcb_lu_state_isvalid(lu_state_isvalid);
	sef_setcb_state_save(state_save);
	sef_startup();
	chardriver_task(&lpt_ops);
}
