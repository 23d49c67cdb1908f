/* The caller's grant table and the cpf_* functions (see syslib.h). */
#include "syslib.h"

static struct grant_entry table[GRANT_TABLE_SIZE];
static int registered;

/* grant_make: a grant entry for GRANTEE on (ADDR, SIZE) of OWNER's memory
 * (NONE: the caller's own) with ACCESS; its id or GRANT_INVALID. Registers
 * the table on first use. */
static uint32_t grant_make(endpoint_t grantee, endpoint_t owner,
    vir_bytes addr, size_t size, int access)
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
		table[i].owner = owner;
		table[i].flags = GRANT_VALID | (access & (GRANT_READ | GRANT_WRITE))
		    | (owner != NONE ? GRANT_MAGIC : 0) | (seq << GRANT_SEQ_SHIFT);
		return (seq << GRANT_SEQ_SHIFT) | i;
	}
	return GRANT_INVALID;
}

/* cpf_grant_direct: see syslib.h. */
uint32_t cpf_grant_direct(endpoint_t grantee, vir_bytes addr, size_t size,
    int access)
{
	return grant_make(grantee, NONE, addr, size, access);
}

/* cpf_grant_magic: see syslib.h. */
uint32_t cpf_grant_magic(endpoint_t grantee, endpoint_t owner,
    vir_bytes addr, size_t size, int access)
{
	if (owner == NONE || owner == ANY)
		return GRANT_INVALID;
	return grant_make(grantee, owner, addr, size, access);
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
	table[i].flags &= ~(GRANT_VALID | GRANT_READ | GRANT_WRITE | GRANT_MAGIC);
	return 0;
}
