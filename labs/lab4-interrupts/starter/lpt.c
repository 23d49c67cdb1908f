/* lpt: a driver for the PC parallel port LPT1 (ports 0x378-0x37A, IRQ 7)
 * on /dev/lpt. Lab 4's starter: it works, but it polls.
 *
 * A write busy-waits on the status register for every byte, inside the
 * write operation: the driver hears nothing else (no heartbeat, no live
 * update request) until the whole write is printed, and IRQ 7 is never
 * used. A read gives the counters: "lpt: printed N irq I polled P\n".
 *
 * Your job (README.md): make the write interrupt-driven (suspend it,
 * hand the printer a byte per ACK interrupt, keep an alarm as the polling
 * fallback), add the prepare state 7 "no job prints" for live updates,
 * and keep the counters across updates and restarts. */
#include <stdio.h>
#include <string.h>
#include "chardriver.h"
#include "kcall.h"
#include "sef.h"

#define LPT_BASE    0x378
#define LPT_DATA    (LPT_BASE + 0)
#define LPT_STATUS  (LPT_BASE + 1)
#define LPT_CONTROL (LPT_BASE + 2)
#define LPT_IRQ     7

/* Status register (some lines are inverted by the port). */
#define ST_NOT_BUSY  0x80       /* 1: the printer takes a byte */
#define ST_ACK       0x40       /* 0 while the printer acknowledges */
#define ST_PAPER_OUT 0x20
/* Control register. */
#define CT_STROBE    0x01       /* 1: STROBE asserted (data valid) */
#define CT_NOT_INIT  0x04       /* 0: resets the printer */
#define CT_SELECT    0x08       /* 1: select the printer */
#define CT_IRQ       0x10       /* 1: the ACK pulse raises IRQ 7 */

#define CHUNK       512
#define SPIN_LIMIT  1000000     /* status reads before giving up a byte */

static uint32_t printed, by_irq, by_poll;

static int port_status(void)
{
	uint32_t v;
	int r = sys_in(LPT_STATUS, &v, 1);
	return r ? r : (int) (v & 0xff);
}

/* wait_ready: spin until the printer takes a byte. 0, -EIO, or an error. */
static int wait_ready(void)
{
	for (long i = 0; i < SPIN_LIMIT; i++) {
		int st = port_status();
		if (st < 0)
			return st;
		if ((st & ST_NOT_BUSY) && !(st & ST_PAPER_OUT))
			return 0;
	}
	return -EIO;
}

static int port_put(uint8_t c)
{
	int r = sys_out(LPT_DATA, c, 1);
	if (!r)
		r = sys_out(LPT_CONTROL, CT_SELECT | CT_NOT_INIT | CT_STROBE, 1);
	if (!r)
		r = sys_out(LPT_CONTROL, CT_SELECT | CT_NOT_INIT, 1);
	return r;
}

static int lpt_open(const struct chardriver_req *req)
{
	return req->minor == 0 ? 0 : -ENODEV;
}

/* lpt_write: print req->size bytes, polling, before returning. */
static int lpt_write(const struct chardriver_req *req)
{
	if (req->minor != 0)
		return -ENODEV;
	uint8_t buf[CHUNK];
	size_t done = 0;
	while (done < req->size) {
		size_t n = req->size - done < CHUNK ? req->size - done : CHUNK;
		int r = chardriver_copyin(req->grant, done, buf, n);
		for (size_t i = 0; r == 0 && i < n; i++) {
			r = wait_ready();
			if (r == 0)
				r = port_put(buf[i]);
			if (r == 0) {
				done++;
				printed++;
				by_poll++;
			}
		}
		if (r)
			return done > 0 ? (int) done : r;
	}
	return (int) done;
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

static const struct chardriver lpt_ops = {
	.open = lpt_open,
	.read = lpt_read,
	.write = lpt_write,
};

static int init(const struct sef_init_info *info)
{
	int r = sys_out(LPT_CONTROL, CT_SELECT | CT_NOT_INIT, 1);
	if (r) {
		printf("lpt: no access to the port at 0x%x (%d)\n", LPT_BASE, r);
		return r;
	}
	printf("lpt: started (LPT1 at 0x%x, polling)\n", LPT_BASE);
	chardriver_announce(info);
	return 0;
}

int main(int argc, char *argv[])
{
	chardriver_args(argc, argv);
	sef_setcb_init_fresh(init);
	sef_setcb_init_restart(init);
	sef_setcb_init_lu(init);
	sef_startup();
	chardriver_task(&lpt_ops);
}
