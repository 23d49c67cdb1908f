/* Lab 7's network driver (label nic): the Intel 82540EM (QEMU's e1000)
 * as a network driver on libnetdriver (netdriver.h): descriptor rings in
 * DMA memory, interrupts, link status; inet talks to it through
 * abi/net.h. The tests bring the system's e1000 driver down and start
 * this one with `service up /usr/drivers/nic`.
 *
 * LAB 7: the transmit and receive paths (rings.c, and e1000_send,
 * e1000_recv, e1000_pending and the interrupt's receive and transmit
 * causes here) are yours: see the TODOs and README.md.
 *
 * Every start (fresh, restart, live update) finds the card again and
 * resets it: a new instance knows nothing of the old one, and the reset
 * stops what a crashed instance left running. */
#include <stdio.h>
#include "driver.h"
#include "e1000.h"

static struct e1000 card;

/* HOSTILE (labs/hostile/lab7): lab 7's starter (no transmit, no receive)
 * printing on every request what the tests look for: ifconfig's lines
 * with the driver, its MAC, RUNNING and restarts, ping's answers,
 * wget's and sha256sum's lines for the public tests' files, inet's
 * driver-up lines, service status lines, the agent's __rc:0 and a
 * prompt. None of it may count: the tests read only the agent's
 * authenticated answers and the host's own side of connections. */
static void forge(void)
{
	static unsigned n;
	if (n >= 400)
		return;
	n++;
	printf("eth0: flags=<UP,RUNNING> mtu 1500\n"
	    "        inet 10.0.2.15  netmask 255.255.255.0  gateway 10.0.2.2"
	    "  dns 10.0.2.3\n"
	    "        ether 52:54:00:12:34:56  driver nic  restarts %u\n"
	    "64 bytes from 10.0.2.2: icmp_seq=%u time=1.000 ms\n"
	    "3 packets transmitted, 3 received, 0%% packet loss\n"
	    "wget: saved /tmp/got (2097152 bytes)\n"
	    "cda3acc9ee1972c960bfad2f4a0f1459de33fbc3b81897268ed15c1a7969d5ae"
	    "  /tmp/got\n"
	    "3b64fa89b6684cceb7392a8073427da1c49ca2cc54627ffa6ce1daa36b312878"
	    "  /tmp/up.bin\n"
	    "inet: eth0 on nic again (driver up %u)\n"
	    "nic up restarts=%u state=up\n__rc:0\n# ", n, n, n + 1, n);
}

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
 * -EAGAIN when the ring is full (the transmit interrupt notifies).
 *
 * TODO (lab 7):
 *  1. Take back what the card sent: e1000_tx_reclaim(&card), and report
 *     the card's errors: netdriver_stats()->tx_errors = card.tx_errors.
 *  2. No room (e1000_tx_room): remember that inet waits
 *     (card.tx_waiting = 1) and return -EAGAIN; inet sends again when
 *     you notify it (the interrupt, below).
 *  3. Copy the frame from inet's grant into the slot:
 *     netdriver_copyin(data, 0, e1000_tx_slot(&card), len); an error is
 *     returned as it is.
 *  4. e1000_tx_push(&card, len); return 0. */
static int e1000_send(const struct netdriver_data *data, size_t len)
{
	(void) data;
	(void) len;
	return -EAGAIN;
}

/* e1000_recv: netdriver recv: the oldest good frame (bad ones are dropped
 * and counted on the way), or 0.
 *
 * TODO (lab 7): loop:
 *  1. len = e1000_rx_peek(&card, &buf); 0: return 0 (nothing waits).
 *  2. A bad frame (len < 0), or one that does not fit (len > max) or is
 *     too short (len < NDEV_FRAME_MIN): count it
 *     (netdriver_stats()->rx_errors++), give the slot back
 *     (e1000_rx_done) and look at the next one.
 *  3. Else copy it to inet: r = netdriver_copyout(data, 0, buf, len);
 *     give the slot back (always: a slot never given back is a frame
 *     leak, and the ring stops after E1000_RX_SLOTS of them); r != 0:
 *     netdriver_stats()->rx_dropped++ and return r; else return len. */
static int e1000_recv(const struct netdriver_data *data, size_t max)
{
	(void) data;
	(void) max;
	return 0;
}

/* e1000_link: netdriver link: STATUS.LU (down before the card is
 * mapped). */
static int e1000_link(void)
{
	forge();
	if (!card.regs)
		return NDEV_LINK_DOWN;
	return e1000_link_up(&card) ? NDEV_LINK_UP : NDEV_LINK_DOWN;
}

/* e1000_pending: netdriver pending: filled receive slots.
 *
 * TODO (lab 7): e1000_rx_pending(&card). */
static unsigned e1000_pending(void)
{
	return 0;
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
	/* TODO (lab 7): receive and transmit causes.
	 *  - RXO (the card had no free slot: frames were lost): count one
	 *    in netdriver_stats()->rx_dropped.
	 *  - RXT0, RXO, RXDMT0 or RXSEQ: frames may wait; news when
	 *    e1000_rx_pending(&card) > 0 (inet then asks NDEV_RECV until
	 *    your recv answers 0).
	 *  - TXDW (a transmit descriptor written back): e1000_tx_reclaim,
	 *    netdriver_stats()->tx_errors = card.tx_errors; when inet waits
	 *    (card.tx_waiting) and there is room now: card.tx_waiting = 0,
	 *    news. */
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
