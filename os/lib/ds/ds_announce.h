/* The driver libraries' "driver up" record (libchardriver, libblockdriver;
 * not part of the SDK's ds.h). */
#ifndef DS_ANNOUNCE_H
#define DS_ANNOUNCE_H

#include "sef.h"

/* ds_announce_major: publish INFO's major under PREFIX followed by its
 * label ("drv.chr.hello"), overwriting an earlier record. 0 when done or
 * when INFO has no major or no label; -EINVAL when the key is too long;
 * else DS's error, after a console line. */
int ds_announce_major(const char *prefix, const struct sef_init_info *info);

#endif
