/* Ethernet II: the frame header, what is ours, and the way out. */
#include <string.h>
#include "inet.h"

const uint8_t eth_bcast[NDEV_ADDR_LEN] = { 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff };

/* eth_input: see inet.h. Frames to our MAC or broadcast; multicast and
 * others' frames are not ours. */
void eth_input(const uint8_t *frame, size_t len)
{
	STAT_INC(eth_rx);
	if (len < ETH_HDR || len > NDEV_FRAME_MAX) {
		STAT_INC(eth_drop);
		return;
	}
	if (memcmp(frame, inet_drv.mac, NDEV_ADDR_LEN) != 0 &&
	    memcmp(frame, eth_bcast, NDEV_ADDR_LEN) != 0) {
		STAT_INC(eth_drop);
		return;
	}
	uint16_t type = (uint16_t) (frame[12] << 8 | frame[13]);
	if (type == ETH_TYPE_ARP)
		arp_input(frame + ETH_HDR, len - ETH_HDR);
	else if (type == ETH_TYPE_IP)
		ip_input(frame + ETH_HDR, len - ETH_HDR, 0);
	else
		STAT_INC(eth_drop);
}

/* eth_output: see inet.h. */
void eth_output(const uint8_t *dst, uint16_t type, const void *payload,
    size_t len)
{
	static uint8_t frame[NDEV_FRAME_MAX];
	if (len > NDEV_FRAME_MAX - ETH_HDR)
		return;
	memcpy(frame, dst, NDEV_ADDR_LEN);
	memcpy(frame + 6, inet_drv.mac, NDEV_ADDR_LEN);
	frame[12] = (uint8_t) (type >> 8);
	frame[13] = (uint8_t) type;
	memcpy(frame + ETH_HDR, payload, len);
	drvq_send(frame, ETH_HDR + len);
}
