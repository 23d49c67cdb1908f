/* The e1000 driver's hardware layer: the Intel 82540EM's registers,
 * bits and descriptors (facts from Intel's 8254x manual), the card's
 * record, and the functions of e1000_hw.c (reset, address, link,
 * interrupts), rings.c (descriptor rings in DMA memory) and probe.c (the
 * PCI device). The layer knows nothing of libnetdriver. */
#ifndef E1000_H
#define E1000_H

#include <abi/types.h>

#define E1000_VENDOR 0x8086
#define E1000_DEVICE 0x100e           /* 82540EM: QEMU's and Bochs' e1000 */

/* ---- registers (byte offsets in BAR 0) ---- */
#define E1000_CTRL   0x0000           /* device control */
#define E1000_STATUS 0x0008           /* device status */
#define E1000_EERD   0x0014           /* EEPROM read */
#define E1000_ICR    0x00C0           /* interrupt cause (read clears) */
#define E1000_IMS    0x00D0           /* interrupt mask set */
#define E1000_IMC    0x00D8           /* interrupt mask clear */
#define E1000_RCTL   0x0100           /* receive control */
#define E1000_TCTL   0x0400           /* transmit control */
#define E1000_TIPG   0x0410           /* transmit inter-packet gap */
#define E1000_RDBAL  0x2800           /* receive ring: base low */
#define E1000_RDBAH  0x2804           /* base high */
#define E1000_RDLEN  0x2808           /* length in bytes */
#define E1000_RDH    0x2810           /* head (the card's) */
#define E1000_RDT    0x2818           /* tail (the driver's) */
#define E1000_RDTR   0x2820           /* receive interrupt delay */
#define E1000_TDBAL  0x3800           /* transmit ring: base low */
#define E1000_TDBAH  0x3804
#define E1000_TDLEN  0x3808
#define E1000_TDH    0x3810
#define E1000_TDT    0x3818
#define E1000_TIDV   0x3820           /* transmit interrupt delay */
#define E1000_MTA    0x5200           /* multicast table, 128 words */
#define E1000_RAL0   0x5400           /* receive address 0, low */
#define E1000_RAH0   0x5404           /* and high (with AV) */
#define E1000_MTA_WORDS 128
#define E1000_BAR0_MIN  0x20000       /* the register window: 128 KiB */

/* CTRL */
#define E1000_CTRL_FD      (1u << 0)  /* full duplex */
#define E1000_CTRL_LRST    (1u << 3)  /* link reset */
#define E1000_CTRL_ASDE    (1u << 5)  /* auto speed detection */
#define E1000_CTRL_SLU     (1u << 6)  /* set link up */
#define E1000_CTRL_RST     (1u << 26) /* device reset (self-clearing) */
#define E1000_CTRL_PHY_RST (1u << 31)

/* STATUS */
#define E1000_STATUS_LU    (1u << 1)  /* link up */

/* EERD (82540EM: address in 15:8, data in 31:16) */
#define E1000_EERD_START   (1u << 0)
#define E1000_EERD_DONE    (1u << 4)
#define E1000_EERD_ADDR_SHIFT 8
#define E1000_EERD_DATA_SHIFT 16

/* ICR, IMS, IMC */
#define E1000_INT_TXDW     (1u << 0)  /* a transmit descriptor written back */
#define E1000_INT_TXQE     (1u << 1)  /* transmit queue empty */
#define E1000_INT_LSC      (1u << 2)  /* link status change */
#define E1000_INT_RXSEQ    (1u << 3)  /* receive sequence error */
#define E1000_INT_RXDMT0   (1u << 4)  /* receive descriptors running low */
#define E1000_INT_RXO      (1u << 6)  /* receiver overrun */
#define E1000_INT_RXT0     (1u << 7)  /* receiver timer: frames arrived */
#define E1000_INT_MINE     (E1000_INT_TXDW | E1000_INT_LSC | \
	E1000_INT_RXSEQ | E1000_INT_RXDMT0 | E1000_INT_RXO | E1000_INT_RXT0)

/* RCTL */
#define E1000_RCTL_EN      (1u << 1)
#define E1000_RCTL_BAM     (1u << 15) /* accept broadcast */
#define E1000_RCTL_SECRC   (1u << 26) /* strip the CRC */
                                      /* BSIZE 00 (bits 17:16): 2048 */
/* TCTL */
#define E1000_TCTL_EN      (1u << 1)
#define E1000_TCTL_PSP     (1u << 3)  /* pad short packets */
#define E1000_TCTL_CT(n)   ((uint32_t) (n) << 4)  /* collision threshold */
#define E1000_TCTL_COLD(n) ((uint32_t) (n) << 12) /* collision distance */
/* TIPG for the 82540EM's copper interface: IPGT 10, IPGR1 8, IPGR2 6 */
#define E1000_TIPG_VALUE   (10u | 8u << 10 | 6u << 20)

#define E1000_RAH_AV       (1u << 31) /* the address is valid */

/* ---- descriptors (16 bytes, little endian) ---- */
struct e1000_rx_desc {
	uint64_t addr;                /* buffer's physical address */
	uint16_t length;              /* bytes the card wrote */
	uint16_t csum;
	uint8_t status;               /* E1000_RXD_* */
	uint8_t errors;               /* nonzero: a bad frame */
	uint16_t special;
} __attribute__((packed));

