/* Core services: RS refuses down, refresh, restart, fi and update of a
 * service whose manifest lists the command under `core` (and every one of
 * them for RS itself) with EPERM, changing nothing. `service` then says
 * why, from the service's status record (rs_status.core). */
#ifdef __phoenix__
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <syslib.h>
#include <abi/boot.h>
#include "request.h"

/* The RS_CORE_* bit of VERB and how its refusal reads ("stopped"), or 0. */
static uint32_t svc_core_bit(enum svc_verb verb, const char **what)
{
	switch (verb) {
	case SVC_DOWN:    *what = "stopped";        return RS_CORE_DOWN;
	case SVC_REFRESH: *what = "refreshed";      return RS_CORE_REFRESH;
	case SVC_RESTART: *what = "restarted";      return RS_CORE_RESTART;
	case SVC_FI:      *what = "fault-injected"; return RS_CORE_FI;
	case SVC_UPDATE:  *what = "updated";        return RS_CORE_UPDATE;
	default:          *what = "";               return 0;
	}
}

/* svc_core_refusal: RS answered CMD on LABEL with EPERM. When LABEL is a
 * core service for CMD (RS's status record says so), prints
 * "service: VERB: LABEL is a core service: it cannot be WHAT (refused,
 * nothing changed)" and returns 1; else 0 (another refusal: the caller
 * prints it). */
int svc_core_refusal(struct svc_cmd *cmd, const char *label)
{
	const char *what;
	uint32_t bit = svc_core_bit(cmd->verb, &what);
	if (bit == 0 || label == NULL || label[0] == '\0')
		return 0;
	static struct rs_status st;
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = RS_STATUS;
	m.u.rs_req.addr = (vir_bytes) &st;
	m.u.rs_req.len = sizeof(st);
	strncpy(m.u.rs_req.label, label, RS_LABEL_MAX - 1);
	if (ipc_sendrec(RS_EP, &m) != 0 || m.m_type < 1 ||
	    !(st.core & bit))
		return 0;
	fprintf(stderr, "service: %s: %s is a core service: it cannot be %s "
	    "(refused, nothing changed)\n", svc_verb_name(cmd->verb), label,
	    what);
	return 1;
}
#endif
