/* Driver up: a driver that finished its init tells the data store which
 * major it now serves, under a prefix per driver class; VFS and the file
 * servers subscribe to those keys (abi/ds.h). */
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include "ds.h"
#include "ds_announce.h"

/* ds_announce_major: see ds_announce.h. */
int ds_announce_major(const char *prefix, const struct sef_init_info *info)
{
	if (info->dev_major < 0 || info->label[0] == '\0')
		return 0;
	char key[DS_KEY_MAX];
	size_t plen = strlen(prefix);
	if (plen + strlen(info->label) >= sizeof(key))
		return -EINVAL;
	memcpy(key, prefix, plen);
	strlcpy(key + plen, info->label, sizeof(key) - plen);
	int r = ds_publish_u32(key, (uint32_t) info->dev_major, DSF_OVERWRITE);
	if (r != 0)
		printf("%s: cannot announce major %d (%d)\n", info->label,
		    info->dev_major, r);
	return r;
}
