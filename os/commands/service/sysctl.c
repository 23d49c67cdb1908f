/* service sysctl upd_run|upd_stop|upd_status: RS's queue of live updates
 * (`service -q update ...` fills it). upd_run answers when the whole batch
 * ended: 0, or the first member's error after every member was rolled
 * back. */
#ifdef __phoenix__
#include <stdio.h>
#include <string.h>
#include "request.h"

/* Runs CMD's RS_SYSCTL request; upd_status prints one line per queued
 * update ("queued LABEL"), upd_stop how many it dropped. Returns the exit
 * status. */
int svc_sysctl(struct svc_cmd *cmd)
{
	static char labels[RS_UPD_QUEUE_MAX][RS_LABEL_MAX];
	int n = 0;
	vir_bytes addr = 0;
	uint32_t len = 0;
	if (cmd->sysctl == RS_SYSCTL_UPD_STATUS) {
		addr = (vir_bytes) labels;
		len = sizeof(labels);
	}
	int r = svc_call(RS_SYSCTL, cmd, addr, len, cmd->sysctl, NULL, &n);
	if (r)
		return r;
	if (cmd->sysctl == RS_SYSCTL_UPD_STATUS) {
		for (int i = 0; i < n && i < RS_UPD_QUEUE_MAX; i++)
			printf("queued %.*s\n", RS_LABEL_MAX, labels[i]);
	} else if (cmd->sysctl == RS_SYSCTL_UPD_STOP) {
		printf("%d queued updates dropped\n", n);
	}
	return 0;
}
#endif
