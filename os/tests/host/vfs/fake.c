/* The world around VFS in the host test: IPC to the real rootfs code
 * (linked in), a fake memory driver and a fake terminal that suspends
 * reads, grants, and a log of the replies VFS sends. */
#include <stdio.h>
#include <string.h>
#include "fake.h"
#include <abi/socket.h>
#include "sef.h"

/* Kernel calls beyond grants: os/tests/host/fake_kernel.c. */

/* ---- grants ----------------------------------------------------------- */

struct fake_grant {
	int valid;
	endpoint_t grantee;
	vir_bytes addr;
	size_t size;
	int access;
	endpoint_t owner;           /* a magic grant's: whose memory */
};
static struct fake_grant grants[GRANT_TABLE_SIZE];
int grants_live;
int magic_grants_made;          /* cpf_grant_magic calls that succeeded */

uint32_t cpf_grant_direct(endpoint_t grantee, vir_bytes addr, size_t size,
    int access)
{
	for (uint32_t i = 0; i < GRANT_TABLE_SIZE; i++) {
		if (grants[i].valid)
			continue;
		grants[i] = (struct fake_grant) { 1, grantee, addr, size, access,
		    NONE };
		grants_live++;
		return i + 100;
	}
	return GRANT_INVALID;
}

/* cpf_grant_magic: a grant on OWNER's memory; on the host every process
 * shares one address space, so the address is used as it is. */
uint32_t cpf_grant_magic(endpoint_t grantee, endpoint_t owner,
    vir_bytes addr, size_t size, int access)
{
	if (owner == NONE || owner == ANY)
		return GRANT_INVALID;
	uint32_t g = cpf_grant_direct(grantee, addr, size, access);
	if (g != GRANT_INVALID) {
		grants[g - 100].owner = owner;
		magic_grants_made++;
	}
	return g;
}

int cpf_revoke(uint32_t grant)
{
	uint32_t i = grant - 100;
	if (i >= GRANT_TABLE_SIZE || !grants[i].valid)
		return -EINVAL;
	grants[i].valid = 0;
	grants_live--;
	return 0;
}

/* granted: the address of grant G for DRIVER if SIZE bytes with ACCESS
 * are allowed, else NULL. A magic grant's range is the user's memory: a
 * bad one fails as the kernel's copy would (the driver answers -EFAULT). */
static void *granted(endpoint_t driver, uint32_t g, size_t size, int access)
{
	uint32_t i = g - 100;
	if (i >= GRANT_TABLE_SIZE || !grants[i].valid ||
	    grants[i].grantee != driver || grants[i].size < size ||
	    (grants[i].access & access) != access)
		return NULL;
	if (grants[i].owner != NONE && (grants[i].addr < BAD_END ||
	    size > 0xffffffffu - grants[i].addr))
		return NULL;
	return (void *) grants[i].addr;
}

/* ---- replies VFS sends ------------------------------------------------ */

static struct { endpoint_t ep; message m; } replies[64];
static int nreplies;

int ipc_sendnb(endpoint_t ep, message *m)
{
	if (nreplies < 64) {
		replies[nreplies].ep = ep;
		replies[nreplies].m = *m;
		nreplies++;
	}
	return 0;
}

/* The deferred answer of vfs_reply: recorded at once, as ipc_sendnb (in
 * the guest it leaves with VFS's next trap, before anything else). */
void ipc_reply_later(endpoint_t ep, const message *m, const char *who)
{
	(void) who;
	message copy = *m;
	ipc_sendnb(ep, &copy);
}

/* A lost answer is only reported in the guest: nothing to do here. */
void ipc_reply_status(endpoint_t dst, const char *who, int status)
{
	(void) dst;
	(void) who;
	(void) status;
}

int take_reply(endpoint_t ep, int *r)
{
	for (int i = 0; i < nreplies; i++) {
		if (replies[i].ep != ep)
			continue;
		*r = replies[i].m.m_type;
		memmove(&replies[i], &replies[i + 1],
		    (size_t) (nreplies - i - 1) * sizeof(replies[0]));
		nreplies--;
		return 1;
	}
	return 0;
}

int pending_replies(void)
{
	return nreplies;
}

/* ---- fake drivers ----------------------------------------------------- */

struct fake_tty tty;
int memdev_opens, memdev_closes;

