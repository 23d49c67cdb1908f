/* usertests: the framework shared by the test files. A test is a function
 * run in a child of the runner; a failed check prints
 * "usertests: NAME: file:line: what" and ends the child with status 1. */
#ifndef UT_H
#define UT_H

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/types.h>

struct ut_test {
	const char *name;
	void (*fn)(void);
	int timeout;            /* seconds; 0: UT_TIMEOUT */
};

#define UT_TIMEOUT 30

/* The tables of the test files, each ended by { NULL }. */
extern const struct ut_test ut_proc_tests[];
extern const struct ut_test ut_signal_tests[];
extern const struct ut_test ut_memory_tests[];
extern const struct ut_test ut_file_tests[];
extern const struct ut_test ut_pipe_tests[];
extern const struct ut_test ut_badinput_tests[];
extern const struct ut_test ut_cred_tests[];
extern const struct ut_test ut_perm_tests[];

/* ---- support.c ---- */

extern const char *ut_current;          /* the running test's name */

void ut_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 3, 4)));
void ut_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
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

/* Fail the test unless COND holds. */
#define CHECK(cond) \
	((cond) ? (void) 0 : ut_fail(__FILE__, __LINE__, "%s", #cond))

/* Fail unless A == B (both as long). */
#define CHECK_EQ(a, b) do { \
	long ut_a_ = (long) (a), ut_b_ = (long) (b); \
	if (ut_a_ != ut_b_) \
		ut_fail(__FILE__, __LINE__, "%s is %ld, expected %ld", \
		    #a, ut_a_, ut_b_); \
} while (0)

/* Fail unless CALL returns -1 with errno ERR. */
#define CHECK_ERR(call, err) do { \
	errno = 0; \
	long ut_r_ = (long) (call); \
	if (ut_r_ != -1 || errno != (err)) \
		ut_fail(__FILE__, __LINE__, "%s gave %ld (errno %d: %s), " \
		    "expected -1 (%s)", #call, ut_r_, errno, strerror(errno), #err); \
} while (0)

/* CALL's result; fail when it is -1 (reported with errno). */
#define CHECK_SYS(call) ({ \
	errno = 0; \
	long ut_r_ = (long) (call); \
	if (ut_r_ == -1) \
		ut_fail(__FILE__, __LINE__, "%s failed: %s", #call, \
		    strerror(errno)); \
	ut_r_; \
})

/* Wait for child PID; fail unless it exited with CODE. */
#define EXPECT_EXIT(pid, code) ut_expect_exit(pid, code, __FILE__, __LINE__)
/* Wait for child PID; fail unless signal SIG killed it. */
#define EXPECT_SIGNAL(pid, sig) ut_expect_signal(pid, sig, __FILE__, __LINE__)

#endif
