/* The ATA (IDE) disk controller as the ata driver sees it: two channels
 * (primary 0x1F0/0x3F6 IRQ 14, secondary 0x170/0x376 IRQ 15), each with a
 * master and a slave; the task-file registers, their bits, the commands
 * used (ATA/ATAPI-6), and the driver's record of each drive.
 *
 * Drive numbers are the reference system's: drive D is /dev/c0dD, D =
 * channel * 2 + (slave ? 1 : 0): c0d0 primary master, c0d1 primary
 * slave, c0d2 secondary master, c0d3 secondary slave.
 *
 * The hardware layer (ata_io.c: registers, waits, IDENTIFY, probing;
 * ata_rw.c: PIO transfers) knows nothing of the block protocol; the
 * driver glue (xfer.c, main.c) or a test service (os/tests/services/
 * atatest) supplies ata_irq_wait, the one thing it needs from outside. */
#ifndef ATA_H
#define ATA_H

#include <stdint.h>
#include <stddef.h>

#define ATA_CHANNELS 2
#define ATA_DRIVES   (ATA_CHANNELS * 2)
#define ATA_SECTOR   512

/* Command block registers: offsets from the channel's command base. */
#define ATA_REG_DATA     0
#define ATA_REG_ERROR    1   /* read */
#define ATA_REG_FEATURES 1   /* write */
#define ATA_REG_COUNT    2
#define ATA_REG_LBA_LO   3
#define ATA_REG_LBA_MID  4   /* ATAPI signature: 0x14 */
#define ATA_REG_LBA_HI   5   /* ATAPI signature: 0xEB */
#define ATA_REG_DEVICE   6
#define ATA_REG_STATUS   7   /* read (clears the pending interrupt) */
#define ATA_REG_COMMAND  7   /* write */
/* Control block register, at the channel's control port: reading it is the
 * alternate status (no side effect), writing it the device control. */

/* Status bits. */
#define ATA_SR_BSY  0x80
#define ATA_SR_DRDY 0x40
#define ATA_SR_DF   0x20     /* device fault */
#define ATA_SR_DRQ  0x08
#define ATA_SR_ERR  0x01

/* Error register bits (when ERR is set). */
#define ATA_ER_ABRT 0x04     /* command aborted (e.g. ATAPI, bad LBA) */
#define ATA_ER_IDNF 0x10     /* the sector was not found */

/* Device register: LBA mode, and the slave's bit. */
#define ATA_DEV_LBA   0x40
#define ATA_DEV_SLAVE 0x10
#define ATA_DEV_OBS   0xA0   /* obsolete bits, set by convention */

/* Device control bits. */
#define ATA_CTL_NIEN 0x02    /* 1: the device raises no interrupt */
#define ATA_CTL_SRST 0x04    /* software reset of both drives */
#define ATA_CTL_HOB  0x80    /* read the previous (high) LBA48 bytes */

/* Commands. */
#define ATA_CMD_READ        0x20   /* READ SECTORS (LBA28) */
#define ATA_CMD_READ_EXT    0x24   /* READ SECTORS EXT (LBA48) */
#define ATA_CMD_WRITE       0x30   /* WRITE SECTORS */
#define ATA_CMD_WRITE_EXT   0x34   /* WRITE SECTORS EXT */
#define ATA_CMD_FLUSH       0xE7   /* FLUSH CACHE */
#define ATA_CMD_FLUSH_EXT   0xEA   /* FLUSH CACHE EXT */
#define ATA_CMD_IDENTIFY    0xEC   /* IDENTIFY DEVICE */

/* IDENTIFY DEVICE words used (ATA/ATAPI-6 table 27). */
#define ATA_ID_CYLS        1
#define ATA_ID_HEADS       3
#define ATA_ID_SPT         6
#define ATA_ID_MODEL       27    /* 20 words, bytes swapped in each */
#define ATA_ID_CAPS        49    /* bit 9: LBA supported */
#define ATA_ID_LBA28       60    /* 2 words: sectors addressable by LBA28 */
#define ATA_ID_CMDSET2     83    /* bit 10: the 48-bit feature set */
#define ATA_ID_LBA48       100   /* 4 words: sectors addressable by LBA48 */
#define ATA_CAPS_LBA       (1u << 9)
#define ATA_CMDSET2_LBA48  (1u << 10)

/* Addressing limits: LBA28 covers sectors below 2^28 with at most 256
 * sectors per command; LBA48 at most 65536 per command. */
#define ATA_LBA28_LIMIT    (1u << 28)
#define ATA_LBA28_MAX_COUNT 256u
#define ATA_LBA48_MAX_COUNT 65536u

