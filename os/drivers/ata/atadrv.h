/* The ata driver's glue over libblockdriver: the operations table.c
 * gives the library (geometry, transfer, flush, interrupt) and the buffer size
 * of one command. */
#ifndef ATADRV_H
#define ATADRV_H

#include "blockdriver.h"

/* Sectors of one command through the driver's buffer (64 KiB). */
#define ATA_BUF_SECTORS 128

/* ata_geometry: the geometry operation: drive DRIVE's size (IDENTIFY's
 * sectors) and CHS. 0, or -ENXIO for a drive that is not an ATA disk. */
int ata_geometry(int drive, struct blockdriver_geometry *geom);

/* ata_transfer: the transfer operation (xfer.c). */
int ata_transfer(const struct blockdriver_req *req);

/* ata_flush_op: the flush operation (DIOCFLUSH on any minor of
 * req->drive): FLUSH CACHE, or FLUSH CACHE EXT on an LBA48 drive, with
 * the drive's interrupt (ata_flush). 0, -ENXIO, or -EIO when the drive
 * reports an error. */
int ata_flush_op(const struct blockdriver_req *req);

/* ata_interrupt: the interrupt operation: an interrupt outside a
 * transfer (a late one, after a timeout) is acknowledged and its line
 * enabled again. */
void ata_interrupt(uint32_t irqs);

#endif