static void cdev_answer(message *m, uint32_t id, int status)
{
	memset(m, 0, sizeof(*m));
	m->m_type = CDEV_REPLY;
	m->u.cdev_reply.id = id;
	m->u.cdev_reply.status = status;
}

/* memdev: null (3) discards and reads EOF, zero (5) reads zeros, full (7)
 * reads zeros and refuses writes with -ENOSPC. */
static int fake_memdev(message *m)
{
	struct mess_cdev_req q = m->u.cdev_req;
	int status;
	void *buf;
	switch (m->m_type) {
	case CDEV_OPEN:
		memdev_opens++;
		status = q.minor == 3 || q.minor == 5 || q.minor == 7 ? 0 : -ENODEV;
		break;
	case CDEV_CLOSE:
		memdev_closes++;
		status = 0;
		break;
	case CDEV_READ:
		buf = granted(MEMDEV_EP, q.grant, q.size, GRANT_WRITE);
		if (!buf) {
			status = -EFAULT;
		} else if (q.minor == 3) {
			status = 0;
		} else {
			memset(buf, 0, q.size);
			status = (int) q.size;
		}
		break;
	case CDEV_WRITE:
		buf = granted(MEMDEV_EP, q.grant, q.size, GRANT_READ);
		status = !buf ? -EFAULT : q.minor == 7 ? -ENOSPC : (int) q.size;
		break;
	case CDEV_IOCTL:
		status = -ENOTTY;
		break;
	default:
		status = -ENOSYS;
	}
	cdev_answer(m, q.id, status);
	return 0;
}

/* tty_complete: hand waiting input to the suspended read, if any. */
static void tty_complete(void)
{
	if (!tty.pending || tty.in_len == 0)
		return;
	char *buf = granted(TTY_EP, tty.grant, tty.size, GRANT_WRITE);
	int n;
	if (!buf) {
		n = -EFAULT;
	} else {
		n = (int) (tty.in_len < tty.size ? tty.in_len : tty.size);
		memcpy(buf, tty.in, (size_t) n);
		memmove(tty.in, tty.in + n, tty.in_len - (size_t) n);
		tty.in_len -= (size_t) n;
	}
	tty.pending = 0;
	tty.done_id = tty.id;
	tty.done_status = n;
	tty.done = 1;
}

void tty_type(const char *text)
{
	size_t n = strlen(text);
	memcpy(tty.in + tty.in_len, text, n);
	tty.in_len += n;
	tty_complete();
	if (tty.in_len > 0 && tty.sel_watch) {
		tty.sel_watch = 0;
		tty.sel_event = 1;
	}
}

/* tty_select: CDEV_SELECT as the real terminal answers it. */
static int tty_select(const struct mess_cdev_req *q)
{
	int ready = CDEV_SEL_WR;
	if (tty.in_len > 0 && !tty.pending)
		ready |= CDEV_SEL_RD;
	ready &= (int) q->request;
	if ((q->request & CDEV_SEL_NOTIFY) && (q->request & CDEV_SEL_RD) &&
	    !(ready & CDEV_SEL_RD))
		tty.sel_watch = 1;
	tty.selects++;
	return ready;
}

/* tty: reads return what was typed or wait (CDEV_SUSPEND); writes go to
 * tty.out; TCGETS/TIOCGWINSZ/TIOCSPGRP/TIOCGPGRP work. */
