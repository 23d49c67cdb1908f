/* The network-driver library's SEF callbacks: every init type (fresh,
 * restart, live update) sets the card up through the driver's init and
 * announces the driver; a live update is ready whenever SEF asks (every
 * request is answered before the next receive); SIGTERM (service down)
 * stops the card before the driver exits, so that it never writes
 * received frames into memory the driver no longer owns.
 *
 * The old instance of a live update does not stop its card: its memory
 * (rings, buffers) lives until the new instance finished its init, whose
 * first act is the card's reset; and an update that is rolled back finds
 * the card still running. */
#include <stdlib.h>
#include "netdriver_priv.h"
#include "sef.h"
#include <abi/signal.h>

static const struct netdriver *init_ops;

/* init: SEF init callback of every type: the driver's init, then driver
 * up. The init's error fails the start (RS brings a fresh driver down,
 * rolls an update back); a failed announcement only logs (inet then
 * learns of the driver at its next start). */
static int init(const struct sef_init_info *info)
{
	int r = init_ops->init(info);
	if (r != 0)
		return r;
	(void) netdriver_announce(info);
	return 0;
}

/* on_signal: SEF signal handler: SIGTERM stops the card and exits (0);
 * other signals are ignored. */
static void on_signal(int signo)
{
	if (signo != SIGTERM)
		return;
	if (init_ops->stop)
		init_ops->stop();
	exit(0);
}

/* netdriver_sef_setup: see netdriver_priv.h. */
void netdriver_sef_setup(const struct netdriver *ops)
{
	init_ops = ops;
	sef_setcb_init_fresh(init);
	sef_setcb_init_restart(init);
	sef_setcb_init_lu(init);
	sef_setcb_lu_prepare(sef_cb_lu_prepare_standard);
	sef_setcb_signal_handler(on_signal);
}
