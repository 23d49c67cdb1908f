/* Restarting a service: in place (the dead instance's program starts again
 * in its own memory, its state kept), stateful (the new program takes over
 * the dead instance's slot and endpoint) or reset (the dead instance is
 * removed, the new one gets a new endpoint, republished in DS on its
 * init). */
#include <stdio.h>
#include "rs.h"

/* restart_now: start S again; COUNT (0 or 1) adds to its restart count.
 * The new instance initialises with SEF_INIT_RESTART; RS_SEF_INIT_DONE
 * ends the restart. In place (SEF_INIT_STATEFUL | SEF_INIT_KEPT) unless
 * the last start in kept memory failed its init, or the keep-state exec
 * fails: then stateful (a fresh program at the same endpoint). On a start
 * error S is dead. */
void restart_now(struct service *s, int count)
{
	s->restarts += count;
	s->init_type = SEF_INIT_RESTART;
	s->init_flags = 0;
	s->old_ep = s->ep;
	s->prep_state = 0;
	s->events = 0;
	svc_set_state(s, RS_STATE_RESTARTING);
	int r = -ENOENT;
	if (s->ep != NONE && s->policy == RS_RESTART_INPLACE &&
	    !s->kept_failed) {
		s->init_flags = SEF_INIT_STATEFUL | SEF_INIT_KEPT;
		r = instance_inplace(s);
		if (r != 0)
			printf("rs: %s: cannot restart in place (%d); starting "
			    "afresh\n", s->label, r);
	}
	if (r == 0) {
		/* in place */
	} else if (s->ep != NONE && (s->policy == RS_RESTART_STATEFUL ||
	    s->policy == RS_RESTART_INPLACE)) {
		s->init_flags = SEF_INIT_STATEFUL;
		r = instance_takeover(s, s->ep);
		if (r != 0)
			s->ep = NONE;
	} else {
		instance_remove(s->ep);
		s->ep = NONE;
		endpoint_t ep = NONE;
		r = instance_new(s, &ep);
		s->ep = ep;
	}
	if (r != 0) {
		printf("rs: %s: restart failed (%d)\n", s->label, r);
		svc_set_state(s, RS_STATE_DEAD);
		svc_answer_caller(s, r);
	}
}
