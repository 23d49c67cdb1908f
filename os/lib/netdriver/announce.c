/* Driver up for a network driver: the u32 "drv.net.<label>" = 0 in the
 * data store, which inet (subscribed to "drv.net.*") takes as the signal
 * to send NDEV_INIT to the driver's current endpoint (abi/net.h). */
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include "netdriver.h"
#include "sef.h"
#include "ds.h"

#define PREFIX "drv.net."

/* netdriver_announce: see netdriver.h. */
int netdriver_announce(const struct sef_init_info *info)
{
	if (info->label[0] == '\0')
		return 0;
	char key[DS_KEY_MAX];
	size_t plen = strlen(PREFIX);
	if (plen + strlen(info->label) >= sizeof(key))
		return -EINVAL;
	memcpy(key, PREFIX, plen);
	strlcpy(key + plen, info->label, sizeof(key) - plen);
	int r = ds_publish_u32(key, 0, DSF_OVERWRITE);
	if (r != 0)
		printf("%s: cannot announce the driver (%d)\n", info->label, r);
	return r;
}
