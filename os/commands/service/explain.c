/* What RS's refusals mean, said on stderr as sentences ("service: hello
 * is already running: ...", "service: no service named X ...").
 * RS answers only an error number; where it is ambiguous (EBUSY for up:
 * the label or the device; EPERM: not root) `service` finds out which. */
#ifdef __phoenix__
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <syslib.h>
#include <abi/boot.h>
#include <abi/pm.h>
#include "request.h"

/* Asks RS for every service's status into ST (RS_STATUS_MAX records).
 * Returns how many, or -1. */
static int svc_all_status(struct rs_status *st)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = RS_STATUS;
	m.u.rs_req.addr = (vir_bytes) st;
	m.u.rs_req.len = RS_STATUS_MAX * sizeof(*st);
	if (ipc_sendrec(RS_EP, &m) < 0 || m.m_type < 0)
		return -1;
	return m.m_type < RS_STATUS_MAX ? m.m_type : RS_STATUS_MAX;
}

/* `up` got EBUSY: say whether the label runs already or which service
 * holds the device. Returns 1 if it said so, 0 if it could not tell. */
static int svc_explain_busy(struct svc_cmd *cmd)
{
	static struct rs_status st[RS_STATUS_MAX];
	const struct rs_start *s = &cmd->start;
	int n = svc_all_status(st);
	for (int i = 0; i < n; i++)
		if (strncmp(st[i].label, s->label, RS_LABEL_MAX) == 0) {
			fprintf(stderr, "service: %s is already running: up "
			    "refused (a service with this label runs "
			    "already)\n", s->label);
			return 1;
		}
	for (int i = 0; s->dev_major >= 0 && i < n; i++)
		if (st[i].dev_major == s->dev_major ||
		    strncmp(st[i].dev, s->dev, RS_PATH_MAX) == 0) {
			fprintf(stderr, "service: up: %s: %s (major %d) is bound "
			    "to service %.*s already; refused\n", s->label,
			    s->dev, (int) s->dev_major, RS_LABEL_MAX,
			    st[i].label);
			return 1;
		}
	return 0;
}

/* `fi LABEL corrupt` got ENOSYS: say why from LABEL's status record (a
 * kept-state check without a corrupt hook: a fresh start would lose what
 * the running system depends on; or no check at all). Returns 1 if it
 * said so. */
static int svc_explain_corrupt(const char *label)
{
	static struct rs_status st[RS_STATUS_MAX];
	int n = svc_all_status(st);
	for (int i = 0; i < n; i++) {
		if (strncmp(st[i].label, label, RS_LABEL_MAX) != 0)
			continue;
		if (st[i].sef_caps & SEF_CAP_STATE_CHECK)
			fprintf(stderr, "service: fi: %s corrupt: not supported: "
			    "%s checks its kept state, but a fresh start of it "
			    "would lose what the running system depends on, so "
			    "it offers no corrupt hook (nothing done)\n", label,
			    label);
		else
			fprintf(stderr, "service: fi: %s corrupt: not supported: "
			    "%s has no kept-state check to catch it (no corrupt "
			    "hook; nothing done)\n", label, label);
		return 1;
	}
	return 0;
}

/* Prints, for an answer ERR (positive) to VERB on LABEL that no other
 * explanation covered, one sentence on stderr saying what happened and
 * what is left as it was; RS's error text, where it adds something, in
 * parentheses (CMD_QUEUED: it was a `-q update`). The exit status stays
 * ERR (the caller's). */
