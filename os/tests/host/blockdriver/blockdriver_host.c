/* Host test of the block-driver library (os/lib/blockdriver): its request
 * handlers, checks, partitions and copies, built with the host gcc (-m32)
 * against fake safe copies kept here (grants with an owner, as the kernel
 * checks them) and a fake driver (a RAM disk of 1 MiB as drive 0, a
 * read-only 64 KiB drive 2, no drive 1), run by
 * os/tests/test_blockdriver_host.py. Requests go straight to the
 * library's handlers (blockdriver_lookup), as its task loop would send
 * them. Its cases run on the test kit (os/tests/kit) in process, in
 * source order, each on the state the one before left. */
#include "../kit_errno.h"
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include <abi/ipc.h>
#include "blockdriver.h"
#include "../../../lib/blockdriver/blockdriver_priv.h"

#define FS     ep_make(30, 1)      /* a file server, the requests' sender */
#define OTHER  ep_make(31, 1)      /* a third process */
#define DISK0  (1024u * 1024u)
#define DISK2  (64u * 1024u)

/* ---- fake grants and safe copies --------------------------------------- */

#define NR_GRANTS 16
static struct { int valid; endpoint_t owner; void *addr; size_t size; }
    grants[NR_GRANTS];

/* grant: OWNER lets the driver at ADDR, SIZE bytes; the grant's id. */
static uint32_t grant(endpoint_t owner, void *addr, size_t size)
{
	for (uint32_t i = 0; i < NR_GRANTS; i++)
		if (!grants[i].valid) {
			grants[i].valid = 1;
			grants[i].owner = owner;
			grants[i].addr = addr;
			grants[i].size = size;
			return 500 + i;
		}
	return GRANT_INVALID;
}

/* revoke_all: forget every grant. */
static void revoke_all(void)
{
	memset(grants, 0, sizeof(grants));
}

/* granted: the memory of GRANTER's grant G for OFFSET + BYTES, or NULL
 * (the kernel's -EPERM). */
static char *granted(endpoint_t granter, uint32_t g, uint32_t offset,
    size_t bytes)
{
	uint32_t i = g - 500;
	if (i >= NR_GRANTS || !grants[i].valid || grants[i].owner != granter ||
	    offset > grants[i].size || bytes > grants[i].size - offset)
		return NULL;
	return (char *) grants[i].addr + offset;
}

int sys_safecopyfrom(endpoint_t granter, uint32_t g, uint32_t offset,
    void *addr, size_t bytes)
{
	char *p = granted(granter, g, offset, bytes);
	if (!p)
		return -EPERM;
	memcpy(addr, p, bytes);
	return 0;
}

int sys_safecopyto(endpoint_t granter, uint32_t g, uint32_t offset,
    const void *addr, size_t bytes)
{
	char *p = granted(granter, g, offset, bytes);
	if (!p)
		return -EPERM;
	memcpy(p, addr, bytes);
	return 0;
}

/* ---- fake IPC and clock (task.c: replies, the interrupt wait) ---------- */

#define SCRIPT_MAX 32
static message script[SCRIPT_MAX];    /* what sef_receive gives, in order */
static int script_len, script_pos;
static message sent[SCRIPT_MAX];      /* replies (ipc_sendnb) */
static endpoint_t sent_to[SCRIPT_MAX];
static int nsent;
static uint32_t alarm_ticks;          /* the last sys_setalarm */
static int alarms;

/* script_add: sef_receive will give M next after the ones before. */
static void script_add(endpoint_t src, int type, uint32_t id, uint32_t irqs)
{
	message *m = &script[script_len++];
	memset(m, 0, sizeof(*m));
	m->m_source = src;
	m->m_type = type;
	if (type == NOTIFY_MESSAGE)
		m->u.notify.irqs = irqs;
	else
		m->u.bdev_req.id = id;
}

static void script_reset(void)
{
	script_len = script_pos = nsent = alarms = 0;
	alarm_ticks = 0;
	message m;
	while (blockdriver_queue_get(&m))
		;
}

