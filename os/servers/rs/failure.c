/* What RS does when a service fails: restart it (at once or after a
 * backoff), run its recovery script, or, for a core server, halt the
 * system. One console line says what happened and what RS does. */
#include <stdio.h>
#include <string.h>
#include "rs.h"

/* release_dead: a reset restart gives S a new endpoint, so nothing waits
 * for its dead instance: free its slot now rather than when the restart
 * comes. A process in sendrec to it (inet to a network driver) then gets
 * -EDEADSRCDST at once instead of blocking through a backoff or a
 * recovery script (and missing its own heartbeats), and the PCI server
 * releases its device (bus mastering off: no DMA into freed memory). A
 * stateful restart keeps the slot: its new instance takes it over with
 * the requests queued there. */
static void release_dead(struct service *s)
{
	if (s->policy != RS_RESTART_STATEFUL &&
	    s->policy != RS_RESTART_INPLACE)
		instance_remove(s->ep);
}

/* failure_handle: S's instance failed (WHAT, e.g. "exception (signal
 * 4)"; REASON for a script). Its dead instance stays in its slot until
 * the restart takes it over (stateful, in place); a reset restart frees the slot
 * before it waits (backoff, script) or when it starts the new one. */
void failure_handle(struct service *s, const char *reason, const char *what)
{
	strlcpy(s->last_reason, reason, sizeof(s->last_reason));
	s->events = 0;
	printf(RS_FAILED_FMT "%s", s->label, s->ep, what);
	if (s->policy == RS_RESTART_NEVER) {
		printf("; a core service: system halted\n");
		sys_shutdown(SHUTDOWN_PANIC);
		svc_set_state(s, RS_STATE_DEAD);
		return;
	}
	if (rs_shutting_down) {
		printf("; not restarted (shutdown)\n");
		svc_set_state(s, RS_STATE_DEAD);
		svc_answer_caller(s, -EINTR);
		return;
	}
	uint32_t now = timers_now();
	uint32_t delay = backoff_delay(s, now);
	if (s->script[0]) {
		printf("; running %s\n", s->script);
		release_dead(s);
		svc_set_state(s, RS_STATE_SCRIPT);
		script_queue(s, reason);
		return;
	}
	if (delay == 0) {
		printf("; restarting\n");
		restart_now(s, 1);
		return;
	}
	printf("; restarting in %u ms\n", (unsigned) (delay * 1000 / rs_hz));
	release_dead(s);
	svc_set_state(s, RS_STATE_BACKOFF);
	s->restart_at = now + delay;
}

/* failure_of_init: S's init failed with R. A first start is brought down
 * (the `service up` waiting gets R); a restart counts as a failure. */
void failure_of_init(struct service *s, int r)
{
	if (s->init_type == SEF_INIT_FRESH) {
		printf("rs: %s failed its init (%d); brought down\n", s->label, r);
		instance_remove(s->ep);
		s->ep = NONE;
		svc_answer_caller(s, r);
		if (s->boot)
			svc_set_state(s, RS_STATE_DEAD);
		else
			svc_free(s);
		return;
	}
	if (s->init_flags & SEF_INIT_KEPT)
		s->kept_failed = 1;     /* the kept state is not trusted */
	sys_kill(s->ep, SIGKILL);
	char what[32];
	snprintf(what, sizeof(what), "init error %d", r);
	failure_handle(s, RS_REASON_RESTART, what);
}
