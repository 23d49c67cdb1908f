/* Host test of the e1000 driver's hardware layer (os/drivers/e1000:
 * e1000_hw.c, rings.c) against a fake card: its registers are plain
 * memory (what the driver writes stays; the test plays the card by
 * writing descriptors and registers itself) and dma_alloc hands out
 * aligned host memory with made-up physical addresses. Run by
 * os/tests/test_e1000_host.py; its cases run on the test kit
 * (os/tests/kit) in process, in source order. */
#include "../kit_errno.h"
#include <stdlib.h>
#include <string.h>
#include <abi/errno.h>
#include "dma.h"
#include "../../../drivers/e1000/e1000.h"

static uint8_t regs[E1000_BAR0_MIN] __attribute__((aligned(4096)));
static struct e1000 card;
static phys_bytes next_phys = 0x01000000;
static int dma_fail;

/* dma_alloc: aligned host memory, zeroed, at a made-up physical address
 * (each allocation its own range). */
int dma_alloc(size_t len, void **addr, phys_bytes *phys)
{
	if (dma_fail)
		return -ENOMEM;
	len = (len + 4095) & ~(size_t) 4095;
	void *p = aligned_alloc(4096, len);
	if (!p)
		return -ENOMEM;
	memset(p, 0, len);
	*addr = p;
	*phys = next_phys;
	next_phys += (phys_bytes) len + 0x10000;
	return 0;
}

static uint32_t reg(uint32_t off)
{
	uint32_t v;
	memcpy(&v, regs + off, 4);
	return v;
}

static void set_reg(uint32_t off, uint32_t v)
{
	memcpy(regs + off, &v, 4);
}

TEST(reset_is_bounded)
{
	card.regs = regs;
	/* Plain memory keeps CTRL.RST set: a card that never finishes its
	 * reset. The wait gives up. */
	CHECK_EQ(e1000_reset(&card), -EIO);
	CHECK(reg(E1000_CTRL) & E1000_CTRL_RST);
	CHECK_EQ(reg(E1000_IMC), 0xFFFFFFFFu);
	CHECK_EQ(reg(E1000_RCTL), 0);
}

