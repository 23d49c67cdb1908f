/* /dev/ip: the interface's configuration and inet's counters. */
#include <string.h>
#include "inet.h"

/* set_conf: NIOCSIFCONF: address, netmask, gateway, DNS and NET_IF_UP
 * from C; the rest (name, driver, MAC, counters) is not settable. A new
 * address or mask makes the ARP cache stale. Returns 0 or -EINVAL (a mask
 * that is not a prefix). */
static int set_conf(const struct net_ifconf *c)
{
	uint32_t m = inet_ntohl(c->netmask);
	if (m != 0 && (~m & (~m + 1)) != 0)
		return -EINVAL;
	if (c->addr != inet_if.addr || c->netmask != inet_if.netmask)
		arp_flush();
	inet_if.addr = c->addr;
	inet_if.netmask = c->netmask;
	inet_if.gateway = c->gateway;
	inet_if.dns = c->dns;
	inet_if.flags = (uint16_t) ((inet_if.flags & ~NET_IF_UP) |
	    (c->flags & NET_IF_UP));
	return 0;
}

/* do_ip_ioctl: see inet.h. Setting needs /dev/ip open for writing (it is
 * root's: mode 644). */
int do_ip_ioctl(const struct chardriver_req *r)
{
	struct net_ifconf c;
	switch (r->request) {
	case NIOCGIFCONF:
		c = inet_if;
		c.flags = (uint16_t) (c.flags & NET_IF_UP);
		if ((c.flags & NET_IF_UP) && inet_drv.up &&
		    inet_drv.link == NDEV_LINK_UP)
			c.flags |= NET_IF_RUNNING;
		return chardriver_copyout(r->grant, 0, &c, sizeof(c)) ?
		    -EFAULT : 0;
	case NIOCSIFCONF:
		if ((r->flags & O_ACCMODE) == O_RDONLY)
			return -EPERM;
		if (chardriver_copyin(r->grant, 0, &c, sizeof(c)) != 0)
			return -EFAULT;
		return set_conf(&c);
	case NIOCGSTATS:
		return chardriver_copyout(r->grant, 0, &inet_stats,
		    sizeof(inet_stats)) ? -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}