int sef_receive(endpoint_t src, message *m)
{
	(void) src;
	if (script_pos == script_len) {
		printf("blockdriver_host: the script ran out\n");
		__builtin_trap();
	}
	*m = script[script_pos++];
	return 0;
}

/* The receive inside a request (a wait for the device or the driver):
 * the same script; nested_receives counts them. */
static int nested_receives;
int sef_receive_nested(endpoint_t src, message *m)
{
	nested_receives++;
	return sef_receive(src, m);
}

int ipc_sendnb(endpoint_t dst, message *m)
{
	if (nsent < SCRIPT_MAX) {
		sent_to[nsent] = dst;
		sent[nsent++] = *m;
	}
	return 0;
}

/* The driver's deferred answer: recorded at once, as ipc_sendnb (in the
 * guest it leaves with the next receive, before any other IPC). */
void ipc_reply_later(endpoint_t dst, const message *m, const char *who)
{
	(void) who;
	message copy = *m;
	ipc_sendnb(dst, &copy);
}

int sys_setalarm(uint32_t ticks, int absolute, uint32_t *remaining)
{
	(void) absolute;
	if (remaining)
		*remaining = 0;
	alarm_ticks = ticks;
	alarms++;
	return 0;
}

/* ---- the fake driver ------------------------------------------------------ */

static uint8_t disk0[DISK0], disk2[DISK2];
static int transfers, fail_next, opens;
static struct blockdriver_req last;

static int fake_geometry(int drive, struct blockdriver_geometry *g)
{
	if (drive != 0 && drive != 2)
		return -ENXIO;
	g->size = drive == 0 ? DISK0 : DISK2;
	g->sector_size = BDEV_SECTOR_SIZE;
	g->heads = 16;
	g->sectors = 32;
	g->cylinders = (uint32_t) (g->size / (16 * 32 * 512));
	g->read_only = drive == 2;
	return 0;
}

/* fake_transfer: checks what the library promises (a range on the drive,
 * sector multiples, pieces adding up), then copies. */
static int fake_transfer(const struct blockdriver_req *req)
{
	uint8_t *disk = req->drive == 0 ? disk0 : disk2;
	uint64_t size = req->drive == 0 ? DISK0 : DISK2;
	transfers++;
	last = *req;
	if (fail_next) {
		fail_next = 0;
		return -EIO;
	}
	if (req->pos % 512 || req->size % 512 || req->size == 0 ||
	    req->pos + req->size > size)
		return -EINVAL;            /* the library let a bad one through */
	uint64_t pos = req->pos;
	size_t sum = 0;
	for (unsigned i = 0; i < req->iov_count; i++) {
		const struct blockdriver_iov *v = &req->iov[i];
		int r = req->write ?
		    blockdriver_copyin(req, v, 0, disk + pos, v->size) :
		    blockdriver_copyout(req, v, 0, disk + pos, v->size);
		if (r != 0)
			return r;
		pos += v->size;
		sum += v->size;
	}
	return sum == req->size ? 0 : -EINVAL;
}

static int fake_open(const struct blockdriver_req *req)
{
	(void) req;
	opens++;
	return 0;
}

static int flushes, fail_flush;

/* fake_flush: counts the flushes and remembers the request. */
static int fake_flush(const struct blockdriver_req *req)
{
	flushes++;
	last = *req;
	if (fail_flush) {
		fail_flush = 0;
		return -EIO;
	}
	return 0;
}

static const struct blockdriver ops = {
	.geometry = fake_geometry, .transfer = fake_transfer,
	.open = fake_open, .flush = fake_flush,
};

/* A driver without a flush operation (a RAM disk: nothing to write). */
static const struct blockdriver ops_noflush = {
	.geometry = fake_geometry, .transfer = fake_transfer,
	.open = fake_open,
};

/* ---- requests as a caller sends them ---------------------------------------- */

static message msg(int type, int minor)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_source = FS;
	m.m_type = type;
	m.u.bdev_req.minor = minor;
	m.u.bdev_req.id = 77;
	m.u.bdev_req.grant = GRANT_INVALID;
	return m;
}

