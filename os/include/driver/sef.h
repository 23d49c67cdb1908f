/**
 * @file sdk/include/sef.h
 * @brief The system event framework: start-up, heartbeats, live update,
 *        fault injection and signals for every server and driver.
 *
 * A system process registers the callbacks it needs, calls sef_startup()
 * once, then receives with sef_receive() instead of ipc_receive(). SEF talks
 * to the reincarnation server (RS) on the process's behalf (abi/sef.h) and
 * hides RS's messages from the caller. Every callback has a predefined
 * default, so a service registers only what it wants to change.
 */
#ifndef SEF_H
#define SEF_H

#include <abi/types.h>
#include <abi/endpoint.h>
#include <abi/message.h>
#include <abi/sef.h>

/** @brief What RS says about this start (the init callbacks get it). */
struct sef_init_info {
	int type;                /**< SEF_INIT_FRESH, SEF_INIT_LU, SEF_INIT_RESTART */
	unsigned flags;          /**< SEF_INIT_STATEFUL, SEF_DBG_* */
	endpoint_t old_endpoint; /**< the previous instance (LU, RESTART) */
	int restarts;            /**< failures recovered so far */
	int prep_state;          /**< LU: the prepare state the old one reached */
	int dev_major;           /**< the device major from `-dev`, -1 for none */
	char label[SEF_LABEL_MAX]; /**< the service's label ("" without RS) */
};

/**
 * @brief An init callback.
 * @param info everything RS told about this start; info->type is the init
 *        type (SEF_INIT_FRESH, SEF_INIT_LU, SEF_INIT_RESTART)
 * @return 0 when the service is ready, or a negative error: RS then treats
 *         the start as failed (a fresh start is brought down, a new version
 *         rolled back).
 */
typedef int (*sef_cb_init_t)(const struct sef_init_info *info);

/**
 * @brief Set the init callback for a first start (before sef_startup()).
 * @param cb the callback; default: sef_cb_init_null
 */
void sef_setcb_init_fresh(sef_cb_init_t cb);
/**
 * @brief Set the init callback of the new version after a live update.
 * @param cb the callback; default: the fresh callback
 */
void sef_setcb_init_lu(sef_cb_init_t cb);
/**
 * @brief Set the init callback after a restart (the old instance died).
 * @param cb the callback; default: the fresh callback
 */
void sef_setcb_init_restart(sef_cb_init_t cb);
/**
 * @brief Predefined init callback: does nothing.
 * @param info the start's description (unused)
 * @return 0 (ready)
 */
int sef_cb_init_null(const struct sef_init_info *info);

/**
 * @brief Live-update prepare callback: has the service reached STATE?
 * @param state the prepare state (SEF_LU_STATE_*, or the service's own >= 7)
 * @return 0 when the state is reached (the update may proceed now),
 *         -ENOTREADY when not yet (SEF asks again before every receive)
 */
typedef int (*sef_cb_lu_prepare_t)(int state);
/**
 * @brief Live-update validity callback: does the service support STATE?
 * @param state a prepare state
 * @return 1 when supported, 0 when not (RS then refuses the update)
 */
typedef int (*sef_cb_lu_state_isvalid_t)(int state);
/**
 * @brief Called when the prepare state changes.
 * @param old_state the state before
 * @param state the new one (0 = none: the update was cancelled or is over)
 */
typedef void (*sef_cb_lu_state_changed_t)(int old_state, int state);
/**
 * @brief Print the service's state for debugging (on a prepare request).
 * @param state the prepare state asked for
 */
typedef void (*sef_cb_lu_state_dump_t)(int state);
/**
 * @brief Save the state the new version will need (e.g. to DS), called
 *        once the prepare state is reached, just before the swap.
 * @param state the prepare state reached
 * @return 0, or a negative error (the update is then cancelled)
 */
typedef int (*sef_cb_state_save_t)(int state);

/**
 * @brief Check the state a new instance kept from the previous one
 *        (SEF_INIT_KEPT: a restart in place or a live update that carried
 *        the memory), before any init callback trusts it.
 * @param why where to write, on failure, what is inconsistent (one line)
 * @param len the size of @p why
 * @return 0 when the state is consistent; a negative error otherwise: SEF
 *         prints "LABEL: kept state is inconsistent: WHY" and the init fails
 *         with that error (the state is never used)
 */
