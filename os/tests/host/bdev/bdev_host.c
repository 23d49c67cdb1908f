/* Host test of libbdev (os/lib/bdev): the file servers' block client,
 * built with the host gcc (-m32) against a fake world kept here: a block
 * driver (a 64 KiB disk) that can die and come back at a new endpoint,
 * grants that name their grantee (a grant made for the dead instance does
 * not work at the new one), the data store's driver-up events, and a
 * scripted sef_receive (what reaches the file server while a call waits).
 * Run by os/tests/test_bdev_host.py; its cases run on the test kit
 * (os/tests/kit) in process, in source order, each on the state the one
 * before left. */
#include "../kit_errno.h"
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include <abi/ipc.h>
#include <abi/boot.h>
#include "bdev.h"
#include "ds.h"
#include "syslib.h"

#define MAJOR 13
#define DISK  DEV_MAKE(MAJOR, 0)
#define SIZE  (64u * 1024u)
#define VFS_MSG 0x2222                 /* a request that reaches the FS */

/* ---- grants -------------------------------------------------------------- */

static struct { int valid; endpoint_t grantee; char *addr; size_t size;
    int access; } grants[64];
static int grants_live;

uint32_t cpf_grant_direct(endpoint_t grantee, vir_bytes addr, size_t size,
    int access)
{
	for (uint32_t i = 0; i < 64; i++)
		if (!grants[i].valid) {
			grants[i].valid = 1;
			grants[i].grantee = grantee;
			grants[i].addr = (char *) addr;
			grants[i].size = size;
			grants[i].access = access;
			grants_live++;
			return 300 + i;
		}
	return GRANT_INVALID;
}

int cpf_revoke(uint32_t g)
{
	uint32_t i = g - 300;
	if (i >= 64 || !grants[i].valid)
		return -EINVAL;
	grants[i].valid = 0;
	grants_live--;
	return 0;
}

/* granted: the memory of grant G for BY, SIZE bytes with ACCESS, or
 * NULL. */
static char *granted(endpoint_t by, uint32_t g, size_t size, int access)
{
	uint32_t i = g - 300;
	if (i >= 64 || !grants[i].valid || grants[i].grantee != by ||
	    grants[i].size < size || (grants[i].access & access) != access)
		return NULL;
	return grants[i].addr;
}

/* ---- the driver ----------------------------------------------------------- */

static struct {
	endpoint_t ep;                 /* where it runs now */
	int dead;                      /* requests (not opens) that kill it */
	uint8_t disk[SIZE];
	int opens, closes, requests;
	endpoint_t last_ep;            /* the endpoint the last request reached */
	int last_type;
} drv;

static int answer(message *m, int status)
{
	uint32_t id = m->u.bdev_req.id;
	memset(&m->u, 0, sizeof(m->u));
	m->m_type = BDEV_REPLY;
	m->u.bdev_reply.id = id;
	m->u.bdev_reply.status = status;
	return 0;
}

/* copy: move SIZE bytes between the disk at POS and grant G. */
static int copy(uint32_t g, uint64_t pos, size_t size, int write)
{
	if (pos % 512 || size % 512)
		return -EINVAL;
	size_t n = pos >= SIZE ? 0 : SIZE - pos < size ? SIZE - pos : size;
	char *p = granted(drv.ep, g, size, write ? GRANT_READ : GRANT_WRITE);
	if (!p)
		return -EPERM;
	if (write)
		memcpy(drv.disk + pos, p, n);
	else
		memcpy(p, drv.disk + pos, n);
	return (int) n;
}

int ipc_sendrec(endpoint_t ep, message *m)
{
	if (ep != drv.ep)
		return -EDEADSRCDST;
	if (drv.dead > 0 && m->m_type != BDEV_OPEN) {
		drv.dead--;                /* this request kills it */
		return -EDEADSRCDST;
	}
	struct mess_bdev_req q = m->u.bdev_req;
	drv.requests++;
	drv.last_ep = ep;
	drv.last_type = m->m_type;
	if (q.minor != 0)
		return answer(m, -ENXIO);
	switch (m->m_type) {
	case BDEV_OPEN:
		drv.opens++;
		return answer(m, 0);
	case BDEV_CLOSE:
		drv.closes++;
		return answer(m, 0);
	case BDEV_READ:
	case BDEV_WRITE:
		return answer(m, copy(q.grant, q.pos, q.size,
		    m->m_type == BDEV_WRITE));
	case BDEV_GATHER:
	case BDEV_SCATTER: {
		struct bdev_iovec *v = (struct bdev_iovec *) granted(drv.ep,
		    q.grant, q.size * sizeof(*v), GRANT_READ);
		if (!v)
			return answer(m, -EPERM);
		int total = 0;
		for (uint32_t i = 0; i < q.size; i++) {
			int r = copy(v[i].grant, q.pos + (uint64_t) total,
			    v[i].size, m->m_type == BDEV_SCATTER);
			if (r < 0)
				return answer(m, r);
			total += r;
		}
		return answer(m, total);
	}
	case BDEV_IOCTL: {
		struct part_geom *g = (struct part_geom *) granted(drv.ep,
		    q.grant, sizeof(*g), GRANT_WRITE);
		if (q.request != DIOCGETP)
			return answer(m, -ENOTTY);
		if (!g)
			return answer(m, -EPERM);
		memset(g, 0, sizeof(*g));
		g->size = SIZE;
		g->sector_size = 512;
		return answer(m, 0);
	}
	}
	return answer(m, -ENOSYS);
}