/* ask: the library's answer to M (its handler's status). */
static int ask(message *m)
{
	blockdriver_handler h = blockdriver_lookup(m->m_type);
	CHECK(h != NULL);
	int r = h(&ops, m);
	revoke_all();
	return r;
}

static int b_open(int minor, uint32_t access)
{
	message m = msg(BDEV_OPEN, minor);
	m.u.bdev_req.access = access;
	return ask(&m);
}

static int b_close(int minor)
{
	message m = msg(BDEV_CLOSE, minor);
	return ask(&m);
}

/* b_rw: BDEV_READ or BDEV_WRITE of SIZE bytes at BUF (granted by FROM),
 * position POS of MINOR. */
static int b_rw(int type, int minor, uint64_t pos, void *buf, uint32_t size,
    endpoint_t from)
{
	message m = msg(type, minor);
	m.u.bdev_req.pos = pos;
	m.u.bdev_req.size = size;
	m.u.bdev_req.grant = grant(from, buf, size);
	return ask(&m);
}

/* ask_ops: OPS's answer to M (the library's handler's status). */
static int ask_ops(const struct blockdriver *o, message *m)
{
	blockdriver_handler h = blockdriver_lookup(m->m_type);
	CHECK(h != NULL);
	int r = h(o, m);
	revoke_all();
	return r;
}

static int b_ioctl(int minor, uint32_t request, void *arg, size_t size)
{
	message m = msg(BDEV_IOCTL, minor);
	m.u.bdev_req.request = request;
	if (arg)
		m.u.bdev_req.grant = grant(FS, arg, size);
	return ask(&m);
}

static uint8_t buf[8192], pat[8192];

static void fill(unsigned seed)
{
	for (unsigned i = 0; i < sizeof(pat); i++)
		pat[i] = (uint8_t) (i * 31 + seed + (i >> 8));
}

/* ---- cases ----------------------------------------------------------------- */

TEST(clip_and_alignment)
{
	uint64_t n = 99;
	CHECK_EQ(blockdriver_clip(0, 1024, 4096, 512, &n), 0);
	CHECK_EQ(n, 1024);
	CHECK_EQ(blockdriver_clip(3584, 1024, 4096, 512, &n), 0);
	CHECK_EQ(n, 512);                          /* cut at the end */
	CHECK_EQ(blockdriver_clip(4096, 512, 4096, 512, &n), 0);
	CHECK_EQ(n, 0);                            /* at the end */
	CHECK_EQ(blockdriver_clip(1u << 20, 512, 4096, 512, &n), 0);
	CHECK_EQ(n, 0);                            /* past it */
	CHECK_EQ(blockdriver_clip(100, 512, 4096, 512, &n), -EINVAL);
	CHECK_EQ(blockdriver_clip(0, 100, 4096, 512, &n), -EINVAL);
	CHECK_EQ(blockdriver_clip(0, 512, 4096, 0, &n), -EINVAL);
	CHECK_EQ(blockdriver_clip(0, (uint64_t) BDEV_XFER_MAX + 512,
	    1ull << 40, 512, &n), -EINVAL);
	/* 64-bit positions: beyond 4 GiB. */
	CHECK_EQ(blockdriver_clip(5ull << 30, 1024, 6ull << 30, 512, &n), 0);
	CHECK_EQ(n, 1024);
}

TEST(vectors)
{
	struct bdev_iovec vec[BDEV_IOV_MAX + 1];
	struct blockdriver_iov iov[BDEV_IOV_MAX + 1];
	uint64_t total = 0;
	for (int i = 0; i <= BDEV_IOV_MAX; i++)
		vec[i] = (struct bdev_iovec) { 600 + i, 1024 };
	CHECK_EQ(blockdriver_vector(vec, 0, 512, iov, &total), -EINVAL);
	CHECK_EQ(blockdriver_vector(vec, BDEV_IOV_MAX + 1, 512, iov, &total),
	    -EINVAL);
	CHECK_EQ(blockdriver_vector(vec, 3, 512, iov, &total), 0);
	CHECK_EQ(total, 3072);
	CHECK_EQ(iov[2].grant, 602);
	vec[1].size = 100;
	CHECK_EQ(blockdriver_vector(vec, 3, 512, iov, &total), -EINVAL);
	vec[1].size = 1024;
	unsigned n = 3;
	blockdriver_trim(iov, &n, 1536);
	CHECK_EQ(n, 2);
	CHECK_EQ(iov[0].size, 1024);
	CHECK_EQ(iov[1].size, 512);
}

