/* Private declarations of the block-driver library, shared by its files;
 * drivers include blockdriver.h only. */
#ifndef BLOCKDRIVER_PRIV_H
#define BLOCKDRIVER_PRIV_H

#include "blockdriver.h"

/* The most requests kept while the driver waits for an interrupt
 * (blockdriver_wait_interrupt); one more is answered -EBUSY. */
#define BLOCKDRIVER_MAX_QUEUED 16

/* A request handler: takes the driver's operations and the request M,
 * returns the reply's status (bytes, 0 or a negative error). */
typedef int (*blockdriver_handler)(const struct blockdriver *ops,
    const message *m);

/* table.c: the handler of request type TYPE, or NULL when there is none. */
blockdriver_handler blockdriver_lookup(int type);

/* requests.c: one handler per BDEV_* request. */
int blockdriver_do_open(const struct blockdriver *ops, const message *m);
int blockdriver_do_close(const struct blockdriver *ops, const message *m);
int blockdriver_do_ioctl(const struct blockdriver *ops, const message *m);

/* transfer.c: BDEV_READ, BDEV_WRITE, BDEV_GATHER, BDEV_SCATTER. */
int blockdriver_do_read(const struct blockdriver *ops, const message *m);
int blockdriver_do_write(const struct blockdriver *ops, const message *m);
int blockdriver_do_gather(const struct blockdriver *ops, const message *m);
int blockdriver_do_scatter(const struct blockdriver *ops, const message *m);

/* check.c (no system calls: host-tested). */

/* blockdriver_clip: the bytes a transfer of TOTAL bytes at byte POS of a
 * minor device of EXTENT bytes moves, into *COUNT: TOTAL, or fewer when it
 * crosses the end, 0 when it starts at the end or beyond. Returns 0, or
 * -EINVAL when POS or TOTAL is not a multiple of SECTOR or TOTAL is more
 * than BDEV_XFER_MAX. */
int blockdriver_clip(uint64_t pos, uint64_t total, uint64_t extent,
    uint32_t sector, uint64_t *count);

/* blockdriver_vector: turn the caller's N-element vector VEC into the
 * driver's pieces IOV (grants of the caller), checking each size against
 * SECTOR; *TOTAL gets the sum. Returns 0, or -EINVAL for N outside
 * 1..BDEV_IOV_MAX, a size that is not a multiple of SECTOR, or a sum over
 * BDEV_XFER_MAX. */
int blockdriver_vector(const struct bdev_iovec *vec, unsigned n,
    uint32_t sector, struct blockdriver_iov *iov, uint64_t *total);

/* blockdriver_trim: shorten the pieces IOV[0..*N) to COUNT bytes in all
 * (COUNT <= their sum, > 0): the pieces past COUNT are dropped (*N gets
 * the rest), the last one kept is shortened. */
void blockdriver_trim(struct blockdriver_iov *iov, unsigned *n,
    uint64_t count);

/* drives.c: what the library knows of each drive (geometry, partitions,
 * opens) in this instance of the driver. */

/* blockdriver_set_ops: the operations drives.c uses (blockdriver_task). */
void blockdriver_set_ops(const struct blockdriver *ops);

/* blockdriver_extent: the base and size in bytes on the drive of MINOR,
 * the drive's sector size, reading the drive's partition table first if
 * this instance has not. Returns 0, or -ENXIO (no such drive or minor, an
 * unused partition). */
int blockdriver_extent(int minor, uint64_t *base, uint64_t *size,
    uint32_t *sector);

/* blockdriver_opened: MINOR was opened (DELTA 1) or closed (DELTA -1). An
 * open of a drive with no open minor reads its partition table again
 * first. Returns 0 or -ENXIO. */
int blockdriver_opened(int minor, int delta);

/* blockdriver_rescan: read the partition table of MINOR's drive again.
 * Returns 0, -EBUSY when one of its partitions is open, -ENXIO, or the
 * error of the read. */
int blockdriver_rescan(int minor);

/* blockdriver_read_only: whether MINOR's drive refuses writes (1), or
 * -ENXIO. */
int blockdriver_read_only(int minor);

/* task.c */

/* blockdriver_serve: handle message M (a request or a notification) with
 * OPS and send the reply; the loop and the interrupt wait use it. */
void blockdriver_serve(const struct blockdriver *ops, message *m);

/* blockdriver_queue_put: keep request M until the current one is done.
 * Returns 0, or -EBUSY when the queue is full. */
int blockdriver_queue_put(const message *m);

/* blockdriver_queue_get: take the oldest kept request into *M. Returns
 * 1, or 0 when none is kept. */
int blockdriver_queue_get(message *m);

#endif