/* ---- the data store --------------------------------------------------------- */

static struct { char key[DS_KEY_MAX]; endpoint_t owner; } events[8];
static int nevents;
static char subscribed[DS_KEY_MAX];

int ds_retrieve_label_endpt(const char *label, endpoint_t *ep)
{
	if (strcmp(label, "ramdisk") != 0)
		return -ENOENT;
	*ep = drv.ep;
	return 0;
}

int ds_subscribe(const char *pattern, int flags)
{
	(void) flags;
	snprintf(subscribed, sizeof(subscribed), "%s", pattern);
	return 0;
}

int ds_check(char *key, int *type, endpoint_t *owner)
{
	if (nevents == 0)
		return -ENOENT;
	snprintf(key, DS_KEY_MAX, "%s", events[0].key);
	*type = DS_TYPE_U32;
	*owner = events[0].owner;
	memmove(&events[0], &events[1], sizeof(events[0]) * (size_t) --nevents);
	return 0;
}

/* come_back: the driver restarts at endpoint EP and announces itself. */
static void come_back(endpoint_t ep)
{
	drv.ep = ep;
	snprintf(events[nevents].key, DS_KEY_MAX, "drv.blk.ramdisk");
	events[nevents++].owner = ep;
}

/* ---- what reaches the file server: a script --------------------------------- */

#define UP 1                           /* script entries: the DS notify of a */
#define NEWS 2                         /* comeback, or news from elsewhere, */
#define RING 3                         /* or CLOCK: the alarm expired */
static struct { int kind; message m; endpoint_t ep; } script[16];
static int script_len, script_pos;
static uint32_t alarm_ticks;           /* the alarm pending (0: none) */
static uint32_t alarm_set_to;          /* the last alarm set */

static void script_msg(endpoint_t src, int type)
{
	memset(&script[script_len], 0, sizeof(script[0]));
	script[script_len].kind = NEWS;
	script[script_len].m.m_source = src;
	script[script_len].m.m_type = type;
	script_len++;
}

static void script_up(endpoint_t ep)
{
	script_msg(DS_EP, NOTIFY_MESSAGE);
	script[script_len - 1].kind = UP;
	script[script_len - 1].ep = ep;
}

/* script_ring: the alarm expires (its CLOCK notification; a plain
 * script_msg(CLOCK, ...) is one left from an alarm before). */
static void script_ring(void)
{
	script_msg(CLOCK, NOTIFY_MESSAGE);
	script[script_len - 1].kind = RING;
}

