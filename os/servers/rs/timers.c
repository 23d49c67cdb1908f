/* RS's time: one SYS_SETALARM multiplexed over every deadline
 * (heartbeats, backoff restarts, `service down` grace, live-update
 * maxtime, labels waiting for DS). */
#include <stdio.h>
#include "rs.h"

static uint32_t alarm_at;            /* the alarm set now, 0 = none */
static uint32_t dspub_at;            /* next try of labels waiting for DS */

/* timers_now: the uptime in ticks. */
uint32_t timers_now(void)
{
	struct mess_kc_times t;
	return sys_times(SELF, &t) == 0 ? t.uptime : 0;
}

/* heartbeat_start: S (now up) gets heartbeats from now on, if it has a
 * period. */
void heartbeat_start(struct service *s)
{
	uint32_t now = timers_now();
	s->up_since = now;
	s->last_poll = now;
	s->hb_at = s->period > 0 ? now + (uint32_t) s->period : 0;
}

/* Keep the earliest deadline of *EARLIEST and T (0 = none). */
static void earliest(uint32_t *e, uint32_t t)
{
	if (t && (!*e || t < *e))
		*e = t;
}

/* timers_update: set the alarm for the earliest deadline. */
void timers_update(void)
{
	uint32_t e = 0;
	for (int i = 0; i < RS_MAX_SERVICES; i++) {
		struct service *s = &rs_services[i];
		if (!s->in_use)
			continue;
		earliest(&e, s->hb_at);
		earliest(&e, s->restart_at);
		earliest(&e, s->deadline);
	}
	earliest(&e, self_deadline());
	if (!dspub_pending())
		dspub_at = 0;
	else if (!dspub_at)             /* try DS again in 100 ms */
		dspub_at = timers_now() + rs_hz / 10;
	earliest(&e, dspub_at);
	if (e == alarm_at)
		return;
	alarm_at = e;
	uint32_t now = timers_now();
	sys_setalarm(e ? (e > now ? e - now : 1) : 0, 0, NULL);
}

/* heartbeats_restart: every service that is up starts its heartbeat
 * over from now, as if it had just answered. For when RS itself heard
 * nobody for a while (restarted in place, or its new version hung in its
 * init until the kernel's watchdog: 3 s, more than two 2 s periods): the
 * silence was RS's, and the services' answers were lost with it or are
 * still queued; blaming them would restart every core service. A service
 * that really hangs is caught two periods later. */
static void heartbeats_restart(void)
{
	uint32_t now = timers_now();
	for (int i = 0; i < RS_MAX_SERVICES; i++) {
		struct service *s = &rs_services[i];
		if (!s->in_use || s->state != RS_STATE_UP || s->period <= 0)
			continue;
		s->last_poll = now;
		s->hb_at = now + (uint32_t) s->period;
	}
}

/* timers_rearm: after RS was restarted in place, or its old program
 * resumed, or its new version took over: set the alarm again whatever RS
 * believes is set (the kernel's alarm may not be the one RS's memory
 * remembers), and start every heartbeat over (heartbeats_restart). */
void timers_rearm(void)
{
	heartbeats_restart();
	alarm_at = 0xffffffffu;
	timers_update();
}

/* waits_on_other: is S blocked in IPC on another service RS manages?
 * Then S cannot answer its heartbeat until that one answers S, and S is
 * not blamed for its silence: the one it waits on is judged by its own
 * heartbeat (or, blocked on a third, that one ...), and RS ends the one
 * at the end of the wait chain if it is silent. inet in a sendrec to a
 * hung network driver, pm (2 s period) in a sendrec to a hung vfs, vfs
 * waiting on a file server stuck on a hung disk driver, and vfs waiting
 * for a slow but live disk (ata allows a drive 5 s) are all kept, with
 * their requests in flight. The kernel refuses IPC cycles. */
static int waits_on_other(const struct service *s)
{
	struct proc_info info;
	if (sys_getinfo(GET_PROC, s->ep, &info, sizeof(info)) <= 0 ||
	    !(info.flags & (PSTATE_SENDING | PSTATE_RECEIVING)) ||
	    info.blocked_on == NONE || info.blocked_on == ANY)
		return 0;
	const struct service *t = svc_by_ep(info.blocked_on);
	return t != NULL && t != s;
}

/* The heartbeat of S at NOW: a missed answer (two periods without a poll)
 * is a failure, unless S waits on another service (waits_on_other: it
 * is asked again a period later); else notify it when due. The failure
 * line says how long S has been silent: since its last poll, which is
 * also when it was told about an injected fault. */
static void heartbeat(struct service *s, uint32_t now)
{
	if (now - s->last_poll >= 2 * (uint32_t) s->period &&
	    waits_on_other(s)) {
		s->hb_at = now + (uint32_t) s->period;
		return;
	}
	if (now - s->last_poll >= 2 * (uint32_t) s->period) {
		char what[48];
		snprintf(what, sizeof(what), "no heartbeat for %u ticks",
		    (unsigned) (now - s->last_poll));
		sys_kill(s->ep, SIGKILL);
		failure_handle(s, RS_REASON_HEARTBEAT, what);
		return;
	}
	if (now >= s->hb_at) {
		ipc_notify(s->ep);
		s->hb_at = now + (uint32_t) s->period;
	}
	uint32_t miss = s->last_poll + 2 * (uint32_t) s->period;
	if (miss < s->hb_at)
		s->hb_at = miss;
}

/* timers_expired: the alarm rang: act on every deadline that passed. */
void timers_expired(void)
{
	uint32_t now = timers_now();
	alarm_at = 0;
	if (dspub_at && now >= dspub_at) {
		dspub_at = 0;
		dspub_retry();
	}
	upd_expired(now);
	self_timers(now);
	for (int i = 0; i < RS_MAX_SERVICES; i++) {
		struct service *s = &rs_services[i];
		if (!s->in_use)
			continue;
		if (s->state == RS_STATE_BACKOFF && s->restart_at &&
		    now >= s->restart_at) {
			restart_now(s, 1);
		} else if (s->state == RS_STATE_UP && s->period > 0 &&
		    s->hb_at && now >= s->hb_at) {
			heartbeat(s, now);
		} else if (s->state == RS_STATE_DOWN && s->deadline &&
		    now >= s->deadline) {
			instance_remove(s->ep);
			printf("rs: %s killed (did not stop in time)\n", s->label);
			svc_answer_caller(s, 0);
			svc_free(s);
		}
	}
}
