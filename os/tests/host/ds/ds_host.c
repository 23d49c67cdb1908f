/* Host test of the data store server's handlers (os/servers/ds, all but
 * main.c and the SEF shim): built with the host gcc (-m32) with fake
 * kernel calls, run by os/tests/test_ds_host.py. Callers are played by
 * setting m_source; notifications are recorded. Its cases run on the test
 * kit (os/tests/kit) in process: "test NAME: OK|FAILED", then the summary. */
/* The kit first, and the host error numbers (its <errno.h>) that differ
 * from Phoenix's undefined: the server returns Phoenix's
 * (os/include/abi/errno.h, through syslib.h). A new difference stops the
 * build ("redefined"). */
#include "../kit_errno.h"
#include <stdio.h>
#include <string.h>
#include "syslib.h"
#include "ds_server.h"
#include "../fake_kernel.h"

/* ---- fake IPC: notifications are counted per endpoint ---------------- */

#define NR_NOTES 8
static struct { endpoint_t ep; int count; } notes[NR_NOTES];
static endpoint_t dead_ep = NONE;   /* notify to it: -EDEADSRCDST */

int ipc_notify(endpoint_t ep)
{
	if (ep == dead_ep)
		return -EDEADSRCDST;
	for (int i = 0; i < NR_NOTES; i++)
		if (notes[i].ep == ep || notes[i].count == 0) {
			notes[i].ep = ep;
			notes[i].count++;
			return 0;
		}
	return 0;
}

/* notified: how many notifications EP got since the last call. */
static int notified(endpoint_t ep)
{
	for (int i = 0; i < NR_NOTES; i++)
		if (notes[i].ep == ep && notes[i].count) {
			int n = notes[i].count;
			notes[i].count = 0;
			notes[i].ep = 0;
			return n;
		}
	return 0;
}

/* ---- requests ------------------------------------------------------------ */

#define HELLO_EP   ep_make(12, 3)
#define HELLO2_EP  ep_make(12, 4)     /* hello after a reset restart */
#define OTHER_EP   ep_make(13, 1)
#define NOLABEL_EP ep_make(20, 1)

static int last_type;
static endpoint_t last_owner;
static uint32_t last_u32, last_len;

static int req(endpoint_t who, int type, const char *key, int dtype,
    uint32_t flags, uint32_t u32, const void *val, uint32_t val_len)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_source = who;
	m.m_type = type;
	m.u.ds_req.key = (vir_bytes) key;
	m.u.ds_req.key_len = key ? (uint32_t) strlen(key) + 1 : 0;
	m.u.ds_req.type = dtype;
	m.u.ds_req.flags = flags;
	m.u.ds_req.val_u32 = u32;
	m.u.ds_req.val = (vir_bytes) val;
	m.u.ds_req.val_len = val_len;
	int r = ds_dispatch(&m);
	last_type = m.u.ds_req.type;
	last_owner = m.u.ds_req.owner;
	last_u32 = m.u.ds_req.val_u32;
	last_len = m.u.ds_req.val_len;
	return r;
}

static int pub_u32(endpoint_t who, const char *key, uint32_t v, int flags)
{
	return req(who, DS_PUBLISH, key, DS_TYPE_U32, flags, v, NULL, 0);
}

static int pub_label(const char *label, endpoint_t ep)
{
	return req(RS_EP, DS_PUBLISH, label, DS_TYPE_LABEL, DSF_OVERWRITE,
	    (uint32_t) ep, NULL, 0);
}

static int get_u32(endpoint_t who, const char *key, uint32_t *v)
{
	int r = req(who, DS_RETRIEVE, key, DS_TYPE_U32, 0, 0, NULL, 0);
	*v = last_u32;
	return r;
}

static char check_key[DS_KEY_MAX];

static int check(endpoint_t who)
{
	message m;
	memset(&m, 0, sizeof(m));
	memset(check_key, 0, sizeof(check_key));
	m.m_source = who;
	m.m_type = DS_CHECK;
	m.u.ds_req.key = (vir_bytes) check_key;
	m.u.ds_req.key_len = sizeof(check_key);
	int r = ds_dispatch(&m);
	last_type = m.u.ds_req.type;
	last_owner = m.u.ds_req.owner;
	last_u32 = m.u.ds_req.val_u32;
	return r;
}

/* reset: an empty store and subscription table, no notifications, the
 * labels "hello" and "other" published. */
