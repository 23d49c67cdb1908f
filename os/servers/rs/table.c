/* RS's request table: request number -> handler. Two ranges: the
 * `service`/PM requests (abi/rs.h) and the event framework's (abi/sef.h). */
#include "rs.h"

static int (*const rs_calls[])(message *m) = {
	[RS_UP - RS_BASE] = do_up,
	[RS_DOWN - RS_BASE] = do_down,
	[RS_REFRESH - RS_BASE] = do_refresh,
	[RS_RESTART - RS_BASE] = do_restart,
	[RS_UPDATE - RS_BASE] = do_update,
	[RS_FI - RS_BASE] = do_fi,
	[RS_FI_PATCH - RS_BASE] = do_fi_patch,
	[RS_STATUS - RS_BASE] = do_status,
	[RS_SHUTDOWN - RS_BASE] = do_shutdown,
	[RS_PM_SCRIPT - RS_BASE] = do_pm_script,
};

static int (*const sef_calls[])(message *m) = {
	[RS_SEF_INIT - SEF_BASE] = do_sef_init,
	[RS_SEF_INIT_DONE - SEF_BASE] = do_sef_init_done,
	[RS_SEF_POLL - SEF_BASE] = do_sef_poll,
	[RS_SEF_LU_READY - SEF_BASE] = do_sef_lu_ready,
};

/* rs_dispatch: run the handler of request M; returns the reply code, or
 * NO_REPLY. Unknown requests get -ENOSYS. */
int rs_dispatch(message *m)
{
	uint32_t i = (uint32_t) (m->m_type - RS_BASE);
	if (i < sizeof(rs_calls) / sizeof(rs_calls[0]) && rs_calls[i])
		return rs_calls[i](m);
	i = (uint32_t) (m->m_type - SEF_BASE);
	if (i < sizeof(sef_calls) / sizeof(sef_calls[0]) && sef_calls[i])
		return sef_calls[i](m);
	return -ENOSYS;
}
