/* What one instance of a network driver keeps for the library: its client
 * (the endpoint of the last NDEV_INIT, the one notified), the card's
 * address, its counters and the last link state seen. A new instance
 * (restart, live update) starts with none of it: the client finds it
 * again through driver up (netdriver_announce). */
#include <stdio.h>
#include <string.h>
#include "netdriver_priv.h"
#include "syslib.h"
#include "sef.h"

static endpoint_t client = NONE;
static uint8_t addr[NDEV_ADDR_LEN];
static struct ndev_stats stats;
static int last_link = -1;        /* -1: not seen yet */

/* netdriver_set_client: see netdriver_priv.h. */
void netdriver_set_client(endpoint_t ep)
{
	client = ep;
}

/* netdriver_client: see netdriver.h. */
endpoint_t netdriver_client(void)
{
	return client;
}

/* netdriver_set_addr: see netdriver.h. */
void netdriver_set_addr(const uint8_t a[NDEV_ADDR_LEN])
{
	memcpy(addr, a, NDEV_ADDR_LEN);
}

/* netdriver_addr: see netdriver_priv.h. */
const uint8_t *netdriver_addr(void)
{
	return addr;
}

/* netdriver_stats: see netdriver.h. */
struct ndev_stats *netdriver_stats(void)
{
	return &stats;
}

/* netdriver_notify: see netdriver.h. A client that died meanwhile makes
 * the notification fail; the next NDEV_INIT names the new one. */
void netdriver_notify(void)
{
	if (client != NONE)
		(void) ipc_notify(client);
}

/* netdriver_link_check: see netdriver_priv.h. */
void netdriver_link_check(int link)
{
	if (last_link == link)
		return;
	if (last_link >= 0) {
		stats.link_changes++;
		printf("%s: link %s\n", sef_label(),
		    link == NDEV_LINK_UP ? "up" : "down");
		netdriver_notify();
	}
	last_link = link;
}
