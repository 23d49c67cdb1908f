/* The reincarnation server's protocol (RS, endpoint RS_EP): what the
 * `service` command and PM ask RS. Every request is a sendrec; the reply's
 * m_type is 0 (or a count) or a negative error number, which `service`
 * turns into its exit status (abi/errno.h: EPERM 1, ENOENT 2, EINTR 4,
 * EBUSY 16, EINVAL 22, ENOSPC 28, ENOSYS 78, ERESTART 200, ENOTREADY 201).
 *
 * Who may ask: RS_STATUS everyone; RS_PM_SCRIPT PM only; every other
 * request effective uid 0 only (RS reads the caller's credentials from the
 * kernel, sys_getcred): -EPERM otherwise, and RS logs the refusal on the
 * console with the caller's pid and uid (os/servers/rs/table.c).
 *
 * Requests carry the address of a struct in the caller's memory (rs_req.
 * addr/len); RS copies it with SYS_VIRCOPY and checks every field. RS
 * never reads files: `service` reads the binary and the manifest and hands
 * them over, so RS depends on no file system to restart a driver.
 * RS may reply late (update: when it finished; up/refresh/restart: when
 * the new instance finished its init). */
#ifndef ABI_RS_H
#define ABI_RS_H

#include <abi/payload.h>
#include <abi/priv.h>
#include <abi/sef.h>

#define RS_BASE 0xA00
#define RS_UP        (RS_BASE + 0)  /* rs_start: start a service */
#define RS_DOWN      (RS_BASE + 1)  /* rs_start.label: stop it for good */
#define RS_REFRESH   (RS_BASE + 2)  /* rs_start.label: stop and start it */
#define RS_RESTART   (RS_BASE + 3)  /* rs_start.label: restart a dead one */
#define RS_UPDATE    (RS_BASE + 4)  /* rs_start: live update (image_len 0: self) */
#define RS_FI        (RS_BASE + 5)  /* rs_start.label, rs_req.arg = FI_* */
#define RS_STATUS    (RS_BASE + 6)  /* rs_req: buf of rs_status, label in
                                     * rs_req.label ("" = all) -> count */
#define RS_SHUTDOWN  (RS_BASE + 7)  /* no more restarts (for good) */
#define RS_PM_SCRIPT (RS_BASE + 8)  /* PM only: the next recovery script
                                     * to run, as an argv frame in rs_req.addr
                                     * (len bytes) -> argc, 0 = none */
#define RS_FI_PATCH  (RS_BASE + 9)  /* rs_fi_patch: mutate a service's code */

#define RS_PCI_ACL   (RS_BASE + 10) /* rs_pci_acl: the PCI devices the service
                                     * at endpoint ep may reserve (anyone may
                                     * ask; the PCI server does) */
#define RS_SYSCTL    (RS_BASE + 11) /* rs_req.arg = RS_SYSCTL_*: control of
                                     * RS's queue of live updates */
#define RS_LABEL_MAX  SEF_LABEL_MAX   /* 16, NUL included */
#define RS_PCI_MAX    8               /* devices in a manifest's pci list */
#define RS_PATH_MAX   128
#define RS_ARGS_MAX   128
#define RS_IPC_MAX    16              /* labels in a manifest's ipc list */
#define RS_MAX_SERVICES 32

struct mess_rs_req {
	vir_bytes addr;              /* the request's struct (or buffer) */
	uint32_t len;                /* its size in bytes */
	int32_t arg;                 /* RS_FI: the kind */
	char label[RS_LABEL_MAX];    /* RS_STATUS: one label, or "" */
};
MESS_PAYLOAD(mess_rs_req);

/* Restart policies (manifest "restart"). */
#define RS_RESTART_STATEFUL 0   /* new instance keeps the endpoint */
#define RS_RESTART_RESET    1   /* new instance, new endpoint */
#define RS_RESTART_NEVER    2   /* a core server: its failure is fatal */
#define RS_RESTART_INPLACE  3   /* the same instance starts again in its own
                                 * memory (SYS_EXEC EXEC_KEEP_STATE): same
                                 * endpoint and pid, state kept and checked */

