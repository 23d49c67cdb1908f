/* Driver up: a character driver that finished its init tells the data
 * store, where VFS (subscribed to "drv.chr.*") learns which major the
 * driver now serves (abi/ds.h). */
#include "chardriver.h"
#include "../ds/ds_announce.h"

/* chardriver_announce: see chardriver.h. */
int chardriver_announce(const struct sef_init_info *info)
{
	return ds_announce_major("drv.chr.", info);
}
