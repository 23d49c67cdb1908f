/* The network-driver protocol: what the network server (inet) asks a
 * network driver (os/lib/netdriver, sdk/include/netdriver.h).
 *
 * inet sends each request with sendrec and the driver answers at once
 * with NDEV_REPLY; a driver never blocks a request and never sends a
 * request of its own, so inet and its drivers cannot deadlock (the
 * kernel's reply rule lets the driver answer without listing inet).
 * When something inet waits for happens - a frame arrived, room in the
 * transmit ring, the link went up or down - the driver notifies inet
 * (IPC_NOTIFY), and inet asks again: NDEV_RECV until it answers 0,
 * NDEV_SEND for the frames it queued.
 *
 * Frames move through grants: inet grants the driver its frame (SEND) or
 * its buffer (RECV) and the driver copies with SYS_SAFECOPYFROM/TO. A
 * frame is a whole Ethernet frame without the FCS: destination, source,
 * type, payload; NDEV_FRAME_MIN..NDEV_FRAME_MAX bytes (the driver pads
 * short frames).
 *
 * Driver up: a network driver publishes the u32 "drv.net.<label>" = 0 in
 * the data store when it starts and after every restart
 * (netdriver_announce). inet subscribes to "drv.net.*", and on each event
 * sends NDEV_INIT to the publisher's current endpoint and then its queued
 * frames: frames lost while the driver was down are TCP's to recover. */
#ifndef ABI_NET_H
#define ABI_NET_H

#include <abi/payload.h>

#define NDEV_BASE 0xC00
#define NDEV_INIT   (NDEV_BASE + 0)  /* nothing -> 0, out conf */
#define NDEV_SEND   (NDEV_BASE + 1)  /* ndev_req: grant, size -> size sent;
                                      * -EAGAIN: transmit ring full (a
                                      * notification follows when there is
                                      * room); -EINVAL: bad size */
#define NDEV_RECV   (NDEV_BASE + 2)  /* ndev_req: grant, size -> bytes of
                                      * one received frame; 0: none waiting
                                      * (a notification follows when one
                                      * arrives); -EINVAL: SIZE below
                                      * NDEV_FRAME_MAX */
#define NDEV_STATS  (NDEV_BASE + 3)  /* ndev_req: grant for a struct
                                      * ndev_stats -> 0 */
#define NDEV_REPLY  (NDEV_BASE + 20) /* ndev_reply, the answer to each */

#define NDEV_FRAME_MIN 14            /* the Ethernet header */
#define NDEV_FRAME_MAX 1514          /* header + 1500 bytes of payload */
#define NDEV_ADDR_LEN  6

/* ndev_reply.link */
#define NDEV_LINK_DOWN 0
#define NDEV_LINK_UP   1

struct mess_ndev_req {
	uint32_t grant;              /* inet's grant for the frame or buffer */
	uint32_t size;               /* bytes granted */
	uint32_t id;                 /* inet's name for the request, echoed */
};
MESS_PAYLOAD(mess_ndev_req);

struct mess_ndev_reply {
	uint32_t id;                 /* the request answered */
	int32_t status;              /* see each request */
	uint32_t link;               /* NDEV_LINK_*, now */
	uint8_t addr[NDEV_ADDR_LEN]; /* the card's MAC address */
	uint16_t mtu;                /* payload bytes per frame (1500) */
	uint32_t pending;            /* RECV: frames still waiting after this */
	char name[16];               /* INIT: the model, e.g. "82540EM" */
};
MESS_PAYLOAD(mess_ndev_reply);

/* NDEV_STATS: the driver's counters since it (this instance) started. */
struct ndev_stats {
	uint32_t rx_frames, rx_bytes, rx_errors, rx_dropped;
	uint32_t tx_frames, tx_bytes, tx_errors;
	uint32_t interrupts;
	uint32_t link_changes;
};

#endif
