/* Character devices (abi/cdev.h): requests to the driver a device file's
 * major names. A read or write goes through a magic grant (abi/grant.h
 * GRANT_MAGIC) VFS makes on the user's own buffer: the driver copies
 * straight to or from the user, one copy; a write of more than one chunk
 * and an ioctl's argument through a grant on a VFS bounce buffer.
 * Requests the driver suspends finish when it notifies VFS and
 * CDEV_STATUS names them; cancelling one for PM (a signal) or an exit. Every grant is revoked as soon as its request ends
 * (answered, cancelled, or the driver gone). */
#include <stdlib.h>
#include <string.h>
#include <abi/ioctl.h>
#include "syslib.h"
#include "vfs_server.h"

static uint32_t last_id;

/* new_id: a request id no other request in progress has (never 0). */
static uint32_t new_id(void)
{
	if (++last_id == 0)
		last_id = 1;
	return last_id;
}

/* driver_call: sendrec M to DRV. Returns the reply's status (maybe
 * CDEV_SUSPEND), or -EIO when the driver is not running (it died and was
 * not restarted in its slot) or the answer is not a CDEV_REPLY. */
static int driver_call(endpoint_t drv, message *m)
{
	if (ipc_sendrec(drv, m) != 0)
		return -EIO;
	if (m->m_type != CDEV_REPLY)
		return -EIO;
	return m->u.cdev_reply.status;
}

/* call_free: P's driver call is over: revoke its grant, free the bounce
 * buffer. */
static void call_free(struct vproc *p)
{
	struct cdev_call *c = &p->cdev;
	if (c->grant != GRANT_INVALID)
		cpf_revoke(c->grant);
	free(c->bounce);
	memset(c, 0, sizeof(*c));
	c->grant = GRANT_INVALID;
}

/* cdev_forget: see vfs_server.h. */
void cdev_forget(struct vproc *p)
{
	call_free(p);
}

/* call_start: begin driver call OP for P on the device of F with a
 * BOUNCE-byte buffer (0: none). 0, -ENXIO (no driver for the major),
 * -ENOMEM. */
static int call_start(struct vproc *p, struct filp *f, int op,
    uint32_t bounce)
{
	struct cdev_call *c = &p->cdev;
	endpoint_t drv = cdev_driver(f->vn->rdev);
	if (drv == NONE)
		return -ENXIO;
	memset(c, 0, sizeof(*c));
	c->grant = GRANT_INVALID;
	c->op = op;
	c->driver = drv;
	c->minor = DEV_MINOR(f->vn->rdev);
	if (bounce) {
		c->bounce = malloc(bounce);
		if (!c->bounce)
			return -ENOMEM;
		c->bounce_len = bounce;
	}
	return 0;
}

/* fill_request: M becomes P's next request of its call on F (a new id). */
static void fill_request(message *m, struct vproc *p, struct filp *f)
{
	struct cdev_call *c = &p->cdev;
	memset(m, 0, sizeof(*m));
	m->m_type = c->op;
	m->u.cdev_req.minor = c->minor;
	m->u.cdev_req.id = c->id = new_id();
	m->u.cdev_req.user = p->ep;
	m->u.cdev_req.flags = f->flags;
	m->u.cdev_req.pos = f->pos;
	m->u.cdev_req.grant = c->grant;
	m->u.cdev_req.request = c->request;
	m->u.cdev_req.pgid = 0;        /* VFS does not know process groups */
	m->u.cdev_req.uid = p->cred.euid;
}

/* transfer: send the next chunk (at most CDEV_CHUNK bytes) of P's read
 * or write, through a magic grant for the driver on exactly that chunk of
 * P's buffer. A write longer than one chunk goes through the bounce
 * buffer instead (call_start gave it one): VFS's copy checks each chunk
 * of the user's buffer, so a driver that never reads its data (/dev/null)
 * cannot keep VFS looping over gigabytes of a bad address range, chunk
 * by chunk, without receiving (its heartbeat included). Returns the
 * driver's status. Chunks after the first read ask O_NONBLOCK: a read
 * never waits once it has data. */