/* Commands RS refuses for a core service (manifest "core", bits in
 * rs_manifest.core and rs_status.core): the system cannot go on without
 * the service and the command would not keep its state, so RS answers
 * -EPERM up front and changes nothing (os/servers/rs/README.md has the
 * measured table). RS itself refuses all of them for itself. */
#define RS_CORE_DOWN     0x01   /* service down */
#define RS_CORE_REFRESH  0x02   /* service refresh */
#define RS_CORE_RESTART  0x04   /* service restart */
#define RS_CORE_FI       0x08   /* service fi (every kind, and patch) */
#define RS_CORE_UPDATE   0x10   /* service update (self or a new binary) */
#define RS_CORE_ALL      0x1f

/* rs_manifest.flags */
#define MF_IPC_ALL    0x1       /* "ipc ALL;" */
#define MF_KCALL_ALL  0x2       /* "system ALL;" */
#define MF_PCI_DEVICE 0x4       /* parsing: "pci device" seen */

/* A service manifest, parsed (os/lib/manifest). IPC targets are labels;
 * RS resolves them to slots when the service starts. Every service also
 * gets the basic kernel calls (RS_BASIC_KCALLS) and may send to rs, ds and
 * mm. */
struct rs_manifest {
	char label[RS_LABEL_MAX];    /* "service NAME" */
	uint32_t flags;              /* MF_* */
	uint32_t kcalls[PRIV_KCALL_WORDS];    /* bit (SYS_x - KCALL_BASE) */
	uint32_t nr_ipc;
	char ipc[RS_IPC_MAX][RS_LABEL_MAX];
	uint32_t nr_io;
	struct io_range io[PRIV_IO_RANGES];
	uint32_t irqs;               /* bit N: IRQ line N */
	int32_t period;              /* heartbeat ticks; 0 = none */
	int32_t restart;             /* RS_RESTART_* */
	uint32_t core;               /* RS_CORE_*: commands RS refuses */
	uint32_t nr_pci;             /* "pci device VVVV:DDDD ...;" */
	uint32_t pci[RS_PCI_MAX];    /* vendor << 16 | device */
};

/* RS_PCI_ACL: in ep; out label and the manifest's pci list (-ESRCH: no
 * service has that endpoint). */
struct mess_rs_pci_acl {
	endpoint_t ep;
	char label[RS_LABEL_MAX];
	uint32_t nr_pci;
	uint32_t pci[RS_PCI_MAX];
};
MESS_PAYLOAD(mess_rs_pci_acl);

/* Kernel calls every service may make without listing them. */
#define RS_BASIC_KCALLS(X) \
	X(DIAGCTL) X(EXIT) X(GETINFO) X(TIMES) X(SETALARM) X(SETGRANT) \
	X(SAFECOPYFROM) X(SAFECOPYTO) X(STATECTL) X(NULL)

/* rs_start.flags (and rs_status.flags) */
#define RS_NO_BACKOFF  0x1      /* -b */
#define RS_STATUS_SHUTDOWN 0x2  /* rs_status only: RS was shut down
                                 * (RS_SHUTDOWN): failed services stay
                                 * down */
#define RS_UPD_CRASH   0x10     /* update -x (= SEF_DBG_CRASH) */
#define RS_UPD_FAIL    0x20     /* update -y (= SEF_DBG_FAIL) */
#define RS_UPD_TIMEOUT 0x40     /* update -z (= SEF_DBG_TIMEOUT) */
#define RS_UPD_QUEUE   0x80     /* service -q update: RS only queues the
                                 * update (reply 0, nothing happens yet);
                                 * RS_SYSCTL_UPD_RUN runs the queue */
#define RS_UPD_PREPARE_ONLY 0x100 /* update -o: the old instance reaches
                                 * the prepare state and resumes; nothing
                                 * is swapped (reply 0) */

