/* The reincarnation server's map: the service table, RS's global state,
 * and every function, grouped by the file that defines it. */
#ifndef RS_RS_H
#define RS_RS_H

#include "syslib.h"
#include <abi/boot.h>
#include <abi/rs.h>
#include <abi/sef.h>

/* What a handler returns when the reply is sent later (or never). */
#define NO_REPLY (-EDONTREPLY)

#define RS_DOWN_GRACE_S  1     /* `service down`: seconds before the kill */
#define RS_BACKOFF_MAX_S 30    /* longest wait between restarts */
#define RS_STABLE_S      30    /* running this long forgets earlier failures */

/* Phases of a live update (struct rs_update.phase). */
#define UPD_NONE     0
#define UPD_PREPARE  1          /* the old instance prepares */
#define UPD_INIT     2          /* the new program runs its init */
#define UPD_LOAD     3          /* the new program starts beside the old */
#define UPD_COPY     4          /* keep-state: the new program starts in a
                                 * copy of the frozen old instance */

/* A service RS manages. */
struct service {
	int in_use;
	char label[RS_LABEL_MAX];
	char binary[RS_PATH_MAX];
	char args[RS_ARGS_MAX];
	char dev[RS_PATH_MAX];
	int dev_major;
	char script[RS_PATH_MAX];
	uint32_t flags;              /* RS_NO_BACKOFF */
	struct rs_manifest manifest;
	int have_manifest;           /* boot services may have none */
	int period;                  /* heartbeat ticks, 0 = none */
	int policy;                  /* RS_RESTART_* */
	int boot;                    /* a boot service */
	int module;                  /* boot: its GET_BOOTIMAGE index */
	void *image;                 /* the program (malloc'd), or NULL */
	uint32_t image_len;

	endpoint_t ep;               /* the instance (NONE: none) */
	int state;                   /* RS_STATE_* */
	int restarts;                /* failures recovered */
	int fails;                   /* consecutive failures (backoff) */
	int dspub_wait;              /* its label waits for DS (dspub.c) */
	int kept_failed;             /* inplace: the last start in kept memory
	                              * failed its init (the state check): the
	                              * next restart starts afresh */
	char last_reason[16];

	/* The start in progress: what RS_SEF_INIT answers. */
	int init_type;               /* SEF_INIT_* */
	uint32_t init_flags;
	endpoint_t old_ep;
	int prep_state;
	int init_asked;              /* boot: RS_SEF_INIT waits for its turn */
	uint32_t init_held;          /* RS_SEF_INIT unanswered until its label
	                              * is in DS, at most until this tick (0: no) */

	endpoint_t caller;           /* waits for a late reply, or NONE */

	/* Events for the next RS_SEF_POLL. */
	uint32_t events;
	int ev_prep_state;
	int ev_fi_kind;
	endpoint_t ev_fi_asker;      /* who asked for ev_fi_kind */
	uint32_t sef_caps;           /* SEF_CAP_*: its last RS_SEF_INIT_DONE's */

	/* Time (ticks; 0 = not set). */
	uint32_t up_since;
	uint32_t last_poll;
	uint32_t hb_at;              /* next heartbeat notification */
	uint32_t restart_at;         /* backoff: restart then */
	uint32_t deadline;           /* down grace, update maxtime */
	uint64_t lu_downtime;        /* TSC ticks frozen in the last update */
};

/* A live update in progress: the one `service update` runs (at most one
 * at a time), or a member of the batch `service sysctl upd_run` runs
 * (batch.c). */
struct rs_update {
	int phase;                   /* UPD_* */
	struct service *svc;
	endpoint_t spare;            /* the other slot: new copy, then old program */
	void *image;                 /* the new program */
	uint32_t image_len;
	char binary[RS_PATH_MAX];
	int state;                   /* prepare state */
	int maxtime;                 /* ticks */
	uint32_t dbg;                /* SEF_DBG_* */
	endpoint_t caller;
	uint64_t frozen_at;          /* TSC when the old instance stopped */
	int prep_only;               /* -o: resume after the prepare */
	int batch;                   /* a member of the running batch */
	int frozen;                  /* batch: the old instance is ready */
	int held;                    /* batch: a keep-state member whose prepare
	                              * waits until every other member is frozen */
	int inited;                  /* batch: the new one's init said 0 */
	int keep;                    /* keep-state update (restart inplace):
	                              * the new program runs in a copy of the
	                              * old instance's memory */
};

/* RS's own record, kept when the kernel restarts RS in place (self.c). */
#define RS_SELF_MAGIC 0x52535346u     /* "RSSF": initialised */
#define SELF_UPD_NONE 0
#define SELF_UPD_WAIT 1               /* an unreachable state, until maxtime */
#define SELF_UPD_INIT 2               /* the new version runs its init */
#define SELF_UPD_BATCH 3              /* a batch member at its prepare
                                       * state: swapped after the others */
