/**
 * @file
 * @brief The block-driver library: the receive loop, the checks of every
 *        request, MBR partitions and driver up, shared by every block
 *        driver (a RAM disk, the ATA disk driver).
 *
 * A driver fills a struct blockdriver with its operations and calls
 * blockdriver_task(). The library speaks the block protocol
 * (abi/blockdev.h) for it: it copies the caller's vector, checks the
 * minor, the alignment and the bounds, turns a partition's position into
 * a drive's position, and calls the driver's transfer operation only for
 * a range that lies wholly on the drive. A transfer either succeeds
 * completely or fails: the driver returns 0 or an error, never a part.
 *
 * Minors (abi/blockdev.h): drive D has minor D * 5 (the whole drive,
 * /dev/c0dD) and D * 5 + 1 + P for its MBR primary partition P (0..3,
 * /dev/c0dDpP). The library reads a drive's partition table when one of
 * the drive's minors is opened while none is open, on DIOCRESCAN, and
 * before the first request a new instance of the driver serves for that
 * drive (a restarted driver knows nothing of the old one's tables).
 */
#ifndef BLOCKDRIVER_H
#define BLOCKDRIVER_H

#include <abi/types.h>
#include <abi/endpoint.h>
#include <abi/message.h>
#include <abi/blockdev.h>
#include <abi/grant.h>

/** @brief The most drives one driver may have (minors 0 .. 5 * 8 - 1). */
#define BLOCKDRIVER_MAX_DRIVES 8

/** @brief blockdriver_iov.grant of a piece in the driver's own memory. */
#define BLOCKDRIVER_LOCAL GRANT_INVALID

/**
 * @brief One piece of a transfer.
 *
 * Either the caller's grant (grant is the grant id, the caller's
 * endpoint is in the request) or, when grant is BLOCKDRIVER_LOCAL, the
 * driver's own memory at addr (the library reads partition tables this
 * way). Use blockdriver_copyin() and blockdriver_copyout(), which handle
 * both.
 */
struct blockdriver_iov {
	uint32_t grant;     /**< the caller's grant, or BLOCKDRIVER_LOCAL */
	void *addr;         /**< BLOCKDRIVER_LOCAL: the driver's memory */
	size_t size;        /**< bytes of this piece (a sector multiple) */
};

/**
 * @brief One request, as a driver operation sees it.
 *
 * Every operation gets the whole request and reads the fields it needs;
 * a field an operation does not use is 0.
 */
struct blockdriver_req {
	endpoint_t caller;  /**< who asked: the owner of every grant */
	uint32_t id;        /**< the caller's name for the request */
	int minor;          /**< the minor device asked for */
	int drive;          /**< its drive (0 .. BLOCKDRIVER_MAX_DRIVES - 1) */
	int part;           /**< its partition 0..3, or -1: the whole drive */
	int write;          /**< transfer: 1 to write to the drive, 0 to read */
	uint64_t pos;       /**< transfer: the byte position on the DRIVE
	                         (the partition's base added), a multiple of
	                         the sector size */
	size_t size;        /**< transfer: total bytes, > 0, a sector
	                         multiple, pos + size within the drive */
	const struct blockdriver_iov *iov; /**< transfer: the pieces, in
	                         order; their sizes add up to size */
	unsigned iov_count; /**< transfer: the number of pieces (>= 1) */
	uint32_t access;    /**< open: BDEV_R_BIT | BDEV_W_BIT */
	uint32_t request;   /**< ioctl: the request (abi/ioctl.h encoding) */
	uint32_t grant;     /**< ioctl: the caller's grant for the argument */
	endpoint_t user;    /**< open, ioctl: the process the caller acts for */
};

/**
 * @brief What a driver tells about one of its drives.
 */
struct blockdriver_geometry {
	uint64_t size;          /**< bytes (a multiple of sector_size) */
	uint32_t sector_size;   /**< bytes per sector (BDEV_SECTOR_SIZE) */
	uint32_t cylinders;     /**< CHS geometry (informational) */
	uint32_t heads;         /**< heads */
	uint32_t sectors;       /**< sectors per track */
	int read_only;          /**< 1: opens for writing get -EACCES */
};

