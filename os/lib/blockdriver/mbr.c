/* The MBR partition table: four primary entries in a drive's first sector
 * (abi/blockdev.h). No system calls (host-tested). */
#include <string.h>
#include "blockdriver.h"

/* le32: the little-endian 32-bit number at P (the MBR is little endian
 * whatever the host). */
static uint32_t le32(const uint8_t *p)
{
	return (uint32_t) p[0] | (uint32_t) p[1] << 8 |
	    (uint32_t) p[2] << 16 | (uint32_t) p[3] << 24;
}

/* blockdriver_parse_mbr: see blockdriver.h. Entries are read byte by byte
 * (the table is not aligned); overlapping partitions are allowed, as on
 * other systems: only the drive's end is checked. */
int blockdriver_parse_mbr(const uint8_t *sector, uint64_t drive_size,
    uint32_t sector_size, struct part_geom parts[BDEV_NR_PARTS])
{
	memset(parts, 0, BDEV_NR_PARTS * sizeof(parts[0]));
	if (sector[MBR_SIG_OFFSET] != MBR_SIG0 ||
	    sector[MBR_SIG_OFFSET + 1] != MBR_SIG1 || sector_size == 0)
		return 0;
	int usable = 0;
	for (int i = 0; i < BDEV_NR_PARTS; i++) {
		const uint8_t *e = sector + MBR_PART_OFFSET +
		    i * sizeof(struct mbr_part);
		uint8_t type = e[4];
		uint64_t first = le32(e + 8);
		uint64_t count = le32(e + 12);
		if (type == 0 || count == 0 || first == 0)
			continue;
		uint64_t base = first * sector_size;
		uint64_t size = count * sector_size;
		if (base >= drive_size || size > drive_size - base)
			continue;
		parts[i].base = base;
		parts[i].size = size;
		parts[i].sector_size = sector_size;
		usable++;
	}
	return usable;
}
