/* The network-driver library's checks of a request and the fixed parts of
 * every reply. Pure functions (no system calls), so the host tests run
 * them as they are (os/tests/test_netdriver_host.py). */
#include <string.h>
#include "netdriver_priv.h"
#include <abi/errno.h>

/* netdriver_check: see netdriver_priv.h. */
int netdriver_check(int type, uint32_t size)
{
	switch (type) {
	case NDEV_SEND:
		return size < NDEV_FRAME_MIN || size > NDEV_FRAME_MAX ?
		    -EINVAL : 0;
	case NDEV_RECV:
		return size < NDEV_FRAME_MAX ? -EINVAL : 0;
	case NDEV_STATS:
		return size < sizeof(struct ndev_stats) ? -EINVAL : 0;
	default:
		return 0;
	}
}

/* netdriver_fill: see netdriver_priv.h. */
void netdriver_fill(struct mess_ndev_reply *rep, int link,
    const uint8_t addr[NDEV_ADDR_LEN])
{
	rep->link = link == NDEV_LINK_UP ? NDEV_LINK_UP : NDEV_LINK_DOWN;
	memcpy(rep->addr, addr, NDEV_ADDR_LEN);
	rep->mtu = NETDRIVER_MTU;
}
