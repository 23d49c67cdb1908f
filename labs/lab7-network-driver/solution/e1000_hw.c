/* The 82540EM's registers: access, reset, the MAC address (receive
 * address 0 or the EEPROM), the link, the interrupt mask, stopping the
 * card. Every wait for the card is a bounded number of register reads. */
#include <string.h>
#include <abi/errno.h>
#include "e1000.h"

/* How many reads a wait for the card may take: a reset or an EEPROM word
 * takes microseconds, a read of a register about one. */
#define POLL_MAX 1000000

/* e1000_read: see e1000.h. */
uint32_t e1000_read(const struct e1000 *c, uint32_t reg)
{
	return *(volatile const uint32_t *) (c->regs + reg);
}

/* e1000_write: see e1000.h. */
void e1000_write(struct e1000 *c, uint32_t reg, uint32_t value)
{
	*(volatile uint32_t *) (c->regs + reg) = value;
}

/* e1000_reset: see e1000.h. A card a crashed instance left running stops
 * its DMA here: the reset clears the rings' registers and disables
 * receive and transmit. */
int e1000_reset(struct e1000 *c)
{
	e1000_write(c, E1000_IMC, 0xFFFFFFFFu);
	e1000_write(c, E1000_RCTL, 0);
	e1000_write(c, E1000_TCTL, 0);
	e1000_write(c, E1000_CTRL, e1000_read(c, E1000_CTRL) | E1000_CTRL_RST);
	int i;
	for (i = 0; i < POLL_MAX; i++)
		if (!(e1000_read(c, E1000_CTRL) & E1000_CTRL_RST))
			break;
	if (i == POLL_MAX)
		return -EIO;
	e1000_write(c, E1000_IMC, 0xFFFFFFFFu);
	(void) e1000_read(c, E1000_ICR);
	uint32_t ctrl = e1000_read(c, E1000_CTRL);
	ctrl &= ~(E1000_CTRL_LRST | E1000_CTRL_PHY_RST);
	e1000_write(c, E1000_CTRL, ctrl | E1000_CTRL_SLU | E1000_CTRL_ASDE);
	for (unsigned w = 0; w < E1000_MTA_WORDS; w++)
		e1000_write(c, E1000_MTA + 4 * w, 0);
	return 0;
}

/* eeprom_word: EEPROM word WORD of C into *V through EERD. 0, or -EIO
 * when the read does not finish. */
static int eeprom_word(struct e1000 *c, unsigned word, uint16_t *v)
{
	e1000_write(c, E1000_EERD,
	    E1000_EERD_START | word << E1000_EERD_ADDR_SHIFT);
	for (int i = 0; i < POLL_MAX; i++) {
		uint32_t r = e1000_read(c, E1000_EERD);
		if (r & E1000_EERD_DONE) {
			*v = (uint16_t) (r >> E1000_EERD_DATA_SHIFT);
			return 0;
		}
	}
	return -EIO;
}

/* usable: whether A is a unicast address other than all zeros. */
static int usable(const uint8_t *a)
{
	static const uint8_t zero[6];
	return !(a[0] & 1) && memcmp(a, zero, 6) != 0;
}

/* e1000_read_addr: see e1000.h. */
int e1000_read_addr(struct e1000 *c)
{
	uint32_t lo = e1000_read(c, E1000_RAL0);
	uint32_t hi = e1000_read(c, E1000_RAH0);
	for (int i = 0; i < 4; i++)
		c->addr[i] = (uint8_t) (lo >> (8 * i));
	c->addr[4] = (uint8_t) hi;
	c->addr[5] = (uint8_t) (hi >> 8);
	if (!(hi & E1000_RAH_AV) || !usable(c->addr)) {
		for (unsigned w = 0; w < 3; w++) {
			uint16_t v;
			if (eeprom_word(c, w, &v) != 0)
				return -EIO;
			c->addr[2 * w] = (uint8_t) v;
			c->addr[2 * w + 1] = (uint8_t) (v >> 8);
		}
		if (!usable(c->addr))
			return -EIO;
	}
	lo = (uint32_t) c->addr[0] | (uint32_t) c->addr[1] << 8 |
	    (uint32_t) c->addr[2] << 16 | (uint32_t) c->addr[3] << 24;
	hi = (uint32_t) c->addr[4] | (uint32_t) c->addr[5] << 8;
	e1000_write(c, E1000_RAL0, lo);
	e1000_write(c, E1000_RAH0, hi | E1000_RAH_AV);
	return 0;
}

/* e1000_link_up: see e1000.h. */
int e1000_link_up(const struct e1000 *c)
{
	return (e1000_read(c, E1000_STATUS) & E1000_STATUS_LU) != 0;
}

/* e1000_enable_interrupts: see e1000.h. Frames are reported at once
 * (no receive delay). */
void e1000_enable_interrupts(struct e1000 *c)
{
	e1000_write(c, E1000_RDTR, 0);
	e1000_write(c, E1000_TIDV, 0);
	e1000_write(c, E1000_IMS, E1000_INT_MINE);
}

/* e1000_stop: see e1000.h. */
void e1000_stop(struct e1000 *c)
{
	e1000_write(c, E1000_IMC, 0xFFFFFFFFu);
	e1000_write(c, E1000_RCTL, 0);
	e1000_write(c, E1000_TCTL, 0);
	(void) e1000_read(c, E1000_ICR);
}
