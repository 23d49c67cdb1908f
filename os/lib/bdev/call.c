/* libbdev's requests: grants for the driver's current endpoint, the
 * sendrec, and the retry after the driver came back. */
#include <string.h>
#include "bdev_priv.h"
#include "syslib.h"
#include <abi/errno.h>
#include <abi/ioctl.h>

static uint32_t last_id;

/* bdev_send_once: see bdev_priv.h. The grants live only for the attempt:
 * a new instance of the driver has a new endpoint, and grants name it. */
int bdev_send_once(endpoint_t ep, uint32_t dev, const struct bdev_req *q)
{
	struct bdev_iovec vec[BDEV_IOV_MAX];
	uint32_t grants[BDEV_IOV_MAX];
	unsigned ng = 0;
	int write = q->type == BDEV_WRITE || q->type == BDEV_SCATTER;
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = q->type;
	m.u.bdev_req.minor = DEV_MINOR(dev);
	m.u.bdev_req.id = ++last_id;
	m.u.bdev_req.pos = q->pos;
	m.u.bdev_req.access = q->access;
	m.u.bdev_req.request = q->request;
	m.u.bdev_req.user = NONE;
	m.u.bdev_req.grant = GRANT_INVALID;
	int r = 0;
	for (unsigned i = 0; i < q->n && r == 0; i++) {
		grants[ng] = cpf_grant_direct(ep, (vir_bytes) q->pieces[i].addr,
		    q->pieces[i].size, write ? GRANT_READ : GRANT_WRITE);
		if (grants[ng] == GRANT_INVALID)
			r = -ENOMEM;
		else
			vec[ng] = (struct bdev_iovec) { grants[ng],
			    (uint32_t) q->pieces[i].size };
		ng += r == 0;
	}
	uint32_t extra = GRANT_INVALID;
	if (r == 0 && (q->type == BDEV_GATHER || q->type == BDEV_SCATTER)) {
		extra = cpf_grant_direct(ep, (vir_bytes) vec,
		    q->n * sizeof(vec[0]), GRANT_READ);
		m.u.bdev_req.grant = extra;
		m.u.bdev_req.size = q->n;
	} else if (r == 0 && q->n == 1) {
		m.u.bdev_req.grant = grants[0];
		m.u.bdev_req.size = (uint32_t) q->pieces[0].size;
	} else if (r == 0 && q->type == BDEV_IOCTL &&
	    IOC_SIZE(q->request) > 0) {
		extra = cpf_grant_direct(ep, (vir_bytes) q->arg,
		    IOC_SIZE(q->request), GRANT_READ | GRANT_WRITE);
		m.u.bdev_req.grant = extra;
	}
	if (r == 0 && (q->type == BDEV_GATHER || q->type == BDEV_SCATTER ||
	    (q->type == BDEV_IOCTL && IOC_SIZE(q->request) > 0)) &&
	    extra == GRANT_INVALID)
		r = -ENOMEM;
	if (r == 0) {
		uint32_t id = m.u.bdev_req.id;
		if (ipc_sendrec(ep, &m) != 0)
			r = BDEV_UNREACHABLE;
		else if (m.m_type != BDEV_REPLY || m.u.bdev_reply.id != id)
			r = -EIO;
		else
			r = m.u.bdev_reply.status;
	}
	for (unsigned i = 0; i < ng; i++)
		cpf_revoke(grants[i]);
	if (extra != GRANT_INVALID)
		cpf_revoke(extra);
	return r;
}

/* bdev_call: see bdev_priv.h. */
int bdev_call(uint32_t dev, const struct bdev_req *q)
{
	struct bdev_drv *d = bdev_drv_of((uint32_t) DEV_MAJOR(dev));
	if (!d)
		return -ENXIO;
	for (int deaths = 0;; deaths++) {
		unsigned ups = d->ups;
		int r = d->ep == NONE ? BDEV_UNREACHABLE :
		    bdev_send_once(d->ep, dev, q);
		if (r != BDEV_UNREACHABLE)
			return r;
		if (deaths == BDEV_RETRIES)
			return -EIO;
		r = bdev_wait(d, ups);
		if (r != 0)
			return r;
	}
}
