/* Pipes: a PIPE_BUF-byte ring in VFS, reads that wait while it is empty
 * and a writer exists, writes that wait while it is full and a reader
 * exists, and waking up whoever waits when that changes. */
#include "syslib.h"
#include "vfs_server.h"

/* do_pipe: VFS_PIPE. Reads vfs_io .buf (the caller's int[2], or 0):
 * VFS copies the two descriptors there itself, so a bad pointer is
 * -EFAULT for the caller (the pipe is closed again), never a crash in
 * libc. Writes vfs_fd .fd (the read end) and .fd2 (the write end).
 * Replies 0, -EMFILE, -ENFILE, -ENOMEM, -EFAULT. */
int do_pipe(message *m)
{
	struct vproc *p = proc_get(m->m_source);
	vir_bytes out = m->u.vfs_io.buf;
	if (!p)
		return -EINVAL;
	int rfd = fd_alloc(p, 0);
	int wfd = rfd < 0 ? rfd : fd_alloc(p, rfd + 1);
	if (wfd < 0)
		return wfd;
	int err = perm_load(p);
	if (err != 0)
		return err;
	struct vnode *vn = vnode_new_pipe(&err);
	if (!vn)
		return err;
	vn->uid = p->cred.euid;        /* fstat shows who made it */
	vn->gid = p->cred.egid;
	vnode_ref(vn);                 /* one reference per end */
	struct filp *rf = filp_new(vn, O_RDONLY);
	struct filp *wf = rf ? filp_new(vn, O_WRONLY) : NULL;
	if (!wf) {
		if (rf)
			filp_put(rf);
		else
			vnode_put(vn);
		vnode_put(vn);
		return -ENFILE;
	}
	p->fd[rfd] = rf;
	p->fd[wfd] = wf;
	if (out) {
		int32_t fds[2] = { rfd, wfd };
		int r = sys_vircopy(SELF, (vir_bytes) fds, p->ep, out,
		    sizeof(fds));
		if (r != 0) {
			fd_close(p, rfd);
			fd_close(p, wfd);
			return r;
		}
	}
	m->u.vfs_fd.fd = rfd;
	m->u.vfs_fd.fd2 = wfd;
	m->u.vfs_fd.arg = 0;
	return 0;
}

/* ring_copy: move N bytes between the ring of PP at offset AT (modulo
 * PIPE_BUF) and P's memory at ADDR; TO_USER picks the direction. */
static int ring_copy(struct pipe *pp, uint32_t at, struct vproc *p,
    vir_bytes addr, uint32_t n, int to_user)
{
	while (n > 0) {
		uint32_t off = at % PIPE_BUF;
		uint32_t k = PIPE_BUF - off < n ? PIPE_BUF - off : n;
		vir_bytes ring = (vir_bytes) (pp->buf + off);
		int r = to_user ? sys_vircopy(SELF, ring, p->ep, addr, k)
		    : sys_vircopy(p->ep, addr, SELF, ring, k);
		if (r != 0)
			return r;
		at += k;
		addr += k;
		n -= k;
	}
	return 0;
}

/* pipe_read: see vfs_server.h. Returns what is there (at most P->len);
 * 0 at end of file (no writer left); -EAGAIN for O_NONBLOCK. */
int pipe_read(struct vproc *p, struct filp *f)
{
	struct pipe *pp = f->vn->pipe;
	if (p->len == 0)
		return 0;
	if (pp->count == 0) {
		if (pp->writers == 0)
			return 0;
		return f->flags & O_NONBLOCK ? -EAGAIN : SUSPENDED;
	}
	uint32_t n = pp->count < p->len ? pp->count : p->len;
	int r = ring_copy(pp, pp->start, p, p->buf, n, 1);
	if (r != 0)
		return r;
	pp->start = (pp->start + n) % PIPE_BUF;
	pp->count -= n;
	return (int) n;
}

/* handoff: the ring of PP is empty and W writes: give the first read
 * waiting on PP (if any) up to LEFT bytes straight from W's buffer, one
 * copy instead of two through the ring, and finish that read. Returns the
 * bytes moved (0: no reader waits, or a copy failed: the ring's way then
 * says whose buffer was bad). */
static uint32_t handoff(struct pipe *pp, struct vproc *w, uint32_t left)
{
	struct vproc *r = pp->waiting.first;
	while (r && r->susp != SUSP_PIPE_READ)
		r = r->wnext;
	if (!r || r->len == 0)
		return 0;
	uint32_t n = left < r->len ? left : r->len;
	if (sys_vircopy(w->ep, w->buf + w->done, r->ep, r->buf, n) != 0)
		return 0;
	resume(r, (int) n);
	return n;
}

/* pipe_write: see vfs_server.h. A write of at most PIPE_BUF bytes goes in
 * at once (it waits for room for all of it); a bigger one goes in pieces.
 * While the ring is empty, a reader that waits gets its bytes straight
 * from the writer (handoff). With no reader left: the bytes written so
 * far, or -EPIPE. */
int pipe_write(struct vproc *p, struct filp *f)
{
	struct pipe *pp = f->vn->pipe;
	for (;;) {
		if (pp->readers == 0)
			return p->done ? (int) p->done : -EPIPE;
		uint32_t left = p->len - p->done;
		if (left == 0)
			return (int) p->done;
		if (pp->count == 0) {
			uint32_t moved = handoff(pp, p, left);
			if (moved) {
				p->done += moved;
				continue;
			}
		}
		uint32_t room = PIPE_BUF - pp->count;
		if (room == 0 || (p->len <= PIPE_BUF && room < left)) {
			if (f->flags & O_NONBLOCK)
				return p->done ? (int) p->done : -EAGAIN;
			return SUSPENDED;
		}
		uint32_t n = room < left ? room : left;
		int r = ring_copy(pp, pp->start + pp->count, p, p->buf + p->done,
		    n, 0);
		if (r != 0)
			return p->done ? (int) p->done : r;
		pp->count += n;
		p->done += n;
	}
}

/* wake_one: retry P's call, which waits on the pipe of VN. Returns 1 when
 * something moved (the call finished, or the ring changed). */
static int wake_one(struct vproc *p, struct vnode *vn)
{
	uint32_t count = vn->pipe->count;
	int r = p->susp == SUSP_PIPE_READ ? pipe_read(p, p->susp_filp)
	    : pipe_write(p, p->susp_filp);
	if (r != SUSPENDED) {
		resume(p, r);              /* takes P off the list */
		return 1;
	}
	return vn->pipe->count != count;
}

/* pipe_wakeup: see vfs_server.h. Only the calls on the pipe's own wait
 * list are looked at, first come first served; it goes round until
 * nobody can move (a reader that empties the ring lets a writer go on,
 * and so on); then the polls that name the pipe look again. */
void pipe_wakeup(struct vnode *vn)
{
	int progress = 1;
	while (progress) {
		progress = 0;
		struct vproc *next;
		for (struct vproc *p = vn->pipe->waiting.first; p; p = next) {
			next = p->wnext;
			progress |= wake_one(p, vn);
		}
	}
	poll_wakeup(vn, NONE);
}