static void svc_explain_answer(enum svc_verb verb, const char *label,
    int err, int cmd_queued)
{
	const char *name = svc_verb_name(verb);
	if (label[0] == '\0')
		label = "every service";
	if (verb == SVC_SYSCTL && err == ENOENT) {
		fprintf(stderr, "service: sysctl: no update is queued, or a "
		    "queued service is gone (nothing changed)\n");
	} else if (verb == SVC_SYSCTL && err == EBUSY) {
		fprintf(stderr, "service: sysctl: an update is in progress, or "
		    "a queued service is not up (nothing changed)\n");
	} else if (verb == SVC_SYSCTL) {
		fprintf(stderr, "service: sysctl: the update batch failed (%s); "
		    "every service was rolled back and keeps running its old "
		    "version (RS's console lines say which one failed)\n",
		    strerror(err));
	} else if (err == EBUSY && verb == SVC_UPDATE &&
	    cmd_queued) {
		fprintf(stderr, "service: -q update: an update of %s is queued "
		    "already (nothing changed)\n", label);
	} else if (err == ENOSPC && verb == SVC_UPDATE) {
		fprintf(stderr, "service: -q update: RS's queue is full (%d "
		    "updates); run it or drop it first\n", RS_UPD_QUEUE_MAX);
	} else if (err == ENOENT && verb != SVC_UP && verb != SVC_SHUTDOWN) {
		fprintf(stderr, "service: no service named %s (service status "
		    "lists them)\n", label);
	} else if (err == EBUSY && verb == SVC_FI) {
		fprintf(stderr, "service: fi: %s is not running now (it is "
		    "starting, restarting, updating or going down); no fault "
		    "injected\n", label);
	} else if (err == EBUSY && verb == SVC_UPDATE) {
		fprintf(stderr, "service: update: %s cannot be updated now: it "
		    "is not up, or an update is in progress (nothing "
		    "changed)\n", label);
	} else if (err == EBUSY) {
		fprintf(stderr, "service: %s: %s is busy with another request "
		    "(a restart, an update or going down); nothing done, try "
		    "again\n", name, label);
	} else if (err == EINTR && verb == SVC_UPDATE) {
		fprintf(stderr, "service: update: %s was not ready for the "
		    "update in time (or it was cancelled); the old version "
		    "keeps running\n", label);
	} else if (err == ERESTART && verb == SVC_UPDATE) {
		fprintf(stderr, "service: update: the new version of %s ended "
		    "before its init; the old version keeps running\n", label);
	} else if (verb == SVC_UPDATE) {
		fprintf(stderr, "service: update: the update of %s failed (%s); "
		    "the old version keeps running\n", label, strerror(err));
	} else if (err == ERESTART && verb == SVC_UP) {
		fprintf(stderr, "service: up: %s ended before its init "
		    "finished; brought down\n", label);
	} else if (err == EINVAL) {
		fprintf(stderr, "service: %s: RS refused the request for %s as "
		    "invalid (nothing changed; RS's console line says "
		    "why)\n", name, label);
	} else if (err == ENOMEM) {
		fprintf(stderr, "service: %s: RS ran out of memory for %s "
		    "(nothing changed)\n", name, label);
	} else if (verb == SVC_UP) {
		fprintf(stderr, "service: up: %s could not be started (%s); "
		    "brought down\n", label, strerror(err));
	} else {
		fprintf(stderr, "service: %s: the request for %s failed "
		    "(%s)\n", name, label, strerror(err));
	}
}

/* svc_explain: RS refused CMD with error ERR (positive): print why. */
void svc_explain(struct svc_cmd *cmd, int err)
{
	const char *verb = svc_verb_name(cmd->verb);
	const char *label = cmd->start.label[0] || !cmd->fi_patch ?
	    cmd->start.label : cmd->patch.label;
	if (err == EPERM && geteuid() != 0) {
		fprintf(stderr, "service: %s: permission denied: only root may "
		    "up, down, refresh, restart, update, fi or shut down "
		    "services\n", verb);
		return;
	}
	if (err == EPERM && svc_core_refusal(cmd, label))
		return;
	if (err == ENOSPC && cmd->verb == SVC_UP) {
		fprintf(stderr, "service: up: %s: RS's table is full (%d "
		    "services); take one down first\n", label,
		    RS_MAX_SERVICES);
		return;
	}
	if (err == EBUSY && cmd->verb == SVC_UP && svc_explain_busy(cmd))
		return;
	if (err == ENOSYS && cmd->verb == SVC_FI && !cmd->fi_patch &&
	    cmd->fi_kind == FI_CORRUPT && strcmp(label, "rs") != 0 &&
	    svc_explain_corrupt(label))
		return;
	if (err == ENOSYS && cmd->verb == SVC_FI && !cmd->fi_patch) {
		fprintf(stderr, "service: fi: %s: this fault kind is not "
		    "supported by %s (nothing done)\n", label, label);
		return;
	}
	svc_explain_answer(cmd->verb, label, err,
	    (cmd->start.flags & RS_UPD_QUEUE) != 0);
}
#endif