static int transfer(struct vproc *p, struct filp *f)
{
	struct cdev_call *c = &p->cdev;
	uint32_t left = p->len - p->done;
	c->chunk = left < CDEV_CHUNK ? left : CDEV_CHUNK;
	if (c->bounce) {
		int r = sys_vircopy(p->ep, p->buf + p->done, SELF,
		    (vir_bytes) c->bounce, c->chunk);
		if (r != 0)
			return r;
		c->grant = cpf_grant_direct(c->driver, (vir_bytes) c->bounce,
		    c->chunk, GRANT_READ);
	} else {
		c->grant = cpf_grant_magic(c->driver, p->ep, p->buf + p->done,
		    c->chunk, c->op == CDEV_READ ? GRANT_WRITE : GRANT_READ);
	}
	if (c->grant == GRANT_INVALID)
		return -ENOMEM;
	message m;
	fill_request(&m, p, f);
	m.u.cdev_req.size = c->chunk;
	if (c->op == CDEV_READ && p->done > 0)
		m.u.cdev_req.flags |= O_NONBLOCK;
	return driver_call(c->driver, &m);
}

/* ioctl_size: the argument size of ioctl REQUEST and whether it goes in
 * (*IN) and/or out (*OUT): the terminal's requests by name, a driver's own
 * from the bits of the number (abi/ioctl.h); 0 for a request VFS does not
 * know. */
static uint32_t ioctl_size(uint32_t request, int *in, int *out)
{
	*in = *out = 0;
	switch (request) {
	case TCGETS:     *out = 1; return sizeof(struct termios);
	case TCSETS:     *in = 1;  return sizeof(struct termios);
	case TIOCGPGRP:  *out = 1; return sizeof(int32_t);
	case TIOCSPGRP:  *in = 1;  return sizeof(int32_t);
	case TIOCGWINSZ: *out = 1; return sizeof(struct winsize);
	default:
		*in = (IOC_DIR(request) & IOC_IN) != 0;
		*out = (IOC_DIR(request) & IOC_OUT) != 0;
		return (*in || *out) ? IOC_SIZE(request) : 0;
	}
}

/* close_unit: CDEV_CLOSE of MINOR at DRV for an open file with FLAGS;
 * the driver's answer does not matter. */
static void close_unit(endpoint_t drv, int minor, int flags)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = CDEV_CLOSE;
	m.u.cdev_req.minor = minor;
	m.u.cdev_req.id = new_id();
	m.u.cdev_req.flags = flags;
	m.u.cdev_req.grant = GRANT_INVALID;
	driver_call(drv, &m);
}

/* clone_bind: the driver answered F's open with a new unit MINOR (a
 * cloning device): F gets a vnode of its own for it, so that its
 * requests, its close and fstat name MINOR. 0, or -ENFILE (no vnode, or
 * a minor a device number cannot hold: the unit is closed again at the
 * driver and F is not open). */
static int clone_bind(struct filp *f, int minor)
{
	struct vnode *vn = minor > DEV_MINOR(0xffffffffu) ? NULL :
	    vnode_new_clone(f->vn, minor);
	if (!vn) {
		close_unit(cdev_driver(f->vn->rdev), minor, f->flags);
		f->dev_open = 0;
		return -ENFILE;
	}
	vnode_put(f->vn);
	f->vn = vn;
	return 0;
}

/* finish_op: the driver answered STATUS (not CDEV_SUSPEND) to P's
 * current request on F. Returns the call's reply; *MORE is 1 when a read
 * or write goes on with another chunk. */
