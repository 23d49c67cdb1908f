/* The test kit's own test (os/tests/test_kit_host.py): a suite whose cases
 * pass, fail each kind of check, crash, hang and leave files, built with the
 * host's gcc and run under either backend.
 *
 *     kit_host [--inproc] [-l | NAME...]                                   */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "../../kit/kit.h"

static int entered;

TEST(passes)
{
	CHECK(1 + 1 == 2);
	CHECK_EQ(6 * 7, 42);
	CHECK_STR("abc", "abc");
	CHECK_ERR(close(-1), EBADF);
	CHECK_EQ(CHECK_SYS(dup(0)) >= 0, 1);
	CHECK_EQ(entered, 1);
}

TEST(check_fails)
{
	int x = 2;
	CHECK(x == 3);
}

TEST(check_eq_fails)
{
	int x = 2;
	CHECK_EQ(x + 1, 4);
}

TEST(check_str_fails)
{
	CHECK_STR("abc", "abd");
}

TEST(check_err_fails)
{
	CHECK_ERR(close(-1), ENOENT);
}

TEST(check_sys_fails)
{
	CHECK_SYS(close(-1));
}

TEST(fail_says_why)
{
	kit_note("a note");
	FAIL("because %d", 7);
}

TEST(crashes)
{
	raise(SIGSEGV);
}

TEST_TIMEOUT(hangs, 1)
{
	for (;;)
		pause();
}

TEST_SIGNAL(dies_of_segv, SIGSEGV)
{
	raise(SIGSEGV);
}

TEST_SIGNAL(should_die_but_returns, SIGSEGV)
{
}

/* show: how CHECK_EQ shows values here: "N (hex 0xN)". */
static void show(char *buf, size_t len, long long v)
{
	snprintf(buf, len, "%lld (hex 0x%llx)", v, v);
}

TEST(check_eq_shows)
{
	static const struct kit_suite shown = { .name = "kit_host", .show = show,
		.backend = &kit_posix };
	kit_suite = &shown;
	CHECK_EQ(255, 256);
}

/* enter: the suite's enter hook (the passes case checks it ran). */
static void enter(const struct kit_case *c)
{
	(void) c;
	entered = 1;
}

static const struct kit_suite posix_suite = {
	.name = "kit_host", .backend = &kit_posix, .timeout = 10,
	.enter = enter,
};

static const struct kit_suite inproc_suite = {
	.name = "kit_host", .backend = &kit_inproc, .timeout = 10,
	.enter = enter, .announce = 1,
};

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--inproc") == 0) {
		argv[1] = argv[0];
		return kit_main(&inproc_suite, argc - 1, argv + 1);
	}
	return kit_main(&posix_suite, argc, argv);
}
