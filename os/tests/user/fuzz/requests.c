/* The requests counted one by one: those that change who runs or what
 * runs (the privileged ones, which an unprivileged worker must be refused),
 * those that end, replace, copy or suspend the worker, and two open ones
 * for contrast. For each the supervisor counts what was sent and what came
 * back (see README.md, "Counted requests"). */
#include <string.h>
#include <abi/boot.h>
#include <abi/errno.h>
#include <abi/message.h>
#include <abi/rs.h>
#include "fuzz.h"

#define P FZ_REQ_PRIVILEGED
#define L FZ_REQ_LIFE
const struct fz_request fz_requests[FZ_NR_REQUESTS] = {
	{ RS_UP, "RS_UP", RS_EP, P },
	{ RS_DOWN, "RS_DOWN", RS_EP, P },
	{ RS_REFRESH, "RS_REFRESH", RS_EP, P },
	{ RS_RESTART, "RS_RESTART", RS_EP, P },
	{ RS_UPDATE, "RS_UPDATE", RS_EP, P },
	{ RS_FI, "RS_FI", RS_EP, P },
	{ RS_FI_PATCH, "RS_FI_PATCH", RS_EP, P },
	{ RS_SHUTDOWN, "RS_SHUTDOWN", RS_EP, P | FZ_REQ_WITHHELD_AS_ROOT },
	{ PM_REBOOT, "PM_REBOOT", PM_EP, P | FZ_REQ_WITHHELD_AS_ROOT },
	{ PM_SETUID, "PM_SETUID", PM_EP, P },
	{ PM_SETGID, "PM_SETGID", PM_EP, P },
	{ PM_FORK, "PM_FORK", PM_EP, L },
	{ PM_EXEC, "PM_EXEC", PM_EP, L },
	{ PM_EXIT, "PM_EXIT", PM_EP, L },
	{ PM_SIGSUSPEND, "PM_SIGSUSPEND", PM_EP, L },
	{ PM_GETUID, "PM_GETUID", PM_EP, 0 },
	{ RS_STATUS, "RS_STATUS", RS_EP, 0 },
};
#undef P
#undef L

/* fz_request_of: the index in fz_requests of *M, or -1: a server-class
 * message of one of those types to the server that serves it. */
int fz_request_of(const struct fz_msg *m)
{
	if (m->cls != FZ_CLS_SERVER)
		return -1;
	for (int i = 0; i < FZ_NR_REQUESTS; i++)
		if (fz_requests[i].type == m->type)
			return fz_targets[m->target].ep == fz_requests[i].server ?
			    i : -1;
	return -1;
}

/* Labels a well-formed RS request names: the test driver, which every
 * image has and nothing needs, and one nobody has. Never a core service:
 * a development run as root (-R) must not take the system down. */
static const char *const wf_labels[] = { "hello", "hello", "nosuch" };

/* fz_wellformed_label: the label a well-formed privileged RS request *M
 * names, or NULL when M is sent as generated (random). Half of them are
 * well formed: a random one fails RS's size check (-EINVAL) before any
 * permission check could show, so only a well-formed one proves that RS
 * refuses the caller rather than its arguments. */
const char *fz_wellformed_label(const struct fz_msg *m)
{
	int i = fz_request_of(m);
	if (i < 0 || fz_targets[m->target].ep != RS_EP ||
	    !(fz_requests[i].flags & FZ_REQ_PRIVILEGED) ||
	    m->type == RS_SHUTDOWN || (m->fill >> 31))
		return NULL;
	return wf_labels[(m->fill >> 8) % (sizeof(wf_labels) /
	    sizeof(wf_labels[0]))];
}

/* fz_classify: the class of REPLY (the kernel's result, or the server's
 * m_type) to request *M: FZ_REPLY_FINDING when M asks for a privilege the
 * student does not have and got it (reply >= 0), else FZ_REPLY_OK (>= 0),
 * FZ_REPLY_REFUSED (-EPERM) or FZ_REPLY_ERROR. STUDENT_UID, STUDENT_GID:
 * the identity the worker is meant to have (a set-uid or set-gid to it is
 * not a privilege). */
int fz_classify(const struct fz_msg *m, int32_t reply, uint32_t student_uid,
    uint32_t student_gid)
{
	int i = fz_request_of(m);
	if (reply == -EPERM)
		return FZ_REPLY_REFUSED;
	if (reply < 0)
		return FZ_REPLY_ERROR;
	if (i < 0 || !(fz_requests[i].flags & FZ_REQ_PRIVILEGED))
		return FZ_REPLY_OK;
	if (m->type == PM_SETUID && m->w[0] == student_uid)
		return FZ_REPLY_OK;
	if (m->type == PM_SETGID && m->w[2] == student_gid)
		return FZ_REPLY_OK;
	return FZ_REPLY_FINDING;
}
