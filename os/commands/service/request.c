/* Talking to RS: one sendrec per request; RS's negative reply becomes the
 * exit status. */
#ifdef __phoenix__
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <syslib.h>
#include <abi/boot.h>
#include "request.h"

/* Sends request TYPE to RS with rs_req {ADDR, LEN, ARG, LABEL} and waits
 * for the reply; *REPLY gets its m_type (>= 0) on success. Returns 0, or
 * the exit status after printing "service: VERB LABEL: error" (for a
 * core service's refusal: core.c's message). */
int svc_call(int type, struct svc_cmd *cmd, vir_bytes addr, uint32_t len,
    int32_t arg, const char *label, int *reply)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.u.rs_req.addr = addr;
	m.u.rs_req.len = len;
	m.u.rs_req.arg = arg;
	if (label != NULL)
		strncpy(m.u.rs_req.label, label, RS_LABEL_MAX - 1);
	int r = ipc_sendrec(RS_EP, &m);
	const char *what = cmd->start.label[0] ? cmd->start.label : "";
	if (r < 0) {
		fprintf(stderr, "service: %s %s: cannot reach RS: %s\n",
		    svc_verb_name(cmd->verb), what, strerror(-r));
		return -r;
	}
	if (m.m_type == -EPERM && svc_core_refusal(cmd, label))
		return EPERM;
	if (m.m_type < 0) {
		fprintf(stderr, "service: %s %s: %s\n", svc_verb_name(cmd->verb),
		    what, strerror(-m.m_type));
		return -m.m_type;
	}
	if (reply != NULL)
		*reply = m.m_type;
	return 0;
}

/* down, refresh, restart, fi and shutdown: rs_start with the label only
 * (fi: rs_req.arg is the kind); fi LABEL patch: RS_FI_PATCH with the
 * struct rs_fi_patch built by the parser. */
int svc_simple(struct svc_cmd *cmd)
{
	if (cmd->verb == SVC_FI && cmd->fi_patch)
		return svc_call(RS_FI_PATCH, cmd, (vir_bytes) &cmd->patch,
		    sizeof(cmd->patch), 0, cmd->patch.label, NULL);
	static const int types[] = {
		[SVC_DOWN] = RS_DOWN, [SVC_REFRESH] = RS_REFRESH,
		[SVC_RESTART] = RS_RESTART, [SVC_FI] = RS_FI,
		[SVC_SHUTDOWN] = RS_SHUTDOWN,
	};
	return svc_call(types[cmd->verb], cmd, (vir_bytes) &cmd->start,
	    sizeof(cmd->start), cmd->verb == SVC_FI ? cmd->fi_kind : 0,
	    cmd->start.label, NULL);
}
#endif