/* put_part: entry I of SECTOR: TYPE, FIRST, COUNT (little endian). */
static void put_part(uint8_t *sector, int i, uint8_t type, uint32_t first,
    uint32_t count)
{
	uint8_t *e = sector + MBR_PART_OFFSET + 16 * i;
	memset(e, 0, 16);
	e[4] = type;
	for (int b = 0; b < 4; b++) {
		e[8 + b] = (uint8_t) (first >> (8 * b));
		e[12 + b] = (uint8_t) (count >> (8 * b));
	}
}

TEST(mbr_parsing)
{
	uint8_t s[512];
	struct part_geom p[4];
	memset(s, 0, sizeof(s));
	put_part(s, 0, 0x83, 2048, 4096);
	put_part(s, 1, 0x83, 0x01020304, 8);     /* past the drive's end */
	put_part(s, 2, 0, 100, 100);             /* unused type */
	put_part(s, 3, 0x0c, 8192, 0x0100);
	CHECK_EQ(blockdriver_parse_mbr(s, 64ull << 20, 512, p), 0);  /* no sig */
	CHECK_EQ(p[0].size, 0);
	s[510] = 0x55;
	s[511] = 0xAA;
	CHECK_EQ(blockdriver_parse_mbr(s, 64ull << 20, 512, p), 2);
	CHECK_EQ(p[0].base, 2048 * 512);
	CHECK_EQ(p[0].size, 4096 * 512);
	CHECK_EQ(p[1].size, 0);
	CHECK_EQ(p[2].size, 0);
	CHECK_EQ(p[3].base, 8192 * 512);
	CHECK_EQ(p[3].size, 256 * 512);
	/* A partition that ends exactly at the drive's end is whole; one
	 * sector more is refused; one at sector 0 (the table) too. */
	put_part(s, 0, 0x83, 1, 127);
	put_part(s, 1, 0x83, 0, 10);
	CHECK_EQ(blockdriver_parse_mbr(s, 128 * 512, 512, p), 1);
	CHECK_EQ(p[0].size, 127 * 512);
	put_part(s, 0, 0x83, 1, 128);
	CHECK_EQ(blockdriver_parse_mbr(s, 128 * 512, 512, p), 0);
	/* Entries above 2 TiB (32-bit sector numbers times 512). */
	put_part(s, 0, 0x83, 0xfffff000u, 0x800);
	CHECK_EQ(blockdriver_parse_mbr(s, 4ull << 40, 512, p), 2);  /* and 3 */
	CHECK_EQ(p[0].base, 0xfffff000ull * 512);
}

TEST(open_and_minors)
{
	blockdriver_set_ops(&ops);
	CHECK_EQ(b_open(0, BDEV_R_BIT | BDEV_W_BIT), 0);
	CHECK_EQ(opens, 1);
	CHECK_EQ(b_open(5, BDEV_R_BIT), -ENXIO);          /* no drive 1 */
	CHECK_EQ(b_open(1, BDEV_R_BIT), -ENXIO);          /* no table */
	CHECK_EQ(b_open(-1, BDEV_R_BIT), -ENXIO);
	CHECK_EQ(b_open(BLOCKDRIVER_MAX_DRIVES * 5, BDEV_R_BIT), -ENXIO);
	CHECK_EQ(b_open(0, 0x10), -EINVAL);
	CHECK_EQ(b_open(10, BDEV_W_BIT), -EACCES);        /* read-only drive */
	CHECK_EQ(b_open(10, BDEV_R_BIT), 0);
	CHECK_EQ(opens, 2);
	CHECK_EQ(b_close(10), 0);
	CHECK_EQ(b_close(0), 0);
	message m = msg(BDEV_BASE + 19, 0);
	CHECK(blockdriver_lookup(m.m_type) == NULL);
}