/**
 * @brief The operations of a block driver.
 *
 * geometry and transfer are required; a NULL other operation means "not
 * supported": open and close then succeed, ioctl answers -ENOTTY (for a
 * request the library does not handle itself), NULL interrupt, alarm and
 * other ignore what they would have received.
 *
 * The library calls an operation only for a minor whose drive exists
 * (geometry returned 0), and transfer only with a checked range.
 */
struct blockdriver {
	/**
	 * @brief Describe drive DRIVE.
	 * @param drive 0 .. BLOCKDRIVER_MAX_DRIVES - 1
	 * @param geom gets the drive's size and geometry
	 * @return 0 when the drive exists
	 * @retval -ENXIO no such drive
	 */
	int (*geometry)(int drive, struct blockdriver_geometry *geom);

	/**
	 * @brief Move req->size bytes between the drive and the pieces.
	 *
	 * The range [req->pos, req->pos + req->size) lies on drive
	 * req->drive; the library checked it. Piece i covers the next
	 * req->iov[i].size bytes of it, in order.
	 *
	 * @param req caller, drive, minor, part, write, pos, size, iov,
	 *        iov_count
	 * @return 0 when every byte was moved (never a partial count)
	 * @retval -EIO the device failed
	 * @retval -EFAULT a grant does not cover its piece
	 */
	int (*transfer)(const struct blockdriver_req *req);

	/**
	 * @brief A process opens minor req->minor (after the library checked
	 *        that its drive exists and read the partition table if the
	 *        drive had no open minor).
	 * @param req minor, drive, part, access, user
	 * @return 0 or a negative error
	 */
	int (*open)(const struct blockdriver_req *req);

	/**
	 * @brief An open of req->minor ends.
	 * @param req minor, drive, part
	 * @return 0 or a negative error
	 */
	int (*close)(const struct blockdriver_req *req);

	/**
	 * @brief A device control request the library does not handle
	 *        itself (it handles DIOCGETP, DIOCRESCAN and DIOCFLUSH).
	 * @param req minor, drive, part, request, grant (the argument; its
	 *        size is IOC_SIZE(request)), user
	 * @return 0 or a negative error
	 * @retval -ENOTTY the driver does not know the request
	 */
	int (*ioctl)(const struct blockdriver_req *req);

	/**
	 * @brief An interrupt arrived outside blockdriver_wait_interrupt():
	 *        the IRQ lines in IRQS (bit N = line N) fired.
	 * @param irqs the lines that fired
	 */
	void (*interrupt)(uint32_t irqs);

	/**
	 * @brief The alarm set with sys_setalarm() expired (outside
	 *        blockdriver_wait_interrupt()).
	 * @param now clock ticks since boot
	 */
	void (*alarm)(uint32_t now);

	/**
	 * @brief Any other message: a notification from a process, or a
	 *        request that is not a block request.
	 * @param m the message; for a request, the operation writes its reply
	 *        payload into *M
	 * @return for a request, the m_type of the reply; ignored for a
	 *         notification
	 */
	int (*other)(message *m);

	/**
	 * @brief Write the drive's write cache to the medium (DIOCFLUSH,
	 *        what a file server's sync ends with).
	 *
	 * Called for DIOCFLUSH on any minor of drive req->drive (the
	 * library checked that the minor exists); the answer comes once
	 * every byte an earlier transfer wrote is on the medium. NULL: the
	 * driver has no cache to flush, and DIOCFLUSH succeeds.
	 *
	 * @param req minor, drive, part, user
	 * @return 0 when the cache is written
	 * @retval -EIO the device failed
	 */
	int (*flush)(const struct blockdriver_req *req);
};

/**
 * @brief Run the driver: receive requests forever and answer each.
 *
 * Block requests (BDEV_*) come from any process allowed to send to the
 * driver (the kernel's IPC rights decide); each is answered at once with
 * BDEV_REPLY {id, status}, sent without blocking. Notifications from
 * HARDWARE go to ops->interrupt, from CLOCK to ops->alarm, other messages
 * to ops->other (no operation: a request is answered -ENOSYS).
 *
 * The driver ran sef_startup() before. A restart with a new endpoint
 * leaves the IPC state alone: a request that reached the new instance
 * before its init finished is served. Only a stateful restart (the
 * endpoint was kept, SEF_INIT_STATEFUL) fails the requests the dead
 * instance took (SEF does it before the init callback).
 *
 * @param ops the driver's operations; must stay valid
 */
