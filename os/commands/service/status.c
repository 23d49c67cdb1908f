/* service status [LABEL]: one line per service, key=value fields; the pid
 * comes from PM's process table. */
#ifdef __phoenix__
#include <errno.h>
#include <phoenix.h>
#include <stdio.h>
#include <string.h>
#include "manifest.h"
#include "request.h"

#define SVC_MAX_PROCS 256

/* Prints "pid=N" for endpoint EP from TAB (N entries), or "pid=-". */
static void svc_print_pid(endpoint_t ep, const struct pm_proc_info *tab,
    int n)
{
	for (int i = 0; i < n; i++)
		if (tab[i].endpoint == ep) {
			printf(" pid=%d", (int) tab[i].pid);
			return;
		}
	printf(" pid=-");
}

/* Asks RS for the status of one service or all, prints a line each:
 * label endpoint pid restarts state period binary dev restart; after
 * `service shutdown`, a first line (no key=value fields) says RS
 * restarts nothing any more. */
int svc_status(struct svc_cmd *cmd)
{
	static struct rs_status st[RS_STATUS_MAX];
	static struct pm_proc_info tab[SVC_MAX_PROCS];
	int count;
	int r = svc_call(RS_STATUS, cmd, (vir_bytes) st, sizeof(st), 0,
	    cmd->all ? "" : cmd->start.label, &count);
	if (r)
		return r;
	if (count > RS_STATUS_MAX)
		count = RS_STATUS_MAX;
	int bytes = getsysinfo(SI_PROCTAB, tab, sizeof(tab));
	int nprocs = bytes > 0 ? bytes / (int) sizeof(tab[0]) : 0;
	int shut = 0;
	for (int i = 0; i < count; i++)
		shut |= (st[i].flags & RS_STATUS_SHUTDOWN) != 0;
	if (shut)
		printf("RS is shut down: restarts are off, a service that fails "
		    "stays down\n");
	for (int i = 0; i < count; i++) {
		const struct rs_status *s = &st[i];
		printf("label=%.*s endpoint=%d", RS_LABEL_MAX, s->label,
		    (int) s->endpoint);
		svc_print_pid(s->endpoint, tab, nprocs);
		printf(" restarts=%d state=%s period=%d binary=%.*s dev=%.*s "
		    "restart=%s\n", (int) s->restarts, svc_state_name(s->state),
		    (int) s->period, RS_PATH_MAX,
		    s->binary[0] ? s->binary : "-", RS_PATH_MAX,
		    s->dev[0] ? s->dev : "-", manifest_restart_name(s->restart));
	}
	return 0;
}
#endif
