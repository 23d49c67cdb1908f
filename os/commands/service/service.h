/* service: the command that asks the reincarnation server (RS) to start,
 * stop, restart, update and report system services (abi/rs.h).
 * args.c turns the command line into a struct svc_cmd (pure: also built
 * on the host by os/tests/test_service_host.py); main.c and the request
 * files talk to RS (guest only). */
#ifndef SERVICE_H
#define SERVICE_H

#include <stdio.h>
#include <abi/rs.h>

enum svc_verb {
	SVC_UP, SVC_DOWN, SVC_REFRESH, SVC_RESTART, SVC_UPDATE, SVC_FI,
	SVC_STATUS, SVC_SHUTDOWN, SVC_SYSCTL, SVC_HELP
};

/* A parsed command line. */
struct svc_cmd {
	enum svc_verb verb;
	struct rs_start start;       /* label, binary, args, dev, period,
	                              * script, flags, state, maxtime; image,
	                              * dev_major, manifest: filled later */
	int self;                    /* update self */
	const char *config;          /* -config FILE, or NULL */
	int fi_kind;                 /* FI_* */
	int fi_patch;                /* fi LABEL patch ADDR OLDHEX NEWHEX */
	struct rs_fi_patch patch;    /* its label, addr, len, old, new */
	int all;                     /* status without a label */
	int sysctl;                  /* sysctl: RS_SYSCTL_* */
};

/* args.c */
int svc_parse(int argc, char **argv, struct svc_cmd *cmd, char *err,
    size_t err_size);
void svc_usage(FILE *f);
const char *svc_verb_name(enum svc_verb v);
const char *svc_state_name(int state);

#endif
