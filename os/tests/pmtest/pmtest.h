/* pmtest: in-guest tests of PM and MM, booted with modules pm, mm and
 * pmtest (no VFS). Cases are declared and checked with the test kit
 * (os/tests/kit/kit.h); here: raw request wrappers for PM and MM (libc's
 * are not used, so that the test sees exactly what the servers answer) and
 * the helpers the cases share. */
#ifndef PMTEST_H
#define PMTEST_H

#include <stdio.h>
#include "syslib.h"
#include <abi/boot.h>
#include <abi/fcntl.h>
#include "../kit/kit.h"

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
/* The kit backend of pmtest: cases in processes forked through PM_FORK. */
extern const struct kit_backend pmtest_backend;
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
