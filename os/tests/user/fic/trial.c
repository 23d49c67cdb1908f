/* One trial of a campaign: run the workload against a driver, inject the
 * fault after DELAY ticks, see what RS makes of it, and check that the
 * driver answers again.
 *
 *   recovered  RS restarted the driver (its restart count went up, it is
 *              up again) and an operation of fic's own then succeeded;
 *              RECOVERY_US runs from the injection to that operation.
 *   latent     nothing failed within the window (3 heartbeat periods +
 *              1 s): fic refreshes the driver, so the next trial starts
 *              from a pristine one (RS, which cannot be refreshed, is
 *              crashed instead: the kernel restarts it in place from its
 *              pristine image, which undoes a mutation).
 *   norecover  the driver failed and was not up again within the window,
 *              or no operation succeeded afterwards.
 *   wrong      the workload saw wrong data (whatever else happened).
 *   error      the trial could not run (injection refused, no workload).
 * With the core services' state set up (`fic LABEL...`, state.c), a trial
 * that survived is `wrong` when a check of that state fails afterwards,
 * or when a core service came back at another endpoint; DETAIL says why
 * ("state:pm:parent-...", "endpoint:5->9").
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "fic.h"

#define TICK_US 10000
#define WINDOW_EXTRA 100     /* ticks added to 3 heartbeat periods */
#define CHECK_TICKS 100      /* ticks fic's own operation may take */
#define UP_TICKS 200         /* a driver not up at the start: wait so long */

static struct wl_client checker;     /* fic's own client, kept open */

/* wait_up: poll LABEL's status every tick until it is up, at most TICKS
 * ticks; 0 and its status in *ST, or -1. */
static int wait_up(const char *label, struct rs_status *st, int ticks)
{
	for (int i = 0; ; i++) {
		if (rs_status_of(label, st) == 0 && st->state == RS_STATE_UP)
			return 0;
		if (i >= ticks)
			return -1;
		usleep(TICK_US);
	}
}

/* check_op: fic's own operation on the driver of W, retried for
 * CHECK_TICKS ticks until it is verified good: after an error a tick
 * later, while the workload keeps the driver busy (the printer takes one
 * job at a time) at once. OP_OK and the TSC at the good answer in *WHEN;
 * else the last OP_* result (OP_WRONG at once: fic itself saw wrong
 * data). */
static int check_op(const struct workload *w, uint64_t *when)
{
	if (checker.w != w) {
		if (checker.w != NULL)
			wl_client_close(&checker);
		wl_client_init(&checker, w);
	}
	clock_t end = uptime() + CHECK_TICKS;
	int r;
	do {
		r = wl_op(&checker);
		if (r == OP_OK)
			*when = clock_tsc();
		if (r == OP_OK || r == OP_WRONG)
			return r;
		if (r == OP_ERROR)
			usleep(TICK_US);
	} while (uptime() < end);
	return r;
}

/* inject: the fault of T. RS's reply code. */
static int inject(const struct trial *t)
{
	if (t->kind == FIC_KIND_PATCH)
		return rs_patch(t->label, t->addr, t->old_bytes, t->new_bytes,
		    t->len);
	return rs_inject(t->label, t->kind);
}

/* watch: after the fault, poll LABEL every tick for WINDOW ticks until it
 * is up with more restarts than BEFORE. 1: so, its status in *NOW; 0:
 * nothing ever changed (latent); -1: it failed and is not up again. */
static int watch(const char *label, const struct rs_status *before,
    int window, struct rs_status *now)
{
	int changed = 0;
	for (int i = 0; i <= window; i++) {
		if (rs_status_of(label, now) == 0) {
			if (now->restarts > before->restarts &&
			    now->state == RS_STATE_UP)
				return 1;
			if (now->state != RS_STATE_UP ||
			    now->restarts != before->restarts)
				changed = 1;
		} else {
			changed = 1;
		}
		usleep(TICK_US);
	}
	return changed ? -1 : 0;
}

/* refresh: LABEL started again from its pristine image: RS_REFRESH, or
 * for RS itself a crash (`fi rs crash`) and a wait of WINDOW ticks until
 * it is up with more restarts than BEFORE. 0 or the error. */
static int refresh(const char *label, const struct rs_status *before,
    int window)
{
	struct rs_status now;
	if (strcmp(label, "rs") != 0)
		return rs_refresh(label);
	int r = rs_inject(label, FI_CRASH);
	if (r != 0)
		return r;
	return watch(label, before, window, &now) == 1 ? 0 : -1;
}

/* settle: the driver failed (RESULT 1) or did nothing (0): check that it
 * answers, refreshing it first when latent. Fills O's outcome. */