typedef int (*sef_cb_state_check_t)(char *why, size_t len);
/**
 * @brief Set the kept-state check (default: none, every state is trusted).
 * @param cb the callback, or NULL for none
 */
void sef_setcb_state_check(sef_cb_state_check_t cb);

/**
 * @brief Damage the service's own state on purpose, in a way its kept-state
 *        check (sef_setcb_state_check) must catch (`service fi LABEL
 *        corrupt`, a debug fault kind: abi/sef.h FI_DEBUG_KIND_LIST). SEF
 *        then crashes the service; restarted in place, the check refuses
 *        the state and RS starts it afresh.
 * @param what where to write what was damaged (one line, for the console)
 * @param len the size of @p what
 * @return 0 when something was damaged; a negative error when there was
 *         nothing to damage (SEF then says so and does not crash)
 */
typedef int (*sef_cb_state_corrupt_t)(char *what, size_t len);
/**
 * @brief Set the corrupt hook (default: none; `service fi LABEL corrupt` is
 *        then refused with ENOSYS). Offer it only where a fresh start of
 *        the service keeps the system running.
 * @param cb the callback, or NULL for none
 */
void sef_setcb_state_corrupt(sef_cb_state_corrupt_t cb);

/**
 * @brief Set the live-update prepare callback.
 * @param cb the callback; default: sef_cb_lu_prepare_standard
 */
void sef_setcb_lu_prepare(sef_cb_lu_prepare_t cb);
/**
 * @brief Set the callback that says which prepare states are supported.
 * @param cb the callback; default: sef_cb_lu_state_isvalid_standard
 */
void sef_setcb_lu_state_isvalid(sef_cb_lu_state_isvalid_t cb);
/**
 * @brief Set the callback told of prepare-state changes.
 * @param cb the callback; default: sef_cb_lu_state_changed_null
 */
void sef_setcb_lu_state_changed(sef_cb_lu_state_changed_t cb);
/**
 * @brief Set the state-dump callback.
 * @param cb the callback; default: sef_cb_lu_state_dump_null
 */
void sef_setcb_lu_state_dump(sef_cb_lu_state_dump_t cb);
/**
 * @brief Set the state-save callback, run just before a live update's swap.
 * @param cb the callback; default: sef_cb_state_save_null
 */
void sef_setcb_state_save(sef_cb_state_save_t cb);

/**
 * @brief Predefined prepare (the default): ready for states 1, 2 and 3 (a
 *        single-threaded service that answers each request at once is
 *        between requests whenever it is about to receive); never for 5
 *        or anything else.
 * @param state the prepare state
 * @return 0 for states 1-3.
 * @retval -ENOTREADY any other state
 */
int sef_cb_lu_prepare_standard(int state);
/**
 * @brief Predefined prepare: always ready.
 * @param state the prepare state (unused)
 * @return 0
 */
int sef_cb_lu_prepare_always_ready(int state);
/**
 * @brief Predefined prepare: never ready.
 * @param state the prepare state (unused)
 * @return never 0.
 * @retval -ENOTREADY always
 */
int sef_cb_lu_prepare_never_ready(int state);
/**
 * @brief Predefined validity check (the default): states 1, 2, 3 and 5.
 * @param state the prepare state
 * @return 1 for those states, else 0
 */
int sef_cb_lu_state_isvalid_standard(int state);
/**
 * @brief Predefined validity check: only state 1.
 * @param state the prepare state
 * @return 1 for state 1, else 0
 */
int sef_cb_lu_state_isvalid_workfree(int state);
/**
 * @brief Predefined state-changed callback (the default): nothing.
 * @param old_state the state before (unused)
 * @param state the new state (unused)
 */
void sef_cb_lu_state_changed_null(int old_state, int state);
/**
 * @brief Predefined state dump (the default): one console line.
 * @param state the prepare state asked for
 */
void sef_cb_lu_state_dump_null(int state);
/**
 * @brief Predefined state save (the default): nothing to save.
 * @param state the prepare state reached (unused)
 * @return 0
 */
int sef_cb_state_save_null(int state);

/**
 * @brief Signal handler: system processes get signals as events, not
 *        POSIX handlers. SIGTERM comes from `service down`.
 * @param signo the signal number
 */
