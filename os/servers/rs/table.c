/* RS's request table: request number -> handler, and who may ask it. Two
 * ranges: the `service`/PM requests (abi/rs.h) and the event framework's
 * (abi/sef.h). The one place that decides who may ask what: the `who`
 * column, checked by access_check (access.c) before any handler runs. */
#include "rs.h"

static const struct rs_call rs_calls[] = {
	[RS_UP - RS_BASE]        = { do_up,        "up",        RS_WHO_ROOT },
	[RS_DOWN - RS_BASE]      = { do_down,      "down",      RS_WHO_ROOT },
	[RS_REFRESH - RS_BASE]   = { do_refresh,   "refresh",   RS_WHO_ROOT },
	[RS_RESTART - RS_BASE]   = { do_restart,   "restart",   RS_WHO_ROOT },
	[RS_UPDATE - RS_BASE]    = { do_update,    "update",    RS_WHO_ROOT },
	[RS_FI - RS_BASE]        = { do_fi,        "fi",        RS_WHO_ROOT },
	[RS_FI_PATCH - RS_BASE]  = { do_fi_patch,  "fi patch",  RS_WHO_ROOT },
	[RS_STATUS - RS_BASE]    = { do_status,    "status",    RS_WHO_ANYONE },
	[RS_SHUTDOWN - RS_BASE]  = { do_shutdown,  "shutdown",  RS_WHO_ROOT },
	[RS_PM_SCRIPT - RS_BASE] = { do_pm_script, "pm script", RS_WHO_PM },
	[RS_PCI_ACL - RS_BASE]   = { do_pci_acl,   "pci acl",   RS_WHO_ANYONE },
	[RS_SYSCTL - RS_BASE]    = { do_sysctl,    "sysctl",    RS_WHO_ROOT },
};

/* The event framework's requests: services (root, pid 0) only; each
 * handler checks that the sender is the instance it is about. */
static const struct rs_call sef_calls[] = {
	[RS_SEF_INIT - SEF_BASE]      = { do_sef_init,      "sef init",
	    RS_WHO_ANYONE },
	[RS_SEF_INIT_DONE - SEF_BASE] = { do_sef_init_done, "sef init done",
	    RS_WHO_ANYONE },
	[RS_SEF_POLL - SEF_BASE]      = { do_sef_poll,      "sef poll",
	    RS_WHO_ANYONE },
	[RS_SEF_LU_READY - SEF_BASE]  = { do_sef_lu_ready,  "sef lu ready",
	    RS_WHO_ANYONE },
};

/* rs_dispatch: run the handler of request M if its sender may ask it;
 * returns the reply code, or NO_REPLY. Unknown requests get -ENOSYS, a
 * sender who may not ask -EPERM (access_check). */
int rs_dispatch(message *m)
{
	const struct rs_call *c = NULL;
	uint32_t i = (uint32_t) (m->m_type - RS_BASE);
	uint32_t k = (uint32_t) (m->m_type - SEF_BASE);
	if (i < sizeof(rs_calls) / sizeof(rs_calls[0]))
		c = &rs_calls[i];
	else if (k < sizeof(sef_calls) / sizeof(sef_calls[0]))
		c = &sef_calls[k];
	if (!c || !c->handler)
		return -ENOSYS;
	int r = access_check(c, m);
	return r != 0 ? r : c->handler(m);
}
