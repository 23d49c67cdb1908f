/* The system event framework's protocol: how RS and a system service
 * (server or driver) talk. Every system process links os/lib/sef and calls
 * sef_startup() first, then sef_receive() in its loop.
 *
 * Direction rule (deadlock freedom): RS never blocks on a service. RS only
 * ever *notifies* a service or *replies* to it (sendnb to a process that
 * waits in a sendrec). A service asks RS with sendrec and RS answers at
 * once, except where said below.
 *
 *  start-up   service --RS_SEF_INIT-->      RS   reply: mess_sef_init (how
 *             it starts). RS may hold this reply (boot order, new version
 *             of a live update waiting for the slot swap).
 *             service --RS_SEF_INIT_DONE--> RS   payload sef_result: 0 or a
 *             negative error from the init callback. Reply 0: go on
 *             (a service whose init failed exits after the reply).
 *  heartbeat  RS notifies the service (from RS_EP). sef_receive() answers
 *             every notification from RS with RS_SEF_POLL, which is the
 *             heartbeat answer and also fetches pending events (reply
 *             mess_sef_poll). The notification is not passed on.
 *  update     an event SEF_EV_PREPARE(state) from a poll: SEF checks the
 *             prepare callback each time before it receives; once ready it
 *             saves its state (callback) and sends RS_SEF_LU_READY
 *             (sef_result 0) with sendrec. RS does NOT answer while the
 *             update proceeds: the old instance waits there while RS swaps
 *             the slots. If the update is rolled back RS answers -EINTR (or
 *             the error) and the old instance goes on serving as before.
 *             A prepare state the service does not support: RS_SEF_LU_READY
 *             with sef_result -EINVAL, answered at once.
 *             SEF_EV_PREPARE with state 0 cancels an earlier prepare
 *             (-maxtime elapsed).
 *  faults     SEF_EV_FI(kind): SEF makes the fault happen in the service.
 *  stop       SEF_EV_TERM: the signal callback runs with SIGTERM; its
 *             default exits (status 0). RS kills what does not exit.
 *
 * A process started without RS (test boot images, no "rs" module) gets
 * -EDEADSRCDST/-EINVAL for RS_SEF_INIT; SEF then does a fresh init alone. */
#ifndef ABI_SEF_H
#define ABI_SEF_H

#include <abi/payload.h>

#define SEF_BASE 0x900
#define RS_SEF_INIT       (SEF_BASE + 0)  /* -> 0, out sef_init */
#define RS_SEF_INIT_DONE  (SEF_BASE + 1)  /* sef_result -> 0 */
#define RS_SEF_POLL       (SEF_BASE + 2)  /* -> 0, out sef_poll */
#define RS_SEF_LU_READY   (SEF_BASE + 3)  /* sef_result -> (late) -EINTR/... */

/* Init types (sef_init.type). */
#define SEF_INIT_FRESH    0   /* first start (boot or service up) */
#define SEF_INIT_LU       1   /* new version after a live update */
#define SEF_INIT_RESTART  2   /* after a failure (stateful or reset) */

/* sef_init.flags */
#define SEF_INIT_STATEFUL 0x01   /* RESTART: the endpoint was kept */
#define SEF_INIT_KEPT     0x02   /* RESTART or LU: the previous instance's
                                  * memory is this one's (EXEC_KEEP_STATE):
                                  * check the state, do not initialise it */
#define SEF_DBG_CRASH     0x10   /* `service update -x`: crash in init */
#define SEF_DBG_FAIL      0x20   /* `-y`: init fails with -ENOSYS */
#define SEF_DBG_TIMEOUT   0x40   /* `-z`: never answer the init */

#define SEF_LABEL_MAX 16         /* labels, NUL included */

struct mess_sef_init {
	int32_t type;            /* SEF_INIT_* */
	uint32_t flags;          /* SEF_INIT_STATEFUL, SEF_DBG_* */
	endpoint_t old_endpoint; /* LU/RESTART: the previous instance's */
	int32_t restarts;        /* failures recovered so far */
	int32_t prep_state;      /* LU: the state the old one reached */
	int32_t dev_major;       /* the device major (-dev), -1 for none */
	char label[SEF_LABEL_MAX];
};
MESS_PAYLOAD(mess_sef_init);

struct mess_sef_result {
	int32_t result;          /* 0 or a negative error */
	uint32_t caps;           /* RS_SEF_INIT_DONE: SEF_CAP_* */
};

