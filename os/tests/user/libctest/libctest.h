/* libctest: the cases (one function per topic, in the files named below)
 * and the checks they use. A failed check prints
 * "libctest: CASE: file:line: what" and the case goes on. */
#ifndef LIBCTEST_H
#define LIBCTEST_H

#include <string.h>

/* The directory file cases may use (-d DIR, default /tmp). */
extern const char *libctest_dir;

/* check_fail: count a failed check of the running case and print it. */
void check_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define CHECK(cond) do { \
	if (!(cond)) \
		check_fail(__FILE__, __LINE__, "%s", #cond); \
} while (0)

#define CHECK_INT(got, want) do { \
	long long g_ = (long long) (got), w_ = (long long) (want); \
	if (g_ != w_) \
		check_fail(__FILE__, __LINE__, "%s: got %lld, expected %lld", \
		    #got, g_, w_); \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (!g_ || strcmp(g_, w_) != 0) \
		check_fail(__FILE__, __LINE__, "%s: got \"%s\", expected \"%s\"", \
		    #got, g_ ? g_ : "(null)", w_); \
} while (0)

void test_string(void);      /* string.c */
void test_strerror(void);    /* string.c */
void test_ctype(void);       /* ctype.c */
void test_printf(void);      /* printf.c */
void test_strtol(void);      /* strtol.c */
void test_malloc(void);      /* malloc.c */
void test_realloc(void);     /* malloc.c */
void test_qsort(void);       /* sort.c */
void test_getopt(void);      /* getopt.c */
void test_sscanf(void);      /* sscanf.c */
void test_env(void);         /* misc.c */
void test_setjmp(void);      /* misc.c */
void test_sigset(void);      /* misc.c */
void test_stdio(void);       /* stdio.c */
void test_pwd(void);         /* pwd.c */
void test_grp(void);         /* pwd.c */

/* posix.c: cases that need the servers. The host build leaves posix.c out,
 * so they are weak: NULL there, and skipped. */
#define NEEDS_SERVERS __attribute__((weak))
void test_files(void) NEEDS_SERVERS;
void test_dirs(void) NEEDS_SERVERS;
void test_procs(void) NEEDS_SERVERS;
void test_signals(void) NEEDS_SERVERS;
void test_time(void) NEEDS_SERVERS;
void test_memory(void) NEEDS_SERVERS;
void test_system(void) NEEDS_SERVERS;

#endif