typedef void (*sef_cb_signal_handler_t)(int signo);
/**
 * @brief Set the signal handler.
 * @param cb the handler; default: exit(0) on SIGTERM, nothing for others
 */
void sef_setcb_signal_handler(sef_cb_signal_handler_t cb);

/**
 * @brief Signal manager callback (RS): a process this one manages got the
 *        kernel signals SIGS (bit N = signal N; SIGKEXIT: it exited with
 *        EXIT_STATUS). SEF collects them with SYS_GETKSIG when the kernel
 *        notifies (from SYSTEM) and calls this for each process.
 */
typedef void (*sef_cb_signal_manager_t)(endpoint_t target, uint32_t sigs,
    int exit_status);
/**
 * @brief Make the service a signal manager (RS is one).
 * @param cb the callback; default: none
 */
void sef_setcb_signal_manager(sef_cb_signal_manager_t cb);

/**
 * @brief Called after SEF answered a notification from RS (RS_SEF_POLL and
 *        its events are done). RS also notifies PM when a recovery script
 *        waits: PM's callback fetches them (RS_PM_SCRIPT). Default: none.
 */
typedef void (*sef_cb_rs_notify_t)(void);
/**
 * @brief Set the callback run after SEF answered a notification from RS.
 * @param cb the callback; default: none
 */
void sef_setcb_rs_notify(sef_cb_rs_notify_t cb);

/**
 * @brief Run the init protocol with RS: learn how this start happens, call
 *        the matching init callback, report the result to RS. Returns only
 *        when the init succeeded; a failed init exits the process.
 *        Without RS (no rs boot module) it runs the fresh init alone.
 */
void sef_startup(void);

/**
 * @brief Receive the next message for the service from SRC (or ANY).
 *        Messages of the framework itself (RS's notifications, heartbeats,
 *        update and fault requests, the kernel's SYSTEM notifications when
 *        a signal manager callback is set) are handled here and never
 *        returned. Before every receive SEF checks a pending live-update
 *        prepare.
 * @param src the sender to wait for, or ANY
 * @param m gets the message
 * @return 0 when @p m holds a message for the service.
 * @retval -EINVAL @p src is not a valid endpoint
 * @retval -EDEADSRCDST @p src is gone
 * @retval -EFAULT @p m is not valid memory
 */
int sef_receive(endpoint_t src, message *m);

/**
 * @brief Receive inside a request: a driver that waits for its device's
 *        interrupt in the middle of serving a request. Like sef_receive()
 *        (heartbeats are answered), except that a live-update prepare
 *        state is never reached here and a fault RS asks to inject waits
 *        for the next sef_receive(): both belong between requests, or the
 *        new instance would never answer the request in progress.
 * @param src the sender to wait for, or ANY
 * @param m gets the message
 * @return as sef_receive()
 */
int sef_receive_nested(endpoint_t src, message *m);

/**
 * @brief The service's label.
 * @return the label RS gave it ("" when started without RS)
 */
const char *sef_label(void);
/**
 * @brief How this instance was started.
 * @return SEF_INIT_FRESH, SEF_INIT_LU or SEF_INIT_RESTART
 */
int sef_init_type(void);

/**
 * @brief Stop the service with a message: prints
 *        "LABEL: panic: MESSAGE" on the console and exits with
 *        SEF_PANIC_STATUS, which RS treats as a crash.
 * @param fmt a printf() format for MESSAGE
 * @param ... its arguments
 */
void sef_panic(const char *fmt, ...)
    __attribute__((noreturn, format(printf, 1, 2)));

/**
 * @brief Check the text guard: the service's code must be the code it
 *        was started with. sef_startup() takes a checksum of the text
 *        segment; this computes it again and, when it differs, stops the
 *        service with sef_panic() ("LABEL: panic: text guard: code
 *        changed", exit status SEF_PANIC_STATUS), so RS restarts it from
 *        its pristine image. Any change within one 32-bit word (a flipped
 *        bit, a few bytes) is always caught; larger ones almost always.
 *        SEF calls it before each heartbeat answer to RS, and the
 *        character-driver library before every reply it sends; a driver
 *        may call it before it hands out data of
 *        its own. Costs one pass over the text (about 2.5 instructions per
 *        4 bytes); does nothing before sef_startup().
 */
void sef_guard_check(void);

#endif
