/* libbdev: the block-device client library of file servers (an ext2
 * server, one instance per mount): the block protocol (abi/blockdev.h)
 * behind plain calls on local buffers, and recovery from a block driver
 * that dies, hidden from the file server and its users.
 *
 * A file server names the driver of each major once (bdev_driver), then
 * opens, reads, writes and closes devices by number (DEV_MAKE(major,
 * minor)). Every call returns at once with the driver's answer, except
 * when the driver cannot be reached (it died; a stateful restart failed
 * the request): the call then waits for the driver's driver-up event
 * ("drv.blk.<label>" in the data store), opens again every device of
 * that driver the file server has open, and sends the request again, to
 * the new instance, with new grants. The file server sees the answer of
 * the new instance as if nothing happened. A driver that is not back
 * within BDEV_WAIT_TICKS, or that dies BDEV_RETRIES times in one call,
 * makes the call fail with -EIO.
 *
 * While a call waits, the messages that reach the file server (requests
 * from VFS, notifications) are kept, in order, and given back by
 * bdev_receive(), which the file server uses instead of sef_receive() in
 * its loop. The wait uses the file server's alarm (sys_setalarm): a file
 * server with alarms of its own sets them again after a call that
 * waited. libbdev subscribes to the data store for its drivers; a file
 * server calls bdev_ds_event() for each notification from DS (bdev_receive
 * gives them) and subscribes to nothing else.
 *
 * All functions return 0 (or a byte count) or a negative error. */
#ifndef BDEV_H
#define BDEV_H

#include <abi/types.h>
#include <abi/message.h>
#include <abi/blockdev.h>
#include <abi/clock.h>
#include <abi/stat.h>

#define BDEV_MAX_DRIVERS 8             /* majors bound with bdev_driver */
#define BDEV_MAX_OPEN    16            /* devices open at once */
#define BDEV_MAX_QUEUED  32            /* messages kept during a wait */
#define BDEV_RETRIES     4             /* driver deaths one call survives */
#define BDEV_WAIT_TICKS  (60 * CLOCK_HZ) /* a wait for the driver: 60 s */

/* A piece of a gather/scatter in the file server's memory. */
struct bdev_piece {
	void *addr;
	size_t size;                   /* a multiple of the sector size */
};

/* bdev_driver: the driver labelled LABEL serves MAJOR: find its endpoint
 * (ds_retrieve_label_endpt) and subscribe to its driver-up events.
 * Returns 0, -ENOSPC (BDEV_MAX_DRIVERS bound), -EINVAL (a bad label), or
 * the data store's error (-ENOENT: no such service). */
int bdev_driver(uint32_t major, const char *label);

/* bdev_open: open device DEV (BDEV_R_BIT | BDEV_W_BIT in ACCESS). Every
 * successful open needs one bdev_close. The driver's answer; -ENXIO (no
 * driver bound for the major), -ENOSPC (BDEV_MAX_OPEN devices open), -EIO
 * (the driver did not come back). */
int bdev_open(uint32_t dev, uint32_t access);

/* bdev_close: close DEV (opened with bdev_open). */
int bdev_close(uint32_t dev);

/* bdev_read, bdev_write: COUNT bytes at byte POS of DEV from or to BUF.
 * The count (the whole request, or fewer at the end of the device: 0 at
 * or past it) or an error (-EINVAL: POS or COUNT not a multiple of the
 * sector size), never both. */
int bdev_read(uint32_t dev, uint64_t pos, void *buf, size_t count);
int bdev_write(uint32_t dev, uint64_t pos, const void *buf, size_t count);

/* bdev_gather, bdev_scatter: read into / write from the N pieces (1 ..
 * BDEV_IOV_MAX) at byte POS of DEV, in order. As bdev_read. */
int bdev_gather(uint32_t dev, uint64_t pos, const struct bdev_piece *v,
    unsigned n);
int bdev_scatter(uint32_t dev, uint64_t pos, const struct bdev_piece *v,
    unsigned n);

/* bdev_ioctl: REQUEST (abi/ioctl.h encoding: DIOCGETP, ...) on DEV with
 * the argument at ARG (IOC_SIZE(request) bytes, copied in and/or out).
 * The driver's answer. */
int bdev_ioctl(uint32_t dev, uint32_t request, void *arg);

/* bdev_receive: the file server's receive: a message kept during a wait
 * first, else sef_receive(ANY). 0, or sef_receive's error. */
int bdev_receive(message *m);

/* bdev_ds_event: DS notified: learn the new endpoints of drivers that
 * came up (and open their open devices again). Changed keys that are not
 * libbdev's are dropped. */
void bdev_ds_event(void);

#endif
