/* ttytest's VFS (and PM) side of the character-device protocol: requests
 * with grants, and collecting completions and signals after a driver's
 * notification. */
#include "ttytest.h"

#define MAX_DONE 16
#define MAX_GRANTS 64

static uint32_t next_id = 1;

/* Completions and signals collected but not yet awaited. */
static struct { endpoint_t ep; uint32_t id; int status; } done[MAX_DONE];
static int ndone;
static struct mess_tty_sig sigs[MAX_DONE];
static int nsigs;

/* The grants of suspended reads, by request id. */
static struct { uint32_t id; uint32_t grant; } grants[MAX_GRANTS];

/* tt_call: see ttytest.h. */
int tt_call(endpoint_t ep, int type, struct mess_cdev_req *req,
    int *reply_type)
{
	message m = { 0 };
	m.m_type = type;
	if (req)
		m.u.cdev_req = *req;
	int r = ipc_sendrec(ep, &m);
	if (reply_type)
		*reply_type = r == 0 ? m.m_type : r;
	if (r != 0)
		return r;
	if (req && m.m_type == CDEV_REPLY && m.u.cdev_reply.id != req->id)
		printf("ttytest: reply for id %u to request id %u\n",
		    m.u.cdev_reply.id, req->id);
	return m.u.cdev_reply.status;
}

/* simple: request TYPE for MINOR with nothing else (open, close). */
static int simple(endpoint_t ep, int type, int minor)
{
	struct mess_cdev_req q = { .minor = minor, .id = next_id++ };
	return tt_call(ep, type, &q, NULL);
}

/* tt_open, tt_close: see ttytest.h. */
int tt_open(endpoint_t ep, int minor)
{
	return simple(ep, CDEV_OPEN, minor);
}

int tt_close(endpoint_t ep, int minor)
{
	return simple(ep, CDEV_CLOSE, minor);
}

/* keep_grant: remember GRANT of suspended request ID. */
static void keep_grant(uint32_t id, uint32_t grant)
{
	for (int i = 0; i < MAX_GRANTS; i++) {
		if (grants[i].id == 0) {
			grants[i].id = id;
			grants[i].grant = grant;
			return;
		}
	}
	printf("ttytest: too many suspended reads\n");
}

/* drop_grant: revoke the grant of suspended request ID, if any. */
static void drop_grant(uint32_t id)
{
	for (int i = 0; i < MAX_GRANTS; i++) {
		if (grants[i].id == id) {
			cpf_revoke(grants[i].grant);
			grants[i].id = 0;
		}
	}
}

/* tt_read: see ttytest.h. */
int tt_read(endpoint_t ep, int minor, void *buf, size_t size, int flags,
    uint32_t *id)
{
	uint32_t grant = cpf_grant_direct(ep, (vir_bytes) buf, size,
	    GRANT_WRITE);
	struct mess_cdev_req q = {
		.minor = minor, .id = next_id++, .grant = grant, .size = size,
		.flags = flags,
	};
	if (id)
		*id = q.id;
	int r = tt_call(ep, CDEV_READ, &q, NULL);
	if (r == CDEV_SUSPEND)
		keep_grant(q.id, grant);
	else
		cpf_revoke(grant);
	return r;
}

/* tt_write: see ttytest.h. */
int tt_write(endpoint_t ep, int minor, const void *buf, size_t size)
{
	uint32_t grant = cpf_grant_direct(ep, (vir_bytes) buf, size,
	    GRANT_READ);
	struct mess_cdev_req q = {
		.minor = minor, .id = next_id++, .grant = grant, .size = size,
	};
	int r = tt_call(ep, CDEV_WRITE, &q, NULL);
	cpf_revoke(grant);
	return r;
}

/* tt_ioctl: see ttytest.h. */
int tt_ioctl(endpoint_t ep, int minor, uint32_t request, void *arg,
    size_t size)
{
	uint32_t grant = cpf_grant_direct(ep, (vir_bytes) arg, size,
	    GRANT_READ | GRANT_WRITE);
	struct mess_cdev_req q = {
		.minor = minor, .id = next_id++, .grant = grant,
		.request = request,
	};
	int r = tt_call(ep, CDEV_IOCTL, &q, NULL);
	cpf_revoke(grant);
	return r;
}