/* Time limits, in milliseconds (ata_ticks turns them into clock ticks). */
#define ATA_BSY_LIMIT_MS   2000    /* BSY after a command or a reset */
#define ATA_IRQ_LIMIT_MS   5000    /* the interrupt of one data block */

struct ata_channel {
	uint16_t cmd;         /* command block base */
	uint16_t ctl;         /* control block port */
	int irq;
	int selected;         /* the drive last selected (0, 1), or -1 */
	int irq_on;           /* the IRQ line is ours (sys_irqctl policy) */
};

struct ata_drive {
	int present;          /* an ATA disk answered IDENTIFY DEVICE */
	int atapi;            /* an ATAPI device (CD-ROM): left alone */
	int channel;          /* 0 primary, 1 secondary */
	int slave;            /* 0 master, 1 slave */
	int lba48;            /* the 48-bit feature set is on */
	uint64_t sectors;     /* addressable sectors */
	uint32_t cylinders, heads, spt;   /* IDENTIFY's default CHS */
	char model[41];       /* IDENTIFY's model string, trimmed */
};

extern struct ata_channel ata_channels[ATA_CHANNELS];
extern struct ata_drive ata_drives[ATA_DRIVES];

/* ---- ata_io.c: registers, waits, IDENTIFY, probing ---- */

/* ata_ticks: MS milliseconds as clock ticks (at least 1). */
uint32_t ata_ticks(uint32_t ms);

/* ata_status: read the status register of channel CH into *ST (this
 * acknowledges the device's interrupt). 0 or -EIO. */
int ata_status(const struct ata_channel *ch, uint8_t *st);

/* ata_wait_not_busy: wait until BSY is clear on CH (reading the alternate
 * status, which acknowledges nothing), at most LIMIT_MS milliseconds of
 * uptime; *ST gets the last status. 0, -ETIMEDOUT, or -EIO (a port
 * access failed, or the bus floats: 0xFF, no device at all). */
int ata_wait_not_busy(const struct ata_channel *ch, uint32_t limit_ms,
    uint8_t *st);

/* ata_select: make drive SLAVE (0, 1) of CH the selected one (LBA mode,
 * with the top LBA28 bits HEAD), waiting for BSY clear before and after.
 * 0 or the wait's error. */
int ata_select(struct ata_channel *ch, int slave, unsigned head);

/* ata_error: the error number of a failed command on CH whose status was
 * ST: -EIO always (IDNF and ABRT are logged with the error register); for
 * the driver's message. */
int ata_error(const struct ata_channel *ch, uint8_t st, const char *what,
    uint64_t lba);

/* ata_probe: find the drives of both channels: IDENTIFY DEVICE on each
 * master and slave with interrupts off (polled, bounded), recording
 * ATA disks in ata_drives and leaving ATAPI devices (signature 0x14 0xEB)
 * and empty positions alone. Returns the number of ATA disks found. */
int ata_probe(void);

/* ata_irq_setup: take the IRQ lines of the channels that have a disk
 * (sys_irqctl IRQ_SETPOLICY) and let their drives interrupt (nIEN clear).
 * 0 or the first error. */
int ata_irq_setup(void);

/* ---- ata_rw.c: PIO transfers ---- */

/* ata_pio: move COUNT sectors (1 .. ata_max_count(DRIVE, LBA)) between
 * drive DRIVE from sector LBA and BUF (COUNT * 512 bytes): READ SECTORS
 * (EXT) when !WRITE, WRITE SECTORS (EXT) when WRITE, LBA48 when the range
 * needs it. Each data block is moved when the drive asks for it by its
 * interrupt (ata_irq_wait); BSY waits are bounded. 0, or -EIO (device
 * error, or no interrupt in time: the channel is then reset), -EINVAL (a
 * range beyond the drive or the command). */
int ata_pio(int drive, int write, uint64_t lba, unsigned count, void *buf);

/* ata_max_count: the most sectors one command may move on DRIVE from
 * sector LBA (256 with LBA28, 65536 with LBA48). */
unsigned ata_max_count(int drive, uint64_t lba);

/* ata_flush: FLUSH CACHE (EXT) on DRIVE: the drive's write cache on the
 * medium. 0 or -EIO. */
int ata_flush(int drive);

/* ata_reset: software reset of channel CH (both drives), then the
 * interrupt setting again. 0 or the wait's error. */
int ata_reset(struct ata_channel *ch);

/* ---- supplied by the user of the hardware layer ---- */

/* ata_irq_wait: wait for the interrupt of channel CH (its IRQ line) at
 * most LIMIT_MS milliseconds, then re-enable the line. 0, or -ETIMEDOUT. */
int ata_irq_wait(struct ata_channel *ch, uint32_t limit_ms);

#endif
