/* The driver's side of a transfer: a block request's range, cut into
 * commands of at most ATA_BUF_SECTORS sectors through the driver's
 * buffer, the bytes moved between the buffer and the request's pieces
 * (its grants) with blockdriver_copyin/copyout. All or nothing: the first
 * error ends the request and is its answer. */
#include <abi/errno.h>
#include "blockdriver.h"
#include "ata.h"
#include "atadrv.h"

/* The bounce buffer: one command's data (64 KiB). */
static uint8_t buf[ATA_BUF_SECTORS * ATA_SECTOR];

/* A position in a request's pieces: piece index, offset in it. */
struct cursor {
	unsigned i;
	size_t off;
};

/* move: LEN bytes between BUF and the pieces of REQ from cursor C on
 * (into the pieces for a read, out of them for a write), advancing C.
 * 0 or the copy's error. */
static int move(const struct blockdriver_req *req, struct cursor *c,
    uint8_t *b, size_t len)
{
	while (len > 0) {
		if (c->i >= req->iov_count)
			return -EINVAL;
		const struct blockdriver_iov *v = &req->iov[c->i];
		size_t n = v->size - c->off;
		if (n > len)
			n = len;
		int r = req->write ? blockdriver_copyin(req, v, c->off, b, n) :
		    blockdriver_copyout(req, v, c->off, b, n);
		if (r)
			return r;
		b += n;
		len -= n;
		c->off += n;
		if (c->off == v->size) {
			c->i++;
			c->off = 0;
		}
	}
	return 0;
}

/* ata_transfer: the library's transfer operation (see blockdriver.h). */
int ata_transfer(const struct blockdriver_req *req)
{
	uint64_t lba = req->pos / ATA_SECTOR;
	uint64_t left = req->size / ATA_SECTOR;
	struct cursor c = { 0, 0 };
	while (left > 0) {
		unsigned n = ATA_BUF_SECTORS;
		if (n > left)
			n = (unsigned) left;
		if (n > ata_max_count(req->drive, lba))
			n = ata_max_count(req->drive, lba);
		size_t bytes = (size_t) n * ATA_SECTOR;
		int r;
		if (req->write && (r = move(req, &c, buf, bytes)) != 0)
			return r;
		r = ata_pio(req->drive, req->write, lba, n, buf);
		if (r)
			return r;
		if (!req->write && (r = move(req, &c, buf, bytes)) != 0)
			return r;
		lba += n;
		left -= n;
	}
	return 0;
}