/* What a service's instance offers (mess_sef_result.caps, with its
 * RS_SEF_INIT_DONE; RS keeps it in rs_status.sef_caps). */
#define SEF_CAP_STATE_CHECK 0x1  /* checks its kept state (SEF_INIT_KEPT) */
#define SEF_CAP_CORRUPT     0x2  /* has a corrupt hook (FI_CORRUPT) */
MESS_PAYLOAD(mess_sef_result);

/* Poll events (sef_poll.events). */
#define SEF_EV_PREPARE  0x1      /* prep_state: reach it (0: cancel) */
#define SEF_EV_FI       0x2      /* fi_kind: inject this fault */
#define SEF_EV_TERM     0x4      /* stop (service down) */

struct mess_sef_poll {
	uint32_t events;
	int32_t prep_state;
	int32_t fi_kind;         /* FI_* */
	endpoint_t fi_asker;     /* who asked for the fault (FI_MIDREQUEST
	                          * never cuts that one's requests) */
};
MESS_PAYLOAD(mess_sef_poll);

/* Live-update prepare states. */
#define SEF_LU_STATE_NULL          0   /* none / cancel */
#define SEF_LU_STATE_WORK_FREE     1   /* always ready */
#define SEF_LU_STATE_REQUEST_FREE  2   /* no request in progress */
#define SEF_LU_STATE_PROTOCOL_FREE 3   /* no multi-message exchange */
#define SEF_LU_STATE_UNREACHABLE   5   /* never ready (tests -maxtime) */
#define SEF_LU_STATE_CUSTOM_BASE   7   /* 7 and up: the service's own */

/* Fault-injection kinds: X(ID, "name", number). `service fi LABEL KIND`. */
#define FI_KIND_LIST(X) \
	X(CRASH,  "crash",  1)  /* an invalid instruction (SIGILL) */ \
	X(PANIC,  "panic",  2)  /* panic(): message, then exit */ \
	X(SEGV,   "segv",   3)  /* a write through a bad pointer */ \
	X(HANG,   "hang",   4)  /* blocks for ever; heartbeat catches it */ \
	X(EXIT,   "exit",   5)  /* an unexpected exit(0) */ \
	X(BADIO,  "badio",  6)  /* touches an I/O port it does not own */ \
	X(BADIPC, "badipc", 7)  /* sends to a process it may not */

/* Debug fault kinds: X(ID, "name", number), `service fi LABEL KIND` too,
 * but never planned by a campaign (harness FAULT_KINDS is FI_KIND_LIST
 * only; these are DEBUG_FAULT_KINDS): each makes one recovery path
 * happen on purpose, for the tests that prove it.
 *  corrupt     the service's corrupt hook (sef_setcb_state_corrupt)
 *              damages something its kept-state check must catch, then
 *              it crashes: restarted in place, the check refuses the
 *              state ("LABEL: kept state is inconsistent: WHY") and RS
 *              starts it afresh. Only a service with the hook
 *              (SEF_CAP_CORRUPT): else RS answers -ENOSYS, nothing done.
 *  midrequest  armed now; the service crashes in its next request, just
 *              after receiving it (before any handler or answer): a
 *              request of a process that waits for the answer, not from
 *              a boot service (slots below BOOT_FIRST_FREE_SLOT: their
 *              protocols among each other are never cut) nor from the
 *              process that asked for the fault. Restarted in place, the
 *              new instance answers that request -EIO. */
#define FI_DEBUG_KIND_LIST(X) \
	X(CORRUPT,    "corrupt",    32) \
	X(MIDREQUEST, "midrequest", 33)

#define FI_ENUM(id, name, nr) FI_##id = nr,
enum fi_kind { FI_KIND_LIST(FI_ENUM) FI_DEBUG_KIND_LIST(FI_ENUM) };
#undef FI_ENUM

/* The exit status of a service that called panic(). */
#define SEF_PANIC_STATUS 134

/* The kernel's line when it stops a process whose text another changed,
 * at its next kernel entry (kernel/textguard.c): the process's name. It
 * ends with SEF_PANIC_STATUS, as SEF's own "text guard: code changed". */
#define TEXTGUARD_STOP_FMT "%s: panic: text guard: code changed (stopped " \
	"by the kernel at its next kernel entry)\n"

#endif