void blockdriver_task(const struct blockdriver *ops) __attribute__((noreturn));

struct sef_init_info;

/**
 * @brief Driver up: tell VFS and the file servers (through the data
 *        store) that this driver serves the device major it was started
 *        for.
 *
 * Publishes the u32 "drv.blk.<label>" = INFO->dev_major with
 * DSF_OVERWRITE. Call it from the driver's init callbacks once the
 * driver is ready (every init type: a restarted driver must be announced
 * again, so that its users open their devices again and retry what
 * failed). Nothing happens when no major was given (dev_major < 0) or
 * the driver has no label (started without RS).
 *
 * @param info the init callback's SEF information
 * @return 0 on success (or nothing to do), else the data store's error
 * @retval -EPERM the data store does not know this driver's label
 * @retval -EINVAL the label is too long for a key
 */
int blockdriver_announce(const struct sef_init_info *info);

/**
 * @brief Copy LEN bytes from offset OFFSET of piece IOV into BUF (for a
 *        write: the data to put on the drive).
 * @param req the request (its caller owns the grants)
 * @param iov one of req->iov
 * @param offset where in the piece to start
 * @param buf the driver's buffer that gets the bytes
 * @param len how many bytes (offset + len <= iov->size)
 * @return 0 on success
 * @retval -EINVAL offset + len is beyond the piece
 * @retval -EPERM the grant does not allow it (revoked, too small)
 * @retval -EFAULT BUF or the granted memory is not valid
 */
int blockdriver_copyin(const struct blockdriver_req *req,
    const struct blockdriver_iov *iov, size_t offset, void *buf, size_t len);

/**
 * @brief Copy LEN bytes of BUF to offset OFFSET of piece IOV (for a read:
 *        the data from the drive).
 * @param req the request (its caller owns the grants)
 * @param iov one of req->iov
 * @param offset where in the piece to start
 * @param buf the driver's bytes
 * @param len how many bytes (offset + len <= iov->size)
 * @return 0 on success
 * @retval -EINVAL offset + len is beyond the piece
 * @retval -EPERM the grant does not allow it (revoked, too small)
 * @retval -EFAULT BUF or the granted memory is not valid
 */
int blockdriver_copyout(const struct blockdriver_req *req,
    const struct blockdriver_iov *iov, size_t offset, const void *buf,
    size_t len);

/**
 * @brief Wait for an interrupt in the middle of a transfer.
 *
 * Receives until a notification from HARDWARE arrives or TICKS clock
 * ticks pass (0: no limit). Requests that arrive meanwhile are kept and
 * served, in order, after the current one; other notifications are
 * passed to the driver's operations as usual. The library uses the
 * driver's alarm (sys_setalarm) while it waits and cancels it after.
 *
 * @param ticks the longest wait, in clock ticks (0: no limit)
 * @param irqs gets the IRQ lines that fired (bit N = line N)
 * @return 0 when an interrupt came
 * @retval -EINTR TICKS passed without one (timed out)
 */
int blockdriver_wait_interrupt(uint32_t ticks, uint32_t *irqs);

/**
 * @brief The extent of a minor device, as DIOCGETP reports it.
 * @param minor the minor
 * @param geom gets the base and size in bytes on the drive and the
 *        drive's geometry
 * @return 0 on success
 * @retval -ENXIO no such minor (no drive, or an unused partition)
 */
int blockdriver_partition(int minor, struct part_geom *geom);

/**
 * @brief Parse an MBR: fill PARTS[0..3] from SECTOR (the drive's first
 *        sector, BDEV_SECTOR_SIZE bytes).
 *
 * An unused entry (type 0 or no sectors), an entry that starts at sector
 * 0 (the table itself) or does not lie within the drive (DRIVE_SIZE
 * bytes) and every entry of a sector without the 0x55 0xAA signature get
 * size 0. Bases and sizes are bytes.
 *
 * @param sector the first sector
 * @param drive_size the drive's size in bytes
 * @param sector_size bytes per sector
 * @param parts gets the four partitions (base, size)
 * @return the number of usable partitions (0 .. 4)
 */
int blockdriver_parse_mbr(const uint8_t *sector, uint64_t drive_size,
    uint32_t sector_size, struct part_geom parts[BDEV_NR_PARTS]);

#endif
