/* Subscriptions: up to DS_MAX_SUBS (pattern, subscriber) pairs, each with
 * a mark per entry slot that changed since the subscriber last checked.
 * A subscriber is known by its label when it has one (so it keeps its
 * subscriptions across a restart with a new endpoint), else by endpoint. */
#include <string.h>
#include "syslib.h"
#include "ds_server.h"

static struct ds_sub subs[DS_MAX_SUBS];

static void mark(struct ds_sub *s, int i)
{
	s->pending[i / 32] |= 1u << (i % 32);
}

static void unmark(struct ds_sub *s, int i)
{
	s->pending[i / 32] &= ~(1u << (i % 32));
}

static int marked(const struct ds_sub *s, int i)
{
	return (s->pending[i / 32] >> (i % 32)) & 1;
}

/* sub_target: where S's notifications go now: its label's current
 * endpoint, else the endpoint it subscribed from. */
static endpoint_t sub_target(const struct ds_sub *s)
{
	if (s->label[0]) {
		endpoint_t ep = label_endpoint(s->label);
		if (ep != NONE)
			return ep;
	}
	return s->ep;
}

/* sub_owned: whether S belongs to the caller EP with label LABEL. */
static int sub_owned(const struct ds_sub *s, endpoint_t ep,
    const char *label)
{
	if (!s->used)
		return 0;
	if (label && s->label[0])
		return !strcmp(s->label, label);
	return s->ep == ep;
}

/* sub_drop: forget S and the tombstones only it kept. */
static void sub_drop(struct ds_sub *s)
{
	s->used = 0;
	for (int i = 0; i < DS_MAX_ENTRIES; i++)
		if (marked(s, i)) {
			unmark(s, i);
			store_collect(store_at(i));
		}
}

/* subs_add: see ds_server.h. Subscribing twice to the same pattern keeps
 * one subscription. */
int subs_add(endpoint_t ep, const char *label, const char *pattern,
    int initial)
{
	struct ds_sub *s = NULL;
	for (int i = 0; i < DS_MAX_SUBS && !s; i++)
		if (sub_owned(&subs[i], ep, label) &&
		    !strcmp(subs[i].pattern, pattern))
			s = &subs[i];
	for (int i = 0; i < DS_MAX_SUBS && !s; i++)
		if (!subs[i].used) {
			s = &subs[i];
			memset(s, 0, sizeof(*s));
			s->used = 1;
			strlcpy(s->pattern, pattern, sizeof(s->pattern));
		}
	if (!s)
		return -ENOSPC;
	s->ep = ep;
	strlcpy(s->label, label ? label : "", sizeof(s->label));
	if (!initial)
		return 0;
	int any = 0;
	for (int i = 0; i < DS_MAX_ENTRIES; i++) {
		struct ds_entry *e = store_at(i);
		if (e->state == DS_LIVE && pattern_match(pattern, e->key)) {
			mark(s, i);
			any = 1;
		}
	}
	if (any)
		ipc_notify(sub_target(s));
	return 0;
}

/* subs_changed: see ds_server.h. A subscriber that no longer exists
 * (the notification finds no process) loses its subscription. */
void subs_changed(struct ds_entry *e)
{
	int i = store_index(e);
	for (int k = 0; k < DS_MAX_SUBS; k++) {
		struct ds_sub *s = &subs[k];
		if (!s->used || !pattern_match(s->pattern, e->key))
			continue;
		mark(s, i);
		if (ipc_notify(sub_target(s)) == -EDEADSRCDST && !s->label[0])
			sub_drop(s);
	}
}

/* subs_waiting: see ds_server.h. */
int subs_waiting(const struct ds_entry *e)
{
	int i = store_index(e);
	for (int k = 0; k < DS_MAX_SUBS; k++)
		if (subs[k].used && marked(&subs[k], i))
			return 1;
	return 0;
}

/* subs_peek: see ds_server.h. Lowest slot first. */
struct ds_entry *subs_peek(endpoint_t ep, const char *label)
{
	for (int i = 0; i < DS_MAX_ENTRIES; i++)
		for (int k = 0; k < DS_MAX_SUBS; k++)
			if (sub_owned(&subs[k], ep, label) && marked(&subs[k], i))
				return store_at(i);
	return NULL;
}

/* subs_clear: see ds_server.h. */
void subs_clear(endpoint_t ep, const char *label,
    const struct ds_entry *e)
{
	int i = store_index(e);
	for (int k = 0; k < DS_MAX_SUBS; k++)
		if (sub_owned(&subs[k], ep, label))
			unmark(&subs[k], i);
}

/* subs_at: see ds_server.h. */
struct ds_sub *subs_at(int k)
{
	return &subs[k];
}

/* subs_reset: see ds_server.h. */
void subs_reset(void)
{
	memset(subs, 0, sizeof(subs));
}