static int finish_op(struct vproc *p, struct filp *f, int status, int *more)
{
	struct cdev_call *c = &p->cdev;
	int in, out;
	*more = 0;
	switch (c->op) {
	case CDEV_OPEN:
		if (status < 0) {
			filp_put(f);          /* the open file never was */
			return status;
		}
		f->dev_open = 1;
		if (status & CDEV_CLONED) {
			status = clone_bind(f, CDEV_CLONED_MINOR(status));
			if (status < 0) {
				filp_put(f);
				return status;
			}
		}
		p->fd[c->fd] = f;
		if (c->cloexec)
			p->cloexec |= 1u << c->fd;
		return c->fd;
	case CDEV_IOCTL:
		ioctl_size(c->request, &in, &out);
		if (status >= 0 && out && sys_vircopy(SELF,
		    (vir_bytes) c->bounce, p->ep, p->buf, p->len) != 0)
			return -EFAULT;
		return status;
	default:                       /* CDEV_READ, CDEV_WRITE */
		if (status < 0)
			return p->done ? (int) p->done : status;
		if ((uint32_t) status > c->chunk)
			status = (int) c->chunk;
		p->done += (uint32_t) status;
		f->pos += status;
		*more = (uint32_t) status == c->chunk && p->done < p->len;
		return (int) p->done;
	}
}

/* advance: drive P's call on F on from the driver's STATUS: further
 * chunks as long as they complete at once. Returns the reply, or
 * SUSPENDED while the driver holds a request. */
static int advance(struct vproc *p, struct filp *f, int status)
{
	struct cdev_call *c = &p->cdev;
	for (;;) {
		if (status == CDEV_SUSPEND)
			return SUSPENDED;
		if (c->grant != GRANT_INVALID) {
			cpf_revoke(c->grant);
			c->grant = GRANT_INVALID;
		}
		int more;
		int r = finish_op(p, f, status, &more);
		if (!more) {
			call_free(p);
			return r;
		}
		status = transfer(p, f);
	}
}

/* cdev_open: see vfs_server.h. */
int cdev_open(struct vproc *p, struct filp *f, int fd, int cloexec)
{
	int r = call_start(p, f, CDEV_OPEN, 0);
	if (r != 0) {
		call_free(p);
		filp_put(f);
		return r;
	}
	p->cdev.fd = fd;
	p->cdev.cloexec = cloexec;
	message m;
	fill_request(&m, p, f);
	return advance(p, f, driver_call(p->cdev.driver, &m));
}

/* cdev_close: see vfs_server.h. The driver's answer does not matter. */
void cdev_close(struct filp *f)
{
	endpoint_t drv = cdev_driver(f->vn->rdev);
	if (!f->dev_open || drv == NONE)
		return;
	f->dev_open = 0;
	close_unit(drv, DEV_MINOR(f->vn->rdev), f->flags);
}

/* cdev_io: see vfs_server.h. */
int cdev_io(struct vproc *p, struct filp *f, int op, vir_bytes buf,
    uint32_t len)
{
	p->buf = buf;
	p->len = len > 0x7fffffffu ? 0x7fffffffu : len;
	p->done = 0;
	if (len == 0)
		return 0;
	/* A magic grant, no bounce, but for a write of several chunks. */
	int r = call_start(p, f, op, op == CDEV_WRITE && p->len > CDEV_CHUNK ?
	    CDEV_CHUNK : 0);
	if (r != 0) {
		call_free(p);
		return r;
	}
	return advance(p, f, transfer(p, f));
}

/* cdev_ioctl: see vfs_server.h. */
int cdev_ioctl(struct vproc *p, struct filp *f, uint32_t request,
    vir_bytes arg)
{
	int in, out;
	uint32_t size = ioctl_size(request, &in, &out);
	if (size == 0)
		return -ENOTTY;
	int r = call_start(p, f, CDEV_IOCTL, size);
	if (r == 0 && in)
		r = sys_vircopy(p->ep, arg, SELF, (vir_bytes) p->cdev.bounce, size);
	if (r == 0) {
		p->cdev.grant = cpf_grant_direct(p->cdev.driver,
		    (vir_bytes) p->cdev.bounce, size, GRANT_READ | GRANT_WRITE);
		if (p->cdev.grant == GRANT_INVALID)
			r = -ENOMEM;
	}
	if (r != 0) {
		call_free(p);
		return r;
	}
	p->buf = arg;
	p->len = size;
	p->done = 0;
	p->cdev.request = request;
	message m;
	fill_request(&m, p, f);
	return advance(p, f, driver_call(p->cdev.driver, &m));
}

