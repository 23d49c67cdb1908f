/* dstest: the data store checked from inside a service, where it is
 * meant to be used (a user process may not talk to DS). Started by the
 * tests with `service up /usr/tests/dstest`; its cases run on the test kit
 * (os/tests/kit, in process) in its fresh init, which prints the kit's
 * lines ("test NAME: OK|FAILED", "ALL TESTS PASSED" or "SOME TESTS FAILED
 * (n of m)") and then:
 *   dstest: all N checks passed       (init succeeds: `service up` exits 0)
 *   dstest: FAILED (see the cases above)
 * (init fails with -EINVAL, so `service up` fails too). After a restart
 * (`service fi dstest`) its restart init runs the case kept_across_restart
 * (its entries survived its crash) and heap (malloc works in the new
 * instance) and prints:
 *   dstest: entries kept across the restart
 * After `service update self -label dstest` its update init runs heap and
 * prints:
 *   dstest: the heap works after the update
 * The hello driver must have been opened once before (its open count is
 * the entry of another owner it tries to overwrite). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <abi/boot.h>
#include "ds.h"
#include "sef.h"
#include "syslib.h"
#include "../../kit/kit.h"

static const char blob[] = "a blob\0with a NUL inside, 40 bytes long";

/* Values of every type, overwrite rules, deletion, bad keys. */
TEST(values)
{
	uint32_t u = 0;
	char buf[64];
	size_t len = 0;
	CHECK_EQ(ds_publish_u32("dstest.u", 7, 0), 0);
	CHECK(ds_retrieve_u32("dstest.u", &u) == 0 && u == 7);
	CHECK_EQ(ds_publish_u32("dstest.u", 8, 0), -EEXIST);
	CHECK_EQ(ds_publish_u32("dstest.u", 8, DSF_OVERWRITE), 0);
	CHECK(ds_retrieve_u32("dstest.u", &u) == 0 && u == 8);
	CHECK_EQ(ds_publish_str("dstest.s", "kept across crashes", 0), 0);
	CHECK(ds_retrieve_str("dstest.s", buf, sizeof(buf)) == 0 &&
	    strcmp(buf, "kept across crashes") == 0);
	CHECK_EQ(ds_retrieve_str("dstest.s", buf, 4), -E2BIG);
	CHECK_EQ(ds_publish_mem("dstest.m", blob, sizeof(blob), 0), 0);
	CHECK(ds_retrieve_mem("dstest.m", buf, sizeof(buf), &len) == 0 &&
	    len == sizeof(blob) && memcmp(buf, blob, len) == 0);
	CHECK_EQ(ds_retrieve_str("dstest.u", buf, sizeof(buf)), -ENOENT);
	CHECK_EQ(ds_delete("dstest.u", DS_TYPE_U32), 0);
	CHECK_EQ(ds_retrieve_u32("dstest.u", &u), -ENOENT);
	CHECK_EQ(ds_delete("dstest.u", DS_TYPE_U32), -ENOENT);
	CHECK_EQ(ds_publish_u32("", 1, 0), -EINVAL);
	char long_key[DS_KEY_MAX + 8];
	memset(long_key, 'k', sizeof(long_key) - 1);
	long_key[sizeof(long_key) - 1] = '\0';
	CHECK_EQ(ds_publish_u32(long_key, 1, 0), -EINVAL);
}

/* Another label's entries and labels: read-only for us. */
TEST(owners)
{
	uint32_t u;
	endpoint_t ep = NONE;
	CHECK_EQ(ds_retrieve_u32("hello.open_count", &u), 0);
	CHECK_EQ(ds_publish_u32("hello.open_count", 99, DSF_OVERWRITE), -EPERM);
	CHECK_EQ(ds_delete("hello.open_count", DS_TYPE_U32), -EPERM);
	CHECK(ds_retrieve_label_endpt("rs", &ep) == 0 && ep == RS_EP);
	CHECK(ds_retrieve_label_endpt("hello", &ep) == 0 && ep != NONE);
	CHECK_EQ(ds_retrieve_label_endpt("no-such-label", &ep), -ENOENT);
	/* Only RS publishes labels. */
	char key[DS_KEY_MAX] = "dstest";
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = DS_PUBLISH;
	m.u.ds_req.key = (vir_bytes) key;
	m.u.ds_req.key_len = sizeof(key);
	m.u.ds_req.type = DS_TYPE_LABEL;
	m.u.ds_req.flags = DSF_OVERWRITE;
	m.u.ds_req.val_u32 = (uint32_t) RS_EP;
	int r = ipc_sendrec(DS_EP, &m);
	CHECK(r == 0 && m.m_type == -EPERM);
}

