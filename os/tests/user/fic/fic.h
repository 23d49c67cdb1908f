/* fic: the guest agent of fault-injection campaigns (harness/campaign.py).
 * Shared declarations of its files: the clock (clock.c), RS requests
 * (rs.c), the workloads (workload.c) and one trial (trial.c). The protocol
 * is described in main.c. */
#ifndef FIC_H
#define FIC_H

#include <stdint.h>
#include <abi/rs.h>

/* ---- clock.c: microseconds from the TSC, calibrated against ticks ---- */
void clock_calibrate(void);
uint64_t clock_tsc(void);
int64_t clock_us_between(uint64_t tsc0, uint64_t tsc1);

/* ---- rs.c: requests to the reincarnation server ---------------------- */
int rs_status_of(const char *label, struct rs_status *st);
int rs_inject(const char *label, int kind);
int rs_patch(const char *label, uint32_t addr, const uint8_t *old_bytes,
    const uint8_t *new_bytes, uint32_t len);
int rs_refresh(const char *label);
/* rs_status_all: every service's status (RS_STATUS with no label) into
 * ST[0..MAX-1]; their count, or a negative error. */
int rs_status_all(struct rs_status *st, int max);

/* ---- workload.c: a client that keeps a driver busy and checks it ----- */
#define OP_OK     1     /* verified good answer */
#define OP_WRONG  0     /* an answer, but wrong data */
#define OP_ERROR (-1)   /* the request failed (driver away) */
#define OP_BUSY  (-2)   /* the driver is busy with another client: not
                         * counted */

struct workload;        /* one row of the table in workload.c */

/* The disk workload's files (fileop.c), on the file system /etc/rc mounts
 * on /home; FIC_SRC is put in the image by harness/campaign.py. */
#define FIC_SRC  "/home/fic.src"
#define FIC_COPY "/home/fic.copy"


struct wl_client;
/* The core services' workloads (core.c); their device field is NULL or
 * a file each operation opens itself. */
/* fic_pattern: byte I of the pattern of SEED (core.c). */
uint8_t fic_pattern(uint32_t seed, uint32_t i);
/* fic_echo_off: whether fic turned the console's echo off (main.c). */
extern int fic_echo_off;
int op_pm(struct wl_client *c);
int op_mm(struct wl_client *c);
int op_vfs(struct wl_client *c);
int op_rootfs(struct wl_client *c);
int op_ds(struct wl_client *c);
int op_tty(struct wl_client *c);
int op_memdev(struct wl_client *c);
int op_rs(struct wl_client *c);
/* The network services' workloads and state (net.c). */
int op_e1000(struct wl_client *c);
int op_inet(struct wl_client *c);
int op_pci(struct wl_client *c);
/* net_setup: record what LABEL's check compares (e1000 pci inet); 0, or
 * -1 after a `fic: state: ...` line. */
int net_setup(const char *label);
/* net_check: check LABEL's state; 0, or -1 with the reason in WHY. */
int net_check(const char *label, char *why);
/* net_damage: spoil what LABEL's check compares with; 0, or -1. */
int net_damage(const char *label);
/* net_new_endpoint: whether LABEL comes back at a new endpoint after a
 * failure (`restart reset`: e1000), which its check then accepts. */
int net_new_endpoint(const char *label);

struct wl_client {
	const struct workload *w;
	int fd;             /* open device, -1: reopen before the next op */
	uint32_t seq;       /* operations so far (printer: job numbers) */
	int64_t last_time;  /* rtc: the last good reading, seconds */
	uint32_t last_tick; /* rtc: uptime() at that reading */
};

struct wl_counts {
	uint32_t ok, err, wrong;
};

const struct workload *workload_find(const char *label);
void wl_client_init(struct wl_client *c, const struct workload *w);
int wl_op(struct wl_client *c);
int op_file(struct wl_client *c);
void wl_client_close(struct wl_client *c);
int wl_start(const struct workload *w, int *pid, int *rfd);
int wl_stop(int pid, int rfd, struct wl_counts *counts);

/* ---- trial.c: one fault, its outcome -------------------------------- */
#define FIC_KIND_PATCH 100   /* a mutation: flip skip pointer loop */

struct trial {
	char id[24];
	char label[RS_LABEL_MAX];
	int kind;                 /* FI_* or FIC_KIND_PATCH */
	int delay;                /* ticks of workload before the fault */
	uint32_t addr;
	uint32_t len;
	uint8_t old_bytes[RS_PATCH_MAX];
	uint8_t new_bytes[RS_PATCH_MAX];
};

struct outcome {
	const char *name;         /* recovered latent norecover wrong error */
	int64_t recovery_us;      /* -1: not applicable */
	struct wl_counts counts;
	char detail[64];
};

void trial_run(const struct trial *t, struct outcome *o);

/* ---- state.c: the core services' state, set up when fic starts and
 * checked after every trial ------------------------------------------ */
#define FIC_STATE_DIR   "/tmp"              /* fic's working directory */
#define FIC_KEPT        "/tmp/fic.kept"     /* rootfs: content checked */
#define FIC_HELD        "/tmp/fic.held"     /* vfs: held open at an offset */
#define FIC_DSPROBE     "/tmp/fic.dsprobe"  /* ds: the probe's device */
#define DSPROBE_MAJOR   17                  /* os/tests/services/dsprobe */
#define DSPROBE_BINARY  "/usr/tests/dsprobe"
#define FIC_WHY_MAX     48                  /* a failed check's reason */

/* state_setup: set up the state of the core services named in LABELS[0..N-1]
 * (unknown words are refused); 0, or -1 after a `fic: state: ...` line. */
int state_setup(char **labels, int n);
/* state_active: whether LABEL's state is set up (so checked). */
int state_active(const char *label);
/* state_check: check every state that is set up; 0, or -1 with the first
 * failure's reason ("LABEL:what", no blanks) in WHY (FIC_WHY_MAX bytes). */
int state_check(char *why);
/* state_ahead: read the line the host typed ahead of the tty trial ID
 * ("A ID TOKEN") within a bounded time; 0, or -1 with the reason in WHY. */
int state_ahead(const char *id, char *why);
/* state_damage: spoil LABEL's state (a test of the checks: the next
 * state_check must fail); 0, or -1 when it cannot. */
int state_damage(const char *label);
/* state_teardown: end the sentinel process, remove fic's files. */
void state_teardown(void);
/* The expected answer of the DS probe (set up by state.c, checked by the
 * ds workload). */
extern char ds_expected[64];

/* ---- spec.c: the request lines ---------------------------------------- */
/* fic_split: LINE's words (cut in place at blanks) into W, at most MAX;
 * their count. */
int fic_split(char *line, char **w, int max);
/* fic_parse_trial: the words W[0..N-1] of a T line ("T ID LABEL KIND
 * DELAY [ADDR OLDHEX NEWHEX]") into *T (its id is left empty). 0, or -1
 * when they do not make a trial. */
int fic_parse_trial(char **w, int n, struct trial *t);

#endif