static int fake_tty(message *m)
{
	struct mess_cdev_req q = m->u.cdev_req;
	int status = 0;
	void *buf;
	switch (m->m_type) {
	case CDEV_OPEN:
		tty.opens++;
		break;
	case CDEV_CLOSE:
		tty.closes++;
		break;
	case CDEV_READ:
		if (tty.in_len == 0 && (q.flags & O_NONBLOCK)) {
			status = -EAGAIN;
			break;
		}
		tty.pending = 1;
		tty.id = q.id;
		tty.grant = q.grant;
		tty.size = q.size;
		tty.reader = q.user;
		tty_complete();
		if (tty.done && tty.done_id == q.id) {
			tty.done = 0;
			status = tty.done_status;
		} else {
			status = CDEV_SUSPEND;
		}
		break;
	case CDEV_WRITE:
		buf = granted(TTY_EP, q.grant, q.size, GRANT_READ);
		if (!buf) {
			status = -EFAULT;
			break;
		}
		memcpy(tty.out + tty.out_len, buf, q.size);
		tty.out_len += q.size;
		tty.writes++;
		status = (int) q.size;
		break;
	case CDEV_IOCTL:
		if (q.request == TCGETS) {
			struct termios t = { ICANON | ECHO | ISIG, 3, 127, 21, 4 };
			buf = granted(TTY_EP, q.grant, sizeof(t), GRANT_WRITE);
			status = buf ? (memcpy(buf, &t, sizeof(t)), 0) : -EFAULT;
		} else if (q.request == TIOCSPGRP) {
			buf = granted(TTY_EP, q.grant, 4, GRANT_READ);
			status = buf ? (memcpy(&tty.pgrp, buf, 4), 0) : -EFAULT;
		} else if (q.request == TIOCGPGRP) {
			buf = granted(TTY_EP, q.grant, 4, GRANT_WRITE);
			status = buf ? (memcpy(buf, &tty.pgrp, 4), 0) : -EFAULT;
		} else {
			status = -ENOTTY;
		}
		break;
	case CDEV_CANCEL:
		if (tty.pending && tty.id == q.id) {
			tty.pending = 0;
			status = -EINTR;
		} else {
			status = -EINVAL;
		}
		tty.cancels++;
		break;
	case CDEV_SELECT:
		status = tty_select(&q);
		break;
	case CDEV_STATUS:
		if (tty.sel_event) {
			tty.sel_event = 0;
			memset(m, 0, sizeof(*m));
			m->m_type = CDEV_SEL_REPLY;
			m->u.cdev_select.minor = 0;
			m->u.cdev_select.ops = CDEV_SEL_RD;
			return 0;
		}
		if (!tty.done) {
			memset(m, 0, sizeof(*m));
			m->m_type = CDEV_NO_STATUS;
			return 0;
		}
		tty.done = 0;
		cdev_answer(m, tty.done_id, tty.done_status);
		return 0;
	default:
		status = -ENOSYS;
	}
	cdev_answer(m, q.id, status);
	return 0;
}

struct fake_net net;

void net_ready(int minor)
{
	net.ready[minor] = 1;
	if (net.watch[minor]) {
		net.watch[minor] = 0;
		net.event = 1;
		net.event_minor = minor;
	}
}

void net_finish_ioctl(void)
{
	struct net_accept *acc = granted(FAKE_NET_EP, net.ioctl_grant,
	    sizeof(*acc), GRANT_READ | GRANT_WRITE);
	net.ioctl_status = acc ? 0 : -EFAULT;
	if (acc) {
		memset(&acc->peer, 0, sizeof(acc->peer));
		acc->peer.family = NET_AF_INET;
		acc->peer.port = 0x5000;       /* 80, network order */
		acc->peer.addr = 0x0202000a;   /* 10.0.2.2 */
	}
	net.ioctl_waiting = 0;
	net.ioctl_done = 1;
}

/* fake_net: see fake.h. */
static int fake_net(message *m)
{
	struct mess_cdev_req q = m->u.cdev_req;
	int status = 0;
	char *buf;
	int minor = q.minor & 0xff;
	switch (m->m_type) {
	case CDEV_OPEN:
		net.opens++;
		if (q.minor == 0)
			status = CDEV_CLONED | net.next++;
		else
			status = q.minor < 256 ? 0 : -ENXIO;
		break;
	case CDEV_CLOSE:
		net.closes++;
		net.last_closed = q.minor;
		break;
	case CDEV_READ:
		buf = granted(FAKE_NET_EP, q.grant, 1, GRANT_WRITE);
		status = buf ? (*buf = (char) q.minor, 1) : -EFAULT;
		break;
	case CDEV_IOCTL:                   /* NIOCACCEPT waits */
		if (q.request != NIOCACCEPT) {
			status = -ENOTTY;
			break;
		}
		net.ioctl_waiting = 1;
		net.ioctl_id = q.id;
		net.ioctl_grant = q.grant;
		status = CDEV_SUSPEND;
		break;
	case CDEV_CANCEL:
		net.cancels++;
		status = net.ioctl_waiting && net.ioctl_id == q.id ? -EINTR :
		    -EINVAL;
		net.ioctl_waiting = 0;
		break;
	case CDEV_SELECT:
		status = (int) (q.request & CDEV_SEL_WR);
		if (net.ready[minor])
			status |= (int) (q.request & CDEV_SEL_RD);
		if ((q.request & CDEV_SEL_NOTIFY) && (q.request & CDEV_SEL_RD) &&
		    !net.ready[minor])
			net.watch[minor] = 1;
		break;
	case CDEV_STATUS:
		if (net.ioctl_done) {
			net.ioctl_done = 0;
			cdev_answer(m, net.ioctl_id, net.ioctl_status);
			return 0;
		}
		memset(m, 0, sizeof(*m));
		if (!net.event) {
			m->m_type = CDEV_NO_STATUS;
			return 0;
		}
		net.event = 0;
		m->m_type = CDEV_SEL_REPLY;
		m->u.cdev_select.minor = net.event_minor;
		m->u.cdev_select.ops = CDEV_SEL_RD;
		return 0;
	default:
		status = -ENOSYS;
	}
	cdev_answer(m, q.id, status);
	return 0;
}