static void reset(void)
{
	store_reset();
	subs_reset();
	memset(notes, 0, sizeof(notes));
	dead_ep = NONE;
	CHECK_EQ(pub_label("hello", HELLO_EP), 0);
	CHECK_EQ(pub_label("other", OTHER_EP), 0);
}

/* ---- tests --------------------------------------------------------------- */

TEST(patterns)
{
	CHECK(pattern_match("drv.chr.*", "drv.chr.hello"));
	CHECK(pattern_match("drv.chr.*", "drv.chr."));
	CHECK(!pattern_match("drv.chr.*", "drv.blk.hello"));
	CHECK(pattern_match("*", ""));
	CHECK(pattern_match("*", "anything"));
	CHECK(pattern_match("a*b*c", "aXXbYYc"));
	CHECK(pattern_match("a*b*c", "abc"));
	CHECK(!pattern_match("a*b*c", "aXXbYY"));
	CHECK(pattern_match("*.count", "hello.open.count"));
	CHECK(!pattern_match("hello", "hello2"));
	CHECK(!pattern_match("hello2", "hello"));
	CHECK(pattern_match("he*o", "hello"));
	CHECK(pattern_match("**x", "ax"));
}

TEST(u32)
{
	reset();
	uint32_t v = 0;
	CHECK_EQ(get_u32(NOLABEL_EP, "hello.open_count", &v), -ENOENT);
	CHECK_EQ(pub_u32(HELLO_EP, "hello.open_count", 3, 0), 0);
	CHECK_EQ(get_u32(NOLABEL_EP, "hello.open_count", &v), 0);
	CHECK_EQ(v, 3);
	CHECK_EQ(last_owner, HELLO_EP);
	/* no overwrite without the flag; the owner may with it */
	CHECK_EQ(pub_u32(HELLO_EP, "hello.open_count", 4, 0), -EEXIST);
	CHECK_EQ(pub_u32(HELLO_EP, "hello.open_count", 4, DSF_OVERWRITE), 0);
	CHECK_EQ(get_u32(OTHER_EP, "hello.open_count", &v), 0);
	CHECK_EQ(v, 4);
	/* others may not, with or without the flag */
	CHECK_EQ(pub_u32(OTHER_EP, "hello.open_count", 9, DSF_OVERWRITE),
	    -EPERM);
	CHECK_EQ(pub_u32(OTHER_EP, "hello.open_count", 9, 0), -EPERM);
	/* a process without a label may read but not publish */
	CHECK_EQ(pub_u32(NOLABEL_EP, "x", 1, 0), -EPERM);
	/* the wrong type */
	CHECK_EQ(req(HELLO_EP, DS_RETRIEVE, "hello.open_count", DS_TYPE_STR,
	    0, 0, NULL, 0), -ENOENT);
	CHECK_EQ(req(HELLO_EP, DS_PUBLISH, "hello.open_count", DS_TYPE_STR,
	    DSF_OVERWRITE, 0, "s", 2), -EINVAL);
	CHECK_EQ(get_u32(OTHER_EP, "hello.open_count", &v), 0);
	CHECK_EQ(v, 4);
}

TEST(bad_keys)
{
	reset();
	char long_key[80];
	memset(long_key, 'k', sizeof(long_key) - 1);
	long_key[sizeof(long_key) - 1] = '\0';
	CHECK_EQ(pub_u32(HELLO_EP, long_key, 1, 0), -EINVAL);
	long_key[DS_KEY_MAX - 1] = '\0';        /* 63 characters: fine */
	CHECK_EQ(pub_u32(HELLO_EP, long_key, 1, 0), 0);
	CHECK_EQ(pub_u32(HELLO_EP, "", 1, 0), -EINVAL);
	CHECK_EQ(req(HELLO_EP, DS_PUBLISH, "k", 9, 0, 0, NULL, 0), -EINVAL);
	message m;
	memset(&m, 0, sizeof(m));
	m.m_source = HELLO_EP;
	m.m_type = DS_PUBLISH;
	m.u.ds_req.key = 0x100;                  /* not mapped */
	m.u.ds_req.key_len = 8;
	m.u.ds_req.type = DS_TYPE_U32;
	CHECK_EQ(ds_dispatch(&m), -EFAULT);
	m.m_type = DS_BASE + 77;
	CHECK_EQ(ds_dispatch(&m), -ENOSYS);
}

