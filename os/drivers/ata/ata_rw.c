/* The ATA hardware layer, part 2: PIO data transfers with interrupts
 * (ATA/ATAPI-6, the PIO data-in and data-out protocols). A read issues
 * READ SECTORS (EXT) and moves each 512-byte block when the drive's
 * interrupt says it is ready; a write issues WRITE SECTORS (EXT), sends
 * the first block once BSY clears with DRQ set, and each next block after
 * the interrupt of the previous one; the last interrupt ends the command.
 * The only polling is for BSY, bounded (ata_wait_not_busy); an interrupt
 * that does not come in time resets the channel and fails the transfer. */
#include <stdio.h>
#include <abi/errno.h>
#include <abi/message.h>
#include "kcall.h"
#include "ata.h"

/* out8: one byte V to register REG of CH. 0 or -EIO. */
static int out8(const struct ata_channel *ch, int reg, unsigned v)
{
	return sys_out(ch->cmd + reg, v & 0xFF, 1) == 0 ? 0 : -EIO;
}

/* data_in: one block from the data register of CH into BUF: 128 32-bit
 * reads in one kernel call (SYS_SDEVIO). */
static int data_in(const struct ata_channel *ch, uint8_t *buf)
{
	return sys_sdevio(DIO_IN, ch->cmd + ATA_REG_DATA, buf, ATA_SECTOR / 4,
	    4) == 0 ? 0 : -EIO;
}

/* data_out: one block of BUF to the data register of CH. */
static int data_out(const struct ata_channel *ch, const uint8_t *buf)
{
	return sys_sdevio(DIO_OUT, ch->cmd + ATA_REG_DATA, (void *) buf,
	    ATA_SECTOR / 4, 4) == 0 ? 0 : -EIO;
}

/* ata_max_count: see ata.h. LBA28 when the whole command stays below
 * 2^28 (the common case, and every drive has it). */
unsigned ata_max_count(int drive, uint64_t lba)
{
	const struct ata_drive *d = &ata_drives[drive];
	if (d->lba48)
		return ATA_LBA48_MAX_COUNT;
	(void) lba;
	return ATA_LBA28_MAX_COUNT;
}

/* issue: select drive D and send command CMD28 (or CMD48, the EXT one,
 * when the range [LBA, LBA + COUNT) needs 48 bits or more than 256
 * sectors) for COUNT sectors from LBA. 0 or an error. */
static int issue(struct ata_drive *d, int cmd28, int cmd48, uint64_t lba,
    unsigned count)
{
	struct ata_channel *ch = &ata_channels[d->channel];
	int ext = lba + count > ATA_LBA28_LIMIT || count > ATA_LBA28_MAX_COUNT;
	int r;
	if (ext && !d->lba48)
		return -EINVAL;
	r = ata_select(ch, d->slave, ext ? 0 : (unsigned) (lba >> 24));
	if (r)
		return r == -EINTR ? -EIO : r;
	if (ext) {
		/* The high bytes first: each register keeps its previous byte. */
		r = out8(ch, ATA_REG_COUNT, count >> 8);
		r = r ? r : out8(ch, ATA_REG_LBA_LO, (unsigned) (lba >> 24));
		r = r ? r : out8(ch, ATA_REG_LBA_MID, (unsigned) (lba >> 32));
		r = r ? r : out8(ch, ATA_REG_LBA_HI, (unsigned) (lba >> 40));
	} else {
		r = 0;
	}
	r = r ? r : out8(ch, ATA_REG_COUNT, count);  /* 256 (LBA28): 0 */
	r = r ? r : out8(ch, ATA_REG_LBA_LO, (unsigned) lba);
	r = r ? r : out8(ch, ATA_REG_LBA_MID, (unsigned) (lba >> 8));
	r = r ? r : out8(ch, ATA_REG_LBA_HI, (unsigned) (lba >> 16));
	return r ? r : out8(ch, ATA_REG_COMMAND, (unsigned) (ext ? cmd48 : cmd28));
}

/* interrupted: wait for CH's interrupt, then read the status (which
 * acknowledges it) into *ST and let the line fire again; a drive still
 * busy is waited for (bounded). 0, or -EIO after a reset of the channel
 * when no interrupt came in time. */