TEST(transfers)
{
	fill(1);
	CHECK_EQ(b_rw(BDEV_WRITE, 0, 512, pat, 1024, FS), 1024);
	CHECK(memcmp(disk0 + 512, pat, 1024) == 0);
	CHECK_EQ(last.pos, 512);
	CHECK_EQ(last.size, 1024);
	CHECK_EQ(last.caller, FS);
	CHECK_EQ(b_rw(BDEV_READ, 0, 512, buf, 1024, FS), 1024);
	CHECK(memcmp(buf, pat, 1024) == 0);
	int before = transfers;
	CHECK_EQ(b_rw(BDEV_READ, 0, 100, buf, 512, FS), -EINVAL);
	CHECK_EQ(b_rw(BDEV_READ, 0, 512, buf, 100, FS), -EINVAL);
	CHECK_EQ(b_rw(BDEV_READ, 0, DISK0, buf, 512, FS), 0);     /* end */
	CHECK_EQ(b_rw(BDEV_READ, 0, 1ull << 40, buf, 512, FS), 0);
	CHECK_EQ(b_rw(BDEV_READ, 5, 0, buf, 512, FS), -ENXIO);
	CHECK_EQ(transfers, before);         /* none reached the driver */
	CHECK_EQ(b_rw(BDEV_READ, 0, DISK0 - 512, buf, 4096, FS), 512);
	CHECK_EQ(last.size, 512);
	CHECK_EQ(b_rw(BDEV_READ, 0, 0, buf, 0, FS), 0);
	/* Somebody else's grant: the copy fails, the request fails whole. */
	CHECK_EQ(b_rw(BDEV_READ, 0, 0, buf, 512, OTHER), -EPERM);
	/* A grant smaller than the request. */
	message m = msg(BDEV_READ, 0);
	m.u.bdev_req.size = 1024;
	m.u.bdev_req.grant = grant(FS, buf, 512);
	CHECK_EQ(ask(&m), -EPERM);
	/* The device's error, never a count with it. */
	fail_next = 1;
	CHECK_EQ(b_rw(BDEV_READ, 0, 0, buf, 512, FS), -EIO);
	/* The read-only drive reads. */
	disk2[0] = 0x5a;
	CHECK_EQ(b_rw(BDEV_READ, 10, 0, buf, 512, FS), 512);
	CHECK_EQ(buf[0], 0x5a);
}

TEST(gather_and_scatter)
{
	static uint8_t a[512], b[1024], c[512];
	struct bdev_iovec vec[3];
	fill(2);
	memcpy(a, pat, 512);
	memcpy(b, pat + 512, 1024);
	memcpy(c, pat + 1536, 512);
	message m = msg(BDEV_SCATTER, 0);
	m.u.bdev_req.pos = 8192;
	m.u.bdev_req.size = 3;
	vec[0] = (struct bdev_iovec) { grant(FS, a, 512), 512 };
	vec[1] = (struct bdev_iovec) { grant(FS, b, 1024), 1024 };
	vec[2] = (struct bdev_iovec) { grant(FS, c, 512), 512 };
	m.u.bdev_req.grant = grant(FS, vec, sizeof(vec));
	CHECK_EQ(ask(&m), 2048);
	CHECK(memcmp(disk0 + 8192, pat, 2048) == 0);
	CHECK_EQ(last.iov_count, 3);
	/* Gather it back into one piece, then at the end (clipped). */
	memset(buf, 0, sizeof(buf));
	m = msg(BDEV_GATHER, 0);
	m.u.bdev_req.pos = 8192;
	m.u.bdev_req.size = 1;
	vec[0] = (struct bdev_iovec) { grant(FS, buf, 2048), 2048 };
	m.u.bdev_req.grant = grant(FS, vec, sizeof(vec[0]));
	CHECK_EQ(ask(&m), 2048);
	CHECK(memcmp(buf, pat, 2048) == 0);
	m = msg(BDEV_GATHER, 0);
	m.u.bdev_req.pos = DISK0 - 1024;
	m.u.bdev_req.size = 3;
	vec[0] = (struct bdev_iovec) { grant(FS, a, 512), 512 };
	vec[1] = (struct bdev_iovec) { grant(FS, b, 1024), 1024 };
	vec[2] = (struct bdev_iovec) { grant(FS, c, 512), 512 };
	m.u.bdev_req.grant = grant(FS, vec, sizeof(vec));
	CHECK_EQ(ask(&m), 1024);
	CHECK_EQ(last.iov_count, 2);
	CHECK_EQ(last.iov[1].size, 512);
	/* Bad vectors: no elements, too many, an odd size, no grant. */
	m = msg(BDEV_GATHER, 0);
	m.u.bdev_req.size = 0;
	CHECK_EQ(ask(&m), -EINVAL);
	m = msg(BDEV_GATHER, 0);
	m.u.bdev_req.size = BDEV_IOV_MAX + 1;
	CHECK_EQ(ask(&m), -EINVAL);
	m = msg(BDEV_GATHER, 0);
	m.u.bdev_req.size = 1;
	vec[0] = (struct bdev_iovec) { grant(FS, a, 512), 300 };
	m.u.bdev_req.grant = grant(FS, vec, sizeof(vec[0]));
	CHECK_EQ(ask(&m), -EINVAL);
	m = msg(BDEV_GATHER, 0);
	m.u.bdev_req.size = 2;
	m.u.bdev_req.grant = 12345;
	CHECK_EQ(ask(&m), -EPERM);
}

