/* Kernel signals of the services RS manages (RS is their signal manager):
 * exceptions, exits (SIGKEXIT), kills. Each one is a failure, the end of
 * a `service down`, or the crash of a new version in a live update. */
#include <stdio.h>
#include <string.h>
#include "rs.h"

#define SIGBIT(sig) ((sigset_k) 1 << (sig))

/* Describe SIGS/STATUS in WHAT; returns the reason for a script. */
static const char *describe(sigset_k sigs, int status, char *what,
    size_t size)
{
	if (sigs & SIGBIT(SIGKEXIT)) {
		if (status == SEF_PANIC_STATUS)
			snprintf(what, size, "panic");
		else
			snprintf(what, size, "exit (status %d)", status);
		return RS_REASON_TERMINATED;
	}
	int sig = 1;
	while (sig < NSIG && !(sigs & SIGBIT(sig)))
		sig++;
	if (sig == SIGILL || sig == SIGSEGV || sig == SIGFPE ||
	    sig == SIGBUS || sig == SIGTRAP)
		snprintf(what, size, "exception (signal %d)", sig);
	else
		snprintf(what, size, "signal %d", sig);
	return RS_REASON_RESTART;
}

/* One report: EP got SIGS (exit STATUS). */
static void ksig_one(endpoint_t ep, sigset_k sigs, int status)
{
	struct service *s = svc_by_ep(ep);
	upd_select(ep);
	if (rs_upd.phase != UPD_NONE && rs_upd.batch && batch_ksig(ep, s))
		return;
	if (rs_upd.phase != UPD_NONE && ep == rs_upd.spare) {
		/* The new program, before the swap: the update is off. */
		if (rs_upd.phase == UPD_LOAD || rs_upd.phase == UPD_PREPARE ||
		    rs_upd.phase == UPD_COPY)
			update_abort(-ERESTART, "the new version failed to start");
		return;                         /* else the old one, in transit */
	}
	if (!s) {
		sys_clear(ep);                  /* a leftover: gone */
		return;
	}
	if (rs_upd.phase == UPD_INIT && rs_upd.svc == s) {
		update_rollback(-ERESTART, "new version crashed in init");
		return;
	}
	switch (s->state) {
	case RS_STATE_DOWN:
		instance_remove(s->ep);
		s->ep = NONE;
		printf("rs: %s down\n", s->label);
		svc_answer_caller(s, 0);
		svc_free(s);
		return;
	case RS_STATE_BACKOFF:
	case RS_STATE_SCRIPT:
	case RS_STATE_DEAD:
		return;                         /* handled already */
	default:
		break;
	}
	if (rs_upd.phase == UPD_PREPARE && rs_upd.svc == s)
		update_timeout();               /* cancel it first */
	char what[48];
	const char *reason = describe(sigs, status, what, sizeof(what));
	if (s->state == RS_STATE_STARTING && !s->boot) {
		/* Its very first init did not complete: bring it down. */
		printf("rs: %s (endpoint %d) failed in its first init: %s; "
		    "brought down\n", s->label, s->ep, what);
		instance_remove(s->ep);
		s->ep = NONE;
		svc_answer_caller(s, -ERESTART);
		svc_free(s);
		return;
	}
	failure_handle(s, reason, what);
}

/* ksig_collect: handle every pending kernel signal report. */
void ksig_collect(void)
{
	for (int i = 0; i < 4 * RS_MAX_SERVICES; i++) {
		endpoint_t ep;
		sigset_k sigs;
		int status;
		if (sys_getksig(&ep, &sigs, &status) != 0 || ep == NONE)
			return;
		ksig_one(ep, sigs, status);
	}
}
