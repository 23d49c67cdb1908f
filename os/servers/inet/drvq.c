/* The network driver as the protocols see it: its state (the last
 * driver-up) and the frames waiting for it. A frame goes to the driver at
 * once when nothing waits; when its ring is full (-EAGAIN) or no driver is
 * up, frames wait here, in order, until the driver's notification or its
 * next driver-up (drvq_flush). A frame lost because the driver died is
 * TCP's to send again. */
#include <string.h>
#include "inet.h"

struct drv_state inet_drv;

static struct {
	uint16_t len;
	uint8_t data[NDEV_FRAME_MAX];
} queue[DRVQ_LEN];
static int q_head, q_count;

/* enqueue: FRAME at the queue's tail; a full queue loses its oldest. */
static void enqueue(const void *frame, size_t len)
{
	if (q_count == DRVQ_LEN) {
		q_head = (q_head + 1) % DRVQ_LEN;
		q_count--;
	}
	int t = (q_head + q_count) % DRVQ_LEN;
	queue[t].len = (uint16_t) len;
	memcpy(queue[t].data, frame, len);
	q_count++;
}

/* drvq_send: see inet.h. */
void drvq_send(const void *frame, size_t len)
{
	if (len < NDEV_FRAME_MIN || len > NDEV_FRAME_MAX)
		return;
	STAT_INC(eth_tx);
	if (q_count == 0 && inet_drv.up) {
		int r = drv_xmit(frame, len);
		if (r == 0)
			return;
		if (r == -EAGAIN)
			STAT_INC(drv_tx_again);
		else
			drvq_down();
	}
	enqueue(frame, len);
}

/* drvq_flush: see inet.h. */
void drvq_flush(void)
{
	while (q_count > 0 && inet_drv.up) {
		int r = drv_xmit(queue[q_head].data, queue[q_head].len);
		if (r == -EAGAIN)
			return;
		if (r != 0) {
			drvq_down();
			return;
		}
		q_head = (q_head + 1) % DRVQ_LEN;
		q_count--;
	}
}

/* drvq_clear: see inet.h. */
void drvq_clear(void)
{
	q_head = q_count = 0;
}

/* drvq_count: see inet.h. */
int drvq_count(void)
{
	return q_count;
}

/* drvq_up: see inet.h. A new MAC (another card) makes the neighbours'
 * view of us stale: nothing to do, ARP answers carry it. */
void drvq_up(const char *label, endpoint_t ep, const uint8_t *mac, int link)
{
	if (inet_drv.ups > 0)
		STAT_INC(drv_restarts);
	inet_drv.ups++;
	inet_drv.up = 1;
	inet_drv.ep = ep;
	inet_drv.link = link;
	memcpy(inet_drv.mac, mac, NDEV_ADDR_LEN);
	size_t n = strlen(label);
	if (n >= sizeof(inet_drv.label))
		n = sizeof(inet_drv.label) - 1;
	memcpy(inet_drv.label, label, n);
	inet_drv.label[n] = '\0';
	memcpy(inet_if.driver, inet_drv.label, sizeof(inet_if.driver));
	memcpy(inet_if.mac, mac, NDEV_ADDR_LEN);
	inet_if.driver_restarts = inet_drv.ups - 1;
	drvq_flush();
}

/* drvq_down: see inet.h. */
void drvq_down(void)
{
	inet_drv.up = 0;
}
