/* The 82540EM's descriptor rings and their buffers, in DMA memory
 * (dma_alloc: contiguous, physically known): E1000_RX_SLOTS receive
 * slots, every one given to the card, and E1000_TX_SLOTS transmit slots,
 * each with a buffer of E1000_BUF_SIZE bytes (two per page: a buffer
 * never crosses a page). One transmit slot stays empty, so that head ==
 * tail means an empty ring.
 *
 * LAB 7: everything below e1000_rings_alloc is yours (see README.md,
 * "The rings"). */
#include <string.h>
#include "dma.h"
#include "e1000.h"

#define RING_BYTES(n) ((n) * 16u)

/* e1000_rings_alloc: see e1000.h. One page holds both rings (each a
 * multiple of 128 bytes, 16-byte aligned). Given: do not change. */
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

/* e1000_rings_start: see e1000.h.
 *
 * TODO (lab 7): hand the rings to the card; the card was just reset.
 *  1. Every receive descriptor i: addr = c->rx_buf_phys + i *
 *     E1000_BUF_SIZE, status, errors and length 0 (the card owns it).
 *  2. Every transmit descriptor i: addr = c->tx_buf_phys + i *
 *     E1000_BUF_SIZE, cmd 0, length 0, status E1000_TXD_DD (free).
 *  3. The driver's indexes: c->rx_next = 0; c->tx_head = c->tx_tail =
 *     c->tx_count = 0; c->tx_waiting = 0.
 *  4. The receive ring's registers: RDBAL = c->rx_phys, RDBAH = 0, RDLEN =
 *     RING_BYTES(E1000_RX_SLOTS), RDH = 0, RDT = E1000_RX_SLOTS - 1 (the
 *     card may fill every slot from RDH up to, not including, RDT).
 *  5. The transmit ring's: TDBAL = c->tx_phys, TDBAH = 0, TDLEN =
 *     RING_BYTES(E1000_TX_SLOTS), TDH = TDT = 0 (empty), TIPG =
 *     E1000_TIPG_VALUE.
 *  6. Enable them, last: RCTL = EN | BAM | SECRC (2048-byte buffers:
 *     BSIZE 00); TCTL = EN | PSP | CT(0x10) | COLD(0x40).
 * Use e1000_write(c, REG, VALUE). */
void e1000_rings_start(struct e1000 *c)
{
	(void) c;
}

/* e1000_tx_reclaim: see e1000.h.
 *
 * TODO (lab 7): while descriptors are in flight (c->tx_count > 0) and the
 * oldest one, c->tx[c->tx_head], has E1000_TXD_DD in its status (the card
 * is done with it): count it in c->tx_errors if its status has
 * E1000_TXD_EC or E1000_TXD_LC, move tx_head on by one (modulo
 * E1000_TX_SLOTS), one less in flight. Return how many were taken back. */
unsigned e1000_tx_reclaim(struct e1000 *c)
{
	(void) c;
	return 0;
}

/* e1000_tx_room: see e1000.h.
 *
 * TODO (lab 7): room while fewer than E1000_TX_SLOTS - 1 descriptors are
 * in flight (one slot always stays empty). */
int e1000_tx_room(const struct e1000 *c)
{
	(void) c;
	return 0;
}

/* e1000_tx_slot: see e1000.h.
 *
 * TODO (lab 7): the buffer of slot c->tx_tail: c->tx_buf + tail *
 * E1000_BUF_SIZE. */
uint8_t *e1000_tx_slot(struct e1000 *c)
{
	return c->tx_buf;
}

/* e1000_tx_push: see e1000.h.
 *
 * TODO (lab 7): the frame is in e1000_tx_slot(c); hand it to the card.
 *  1. LEN below E1000_MIN_FRAME: zero the bytes up to it, LEN = that.
 *  2. The descriptor c->tx[c->tx_tail]: length LEN; cso, css, special and
 *     status 0; cmd EOP | IFCS | RS (one frame, the card adds the FCS and
 *     reports DD when done).
 *  3. tx_tail on by one (modulo E1000_TX_SLOTS), one more in flight.
 *  4. __sync_synchronize() (the descriptor is in memory before the
 *     card looks), then TDT = the new tail: the card sends everything
 *     from TDH up to TDT. */
void e1000_tx_push(struct e1000 *c, size_t len)
{
	(void) c;
	(void) len;
}

/* e1000_rx_peek: see e1000.h.
 *
 * TODO (lab 7): the descriptor c->rx[c->rx_next]:
 *  - status without E1000_RXD_DD: nothing arrived, return 0;
 *  - __sync_synchronize() (read the rest after DD);
 *  - without E1000_RXD_EOP, errors nonzero, length 0 or above
 *    E1000_BUF_SIZE: a bad frame, return -1 (the caller drops it);
 *  - else *BUF = c->rx_buf + rx_next * E1000_BUF_SIZE, return length. */
int e1000_rx_peek(struct e1000 *c, const uint8_t **buf)
{
	(void) c;
	(void) buf;
	return 0;
}

/* e1000_rx_done: see e1000.h.
 *
 * TODO (lab 7): give slot rx_next back: its status and errors 0,
 * __sync_synchronize(), RDT = rx_next (the slot just emptied becomes the
 * tail: the card fills up to it, not including it), then rx_next on by
 * one (modulo E1000_RX_SLOTS). */
void e1000_rx_done(struct e1000 *c)
{
	(void) c;
}

/* e1000_rx_pending: see e1000.h.
 *
 * TODO (lab 7): count the slots from rx_next on whose status has
 * E1000_RXD_DD (at most E1000_RX_SLOTS), stopping at the first without. */
unsigned e1000_rx_pending(const struct e1000 *c)
{
	(void) c;
	return 0;
}