/* blk: a block driver (abi/blockdev.h) with one drive of FAKE_BLK_SIZE
 * bytes at endpoint blk.ep; it checks what VFS asks as libblockdriver
 * does: sector alignment (-EINVAL), clipping at the end. */
struct fake_blk blk;

static void bdev_answer(message *m, uint32_t id, int status)
{
	memset(m, 0, sizeof(*m));
	m->m_type = BDEV_REPLY;
	m->u.bdev_reply.id = id;
	m->u.bdev_reply.status = status;
}

static int fake_blk(message *m)
{
	struct mess_bdev_req q = m->u.bdev_req;
	int status = 0;
	blk.requests++;
	if (q.minor != 0) {
		bdev_answer(m, q.id, -ENXIO);
		return 0;
	}
	switch (m->m_type) {
	case BDEV_OPEN:
		blk.opens++;
		break;
	case BDEV_CLOSE:
		blk.closes++;
		break;
	case BDEV_READ:
	case BDEV_WRITE: {
		if (q.pos % BDEV_SECTOR_SIZE || q.size % BDEV_SECTOR_SIZE) {
			status = -EINVAL;
			break;
		}
		int write = m->m_type == BDEV_WRITE;
		uint64_t n = q.pos >= FAKE_BLK_SIZE ? 0 :
		    FAKE_BLK_SIZE - q.pos < q.size ? FAKE_BLK_SIZE - q.pos :
		    q.size;
		char *p = granted(blk.ep, q.grant, q.size,
		    write ? GRANT_READ : GRANT_WRITE);
		if (!p) {
			status = -EPERM;
			break;
		}
		if (write)
			memcpy(blk.disk + q.pos, p, n);
		else
			memcpy(p, blk.disk + q.pos, n);
		status = (int) n;
		break;
	}
	case BDEV_IOCTL: {
		struct part_geom *g;
		if (q.request != DIOCGETP) {
			status = -ENOTTY;
			break;
		}
		g = granted(blk.ep, q.grant, sizeof(*g), GRANT_WRITE);
		if (!g) {
			status = -EPERM;
			break;
		}
		memset(g, 0, sizeof(*g));
		g->size = FAKE_BLK_SIZE;
		g->sector_size = BDEV_SECTOR_SIZE;
		break;
	}
	default:
		status = -ENOSYS;
	}
	bdev_answer(m, q.id, status);
	return 0;
}

/* ---- IPC from VFS ------------------------------------------------------ */

int ipc_sendrec(endpoint_t ep, message *m)
{
	if (ep == ROOTFS_EP) {
		m->m_source = VFS_EP;
		m->m_type = rfs_dispatch(m);
		return 0;
	}
	if (ep == MEMDEV_EP)
		return fake_memdev(m);
	if (ep == TTY_EP && tty.running)
		return fake_tty(m);
	if (ep == FAKE_NET_EP && net.running)
		return fake_net(m);
	if (blk.ep != 0 && ep == blk.ep && blk.running)
		return fake_blk(m);
	if (ffs.ep != 0 && ep == ffs.ep && ffs.running) {
		m->m_source = VFS_EP;
		m->m_type = fakefs_dispatch(m);
		return 0;
	}
	return -EDEADSRCDST;
}

/* ipc_receive: VFS's main loop is not run here. */
int ipc_receive(endpoint_t src, message *m)
{
	(void) src;
	(void) m;
	return -ENOSYS;
}

/* ---- the data store, as VFS's driver-up events see it ------------------ */

#define FAKE_DS_QUEUE 8
static struct { char key[DS_KEY_MAX]; uint32_t major; endpoint_t owner; }
    ds_queue[FAKE_DS_QUEUE];
