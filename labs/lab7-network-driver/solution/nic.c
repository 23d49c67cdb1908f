/* Lab 7's network driver (label nic): the Intel 82540EM (QEMU's e1000)
 * as a network driver on libnetdriver (netdriver.h): descriptor rings in
 * DMA memory, interrupts, link status; inet talks to it through
 * abi/net.h. The tests bring the system's e1000 driver down and start
 * this one with `service up /usr/drivers/nic`.
 *
 * Every start (fresh, restart, live update) finds the card again and
 * resets it: a new instance knows nothing of the old one, and the reset
 * stops what a crashed instance left running. */
#include <stdio.h>
#include "driver.h"
#include "e1000.h"

static struct e1000 card;

/* e1000_init_op: netdriver init of every type: probe, reset, address,
 * rings, IRQ, interrupts; one console line. 0, or the first error. */
static int e1000_init_op(const struct sef_init_info *info)
{
	int r = e1000_probe(&card);
	if (r == -ENODEV) {
		printf("nic: no card (%04x:%04x)\n", E1000_VENDOR,
		    E1000_DEVICE);
		return r;
	}
	if (r != 0)
		return r;
	r = e1000_reset(&card);
	if (r == 0)
		r = e1000_read_addr(&card);
	if (r != 0) {
		printf("nic: the card does not reset (%d)\n", r);
		return r;
	}
	r = e1000_rings_alloc(&card);
	if (r != 0) {
		printf("nic: no DMA memory for the rings (%d)\n", r);
		return r;
	}
	e1000_rings_start(&card);
	r = sys_irqctl(IRQ_SETPOLICY, card.irq);
	if (r != 0) {
		printf("nic: cannot take IRQ %d (%d)\n", card.irq, r);
		return r;
	}
	e1000_enable_interrupts(&card);
	netdriver_set_addr(card.addr);
	const uint8_t *a = card.addr;
	printf("nic: 82540EM at IRQ %d, %02x:%02x:%02x:%02x:%02x:%02x, "
	    "link %s (%s)\n", card.irq, a[0], a[1], a[2], a[3], a[4], a[5],
	    e1000_link_up(&card) ? "up" : "down",
	    info->type == SEF_INIT_FRESH ? "fresh start" :
	    info->type == SEF_INIT_LU ? "new version" : "restarted");
	return 0;
}

/* e1000_send: netdriver send: the frame into the next transmit slot.
 * -EAGAIN when the ring is full (the transmit interrupt notifies). */
static int e1000_send(const struct netdriver_data *data, size_t len)
{
	e1000_tx_reclaim(&card);
	netdriver_stats()->tx_errors = card.tx_errors;
	if (!e1000_tx_room(&card)) {
		card.tx_waiting = 1;
		return -EAGAIN;
	}
	int r = netdriver_copyin(data, 0, e1000_tx_slot(&card), len);
	if (r != 0)
		return r;
	e1000_tx_push(&card, len);
	return 0;
}

/* e1000_recv: netdriver recv: the oldest good frame (bad ones are dropped
 * and counted on the way), or 0. */
static int e1000_recv(const struct netdriver_data *data, size_t max)
{
	for (;;) {
		const uint8_t *buf;
		int len = e1000_rx_peek(&card, &buf);
		if (len == 0)
			return 0;
		if (len < 0 || (size_t) len > max || len < NDEV_FRAME_MIN) {
			netdriver_stats()->rx_errors++;
			e1000_rx_done(&card);
			continue;
		}
		int r = netdriver_copyout(data, 0, buf, (size_t) len);
		e1000_rx_done(&card);
		if (r != 0) {
			netdriver_stats()->rx_dropped++;
			return r;
		}
		return len;
	}
}

/* e1000_link: netdriver link: STATUS.LU (down before the card is
 * mapped). */
static int e1000_link(void)
{
	if (!card.regs)
		return NDEV_LINK_DOWN;
	return e1000_link_up(&card) ? NDEV_LINK_UP : NDEV_LINK_DOWN;
}

/* e1000_pending: netdriver pending: filled receive slots. */
static unsigned e1000_pending(void)
{
	return e1000_rx_pending(&card);
}

/* e1000_stop_op: netdriver stop: no more DMA, no interrupts. */
static void e1000_stop_op(void)
{
	if (card.regs)
		e1000_stop(&card);
}

/* e1000_interrupt: netdriver interrupt: read the cause (which clears it;
 * 0: the line is shared and another device interrupted), notify inet of
 * frames, transmit room and link changes, enable the line again. */
static void e1000_interrupt(uint32_t irqs)
{
	if (!(irqs & (1u << card.irq)))
		return;
	uint32_t icr = e1000_read(&card, E1000_ICR);
	int news = 0;
	if (icr & E1000_INT_LSC) {
		e1000_write(&card, E1000_CTRL,
		    e1000_read(&card, E1000_CTRL) | E1000_CTRL_SLU);
		news = 1;
	}
	if (icr & E1000_INT_RXO)
		netdriver_stats()->rx_dropped++;
	if (icr & (E1000_INT_RXT0 | E1000_INT_RXO | E1000_INT_RXDMT0 |
	    E1000_INT_RXSEQ))
		news |= e1000_rx_pending(&card) > 0;
	if (icr & E1000_INT_TXDW) {
		e1000_tx_reclaim(&card);
		netdriver_stats()->tx_errors = card.tx_errors;
		if (card.tx_waiting && e1000_tx_room(&card)) {
			card.tx_waiting = 0;
			news = 1;
		}
	}
	if (news)
		netdriver_notify();
	(void) sys_irqctl(IRQ_ENABLE, card.irq);
}

static const struct netdriver e1000_ops = {
	.name = "82540EM",
	.init = e1000_init_op,
	.send = e1000_send,
	.recv = e1000_recv,
	.link = e1000_link,
	.pending = e1000_pending,
	.stop = e1000_stop_op,
	.interrupt = e1000_interrupt,
};

int main(void)
{
	netdriver_task(&e1000_ops);
}
