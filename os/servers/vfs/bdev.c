/* Block special files (abi/blockdev.h): open, close, read, write and
 * ioctl on a device whose driver speaks the block protocol. The driver
 * moves whole sectors at byte positions through a grant on VFS's bounce
 * buffer; VFS turns a process's byte ranges into sector ranges (a write
 * of part of a sector reads the sector first). A block driver answers at
 * once, so a request never waits in the driver.
 *
 * Recovery: when the driver cannot be reached (it died, or its restart
 * cleared the request), the process's open, read or write waits
 * (SUSP_BDEV) until the driver's driver-up event; VFS then opens the
 * device's open files again and carries the call on from where it
 * stopped, so the process sees no error. A driver that is not back within
 * BDEV_WAIT_TICKS (60 s) fails the call with EIO (or the bytes already
 * moved). */
#include <string.h>
#include <abi/clock.h>
#include "syslib.h"
#include "vfs_server.h"

#define BDEV_CHUNK      4096                 /* bytes per driver request */
#define BDEV_WAIT_TICKS (60 * CLOCK_HZ)      /* how long a call waits for
                                              * a dead driver to return:
                                              * RS restarts one within
                                              * its backoff (30 s at
                                              * most) */
#define BDEV_DEAD       (-EDEADSRCDST)       /* the driver was not there */

static char bounce[BDEV_CHUNK] __attribute__((aligned(BDEV_SECTOR_SIZE)));
static uint32_t last_id;
static int alarm_set;

/* call: send block request TYPE for the device of VN (position POS, SIZE
 * bytes, GRANT made for the driver, access ACCESS, ioctl REQUEST) and
 * return the driver's status; BDEV_DEAD when the driver could not be
 * reached, -ENXIO when the major has no driver. */
static int call(const struct vnode *vn, endpoint_t drv, int type,
    uint64_t pos, uint32_t size, uint32_t grant, uint32_t access,
    uint32_t request, endpoint_t user)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.u.bdev_req.minor = (int32_t) DEV_MINOR(vn->rdev);
	if (++last_id == 0)
		last_id = 1;
	m.u.bdev_req.id = last_id;
	m.u.bdev_req.pos = pos;
	m.u.bdev_req.size = size;
	m.u.bdev_req.grant = grant;
	m.u.bdev_req.access = access;
	m.u.bdev_req.request = request;
	m.u.bdev_req.user = user;
	if (ipc_sendrec(drv, &m) != 0)
		return BDEV_DEAD;
	if (m.m_type != BDEV_REPLY || m.u.bdev_reply.id != last_id)
		return -EIO;
	return m.u.bdev_reply.status;
}

/* xfer: BDEV_READ (WRITE 0) or BDEV_WRITE of SIZE bytes of the bounce
 * buffer at byte POS of VN's device. Returns the bytes moved (fewer only
 * at the end of the device), a negative error, or BDEV_DEAD. */
static int xfer(const struct vnode *vn, int write, uint64_t pos,
    uint32_t size)
{
	endpoint_t drv = cdev_driver(vn->rdev);
	if (drv == NONE)
		return -ENXIO;
	uint32_t grant = cpf_grant_direct(drv, (vir_bytes) bounce, size,
	    write ? GRANT_READ : GRANT_WRITE);
	if (grant == GRANT_INVALID)
		return -ENOMEM;
	int r = call(vn, drv, write ? BDEV_WRITE : BDEV_READ, pos, size,
	    grant, 0, 0, NONE);
	cpf_revoke(grant);
	if (r > (int) size)
		r = -EIO;              /* a driver that claims too much */
	return r;
}

/* access_of: the BDEV_*_BIT of open FLAGS. */
static uint32_t access_of(int flags)
{
	int acc = flags & O_ACCMODE;
	return acc == O_RDONLY ? BDEV_R_BIT : acc == O_WRONLY ? BDEV_W_BIT :
	    BDEV_R_BIT | BDEV_W_BIT;
}

/* learn_size: ask the driver for the extent of F's device (DIOCGETP)
 * and keep it in F->dev_size (lseek SEEK_END; at most 2 GiB - 1). An
 * open file's, not the vnode's: a lookup refreshes the vnode from the
 * file system, and the extent of a partition may change. */
static void learn_size(struct filp *f, endpoint_t drv)
{
	static struct part_geom g;
	uint32_t grant = cpf_grant_direct(drv, (vir_bytes) &g, sizeof(g),
	    GRANT_WRITE);
	if (grant == GRANT_INVALID)
		return;
	int r = call(f->vn, drv, BDEV_IOCTL, 0, 0, grant, 0, DIOCGETP, NONE);
	cpf_revoke(grant);
	if (r == 0)
		f->dev_size = g.size > 0x7fffffffu ? 0x7fffffff :
		    (int32_t) g.size;
}

/* open_step: P's open of F at the driver, as far as it goes: returns the
 * descriptor P->bdev_fd (installed), an error (F dropped), or SUSPENDED
 * (the driver is gone; F kept). */
