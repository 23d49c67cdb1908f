/* The network-driver library's handlers of NDEV_INIT, NDEV_SEND,
 * NDEV_RECV and NDEV_STATS (abi/net.h). Each answers at once; the sizes
 * were checked (netdriver_check) before. */
#include <string.h>
#include "netdriver_priv.h"
#include "syslib.h"
#include <abi/errno.h>

/* data: the client's frame or buffer of request M. */
static struct netdriver_data data(const message *m)
{
	struct netdriver_data d = { .owner = m->m_source,
	    .grant = m->u.ndev_req.grant, .size = m->u.ndev_req.size };
	return d;
}

/* netdriver_do_init: NDEV_INIT: the sender becomes the client (the one
 * notified) and gets the model's name; 0. */
int netdriver_do_init(const struct netdriver *ops, const message *m,
    struct mess_ndev_reply *rep)
{
	netdriver_set_client(m->m_source);
	if (ops->name)        /* REP is zeroed: the copy stays terminated */
		memcpy(rep->name, ops->name,
		    strnlen(ops->name, sizeof(rep->name) - 1));
	return 0;
}

/* netdriver_do_send: NDEV_SEND (grant, size): the driver's send; the
 * frame's size when it is queued (counted), else its error (-EAGAIN: the
 * ring is full, a notification follows). */
int netdriver_do_send(const struct netdriver *ops, const message *m,
    struct mess_ndev_reply *rep)
{
	(void) rep;
	struct netdriver_data d = data(m);
	int r = ops->send(&d, d.size);
	if (r != 0)
		return r;
	struct ndev_stats *s = netdriver_stats();
	s->tx_frames++;
	s->tx_bytes += d.size;
	return (int) d.size;
}

/* netdriver_do_recv: NDEV_RECV (grant, size): the driver's recv; the
 * length of the frame copied (counted), 0 for none, or its error. PENDING
 * gets the frames still waiting. */
int netdriver_do_recv(const struct netdriver *ops, const message *m,
    struct mess_ndev_reply *rep)
{
	struct netdriver_data d = data(m);
	int r = ops->recv(&d, d.size);
	if (r > 0) {
		struct ndev_stats *s = netdriver_stats();
		s->rx_frames++;
		s->rx_bytes += (uint32_t) r;
	}
	rep->pending = ops->pending ? ops->pending() : 0;
	return r;
}

/* netdriver_do_stats: NDEV_STATS (grant): this instance's counters copied
 * to the client; 0 or the copy's error. */
int netdriver_do_stats(const struct netdriver *ops, const message *m,
    struct mess_ndev_reply *rep)
{
	(void) ops;
	(void) rep;
	struct netdriver_data d = data(m);
	return netdriver_copyout(&d, 0, netdriver_stats(),
	    sizeof(struct ndev_stats));
}