struct e1000_tx_desc {
	uint64_t addr;                /* buffer's physical address */
	uint16_t length;              /* bytes to send */
	uint8_t cso;
	uint8_t cmd;                  /* E1000_TXD_CMD_* */
	uint8_t status;               /* E1000_TXD_DD once sent */
	uint8_t css;
	uint16_t special;
} __attribute__((packed));

_Static_assert(sizeof(struct e1000_rx_desc) == 16, "rx descriptor size");
_Static_assert(sizeof(struct e1000_tx_desc) == 16, "tx descriptor size");

#define E1000_RXD_DD       0x01       /* descriptor done */
#define E1000_RXD_EOP      0x02       /* end of packet */
#define E1000_TXD_CMD_EOP  0x01
#define E1000_TXD_CMD_IFCS 0x02       /* insert the FCS */
#define E1000_TXD_CMD_RS   0x08       /* report status (DD) */
#define E1000_TXD_DD       0x01
#define E1000_TXD_EC       0x02       /* excess collisions: not sent */
#define E1000_TXD_LC       0x04       /* late collision */

/* ---- the rings ---- */
#define E1000_RX_SLOTS 32             /* multiples of 8 (128-byte rings) */
#define E1000_TX_SLOTS 32
#define E1000_BUF_SIZE 2048           /* RCTL.BSIZE 2048; 2 per page */
#define E1000_MIN_FRAME 60            /* without the FCS: the card pads */

/* The card, as one instance of the driver knows it. */
struct e1000 {
	int devind;                   /* the PCI server's index */
	int irq;                      /* its interrupt line */
	volatile uint8_t *regs;       /* BAR 0, mapped uncached */
	uint8_t addr[6];              /* the MAC address */
	volatile struct e1000_rx_desc *rx;   /* the rings (DMA memory) */
	volatile struct e1000_tx_desc *tx;
	uint8_t *rx_buf, *tx_buf;     /* E1000_BUF_SIZE per slot */
	phys_bytes rx_phys, tx_phys, rx_buf_phys, tx_buf_phys;
	unsigned rx_next;             /* the next slot the card fills */
	unsigned tx_head, tx_tail;    /* oldest in flight, next free */
	unsigned tx_count;            /* descriptors in flight */
	int tx_waiting;               /* a send found the ring full */
	uint32_t tx_errors;           /* frames the card could not send */
};

/* e1000_hw.c */

/* e1000_read, e1000_write: the 32-bit register REG of card C. */
uint32_t e1000_read(const struct e1000 *c, uint32_t reg);
void e1000_write(struct e1000 *c, uint32_t reg, uint32_t value);

/* e1000_reset: reset card C (interrupts masked before and after, the
 * reset bit awaited, bounded), then set the link up. 0, or -EIO when the
 * reset does not finish. */
int e1000_reset(struct e1000 *c);

/* e1000_read_addr: C's MAC address into c->addr: receive address 0 when
 * valid, else EEPROM words 0-2; written back to receive address 0 (valid).
 * 0, or -EIO when neither has one. */
int e1000_read_addr(struct e1000 *c);

/* e1000_link_up: whether C's link is up (STATUS.LU). */
int e1000_link_up(const struct e1000 *c);

/* e1000_enable_interrupts, e1000_stop: unmask the causes the driver
 * handles; mask them all and stop receive and transmit (no more DMA). */
void e1000_enable_interrupts(struct e1000 *c);
void e1000_stop(struct e1000 *c);

/* rings.c */

/* e1000_rings_alloc: DMA memory for C's rings and buffers. 0 or
 * dma_alloc's error. */
int e1000_rings_alloc(struct e1000 *c);

/* e1000_rings_start: hand the rings to card C (after a reset): every
 * receive slot given to the card, the transmit ring empty; receive and
 * transmit enabled. */
void e1000_rings_start(struct e1000 *c);

/* e1000_tx_reclaim: take back the transmit slots the card is done with
 * (those it could not send counted in c->tx_errors); returns how many. */
unsigned e1000_tx_reclaim(struct e1000 *c);

/* e1000_tx_room: whether a frame fits in the transmit ring now. */
int e1000_tx_room(const struct e1000 *c);

/* e1000_tx_slot: the buffer of the next free transmit slot of C. */
uint8_t *e1000_tx_slot(struct e1000 *c);

/* e1000_tx_push: hand the next free slot, LEN bytes of its buffer, to the
 * card (LEN below E1000_MIN_FRAME is padded with zeros). The caller
 * checked e1000_tx_room. */
void e1000_tx_push(struct e1000 *c, size_t len);

/* e1000_rx_peek: the oldest frame the card filled: its buffer into *BUF,
 * its length (0: none waiting; -1: a bad one, errors or without end of
 * packet, to be dropped with e1000_rx_done). */
int e1000_rx_peek(struct e1000 *c, const uint8_t **buf);

/* e1000_rx_done: give the oldest filled slot back to the card. */
void e1000_rx_done(struct e1000 *c);

/* e1000_rx_pending: how many filled slots wait. */
unsigned e1000_rx_pending(const struct e1000 *c);

/* probe.c */

/* e1000_probe: find the first 82540EM, reserve it, map its registers,
 * enable memory space and bus mastering; fills c->devind, c->irq,
 * c->regs. 0, -ENODEV (no card), or the PCI server's or mapping's error
 * (after a console line). */
int e1000_probe(struct e1000 *c);

#endif
