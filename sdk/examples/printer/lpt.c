/* Register-level access to LPT1: the only file that touches the ports. */
#include "lpt.h"
#include "kcall.h"

/* Reads of the status register before lpt_ready says "busy". */
#define LPT_READY_TRIES 8

/* The control register between bytes: selected, not resetting, ACK
 * interrupt on, STROBE released. */
#define LPT_CT_IDLE (LPT_CT_SELECT | LPT_CT_NOT_INIT | LPT_CT_IRQ)

/* lpt_status: see lpt.h. */
int lpt_status(void)
{
	uint32_t v;
	int r = sys_in(LPT_STATUS, &v, 1);
	return r ? r : (int) (v & 0xff);
}

/* lpt_reset: see lpt.h. INIT is held low for the duration of two status
 * reads: far shorter than the 50 us a real printer wants, enough for the
 * emulated ones, which react at once. */
int lpt_reset(void)
{
	int r = sys_out(LPT_CONTROL, LPT_CT_SELECT, 1);
	if (r)
		return r;
	lpt_status();
	lpt_status();
	return sys_out(LPT_CONTROL, LPT_CT_IDLE, 1);
}

/* lpt_setup: see lpt.h. */
int lpt_setup(void)
{
	return sys_out(LPT_CONTROL, LPT_CT_IDLE, 1);
}

/* lpt_ready: see lpt.h. Off line or out of paper counts as busy: the job
 * waits (and times out) rather than losing bytes. */
int lpt_ready(void)
{
	for (int i = 0; i < LPT_READY_TRIES; i++) {
		int st = lpt_status();
		if (st < 0)
			return st;
		if ((st & LPT_ST_NOT_BUSY) && !(st & LPT_ST_PAPER_OUT))
			return 1;
	}
	return 0;
}

/* lpt_put: see lpt.h. */
int lpt_put(uint8_t c)
{
	int r = sys_out(LPT_DATA, c, 1);
	if (!r)
		r = sys_out(LPT_CONTROL, LPT_CT_IDLE | LPT_CT_STROBE, 1);
	if (!r)
		r = sys_out(LPT_CONTROL, LPT_CT_IDLE, 1);
	return r;
}
