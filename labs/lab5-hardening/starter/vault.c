/* vault: a driver that keeps one message (/dev/vault): a write replaces
 * it, a read gives it back like a file. Lab 5's starter: it works until
 * the first fault. The message lives only in this process's memory, so a
 * crash loses it, and the heartbeat is slow (vault.conf), so a hang takes
 * long to notice. README.md says what to harden. */
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include "chardriver.h"
#include "sef.h"

#define VAULT_MAX 128

struct vault_state {
	uint32_t writes;
	uint32_t len;
	char msg[VAULT_MAX];
};

static struct vault_state state;

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

static int vault_write(const struct chardriver_req *req)
{
	if (req->minor != 0)
		return -ENODEV;
	size_t n = req->size < VAULT_MAX ? req->size : VAULT_MAX;
	int r = chardriver_copyin(req->grant, 0, state.msg, n);
	if (r)
		return r;
	state.len = (uint32_t) n;
	state.writes++;
	return (int) req->size;
}

static const struct chardriver vault_ops = {
	.read = vault_read,
	.write = vault_write,
};

static int init(const struct sef_init_info *info)
{
	memset(&state, 0, sizeof(state));
	printf("vault: started (%u writes)\n", (unsigned) state.writes);
	chardriver_announce(info);
	return 0;
}

int main(int argc, char *argv[])
{
	chardriver_args(argc, argv);
	sef_setcb_init_fresh(init);
	sef_setcb_init_restart(init);
	sef_setcb_init_lu(init);
	sef_startup();
	chardriver_task(&vault_ops);
}
