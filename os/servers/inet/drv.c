/* The network driver client (abi/net.h): driver-up events from the data
 * store ("drv.net.<label>"), NDEV_INIT to every driver that comes up (a
 * restarted one too: its frames queued meanwhile then go), NDEV_SEND for
 * each frame and NDEV_RECV until the driver has none left when it
 * notifies. Each request is a sendrec the driver answers at once. */
#include <stdio.h>
#include <string.h>
#include "syslib.h"
#include "ds.h"
#include "inet.h"

#define NET_PATTERN "drv.net.*"
#define NET_PREFIX  "drv.net."

static uint32_t next_id;

void drv_event(void);

/* call: send request TYPE {GRANT, SIZE} to the driver at EP and wait for
 * its NDEV_REPLY in *M. Returns 0, or the IPC error (the driver died). */
static int call(endpoint_t ep, int type, uint32_t grant, uint32_t size,
    message *m)
{
	memset(m, 0, sizeof(*m));
	m->m_type = type;
	m->u.ndev_req.grant = grant;
	m->u.ndev_req.size = size;
	m->u.ndev_req.id = ++next_id;
	int r = ipc_sendrec(ep, m);
	if (r != 0)
		return r;
	return m->m_type == NDEV_REPLY ? 0 : -EIO;
}

/* drv_init: subscribe to driver-up events (DSF_INITIAL: a driver up
 * before inet counts). Returns 0 or the data store's error. */
int drv_init(void)
{
	return ds_subscribe(NET_PATTERN, DSF_INITIAL);
}

/* driver_up: the driver LABEL at EP came up: initialise it. */
static void driver_up(const char *label, endpoint_t ep)
{
	message m;
	int r = call(ep, NDEV_INIT, GRANT_INVALID, 0, &m);
	if (r == -EDEADSRCDST)
		return;    /* an old key of a dead driver: its restart announces */
	if (r != 0 || m.u.ndev_reply.status != 0) {
		printf("inet: %s does not initialise (%d, %d)\n", label, r,
		    r ? 0 : m.u.ndev_reply.status);
		return;
	}
	int first = inet_drv.ups == 0;
	drvq_up(label, ep, m.u.ndev_reply.addr, (int) m.u.ndev_reply.link);
	drv_event();              /* frames that came before we knew it */
	if (first) {
		const uint8_t *a = inet_drv.mac;
		printf("inet: eth0 on %s (%.16s), MAC %02x:%02x:%02x:%02x:%02x:"
		    "%02x, link %s\n", label, m.u.ndev_reply.name, a[0], a[1],
		    a[2], a[3], a[4], a[5],
		    inet_drv.link == NDEV_LINK_UP ? "up" : "down");
	} else {
		printf("inet: eth0 on %s again (driver up %u)\n", label,
		    (unsigned) inet_drv.ups);
	}
}

/* drv_ds_event: the data store notified: every changed "drv.net.*" key
 * whose owner is alive is a driver up. */
void drv_ds_event(void)
{
	char key[DS_KEY_MAX];
	int type;
	endpoint_t owner;
	while (ds_check(key, &type, &owner) == 0) {
		if (type != DS_TYPE_U32 || owner == NONE ||
		    strncmp(key, NET_PREFIX, sizeof(NET_PREFIX) - 1) != 0)
			continue;
		driver_up(key + sizeof(NET_PREFIX) - 1, owner);
	}
}

/* drv_event: the driver notified: frames arrived, room in its ring, or
 * its link changed. Every waiting frame is taken, then the queue goes. */
void drv_event(void)
{
	static uint8_t frame[NDEV_FRAME_MAX];
	if (!inet_drv.up)
		return;
	for (;;) {
		uint32_t g = cpf_grant_direct(inet_drv.ep, (vir_bytes) frame,
		    sizeof(frame), GRANT_WRITE);
		if (g == GRANT_INVALID)
			break;
		message m;
		int r = call(inet_drv.ep, NDEV_RECV, g, sizeof(frame), &m);
		cpf_revoke(g);
		if (r != 0) {
			drvq_down();
			return;
		}
		inet_drv.link = (int) m.u.ndev_reply.link;
		int n = m.u.ndev_reply.status;
		if (n <= 0 || n > NDEV_FRAME_MAX)
			break;
		eth_input(frame, (size_t) n);
	}
	drvq_flush();
}

/* drv_xmit: see inet.h. */
int drv_xmit(const void *frame, size_t len)
{
	uint32_t g = cpf_grant_direct(inet_drv.ep, (vir_bytes) frame, len,
	    GRANT_READ);
	if (g == GRANT_INVALID)
		return -EAGAIN;
	message m;
	int r = call(inet_drv.ep, NDEV_SEND, g, (uint32_t) len, &m);
	cpf_revoke(g);
	if (r != 0)
		return r;
	inet_drv.link = (int) m.u.ndev_reply.link;
	return m.u.ndev_reply.status < 0 ? m.u.ndev_reply.status : 0;
}