/* RS_SYSCTL requests (rs_req.arg). The queue holds at most
 * RS_UPD_QUEUE_MAX updates, one per service (queueing a second one for a
 * service, or a full queue: -EBUSY, -ENOSPC).
 * UPD_RUN runs every queued update as one atomic batch: every new
 * instance is started, every old instance asked to prepare and frozen
 * when it reaches its state; when all are frozen all are swapped, and all
 * new instances initialise; when all initialised, all commit (reply 0).
 * If any one fails (its new version does not load or crashes: -ERESTART;
 * an init error such as -ENOSYS; a prepare state refused: its error; not
 * ready, or no init answer, within its maxtime: -EINTR), every member is
 * rolled back (the old versions go on with their state) and the reply is
 * that first error. The queue is empty afterwards in every case; an empty
 * queue: -ENOENT; an update in progress: -EBUSY.
 * UPD_STOP drops the queue (reply: how many were dropped).
 * UPD_STATUS: rs_req.addr/len a buffer of RS_UPD_QUEUE_MAX labels
 * (RS_LABEL_MAX bytes each), filled with the queued ones (reply: how
 * many). */
#define RS_SYSCTL_UPD_RUN    1
#define RS_SYSCTL_UPD_STOP   2
#define RS_SYSCTL_UPD_STATUS 3
#define RS_UPD_QUEUE_MAX     8

struct rs_start {
	char label[RS_LABEL_MAX];    /* -label, default: the binary's name */
	char binary[RS_PATH_MAX];    /* absolute path, as given */
	vir_bytes image;             /* the ELF image, in the caller's memory */
	uint32_t image_len;          /* 0: update self */
	char args[RS_ARGS_MAX];      /* -args, words separated by spaces */
	char dev[RS_PATH_MAX];       /* -dev, "" for none */
	int32_t dev_major;           /* its major, -1 for none */
	int32_t period;              /* -period ticks; -1: the manifest's */
	char script[RS_PATH_MAX];    /* -script, "" for none */
	uint32_t flags;              /* RS_NO_BACKOFF, RS_UPD_* */
	int32_t state;               /* update -state (default 1) */
	int32_t maxtime;             /* update -maxtime ticks (default 2 s) */
	struct rs_manifest manifest; /* up: from -config or /etc/system.conf.d;
	                              * update: the new binary's, whose label
	                              * must be the service's (self: may be
	                              * empty); its privileges are not used */
};

/* Service states (rs_status.state) and their names in `service status`. */
#define RS_STATE_LIST(X) \
	X(STARTING,   "starting")   /* started, init not answered yet */ \
	X(UP,         "up") \
	X(UPDATING,   "updating")   /* a live update is in progress */ \
	X(RESTARTING, "restarting") /* failed, the new instance initialises */ \
	X(BACKOFF,    "backoff")    /* failed, waits before the restart */ \
	X(SCRIPT,     "script")     /* failed, its recovery script runs */ \
	X(DOWN,       "down")       /* stopping */ \
	X(DEAD,       "dead")       /* failed for good (init failure, no
	                             * restart after shutdown, ...) */

#define RS_STATE_ENUM(id, name) RS_STATE_##id,
enum rs_state { RS_STATE_LIST(RS_STATE_ENUM) RS_NR_STATES };
#undef RS_STATE_ENUM

/* RS_STATUS lists every service of its table and RS itself (label "rs",
 * a core service: every command refused): at most RS_STATUS_MAX records. */
#define RS_STATUS_MAX (RS_MAX_SERVICES + 1)