struct rs_self {
	uint32_t magic;
	int restarts;                /* RS's own restarts */
	char last_reason[16];
	char binary[RS_PATH_MAX];    /* "rs", or the binary of its last update */
	endpoint_t inflight_src;     /* the request being handled, or NONE */
	int inflight_type;
	int fi_kind;                 /* a fault to make after the reply */
	int guard_due;               /* check the text after the reply */
	uint32_t guard;              /* the checksum of RS's code */
	void *image;                 /* RS's boot image (self_image) */
	uint32_t image_len;
	/* A live update of RS itself (self_update.c). */
	int upd_phase;               /* SELF_UPD_* */
	endpoint_t upd_caller;
	endpoint_t upd_backup;       /* the old program, a stopped copy */
	uint32_t upd_dbg;            /* RS_UPD_CRASH | FAIL | TIMEOUT */
	uint32_t upd_deadline;
	int upd_batch;               /* the update is a member of the batch
	                              * running: `service sysctl upd_run`
	                              * gets the answer (batch_self.c) */
	void *upd_image;
	uint32_t upd_image_len;
	char upd_binary[RS_PATH_MAX];
	uint64_t upd_frozen_at;
	uint64_t lu_downtime;
};

extern struct service rs_services[RS_MAX_SERVICES];
extern struct rs_self rs_self;

/* Update records (upd_slot.c): slot 0 is `service update`'s, slots 1..
 * RS_UPD_QUEUE_MAX a batch's members. rs_upd is the record RS works on
 * now: the handlers of update.c, sef_init.c, sef_lu_ready.c and ksig.c
 * see the update an event is about because RS points rs_updp at it
 * (upd_select) before it handles a request or a kernel signal. */
#define RS_UPD_SLOTS (1 + RS_UPD_QUEUE_MAX)
extern struct rs_update rs_updates[RS_UPD_SLOTS];
extern struct rs_update *rs_updp;
#define rs_upd (*rs_updp)

extern int rs_shutting_down;
extern uint32_t rs_hz;

/* rs_tsc: the time-stamp counter (guest instructions under QEMU -icount
 * shift=0), for the live-update downtime figure. */
static inline uint64_t rs_tsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t) hi << 32) | lo;
}

/* Who may ask a request (struct rs_call.who). */
#define RS_WHO_ANYONE 0         /* everyone (status, the SEF protocol) */
#define RS_WHO_ROOT   1         /* effective uid 0 only */
#define RS_WHO_PM     2         /* PM only */

/* A request RS serves: its handler, its name for logs, who may ask. The
 * handler gets the request; its sender is m->m_source (RS keeps no hidden
 * "current caller"). It writes its reply payload into *M. */
struct rs_call {
	int (*handler)(message *m);
	const char *name;
	int who;                     /* RS_WHO_* */
};

/* main.c */
void rs_reply(endpoint_t dst, int r, message *m);

/* table.c */
int rs_dispatch(message *m);

/* access.c */
int access_check(const struct rs_call *call, message *m);

/* service.c */
struct service *svc_alloc(const char *label);
void svc_free(struct service *s);
struct service *svc_by_label(const char *label);
int svc_busy(const struct service *s);
struct service *svc_by_ep(endpoint_t ep);
int svc_major(const struct service *s);
struct service *svc_dev_holder(const char *dev, int major);
void svc_set_state(struct service *s, int state);
void svc_answer_caller(struct service *s, int r);

/* privs.c */
void privs_build(const struct service *s, struct priv_spec *spec);
int privs_install(struct service *s, endpoint_t ep);
void privs_peers(const struct service *s, endpoint_t ep);

/* instance.c */
int instance_exec(struct service *s, endpoint_t ep, const void *image,
    uint32_t len);
int instance_new(struct service *s, endpoint_t *ep);
int instance_takeover(struct service *s, endpoint_t dead);
int instance_inplace(struct service *s);
int instance_copy(struct service *s, const void *image, uint32_t len,
    endpoint_t *ep);
int instance_spare(struct service *s, endpoint_t *ep);
void instance_remove(endpoint_t ep);

/* image.c */
int image_fetch(endpoint_t who, vir_bytes addr, uint32_t len, void **out);
int image_ensure(struct service *s);
int image_in_text(struct service *s, vir_bytes addr, uint32_t len);
int image_text_has(const void *image, uint32_t image_len, vir_bytes addr,
    uint32_t len);
void image_preload(void);
int image_same_layout(const void *a, uint32_t alen, const void *b,
    uint32_t blen);
int rs_mm_up(void);

/* boot.c */
void boot_services_init(void);
void boot_init_asked(struct service *s);
void boot_init_done(struct service *s);

/* cpio.c */
int cpio_read_file(int module, const char *path, char *buf, size_t size);

