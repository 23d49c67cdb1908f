/* Host test of the SDK's state helper (os/lib/ds/ds_state.c, dsstate.h):
 * built with the host gcc (-m32) against a fake data store kept here (the
 * DS client calls it uses, with a publish that can be made to fail after N
 * blobs, to cut a save short), run by os/tests/test_dsstate_host.py. Its
 * cases run on the test kit (os/tests/kit) in process. */
#include "../kit_errno.h"
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include "ds.h"
#include "dsstate.h"

/* ---- the fake data store: memory blobs only -------------------------- */

#define NR_BLOBS 40
static struct blob {
	int used;
	char key[DS_KEY_MAX];
	size_t len;
	unsigned char data[DS_MEM_MAX];
} blobs[NR_BLOBS];
static int publishes_left = -1;      /* >= 0: publishes before -ENOSPC */

/* find: the blob KEY, or NULL. */
static struct blob *find(const char *key)
{
	for (int i = 0; i < NR_BLOBS; i++)
		if (blobs[i].used && strcmp(blobs[i].key, key) == 0)
			return &blobs[i];
	return NULL;
}

/* blob_count: the blobs held. */
static int blob_count(void)
{
	int n = 0;
	for (int i = 0; i < NR_BLOBS; i++)
		n += blobs[i].used;
	return n;
}

int ds_publish_mem(const char *key, const void *data, size_t len, int flags)
{
	if (len > DS_MEM_MAX)
		return -E2BIG;
	if (publishes_left == 0)
		return -ENOSPC;
	if (publishes_left > 0)
		publishes_left--;
	struct blob *b = find(key);
	if (b && !(flags & DSF_OVERWRITE))
		return -EEXIST;
	for (int i = 0; !b && i < NR_BLOBS; i++)
		if (!blobs[i].used)
			b = &blobs[i];
	if (!b)
		return -ENOSPC;
	b->used = 1;
	snprintf(b->key, sizeof(b->key), "%s", key);
	memcpy(b->data, data, len);
	b->len = len;
	return 0;
}

int ds_retrieve_mem(const char *key, void *buf, size_t size, size_t *len)
{
	struct blob *b = find(key);
	if (!b)
		return -ENOENT;
	if (len)
		*len = b->len;
	if (b->len > size)
		return -E2BIG;
	memcpy(buf, b->data, b->len);
	return 0;
}

int ds_delete(const char *key, int type)
{
	struct blob *b = find(key);
	if (!b || type != DS_TYPE_MEM)
		return -ENOENT;
	b->used = 0;
	return 0;
}

const char *sef_label(void)
{
	return "drv";
}

/* ---- states ----------------------------------------------------------- */

#define BIG 16392                    /* five chunks, the last 8 bytes */
static unsigned char state[BIG], copy[BIG];

/* fill: STATE's bytes from SEED, all different from one chunk to the next. */
static void fill(unsigned seed)
{
	for (size_t i = 0; i < sizeof(state); i++)
		state[i] = (unsigned char) (i * 7 + i / 4096 + seed);
}

/* reset: an empty store, publishes never failing, STATE filled from 1. */
static void reset(void)
{
	memset(blobs, 0, sizeof(blobs));
	publishes_left = -1;
	fill(1);
}

static const struct ds_state v1 = {
	.name = NULL, .version = 1, .data = state, .size = sizeof(state),
};

/* check_untouched: restore ST fails with ERR, its why containing WHAT,
 * and leaves STATE as it was. */
static void check_fails(const struct ds_state *st, int err, const char *what)
{
	memcpy(copy, state, sizeof(state));
	CHECK_EQ(ds_state_restore(st, NULL), err);
	if (!strstr(ds_state_error(), what))
		FAIL("why: \"%s\", expected it to say \"%s\"",
		    ds_state_error(), what);
	CHECK(memcmp(copy, state, sizeof(state)) == 0);
}

TEST(crc32_is_the_common_one)
{
	CHECK_EQ(ds_state_crc32("123456789", 9), 0xCBF43926u);
	CHECK_EQ(ds_state_crc32("", 0), 0);
}

TEST(a_16k_state_comes_back_whole)
{
	reset();
	CHECK_EQ(ds_state_save(&v1), 0);
	CHECK_STR(ds_state_error(), "");
	CHECK_EQ(blob_count(), 6);           /* 5 chunks and the header */
	CHECK(find("drv.state") && find("drv.state.4"));
	CHECK_EQ(find("drv.state.4")->len, 8);
	memcpy(copy, state, sizeof(state));
	memset(state, 0, sizeof(state));
	uint32_t version = 0;
	CHECK_EQ(ds_state_restore(&v1, &version), 0);
	CHECK_EQ(version, 1);
	CHECK(memcmp(copy, state, sizeof(state)) == 0);
}

TEST(nothing_saved_is_enoent)
{
	reset();
	check_fails(&v1, -ENOENT, "nothing saved under drv.state");
}

TEST(a_save_cut_short_is_detected)
{
	reset();
	CHECK_EQ(ds_state_save(&v1), 0);
	fill(2);
	publishes_left = 2;                  /* chunks 0, 1; then DS is full */
	CHECK_EQ(ds_state_save(&v1), -ENOSPC);
	if (!strstr(ds_state_error(), "chunk 2 of 5 (drv.state.2)"))
		FAIL("why: %s", ds_state_error());
	publishes_left = -1;
	check_fails(&v1, -EIO, "wrong checksum");
}

