/* service's requests to RS (guest only): each returns the exit status. */
#ifndef SERVICE_REQUEST_H
#define SERVICE_REQUEST_H

#include "service.h"

/* request.c */
int svc_call(int type, struct svc_cmd *cmd, vir_bytes addr, uint32_t len,
    int32_t arg, const char *label, int *reply);
int svc_simple(struct svc_cmd *cmd);

/* explain.c */
void svc_explain(struct svc_cmd *cmd, int err);

/* up.c */
int svc_up(struct svc_cmd *cmd);
int svc_update(struct svc_cmd *cmd);

/* core.c */
int svc_core_refusal(struct svc_cmd *cmd, const char *label);

/* status.c */
int svc_status(struct svc_cmd *cmd);

/* sysctl.c */
int svc_sysctl(struct svc_cmd *cmd);

#endif
