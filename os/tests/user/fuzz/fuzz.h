/* fuzz: the guest fuzzer's shared declarations (see README.md).
 *
 * A message is first *generated* as a struct fz_msg from (seed, index)
 * alone, with no side effects (gen.c), then *sent* by a worker process
 * (worker.c, syscalls.c). The supervisor (supervise.c) regenerates the same
 * descriptors to count and hash them, so the same seed gives the same
 * messages and the same hash whatever the guest answered. */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdint.h>
#include <abi/endpoint.h>
#include <abi/message.h>

/* Message classes. */
#define FZ_CLS_SERVER  0   /* a request to a server or driver endpoint */
#define FZ_CLS_KCALL   1   /* a kernel call */
#define FZ_CLS_IPC     2   /* an IPC primitive with odd arguments */
#define FZ_CLS_SYSCALL 3   /* a C library system call */
#define FZ_NR_CLS      4

/* Where a pointer word points (fz_msg.kind[]); FZ_LIT: not a pointer. */
enum fz_ptr {
	FZ_LIT = 0,
	FZ_P_NULL,        /* 0 + small offset */
	FZ_P_STACK,       /* a buffer in the worker's stack frame */
	FZ_P_DATA,        /* a static buffer */
	FZ_P_HEAP,        /* a malloc'd buffer */
	FZ_P_EDGE,        /* the end of a page whose successor is unmapped */
	FZ_P_UNMAPPED,    /* user addresses nothing is mapped at */
	FZ_P_KERNEL,      /* below USER_BASE: the kernel's */
	FZ_P_MISALIGNED,  /* the static buffer + 1..3 */
	FZ_NR_PTR
};

#define FZ_WORDS  ((int) (PAYLOAD_SIZE / 4))
#define FZ_BUF    8192          /* bytes of each buffer a pointer may aim at */
#define FZ_FILL   192           /* bytes written at a pointer's target */

/* Buffer contents (fz_msg.fill_kind). */
#define FZ_FILL_RANDOM  0
#define FZ_FILL_PATH    1       /* a pool path, NUL-terminated */
#define FZ_FILL_SCRATCH 2       /* a scratch path under /tmp/fz */
#define FZ_FILL_ZERO    3

struct fz_msg {
	uint8_t cls;              /* FZ_CLS_* */
	uint8_t op;               /* IPC: the operation; KCALL: the trap */
	uint16_t target;          /* SERVER: target index; SYSCALL: call */
	int32_t ep;               /* IPC: the endpoint */
	int32_t type;             /* m_type */
	uint8_t msg_kind;         /* where the message lives (enum fz_ptr) */
	uint8_t fill_kind;        /* FZ_FILL_* */
	uint8_t kind[FZ_WORDS];   /* per payload word: FZ_LIT or a pointer */
	uint32_t msg_off;
	uint32_t w[FZ_WORDS];     /* literal, or the offset of a pointer */
	uint32_t fill;            /* seed of the buffers' content */
};

/* A target endpoint: a boot service, a service RS lists, or an invalid one. */
#define FZ_TARGETS_MAX 64
struct fz_target {
	char name[16];
	endpoint_t ep;
	const int32_t *reqs;      /* its real request numbers */
	int nr_reqs;
};
extern struct fz_target fz_targets[FZ_TARGETS_MAX];
extern int fz_nr_targets;

/* rng.c: the PRNG (xorshift, seeded by splitmix). */
struct fz_rng { uint64_t s; };
void fz_rng_seed(struct fz_rng *r, uint32_t seed, uint32_t index);
uint32_t fz_rand(struct fz_rng *r);
uint32_t fz_below(struct fz_rng *r, uint32_t n);

/* targets.c */
#define FZ_NR_REACHABLE 4
extern const int fz_reachable[FZ_NR_REACHABLE];   /* pm vfs mm rs */
void fz_targets_init(void);
int fz_skipped(int32_t type);
extern const int32_t fz_skip_list[];
extern const int fz_nr_skip;

/* requests.c: the requests counted one by one (README.md). */
#define FZ_REQ_PRIVILEGED 0x1      /* a success from the student is a finding */
#define FZ_REQ_LIFE       0x2      /* forks, replaces, ends or suspends it */
#define FZ_REQ_WITHHELD_AS_ROOT 0x4 /* not sent by a root worker (-R): it
                                    * would succeed and stop the system */
struct fz_request {
	int32_t type;
	const char *name;
	endpoint_t server;
	int flags;
};
#define FZ_NR_REQUESTS 17
extern const struct fz_request fz_requests[FZ_NR_REQUESTS];
int fz_request_of(const struct fz_msg *m);
const char *fz_wellformed_label(const struct fz_msg *m);
#define FZ_REPLY_OK      0
#define FZ_REPLY_REFUSED 1         /* -EPERM */
#define FZ_REPLY_ERROR   2         /* another negative code */
#define FZ_REPLY_FINDING 3         /* a privileged request succeeded */
int fz_classify(const struct fz_msg *m, int32_t reply, uint32_t student_uid,
    uint32_t student_gid);

/* cred.c: the worker's identity. */
struct fz_cred { uint32_t uid, gid; };
int fz_student(struct fz_cred *out);
int fz_become(const struct fz_cred *who, int32_t *reply);
int fz_getuid(uint32_t out[4]);

/* gen.c */
extern const uint32_t fz_interesting[];
extern const int fz_nr_interesting;
void fz_generate(uint32_t seed, uint32_t index, struct fz_msg *m);
uint32_t fz_hash(uint32_t h, const struct fz_msg *m);

/* syscalls.c */
#define FZ_NR_SYSCALLS 34
extern const char *const fz_syscall_names[FZ_NR_SYSCALLS];
int fz_do_syscall(const struct fz_msg *m);

/* worker.c */
#define FZ_PROGRESS_FD 31        /* the worker's progress pipe (OPEN_MAX-1) */
#define FZ_REC_SENDING  0        /* about to send message .index */
#define FZ_REC_ACCEPTED 1        /* a kernel call was not refused */
#define FZ_REC_DONE     2        /* every message sent */
#define FZ_REC_REPLY    3        /* .value: the reply to a counted request */
#define FZ_REC_WITHHELD 4        /* a counted request a root worker skips */
#define FZ_REC_CRED     5        /* .index: uid, .value: gid (at the start) */
#define FZ_REC_CREDFAIL 6        /* .index: the step (FZ_CRED_*), .value:
                                  * PM's reply */
#define FZ_CRED_SETGID  1        /* (0: no failure) */
#define FZ_CRED_SETUID  2
#define FZ_CRED_CHECK   3        /* PM_GETUID failed or shows other ids */
/* A progress record. The worker's random system calls can write to any of
 * its descriptors, a copy of the pipe among them, so a record carries a
 * magic number and a check word; the supervisor trusts nothing else. */
#define FZ_REC_MAGIC 0x7a46e5d1u
struct fz_record {
	uint32_t magic;
	uint32_t index;
	uint32_t what;
	int32_t value;
	uint32_t check;          /* fz_record_check() of the fields above */
};
static inline uint32_t fz_record_check(const struct fz_record *r)
{
	return (r->magic ^ (r->index * 2654435761u) ^ (r->what << 24) ^
	    (uint32_t) r->value) * 0x01000193u;
}
void fz_worker(uint32_t seed, uint32_t first, uint32_t count,
    const struct fz_cred *as) __attribute__((noreturn));
vir_bytes fz_pointer(int kind, uint32_t off);
void fz_fill(const struct fz_msg *m, int kind, uint32_t off);
int fz_sane_fd(int fd);

#endif
