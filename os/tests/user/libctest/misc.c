/* Cases env, setjmp and sigset. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "libctest.h"

/* test_env: getenv, setenv, putenv, unsetenv. */
TEST(env)
{
	CHECK(getenv("LIBCTEST_NONE") == NULL);
	CHECK_EQ(setenv("LIBCTEST_A", "one", 1), 0);
	CHECK_STR(getenv("LIBCTEST_A"), "one");
	CHECK_EQ(setenv("LIBCTEST_A", "two", 0), 0);      /* kept */
	CHECK_STR(getenv("LIBCTEST_A"), "one");
	CHECK_EQ(setenv("LIBCTEST_A", "three", 1), 0);
	CHECK_STR(getenv("LIBCTEST_A"), "three");
	CHECK_EQ(setenv("LIBCTEST_B", "", 1), 0);
	CHECK_STR(getenv("LIBCTEST_B"), "");
	CHECK(getenv("LIBCTEST") == NULL);                 /* a prefix only */
	static char entry[] = "LIBCTEST_C=see";
	CHECK_EQ(putenv(entry), 0);
	CHECK_STR(getenv("LIBCTEST_C"), "see");
	entry[11] = 'b';
	CHECK_STR(getenv("LIBCTEST_C"), "bee");            /* the string itself */
	int found = 0;
	for (char **e = environ; *e; e++)
		found += strncmp(*e, "LIBCTEST_", 9) == 0;
	CHECK_EQ(found, 3);
	CHECK_EQ(unsetenv("LIBCTEST_A"), 0);
	CHECK(getenv("LIBCTEST_A") == NULL);
	CHECK_EQ(unsetenv("LIBCTEST_A"), 0);              /* not set: fine */
	CHECK_EQ(unsetenv("LIBCTEST_B"), 0);
	CHECK_EQ(unsetenv("LIBCTEST_C"), 0);
	errno = 0;
	CHECK_EQ(setenv("BAD=NAME", "x", 1), -1);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(setenv("", "x", 1), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(putenv("NOEQUALS"), -1);
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
TEST(setjmp)
{
	volatile int count = 0;
	int r = setjmp(env);
	count++;
	if (r == 0)
		jump(5);
	CHECK_EQ(r, 5);
	CHECK_EQ(count, 2);
	r = setjmp(env);
	if (r == 0)
		jump(0);
	CHECK_EQ(r, 1);
}

/* test_sigset: the signal-set operations. */
TEST(sigset)
{
	sigset_t s;
	CHECK_EQ(sigemptyset(&s), 0);
	CHECK_EQ(sigismember(&s, SIGINT), 0);
	CHECK_EQ(sigaddset(&s, SIGINT), 0);
	CHECK_EQ(sigaddset(&s, SIGTERM), 0);
	CHECK_EQ(sigismember(&s, SIGINT), 1);
	CHECK_EQ(sigismember(&s, SIGTERM), 1);
	CHECK_EQ(sigismember(&s, SIGHUP), 0);
	CHECK_EQ(sigdelset(&s, SIGINT), 0);
	CHECK_EQ(sigismember(&s, SIGINT), 0);
	CHECK_EQ(sigfillset(&s), 0);
	CHECK_EQ(sigismember(&s, SIGKILL), 1);
	CHECK_EQ(sigismember(&s, NSIG - 1), 1);
	errno = 0;
	CHECK_EQ(sigaddset(&s, 0), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(sigismember(&s, NSIG), -1);
	CHECK_EQ(sigdelset(&s, -1), -1);
}
