/* Driver up: a block driver that finished its init tells the data store,
 * where VFS and the file servers (subscribed to "drv.blk.*") learn which
 * major the driver now serves and that requests that failed while it was
 * down may be tried again. */
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include "blockdriver.h"
#include "ds.h"
#include "sef.h"

#define ANNOUNCE_PREFIX "drv.blk."

/* blockdriver_announce: see blockdriver.h. */
int blockdriver_announce(const struct sef_init_info *info)
{
	if (info->dev_major < 0 || info->label[0] == '\0')
		return 0;
	char key[DS_KEY_MAX];
	size_t plen = sizeof(ANNOUNCE_PREFIX) - 1;
	if (plen + strlen(info->label) >= sizeof(key))
		return -EINVAL;
	memcpy(key, ANNOUNCE_PREFIX, plen);
	strlcpy(key + plen, info->label, sizeof(key) - plen);
	int r = ds_publish_u32(key, (uint32_t) info->dev_major, DSF_OVERWRITE);
	if (r != 0)
		printf("%s: cannot announce major %d (%d)\n", info->label,
		    info->dev_major, r);
	return r;
}