TEST(a_missing_or_short_chunk_is_incomplete)
{
	reset();
	CHECK_EQ(ds_state_save(&v1), 0);
	find("drv.state.1")->len = 100;
	check_fails(&v1, -EIO, "chunk 1 of 5 (drv.state.1) is 100 bytes");
	find("drv.state.3")->used = 0;
	find("drv.state.1")->len = DS_MEM_MAX;
	check_fails(&v1, -EIO, "chunk 3 of 5 (drv.state.3) is missing: the "
	    "state is incomplete");
}

TEST(a_changed_byte_is_corrupt)
{
	reset();
	CHECK_EQ(ds_state_save(&v1), 0);
	find("drv.state.2")->data[17] ^= 0x10;
	check_fails(&v1, -EIO, "wrong checksum: it is corrupt");
}

TEST(a_bad_or_oversized_header_is_refused)
{
	reset();
	CHECK_EQ(ds_state_save(&v1), 0);
	struct blob *h = find("drv.state");
	h->data[0] ^= 1;                      /* the magic */
	check_fails(&v1, -EINVAL, "is not a state header");
	h->data[0] ^= 1;
	/* The size field (the fourth word) beyond DS_STATE_MAX, the header's
	 * own checksum (the seventh) made right again. */
	uint32_t words[7];
	memcpy(words, h->data, sizeof(words));
	words[3] = DS_STATE_MAX + 1;
	words[6] = ds_state_crc32(words, 6 * sizeof(uint32_t));
	memcpy(h->data, words, sizeof(words));
	check_fails(&v1, -E2BIG, "more than DS_STATE_MAX");
	h->len = 12;
	check_fails(&v1, -EINVAL, "not a state header (12 bytes)");
	struct ds_state huge = v1;
	huge.size = DS_STATE_MAX + 1;
	CHECK_EQ(ds_state_save(&huge), -E2BIG);
}

TEST(a_new_layout_without_a_new_version_is_refused)
{
	reset();
	CHECK_EQ(ds_state_save(&v1), 0);
	struct ds_state grown = v1;
	grown.size = BIG - 4;
	check_fails(&grown, -EINVAL, "the layout changed without a new "
	    "version number");
}

static uint32_t seen_version;
static size_t seen_len;

/* migrate_from_1: layout 2 is layout 1's bytes, each plus one; only from
 * layout 1. */
static int migrate_from_1(uint32_t old_version, const void *old,
    size_t old_len, void *to, size_t size)
{
	seen_version = old_version;
	seen_len = old_len;
	if (old_version != 1)
		return -ENOSYS;
	const unsigned char *from = old;
	unsigned char *dst = to;
	for (size_t i = 0; i < size && i < old_len; i++)
		dst[i] = (unsigned char) (from[i] + 1);
	return 0;
}

TEST(an_older_layout_is_migrated)
{
	reset();
	CHECK_EQ(ds_state_save(&v1), 0);
	memcpy(copy, state, sizeof(state));
	struct ds_state v2 = v1;
	v2.version = 2;
	v2.migrate = migrate_from_1;
	uint32_t version = 0;
	CHECK_EQ(ds_state_restore(&v2, &version), 0);
	CHECK_EQ(version, 1);
	CHECK_EQ(seen_version, 1);
	CHECK_EQ(seen_len, BIG);
	for (size_t i = 0; i < sizeof(state); i++)
		CHECK_EQ(state[i], (unsigned char) (copy[i] + 1));
}

TEST(no_migration_is_enosys)
{
	reset();
	struct ds_state v3 = v1;
	v3.version = 3;
	CHECK_EQ(ds_state_save(&v3), 0);
	struct ds_state v2 = v1;
	v2.version = 2;
	check_fails(&v2, -ENOSYS, "this build has 2 and no migration");
	v2.migrate = migrate_from_1;
	memset(state, 0, sizeof(state));
	CHECK_EQ(ds_state_restore(&v2, NULL), -ENOSYS);
	CHECK_EQ(seen_version, 3);
	if (!strstr(ds_state_error(), "layout version 3: this build "
	    "(version 2) has no migration from it"))
		FAIL("why: %s", ds_state_error());
}

TEST(delete_removes_every_blob)
{
	reset();
	CHECK_EQ(ds_state_save(&v1), 0);
	CHECK_EQ(ds_state_delete(&v1), 0);
	CHECK_EQ(blob_count(), 0);
	CHECK_EQ(ds_state_delete(&v1), 0);
	CHECK_EQ(ds_state_restore(&v1, NULL), -ENOENT);
}

TEST(a_name_too_long_for_the_chunk_keys_is_refused)
{
	reset();
	char name[DS_KEY_MAX];
	memset(name, 'n', sizeof(name) - 1);
	name[DS_KEY_MAX - 3] = '\0';         /* "NAME.15" would not fit */
	struct ds_state st = v1;
	st.name = name;
	CHECK_EQ(ds_state_save(&st), -EINVAL);
	CHECK(strstr(ds_state_error(), "longer than 60 characters") != NULL);
	name[DS_KEY_MAX - 4] = '\0';         /* "NAME.15": 63 and the NUL */
	CHECK_EQ(ds_state_save(&st), 0);
	CHECK(find("nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
	    "nnnn.4") != NULL);
}

static const struct kit_suite suite = {
	.name = "dsstate_host", .backend = &kit_inproc, .timeout = 10,
};

int main(int argc, char **argv)
{
	return kit_main(&suite, argc, argv);
}