TEST(partitions)
{
	uint8_t s[512];
	struct part_geom g;
	memset(s, 0, sizeof(s));
	put_part(s, 0, 0x83, 64, 128);           /* 32 KiB at 32 KiB */
	put_part(s, 2, 0x83, 1024, 1024);        /* 512 KiB at 512 KiB */
	s[510] = 0x55;
	s[511] = 0xAA;
	CHECK_EQ(b_open(0, BDEV_R_BIT | BDEV_W_BIT), 0);
	CHECK_EQ(b_rw(BDEV_WRITE, 0, 0, s, 512, FS), 512);
	/* The whole drive is open: its table is the old one (none). */
	CHECK_EQ(b_open(1, BDEV_R_BIT), -ENXIO);
	CHECK_EQ(b_close(0), 0);
	/* Nothing open: the open reads the table. */
	CHECK_EQ(b_open(1, BDEV_R_BIT | BDEV_W_BIT), 0);
	CHECK_EQ(b_open(3, BDEV_R_BIT), 0);
	CHECK_EQ(b_open(2, BDEV_R_BIT), -ENXIO);
	CHECK_EQ(b_ioctl(1, DIOCGETP, &g, sizeof(g)), 0);
	CHECK_EQ(g.base, 64 * 512);
	CHECK_EQ(g.size, 128 * 512);
	CHECK_EQ(g.sector_size, 512);
	CHECK_EQ(g.heads, 16);
	CHECK_EQ(b_ioctl(3, DIOCGETP, &g, sizeof(g)), 0);
	CHECK_EQ(g.base, 1024 * 512);
	CHECK_EQ(b_ioctl(0, DIOCGETP, &g, sizeof(g)), 0);
	CHECK_EQ(g.base, 0);
	CHECK_EQ(g.size, DISK0);
	CHECK_EQ(b_ioctl(1, DIOCGETP, NULL, 0), -EPERM);
	CHECK_EQ(b_ioctl(1, _IOR('d', 77, int), &g, sizeof(g)), -ENOTTY);
	/* A partition's positions are its own: base added, end clipped. */
	fill(3);
	CHECK_EQ(b_rw(BDEV_WRITE, 1, 1024, pat, 2048, FS), 2048);
	CHECK_EQ(last.pos, 64 * 512 + 1024);
	CHECK(memcmp(disk0 + 64 * 512 + 1024, pat, 2048) == 0);
	CHECK_EQ(b_rw(BDEV_READ, 1, 128 * 512 - 512, buf, 4096, FS), 512);
	CHECK_EQ(b_rw(BDEV_WRITE, 1, 128 * 512, pat, 512, FS), 0);
	/* DIOCRESCAN: refused while a partition is open. */
	CHECK_EQ(b_ioctl(0, DIOCRESCAN, NULL, 0), -EBUSY);
	CHECK_EQ(b_close(1), 0);
	CHECK_EQ(b_close(3), 0);
	memset(s, 0, sizeof(s));
	CHECK_EQ(b_rw(BDEV_WRITE, 0, 0, s, 512, FS), 512);
	CHECK_EQ(b_ioctl(0, DIOCRESCAN, NULL, 0), 0);
	CHECK_EQ(b_open(1, BDEV_R_BIT), -ENXIO);
	CHECK_EQ(b_rw(BDEV_READ, 1, 0, buf, 512, FS), -ENXIO);
}

