/* The ktest framework: how a case is declared, how it checks results, and
 * the helpers cases share (helper processes, reaping, waiting for a state).
 *
 * A case is a function declared with KTEST(name) (or KTEST_SIGNAL(name, sig)
 * for a case whose process must die from signal SIG). The macro puts a
 * descriptor in the "ktests" linker section; the runner (main.c) walks the
 * section between __start_ktests and __stop_ktests, so no file shares a
 * table with another. Each case runs in its own forked process (the "case
 * process"); a failed check prints a line and ends that process with a
 * non-zero status, which the runner reports as a failure. */
#ifndef KTEST_H
#define KTEST_H

#include "syslib.h"
#include <abi/boot.h>

#define KTEST_KLOG_SIZE KLOG_SIZE   /* the kernel log's size (abi/info.h) */

/* One test case, as found in the "ktests" section. */
struct ktest {
	const char *name;       /* what the runner prints and selects on */
	void (*run)(void);      /* the body; returning means success */
	int signal;             /* 0: must exit 0; else the signal it dies of */
	const char *file;       /* where it is declared: the runner runs */
	int line;               /* the cases in source order */
};

/* KTEST_SIGNAL(name, sig): declare case NAME whose process must end with
 * signal SIG (0: must return normally). The body follows the macro. */
#define KTEST_SIGNAL(name_, sig_)                                         \
	static void ktest_body_##name_(void);                             \
	static const struct ktest ktest_desc_##name_                      \
	    __attribute__((section("ktests"), used, aligned(4))) = {       \
		.name = #name_, .run = ktest_body_##name_, .signal = (sig_), \
		.file = __FILE__, .line = __LINE__                        \
	};                                                                \
	static void ktest_body_##name_(void)

/* KTEST(name): declare case NAME, which passes when its body returns. */
#define KTEST(name_) KTEST_SIGNAL(name_, 0)

/* The section bounds, provided by the linker. */
extern const struct ktest __start_ktests[], __stop_ktests[];

/* ---- checks ---------------------------------------------------------------- */

/* ktest_fail: report a failed check of the current case as
 * "ktest: NAME: FILE:LINE: WHAT", then end the process with status 1 (after
 * removing any helper processes it started). */
void ktest_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 3, 4)));

/* FAIL(fmt, ...): fail the case here with a message. */
#define FAIL(...) ktest_fail(__FILE__, __LINE__, __VA_ARGS__)

/* CHECK(cond): fail unless COND holds. */
#define CHECK(cond)                                                      \
	do {                                                             \
		if (!(cond))                                             \
			FAIL("check failed: %s", #cond);                 \
	} while (0)

/* CHECK_EQ(actual, expected): fail unless the two integers are equal;
 * the message shows both (with error names for small negative values). */
#define CHECK_EQ(actual, expected)                                        \
	do {                                                              \
		long ktest_a_ = (long) (actual);                          \
		long ktest_e_ = (long) (expected);                        \
		if (ktest_a_ != ktest_e_)                                 \
			ktest_fail_eq(__FILE__, __LINE__, #actual,        \
			    ktest_a_, ktest_e_);                          \
	} while (0)

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

void ktest_fail_eq(const char *file, int line, const char *expr,
    long actual, long expected) __attribute__((noreturn));

/* ktest_errname: "EINVAL" for -EINVAL (or EINVAL), NULL if unknown. */
const char *ktest_errname(long err);

/* ktest_signame: "SIGSEGV" for SIGSEGV, NULL if unknown. */
const char *ktest_signame(int sig);

/* ---- the processes of a run ------------------------------------------------ */

extern endpoint_t ktest_runner;     /* the runner (the boot module) */
extern const char *ktest_current;   /* the name of the running case */

/* ktest_run_case: the body of a forked case process: run T and exit with
 * status 0 when it returns. Never returns. */
void ktest_run_case(const struct ktest *t) __attribute__((noreturn));

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
