/* Publishing labels in the data store: key = label, value = endpoint, so
 * that clients find a service (and notice a reset restart's new
 * endpoint). RS publishes only once DS answered its own init; RS -> DS is
 * a sendrec (DS never sends requests, so this cannot deadlock). */
#include <stdio.h>
#include <string.h>
#include <abi/ds.h>
#include "rs.h"

static int ds_ready;

/* Publish LABEL = EP (overwriting). */
static void publish(const char *label, endpoint_t ep)
{
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
}

/* dspub_label: publish S's label with its instance's endpoint (later,
 * when DS is not up yet). */
void dspub_label(struct service *s)
{
	if (ds_ready && s->ep != NONE)
		publish(s->label, s->ep);
}

/* dspub_ready: DS finished its init: publish "rs" and every service that
 * is up. */
void dspub_ready(void)
{
	ds_ready = 1;
	publish("rs", RS_EP);
	for (int i = 0; i < RS_MAX_SERVICES; i++) {
		struct service *s = &rs_services[i];
		if (s->in_use && s->state == RS_STATE_UP)
			dspub_label(s);
	}
}
