/* Publishing labels in the data store: key = label, value = endpoint, so
 * that clients find a service (and notice a reset restart's new
 * endpoint). RS publishes only once DS answered its own init; RS -> DS is
 * a sendrec (DS never sends requests, so this cannot deadlock). RS never
 * blocks on a DS that cannot answer: while DS is not up (failed,
 * restarting, in a live update) or is blocked in anything but a receive
 * from anyone (hung), the label waits and is published when DS is up again
 * (dspub_ready after its init) or at RS's next alarm (dspub_retry). */
#include <stdio.h>
#include <string.h>
#include <abi/ds.h>
#include "rs.h"

static int ds_ready;
static int rs_waits;                 /* "rs" itself waits to be published */

/* ds_answers: whether a sendrec to DS now gets an answer: DS is up, not
 * being updated, and runnable or receiving from anyone. */
static int ds_answers(void)
{
	const struct service *ds = svc_by_ep(DS_EP);
	if (!ds_ready || (ds && (ds->state != RS_STATE_UP ||
	    upd_of(ds) != NULL)))
		return 0;
	struct proc_info info;
	if (sys_getinfo(GET_PROC, DS_EP, &info, sizeof(info)) <= 0)
		return 0;
	if (info.flags == 0)
		return 1;
	return info.flags == PSTATE_RECEIVING && info.blocked_on == ANY;
}

/* Publish LABEL = EP (overwriting). Returns 0, or -EAGAIN when DS cannot
 * answer now (nothing sent), or DS's error. */
static int publish(const char *label, endpoint_t ep)
{
	if (!ds_answers())
		return -EAGAIN;
	char key[DS_KEY_MAX];
	strlcpy(key, label, sizeof(key));
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = DS_PUBLISH;
	m.u.ds_req.key = (vir_bytes) key;
	m.u.ds_req.key_len = sizeof(key);
	m.u.ds_req.type = DS_TYPE_LABEL;
	m.u.ds_req.flags = DSF_OVERWRITE;
	m.u.ds_req.val_u32 = (uint32_t) ep;
	int r = ipc_sendrec(DS_EP, &m);
	if (r == 0)
		r = m.m_type;
	if (r != 0)
		printf("rs: cannot publish label %s in ds (%d)\n", label, r);
	return r;
}

/* dspub_label: publish S's label with its instance's endpoint (later:
 * when DS's first init is done, dspub_ready; when DS cannot answer now,
 * S->dspub_wait). */
void dspub_label(struct service *s)
{
	if (!ds_ready || s->ep == NONE)
		return;
	s->dspub_wait = publish(s->label, s->ep) == -EAGAIN;
}

/* dspub_ready: DS finished its init (at boot, or after a restart or an
 * update): publish "rs" and every service that is up. */
void dspub_ready(void)
{
	ds_ready = 1;
	rs_waits = 1;
	for (int i = 0; i < RS_MAX_SERVICES; i++) {
		struct service *s = &rs_services[i];
		if (s->in_use && s->state == RS_STATE_UP)
			s->dspub_wait = 1;
	}
	dspub_retry();
}

/* dspub_retry: publish what waits for DS, if DS answers now. */
void dspub_retry(void)
{
	if (rs_waits)
		rs_waits = publish("rs", RS_EP) == -EAGAIN;
	for (int i = 0; i < RS_MAX_SERVICES; i++) {
		struct service *s = &rs_services[i];
		if (s->in_use && s->dspub_wait)
			dspub_label(s);
	}
	sef_init_released(timers_now());
}

/* dspub_pending: whether some label waits to be published. */
int dspub_pending(void)
{
	if (rs_waits)
		return 1;
	for (int i = 0; i < RS_MAX_SERVICES; i++)
		if (rs_services[i].in_use && rs_services[i].dspub_wait)
			return 1;
	return 0;
}
