/**
 * @file
 * @brief The network-driver library: the receive loop, the network-driver
 *        protocol (abi/net.h), statistics, driver up and the restart and
 *        live-update callbacks, shared by every network driver (the e1000).
 *
 * A driver fills a struct netdriver with its operations and calls
 * netdriver_task() from main(); the library does the rest. It registers
 * the SEF callbacks (every init type calls the driver's init operation,
 * then announces the driver; `service down` stops the card before the
 * driver exits), runs sef_startup(), and answers each request of the
 * network server (inet) at once with NDEV_REPLY: a driver never blocks a
 * request and never sends one of its own. What the server waits for - a
 * frame arrived, room in the transmit ring, the link changed - the driver
 * reports with netdriver_notify(), which notifies the server; the server
 * then asks again (NDEV_RECV until it answers 0, NDEV_SEND for what it
 * queued).
 *
 * Frames move through the server's grants: a driver copies with
 * netdriver_copyin() (a frame to send) and netdriver_copyout() (a frame
 * received). A frame is a whole Ethernet frame without the FCS:
 * NDEV_FRAME_MIN..NDEV_FRAME_MAX bytes; the driver pads short frames for
 * the wire.
 *
 * Driver up: the library publishes the u32 "drv.net.<label>" = 0 in the
 * data store after every init (fresh, restart, live update); inet
 * subscribes to "drv.net.*" and sends NDEV_INIT to the new instance,
 * which makes it the instance's client (the endpoint notified).
 */
#ifndef NETDRIVER_H
#define NETDRIVER_H

#include <abi/types.h>
#include <abi/endpoint.h>
#include <abi/message.h>
#include <abi/net.h>

struct sef_init_info;

/** @brief The payload bytes of a frame (NDEV_FRAME_MAX - NDEV_FRAME_MIN). */
#define NETDRIVER_MTU (NDEV_FRAME_MAX - NDEV_FRAME_MIN)

/**
 * @brief A frame or a buffer in the client's memory, through its grant.
 *
 * Use netdriver_copyin() and netdriver_copyout(): the owner of the grant
 * is always the process that sent the request, never a third one.
 */
struct netdriver_data {
	endpoint_t owner;   /**< the client that granted it */
	uint32_t grant;     /**< the client's grant */
	size_t size;        /**< bytes granted */
};

/**
 * @brief The operations of a network driver.
 *
 * init, send, recv and link are required; a NULL other operation means
 * "nothing to do": NULL pending reports 0 frames waiting, NULL stop,
 * interrupt and alarm ignore the event, NULL other answers an unknown
 * request -ENOSYS and ignores an unknown notification.
 */
struct netdriver {
	/** @brief The model, reported by NDEV_INIT (at most 15 characters). */
	const char *name;

	/**
	 * @brief Find and set up the card (every init type: a fresh start, a
	 *        restart after a crash, the new version of a live update).
	 *
	 * A restarted or updated instance knows nothing of the old one: it
	 * resets the card and builds its rings again. Set the card's address
	 * with netdriver_set_addr() here.
	 *
	 * @param info the init information (info->type: SEF_INIT_FRESH,
	 *        SEF_INIT_RESTART, SEF_INIT_LU)
	 * @return 0 when the driver is ready (the library then announces it)
	 * @retval -ENODEV no card (RS brings a fresh driver down)
	 */
	int (*init)(const struct sef_init_info *info);

	/**
	 * @brief Queue one frame for transmission.
	 * @param data the client's frame (copy it with netdriver_copyin())
	 * @param len its length, NDEV_FRAME_MIN..NDEV_FRAME_MAX (checked)
	 * @return 0 when the frame is queued (the library counts it)
	 * @retval -EAGAIN the transmit ring is full: call netdriver_notify()
	 *         when there is room again
	 * @retval -EFAULT the grant does not cover the frame
	 */
	int (*send)(const struct netdriver_data *data, size_t len);

	/**
	 * @brief Hand over the oldest received frame.
	 * @param data the client's buffer (copy with netdriver_copyout())
	 * @param max its size, at least NDEV_FRAME_MAX (checked)
	 * @return the frame's length, or 0 when none is waiting (call
	 *         netdriver_notify() when one arrives)
	 * @retval -EFAULT the grant does not cover the buffer (the frame is
	 *         dropped)
	 */
	int (*recv)(const struct netdriver_data *data, size_t max);

	/**
	 * @brief The link's state now.
	 * @return NDEV_LINK_UP or NDEV_LINK_DOWN
	 */
	int (*link)(void);

	/**
	 * @brief How many received frames wait (reported with each RECV).
	 * @return the count
	 */
	unsigned (*pending)(void);

