/* The test kit: how an in-guest (or host) test suite declares its cases,
 * checks results and is run. One runner (run.c) for every suite; how a case
 * is started is a backend (posix.c: a forked child with a time limit;
 * inproc.c: in the runner's own process, for builds without fork). See
 * README.md.
 *
 * Output, one line per case and a summary (tests parse these):
 *     SUITE: NAME: file:line: what          (a failed check, before its case line)
 *     test NAME: OK
 *     test NAME: FAILED (why)
 *     ALL TESTS PASSED                      (or: SOME TESTS FAILED (n of m))
 */
#ifndef KIT_H
#define KIT_H

#include <errno.h>
#include <stddef.h>
#include <string.h>

/* One case, as found in the "kit_cases" linker section. */
struct kit_case {
	const char *name;       /* what the runner prints and selects on */
	void (*run)(void);      /* the body; returning means success */
	int timeout;            /* seconds (0: the suite's default) */
	int signal;             /* 0: must return; else the signal its
	                         * process must die of */
	const char *file;       /* where it is declared: cases run in */
	int line;               /* source order (file name, then line) */
};

/* TEST_CASE(name, seconds, sig): declare case NAME with a time limit
 * (0: the suite's) that must die of signal SIG (0: must return); the body
 * follows the macro. */
#define TEST_CASE(name_, secs_, sig_)                                     \
	static void kit_body_##name_(void);                               \
	static const struct kit_case kit_case_##name_                     \
	    __attribute__((section("kit_cases"), used,                    \
	    aligned(__alignof__(struct kit_case)))) = {                   \
		.name = #name_, .run = kit_body_##name_,                  \
		.timeout = (secs_), .signal = (sig_),                     \
		.file = __FILE__, .line = __LINE__                        \
	};                                                                \
	static void kit_body_##name_(void)

/* TEST(name): declare case NAME, which passes when its body returns. */
#define TEST(name_) TEST_CASE(name_, 0, 0)
/* TEST_TIMEOUT(name, seconds): a case with its own time limit. */
#define TEST_TIMEOUT(name_, secs_) TEST_CASE(name_, secs_, 0)
/* TEST_SIGNAL(name, sig): a case whose process must die of signal SIG. */
#define TEST_SIGNAL(name_, sig_) TEST_CASE(name_, 0, sig_)

/* How a case is started and ended: see README.md ("Backends"). */
struct kit_backend {
	/* run: run case C (kit_case_body(C) in its own context) with a limit
	 * of LIMIT seconds. Returns 1 when it passed (returned, or died of
	 * C->signal when that is set), else 0 with the reason ("exit 1",
	 * "signal 11", "timeout") in WHY. */
	int (*run)(const struct kit_case *c, int limit, char *why, size_t len);
	/* end: end the running case with STATUS (0 passed); never returns. */
	void (*end)(int status) __attribute__((noreturn));
	/* sweep: remove what the case left behind (processes); returns how
	 * many there were (a case that leaves any fails). May be NULL. */
	int (*sweep)(void);
};

extern const struct kit_backend kit_posix;      /* posix.c */
extern const struct kit_backend kit_inproc;     /* inproc.c */

/* A suite: its name (the prefix of its messages) and how it runs. */
struct kit_suite {
	const char *name;
	const struct kit_backend *backend;
	int timeout;            /* seconds per case unless it says */
	int announce;           /* print "SUITE: running N tests" first */
	/* How CHECK_EQ shows a value (NULL: as a number); ktest adds error
	 * names: "-22 (-EINVAL)". */
	void (*show)(char *buf, size_t len, long long value);
	/* Optional hooks around each case: before (in the runner; non-zero
	 * fails the case), enter (in the case, before the body), after (in
	 * the runner). */
	int (*before)(const struct kit_case *c);
	void (*enter)(const struct kit_case *c);
	void (*after)(const struct kit_case *c);
};

/* kit_main: the runner. ARGV[1..]: nothing (every case, in source order),
 * "-l" (list the names), or case names (those, in that order). Returns the
 * exit status: 0 every case passed, 1 some failed, 2 a bad command line
 * (an unknown name, counted as a failure; the other cases still run). */
int kit_main(const struct kit_suite *suite, int argc, char **argv);

/* kit_case_body: what a backend runs for case C: the suite's enter hook,
 * the body, then the backend's end(0). Never returns. */
void kit_case_body(const struct kit_case *c) __attribute__((noreturn));

/* The running suite and case (in a case; "?" outside one). */
extern const struct kit_suite *kit_suite;
extern const char *kit_current;

/* ---- checks ----------------------------------------------------------- */

/* kit_fail: print "SUITE: CASE: FILE:LINE: WHAT" and end the case
 * (status 1). */
void kit_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 3, 4)));
/* kit_fail_eq: CHECK_EQ's failure: "EXPR: got A, expected B". */
void kit_fail_eq(const char *file, int line, const char *expr, long long a,
    long long b) __attribute__((noreturn));
/* kit_note: print "SUITE: CASE: WHAT" (not a failure). */
void kit_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* FAIL(fmt, ...): fail the case here with a message. */
#define FAIL(...) kit_fail(__FILE__, __LINE__, __VA_ARGS__)

/* CHECK(cond): fail unless COND holds. */
#define CHECK(cond) \
	((cond) ? (void) 0 : FAIL("check failed: %s", #cond))

/* CHECK_EQ(a, b): fail unless the integers A and B are equal. */
#define CHECK_EQ(a, b) do { \
	long long kit_a_ = (long long) (a), kit_b_ = (long long) (b); \
	if (kit_a_ != kit_b_) \
		kit_fail_eq(__FILE__, __LINE__, #a, kit_a_, kit_b_); \
} while (0)

/* CHECK_STR(a, b): fail unless string A (may be NULL) equals B. */
#define CHECK_STR(a, b) do { \
	const char *kit_a_ = (a), *kit_b_ = (b); \
	if (!kit_a_ || strcmp(kit_a_, kit_b_) != 0) \
		FAIL("%s: got \"%s\", expected \"%s\"", #a, \
		    kit_a_ ? kit_a_ : "(null)", kit_b_); \
} while (0)

/* CHECK_ERR(call, err): fail unless CALL returns -1 with errno ERR. */
#define CHECK_ERR(call, err) do { \
	errno = 0; \
	long kit_r_ = (long) (call); \
	if (kit_r_ != -1 || errno != (err)) \
		FAIL("%s gave %ld (errno %d: %s), expected -1 (%s)", #call, \
		    kit_r_, errno, strerror(errno), #err); \
} while (0)

/* CHECK_SYS(call): CALL's result; fail when it is -1 (with errno). */
#define CHECK_SYS(call) ({ \
	errno = 0; \
	long kit_r_ = (long) (call); \
	if (kit_r_ == -1) \
		FAIL("%s failed: %s", #call, strerror(errno)); \
	kit_r_; \
})

#endif