/* waiting_on: the process whose call waits on request ID of DRV (on
 * the driver's wait list), or NULL. */
static struct vproc *waiting_on(endpoint_t drv, uint32_t id)
{
	for (struct vproc *p = waitq_driver(drv); p; p = p->wnext)
		if (p->cdev.id == id && p->cdev.driver == drv)
			return p;
	return NULL;
}

/* cdev_status: see vfs_server.h. Answers for requests nobody waits for
 * any more (cancelled, the process gone) are dropped; a readiness report
 * (CDEV_SEL_REPLY) makes the polls that name the driver look again. */
void cdev_status(endpoint_t src)
{
	for (;;) {
		message m;
		memset(&m, 0, sizeof(m));
		m.m_type = CDEV_STATUS;
		if (ipc_sendrec(src, &m) != 0 || (m.m_type != CDEV_REPLY &&
		    m.m_type != CDEV_SEL_REPLY))
			return;
		if (m.m_type == CDEV_SEL_REPLY) {
			poll_wakeup(NULL, src);
			continue;
		}
		int status = m.u.cdev_reply.status;
		struct vproc *p = waiting_on(src, m.u.cdev_reply.id);
		if (!p || status == CDEV_SUSPEND)
			continue;
		int r = advance(p, p->susp_filp, status);
		if (r != SUSPENDED)
			resume(p, r);
	}
}

/* cdev_cancel: see vfs_server.h. The driver's answer to CDEV_CANCEL is
 * the request's own: what completed still counts, else -EINTR (or the
 * bytes moved by earlier chunks). */
int cdev_cancel(struct vproc *p)
{
	struct cdev_call *c = &p->cdev;
	if (!c->id)
		return -EINTR;
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = CDEV_CANCEL;
	m.u.cdev_req.minor = c->minor;
	m.u.cdev_req.id = c->id;
	m.u.cdev_req.user = p->ep;
	m.u.cdev_req.grant = c->grant;
	int status = driver_call(c->driver, &m);
	if (status < 0 || status == CDEV_SUSPEND)
		status = -EINTR;
	if (c->grant != GRANT_INVALID) {
		cpf_revoke(c->grant);
		c->grant = GRANT_INVALID;
	}
	int more;
	int r = finish_op(p, p->susp_filp, status, &more);
	call_free(p);
	return r;
}

/* fail_gone: end P's call, which waits on a driver that is gone, with
 * -EIO (or the bytes already moved). */
static void fail_gone(struct vproc *p)
{
	struct cdev_call *c = &p->cdev;
	if (c->grant != GRANT_INVALID) {
		cpf_revoke(c->grant);
		c->grant = GRANT_INVALID;
	}
	int more;
	int r = finish_op(p, p->susp_filp, -EIO, &more);
	call_free(p);
	resume(p, r);
}

/* cdev_driver_gone: see vfs_server.h. The calls are those on the
 * driver's wait list (waitq.c). Polls that asked it ask the
 * driver now serving the major (its watches were lost). */
void cdev_driver_gone(endpoint_t drv)
{
	struct vproc *next;
	for (struct vproc *p = waitq_driver(drv); p; p = next) {
		next = p->wnext;
		if (p->cdev.driver == drv)
			fail_gone(p);
	}
	poll_wakeup(NULL, NONE);
}

/* cdev_select: see vfs_server.h. */
int cdev_select(struct filp *f, uint32_t ops)
{
	endpoint_t drv = cdev_driver(f->vn->rdev);
	if (drv == NONE)
		return -ENXIO;
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = CDEV_SELECT;
	m.u.cdev_req.minor = DEV_MINOR(f->vn->rdev);
	m.u.cdev_req.id = new_id();
	m.u.cdev_req.flags = f->flags;
	m.u.cdev_req.grant = GRANT_INVALID;
	m.u.cdev_req.request = ops;
	return driver_call(drv, &m);
}
