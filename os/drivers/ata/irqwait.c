/* ata_irq_wait for the driver: the hardware layer waits for a channel's
 * interrupt through libblockdriver, which keeps the requests that arrive
 * meanwhile for later. */
#include <abi/errno.h>
#include "blockdriver.h"
#include "ata.h"
#include "atadrv.h"

/* The most interrupts of the other channel (late ones) taken in one wait
 * before it gives up: the wait stays bounded. */
#define STRAY_MAX 16

/* ata_irq_wait: see ata.h. The line is left masked: the caller reads the
 * status (acknowledging the drive) before it enables the line again. */
int ata_irq_wait(struct ata_channel *ch, uint32_t limit_ms)
{
	uint32_t ticks = ata_ticks(limit_ms);
	uint32_t mine = 1u << ch->irq;
	for (int i = 0; i < STRAY_MAX; i++) {
		uint32_t irqs = 0;
		if (blockdriver_wait_interrupt(ticks, &irqs) != 0)
			return -EINTR;
		if (irqs & ~mine)
			ata_interrupt(irqs & ~mine);
		if (irqs & mine)
			return 0;
	}
	return -EINTR;
}
