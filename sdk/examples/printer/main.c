/* The printer driver: /dev/lp on the PC parallel port LPT1 (ports
 * 0x378-0x37A, IRQ 7). A write prints the caller's bytes; it is suspended
 * and completes once the printer took them all (job.c). Survives crashes
 * and live updates without ever printing a byte twice: a new instance
 * never continues a job it did not start, and a live update waits until
 * no write is in progress (prepare states 2, 3 and 7). */
#include <stdio.h>
#include "chardriver.h"
#include "sef.h"
#include "kcall.h"
#include "job.h"
#include "lpt.h"

/* lp_open: only minor 0 (LPT1) exists. */
static int lp_open(const struct chardriver_req *req)
{
	return req->minor == 0 ? 0 : -ENODEV;
}

/* lp_write: the write operation: a print job (job_start). */
static int lp_write(const struct chardriver_req *req)
{
	if (req->minor != 0)
		return -ENODEV;
	return job_start(req->grant, req->size, req->user, req->id);
}

/* lp_cancel: the writer was interrupted: stop its job. */
static int lp_cancel(const struct chardriver_req *req)
{
	return job_cancel(req->id);
}

/* lp_interrupt: IRQ 7: the printer acknowledged; go on, then let the line
 * fire again. */
static void lp_interrupt(uint32_t irqs)
{
	if (!(irqs & (1u << LPT_IRQ)))
		return;
	job_interrupt();
	sys_irqctl(IRQ_ENABLE, LPT_IRQ);
}

/* lp_alarm: the polling fallback (job_alarm). */
static void lp_alarm(uint32_t now)
{
	(void) now;
	job_alarm();
}

static const struct chardriver lp_ops = {
	.open = lp_open,
	.write = lp_write,
	.cancel = lp_cancel,
	.interrupt = lp_interrupt,
	.alarm = lp_alarm,
};

/* hardware: take IRQ 7 and set up the port (RESET: with an INIT pulse).
 * 0 or the error. */
static int hardware(int reset)
{
	int r = sys_irqctl(IRQ_SETPOLICY, LPT_IRQ);
	if (r) {
		printf("printer: cannot take IRQ %d (%d)\n", LPT_IRQ, r);
		return r;
	}
	r = reset ? lpt_reset() : lpt_setup();
	if (r)
		printf("printer: no access to the port at 0x%x (%d)\n",
		    LPT_BASE, r);
	return r;
}

/* lp_init_fresh: SEF init callback, first start: reset the printer,
 * start the counters (and the checkpoint) from 0, announce /dev/lp to VFS. */
static int lp_init_fresh(const struct sef_init_info *info)
{
	int r = hardware(1);
	if (r)
		return r;
	job_checkpoint_save(0);
	printf("printer: started fresh (LPT1 at 0x%x, IRQ %d)\n", LPT_BASE,
	    LPT_IRQ);
	chardriver_announce(info);
	return 0;
}

/* cut_off: the previous instance stopped in the middle of the job CP
 * (WHY: "crashed", "was replaced"). Its request is lost with it: this
 * instance never prints it again (the bytes already printed would come out
 * twice); announcing the driver makes VFS fail it, so the writer gets an
 * error and its output is an exact prefix. */
static void cut_off(const struct job_checkpoint *cp, const char *why,
    const struct sef_init_info *info)
{
	printf("printer: the previous instance %s during a job (at least %u "
	    "of %u bytes printed); the writer gets an error\n", why,
	    (unsigned) cp->done, (unsigned) cp->size);
	job_checkpoint_save(0);
	chardriver_announce(info);
}

/* lp_init_again: SEF init callback after a crash (SEF_INIT_RESTART) and
 * for a new version after a live update (SEF_INIT_LU): the port as it
 * was, the counters from the checkpoint. A job the previous instance left
 * in the middle (a crash, or an update with a state that does not wait
 * for the job, e.g. 1) is cut off. After a restart the driver always
 * announces itself (VFS fails what the dead instance left); after an
 * update the endpoint is the old one, so VFS's binding holds and an
 * announcement would only make VFS fail the writer's next request. */
static int lp_init_again(const struct sef_init_info *info)
{
	int lu = info->type == SEF_INIT_LU;
	struct job_checkpoint cp;
	job_checkpoint_load(&cp);
	int r = hardware(0);
	if (r)
		return r;
	printf("printer: %s (%u bytes printed so far)\n",
	    lu ? "started as new version" : "restarted", (unsigned) cp.printed);
	if (cp.active)
		cut_off(&cp, lu ? "was replaced" : "crashed", info);
	else if (!lu)
		chardriver_announce(info);
	return 0;
}

/* lp_prepare: SEF live-update prepare callback. 1 (work-free): always.
 * 2 (request-free): no request is unfinished in the library (suspended,
 * or completed but not collected by VFS). 3 (protocol-free): that, and
 * no byte awaits its ACK. 7 (write-protocol-free, the printer's own): no
 * write is in progress at all. With a single job at a time 2, 3 and 7 are
 * reached at the same moments; they differ in what they promise. */
static int lp_prepare(int state)
{
	int idle = chardriver_pending() == 0;
	switch (state) {
	case SEF_LU_STATE_WORK_FREE:
		return 0;
	case SEF_LU_STATE_REQUEST_FREE:
		return idle ? 0 : -ENOTREADY;
	case SEF_LU_STATE_PROTOCOL_FREE:
		return idle && !job_waiting() ? 0 : -ENOTREADY;
	case SEF_LU_STATE_CUSTOM_BASE:
		return idle && !job_active() ? 0 : -ENOTREADY;
	default:
		return -ENOTREADY;
	}
}

/* lp_state_isvalid: the prepare states the printer knows: 1, 2, 3, 5
 * (never reached: for tests of the update timeout) and 7. */
static int lp_state_isvalid(int state)
{
	return (state >= SEF_LU_STATE_WORK_FREE &&
	    state <= SEF_LU_STATE_PROTOCOL_FREE) ||
	    state == SEF_LU_STATE_UNREACHABLE ||
	    state == SEF_LU_STATE_CUSTOM_BASE;
}

/* lp_state_save: SEF callback just before the swap: the checkpoint, with
 * the job marked cut off when a request is still unfinished. */
static int lp_state_save(int state)
{
	(void) state;
	return job_checkpoint_save(job_active() || chardriver_pending() > 0);
}

int main(int argc, char *argv[])
{
	chardriver_args(argc, argv);
	sef_setcb_init_fresh(lp_init_fresh);
	sef_setcb_init_restart(lp_init_again);
	sef_setcb_init_lu(lp_init_again);
	sef_setcb_lu_prepare(lp_prepare);
	sef_setcb_lu_state_isvalid(lp_state_isvalid);
	sef_setcb_state_save(lp_state_save);
	sef_startup();
	chardriver_task(&lp_ops);
}
