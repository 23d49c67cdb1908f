/* Driver up: a block driver that finished its init tells the data store,
 * where VFS and the file servers (subscribed to "drv.blk.*") learn which
 * major the driver now serves and that requests that failed while it was
 * down may be tried again. */
#include "blockdriver.h"
#include "../ds/ds_announce.h"

/* blockdriver_announce: see blockdriver.h. */
int blockdriver_announce(const struct sef_init_info *info)
{
	return ds_announce_major("drv.blk.", info);
}
