/* dsprobe: the data store seen by a user process, for fault-injection
 * campaigns over DS (a user process may not talk to DS itself). At its
 * first start it publishes the string key "dsprobe.kept" ("kept since
 * tick N", N its start's clock tick: a value of this boot only); every
 * read of its device from offset 0 retrieves that key from DS again and
 * answers
 *   "ok VALUE\n"   the key's value now, or
 *   "err N\n"      DS's error (-ENOENT: the key is gone).
 * fic (os/tests/user/fic/state.c) starts it as
 *   service up /usr/tests/dsprobe -dev /tmp/fic.dsprobe
 * (a node it makes, major 17), reads the answer once and, after every
 * trial of a campaign, compares: a DS that came back without its keys
 * shows here. A restart of the probe itself publishes nothing (its key
 * must still be there). */
#include <stdio.h>
#include <string.h>
#include "chardriver.h"
#include "ds.h"
#include "kcall.h"
#include "sef.h"

#define KEY "dsprobe.kept"

/* probe_read: the read operation: the answer (above) from req->pos on. */
static int probe_read(const struct chardriver_req *req)
{
	char value[64], text[96];
	int r = ds_retrieve_str(KEY, value, sizeof(value));
	if (r == 0)
		snprintf(text, sizeof(text), "ok %s\n", value);
	else
		snprintf(text, sizeof(text), "err %d\n", r);
	size_t len = strlen(text);
	if (req->pos < 0 || (size_t) req->pos >= len)
		return 0;
	size_t n = len - (size_t) req->pos;
	if (n > req->size)
		n = req->size;
	r = chardriver_copyout(req->grant, 0, text + req->pos, n);
	return r ? r : (int) n;
}

static const struct chardriver probe_ops = {
	.read = probe_read,
};

/* probe_init_fresh: SEF init callback, first start: publish the key. */
static int probe_init_fresh(const struct sef_init_info *info)
{
	char value[64];
	struct mess_kc_times t;
	memset(&t, 0, sizeof(t));
	sys_times(SELF, &t);
	snprintf(value, sizeof(value), "kept since tick %lu",
	    (unsigned long) t.uptime);
	int r = ds_publish_str(KEY, value, DSF_OVERWRITE);
	if (r != 0) {
		printf("dsprobe: publish %s failed (error %d)\n", KEY, r);
		return r;
	}
	chardriver_announce(info);
	return 0;
}

/* probe_init_restart: SEF init callback after a failure, a refresh or an
 * update: the key is DS's to keep; only announce the driver again. */
static int probe_init_restart(const struct sef_init_info *info)
{
	chardriver_announce(info);
	return 0;
}

int main(int argc, char *argv[])
{
	chardriver_args(argc, argv);
	sef_setcb_init_fresh(probe_init_fresh);
	sef_setcb_init_restart(probe_init_restart);
	sef_setcb_init_lu(probe_init_restart);
	sef_startup();
	chardriver_task(&probe_ops);
}