	/**
	 * @brief Stop the card (no interrupts, no DMA): called when the
	 *        driver is brought down (SIGTERM), before it exits, so that
	 *        the card never writes into memory the driver gave back. The
	 *        old instance of a live update is not stopped: its memory
	 *        lives until the new instance, which resets the card first,
	 *        finished its init, and a rolled-back update goes on.
	 */
	void (*stop)(void);

	/**
	 * @brief The IRQ lines in IRQS (bit N = line N) fired (the library
	 *        counts the interrupt). Acknowledge the card, enable the line
	 *        again (sys_irqctl(IRQ_ENABLE, ...)), and call
	 *        netdriver_notify() when a frame arrived, transmit room came
	 *        back or the link changed.
	 * @param irqs the lines that fired
	 */
	void (*interrupt)(uint32_t irqs);

	/**
	 * @brief The alarm set with sys_setalarm() expired.
	 * @param now clock ticks since boot
	 */
	void (*alarm)(uint32_t now);

	/**
	 * @brief Any other message: a notification from a process, or a
	 *        request that is not a network-driver request.
	 * @param m the message; for a request, the operation writes its reply
	 *        payload into *M
	 * @return for a request, the m_type of the reply; ignored for a
	 *         notification
	 */
	int (*other)(message *m);
};

/**
 * @brief Run the driver: SEF callbacks, sef_startup(), then receive
 *        requests forever and answer each at once.
 *
 * Every init type calls ops->init and then netdriver_announce(); a live
 * update is ready whenever SEF asks (requests are answered at once);
 * SIGTERM (service down) calls ops->stop, then exits. NDEV_* requests
 * are checked (sizes) and answered with NDEV_REPLY {id, status, link,
 * addr, mtu, pending, name}, sent without blocking. Notifications from
 * HARDWARE go to ops->interrupt, from CLOCK to ops->alarm, others to
 * ops->other. After each interrupt the library compares the link's state
 * with the last one it saw: a change is counted, logged and notified.
 *
 * @param ops the driver's operations; must stay valid
 */
void netdriver_task(const struct netdriver *ops) __attribute__((noreturn));

/**
 * @brief Driver up: publish the u32 "drv.net.<label>" = 0 in the data
 *        store (overwriting), which tells inet to (re)initialise this
 *        driver. netdriver_task() calls it after every init.
 * @param info the init callback's SEF information (its label)
 * @return 0 on success (or nothing to do: no label, started without RS)
 * @retval -EINVAL the label is too long for a key
 * @retval -EPERM the data store does not know this driver's label
 */
int netdriver_announce(const struct sef_init_info *info);

/**
 * @brief Set the card's MAC address, reported in every reply.
 * @param addr NDEV_ADDR_LEN bytes
 */
void netdriver_set_addr(const uint8_t addr[NDEV_ADDR_LEN]);

/**
 * @brief Tell the client that something it may wait for happened: a frame
 *        arrived, the transmit ring has room, the link changed. A
 *        notification (it never blocks; several before the client runs
 *        arrive as one). Nothing happens before a client sent NDEV_INIT.
 */
void netdriver_notify(void);

/**
 * @brief The driver's counters (abi/net.h), answered by NDEV_STATS.
 *
 * The library counts tx_frames, tx_bytes (a send that returned 0),
 * rx_frames, rx_bytes (a recv that returned a frame), interrupts and
 * link_changes; the driver adds the errors and drops only it can see
 * (rx_errors, rx_dropped, tx_errors).
 * @return the counters of this instance
 */
struct ndev_stats *netdriver_stats(void);

/**
 * @brief The client: the endpoint of the last NDEV_INIT (NONE before one).
 * @return the endpoint netdriver_notify() notifies
 */
endpoint_t netdriver_client(void);

/**
 * @brief Copy LEN bytes from offset OFFSET of the client's frame DATA
 *        into BUF.
 * @param data the request's frame
 * @param offset where to start in it
 * @param buf the driver's buffer
 * @param len how many bytes (offset + len <= data->size)
 * @return 0 on success
 * @retval -EINVAL offset + len is beyond the grant's size
 * @retval -EPERM the grant does not allow it (revoked, too small)
 * @retval -EFAULT BUF or the granted memory is not valid
 */
int netdriver_copyin(const struct netdriver_data *data, size_t offset,
    void *buf, size_t len);

/**
 * @brief Copy LEN bytes of BUF to offset OFFSET of the client's buffer
 *        DATA.
 * @param data the request's buffer
 * @param offset where to start in it
 * @param buf the driver's bytes
 * @param len how many bytes (offset + len <= data->size)
 * @return 0 on success
 * @retval -EINVAL offset + len is beyond the grant's size
 * @retval -EPERM the grant does not allow it (revoked, too small)
 * @retval -EFAULT BUF or the granted memory is not valid
 */
int netdriver_copyout(const struct netdriver_data *data, size_t offset,
    const void *buf, size_t len);

#endif
