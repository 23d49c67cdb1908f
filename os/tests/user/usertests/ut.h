/* usertests: the helpers shared by the test files. Cases are declared and
 * checked with the test kit (os/tests/kit/kit.h): a failed check prints
 * "usertests: NAME: file:line: what" and ends the case's child. */
#ifndef UT_H
#define UT_H

#include <stddef.h>
#include <sys/types.h>
#include "../../kit/kit.h"

/* ---- support.c ---- */

pid_t ut_fork(void);
int ut_wait(pid_t pid);
void ut_expect_exit(pid_t pid, int code, const char *file, int line);
void ut_expect_signal(pid_t pid, int sig, const char *file, int line);
ssize_t ut_read_all(int fd, void *buf, size_t len);
void ut_write_all(int fd, const void *buf, size_t len);
int ut_wait_flag(volatile int *flag, int ms);
void ut_catch(int sig, void (*handler)(int));
#ifdef __phoenix__
unsigned ut_free_kib(void);
int ut_process_exists(pid_t pid);
#endif

/* Wait for child PID; fail unless it exited with CODE. */
#define EXPECT_EXIT(pid, code) ut_expect_exit(pid, code, __FILE__, __LINE__)
/* Wait for child PID; fail unless signal SIG killed it. */
#define EXPECT_SIGNAL(pid, sig) ut_expect_signal(pid, sig, __FILE__, __LINE__)

#endif
