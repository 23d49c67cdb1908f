/* Signals for system processes: events from RS (SEF_EV_TERM) go to the
 * signal callback; a signal manager's SYSTEM notifications are collected
 * (SYS_GETKSIG) and handed to the signal-manager callback. */
#include <stdio.h>
#include <abi/signal.h>
#include "syslib.h"
#include "sef_priv.h"

/* sef_setcb_signal_handler: see sef.h. NULL restores the default. */
void sef_setcb_signal_handler(sef_cb_signal_handler_t cb)
{
	sef_cbs.signal_handler = cb;
}

/* sef_setcb_signal_manager: see sef.h. With a callback set, sef_receive
 * keeps the kernel's SYSTEM notifications for it; NULL passes them on. */
void sef_setcb_signal_manager(sef_cb_signal_manager_t cb)
{
	sef_cbs.signal_manager = cb;
}

/* sef_signal_deliver: see sef_priv.h. The default handler ends the
 * process (status 0) on SIGTERM and ignores the rest. */
void sef_signal_deliver(int signo)
{
	if (sef_cbs.signal_handler) {
		sef_cbs.signal_handler(signo);
		return;
	}
	if (signo == SIGTERM)
		sef_exit(0);
}

/* sef_signal_manage: see sef_priv.h. */
void sef_signal_manage(void)
{
	for (;;) {
		endpoint_t ep;
		sigset_k sigs;
		int status;
		int r = sys_getksig(&ep, &sigs, &status);
		if (r != 0) {
			printf("%s: getksig failed (%d)\n", sef_label(), r);
			return;
		}
		if (ep == NONE)
			return;
		sef_cbs.signal_manager(ep, sigs, status);
	}
}