static void settle(const struct trial *t, const struct workload *w,
    int result, uint64_t t0, const struct rs_status *before,
    const struct rs_status *now, int window, struct outcome *o)
{
	uint64_t good;
	int r;
	if (result == 0) {
		r = refresh(t->label, before, window);
		if (r != 0) {
			o->name = "norecover";
			snprintf(o->detail, sizeof(o->detail), "refresh=%d", r);
			return;
		}
		r = check_op(w, &good);
		if (r != OP_OK) {
			o->name = r == OP_WRONG ? "wrong" : "norecover";
			snprintf(o->detail, sizeof(o->detail), "latent,%s",
			    r == OP_WRONG ? "wrong-answer" : "no-answer");
			return;
		}
		o->name = "latent";
		snprintf(o->detail, sizeof(o->detail), "refreshed");
		return;
	}
	r = check_op(w, &good);
	if (r != OP_OK) {
		o->name = r == OP_WRONG ? "wrong" : "norecover";
		snprintf(o->detail, sizeof(o->detail), "restarts=%d->%d,%s",
		    (int) before->restarts, (int) now->restarts,
		    r == OP_WRONG ? "wrong-answer" : "no-answer");
		return;
	}
	o->name = "recovered";
	o->recovery_us = clock_us_between(t0, good);
	snprintf(o->detail, sizeof(o->detail), "restarts=%d->%d,%.15s",
	    (int) before->restarts, (int) now->restarts,
	    now->last_reason[0] ? now->last_reason : "-");
}

/* check_state: after a trial that survived: a core service that failed
 * (or inet, pci: `restart stateful`; not e1000: `restart reset`) must be
 * back at its endpoint, and every state set up (state.c) must
 * check; else O becomes `wrong` with the reason. */
static void check_state(const struct trial *t, const struct rs_status *before,
    struct outcome *o)
{
	char why[FIC_WHY_MAX];
	struct rs_status now;
	if (state_active(t->label) && !net_new_endpoint(t->label) &&
	    rs_status_of(t->label, &now) == 0 &&
	    now.endpoint != before->endpoint) {
		o->name = "wrong";
		snprintf(o->detail, sizeof(o->detail), "endpoint:%d->%d",
		    (int) before->endpoint, (int) now.endpoint);
		return;
	}
	if (state_check(why) != 0) {
		o->name = "wrong";
		snprintf(o->detail, sizeof(o->detail), "state:%s", why);
	}
}

/* trial_run: run T (see the top of the file); the result into *O. */
void trial_run(const struct trial *t, struct outcome *o)
{
	memset(o, 0, sizeof(*o));
	o->name = "error";
	o->recovery_us = -1;
	const struct workload *w = workload_find(t->label);
	if (w == NULL) {
		snprintf(o->detail, sizeof(o->detail), "no-workload");
		return;
	}
	struct rs_status before, now;
	if (wait_up(t->label, &before, UP_TICKS) != 0) {
		snprintf(o->detail, sizeof(o->detail), "not-up");
		return;
	}
	int pid, rfd;
	if (wl_start(w, &pid, &rfd) != 0) {
		snprintf(o->detail, sizeof(o->detail), "fork-failed");
		return;
	}
	if (t->delay > 0)
		usleep((useconds_t) t->delay * TICK_US);
	uint64_t t0 = clock_tsc();
	int r = inject(t);
	/* RS's own mutation may break the code that answers the patch
	 * request: RS then fails inside it, and the kernel's restart of RS
	 * answers it -EIO (os/servers/rs/self.c). The fault happened: watch
	 * the recovery as for any other. */
	if (r == -EIO && t->kind == FIC_KIND_PATCH &&
	    strcmp(t->label, "rs") == 0)
		r = 0;
	if (r != 0) {
		snprintf(o->detail, sizeof(o->detail), "inject=%d", r);
	} else {
		int window = 3 * (before.period > 0 ? before.period : 0) +
		    WINDOW_EXTRA;
		int result = watch(t->label, &before, window, &now);
		if (result < 0) {
			o->name = "norecover";
			snprintf(o->detail, sizeof(o->detail),
			    "state=%d,restarts=%d->%d", (int) now.state,
			    (int) before.restarts, (int) now.restarts);
		} else {
			settle(t, w, result, t0, &before, &now, window, o);
		}
	}
	if (wl_stop(pid, rfd, &o->counts) != 0 && o->detail[0] == '\0')
		snprintf(o->detail, sizeof(o->detail), "no-counts");
	if (o->counts.wrong > 0)
		o->name = "wrong";
	else if (strcmp(o->name, "recovered") == 0 ||
	    strcmp(o->name, "latent") == 0)
		check_state(t, &before, o);
}