static int ds_queued;

/* fake_ds_publish: see fake.h. */
void fake_ds_publish(const char *key, uint32_t major, endpoint_t owner)
{
	if (ds_queued == FAKE_DS_QUEUE)
		return;
	strlcpy(ds_queue[ds_queued].key, key, DS_KEY_MAX);
	ds_queue[ds_queued].major = major;
	ds_queue[ds_queued].owner = owner;
	ds_queued++;
}

int ds_subscribe(const char *pattern, int flags)
{
	(void) flags;
	return strcmp(pattern, "drv.chr.*") == 0 ||
	    strcmp(pattern, "drv.blk.*") == 0 ? 0 : -EINVAL;
}

/* ds_check: the oldest queued change; ds_retrieve_u32 then reads it. */
static uint32_t ds_last_major;

int ds_check(char *key, int *type, endpoint_t *owner)
{
	if (ds_queued == 0)
		return -ENOENT;
	strlcpy(key, ds_queue[0].key, DS_KEY_MAX);
	*type = DS_TYPE_U32;
	*owner = ds_queue[0].owner;
	ds_last_major = ds_queue[0].major;
	memmove(&ds_queue[0], &ds_queue[1], sizeof(ds_queue[0]) * --ds_queued);
	return 0;
}

/* ds_retrieve_label_endpt: the fake file server's label, and "tty" (a
 * boot service VFS must refuse as file server). */
int ds_retrieve_label_endpt(const char *label, endpoint_t *ep)
{
	if (strcmp(label, FAKEFS_LABEL) == 0 && ffs.ep != 0) {
		*ep = ffs.ep;
		return 0;
	}
	if (strcmp(label, "tty") == 0) {
		*ep = TTY_EP;
		return 0;
	}
	return -ESRCH;
}

int ds_retrieve_u32(const char *key, uint32_t *value)
{
	(void) key;
	*value = ds_last_major;
	return 0;
}

/* ---- credentials (the kernel's mirror of PM's) ------------------------- */

static struct proc_cred creds[EP_NR_SLOTS];

void fake_cred(endpoint_t ep, uint32_t uid, uint32_t gid)
{
	struct proc_cred *c = &creds[ep_slot(ep)];
	c->ruid = c->euid = uid;
	c->rgid = c->egid = gid;
}

void fake_seteid(endpoint_t ep, uint32_t euid, uint32_t egid)
{
	creds[ep_slot(ep)].euid = euid;
	creds[ep_slot(ep)].egid = egid;
}

int sys_getcred(endpoint_t ep, struct proc_cred *cred)
{
	if (ep <= 0 || ep == ANY || ep == NONE || ep == SELF)
		return -EINVAL;
	*cred = creds[ep_slot(ep)];
	return 0;
}

/* ---- the kernel's process table: who waits for VFS ------------------- */

endpoint_t fake_released = NONE;

/* sys_getinfo: GET_PROC says every process is in the receive half of a
 * sendrec to VFS (waiting for its reply) but FAKE_RELEASED, which the
 * kernel let go (kept.c forgets its waiting call). */
int sys_getinfo(int request, endpoint_t ep, void *buf, size_t len)
{
	if (request != GET_PROC || len < sizeof(struct proc_info))
		return -ENOSYS;
	struct proc_info *info = buf;
	memset(info, 0, sizeof(*info));
	info->endpoint = ep;
	info->slot = ep_slot(ep);
	info->flags = ep == fake_released ? 0 : PSTATE_RECEIVING;
	info->blocked_on = ep == fake_released ? NONE : VFS_EP;
	return (int) sizeof(*info);
}

/* ---- SEF: VFS's main() is not run here --------------------------------- */

void sef_setcb_init_fresh(sef_cb_init_t cb)
{
	(void) cb;
}

void sef_setcb_state_check(sef_cb_state_check_t cb)
{
	(void) cb;
}

void sef_startup(void)
{
}

int sef_receive(endpoint_t src, message *m)
{
	return ipc_receive(src, m);
}

/* ---- the clock: VFS's alarm (block drivers that are gone) -------------- */

uint32_t fake_alarm;

int sys_setalarm(uint32_t ticks, int absolute, uint32_t *remaining)
{
	(void) absolute;
	if (remaining)
		*remaining = fake_alarm;
	fake_alarm = ticks;
	return 0;
}
