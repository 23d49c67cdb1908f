/* Kernel symbol lookup for backtraces.
 *
 * The table is generated from the linked kernel (os/tools/mksyms.sh) and
 * linked in on a second pass; see the "ksyms" rules in os/kernel/kernel.mk.
 * Layout in .ksyms: a count, then count (address, name offset) pairs sorted
 * by address, then the NUL-terminated names. */
#include "kernel.h"

struct ksym {
	uint32_t addr;
	uint32_t name;     /* offset into ksym_names */
};

extern const uint32_t ksym_count;
extern const struct ksym ksym_table[];
extern const char ksym_names[];

/* ksym_lookup: the name of the function containing ADDR and the offset of
 * ADDR in it, or NULL when the table has nothing at or below ADDR. */
const char *ksym_lookup(uint32_t addr, uint32_t *offset)
{
	int lo = 0, hi = (int) ksym_count - 1, best = -1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (ksym_table[mid].addr <= addr) {
			best = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	if (best < 0 || addr >= (uint32_t) &ksym_count)
		return NULL;
	*offset = addr - ksym_table[best].addr;
	return ksym_names + ksym_table[best].name;
}
