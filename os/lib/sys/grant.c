/* The caller's grant table and the cpf_* functions (see syslib.h). */
#include "syslib.h"

static struct grant_entry table[GRANT_TABLE_SIZE];
static int registered;

/* cpf_grant_direct: see syslib.h. Registers the table on first use. */
uint32_t cpf_grant_direct(endpoint_t grantee, vir_bytes addr, size_t size,
    int access)
{
	if (!registered) {
		if (sys_setgrant(table, GRANT_TABLE_SIZE) != 0)
			return GRANT_INVALID;
		registered = 1;
	}
	for (unsigned i = 0; i < GRANT_TABLE_SIZE; i++) {
		if (table[i].flags & GRANT_VALID)
			continue;
		uint32_t seq = ((table[i].flags >> GRANT_SEQ_SHIFT) + 1) & 0x7fff;
		table[i].grantee = grantee;
		table[i].addr = addr;
		table[i].size = size;
		table[i].flags = GRANT_VALID | (access & (GRANT_READ | GRANT_WRITE))
		    | (seq << GRANT_SEQ_SHIFT);
		return (seq << GRANT_SEQ_SHIFT) | i;
	}
	return GRANT_INVALID;
}

/* cpf_reregister: see syslib.h. */
int cpf_reregister(void)
{
	if (!registered)
		return 0;
	return sys_setgrant(table, GRANT_TABLE_SIZE);
}

/* cpf_revoke: see syslib.h. Returns -EINVAL for a grant that is not ours
 * or no longer valid. */
int cpf_revoke(uint32_t grant)
{
	uint32_t i = grant & 0xffff;
	if (i >= GRANT_TABLE_SIZE || !(table[i].flags & GRANT_VALID) ||
	    (table[i].flags >> GRANT_SEQ_SHIFT) != (grant >> GRANT_SEQ_SHIFT))
		return -EINVAL;
	table[i].flags &= ~(GRANT_VALID | GRANT_READ | GRANT_WRITE);
	return 0;
}