/* One line of `service status` (the pid comes from PM). */
struct rs_status {
	char label[RS_LABEL_MAX];
	endpoint_t endpoint;
	int32_t restarts;
	int32_t state;               /* RS_STATE_* */
	int32_t period;              /* heartbeat ticks, 0 = none */
	int32_t restart;             /* RS_RESTART_* */
	int32_t dev_major;           /* -dev's, or a boot driver's */
	uint32_t flags;              /* RS_NO_BACKOFF, RS_STATUS_SHUTDOWN */
	uint32_t boot;               /* 1: a boot service */
	uint32_t core;               /* RS_CORE_*: commands RS refuses */
	char binary[RS_PATH_MAX];
	char dev[RS_PATH_MAX];
	char script[RS_PATH_MAX];
	char last_reason[16];        /* "restart", "no-heartbeat", "terminated", "" */
	uint64_t lu_downtime_tsc;    /* TSC ticks the service answered nobody
	                              * in its last live update (under QEMU
	                              * -icount shift=0: nanoseconds) */
	uint32_t sef_caps;           /* SEF_CAP_*: what its instance offers */
};

/* RS_FI_PATCH (`service fi LABEL patch ADDR OLD NEW`): code mutation for
 * fault-injection campaigns. RS writes NEW over LEN bytes at ADDR in the
 * running instance's text (the kernel's SYS_CODEPATCH, which ignores the
 * page's write protection) if they still hold OLD; the caller computes the
 * mutation (a flipped bit, a skipped instruction, a corrupted pointer or
 * loop condition) from the service's binary. Reply: 0, -ENOENT (label),
 * -EBUSY (not up), -EINVAL (len 0 or over RS_PATCH_MAX, ADDR..+LEN not in
 * the instance's text), -EIO (the bytes there are not OLD: another binary
 * than the one the mutation was computed from). */
#define RS_PATCH_MAX 16

struct rs_fi_patch {
	char label[RS_LABEL_MAX];
	vir_bytes addr;
	uint32_t len;
	uint8_t old_bytes[RS_PATCH_MAX];
	uint8_t new_bytes[RS_PATCH_MAX];
};

/* RS's console line when a service fails (servers/rs/failure.c):
 * RS_FAILED_FMT with the label and the endpoint, then what happened and,
 * after "; ", what RS does: "rs: hello (endpoint 269) failed: exception
 * (signal 11); restarting". The harness matches it with a regex made from
 * this format (harness/abi.py rs_failed_re). */
#define RS_FAILED_FMT "rs: %s (endpoint %d) failed: "

/* RS's line after a code mutation (servers/rs/do_fi_patch.c): label,
 * address, bytes written. */
#define RS_PATCHED_FMT "rs: %s code patched at 0x%x (%u bytes)\n"

/* RS's line when a request on a core service is refused
 * (servers/rs/core.c): the manifest's word for the request ("down",
 * "restart", ...) and the label. */
#define RS_CORE_REFUSED_FMT "rs: %s %s refused: a core service " \
	"(nothing changed)\n"

/* Exit statuses a recovery script is told (reason argument). */
#define RS_REASON_RESTART     "restart"
#define RS_REASON_HEARTBEAT   "no-heartbeat"
#define RS_REASON_TERMINATED  "terminated"

/* RS itself fails (an exception, an exit, a panic, or a hang: it used
 * RS_WATCHDOG_S seconds of CPU time without entering a receive): the
 * kernel restarts it in place from its boot module (os/kernel/
 * rsrecover.c), its memory (the service table) kept, with argv "rs
 * RS_ARGV_RESTART WHY" (WHY: RS_WHY_*), and says RS_SELF_RESTART_FMT
 * (why, the kernel's restarts of RS since boot; RS's own count, in
 * `service status`, leaves out the failures of a new version that were
 * rolled back). The new version of a live update of RS itself runs with
 * argv "rs RS_ARGV_UPDATE" (servers/rs/self_update.c). */
#define RS_ARGV_RESTART "restart"
#define RS_ARGV_UPDATE  "update"
#define RS_WHY_CRASH    "crash"
#define RS_WHY_EXIT     "exit"
#define RS_WHY_PANIC    "panic"
#define RS_WHY_HANG     "hang"
#define RS_WATCHDOG_S   3
#define RS_SELF_RESTART_FMT "kernel: rs failed (%s); restarted in place " \
	"(%u times since boot)\n"

/* Where the manifests live in the root file system. */
#define RS_MANIFEST_DIR "/etc/system.conf.d"

#endif
