/* The PC parallel port LPT1 as the printer driver sees it: its three
 * registers, their bits, and the handshake that hands one byte to the
 * printer (data, STROBE pulse, then BUSY low again and an ACK pulse,
 * which raises IRQ 7 when the control register enables it). */
#ifndef LPT_H
#define LPT_H

#include <stdint.h>

#define LPT_BASE    0x378
#define LPT_DATA    (LPT_BASE + 0)   /* the byte on the data lines */
#define LPT_STATUS  (LPT_BASE + 1)   /* read only */
#define LPT_CONTROL (LPT_BASE + 2)
#define LPT_IRQ     7

/* Status register (some lines are inverted by the port). */
#define LPT_ST_NOT_BUSY  0x80   /* 1: the printer takes a byte */
#define LPT_ST_ACK       0x40   /* 0 while the printer acknowledges */
#define LPT_ST_PAPER_OUT 0x20
#define LPT_ST_SELECTED  0x10   /* the printer is on line */
#define LPT_ST_NOT_ERROR 0x08   /* 0: the printer reports an error */

/* Control register. */
#define LPT_CT_STROBE    0x01   /* 1: STROBE asserted (data valid) */
#define LPT_CT_AUTOLF    0x02
#define LPT_CT_NOT_INIT  0x04   /* 0: resets the printer */
#define LPT_CT_SELECT    0x08   /* 1: select the printer */
#define LPT_CT_IRQ       0x10   /* 1: the ACK pulse raises IRQ 7 */

/* lpt_reset: reset the printer (INIT pulse) and leave the port selected
 * with the ACK interrupt enabled. 0 or a port I/O error. */
int lpt_reset(void);

/* lpt_setup: select the printer and enable the ACK interrupt without
 * resetting it (a restarted or updated driver: the printer may still be
 * busy with the last byte). 0 or a port I/O error. */
int lpt_setup(void);

/* lpt_ready: whether the printer takes the next byte: 1 ready, 0 busy (or
 * off line), or a port I/O error. Reads the status register a few times:
 * after an ACK, BUSY drops within microseconds, and reading the status is
 * also what ends the ACK (and lowers the IRQ line) on the emulators. */
int lpt_ready(void);

/* lpt_status: the status register once, or a port I/O error (negative). */
int lpt_status(void);

/* lpt_put: hand byte C to the printer: data lines, then a STROBE pulse.
 * The printer then goes busy and acknowledges (IRQ 7). 0 or an error. */
int lpt_put(uint8_t c);

#endif