/* DIOCFLUSH: the driver's flush for an existing minor, its error
 * passed on; no flush operation: success; an absent minor: -ENXIO. */
TEST(flush)
{
	flushes = 0;
	CHECK_EQ(b_ioctl(0, DIOCFLUSH, NULL, 0), 0);
	CHECK_EQ(flushes, 1);
	CHECK_EQ(last.drive, 0);
	CHECK_EQ(last.minor, 0);
	CHECK_EQ(last.request, DIOCFLUSH);
	CHECK_EQ(b_ioctl(BDEV_MINOR_WHOLE(2), DIOCFLUSH, NULL, 0), 0);
	CHECK_EQ(flushes, 2);
	CHECK_EQ(last.drive, 2);
	fail_flush = 1;
	CHECK_EQ(b_ioctl(0, DIOCFLUSH, NULL, 0), -EIO);
	CHECK_EQ(flushes, 3);
	CHECK_EQ(b_ioctl(BDEV_MINOR_WHOLE(1), DIOCFLUSH, NULL, 0), -ENXIO);
	CHECK_EQ(flushes, 3);
	message m = msg(BDEV_IOCTL, 0);
	m.u.bdev_req.request = DIOCFLUSH;
	CHECK_EQ(ask_ops(&ops_noflush, &m), 0);
	CHECK_EQ(flushes, 3);
	m = msg(BDEV_IOCTL, BDEV_MINOR_WHOLE(1));
	m.u.bdev_req.request = DIOCFLUSH;
	CHECK_EQ(ask_ops(&ops_noflush, &m), -ENXIO);
}

TEST(local_pieces)
{
	uint8_t mem[1024], out[16];
	struct blockdriver_iov v = { BLOCKDRIVER_LOCAL, mem, sizeof(mem) };
	struct blockdriver_req req = { .caller = FS };
	memset(mem, 7, sizeof(mem));
	CHECK_EQ(blockdriver_copyin(&req, &v, 1000, out, 16), 0);
	CHECK_EQ(out[0], 7);
	CHECK_EQ(blockdriver_copyin(&req, &v, 1010, out, 16), -EINVAL);
	CHECK_EQ(blockdriver_copyout(&req, &v, 0, "abc", 3), 0);
	CHECK_EQ(mem[1], 'b');
	CHECK_EQ(blockdriver_copyout(&req, &v, 1025, "a", 0), -EINVAL);
}

/* wait_for_an_interrupt: the wait ends at the HARDWARE notification with
 * its lines; the alarm it set is cancelled. The wait is inside a request,
 * so it receives with sef_receive_nested (no update or fault there). */
TEST(wait_for_an_interrupt)
{
	uint32_t irqs = 0;
	script_reset();
	script_add(HARDWARE, NOTIFY_MESSAGE, 0, 1u << 14);
	int nested_before = nested_receives;
	CHECK_EQ(blockdriver_wait_interrupt(50, &irqs), 0);
	CHECK_EQ(nested_receives, nested_before + 1);
	CHECK_EQ(irqs, 1u << 14);
	CHECK_EQ(alarms, 2);
	CHECK_EQ(alarm_ticks, 0);
	/* No limit: no alarm. */
	script_reset();
	script_add(HARDWARE, NOTIFY_MESSAGE, 0, 1u << 15);
	CHECK_EQ(blockdriver_wait_interrupt(0, &irqs), 0);
	CHECK_EQ(irqs, 1u << 15);
	CHECK_EQ(alarms, 0);
	/* The alarm first: timed out. */
	script_reset();
	script_add(CLOCK, NOTIFY_MESSAGE, 0, 0);
	CHECK_EQ(blockdriver_wait_interrupt(50, &irqs), -EINTR);
}

