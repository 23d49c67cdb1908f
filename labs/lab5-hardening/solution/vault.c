/* vault: a driver that keeps one message (/dev/vault): a write replaces
 * it, a read gives it back like a file. Lab 5's reference solution: it
 * survives every `service fi` kind with its message.
 *
 * - The state (message, its length, the number of writes) is checkpointed
 *   in DS on every change, before the write is answered: a writer told
 *   "done" never loses its message, whatever kills the driver next.
 * - The checkpoint carries a checksum: a restarted vault never serves a
 *   torn or corrupted state; it keeps the last good one instead.
 * - Restart and live update take the state back from DS at once, and the
 *   heartbeat (vault.conf: every 20 ticks) lets RS notice a hang quickly. */
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include "chardriver.h"
#include "ds.h"
#include "sef.h"

#define VAULT_MAX 128
#define VAULT_LU_STATE_IDLE SEF_LU_STATE_CUSTOM_BASE

struct vault_state {
	uint32_t writes;
	uint32_t len;
	char msg[VAULT_MAX];
	uint32_t sum;                    /* checksum of the fields above */
};

static struct vault_state state;
static int busy;                     /* a write between change and save */

static uint32_t checksum(const struct vault_state *s)
{
	const uint8_t *p = (const uint8_t *) s;
	uint32_t h = 2166136261u;        /* FNV-1a */
	for (size_t i = 0; i < offsetof(struct vault_state, sum); i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

static const char *key(void)
{
	static char k[DS_KEY_MAX];
	snprintf(k, sizeof(k), "%s.state",
	    sef_label()[0] ? sef_label() : "vault");
	return k;
}

static int save(void)
{
	state.sum = checksum(&state);
	return ds_publish_mem(key(), &state, sizeof(state), DSF_OVERWRITE);
}

/* load: the checkpoint, if there is a good one (0), else an empty state
 * and the reason. */
static int load(void)
{
	struct vault_state s;
	size_t len;
	int r = ds_retrieve_mem(key(), &s, sizeof(s), &len);
	if (r == 0 && (len != sizeof(s) || s.len > VAULT_MAX ||
	    s.sum != checksum(&s)))
		r = -EINVAL;
	if (r == 0)
		state = s;
	else
		memset(&state, 0, sizeof(state));
	return r;
}

static int vault_read(const struct chardriver_req *req)
{
	if (req->minor != 0)
		return -ENODEV;
	if (req->pos < 0 || (uint32_t) req->pos >= state.len)
		return 0;
	size_t n = state.len - (uint32_t) req->pos;
	if (n > req->size)
		n = req->size;
	int r = chardriver_copyout(req->grant, 0, state.msg + req->pos, n);
	return r ? r : (int) n;
}

/* vault_write: the first VAULT_MAX bytes become the message; answered
 * only once the checkpoint holds it (else the old message stays). */
static int vault_write(const struct chardriver_req *req)
{
	if (req->minor != 0)
		return -ENODEV;
	char buf[VAULT_MAX];
	size_t n = req->size < VAULT_MAX ? req->size : VAULT_MAX;
	int r = chardriver_copyin(req->grant, 0, buf, n);
	if (r)
		return r;
	struct vault_state old = state;
	busy = 1;
	memcpy(state.msg, buf, n);
	state.len = (uint32_t) n;
	state.writes++;
	r = save();
	busy = 0;
	if (r) {
		state = old;
		return r;
	}
	return (int) req->size;
}

static const struct chardriver vault_ops = {
	.read = vault_read,
	.write = vault_write,
};

static int started(const char *how, int r, const struct sef_init_info *info)
{
	printf("vault: %s (%u writes%s)\n", how, (unsigned) state.writes,
	    r ? ", no good checkpoint: empty" : "");
	chardriver_announce(info);
	return 0;
}

static int init_fresh(const struct sef_init_info *info)
{
	memset(&state, 0, sizeof(state));
	save();
	return started("started fresh", 0, info);
}

static int init_restart(const struct sef_init_info *info)
{
	return started("restarted", load(), info);
}

static int init_lu(const struct sef_init_info *info)
{
	return started("started as new version", load(), info);
}

static int lu_isvalid(int s)
{
	return (s >= SEF_LU_STATE_WORK_FREE &&
	    s <= SEF_LU_STATE_PROTOCOL_FREE) || s == VAULT_LU_STATE_IDLE;
}

static int lu_prepare(int s)
{
	(void) s;
	return busy ? -ENOTREADY : 0;
}

static int state_save(int s)
{
	(void) s;
	return save();
}

int main(int argc, char *argv[])
{
	chardriver_args(argc, argv);
	sef_setcb_init_fresh(init_fresh);
	sef_setcb_init_restart(init_restart);
	sef_setcb_init_lu(init_lu);
	sef_setcb_lu_state_isvalid(lu_isvalid);
	sef_setcb_lu_prepare(lu_prepare);
	sef_setcb_state_save(state_save);
	sef_startup();
	chardriver_task(&vault_ops);
}
