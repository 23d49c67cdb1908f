/* The ATA hardware layer, part 1: register access, bounded waits,
 * drive selection, IDENTIFY DEVICE and probing (ata.h). Every port goes
 * through the kernel (sys_in, sys_out): the manifest grants exactly the
 * two channels' command blocks and control ports. */
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include <abi/endpoint.h>
#include "kcall.h"
#include "ata.h"

struct ata_channel ata_channels[ATA_CHANNELS] = {
	{ .cmd = 0x1F0, .ctl = 0x3F6, .irq = 14, .selected = -1 },
	{ .cmd = 0x170, .ctl = 0x376, .irq = 15, .selected = -1 },
};
struct ata_drive ata_drives[ATA_DRIVES];

/* rd: one byte from PORT into *V. 0 or -EIO (the kernel refused). */
static int rd(uint16_t port, uint8_t *v)
{
	uint32_t x;
	if (sys_in(port, &x, 1) != 0)
		return -EIO;
	*v = (uint8_t) x;
	return 0;
}

/* wr: one byte V to PORT. 0 or -EIO. */
static int wr(uint16_t port, uint8_t v)
{
	return sys_out(port, v, 1) == 0 ? 0 : -EIO;
}

/* uptime: the clock ticks since boot (0 when the kernel will not say),
 * and the rate in *HZ when HZ is not NULL. */
static uint32_t uptime(uint32_t *hz)
{
	struct mess_kc_times t;
	if (sys_times(SELF, &t) != 0) {
		t.uptime = 0;
		t.hz = 100;
	}
	if (hz)
		*hz = t.hz ? t.hz : 100;
	return t.uptime;
}

/* ata_ticks: see ata.h. */
uint32_t ata_ticks(uint32_t ms)
{
	uint32_t hz;
	uptime(&hz);
	uint32_t t = (uint32_t) (((uint64_t) ms * hz + 999) / 1000);
	return t ? t : 1;
}

/* ata_status: see ata.h. */
int ata_status(const struct ata_channel *ch, uint8_t *st)
{
	return rd(ch->cmd + ATA_REG_STATUS, st);
}

/* delay400: the 400 ns a drive may take to show its status after a
 * select or a command: four reads of the alternate status (each at least
 * 100 ns on the ISA bus). */
static void delay400(const struct ata_channel *ch)
{
	uint8_t st;
	for (int i = 0; i < 4; i++)
		(void) rd(ch->ctl, &st);
}

/* ata_wait_not_busy: see ata.h. The one polling loop of the driver,
 * bounded by uptime: a drive is busy for microseconds after a select or
 * before a write's first block, seconds at most after a reset. */
int ata_wait_not_busy(const struct ata_channel *ch, uint32_t limit_ms,
    uint8_t *st)
{
	uint32_t start = uptime(NULL);
	uint32_t limit = ata_ticks(limit_ms);
	for (;;) {
		if (rd(ch->ctl, st) != 0)
			return -EIO;
		if (*st == 0xFF)
			return -EIO;       /* a floating bus: nothing there */
		if (!(*st & ATA_SR_BSY))
			return 0;
		if (uptime(NULL) - start > limit)
			return -EINTR;
	}
}

/* ata_select: see ata.h. The device register is written even when the
 * drive is already selected: HEAD changes with every LBA28 command. */
int ata_select(struct ata_channel *ch, int slave, unsigned head)
{
	uint8_t st;
	int r = ata_wait_not_busy(ch, ATA_BSY_LIMIT_MS, &st);
	if (r)
		return r;
	r = wr(ch->cmd + ATA_REG_DEVICE, (uint8_t) (ATA_DEV_OBS | ATA_DEV_LBA |
	    (slave ? ATA_DEV_SLAVE : 0) | (head & 0x0F)));
	if (r)
		return r;
	if (ch->selected != slave) {
		delay400(ch);
		ch->selected = slave;
	}
	return ata_wait_not_busy(ch, ATA_BSY_LIMIT_MS, &st);
}

/* ata_error: see ata.h. */
int ata_error(const struct ata_channel *ch, uint8_t st, const char *what,
    uint64_t lba)
{
	uint8_t err = 0;
	(void) rd(ch->cmd + ATA_REG_ERROR, &err);
	printf("ata: %s at sector %llu failed: status 0x%02x, error 0x%02x%s\n",
	    what, (unsigned long long) lba, st, err,
	    (err & ATA_ER_IDNF) ? " (sector not found)" :
	    (err & ATA_ER_ABRT) ? " (aborted)" : "");
	return -EIO;
}

/* read_identify: the 256 16-bit words of IDENTIFY data into WORDS (one
 * string read, SYS_SDEVIO). 0 or -EIO. */
static int read_identify(const struct ata_channel *ch, uint16_t *words)
{
	return sys_sdevio(DIO_IN, ch->cmd + ATA_REG_DATA, words, ATA_SECTOR / 2,
	    2) == 0 ? 0 : -EIO;
}

/* model_string: IDENTIFY's model (words 27-46, each word's bytes
 * swapped) into OUT (41 bytes), trailing blanks removed. */
static void model_string(const uint16_t *id, char *out)
{
	for (int i = 0; i < 20; i++) {
		out[2 * i] = (char) (id[ATA_ID_MODEL + i] >> 8);
		out[2 * i + 1] = (char) (id[ATA_ID_MODEL + i] & 0xFF);
	}
	out[40] = '\0';
	for (int i = 39; i >= 0 && (out[i] == ' ' || out[i] == '\0'); i--)
		out[i] = '\0';
}

