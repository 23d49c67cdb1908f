/**
 * @file
 * @brief The character-driver library: the receive loop, request dispatch
 *        and late-completion bookkeeping every character driver shares.
 *
 * A driver fills a struct chardriver with its operations and calls
 * chardriver_task().
 */
#ifndef CHARDRIVER_H
#define CHARDRIVER_H

#include <abi/types.h>
#include <abi/endpoint.h>
#include <abi/message.h>
#include <abi/cdev.h>

/**
 * @brief One request from VFS, as a driver operation sees it.
 *
 * Every operation gets the whole request and reads the fields it needs;
 * a field an operation does not use is 0.
 */
struct chardriver_req {
	int minor;          /**< the unit (abi/devices.h) */
	int32_t pos;        /**< read, write: the file position (drivers of
	                         streams ignore it) */
	uint32_t grant;     /**< read, write: VFS's grant for the caller's
	                         buffer; ioctl: for the argument */
	size_t size;        /**< read, write: bytes wanted / given */
	uint32_t request;   /**< ioctl: the ioctl number (abi/termios.h) */
	int flags;          /**< open, read, write, ioctl: the O_* flags of
	                         the open file (abi/fcntl.h; O_NONBLOCK,
	                         O_ACCMODE) */
	endpoint_t user;    /**< the process VFS asks for */
	uint32_t id;        /**< VFS's name for this request (for
	                         chardriver_complete; cancel: the suspended
	                         request to forget) */
	uint32_t uid;       /**< open, read, write, ioctl: the effective
	                         user id of the process VFS asks for (0:
	                         root), for a driver's own privileged
	                         operations (inet: ports below 1024) */
};

/**
 * @brief The operations of a character driver.
 *
 * The library calls one operation per request VFS sends and answers VFS
 * with the operation's return value. A NULL operation means "not
 * supported": open and close then succeed, read, write and cancel answer
 * -ENODEV (cancel: -EINTR), ioctl answers -ENOTTY; NULL interrupt, alarm
 * and other ignore what they would have received.
 *
 * Every request operation takes one struct chardriver_req (valid only
 * during the call). Data moves through the grant VFS made for the
 * request: use chardriver_copyin() and chardriver_copyout() with
 * req->grant.
 *
 * Only read, write and ioctl may return CDEV_SUSPEND ("the answer comes
 * later"); the driver must then remember req->id and finish the request
 * with chardriver_complete(), or forget it when cancel() is called for it.
 */
struct chardriver {
	/**
	 * @brief A process opens minor device req->minor.
	 *
	 * A cloning device (one unit per open, such as a socket: abi/socket.h)
	 * answers CDEV_CLONED | the new unit's minor (abi/cdev.h): VFS binds
	 * the open file to that minor, and its later requests and its close
	 * name it.
	 * @param req minor, flags (O_*), user (the process VFS opens it for)
	 * @return 0 on success, CDEV_CLONED | minor, or a negative error
	 * @retval -ENODEV no such minor device
	 */
	int (*open)(const struct chardriver_req *req);

	/**
	 * @brief The last descriptor for req->minor of some process was
	 *        closed.
	 * @param req minor
	 * @return 0 or a negative error
	 */
	int (*close)(const struct chardriver_req *req);

	/**
	 * @brief Read up to req->size bytes into req->grant.
	 * @param req minor, pos, grant (writable), size, flags (O_NONBLOCK),
	 *        user, id
	 * @return bytes read (0: end of file), CDEV_SUSPEND, or an error
	 * @retval -ENODEV no such minor device
	 * @retval -EAGAIN nothing to read and O_NONBLOCK is set
	 * @retval -EFAULT the grant does not cover the buffer
	 */
	int (*read)(const struct chardriver_req *req);

	/**
	 * @brief Write req->size bytes from req->grant.
	 * @param req minor, pos, grant, size, flags, user, id as for read
	 * @return bytes written, CDEV_SUSPEND, or a negative error
	 * @retval -ENODEV no such minor device
	 * @retval -ENOSPC the device is full
	 * @retval -EFAULT the grant does not cover the buffer
	 */
	int (*write)(const struct chardriver_req *req);

	/**
	 * @brief Device control request req->request (abi/termios.h).
	 * @param req minor, request, grant (the argument; its size is implied
	 *        by the request), user, id
	 * @return 0, CDEV_SUSPEND, or a negative error
	 * @retval -ENOTTY the device does not know the request
	 * @retval -EFAULT the grant does not cover the argument
	 */
	int (*ioctl)(const struct chardriver_req *req);

