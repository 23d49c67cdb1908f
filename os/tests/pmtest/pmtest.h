/* pmtest: in-guest tests of PM and MM, booted with modules pm, mm and
 * pmtest (no VFS). The framework (how a case is declared and checks) and
 * raw request wrappers for PM and MM (libc's are not used, so that the
 * test sees exactly what the servers answer). */
#ifndef PMTEST_H
#define PMTEST_H

#include <stdio.h>
#include "syslib.h"
#include <abi/boot.h>
#include <abi/fcntl.h>

/* One test case, found in the "pmtests" linker section. */
struct pmtest {
	const char *name;
	void (*run)(void);
	const char *file;
	int line;
};

/* PMTEST(name): declare case NAME. It runs in its own user process (a
 * PM_FORK child of the runner) and passes when its body returns. */
#define PMTEST(name_)                                                      \
	static void pmtest_body_##name_(void);                             \
	static const struct pmtest pmtest_desc_##name_                     \
	    __attribute__((section("pmtests"), used, aligned(4))) = {       \
		.name = #name_, .run = pmtest_body_##name_,                \
		.file = __FILE__, .line = __LINE__                         \
	};                                                                 \
	static void pmtest_body_##name_(void)

extern const struct pmtest __start_pmtests[], __stop_pmtests[];

/* ---- checks (in a case process) ---- */
extern const char *pmtest_current;

/* pmtest_fail: print "pmtest: NAME: FILE:LINE: WHAT" and end the case
 * process with status 1. */
void pmtest_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 3, 4)));
#define FAIL(...) pmtest_fail(__FILE__, __LINE__, __VA_ARGS__)
#define CHECK(cond)                                                       \
	do {                                                              \
		if (!(cond))                                              \
			FAIL("check failed: %s", #cond);                  \
	} while (0)
#define CHECK_EQ(actual, expected)                                        \
	do {                                                              \
		long pmtest_a_ = (long) (actual);                         \
		long pmtest_e_ = (long) (expected);                       \
		if (pmtest_a_ != pmtest_e_)                               \
			FAIL("%s: got %ld, expected %ld", #actual,        \
			    pmtest_a_, pmtest_e_);                        \
	} while (0)

/* ---- PM requests (calls.c); each returns PM's reply code ---- */
int pm_request(int type, message *m);
int t_fork(void);
void t_exit(int status) __attribute__((noreturn));
int t_waitpid(int pid, int *status, int options);
int t_getpid(struct mess_pm_ids *ids);
int t_kill(int pid, int sig);
/* t_signal: install HANDLER (a function, SIG_DFL or SIG_IGN) for SIG with
 * MASK and FLAGS; the trampoline is pmtest_trampoline. */
int t_signal(int sig, void (*handler)(int), sigset_k mask, uint32_t flags);
int t_sigaction(int sig, const struct k_sigaction *act,
    struct k_sigaction *oact);
int t_sigprocmask(int how, sigset_k set, sigset_k *old);
int t_sigsuspend(sigset_k set);
int t_sigpending(sigset_k *set);
int t_alarm(uint32_t ticks);
int t_sleep(uint32_t ticks, uint32_t *left);
int t_setpgid(int pid, int pgid);
int t_setsid(void);
int t_sysinfo(int what, void *buf, uint32_t len);

/* ---- MM requests (calls.c) ---- */
int mm_request(int type, message *m);
int t_brk(vir_bytes addr, vir_bytes *brk);
/* t_mmap: returns 0 or an error; *ADDR in: the hint, out: the place. */
int t_mmap(vir_bytes *addr, uint32_t len, int prot, int flags);
int t_munmap(vir_bytes addr, uint32_t len);
int t_mminfo(struct mess_mm_info *info);

/* ---- support.c ---- */
/* pmtest_trampoline: where handlers return (PM_SIGRETURN). */
void pmtest_trampoline(vir_bytes ctx) __attribute__((noreturn));
/* t_now: clock ticks since boot. */
uint32_t t_now(void);
/* t_child: fork a helper that runs FN(ARG) and exits with its result.
 * Returns the pid (in the caller). */
int t_child(int (*fn)(void *arg), void *arg);
/* t_wait_exit: wait for child PID and return its wait status. */
int t_wait_status(int pid);

#define SIGBIT(sig) ((sigset_k) 1 << (sig))
#define HZ_TICKS 100          /* the kernel's clock rate */
#define PAGE 4096u

#endif
