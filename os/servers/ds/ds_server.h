/* The data store server's one header: its tables (entries, subscriptions)
 * and every function, grouped by file. The protocol is abi/ds.h. */
#ifndef DS_SERVER_H
#define DS_SERVER_H

#include <abi/types.h>
#include <abi/boot.h>
#include <abi/errno.h>
#include <abi/message.h>
#include <abi/ds.h>
#include <abi/sef.h>

#define DS_LABEL_MAX SEF_LABEL_MAX   /* owner labels, NUL included */
#define DS_PENDING_WORDS ((DS_MAX_ENTRIES + 31) / 32)

/* What an entry slot holds. A deleted entry stays a tombstone while some
 * subscriber has not yet checked its deletion. */
enum ds_state { DS_FREE, DS_LIVE, DS_DELETED };

/* One entry: a typed value under a key, owned by a label. */
struct ds_entry {
	enum ds_state state;
	int type;                    /* DS_TYPE_* */
	char key[DS_KEY_MAX];
	char owner[DS_LABEL_MAX];
	uint32_t u32;                /* U32 value, LABEL endpoint */
	void *data;                  /* STR (with its NUL) and MEM: malloc'd */
	uint32_t len;                /* bytes at data */
	uint32_t sum;                /* LIVE: entry_sum when it was set */
};

/* One subscription: a pattern, who subscribed, and which entries changed
 * since that subscriber last checked (bit N = entry slot N). */
struct ds_sub {
	int used;
	endpoint_t ep;               /* the subscriber when it subscribed */
	char label[DS_LABEL_MAX];    /* its label, "" when it had none */
	char pattern[DS_KEY_MAX];
	uint32_t pending[DS_PENDING_WORDS];
};

/* ---- main.c ---- */
/* (the receive loop only) */

/* ---- check.c: the kept state (SEF_INIT_KEPT) ---- */
/* entry_sum: the checksum of entry E's key, owner, type and value. */
uint32_t entry_sum(const struct ds_entry *e);
/* ds_state_check: the state check callback (sef.h): every entry and
 * subscription well-formed, live keys unique, every live entry's value
 * matching its checksum, a tombstone only while a subscriber waits for
 * it, marks only on used slots. 0, or -EINVAL with one line in WHY. */
int ds_state_check(char *why, size_t len);
/* ds_state_corrupt: the corrupt hook (sef.h, `service fi ds corrupt`):
 * one bit of the first live entry's value flipped (its first byte, or
 * its number), its checksum not sealed again, so ds_state_check refuses
 * the state; a second call flips it back. 0, or -ENOENT when no entry
 * lives. WHAT (LEN bytes) says which entry. */
int ds_state_corrupt(char *what, size_t len);

/* ---- table.c ---- */
/* ds_dispatch: run M's handler; returns the reply code (its out fields
 * in M). An unknown request gets -ENOSYS. */
int ds_dispatch(message *m);

/* ---- store.c: the entries ---- */
/* store_find: the live entry KEY (any type), or NULL. */
struct ds_entry *store_find(const char *key);
/* store_slot: an entry slot for KEY: its tombstone if there is one, else
 * a free slot (cleared); NULL when the table is full. The caller makes it
 * live. */
struct ds_entry *store_slot(const char *key);
/* store_set: give E (live, its key and owner set) TYPE and value U32 /
 * DATA of LEN bytes (DATA malloc'd, owned by E from now; the previous
 * data is freed), and seal it (its checksum). */
void store_set(struct ds_entry *e, int type, uint32_t u32, void *data,
    uint32_t len);
/* store_remove: delete E: a tombstone while a subscriber still has to
 * hear of it, else a free slot. */
void store_remove(struct ds_entry *e);
/* store_collect: free E if it is a tombstone no subscriber waits for. */
void store_collect(struct ds_entry *e);
/* store_index: E's slot number; store_at: the entry in slot I. */
int store_index(const struct ds_entry *e);
struct ds_entry *store_at(int i);
/* store_reset: empty the store (host tests). */
void store_reset(void);

/* ---- keys.c: copying keys and values from callers ---- */
/* key_copy: the key at ADDR (KEY_LEN bytes readable) of EP into BUF
 * (DS_KEY_MAX). 0, -EINVAL (empty, too long, no NUL), -EFAULT. */
int key_copy(endpoint_t ep, vir_bytes addr, uint32_t key_len, char *buf);

/* ---- labels.c: who is who ---- */
/* label_of: the label of the process EP: the key of the LABEL entry
 * whose value is EP, else the module name of the boot service EP (RS is
 * "rs"); NULL when EP has none. */
const char *label_of(endpoint_t ep);
/* label_endpoint: the endpoint of the running service LABEL (its LABEL
 * entry, else the boot service of that name), or NONE. */
endpoint_t label_endpoint(const char *label);

/* ---- pattern.c ---- */
/* pattern_match: whether KEY matches PATTERN ('*' matches any run of
 * characters, the empty one included; everything else itself). */
int pattern_match(const char *pattern, const char *key);

/* ---- subs.c: subscriptions ---- */
/* subs_add: subscribe EP (label LABEL or NULL) to PATTERN; INITIAL marks
 * the live entries that match as changed. 0 or -ENOSPC. */
int subs_add(endpoint_t ep, const char *label, const char *pattern,
    int initial);
/* subs_changed: entry E changed (published, overwritten or deleted):
 * mark it for every subscription whose pattern matches and notify those
 * subscribers. */
void subs_changed(struct ds_entry *e);
/* subs_waiting: whether some subscription still has E marked. */
int subs_waiting(const struct ds_entry *e);
/* subs_peek: the next entry marked for the subscriber EP (label LABEL or
 * NULL), or NULL when none. */
struct ds_entry *subs_peek(endpoint_t ep, const char *label);
/* subs_clear: unmark E for every subscription of that subscriber. */
void subs_clear(endpoint_t ep, const char *label,
    const struct ds_entry *e);
/* subs_at: subscription K (0 .. DS_MAX_SUBS - 1), for the state check. */
struct ds_sub *subs_at(int k);
/* subs_reset: drop every subscription (host tests). */
void subs_reset(void);

/* ---- handlers ---- */
int do_publish(message *m);
int do_retrieve(message *m);
int do_delete(message *m);
int do_subscribe(message *m);
int do_check(message *m);

#endif
