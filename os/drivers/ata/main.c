/* The ata driver: ATA disks on the PC's two IDE channels as block devices
 * /dev/c0d0 (primary master), /dev/c0d1 (primary slave), /dev/c0d2 and
 * /dev/c0d3 (secondary), each with its MBR partitions c0dNp0..p3. PIO
 * with interrupts, LBA28 and LBA48; ATAPI devices (the CD-ROM) are left
 * alone. Started by /etc/rc (service up /usr/drivers/ata -dev /dev/c0d0);
 * without a disk it says so and serves nothing (every open: -ENXIO).
 *
 * Every start probes the drives again (a restarted instance knows nothing
 * of the old one): a channel left in the middle of a command by a crashed
 * instance is reset first. */
#include <stdio.h>
#include "sef.h"
#include "kcall.h"
#include "blockdriver.h"
#include "ata.h"
#include "atadrv.h"

extern const struct blockdriver ata_ops;

static const char *const position[ATA_DRIVES] = {
	"primary master", "primary slave", "secondary master",
	"secondary slave",
};

/* unstick: reset each channel whose alternate status shows a command in
 * progress (BSY or DRQ): what a crashed instance may leave. */
static void unstick(void)
{
	for (int c = 0; c < ATA_CHANNELS; c++) {
		uint32_t st;
		if (sys_in(ata_channels[c].ctl, &st, 1) != 0 || st == 0xFF)
			continue;
		if (st & (ATA_SR_BSY | ATA_SR_DRQ))
			(void) ata_reset(&ata_channels[c]);
	}
}

/* report: one line per device found. */
static void report(int disks)
{
	if (disks == 0) {
		printf("ata: no disk: no ATA disk on either channel "
		    "(/dev/c0d0-c0d3 absent)\n");
		return;
	}
	for (int d = 0; d < ATA_DRIVES; d++) {
		const struct ata_drive *a = &ata_drives[d];
		if (a->present)
			printf("ata: c0d%d (%s): %s, %llu sectors (%llu MiB), %s\n",
			    d, position[d], a->model[0] ? a->model : "disk",
			    (unsigned long long) a->sectors,
			    (unsigned long long) (a->sectors >> 11),
			    a->lba48 ? "LBA48" : "LBA28");
		else if (a->atapi)
			printf("ata: %s: ATAPI device (CD-ROM), left alone\n",
			    position[d]);
	}
}

/* ata_init: SEF init callback of every kind (fresh, restart, update):
 * find the disks, take their IRQs, announce the driver. 0, or the IRQ
 * setup's error. */
static int ata_init(const struct sef_init_info *info)
{
	unstick();
	int disks = ata_probe();
	int r = ata_irq_setup();
	if (r)
		return r;
	report(disks);
	r = blockdriver_announce(info);
	if (r)
		printf("ata: cannot announce the driver (%d)\n", r);
	return 0;
}

int main(void)
{
	sef_setcb_init_fresh(ata_init);
	sef_setcb_init_restart(ata_init);
	sef_setcb_init_lu(ata_init);
	sef_startup();
	blockdriver_task(&ata_ops);
}