TEST(str_mem)
{
	reset();
	CHECK_EQ(req(HELLO_EP, DS_PUBLISH, "greeting", DS_TYPE_STR, 0, 0,
	    "Hello, World!", 14), 0);
	char buf[64];
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(req(OTHER_EP, DS_RETRIEVE, "greeting", DS_TYPE_STR, 0, 0,
	    buf, sizeof(buf)), 0);
	CHECK(!strcmp(buf, "Hello, World!"));
	CHECK_EQ(last_len, 14);
	CHECK_EQ(req(OTHER_EP, DS_RETRIEVE, "greeting", DS_TYPE_STR, 0, 0,
	    buf, 5), -E2BIG);
	CHECK_EQ(last_len, 14);
	char big[DS_STR_MAX + 10];
	memset(big, 's', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK_EQ(req(HELLO_EP, DS_PUBLISH, "big", DS_TYPE_STR, 0, 0, big,
	    sizeof(big)), -E2BIG);
	CHECK_EQ(req(HELLO_EP, DS_RETRIEVE, "big", DS_TYPE_STR, 0, 0, buf,
	    sizeof(buf)), -ENOENT);

	unsigned char blob[300], out[300];
	for (unsigned i = 0; i < sizeof(blob); i++)
		blob[i] = (unsigned char) (i * 7);
	CHECK_EQ(req(HELLO_EP, DS_PUBLISH, "blob", DS_TYPE_MEM, 0, 0, blob,
	    sizeof(blob)), 0);
	memset(out, 0, sizeof(out));
	CHECK_EQ(req(OTHER_EP, DS_RETRIEVE, "blob", DS_TYPE_MEM, 0, 0, out,
	    sizeof(out)), 0);
	CHECK_EQ(last_len, 300);
	CHECK(!memcmp(blob, out, sizeof(blob)));
	CHECK_EQ(req(OTHER_EP, DS_RETRIEVE, "blob", DS_TYPE_MEM, 0, 0, out,
	    299), -E2BIG);
	CHECK_EQ(req(HELLO_EP, DS_PUBLISH, "blob", DS_TYPE_MEM, DSF_OVERWRITE,
	    0, blob, 10), 0);
	CHECK_EQ(req(OTHER_EP, DS_RETRIEVE, "blob", DS_TYPE_MEM, 0, 0, out,
	    sizeof(out)), 0);
	CHECK_EQ(last_len, 10);
	CHECK_EQ(req(HELLO_EP, DS_PUBLISH, "huge", DS_TYPE_MEM, 0, 0, blob,
	    DS_MEM_MAX + 1), -E2BIG);
	CHECK_EQ(req(HELLO_EP, DS_PUBLISH, "badptr", DS_TYPE_MEM, 0, 0,
	    (void *) 0x100, 4), -EFAULT);
	CHECK_EQ(req(HELLO_EP, DS_RETRIEVE, "badptr", DS_TYPE_MEM, 0, 0, out,
	    4), -ENOENT);
}

TEST(labels)
{
	reset();
	endpoint_t ep = NONE;
	CHECK_EQ(req(NOLABEL_EP, DS_RETRIEVE, "hello", DS_TYPE_LABEL, 0, 0,
	    NULL, 0), 0);
	ep = (endpoint_t) last_u32;
	CHECK_EQ(ep, HELLO_EP);
	CHECK_EQ(last_owner, RS_EP);
	/* only RS publishes labels */
	CHECK_EQ(req(HELLO_EP, DS_PUBLISH, "fake", DS_TYPE_LABEL, 0,
	    (uint32_t) NOLABEL_EP, NULL, 0), -EPERM);
	/* boot services have their module names as labels */
	CHECK_EQ(pub_u32(VFS_EP, "vfs.thing", 1, 0), 0);
	CHECK_EQ(req(OTHER_EP, DS_RETRIEVE, "vfs.thing", DS_TYPE_U32, 0, 0,
	    NULL, 0), 0);
	CHECK_EQ(last_owner, VFS_EP);
	/* data outlives a restart with a new endpoint: the label owns it */
	CHECK_EQ(pub_u32(HELLO_EP, "hello.open_count", 5, 0), 0);
	CHECK_EQ(pub_label("hello", HELLO2_EP), 0);
	uint32_t v = 0;
	CHECK_EQ(get_u32(NOLABEL_EP, "hello.open_count", &v), 0);
	CHECK_EQ(v, 5);
	CHECK_EQ(last_owner, HELLO2_EP);
	CHECK_EQ(pub_u32(HELLO2_EP, "hello.open_count", 6, DSF_OVERWRITE), 0);
	CHECK_EQ(pub_u32(HELLO_EP, "hello.open_count", 7, DSF_OVERWRITE),
	    -EPERM);                       /* the old endpoint is nobody now */
	CHECK_EQ(req(RS_EP, DS_DELETE, "hello", DS_TYPE_LABEL, 0, 0, NULL, 0),
	    0);
	CHECK_EQ(get_u32(NOLABEL_EP, "hello.open_count", &v), 0);
	CHECK_EQ(last_owner, NONE);        /* not running */
}

TEST(delete)
{
	reset();
	CHECK_EQ(pub_u32(HELLO_EP, "k", 1, 0), 0);
	CHECK_EQ(req(OTHER_EP, DS_DELETE, "k", DS_TYPE_U32, 0, 0, NULL, 0),
	    -EPERM);
	CHECK_EQ(req(NOLABEL_EP, DS_DELETE, "k", DS_TYPE_U32, 0, 0, NULL, 0),
	    -EPERM);
	CHECK_EQ(req(HELLO_EP, DS_DELETE, "k", DS_TYPE_STR, 0, 0, NULL, 0),
	    -ENOENT);
	CHECK_EQ(req(HELLO_EP, DS_DELETE, "k", DS_TYPE_U32, 0, 0, NULL, 0), 0);
	uint32_t v;
	CHECK_EQ(get_u32(HELLO_EP, "k", &v), -ENOENT);
	CHECK_EQ(req(HELLO_EP, DS_DELETE, "k", DS_TYPE_U32, 0, 0, NULL, 0),
	    -ENOENT);
	/* the key is free again, for anyone */
	CHECK_EQ(pub_u32(OTHER_EP, "k", 2, 0), 0);
	CHECK_EQ(get_u32(HELLO_EP, "k", &v), 0);
	CHECK_EQ(v, 2);
}

TEST(full)
{
	reset();
	char key[16];
	int made = 0;
	for (int i = 0; i < DS_MAX_ENTRIES + 5; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		int r = pub_u32(HELLO_EP, key, (uint32_t) i, 0);
		if (r == 0)
			made++;
		else
			CHECK_EQ(r, -ENOSPC);
	}
	CHECK_EQ(made, DS_MAX_ENTRIES - 2);      /* two labels took slots */
	CHECK_EQ(req(HELLO_EP, DS_DELETE, "k7", DS_TYPE_U32, 0, 0, NULL, 0),
	    0);
	CHECK_EQ(pub_u32(HELLO_EP, "new", 1, 0), 0);
}

TEST(subscribe)
{
	reset();
	/* VFS (a boot service) subscribes, like it does at init */
	CHECK_EQ(pub_u32(HELLO_EP, "drv.chr.hello", 10, 0), 0);
	CHECK_EQ(req(VFS_EP, DS_SUBSCRIBE, "drv.chr.*", 0, 0, 0, NULL, 0), 0);
	CHECK_EQ(notified(VFS_EP), 0);
	CHECK_EQ(check(VFS_EP), -ENOENT);        /* not DSF_INITIAL */
	CHECK_EQ(pub_u32(HELLO_EP, "drv.chr.hello", 10, DSF_OVERWRITE), 0);
	CHECK_EQ(pub_u32(HELLO_EP, "hello.open_count", 1, 0), 0);
	CHECK_EQ(notified(VFS_EP), 1);
	CHECK_EQ(check(VFS_EP), 0);
	CHECK(!strcmp(check_key, "drv.chr.hello"));
	CHECK_EQ(last_type, DS_TYPE_U32);
	CHECK_EQ(last_owner, HELLO_EP);
	CHECK_EQ(last_u32, 10);
	CHECK_EQ(check(VFS_EP), -ENOENT);
	/* a second subscriber with DSF_INITIAL hears of what exists */
	CHECK_EQ(req(NOLABEL_EP, DS_SUBSCRIBE, "*.open_count", 0,
	    DSF_INITIAL, 0, NULL, 0), 0);
	CHECK_EQ(notified(NOLABEL_EP), 1);
	CHECK_EQ(check(NOLABEL_EP), 0);
	CHECK(!strcmp(check_key, "hello.open_count"));
	CHECK_EQ(check(NOLABEL_EP), -ENOENT);
	/* several changes, one check each, lowest slot first */
	CHECK_EQ(pub_u32(OTHER_EP, "drv.chr.other", 11, 0), 0);
	CHECK_EQ(pub_u32(HELLO_EP, "drv.chr.hello", 12, DSF_OVERWRITE), 0);
	CHECK_EQ(pub_u32(HELLO_EP, "drv.chr.hello", 13, DSF_OVERWRITE), 0);
	CHECK_EQ(notified(VFS_EP), 3);
	int seen_hello = 0, seen_other = 0;
	while (check(VFS_EP) == 0) {
		if (!strcmp(check_key, "drv.chr.hello")) {
			seen_hello++;
			CHECK_EQ(last_u32, 13);
		} else if (!strcmp(check_key, "drv.chr.other")) {
			seen_other++;
			CHECK_EQ(last_owner, OTHER_EP);
		} else {
			CHECK(0);
		}
	}
	CHECK_EQ(seen_hello, 1);
	CHECK_EQ(seen_other, 1);
	/* a deletion is reported with type 0 */
	CHECK_EQ(req(OTHER_EP, DS_DELETE, "drv.chr.other", DS_TYPE_U32, 0, 0,
	    NULL, 0), 0);
	CHECK_EQ(notified(VFS_EP), 1);
	CHECK_EQ(check(VFS_EP), 0);
	CHECK(!strcmp(check_key, "drv.chr.other"));
	CHECK_EQ(last_type, 0);
	CHECK_EQ(check(VFS_EP), -ENOENT);
	/* the same pattern twice is one subscription */
	CHECK_EQ(req(VFS_EP, DS_SUBSCRIBE, "drv.chr.*", 0, 0, 0, NULL, 0), 0);
	CHECK_EQ(pub_u32(HELLO_EP, "drv.chr.hello", 14, DSF_OVERWRITE), 0);
	CHECK_EQ(check(VFS_EP), 0);
	CHECK_EQ(check(VFS_EP), -ENOENT);
	/* a key buffer too small: the change stays for the next check */
	message m;
	memset(&m, 0, sizeof(m));
	m.m_source = VFS_EP;
	m.m_type = DS_CHECK;
	m.u.ds_req.key = (vir_bytes) check_key;
	m.u.ds_req.key_len = 4;
	CHECK_EQ(pub_u32(HELLO_EP, "drv.chr.hello", 15, DSF_OVERWRITE), 0);
	CHECK_EQ(ds_dispatch(&m), -E2BIG);
	CHECK_EQ(check(VFS_EP), 0);
	CHECK_EQ(last_u32, 15);
}

TEST(tombstones)
{
	reset();
	CHECK_EQ(req(NOLABEL_EP, DS_SUBSCRIBE, "t*", 0, 0, 0, NULL, 0), 0);
	/* fill the store with deletions nobody checks: publish must still
	 * find room once the subscriber is gone */
	CHECK_EQ(pub_u32(HELLO_EP, "t1", 1, 0), 0);
	CHECK_EQ(req(HELLO_EP, DS_DELETE, "t1", DS_TYPE_U32, 0, 0, NULL, 0), 0);
	CHECK_EQ(pub_u32(HELLO_EP, "t1", 2, 0), 0);  /* reuses the tombstone */
	CHECK_EQ(check(NOLABEL_EP), 0);
	CHECK(!strcmp(check_key, "t1"));
	CHECK_EQ(last_type, DS_TYPE_U32);
	CHECK_EQ(last_u32, 2);
	CHECK_EQ(check(NOLABEL_EP), -ENOENT);
	CHECK_EQ(req(HELLO_EP, DS_DELETE, "t1", DS_TYPE_U32, 0, 0, NULL, 0), 0);
	dead_ep = NOLABEL_EP;                       /* the subscriber died */
	CHECK_EQ(pub_u32(HELLO_EP, "t2", 1, 0), 0); /* drops it */
	/* every tombstone is gone: the store holds 2 labels + t2 */
	char key[16];
	int made = 0;
	for (int i = 0; i < DS_MAX_ENTRIES; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		if (pub_u32(HELLO_EP, key, 0, 0) == 0)
			made++;
	}
	CHECK_EQ(made, DS_MAX_ENTRIES - 3);
}

TEST(sub_limits)
{
	reset();
	char pat[16];
	int made = 0;
	for (int i = 0; i < DS_MAX_SUBS + 3; i++) {
		snprintf(pat, sizeof(pat), "p%d*", i);
		int r = req(NOLABEL_EP, DS_SUBSCRIBE, pat, 0, 0, 0, NULL, 0);
		if (r == 0)
			made++;
		else
			CHECK_EQ(r, -ENOSPC);
	}
	CHECK_EQ(made, DS_MAX_SUBS);
	/* a key matching two of one subscriber's patterns: one check */
	CHECK_EQ(pub_u32(HELLO_EP, "p1", 0, 0), 0);       /* p1* */
	CHECK_EQ(pub_u32(HELLO_EP, "p10", 0, 0), 0);      /* p1*, p10* */
	CHECK_EQ(check(NOLABEL_EP), 0);
	CHECK_EQ(check(NOLABEL_EP), 0);
	CHECK_EQ(check(NOLABEL_EP), -ENOENT);
}

/* The kept-state check (a DS restarted in place): a state the handlers
 * made passes; a changed value, an unterminated key, a key twice and a
 * mark on a free slot are each caught, with a line saying which; so is
 * the corrupt hook's damage. */
TEST(kept_state)
{
	char why[128];
	reset();
	static const char blob[] = "state";
	CHECK_EQ(req(HELLO_EP, DS_PUBLISH, "hello.state", DS_TYPE_MEM, 0, 0,
	    blob, sizeof(blob)), 0);
	CHECK_EQ(req(HELLO_EP, DS_PUBLISH, "hello.name", DS_TYPE_STR, 0, 0,
	    "hi", 3), 0);
	CHECK_EQ(req(NOLABEL_EP, DS_SUBSCRIBE, "t*", 0, 0, 0, NULL, 0), 0);
	CHECK_EQ(pub_u32(HELLO_EP, "t1", 1, 0), 0);
	CHECK_EQ(req(HELLO_EP, DS_DELETE, "t1", DS_TYPE_U32, 0, 0, NULL, 0), 0);
	CHECK_EQ(ds_state_check(why, sizeof(why)), 0);       /* a tombstone */
	struct ds_entry *e = store_find("hello.state");
	CHECK(e != NULL);
	((char *) e->data)[0] ^= 1;                          /* a bit flip */
	CHECK_EQ(ds_state_check(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "hello.state") && strstr(why, "checksum"));
	((char *) e->data)[0] ^= 1;
	CHECK_EQ(ds_state_check(why, sizeof(why)), 0);
	e->u32 = 7;                                          /* a MEM's u32 */
	CHECK_EQ(ds_state_check(why, sizeof(why)), -EINVAL);
	e->u32 = 0;
	memset(e->owner, 'x', sizeof(e->owner));             /* no NUL */
	CHECK_EQ(ds_state_check(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "not well-formed") != NULL);
	strcpy(e->owner, "hello");
	CHECK_EQ(ds_state_check(why, sizeof(why)), 0);
	struct ds_entry *n = store_find("hello.name");
	strcpy(n->key, "hello.state");                       /* a key twice */
	n->sum = entry_sum(n);
	CHECK_EQ(ds_state_check(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "twice") != NULL);
	strcpy(n->key, "hello.name");
	n->sum = entry_sum(n);
	int free_slot = -1;
	for (int i = 0; i < DS_MAX_ENTRIES && free_slot < 0; i++)
		if (store_at(i)->state == DS_FREE)
			free_slot = i;
	CHECK(free_slot >= 0);
	struct ds_sub *s = subs_at(0);
	CHECK(s->used);
	s->pending[free_slot / 32] |= 1u << (free_slot % 32);
	CHECK_EQ(ds_state_check(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "marks free entry") != NULL);
	s->pending[free_slot / 32] &= ~(1u << (free_slot % 32));
	CHECK_EQ(ds_state_check(why, sizeof(why)), 0);
	char what[96];                      /* `service fi ds corrupt`'s hook */
	CHECK_EQ(ds_state_corrupt(what, sizeof(what)), 0);
	CHECK(strstr(what, "a bit of its value flipped") != NULL);
	CHECK_EQ(ds_state_check(why, sizeof(why)), -EINVAL);
	CHECK(strstr(why, "checksum") != NULL);
	CHECK_EQ(ds_state_corrupt(what, sizeof(what)), 0);  /* flipped back */
	CHECK_EQ(ds_state_check(why, sizeof(why)), 0);
}

static const struct kit_suite suite = {
	.name = "ds_host", .backend = &kit_inproc, .timeout = 10,
};

int main(int argc, char **argv)
{
	return kit_main(&suite, argc, argv);
}
