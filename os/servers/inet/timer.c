/* The work that is not a request: starting fresh, the timers, and what
 * is left to do after each message (packets to ourselves, frames for the
 * driver). */
#include <string.h>
#include "inet.h"

/* inet_init: see inet.h. */
void inet_init(void)
{
	inet_if_defaults();
	memset(inet_socks, 0, sizeof(inet_socks));
	memset(inet_dgrams, 0, sizeof(inet_dgrams));
	memset(&inet_drv, 0, sizeof(inet_drv));
	drvq_clear();
	arp_flush();
}

/* inet_tick: see inet.h. */
void inet_tick(void)
{
	arp_tick();
	sock_tick();
	tcpg_tick();
	inet_run();
}

/* inet_run: see inet.h. */
void inet_run(void)
{
	while (ip_loop_run() > 0)
		;
	drvq_flush();
}