TEST(address_from_receive_address_0)
{
	set_reg(E1000_RAL0, 0x12005452);
	set_reg(E1000_RAH0, 0x5634 | E1000_RAH_AV);
	CHECK_EQ(e1000_read_addr(&card), 0);
	static const uint8_t want[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
	CHECK(memcmp(card.addr, want, 6) == 0);
	CHECK_EQ(reg(E1000_RAH0), 0x5634 | E1000_RAH_AV);
	/* Not valid: the EEPROM is asked, which never answers here. */
	set_reg(E1000_RAH0, 0x5634);
	CHECK_EQ(e1000_read_addr(&card), -EIO);
	CHECK(reg(E1000_EERD) & E1000_EERD_START);
}

TEST(rings_start)
{
	CHECK_EQ(e1000_rings_alloc(&card), 0);
	e1000_rings_start(&card);
	CHECK_EQ(reg(E1000_RDBAL), card.rx_phys);
	CHECK_EQ(reg(E1000_RDLEN), E1000_RX_SLOTS * 16);
	CHECK_EQ(reg(E1000_RDT), E1000_RX_SLOTS - 1);
	CHECK_EQ(reg(E1000_TDBAL), card.tx_phys);
	CHECK_EQ(reg(E1000_TDBAL) % 16, 0);
	CHECK_EQ(reg(E1000_TDLEN), E1000_TX_SLOTS * 16);
	CHECK_EQ(reg(E1000_TDT), 0);
	CHECK(reg(E1000_RCTL) & E1000_RCTL_EN);
	CHECK(reg(E1000_TCTL) & E1000_TCTL_EN);
	for (unsigned i = 0; i < E1000_RX_SLOTS; i++) {
		CHECK_EQ(card.rx[i].addr, card.rx_buf_phys + i * 2048);
		/* A buffer never crosses a page. */
		CHECK_EQ(card.rx[i].addr / 4096,
		    (card.rx[i].addr + 2047) / 4096);
	}
	CHECK_EQ(e1000_rx_pending(&card), 0);
}

TEST(transmit_ring)
{
	CHECK(e1000_tx_room(&card));
	memset(e1000_tx_slot(&card), 0xAB, 20);
	e1000_tx_push(&card, 20);
	CHECK_EQ(reg(E1000_TDT), 1);
	CHECK_EQ(card.tx[0].length, 60);                /* padded */
	CHECK_EQ(card.tx_buf[19], 0xAB);
	CHECK_EQ(card.tx_buf[20], 0);
	CHECK_EQ(card.tx_buf[59], 0);
	CHECK_EQ(card.tx[0].cmd, E1000_TXD_CMD_EOP | E1000_TXD_CMD_IFCS |
	    E1000_TXD_CMD_RS);
	CHECK_EQ(card.tx[0].status, 0);
	/* Fill the ring: one slot always stays empty. */
	unsigned pushed = 1;
	while (e1000_tx_room(&card)) {
		e1000_tx_push(&card, 1514);
		pushed++;
	}
	CHECK_EQ(pushed, E1000_TX_SLOTS - 1);
	CHECK_EQ(reg(E1000_TDT), E1000_TX_SLOTS - 1);
	CHECK_EQ(card.tx[1].length, 1514);
	CHECK_EQ(e1000_tx_reclaim(&card), 0);
	/* The card sends the first two. */
	card.tx[0].status = E1000_TXD_DD;
	card.tx[1].status = E1000_TXD_DD | E1000_TXD_EC;   /* not sent */
	CHECK_EQ(e1000_tx_reclaim(&card), 2);
	CHECK_EQ(card.tx_errors, 1);
	CHECK(e1000_tx_room(&card));
	e1000_tx_push(&card, 100);
	e1000_tx_push(&card, 100);
	CHECK(!e1000_tx_room(&card));
	CHECK_EQ(reg(E1000_TDT), 1);                    /* wrapped */
}

TEST(receive_ring)
{
	const uint8_t *buf;
	CHECK_EQ(e1000_rx_peek(&card, &buf), 0);
	/* The card fills slots 0 (good), 1 (an error), 2 (good). */
	card.rx_buf[0] = 0x11;
	card.rx[0].length = 64;
	card.rx[0].status = E1000_RXD_DD | E1000_RXD_EOP;
	card.rx[1].length = 64;
	card.rx[1].errors = 0x01;
	card.rx[1].status = E1000_RXD_DD | E1000_RXD_EOP;
	card.rx[2].length = 1514;
	card.rx[2].status = E1000_RXD_DD | E1000_RXD_EOP;
	CHECK_EQ(e1000_rx_pending(&card), 3);
	CHECK_EQ(e1000_rx_peek(&card, &buf), 64);
	CHECK_EQ(buf[0], 0x11);
	e1000_rx_done(&card);
	CHECK_EQ(reg(E1000_RDT), 0);                    /* slot 0: the tail */
	CHECK_EQ(card.rx[0].status, 0);
	CHECK_EQ(e1000_rx_peek(&card, &buf), -1);       /* dropped */
	e1000_rx_done(&card);
	CHECK_EQ(e1000_rx_peek(&card, &buf), 1514);
	CHECK(buf == card.rx_buf + 2 * 2048);
	e1000_rx_done(&card);
	CHECK_EQ(reg(E1000_RDT), 2);
	CHECK_EQ(e1000_rx_pending(&card), 0);
	/* A frame without end of packet (longer than a buffer): dropped. */
	card.rx[3].length = 2048;
	card.rx[3].status = E1000_RXD_DD;
	CHECK_EQ(e1000_rx_peek(&card, &buf), -1);
	e1000_rx_done(&card);
	/* The ring wraps. */
	for (unsigned i = 4; i < E1000_RX_SLOTS; i++)
		e1000_rx_done(&card);
	CHECK_EQ(card.rx_next, 0);
	CHECK_EQ(reg(E1000_RDT), E1000_RX_SLOTS - 1);
}

TEST(stop_and_interrupts)
{
	e1000_enable_interrupts(&card);
	CHECK_EQ(reg(E1000_IMS), E1000_INT_MINE);
	CHECK_EQ(reg(E1000_RDTR), 0);
	set_reg(E1000_STATUS, E1000_STATUS_LU);
	CHECK(e1000_link_up(&card));
	set_reg(E1000_STATUS, 0);
	CHECK(!e1000_link_up(&card));
	e1000_stop(&card);
	CHECK_EQ(reg(E1000_IMC), 0xFFFFFFFFu);
	CHECK_EQ(reg(E1000_RCTL), 0);
	CHECK_EQ(reg(E1000_TCTL), 0);
	dma_fail = 1;
	struct e1000 other = { .regs = regs };
	CHECK_EQ(e1000_rings_alloc(&other), -ENOMEM);
}

static const struct kit_suite suite = {
	.name = "e1000_host", .backend = &kit_inproc, .timeout = 30,
};

int main(int argc, char **argv)
{
	return kit_main(&suite, argc, argv);
}
