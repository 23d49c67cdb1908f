/* The service table: one record per service RS manages. */
#include <stdlib.h>
#include <string.h>
#include <abi/devices.h>
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
	return upd_of(s) != NULL ||
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

/* The device major boot service S serves (abi/devices.h: VFS binds it
 * from DEVICE_LIST, not through -dev), or -1. */
static int boot_major(const struct service *s)
{
	static const struct { const char *label; endpoint_t ep; } boot[] = {
#define BOOT_LABEL(id, str, slot) { str, BOOT_EP(slot) },
		BOOT_SERVICE_LIST(BOOT_LABEL)
#undef BOOT_LABEL
	};
	static const struct { int major; endpoint_t ep; } devs[] = {
#define DEV_ENTRY(name, major, ep) { major, ep },
		DEVICE_LIST(DEV_ENTRY)
#undef DEV_ENTRY
	};
	if (!s->boot)
		return -1;
	for (size_t i = 0; i < sizeof(boot) / sizeof(boot[0]); i++) {
		if (strcmp(boot[i].label, s->label) != 0)
			continue;
		for (size_t k = 0; k < sizeof(devs) / sizeof(devs[0]); k++)
			if (devs[k].ep == boot[i].ep)
				return devs[k].major;
	}
	return -1;
}

/* svc_major: the device major S holds: its -dev's, or a boot driver's
 * from DEVICE_LIST; -1 for none. */
int svc_major(const struct service *s)
{
	return s->dev_major >= 0 ? s->dev_major : boot_major(s);
}

/* svc_dev_holder: the service (in the table, whatever its state) bound
 * to device file DEV ("" = none) or device major MAJOR (-1 = none), or
 * NULL. */
struct service *svc_dev_holder(const char *dev, int major)
{
	for (int i = 0; i < RS_MAX_SERVICES; i++) {
		struct service *s = &rs_services[i];
		if (!s->in_use)
			continue;
		if ((dev[0] && strcmp(s->dev, dev) == 0) ||
		    (major >= 0 && svc_major(s) == major))
			return s;
	}
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
