/* ds_state_crc32: see dsstate.h. The reflected CRC-32 of IEEE 802.3
 * (polynomial 0xEDB88320, initial value and final xor all ones), bit by
 * bit: no table, a state is checksummed only when saved or restored. */
#include "dsstate.h"

uint32_t ds_state_crc32(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t crc = 0xFFFFFFFFu;
	for (size_t i = 0; i < len; i++) {
		crc ^= p[i];
		for (int bit = 0; bit < 8; bit++)
			crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1u));
	}
	return ~crc;
}