/* record: fill D from IDENTIFY data ID. 0, or -ENODEV for a disk without
 * LBA (CHS only: not supported). */
static int record(struct ata_drive *d, const uint16_t *id)
{
	if (!(id[ATA_ID_CAPS] & ATA_CAPS_LBA))
		return -ENODEV;
	d->lba48 = (id[ATA_ID_CMDSET2] & ATA_CMDSET2_LBA48) != 0;
	uint64_t n28 = (uint64_t) id[ATA_ID_LBA28] |
	    ((uint64_t) id[ATA_ID_LBA28 + 1] << 16);
	uint64_t n48 = 0;
	for (int i = 3; i >= 0; i--)
		n48 = (n48 << 16) | id[ATA_ID_LBA48 + i];
	d->sectors = d->lba48 && n48 ? n48 : n28;
	d->cylinders = id[ATA_ID_CYLS];
	d->heads = id[ATA_ID_HEADS];
	d->spt = id[ATA_ID_SPT];
	model_string(id, d->model);
	return d->sectors ? 0 : -ENODEV;
}

/* identify: IDENTIFY DEVICE on drive SLAVE of CH, polled (nIEN is set):
 * 1 an ATA disk (recorded in D), 0 nothing (or not a disk we drive),
 * 2 an ATAPI device (left alone). */
static int identify(struct ata_channel *ch, int slave, struct ata_drive *d)
{
	uint8_t st, mid = 0, hi = 0;
	uint16_t id[ATA_SECTOR / 2];
	if (wr(ch->cmd + ATA_REG_DEVICE, (uint8_t) (ATA_DEV_OBS |
	    (slave ? ATA_DEV_SLAVE : 0))) != 0)
		return 0;
	delay400(ch);
	ch->selected = slave;
	if (rd(ch->ctl, &st) != 0 || st == 0xFF || st == 0)
		return 0;                 /* floating bus, or no device */
	if (ata_wait_not_busy(ch, ATA_BSY_LIMIT_MS, &st) != 0)
		return 0;
	(void) wr(ch->cmd + ATA_REG_COUNT, 0);
	(void) wr(ch->cmd + ATA_REG_LBA_LO, 0);
	(void) wr(ch->cmd + ATA_REG_LBA_MID, 0);
	(void) wr(ch->cmd + ATA_REG_LBA_HI, 0);
	if (wr(ch->cmd + ATA_REG_COMMAND, ATA_CMD_IDENTIFY) != 0)
		return 0;
	delay400(ch);
	if (rd(ch->ctl, &st) != 0 || st == 0)
		return 0;
	if (ata_wait_not_busy(ch, ATA_BSY_LIMIT_MS, &st) != 0)
		return 0;
	(void) rd(ch->cmd + ATA_REG_LBA_MID, &mid);
	(void) rd(ch->cmd + ATA_REG_LBA_HI, &hi);
	if ((mid == 0x14 && hi == 0xEB) || (mid == 0x69 && hi == 0x96)) {
		(void) ata_status(ch, &st);   /* the abort's status */
		return 2;
	}
	if (mid != 0 || hi != 0 || (st & (ATA_SR_ERR | ATA_SR_DF)) ||
	    !(st & ATA_SR_DRQ)) {
		(void) ata_status(ch, &st);
		return 0;                 /* not an ATA disk */
	}
	if (read_identify(ch, id) != 0)
		return 0;
	(void) ata_status(ch, &st);
	return record(d, id) == 0 ? 1 : 0;
}

/* ata_probe: see ata.h. */
int ata_probe(void)
{
	int found = 0;
	memset(ata_drives, 0, sizeof(ata_drives));
	for (int c = 0; c < ATA_CHANNELS; c++) {
		struct ata_channel *ch = &ata_channels[c];
		ch->selected = -1;
		if (wr(ch->ctl, ATA_CTL_NIEN) != 0)
			continue;
		for (int s = 0; s < 2; s++) {
			struct ata_drive *d = &ata_drives[c * 2 + s];
			d->channel = c;
			d->slave = s;
			int kind = identify(ch, s, d);
			d->present = kind == 1;
			d->atapi = kind == 2;
			found += d->present;
		}
	}
	return found;
}

/* ata_irq_setup: see ata.h. */
int ata_irq_setup(void)
{
	for (int c = 0; c < ATA_CHANNELS; c++) {
		struct ata_channel *ch = &ata_channels[c];
		if (!ata_drives[2 * c].present && !ata_drives[2 * c + 1].present)
			continue;
		if (!ch->irq_on) {
			int r = sys_irqctl(IRQ_SETPOLICY, ch->irq);
			if (r != 0) {
				printf("ata: cannot take IRQ %d (%d)\n", ch->irq, r);
				return r;
			}
			ch->irq_on = 1;
		}
		if (wr(ch->ctl, 0) != 0)
			return -EIO;
	}
	return 0;
}

/* ata_reset: see ata.h. SRST for at least 5 us (a few alternate status
 * reads), then released with interrupts as they were. */
int ata_reset(struct ata_channel *ch)
{
	uint8_t st;
	uint8_t ctl = ch->irq_on ? 0 : ATA_CTL_NIEN;
	if (wr(ch->ctl, (uint8_t) (ctl | ATA_CTL_SRST)) != 0)
		return -EIO;
	for (int i = 0; i < 50; i++)
		(void) rd(ch->ctl, &st);
	if (wr(ch->ctl, ctl) != 0)
		return -EIO;
	ch->selected = -1;
	delay400(ch);
	return ata_wait_not_busy(ch, 4 * ATA_BSY_LIMIT_MS, &st);
}
