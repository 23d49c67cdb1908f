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

static int vault_read(int minor, int32_t pos, uint32_t grant, size_t size,
    int flags, endpoint_t user, uint32_t id)
{
	(void) flags, (void) user, (void) id;
	if (minor != 0)
		return -ENODEV;
	if (pos < 0 || (uint32_t) pos >= state.len)
		return 0;
	size_t n = state.len - (uint32_t) pos;
	if (n > size)
		n = size;
	int r = chardriver_copyout(grant, 0, state.msg + pos, n);
	return r ? r : (int) n;
}

static int vault_write(int minor, int32_t pos, uint32_t grant, size_t size,
    int flags, endpoint_t user, uint32_t id)
{
	(void) pos, (void) flags, (void) user, (void) id;
	if (minor != 0)
		return -ENODEV;
	size_t n = size < VAULT_MAX ? size : VAULT_MAX;
	int r = chardriver_copyin(grant, 0, state.msg, n);
	if (r)
		return r;
	state.len = (uint32_t) n;
	state.writes++;
	return (int) size;
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
