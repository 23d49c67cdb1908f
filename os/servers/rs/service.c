/* The service table: one record per service RS manages. */
#include <stdlib.h>
#include <string.h>
#include "rs.h"

struct service rs_services[RS_MAX_SERVICES];

/* svc_alloc: a free record labelled LABEL, zeroed, with no instance, or
 * NULL when the table is full. */
struct service *svc_alloc(const char *label)
{
	for (int i = 0; i < RS_MAX_SERVICES; i++) {
		struct service *s = &rs_services[i];
		if (s->in_use)
			continue;
		memset(s, 0, sizeof(*s));
		s->in_use = 1;
		strlcpy(s->label, label, sizeof(s->label));
		s->ep = s->old_ep = s->caller = NONE;
		s->dev_major = -1;
		s->module = -1;
		return s;
	}
	return NULL;
}

/* svc_free: forget S (its program image too). */
void svc_free(struct service *s)
{
	if (s->image && !s->boot)
		free(s->image);
	s->image = NULL;
	s->in_use = 0;
}

/* svc_by_label: the service LABEL, or NULL. */
struct service *svc_by_label(const char *label)
{
	for (int i = 0; i < RS_MAX_SERVICES; i++)
		if (rs_services[i].in_use &&
		    strcmp(rs_services[i].label, label) == 0)
			return &rs_services[i];
	return NULL;
}

/* svc_busy: whether S is in the middle of something a request must not
 * interrupt: a live update, a stop, or another request's pending reply. */
int svc_busy(const struct service *s)
{
	return (rs_upd.phase != UPD_NONE && rs_upd.svc == s) ||
	    s->state == RS_STATE_DOWN || s->caller != NONE;
}

/* svc_by_ep: the service whose instance is EP, or NULL. */
struct service *svc_by_ep(endpoint_t ep)
{
	if (ep == NONE)
		return NULL;
	for (int i = 0; i < RS_MAX_SERVICES; i++)
		if (rs_services[i].in_use && rs_services[i].ep == ep)
			return &rs_services[i];
	return NULL;
}

/* svc_set_state: S is now in STATE (RS_STATE_*); its timers that belong
 * to the old state stop. */
void svc_set_state(struct service *s, int state)
{
	s->state = state;
	s->hb_at = 0;
	s->restart_at = 0;
	if (state != RS_STATE_DOWN)
		s->deadline = 0;
}

/* svc_answer_caller: the `service` command waiting for S (if any) gets
 * reply code R. */
void svc_answer_caller(struct service *s, int r)
{
	if (s->caller == NONE)
		return;
	message m;
	memset(&m, 0, sizeof(m));
	rs_reply(s->caller, r, &m);
	s->caller = NONE;
}
