/* RS_STATUS: the state of every service (or of one label), as struct
 * rs_status records into the caller's buffer; RS itself first (label
 * "rs": a boot service the kernel restarts in place, `restart inplace`;
 * core for down, refresh and restart). */
#include <string.h>
#include "rs.h"

static struct rs_status out[RS_STATUS_MAX];

/* Fill *O from S. */
static void fill(struct rs_status *o, const struct service *s)
{
	memset(o, 0, sizeof(*o));
	strlcpy(o->label, s->label, sizeof(o->label));
	o->endpoint = s->ep;
	o->restarts = s->restarts;
	o->state = s->state;
	o->period = s->period;
	o->restart = s->policy;
	o->dev_major = svc_major(s);
	o->flags = s->flags | (rs_shutting_down ? RS_STATUS_SHUTDOWN : 0);
	o->boot = (uint32_t) s->boot;
	o->core = s->manifest.core;
	strlcpy(o->binary, s->binary, sizeof(o->binary));
	strlcpy(o->dev, s->dev, sizeof(o->dev));
	strlcpy(o->script, s->script, sizeof(o->script));
	strlcpy(o->last_reason, s->last_reason, sizeof(o->last_reason));
	o->lu_downtime_tsc = s->lu_downtime;
	o->sef_caps = s->sef_caps;
}

/* Fill *O with RS's own record: it is not in the table. */
static void fill_self(struct rs_status *o)
{
	memset(o, 0, sizeof(*o));
	strlcpy(o->label, RS_SELF_LABEL, sizeof(o->label));
	o->endpoint = RS_EP;
	o->state = rs_self.upd_phase != SELF_UPD_NONE ? RS_STATE_UPDATING :
	    RS_STATE_UP;
	o->restart = RS_RESTART_INPLACE;
	o->restarts = rs_self.restarts;
	o->dev_major = -1;
	o->boot = 1;
	o->core = RS_SELF_CORE;
	o->flags = rs_shutting_down ? RS_STATUS_SHUTDOWN : 0;
	strlcpy(o->binary, rs_self.binary, sizeof(o->binary));
	strlcpy(o->last_reason, rs_self.last_reason, sizeof(o->last_reason));
	o->lu_downtime_tsc = rs_self.lu_downtime;
}

/* do_status: rs_req.label ("" = all), rs_req.addr/len: the buffer.
 * Returns the number of matching services (as many as fit are copied),
 * -ENOENT for an unknown label, or a copy error. */
int do_status(message *m)
{
	char label[RS_LABEL_MAX];
	memcpy(label, m->u.rs_req.label, sizeof(label));
	label[sizeof(label) - 1] = '\0';
	int n = 0;
	if (!label[0] || core_is_self(label))
		fill_self(&out[n++]);
	for (int i = 0; i < RS_MAX_SERVICES; i++) {
		const struct service *s = &rs_services[i];
		if (s->in_use && (!label[0] || strcmp(label, s->label) == 0))
			fill(&out[n++], s);
	}
	if (label[0] && n == 0)
		return -ENOENT;
	uint32_t fit = m->u.rs_req.len / sizeof(out[0]);
	uint32_t k = (uint32_t) n < fit ? (uint32_t) n : fit;
	if (k) {
		int r = sys_vircopy(SELF, (vir_bytes) out, m->m_source,
		    m->u.rs_req.addr, k * sizeof(out[0]));
		if (r != 0)
			return r;
	}
	return n;
}
