/* The network-driver library's dispatch table: NDEV_* request type ->
 * handler. */
#include "netdriver_priv.h"

#define NR_REQUESTS (NDEV_STATS - NDEV_BASE + 1)

static const netdriver_handler table[NR_REQUESTS] = {
	[NDEV_INIT - NDEV_BASE] = netdriver_do_init,
	[NDEV_SEND - NDEV_BASE] = netdriver_do_send,
	[NDEV_RECV - NDEV_BASE] = netdriver_do_recv,
	[NDEV_STATS - NDEV_BASE] = netdriver_do_stats,
};

/* netdriver_lookup: see netdriver_priv.h. */
netdriver_handler netdriver_lookup(int type)
{
	if (type < NDEV_BASE || type >= NDEV_BASE + NR_REQUESTS)
		return NULL;
	return table[type - NDEV_BASE];
}
