/* inet's counters (abi/socket.h NET_STAT_LIST), the interface eth0 and
 * the clock every timer reads. */
#include <string.h>
#include "inet.h"

struct net_stats inet_stats;
struct net_ifconf inet_if;
uint32_t inet_now;

/* inet_if_defaults: see inet.h. */
void inet_if_defaults(void)
{
	memset(&inet_stats, 0, sizeof(inet_stats));
	memset(&inet_if, 0, sizeof(inet_if));
	strcpy(inet_if.name, "eth0");
	inet_if.flags = NET_IF_UP;
	inet_if.addr = INET_IP(10, 0, 2, 15);
	inet_if.netmask = INET_IP(255, 255, 255, 0);
	inet_if.gateway = INET_IP(10, 0, 2, 2);
	inet_if.dns = INET_IP(10, 0, 2, 3);
	inet_if.mtu = IP_MTU;
}

/* inet_is_local: see inet.h. */
int inet_is_local(uint32_t addr)
{
	if ((inet_ntohl(addr) >> 24) == 127)
		return 1;
	return addr != 0 && addr == inet_if.addr &&
	    (inet_if.flags & NET_IF_UP);
}

/* inet_is_bcast: see inet.h. */
int inet_is_bcast(uint32_t addr)
{
	if (addr == 0xffffffffu)
		return 1;
	return inet_if.netmask != 0xffffffffu &&
	    addr == (inet_if.addr | ~inet_if.netmask);
}