	/**
	 * @brief VFS gives up the suspended request req->id (the caller was
	 *        interrupted). The driver forgets it; it must not complete it.
	 * @param req minor (the unit the request was for), id
	 * @return the request's final status: -EINTR, or a byte count when
	 *         part of the work was done and cannot be undone
	 */
	int (*cancel)(const struct chardriver_req *req);

	/**
	 * @brief An interrupt arrived: the IRQ lines in IRQS (bit N = line
	 *        N) fired. The driver re-enables each with
	 *        sys_irqctl(IRQ_ENABLE, N) once it has handled it.
	 * @param irqs the lines that fired
	 */
	void (*interrupt)(uint32_t irqs);

	/**
	 * @brief The alarm set with sys_setalarm() expired.
	 * @param now clock ticks since boot
	 */
	void (*alarm)(uint32_t now);

	/**
	 * @brief Any other message: TTY_PM_GETSIG from PM, or a notification
	 *        from a process.
	 * @param m the message; for a request, the operation writes its reply
	 *        payload into *M
	 * @return for a request, the m_type of the reply (CDEV_SUSPEND: no
	 *         reply is sent); ignored for a notification
	 */
	int (*other)(message *m);

	/**
	 * @brief Readiness for poll/select: which of the operations in
	 *        req->request (CDEV_SEL_RD, CDEV_SEL_WR, CDEV_SEL_ERR) on
	 *        req->minor would not wait now.
	 *
	 * The library remembers the operations asked but not ready (when VFS
	 * asked to be told, CDEV_SEL_NOTIFY) and forgets them at the close
	 * of a cloned unit (a shared minor keeps them). The driver calls chardriver_select_ready() whenever a minor
	 * may have become ready (data arrived, room freed, the peer closed);
	 * the library tells VFS when someone waits for that. NULL: every
	 * minor is always ready (as for a driver written before poll).
	 * @param req minor, request (the CDEV_SEL_* bits wanted, without
	 *        CDEV_SEL_NOTIFY), user
	 * @return the wanted bits ready now (0: none), or a negative error
	 */
	int (*select)(const struct chardriver_req *req);
};

/**
 * @brief Run the driver: receive requests forever and answer each.
 *
 * Requests come from VFS (CDEV_*; anything else from VFS is answered
 * -ENOSYS); PM may ask TTY_PM_GETSIG (passed to ops->other); every other
 * sender is answered -EPERM. Notifications from HARDWARE go to
 * ops->interrupt, from CLOCK to ops->alarm, from others to ops->other.
 * Replies are CDEV_REPLY messages {id, status} sent without blocking.
 *
 * @param ops the driver's operations; must stay valid
 */
void chardriver_task(const struct chardriver *ops) __attribute__((noreturn));

struct sef_init_info;

/**
 * @brief Driver up: tell VFS (through the data store) that this driver
 *        serves the device major it was started for.
 *
 * Publishes the u32 "drv.chr.<label>" = INFO->dev_major with
 * DSF_OVERWRITE; VFS binds the major to this driver. Call it from the
 * driver's init callbacks once the driver is ready (every init type: a
 * restarted driver must be announced again). Nothing happens when no
 * major was given (dev_major < 0) or the driver has no label (started
 * without RS).
 *
 * @param info the init callback's SEF information
 * @return 0 on success (or nothing to do), else the data store's error
 * @retval -EPERM the data store does not know this driver's label
 * @retval -EINVAL the label is too long for a key
 */
int chardriver_announce(const struct sef_init_info *info);

/**
 * @brief Finish the suspended request ID with STATUS and tell VFS.
 *
 * The result is queued until VFS collects it with CDEV_STATUS. Call it
 * only for a request whose operation returned CDEV_SUSPEND and that was
 * not cancelled.
 *
 * @param id the request
 * @param status bytes transferred, 0, or a negative error
 * @return 0 on success
 * @retval -ENOENT ID is not a suspended request (never suspended,
 *         completed already, or cancelled)
 */
int chardriver_complete(uint32_t id, int status);

/**
 * @brief Minor MINOR may have become ready for OPS (CDEV_SEL_RD,
 *        CDEV_SEL_WR, CDEV_SEL_ERR): tell VFS if it waits for one of them.
 *
 * Cheap when nobody waits: call it whenever data arrives, room is freed,
 * a connection is accepted or closed. VFS then asks the select operation
 * again, so a call for a minor that is not ready after all is harmless.
 *
 * @param minor the unit
 * @param ops the CDEV_SEL_* bits that may be ready
 */
