/* The kept state's check: before a DS that restarted in place (or took
 * the previous version's memory in a live update, SEF_INIT_KEPT) serves
 * again, every entry and subscription is checked against the rules the
 * handlers keep, and every live entry against its checksum (sealed each
 * time its value changes). A state that fails is never used: SEF reports
 * it and the init fails. */
#include <stdio.h>
#include <string.h>
#include "ds_server.h"

#define FNV_PRIME 0x01000193u
#define FNV_BASIS 0x811c9dc5u

/* mix: N bytes at P into hash H (FNV-1a). */
static uint32_t mix(uint32_t h, const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * FNV_PRIME;
	return h;
}

/* bounded_len: the length of S, at most MAX (strnlen, which the host
 * tests' -std=c11 does not declare). */
static size_t bounded_len(const char *s, size_t max)
{
	const char *nul = memchr(s, '\0', max);
	return nul ? (size_t) (nul - s) : max;
}

/* entry_sum: see ds_server.h. Covers the key, the owner, the type and
 * the value (the u32 and the bytes at data). */
uint32_t entry_sum(const struct ds_entry *e)
{
	uint32_t h = FNV_BASIS;
	h = mix(h, e->key, bounded_len(e->key, DS_KEY_MAX));
	h = mix(h, e->owner, bounded_len(e->owner, DS_LABEL_MAX));
	h = mix(h, &e->type, sizeof(e->type));
	h = mix(h, &e->u32, sizeof(e->u32));
	h = mix(h, &e->len, sizeof(e->len));
	if (e->data)
		h = mix(h, e->data, e->len);
	return h;
}

/* terminated: whether S has a NUL within N bytes and is not empty. */
static int terminated(const char *s, size_t n)
{
	return s[0] != '\0' && memchr(s, '\0', n) != NULL;
}

/* value_ok: whether live entry E's value fits its type. */
static int value_ok(const struct ds_entry *e)
{
	switch (e->type) {
	case DS_TYPE_U32:
		return !e->data && !e->len;
	case DS_TYPE_LABEL:
		return !e->data && !e->len && !strcmp(e->owner, "rs") &&
		    (endpoint_t) e->u32 != NONE && (endpoint_t) e->u32 != ANY;
	case DS_TYPE_STR:
		return e->data && e->len > 0 && e->len <= DS_STR_MAX;
	case DS_TYPE_MEM:
		return e->len <= DS_MEM_MAX && (!e->data) == (e->len == 0);
	default:
		return 0;
	}
}

/* check_entry: entry I against the rules; 0, or -EINVAL with WHY. */
static int check_entry(int i, char *why, size_t len)
{
	const struct ds_entry *e = store_at(i);
	switch (e->state) {
	case DS_FREE:
		return 0;               /* nothing in it is read (store_slot
		                         * clears it before use) */
	case DS_DELETED:
		if (!terminated(e->key, DS_KEY_MAX) || e->data ||
		    !subs_waiting(e))
			goto bad;
		return 0;
	case DS_LIVE:
		break;
	default:
		goto bad;
	}
	if (!terminated(e->key, DS_KEY_MAX) ||
	    !terminated(e->owner, DS_LABEL_MAX) || !value_ok(e))
		goto bad;
	if (e->type == DS_TYPE_STR &&
	    bounded_len(e->data, e->len) != e->len - 1)
		goto bad;
	if (entry_sum(e) != e->sum) {
		snprintf(why, len, "entry %d (%s): checksum", i, e->key);
		return -EINVAL;
	}
	for (int k = 0; k < i; k++) {
		const struct ds_entry *o = store_at(k);
		if (o->state == DS_LIVE && !strcmp(o->key, e->key)) {
			snprintf(why, len, "key %s twice (entries %d, %d)",
			    e->key, k, i);
			return -EINVAL;
		}
	}
	return 0;
bad:
	snprintf(why, len, "entry %d: state %d type %d is not well-formed", i,
	    (int) e->state, e->type);
	return -EINVAL;
}

/* check_sub: subscription K against the rules; 0, or -EINVAL with WHY. */
static int check_sub(int k, char *why, size_t len)
{
	const struct ds_sub *s = subs_at(k);
	if (s->used == 0)
		return 0;
	if (s->used != 1 || !terminated(s->pattern, DS_KEY_MAX) ||
	    !memchr(s->label, '\0', DS_LABEL_MAX)) {
		snprintf(why, len, "subscription %d is not well-formed", k);
		return -EINVAL;
	}
	for (int i = 0; i < DS_MAX_ENTRIES; i++) {
		if (!((s->pending[i / 32] >> (i % 32)) & 1))
			continue;
		if (store_at(i)->state == DS_FREE) {
			snprintf(why, len, "subscription %d (%s) marks free "
			    "entry %d", k, s->pattern, i);
			return -EINVAL;
		}
	}
	return 0;
}

/* ds_state_check: see ds_server.h. */
int ds_state_check(char *why, size_t len)
{
	int r;
	for (int i = 0; i < DS_MAX_ENTRIES; i++)
		if ((r = check_entry(i, why, len)) != 0)
			return r;
	for (int k = 0; k < DS_MAX_SUBS; k++)
		if ((r = check_sub(k, why, len)) != 0)
			return r;
	return 0;
}

/* ds_state_corrupt: see ds_server.h. */
int ds_state_corrupt(char *what, size_t len)
{
	for (int i = 0; i < DS_MAX_ENTRIES; i++) {
		struct ds_entry *e = store_at(i);
		if (e->state != DS_LIVE)
			continue;
		if (e->data && e->len)  /* the checksum covers both: not sealed */
			((uint8_t *) e->data)[0] ^= 1;
		else
			e->u32 ^= 1;
		snprintf(what, len, "entry %d (%s): a bit of its value flipped",
		    i, e->key);
		return 0;
	}
	snprintf(what, len, "no live entry");
	return -ENOENT;
}