static int interrupted(struct ata_channel *ch, uint8_t *st, uint64_t lba)
{
	if (ata_irq_wait(ch, ATA_IRQ_LIMIT_MS) != 0) {
		printf("ata: no interrupt from the drive in %u ms (sector %llu): "
		    "resetting the channel\n", ATA_IRQ_LIMIT_MS,
		    (unsigned long long) lba);
		(void) ata_reset(ch);
		return -EIO;
	}
	int r = ata_status(ch, st);
	(void) sys_irqctl(IRQ_ENABLE, ch->irq);
	if (r)
		return r;
	if (*st & ATA_SR_BSY) {
		r = ata_wait_not_busy(ch, ATA_BSY_LIMIT_MS, st);
		if (r) {
			(void) ata_reset(ch);
			return -EIO;
		}
		(void) ata_status(ch, st);
	}
	return 0;
}

/* failed: whether status ST ends the command with an error. */
static int failed(uint8_t st)
{
	return (st & (ATA_SR_ERR | ATA_SR_DF)) != 0;
}

/* pio_in: the data-in protocol for COUNT blocks into BUF. */
static int pio_in(struct ata_drive *d, uint64_t lba, unsigned count,
    uint8_t *buf)
{
	struct ata_channel *ch = &ata_channels[d->channel];
	for (unsigned i = 0; i < count; i++) {
		uint8_t st;
		int r = interrupted(ch, &st, lba + i);
		if (r)
			return r;
		if (failed(st))
			return ata_error(ch, st, "read", lba + i);
		if (!(st & ATA_SR_DRQ))
			return ata_error(ch, st, "read (no data)", lba + i);
		r = data_in(ch, buf + (size_t) i * ATA_SECTOR);
		if (r)
			return r;
	}
	return 0;
}

/* pio_out: the data-out protocol for COUNT blocks from BUF. */
static int pio_out(struct ata_drive *d, uint64_t lba, unsigned count,
    const uint8_t *buf)
{
	struct ata_channel *ch = &ata_channels[d->channel];
	uint8_t st;
	if (ata_wait_not_busy(ch, ATA_BSY_LIMIT_MS, &st) != 0) {
		(void) ata_reset(ch);
		return -EIO;
	}
	for (unsigned i = 0; i < count; i++) {
		if (failed(st))
			return ata_error(ch, st, "write", lba + i);
		if (!(st & ATA_SR_DRQ))
			return ata_error(ch, st, "write (no data request)", lba + i);
		int r = data_out(ch, buf + (size_t) i * ATA_SECTOR);
		if (r)
			return r;
		r = interrupted(ch, &st, lba + i);
		if (r)
			return r;
	}
	if (failed(st))
		return ata_error(ch, st, "write", lba + count - 1);
	return 0;
}

/* ata_pio: see ata.h. */
int ata_pio(int drive, int write, uint64_t lba, unsigned count, void *buf)
{
	if (drive < 0 || drive >= ATA_DRIVES || !ata_drives[drive].present)
		return -ENXIO;
	struct ata_drive *d = &ata_drives[drive];
	if (count == 0 || count > ata_max_count(drive, lba))
		return -EINVAL;
	int r = issue(d, write ? ATA_CMD_WRITE : ATA_CMD_READ,
	    write ? ATA_CMD_WRITE_EXT : ATA_CMD_READ_EXT, lba, count);
	if (r)
		return r;
	return write ? pio_out(d, lba, count, buf) : pio_in(d, lba, count, buf);
}

/* ata_flush: see ata.h. The drive interrupts when the cache is written. */
int ata_flush(int drive)
{
	if (drive < 0 || drive >= ATA_DRIVES || !ata_drives[drive].present)
		return -ENXIO;
	struct ata_drive *d = &ata_drives[drive];
	struct ata_channel *ch = &ata_channels[d->channel];
	int r = ata_select(ch, d->slave, 0);
	if (r)
		return -EIO;
	r = out8(ch, ATA_REG_COMMAND, d->lba48 ? ATA_CMD_FLUSH_EXT : ATA_CMD_FLUSH);
	if (r)
		return r;
	uint8_t st;
	r = interrupted(ch, &st, 0);
	if (r)
		return r;
	return failed(st) ? ata_error(ch, st, "cache flush", 0) : 0;
}
