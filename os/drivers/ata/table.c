/* The ata driver's operations, as libblockdriver calls them: geometry
 * and transfer for the drives found, flush (DIOCFLUSH: FLUSH CACHE),
 * interrupt for stray interrupts. Open, close and ioctl are the
 * library's (partitions, DIOCGETP). */
#include <abi/errno.h>
#include "kcall.h"
#include "ata.h"
#include "atadrv.h"

/* ata_geometry: see atadrv.h. */
int ata_geometry(int drive, struct blockdriver_geometry *geom)
{
	if (drive < 0 || drive >= ATA_DRIVES || !ata_drives[drive].present)
		return -ENXIO;
	const struct ata_drive *d = &ata_drives[drive];
	geom->size = d->sectors * ATA_SECTOR;
	geom->sector_size = ATA_SECTOR;
	geom->cylinders = d->cylinders;
	geom->heads = d->heads;
	geom->sectors = d->spt;
	geom->read_only = 0;
	return 0;
}

/* ata_interrupt: see atadrv.h. */
void ata_interrupt(uint32_t irqs)
{
	for (int c = 0; c < ATA_CHANNELS; c++) {
		struct ata_channel *ch = &ata_channels[c];
		if (!(irqs & (1u << ch->irq)))
			continue;
		uint8_t st;
		(void) ata_status(ch, &st);
		(void) sys_irqctl(IRQ_ENABLE, ch->irq);
	}
}

/* ata_flush_op: see atadrv.h. */
int ata_flush_op(const struct blockdriver_req *req)
{
	return ata_flush(req->drive);
}

const struct blockdriver ata_ops = {
	.geometry = ata_geometry,
	.transfer = ata_transfer,
	.interrupt = ata_interrupt,
	.flush = ata_flush_op,
};