/* dspub.c */
void dspub_label(struct service *s);
void dspub_ready(void);
void dspub_retry(void);
int dspub_pending(void);

/* sef_init.c, sef_poll.c, sef_lu_ready.c */
int do_sef_init(message *m);
int do_sef_init_done(message *m);
void sef_init_answer(struct service *s);
void sef_init_released(uint32_t now);
int do_sef_poll(message *m);
int do_sef_lu_ready(message *m);

/* ksig.c */
void ksig_collect(void);

/* failure.c */
void failure_handle(struct service *s, const char *reason, const char *what);
void failure_of_init(struct service *s, int r);

/* backoff.c */
uint32_t backoff_delay(struct service *s, uint32_t now);

/* restart.c */
void restart_now(struct service *s, int count);

/* script.c */
void script_queue(struct service *s, const char *reason);

/* timers.c */
uint32_t timers_now(void);
void timers_update(void);
void timers_rearm(void);
void timers_expired(void);
void heartbeat_start(struct service *s);

/* update.c */
void update_loaded(struct service *s);
void update_copy_started(struct service *s);
void update_abort(int err, const char *why);
void update_ready(struct service *s, int result);
void update_init_done(struct service *s, int r);
void update_rollback(int err, const char *why);
void update_timeout(void);
void update_finish(struct service *s, int r);
void update_commit(struct service *s);

/* An update waiting in RS's queue for the next batch (batch_queue.c). */
struct upd_queued {
	char label[RS_LABEL_MAX];
	void *image;                 /* the new program (malloc'd); NULL: self */
	uint32_t image_len;
	char binary[RS_PATH_MAX];
	int state;                   /* prepare state */
	int maxtime;                 /* ticks */
	uint32_t dbg;                /* SEF_DBG_* */
	int prep_only;               /* -o */
};

/* upd_slot.c */
void upd_select(endpoint_t ep);
struct rs_update *upd_of(const struct service *s);
int upd_any(void);
void upd_expired(uint32_t now);

/* prepare_only.c */
void update_prepared(struct service *s);

/* batch_queue.c */
int batch_queue(message *m, struct service *s, const struct rs_start *st);
int batch_queued(void);
struct upd_queued *batch_entry(int i);
int batch_stop(void);
int batch_status(message *m);

/* batch.c */
int batch_run(endpoint_t caller);
void batch_ready(struct service *s, int result);
void batch_init_done(struct service *s, int r);
int batch_ksig(endpoint_t ep, struct service *s);
void batch_fail(int err, const char *why);
void batch_fail_of(const char *label, int err, const char *why);
int batch_check_uncommitted(void);
void batch_commit(void);

/* batch_self.c: RS itself as a member of a batch (updated last) */
int batch_self_start(struct upd_queued *q);
int batch_self_ready(void);
int batch_self_swap(void);
void batch_self_cancel(void);
void batch_self_timeout(void);

/* self.c, self_check.c, self_image.c, self_update.c: RS's own recovery */
void self_fresh(void);
void self_restarted(const char *why);
void self_inflight(endpoint_t src, int type);
void self_after_request(void);
uint32_t self_text_sum(void);
void self_guard_check(void);
int self_fi(int kind);
int self_fi_patch(const struct rs_fi_patch *p);
int self_check_table(char *err, size_t size);
int self_count(void);
void self_resync(void);
int self_image(void **image, uint32_t *len);
int self_same_layout(const void *image, uint32_t len);
int self_image_in_text(vir_bytes addr, uint32_t len);
void self_updated(void);
void self_rollback(int err, const char *why);
int self_update(message *m, const struct rs_start *st);
int self_go(void);
void self_update_end(int r);
uint32_t self_deadline(void);
void self_timers(uint32_t now);

/* core.c */
#define RS_SELF_LABEL "rs"        /* RS in `service status` */
/* What RS refuses on itself: it cannot be stopped, and a refresh or a
 * restart means nothing for it (`fi rs` and `update` do work). */
#define RS_SELF_CORE (RS_CORE_DOWN | RS_CORE_REFRESH | RS_CORE_RESTART)
int core_is_self(const char *label);
int core_refuse(int type, const char *label, const struct service *s);

/* request handlers: do_*.c */
int do_up(message *m);
int do_down(message *m);
int do_refresh(message *m);
int do_restart(message *m);
int do_update(message *m);
int do_fi(message *m);
int do_fi_patch(message *m);
int do_status(message *m);
int do_shutdown(message *m);
int do_pm_script(message *m);
int do_pci_acl(message *m);
int do_sysctl(message *m);
void pci_notify_gone(endpoint_t ep);
int req_copy_in(message *m, void *out, size_t size);
int req_get_start(message *m, struct rs_start *out);
struct service *req_service(message *m, struct rs_start *st, int *err);

#endif