int sef_receive(endpoint_t src, message *m)
{
	(void) src;
	if (script_pos == script_len) {
		printf("bdev_host: the script ran out\n");
		__builtin_trap();
	}
	if (script[script_pos].kind == UP)
		come_back(script[script_pos].ep);
	if (script[script_pos].kind == RING)
		alarm_ticks = 0;
	*m = script[script_pos++].m;
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

int sys_setalarm(uint32_t ticks, int absolute, uint32_t *remaining)
{
	(void) absolute;
	if (remaining)
		*remaining = alarm_ticks;
	alarm_ticks = ticks;
	if (ticks)
		alarm_set_to = ticks;
	return 0;
}

/* ---- cases ------------------------------------------------------------------ */

static uint8_t buf[8192], pat[8192];

static void fill(unsigned seed)
{
	for (unsigned i = 0; i < sizeof(pat); i++)
		pat[i] = (uint8_t) (i * 13 + seed + (i >> 9));
}

TEST(binding)
{
	drv.ep = ep_make(40, 1);
	CHECK_EQ(bdev_open(DISK, BDEV_R_BIT), -ENXIO);      /* no driver */
	CHECK_EQ(bdev_driver(MAJOR, "nosuch"), -ENOENT);
	CHECK_EQ(bdev_driver(MAJOR, ""), -EINVAL);
	CHECK_EQ(bdev_driver(MAJOR, "ramdisk"), 0);
	CHECK_STR(subscribed, "drv.blk.ramdisk");
	CHECK_EQ(drv.requests, 0);
}

TEST(plain_io)
{
	struct part_geom g;
	CHECK_EQ(bdev_open(DISK, BDEV_R_BIT | BDEV_W_BIT), 0);
	CHECK_EQ(drv.opens, 1);
	CHECK_EQ(bdev_open(DEV_MAKE(MAJOR, 1), BDEV_R_BIT), -ENXIO);
	fill(1);
	CHECK_EQ(bdev_write(DISK, 512, pat, 1024), 1024);
	CHECK(memcmp(drv.disk + 512, pat, 1024) == 0);
	CHECK_EQ(bdev_read(DISK, 512, buf, 1024), 1024);
	CHECK(memcmp(buf, pat, 1024) == 0);
	CHECK_EQ(bdev_read(DISK, SIZE - 512, buf, 1024), 512);   /* the end */
	CHECK_EQ(bdev_read(DISK, 100, buf, 512), -EINVAL);
	struct bdev_piece v[2] = { { buf, 512 }, { buf + 512, 1536 } };
	CHECK_EQ(bdev_scatter(DISK, 4096, (struct bdev_piece[]) {
	    { pat, 1024 }, { pat + 1024, 1024 } }, 2), 2048);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(bdev_gather(DISK, 4096, v, 2), 2048);
	CHECK(memcmp(buf, pat, 2048) == 0);
	CHECK_EQ(bdev_gather(DISK, 0, v, 0), -EINVAL);
	CHECK_EQ(bdev_ioctl(DISK, DIOCGETP, &g), 0);
	CHECK_EQ(g.size, SIZE);
	CHECK_EQ(grants_live, 0);
}

/* A driver that dies under a read: the read waits, keeps the file
 * server's other messages, and after the driver-up event the device is
 * opened again at the new instance and the read sent there (with grants
 * for it): the file server gets the bytes. */
TEST(a_dead_driver_is_waited_for)
{
	fill(2);
	memcpy(drv.disk + 8192, pat, 4096);
	drv.dead = 1;
	script_msg(VFS_EP, VFS_MSG);
	script_up(ep_make(40, 2));
	int opens = drv.opens;
	int nested = nested_receives;
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(bdev_read(DISK, 8192, buf, 4096), 4096);
	CHECK(memcmp(buf, pat, 4096) == 0);
	CHECK_EQ(nested_receives, nested + 2);     /* inside the request */
	CHECK_EQ(drv.opens, opens + 1);
	CHECK_EQ(drv.last_ep, ep_make(40, 2));
	CHECK_EQ(alarm_ticks, 0);                     /* the wait's alarm off */
	CHECK_EQ(grants_live, 0);
	message m;
	CHECK_EQ(bdev_receive(&m), 0);                /* kept for the FS */
	CHECK_EQ(m.m_source, VFS_EP);
	CHECK_EQ(m.m_type, VFS_MSG);
	CHECK_EQ(script_pos, script_len);
}

/* A driver that restarts while the file server is idle: the event opens
 * the device again; the next request goes to the new endpoint. */
TEST(an_idle_restart)
{
	int opens = drv.opens;
	come_back(ep_make(40, 3));
	bdev_ds_event();
	CHECK_EQ(drv.opens, opens + 1);
	CHECK_EQ(drv.last_ep, ep_make(40, 3));
	CHECK_EQ(bdev_read(DISK, 0, buf, 512), 512);
	CHECK_EQ(drv.last_ep, ep_make(40, 3));
}

/* A driver that does not come back: -EIO when the wait's alarm rings. */
TEST(a_driver_that_stays_away)
{
	drv.dead = 1;
	script_ring();
	CHECK_EQ(bdev_read(DISK, 0, buf, 512), -EIO);
	CHECK_EQ(alarm_set_to, BDEV_WAIT_TICKS);
	CHECK_EQ(grants_live, 0);
	drv.dead = 0;
}

/* A CLOCK notification of an alarm the file server set before the call
 * (it rang before the wait began) does not end the wait: the wait's own
 * alarm still runs; the driver comes back and the call succeeds. */
TEST(a_stale_alarm_does_not_end_the_wait)
{
	drv.dead = 1;
	script_msg(CLOCK, NOTIFY_MESSAGE);
	script_up(ep_make(40, 3));
	CHECK_EQ(bdev_read(DISK, 0, buf, 512), 512);
	CHECK_EQ(script_pos, script_len);
	CHECK_EQ(alarm_ticks, 0);                     /* the wait's alarm off */
	CHECK_EQ(grants_live, 0);
	drv.dead = 0;
}

/* A driver that dies again and again: -EIO after BDEV_RETRIES waits. */
TEST(a_driver_that_keeps_dying)
{
	drv.dead = BDEV_RETRIES + 1;
	for (int i = 0; i < BDEV_RETRIES; i++)
		script_up(ep_make(40, 4 + i));
	CHECK_EQ(bdev_write(DISK, 0, pat, 512), -EIO);
	CHECK_EQ(script_pos, script_len);
	CHECK_EQ(grants_live, 0);
	drv.dead = 0;
	CHECK_EQ(bdev_write(DISK, 0, pat, 512), 512);
}

TEST(close)
{
	int closes = drv.closes;
	CHECK_EQ(bdev_close(DISK), 0);
	CHECK_EQ(drv.closes, closes + 1);
	/* Nothing open: a restart opens nothing again. */
	int opens = drv.opens;
	come_back(ep_make(41, 1));
	bdev_ds_event();
	CHECK_EQ(drv.opens, opens);
}

static const struct kit_suite suite = {
	.name = "bdev_host", .backend = &kit_inproc, .timeout = 10,
};

int main(int argc, char **argv)
{
	return kit_main(&suite, argc, argv);
}