/* tt_cancel: see ttytest.h. */
int tt_cancel(endpoint_t ep, uint32_t id)
{
	struct mess_cdev_req q = { .id = id };
	int r = tt_call(ep, CDEV_CANCEL, &q, NULL);
	drop_grant(id);
	return r;
}

/* tt_status: see ttytest.h. */
int tt_status(endpoint_t ep, uint32_t *id, int *status)
{
	message m = { 0 };
	m.m_type = CDEV_STATUS;
	int r = ipc_sendrec(ep, &m);
	if (r != 0)
		return r;
	*id = m.u.cdev_reply.id;
	*status = m.u.cdev_reply.status;
	return m.m_type;
}

/* collect: EP notified us (as VFS, and for the terminal also as PM: both
 * parts are played by this process, so one notification may mean either):
 * take every completed request and every queued signal. */
static void collect(endpoint_t ep)
{
	uint32_t id = 0;
	int status = 0;
	while (tt_status(ep, &id, &status) == CDEV_REPLY) {
		if (ndone == MAX_DONE) {
			printf("ttytest: too many completions\n");
			break;
		}
		done[ndone].ep = ep;
		done[ndone].id = id;
		done[ndone].status = status;
		ndone++;
	}
	if (ep != tt_tty)
		return;
	for (;;) {
		message m = { 0 };
		m.m_type = TTY_PM_GETSIG;
		if (ipc_sendrec(ep, &m) != 0 || m.m_type != 1)
			break;
		if (nsigs < MAX_DONE)
			sigs[nsigs++] = m.u.tty_sig;
	}
}

/* uptime: clock ticks since boot; *HZ the ticks per second. */
static uint32_t uptime(uint32_t *hz)
{
	struct mess_kc_times t = { 0 };
	sys_times(SELF, &t);
	*hz = t.hz ? t.hz : 100;
	return t.uptime;
}

/* wait_for: receive notifications until FOUND(ARG) holds (checked after
 * each) or TIMEOUT_S seconds pass. Returns 0, or -EINTR at the timeout. */
static int wait_for(int (*found)(void *), void *arg,
    int timeout_s)
{
	uint32_t hz, deadline = uptime(&hz);
	deadline += (uint32_t) timeout_s * hz;
	sys_setalarm((uint32_t) timeout_s * hz, 0, NULL);
	while (!found(arg)) {
		message m;
		if (ipc_receive(ANY, &m) != 0 || m.m_type != NOTIFY_MESSAGE)
			continue;
		if (m.m_source == CLOCK) {
			uint32_t now = uptime(&hz);
			if ((int32_t) (now - deadline) >= 0)
				return -EINTR;
		} else if (m.m_source == tt_tty || m.m_source == tt_memdev) {
			collect(m.m_source);
		}
	}
	sys_setalarm(0, 0, NULL);
	return 0;
}

struct want_done { endpoint_t ep; uint32_t id; int *status; };

/* take_done: whether the completion W asks for was collected; if so it is
 * taken. */
static int take_done(void *arg)
{
	struct want_done *w = arg;
	for (int i = 0; i < ndone; i++) {
		if (done[i].ep == w->ep && done[i].id == w->id) {
			*w->status = done[i].status;
			done[i] = done[--ndone];
			return 1;
		}
	}
	return 0;
}

/* tt_await: see ttytest.h. */
int tt_await(endpoint_t ep, uint32_t id, int timeout_s, int *status)
{
	struct want_done w = { ep, id, status };
	int r = wait_for(take_done, &w, timeout_s);
	drop_grant(id);
	return r;
}

/* take_sig: whether a signal was collected; if so it is taken. */
static int take_sig(void *arg)
{
	struct mess_tty_sig *out = arg;
	if (nsigs == 0)
		return 0;
	*out = sigs[0];
	nsigs--;
	memmove(&sigs[0], &sigs[1], (size_t) nsigs * sizeof(sigs[0]));
	return 1;
}

/* tt_await_signal: see ttytest.h. */
int tt_await_signal(int timeout_s, struct mess_tty_sig *sig)
{
	return wait_for(take_sig, sig, timeout_s);
}

/* tt_signals_left: see ttytest.h. */
int tt_signals_left(void)
{
	collect(tt_tty);
	return nsigs;
}