static int open_step(struct vproc *p, struct filp *f)
{
	endpoint_t drv = cdev_driver(f->vn->rdev);
	int r = drv == NONE ? -ENXIO : call(f->vn, drv, BDEV_OPEN, 0, 0,
	    GRANT_INVALID, access_of(f->flags), 0, p->ep);
	if (r == BDEV_DEAD)
		return SUSPENDED;
	if (r != 0) {
		filp_put(f);           /* the open file never was */
		return r;
	}
	f->dev_open = 1;
	learn_size(f, drv);
	p->fd[p->bdev_fd] = f;
	if (p->bdev_cloexec)
		p->cloexec |= 1u << p->bdev_fd;
	return p->bdev_fd;
}

/* wait_for_driver: P's call waits for its driver: note when, and make
 * sure an alarm will look at it. */
static void wait_for_driver(struct vproc *p)
{
	struct mess_kc_times t;
	p->bdev_since = sys_times(SELF, &t) == 0 ? t.uptime : 0;
	if (!alarm_set) {
		vfs_setalarm(BDEV_WAIT_TICKS);
		alarm_set = 1;
	}
}

/* bdev_open: see vfs_server.h. */
int bdev_open(struct vproc *p, struct filp *f, int fd, int cloexec)
{
	p->bdev_fd = fd;
	p->bdev_cloexec = cloexec;
	int r = open_step(p, f);
	if (r == SUSPENDED)
		wait_for_driver(p);
	return r;
}

/* bdev_close: see vfs_server.h. The driver's answer does not matter. */
void bdev_close(struct filp *f)
{
	endpoint_t drv = cdev_driver(f->vn->rdev);
	if (!f->dev_open || drv == NONE)
		return;
	f->dev_open = 0;
	call(f->vn, drv, BDEV_CLOSE, 0, 0, GRANT_INVALID, 0, 0, NONE);
}

/* read_step: one chunk of P's read on F: the sectors around the next
 * bytes into the bounce buffer, the wanted part to P. Returns the bytes
 * given to P (0: end of the device), an error, or BDEV_DEAD. */
static int read_step(struct vproc *p, struct filp *f)
{
	uint32_t want = p->len - p->done;
	uint32_t off = (uint32_t) f->pos % BDEV_SECTOR_SIZE;
	uint64_t start = (uint64_t) f->pos - off;
	uint32_t span = (off + want + BDEV_SECTOR_SIZE - 1) &
	    ~(BDEV_SECTOR_SIZE - 1);
	if (span > BDEV_CHUNK)
		span = BDEV_CHUNK;
	int r = xfer(f->vn, 0, start, span);
	if (r < 0)
		return r;
	if ((uint32_t) r <= off)
		return 0;
	uint32_t n = (uint32_t) r - off;
	if (n > want)
		n = want;
	if (sys_vircopy(SELF, (vir_bytes) bounce + off, p->ep,
	    p->buf + p->done, n) != 0)
		return -EFAULT;
	return (int) n;
}

/* write_step: one chunk of P's write on F: a part of a sector is read
 * first, then the sectors are written whole. Returns the bytes taken
 * from P (0: end of the device), an error, or BDEV_DEAD. */
static int write_step(struct vproc *p, struct filp *f)
{
	uint32_t want = p->len - p->done;
	uint32_t off = (uint32_t) f->pos % BDEV_SECTOR_SIZE;
	uint64_t start = (uint64_t) f->pos - off;
	uint32_t span = (off + want + BDEV_SECTOR_SIZE - 1) &
	    ~(BDEV_SECTOR_SIZE - 1);
	if (span > BDEV_CHUNK)
		span = BDEV_CHUNK;
	uint32_t n = span - off < want ? span - off : want;
	if (off != 0 || n != span) {
		int r = xfer(f->vn, 0, start, span);
		if (r < 0)
			return r;
		if ((uint32_t) r <= off)
			return 0;
		span = (uint32_t) r;
		if (n > span - off)
			n = span - off;
	}
	if (sys_vircopy(p->ep, p->buf + p->done, SELF,
	    (vir_bytes) bounce + off, n) != 0)
		return -EFAULT;
	int r = xfer(f->vn, 1, start, span);
	if (r < 0)
		return r;
	if ((uint32_t) r <= off)
		return 0;
	if (n > (uint32_t) r - off)
		n = (uint32_t) r - off;
	return (int) n;
}

/* run: carry P's read or write (WRITE) on F on until it is complete, the
 * device ends, an error comes, or the driver is gone. Returns the reply
 * (bytes or an error), or SUSPENDED when the call must wait for the
 * driver. */
static int run(struct vproc *p, struct filp *f, int write)
{
	while (p->done < p->len) {
		int r = write ? write_step(p, f) : read_step(p, f);
		if (r == BDEV_DEAD)
			return SUSPENDED;
		if (r < 0)
			return p->done ? (int) p->done : r;
		if (r == 0) {
			if (write && p->done == 0)
				return -ENOSPC;
			break;
		}
		p->done += (uint32_t) r;
		f->pos += r;
	}
	return (int) p->done;
}

/* bdev_io: see vfs_server.h. A position or length that would take the
 * file position past 2 GiB - 1 is cut there. */
