/* Cases env, setjmp and sigset. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "libctest.h"

/* test_env: getenv, setenv, putenv, unsetenv. */
void test_env(void)
{
	CHECK(getenv("LIBCTEST_NONE") == NULL);
	CHECK_INT(setenv("LIBCTEST_A", "one", 1), 0);
	CHECK_STR(getenv("LIBCTEST_A"), "one");
	CHECK_INT(setenv("LIBCTEST_A", "two", 0), 0);      /* kept */
	CHECK_STR(getenv("LIBCTEST_A"), "one");
	CHECK_INT(setenv("LIBCTEST_A", "three", 1), 0);
	CHECK_STR(getenv("LIBCTEST_A"), "three");
	CHECK_INT(setenv("LIBCTEST_B", "", 1), 0);
	CHECK_STR(getenv("LIBCTEST_B"), "");
	CHECK(getenv("LIBCTEST") == NULL);                 /* a prefix only */
	static char entry[] = "LIBCTEST_C=see";
	CHECK_INT(putenv(entry), 0);
	CHECK_STR(getenv("LIBCTEST_C"), "see");
	entry[11] = 'b';
	CHECK_STR(getenv("LIBCTEST_C"), "bee");            /* the string itself */
	int found = 0;
	for (char **e = environ; *e; e++)
		found += strncmp(*e, "LIBCTEST_", 9) == 0;
	CHECK_INT(found, 3);
	CHECK_INT(unsetenv("LIBCTEST_A"), 0);
	CHECK(getenv("LIBCTEST_A") == NULL);
	CHECK_INT(unsetenv("LIBCTEST_A"), 0);              /* not set: fine */
	CHECK_INT(unsetenv("LIBCTEST_B"), 0);
	CHECK_INT(unsetenv("LIBCTEST_C"), 0);
	errno = 0;
	CHECK_INT(setenv("BAD=NAME", "x", 1), -1);
	CHECK_INT(errno, EINVAL);
	errno = 0;
	CHECK_INT(setenv("", "x", 1), -1);
	CHECK_INT(errno, EINVAL);
	CHECK_INT(putenv("NOEQUALS"), -1);
	for (int i = 0; i < 100; i++) {                    /* no leak, no mess */
		char value[16];
		strcpy(value, i % 2 ? "odd" : "even");
		setenv("LIBCTEST_LOOP", value, 1);
	}
	CHECK_STR(getenv("LIBCTEST_LOOP"), "odd");
	unsetenv("LIBCTEST_LOOP");
}

static jmp_buf env;

/* jump: longjmp back with VALUE from a nested call. */
static void __attribute__((noinline)) jump(int value)
{
	longjmp(env, value);
}

/* test_setjmp: setjmp returns 0, then the value longjmp passes (1 for
 * 0); locals kept in memory survive. */
void test_setjmp(void)
{
	volatile int count = 0;
	int r = setjmp(env);
	count++;
	if (r == 0)
		jump(5);
	CHECK_INT(r, 5);
	CHECK_INT(count, 2);
	r = setjmp(env);
	if (r == 0)
		jump(0);
	CHECK_INT(r, 1);
}

/* test_sigset: the signal-set operations. */
void test_sigset(void)
{
	sigset_t s;
	CHECK_INT(sigemptyset(&s), 0);
	CHECK_INT(sigismember(&s, SIGINT), 0);
	CHECK_INT(sigaddset(&s, SIGINT), 0);
	CHECK_INT(sigaddset(&s, SIGTERM), 0);
	CHECK_INT(sigismember(&s, SIGINT), 1);
	CHECK_INT(sigismember(&s, SIGTERM), 1);
	CHECK_INT(sigismember(&s, SIGHUP), 0);
	CHECK_INT(sigdelset(&s, SIGINT), 0);
	CHECK_INT(sigismember(&s, SIGINT), 0);
	CHECK_INT(sigfillset(&s), 0);
	CHECK_INT(sigismember(&s, SIGKILL), 1);
	CHECK_INT(sigismember(&s, NSIG - 1), 1);
	errno = 0;
	CHECK_INT(sigaddset(&s, 0), -1);
	CHECK_INT(errno, EINVAL);
	CHECK_INT(sigismember(&s, NSIG), -1);
	CHECK_INT(sigdelset(&s, -1), -1);
}