/* A subscription: one notification, one changed key, then nothing. */
TEST(subscription)
{
	message m;
	char key[DS_KEY_MAX];
	int type = -1;
	endpoint_t owner = NONE;
	CHECK_EQ(ds_subscribe("dstest.sub.*", 0), 0);
	CHECK_EQ(ds_publish_u32("dstest.other", 1, 0), 0);
	CHECK_EQ(ds_publish_u32("dstest.sub.a", 1, 0), 0);
	CHECK(sef_receive(DS_EP, &m) == 0 && m.m_type == NOTIFY_MESSAGE);
	CHECK(ds_check(key, &type, &owner) == 0 &&
	    strcmp(key, "dstest.sub.a") == 0 && type == DS_TYPE_U32 &&
	    owner != NONE);
	CHECK_EQ(ds_check(key, &type, &owner), -ENOENT);
}

/* After a restart: what values published before the crash is still
 * there, and still ours. */
TEST(kept_across_restart)
{
	char buf[64];
	size_t len = 0;
	CHECK_EQ(ds_retrieve_str("dstest.s", buf, sizeof(buf)), 0);
	CHECK_STR(buf, "kept across crashes");
	CHECK_EQ(ds_retrieve_mem("dstest.m", buf, sizeof(buf), &len), 0);
	CHECK_EQ(len, sizeof(blob));
	CHECK_EQ(ds_publish_str("dstest.s", "kept across crashes",
	    DSF_OVERWRITE), 0);          /* still ours; the same again */
}

/* After a restart: the subscription made before the crash (by label,
 * kept in DS, also across a restart of DS itself) still marks a change. */
TEST(subscription_kept)
{
	char key[DS_KEY_MAX];
	int type = -1;
	endpoint_t owner = NONE;
	while (ds_check(key, &type, &owner) == 0)
		;                       /* changes from before the crash */
	CHECK_EQ(ds_publish_u32("dstest.sub.a", 2, DSF_OVERWRITE), 0);
	CHECK(ds_check(key, &type, &owner) == 0 &&
	    strcmp(key, "dstest.sub.a") == 0 && type == DS_TYPE_U32);
	CHECK_EQ(ds_check(key, &type, &owner), -ENOENT);
}

/* The heap works: 64 blocks of 4 KiB from malloc, each written and read
 * back, kept (a restarted instance then starts with a smaller break than
 * the crashed one had: MM must follow the program that moved into the
 * slot, not the slot's old record). */
TEST(heap)
{
	enum { BLOCKS = 64, SIZE = 4096 };
	static unsigned char *block[BLOCKS];
	for (int i = 0; i < BLOCKS; i++) {
		block[i] = malloc(SIZE);
		CHECK(block[i] != NULL);
		memset(block[i], i + 1, SIZE);
	}
	for (int i = 0; i < BLOCKS; i++)
		for (int j = 0; j < SIZE; j += 512)
			CHECK_EQ(block[i][j], i + 1);
}

static const struct kit_suite suite = {
	.name = "dstest", .backend = &kit_inproc, .timeout = 10,
};

/* run: run the cases NAMES (N of them) with the kit; 0 when all passed. */
static int run(char **names, int n)
{
	char *argv[8] = { "dstest" };
	for (int i = 0; i < n && i < 7; i++)
		argv[i + 1] = names[i];
	return kit_main(&suite, n + 1, argv);
}

/* init_fresh: the DS cases; the service starts only when they pass. */
static int init_fresh(const struct sef_init_info *info)
{
	(void) info;
	char *cases[] = { "values", "owners", "subscription", "heap" };
	if (run(cases, 4) != 0) {
		printf("dstest: FAILED (see the cases above)\n");
		return -EINVAL;
	}
	printf("dstest: all %d checks passed\n", 4);
	return 0;
}

/* init_restart: after a crash, the entries are still there. */
static int init_restart(const struct sef_init_info *info)
{
	(void) info;
	char *cases[] = { "kept_across_restart", "subscription_kept", "heap" };
	if (run(cases, 3) != 0) {
		printf("dstest: FAILED after the restart\n");
		return -EINVAL;
	}
	printf("dstest: entries kept across the restart\n");
	return 0;
}

/* init_update: the new version of a live update (to itself): its heap
 * works. */
static int init_update(const struct sef_init_info *info)
{
	(void) info;
	char *cases[] = { "heap" };
	if (run(cases, 1) != 0) {
		printf("dstest: FAILED after the update\n");
		return -EINVAL;
	}
	printf("dstest: the heap works after the update\n");
	return 0;
}

int main(void)
{
	sef_setcb_init_fresh(init_fresh);
	sef_setcb_init_restart(init_restart);
	sef_setcb_init_lu(init_update);
	sef_startup();
	for (;;) {
		message m;
		sef_receive(ANY, &m);
	}
}