void chardriver_select_ready(int minor, uint32_t ops);

/**
 * @brief Check the library's state kept from a previous instance (a
 *        driver that restarts in place, manifest `restart inplace`): the
 *        readiness watches and the suspended requests are well formed.
 *
 * A state-check callback for sef_setcb_state_check(), alone or called
 * from the driver's own check.
 * @param why where to write, on failure, what is inconsistent
 * @param len the size of @p why
 * @return 0 when the state is consistent.
 * @retval -EINVAL a watch or a suspended request is malformed
 */
int chardriver_state_check(char *why, size_t len);

/**
 * @brief Damage the library's state on purpose so that
 *        chardriver_state_check() refuses it: a free suspended-request
 *        entry gets a state that does not exist.
 *
 * A corrupt hook for sef_setcb_state_corrupt() (`service fi LABEL
 * corrupt`), for a driver whose fresh start keeps the system running.
 * @param what where to write what was damaged
 * @param len the size of @p what
 * @return 0 when something was damaged.
 * @retval -ENOENT no free entry (every one holds a request)
 */
int chardriver_state_corrupt(char *what, size_t len);

/**
 * @brief How many requests are unfinished in the library: suspended and
 *        not completed yet, or completed but not yet collected by VFS
 *        (CDEV_STATUS).
 *
 * A live update must wait until this is 0: a new version does not know
 * the requests of the old one, so a result not yet collected would be
 * lost. A driver that suspends requests uses it in its prepare callback.
 *
 * @return the number of such requests (0: none)
 */
int chardriver_pending(void);


/**
 * @brief Re-sync the kept library state with VFS after a kept init: VFS
 *        is notified when results or readiness events wait to be
 *        collected (the previous instance's notification may have been
 *        lost with it). Call from the init callback when SEF_INIT_KEPT.
 */
void chardriver_kept(void);

/**
 * @brief Copy LEN bytes from offset OFFSET of VFS's grant GRANT into BUF.
 * @param grant the grant VFS sent with the request
 * @param offset where in the granted memory to start
 * @param buf the driver's buffer that gets the bytes
 * @param len how many bytes
 * @return 0 on success
 * @retval -EPERM the grant does not allow it (revoked, too small)
 * @retval -EFAULT BUF or the granted memory is not valid
 */
int chardriver_copyin(uint32_t grant, size_t offset, void *buf, size_t len);

/**
 * @brief Copy LEN bytes of BUF to offset OFFSET of VFS's grant GRANT.
 * @param grant the grant VFS sent with the request
 * @param offset where in the granted memory to start
 * @param buf the driver's bytes
 * @param len how many bytes
 * @return 0 on success
 * @retval -EPERM the grant does not allow it (revoked, too small)
 * @retval -EFAULT BUF or the granted memory is not valid
 */
int chardriver_copyout(uint32_t grant, size_t offset, const void *buf,
    size_t len);

/**
 * @brief Take the library's options from the driver's arguments.
 *
 * "vfs=NAME" makes the boot module NAME play VFS's part (its requests are
 * accepted, completions are announced to it, grants are its) and
 * "pm=NAME" PM's part (TTY_PM_GETSIG); test programs use them to drive a
 * driver without the real servers. Other arguments are left to the
 * driver.
 *
 * @param argc, argv the driver's main() arguments
 * @return 0 on success
 * @retval -ENOENT no boot module is called NAME
 */
int chardriver_args(int argc, char *argv[]);

/**
 * @brief The endpoint whose requests the library serves (VFS_EP unless
 *        "vfs=NAME" said otherwise).
 * @return VFS_EP, or the endpoint of the boot module NAME
 */
endpoint_t chardriver_vfs(void);

/**
 * @brief The endpoint that plays PM (PM_EP unless "pm=NAME" said
 *        otherwise): where a terminal sends its signal notifications.
 * @return PM_EP, or the endpoint of the boot module NAME
 */
endpoint_t chardriver_pm(void);

/**
 * @brief The endpoint of the boot module called NAME.
 * @param name the module's name (as on the boot command line)
 * @return its endpoint, or NONE when there is no such module
 */
endpoint_t chardriver_boot_endpoint(const char *name);

#endif
