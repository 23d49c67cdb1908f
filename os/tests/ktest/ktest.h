/* ktest's helpers: what its cases share (helper processes, reaping,
 * waiting for a state, error names). Cases are declared and checked with
 * the test kit (os/tests/kit/kit.h): TEST(name), or TEST_SIGNAL(name, sig)
 * for a case whose process must die from signal SIG. Each case runs in its
 * own forked process (the "case process") whose signal manager is the
 * runner (main.c: ktest's kit backend); a failed check prints a line and
 * ends that process with status 1 (after removing its helpers). */
#ifndef KTEST_H
#define KTEST_H

#include "syslib.h"
#include <abi/boot.h>
#include "../kit/kit.h"

#define KTEST_KLOG_SIZE KLOG_SIZE   /* the kernel log's size (abi/info.h) */

/* CHECK_OK(expr): fail unless EXPR returns 0. */
#define CHECK_OK(expr) CHECK_EQ(expr, 0)

/* CHECK_FAILS(expr): fail unless EXPR returns a negative error (any). */
#define CHECK_FAILS(expr)                                                 \
	do {                                                              \
		long ktest_r_ = (long) (expr);                            \
		if (ktest_r_ >= 0)                                        \
			FAIL("%s: got %ld, expected an error", #expr,      \
			    ktest_r_);                                    \
	} while (0)

/* ktest_errname: "EINVAL" for -EINVAL (or EINVAL), NULL if unknown. */
const char *ktest_errname(long err);

/* ktest_signame: "SIGSEGV" for SIGSEGV, NULL if unknown. */
const char *ktest_signame(int sig);

/* ---- the processes of a run ------------------------------------------------ */

extern endpoint_t ktest_runner;     /* the runner (the boot module) */
/* ktest_backend: the kit backend of ktest (main.c). */
extern const struct kit_backend ktest_backend;

/* ktest_remove_all: kill and clear every helper the calling process still
 * tracks (the end of a case or helper: none is left behind). */
void ktest_remove_all(void);

/* ktest_show: CHECK_EQ's view of V, with its error name when it is one,
 * e.g. "-22 (-EINVAL)" (the suite's show hook). */
void ktest_show(char *buf, size_t size, long long v);

/* ---- helpers for cases ----------------------------------------------------- */

/* How a process managed by the caller ended (or stopped). */
struct ktest_end {
	sigset_k sigs;          /* its pending signals (bit N = signal N) */
	int status;             /* with SIGKEXIT: its exit status */
};

#define SIGBIT(sig) ((sigset_k) 1 << (sig))

/* ktest_fork: fork a helper process, tracked like ktest_spawn's. Returns
 * the child's endpoint in the caller and 0 in the child (which then manages
 * none of its parent's helpers). */
endpoint_t ktest_fork(void);

/* EP_ARG and ARG_EP: pass an endpoint as a helper's void * argument. */
#define EP_ARG(ep) ((void *) (intptr_t) (ep))
#define ARG_EP(arg) ((endpoint_t) (intptr_t) (arg))

/* ktest_spawn: fork a helper process that runs FN(ARG) and exits 0 when FN
 * returns. The helper is removed automatically when the case fails.
 * Returns its endpoint (in the calling process). */
endpoint_t ktest_spawn(void (*fn)(void *arg), void *arg);

/* ktest_wait: wait until process EP (managed by the caller) has pending
 * signals (it exited, faulted or was killed) and return them. The process
 * stays in its slot (see ktest_reap). */
struct ktest_end ktest_wait(endpoint_t ep);

/* ktest_reap: ktest_wait, then free EP's slot with sys_clear. */
struct ktest_end ktest_reap(endpoint_t ep);

/* ktest_reap_exit: reap EP, which must have exited normally; return its
 * exit status. */
int ktest_reap_exit(endpoint_t ep);

/* ktest_remove: kill helper EP and free its slot, whatever state it is in
 * (cleanup at the end of a case). */
void ktest_remove(endpoint_t ep);

/* ktest_forget: EP's slot was freed another way; stop tracking it. */
void ktest_forget(endpoint_t ep);

/* ktest_proc: the process-table entry of EP (fails the case if the kernel
 * refuses). */
struct proc_info ktest_proc(endpoint_t ep);

/* ktest_await_state: wait (polling) until process EP has every PSTATE_* bit
 * of BITS set, e.g. PSTATE_SENDING once it is blocked sending. Fails the
 * case after a few seconds. */
void ktest_await_state(endpoint_t ep, uint32_t bits);

/* ktest_receive_any: ipc_receive(ANY, M), except that notifications from
 * SYSTEM (signal reports about helpers) are taken in for ktest_wait and not
 * returned. */
int ktest_receive_any(message *m);

/* ktest_uptime: clock ticks since boot. */
uint32_t ktest_uptime(void);

/* ktest_hz: clock ticks per second. */
uint32_t ktest_hz(void);

/* ktest_self: the caller's endpoint. */
endpoint_t ktest_self(void);

/* The ELF image of ktest-payload (payload/), embedded by payload.S, for
 * the exec cases. */
extern const char ktest_payload_start[], ktest_payload_end[];

/* ktest_payload_size: bytes of the embedded ktest-payload image. */
static inline size_t ktest_payload_size(void)
{
	return (size_t) (ktest_payload_end - ktest_payload_start);
}

#endif