int bdev_io(struct vproc *p, struct filp *f, int write, vir_bytes buf,
    uint32_t len)
{
	p->buf = buf;
	p->done = 0;
	if (f->pos < 0)
		return -EINVAL;
	uint32_t room = 0x7fffffffu - (uint32_t) f->pos;
	p->len = len < room ? len : room;
	int r = run(p, f, write);
	if (r == SUSPENDED)
		wait_for_driver(p);
	return r;
}

/* bdev_ioctl: see vfs_server.h. The argument goes through the bounce
 * buffer; its size and direction are in the request's bits
 * (abi/ioctl.h). */
int bdev_ioctl(struct vproc *p, struct filp *f, uint32_t request,
    vir_bytes arg)
{
	uint32_t size = IOC_SIZE(request);
	int in = (IOC_DIR(request) & IOC_IN) != 0;
	int out = (IOC_DIR(request) & IOC_OUT) != 0;
	if (size > BDEV_CHUNK || ((in || out) && size == 0))
		return -ENOTTY;
	endpoint_t drv = cdev_driver(f->vn->rdev);
	if (drv == NONE)
		return -ENXIO;
	memset(bounce, 0, size);
	if (in && sys_vircopy(p->ep, arg, SELF, (vir_bytes) bounce, size) != 0)
		return -EFAULT;
	uint32_t grant = GRANT_INVALID;
	if (size > 0) {
		grant = cpf_grant_direct(drv, (vir_bytes) bounce, size,
		    GRANT_READ | GRANT_WRITE);
		if (grant == GRANT_INVALID)
			return -ENOMEM;
	}
	int r = call(f->vn, drv, BDEV_IOCTL, 0, 0, grant, 0, request, p->ep);
	if (grant != GRANT_INVALID)
		cpf_revoke(grant);
	if (r == BDEV_DEAD)
		return -EIO;
	if (r >= 0 && out &&
	    sys_vircopy(SELF, (vir_bytes) bounce, p->ep, arg, size) != 0)
		return -EFAULT;
	return r;
}

/* reopen: F, an open file of a device of major *ARG, was opened at a
 * driver that is gone: open it at the new one (its answer decides what
 * later requests get). */
static void reopen(struct filp *f, void *arg)
{
	uint32_t major = *(uint32_t *) arg;
	if (!f->dev_open || !S_ISBLK(f->vn->mode) ||
	    DEV_MAJOR(f->vn->rdev) != major)
		return;
	endpoint_t drv = cdev_driver(f->vn->rdev);
	if (drv != NONE && call(f->vn, drv, BDEV_OPEN, 0, 0, GRANT_INVALID,
	    access_of(f->flags), 0, NONE) == 0)
		learn_size(f, drv);
}

/* retry: carry P's call on if it waits for a driver of major *ARG (an
 * open, a read or a write). */
static void retry(struct vproc *p, void *arg)
{
	uint32_t major = *(uint32_t *) arg;
	if (p->susp != SUSP_BDEV || DEV_MAJOR(p->susp_filp->vn->rdev) != major)
		return;
	struct filp *f = p->susp_filp;
	int r = p->req.m_type == VFS_OPEN ? open_step(p, f) :
	    run(p, f, p->req.m_type == VFS_WRITE);
	if (r != SUSPENDED)
		resume(p, r);
}

/* bdev_cancel: see vfs_server.h. */
int bdev_cancel(struct vproc *p)
{
	if (p->req.m_type == VFS_OPEN) {
		filp_put(p->susp_filp);        /* the open file never was */
		return -EINTR;
	}
	return p->done ? (int) p->done : -EINTR;
}

/* each_waiting: FN on every call waiting for a block driver (their wait
 * list, waitq.c; FN may finish the call). */
static void each_waiting(void (*fn)(struct vproc *p, void *arg), void *arg)
{
	struct vproc *next;
	for (struct vproc *p = waitq_bdev(); p; p = next) {
		next = p->wnext;
		fn(p, arg);
	}
}

/* bdev_driver_up: see vfs_server.h. */
void bdev_driver_up(uint32_t major)
{
	filp_each(reopen, &major);
	each_waiting(retry, &major);
}

struct expiry {
	uint32_t now;
	int waiting;               /* calls still waiting after this alarm */
};

/* expire: end P's call with -EIO (or the bytes a read or write moved) if
 * it has waited for its driver BDEV_WAIT_TICKS or more. */
static void expire(struct vproc *p, void *arg)
{
	struct expiry *e = arg;
	if (p->susp != SUSP_BDEV)
		return;
	if (e->now - p->bdev_since < BDEV_WAIT_TICKS) {
		e->waiting = 1;
		return;
	}
	int r = bdev_cancel(p);
	resume(p, r == -EINTR ? -EIO : r);
}

/* bdev_alarm: see vfs_server.h. */
void bdev_alarm(uint32_t now)
{
	alarm_set = 0;
	struct expiry e = { now, 0 };
	each_waiting(expire, &e);
	if (e.waiting) {
		vfs_setalarm(BDEV_WAIT_TICKS / 4);
		alarm_set = 1;
	}
}
