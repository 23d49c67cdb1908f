/* The 82540EM's descriptor rings and their buffers, in DMA memory
 * (dma_alloc: contiguous, physically known): E1000_RX_SLOTS receive
 * slots, every one given to the card, and E1000_TX_SLOTS transmit slots,
 * each with a buffer of E1000_BUF_SIZE bytes (two per page: a buffer
 * never crosses a page). One transmit slot stays empty, so that head ==
 * tail means an empty ring. */
#include <string.h>
#include "dma.h"
#include "e1000.h"

#define RING_BYTES(n) ((n) * 16u)

/* e1000_rings_alloc: see e1000.h. One page holds both rings (each a
 * multiple of 128 bytes, 16-byte aligned). */
int e1000_rings_alloc(struct e1000 *c)
{
	void *rings, *rx, *tx;
	phys_bytes rings_phys;
	int r = dma_alloc(4096, &rings, &rings_phys);
	if (r != 0)
		return r;
	r = dma_alloc(E1000_RX_SLOTS * E1000_BUF_SIZE, &rx, &c->rx_buf_phys);
	if (r != 0)
		return r;
	r = dma_alloc(E1000_TX_SLOTS * E1000_BUF_SIZE, &tx, &c->tx_buf_phys);
	if (r != 0)
		return r;
	c->rx = rings;
	c->rx_phys = rings_phys;
	c->tx = (volatile struct e1000_tx_desc *) ((uint8_t *) rings +
	    RING_BYTES(E1000_RX_SLOTS));
	c->tx_phys = rings_phys + RING_BYTES(E1000_RX_SLOTS);
	c->rx_buf = rx;
	c->tx_buf = tx;
	return 0;
}

/* e1000_rings_start: see e1000.h. */
void e1000_rings_start(struct e1000 *c)
{
	for (unsigned i = 0; i < E1000_RX_SLOTS; i++) {
		c->rx[i].addr = c->rx_buf_phys + i * E1000_BUF_SIZE;
		c->rx[i].status = 0;
		c->rx[i].errors = 0;
		c->rx[i].length = 0;
	}
	for (unsigned i = 0; i < E1000_TX_SLOTS; i++) {
		c->tx[i].addr = c->tx_buf_phys + i * E1000_BUF_SIZE;
		c->tx[i].cmd = 0;
		c->tx[i].status = E1000_TXD_DD;
		c->tx[i].length = 0;
	}
	c->rx_next = 0;
	c->tx_head = c->tx_tail = c->tx_count = 0;
	c->tx_waiting = 0;
	e1000_write(c, E1000_RDBAL, c->rx_phys);
	e1000_write(c, E1000_RDBAH, 0);
	e1000_write(c, E1000_RDLEN, RING_BYTES(E1000_RX_SLOTS));
	e1000_write(c, E1000_RDH, 0);
	e1000_write(c, E1000_RDT, E1000_RX_SLOTS - 1);
	e1000_write(c, E1000_TDBAL, c->tx_phys);
	e1000_write(c, E1000_TDBAH, 0);
	e1000_write(c, E1000_TDLEN, RING_BYTES(E1000_TX_SLOTS));
	e1000_write(c, E1000_TDH, 0);
	e1000_write(c, E1000_TDT, 0);
	e1000_write(c, E1000_TIPG, E1000_TIPG_VALUE);
	e1000_write(c, E1000_RCTL, E1000_RCTL_EN | E1000_RCTL_BAM |
	    E1000_RCTL_SECRC);
	e1000_write(c, E1000_TCTL, E1000_TCTL_EN | E1000_TCTL_PSP |
	    E1000_TCTL_CT(0x10) | E1000_TCTL_COLD(0x40));
}

/* e1000_tx_reclaim: see e1000.h. */
unsigned e1000_tx_reclaim(struct e1000 *c)
{
	unsigned n = 0;
	while (c->tx_count > 0 && (c->tx[c->tx_head].status & E1000_TXD_DD)) {
		if (c->tx[c->tx_head].status & (E1000_TXD_EC | E1000_TXD_LC))
			c->tx_errors++;
		c->tx_head = (c->tx_head + 1) % E1000_TX_SLOTS;
		c->tx_count--;
		n++;
	}
	return n;
}

/* e1000_tx_room: see e1000.h. */
int e1000_tx_room(const struct e1000 *c)
{
	return c->tx_count < E1000_TX_SLOTS - 1;
}

/* e1000_tx_slot: see e1000.h. */
uint8_t *e1000_tx_slot(struct e1000 *c)
{
	return c->tx_buf + c->tx_tail * E1000_BUF_SIZE;
}

/* e1000_tx_push: see e1000.h. The descriptor is complete in memory before
 * the tail moves (the card reads it after the TDT write). */
void e1000_tx_push(struct e1000 *c, size_t len)
{
	uint8_t *buf = e1000_tx_slot(c);
	if (len < E1000_MIN_FRAME) {
		memset(buf + len, 0, E1000_MIN_FRAME - len);
		len = E1000_MIN_FRAME;
	}
	volatile struct e1000_tx_desc *d = &c->tx[c->tx_tail];
	d->length = (uint16_t) len;
	d->cso = 0;
	d->css = 0;
	d->special = 0;
	d->status = 0;
	d->cmd = E1000_TXD_CMD_EOP | E1000_TXD_CMD_IFCS | E1000_TXD_CMD_RS;
	c->tx_tail = (c->tx_tail + 1) % E1000_TX_SLOTS;
	c->tx_count++;
	__sync_synchronize();
	e1000_write(c, E1000_TDT, c->tx_tail);
}

/* e1000_rx_peek: see e1000.h. */
int e1000_rx_peek(struct e1000 *c, const uint8_t **buf)
{
	volatile struct e1000_rx_desc *d = &c->rx[c->rx_next];
	if (!(d->status & E1000_RXD_DD))
		return 0;
	__sync_synchronize();
	if (!(d->status & E1000_RXD_EOP) || d->errors != 0 ||
	    d->length == 0 || d->length > E1000_BUF_SIZE)
		return -1;
	*buf = c->rx_buf + c->rx_next * E1000_BUF_SIZE;
	return d->length;
}

/* e1000_rx_done: see e1000.h. The slot becomes the new tail: the card
 * may fill every slot but the tail's. */
void e1000_rx_done(struct e1000 *c)
{
	volatile struct e1000_rx_desc *d = &c->rx[c->rx_next];
	d->status = 0;
	d->errors = 0;
	__sync_synchronize();
	e1000_write(c, E1000_RDT, c->rx_next);
	c->rx_next = (c->rx_next + 1) % E1000_RX_SLOTS;
}

/* e1000_rx_pending: see e1000.h. */
unsigned e1000_rx_pending(const struct e1000 *c)
{
	unsigned n = 0, i = c->rx_next;
	while (n < E1000_RX_SLOTS && (c->rx[i].status & E1000_RXD_DD)) {
		n++;
		i = (i + 1) % E1000_RX_SLOTS;
	}
	return n;
}