/* requests_during_a_wait: requests that arrive while the driver waits are
 * kept, in order, for after the current one; one past the queue's room
 * is answered -EBUSY at once. */
TEST(requests_during_a_wait)
{
	uint32_t irqs;
	message m;
	script_reset();
	script_add(FS, BDEV_READ, 1, 0);
	script_add(OTHER, BDEV_OPEN, 2, 0);
	script_add(ep_make(50, 1), NOTIFY_MESSAGE, 0, 0);  /* someone's */
	script_add(HARDWARE, NOTIFY_MESSAGE, 0, 1);
	CHECK_EQ(blockdriver_wait_interrupt(0, &irqs), 0);
	CHECK_EQ(nsent, 0);
	CHECK_EQ(blockdriver_queue_get(&m), 1);
	CHECK_EQ(m.m_source, FS);
	CHECK_EQ(m.u.bdev_req.id, 1);
	CHECK_EQ(blockdriver_queue_get(&m), 1);
	CHECK_EQ(m.u.bdev_req.id, 2);
	CHECK_EQ(blockdriver_queue_get(&m), 0);
	script_reset();
	for (int i = 0; i <= BLOCKDRIVER_MAX_QUEUED; i++)
		script_add(FS, BDEV_READ, 100 + i, 0);
	script_add(HARDWARE, NOTIFY_MESSAGE, 0, 1);
	CHECK_EQ(blockdriver_wait_interrupt(0, &irqs), 0);
	CHECK_EQ(nsent, 1);
	CHECK_EQ(sent[0].m_type, BDEV_REPLY);
	CHECK_EQ(sent[0].u.bdev_reply.id, 100 + BLOCKDRIVER_MAX_QUEUED);
	CHECK_EQ(sent[0].u.bdev_reply.status, -EBUSY);
	for (int i = 0; i < BLOCKDRIVER_MAX_QUEUED; i++) {
		CHECK_EQ(blockdriver_queue_get(&m), 1);
		CHECK_EQ(m.u.bdev_req.id, 100 + i);
	}
	CHECK_EQ(blockdriver_queue_get(&m), 0);
}

/* replies: a request is answered BDEV_REPLY {its id, the status} to its
 * sender; a type the library does not know, with no `other` operation,
 * -ENOSYS. */
TEST(replies)
{
	static uint8_t data[512];
	script_reset();
	blockdriver_set_ops(&ops);
	message m = msg(BDEV_READ, 0);
	m.u.bdev_req.id = 4242;
	m.u.bdev_req.size = 512;
	m.u.bdev_req.grant = grant(FS, data, sizeof(data));
	blockdriver_serve(&ops, &m);
	revoke_all();
	CHECK_EQ(nsent, 1);
	CHECK_EQ(sent_to[0], FS);
	CHECK_EQ(sent[0].m_type, BDEV_REPLY);
	CHECK_EQ(sent[0].u.bdev_reply.id, 4242);
	CHECK_EQ(sent[0].u.bdev_reply.status, 512);
	m = msg(0x1234, 0);
	m.m_source = OTHER;
	m.u.bdev_req.id = 9;
	blockdriver_serve(&ops, &m);
	CHECK_EQ(nsent, 2);
	CHECK_EQ(sent_to[1], OTHER);
	CHECK_EQ(sent[1].u.bdev_reply.status, -ENOSYS);
	/* A notification is no request: no reply. */
	m = msg(NOTIFY_MESSAGE, 0);
	m.m_source = HARDWARE;
	blockdriver_serve(&ops, &m);
	CHECK_EQ(nsent, 2);
}

static const struct kit_suite suite = {
	.name = "blockdriver_host", .backend = &kit_inproc, .timeout = 10,
};

int main(int argc, char **argv)
{
	return kit_main(&suite, argc, argv);
}
