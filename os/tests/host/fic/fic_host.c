/* fic's request parser (os/tests/user/fic/spec.c) on the host: the T lines
 * the campaign sends (harness/campaign.py) and the bad ones it must answer
 * with bad-spec. Cases on the test kit, in process
 * (os/tests/test_fic_host.py). */
#include <stdio.h>
#include <string.h>
#include "../../kit/kit.h"
#include "../../user/fic/fic.h"

/* parse: LINE (copied: split cuts it) as a T line into *T; 0 or -1. */
static int parse(const char *line, struct trial *t)
{
	char buf[256], *w[10];
	snprintf(buf, sizeof(buf), "%s", line);
	return fic_parse_trial(w, fic_split(buf, w, 10), t);
}

TEST(fault_kinds)
{
	struct trial t;
	CHECK_EQ(parse("T 1 hello crash 5", &t), 0);
	CHECK_STR(t.label, "hello");
	CHECK_EQ(t.kind, FI_CRASH);
	CHECK_EQ(t.delay, 5);
	CHECK_EQ(parse("T 2 printer badipc 0\r\n", &t), 0);
	CHECK_EQ(t.kind, FI_BADIPC);
	CHECK_EQ(t.delay, 0);
	CHECK_EQ(parse("T 3 rtc hang 1000", &t), 0);
	CHECK_EQ(t.kind, FI_HANG);
}

TEST(mutations)
{
	struct trial t;
	CHECK_EQ(parse("T 4 hello flip 3 0x1a2b 0f90 0e90", &t), 0);
	CHECK_EQ(t.kind, FIC_KIND_PATCH);
	CHECK_EQ(t.addr, 0x1a2b);
	CHECK_EQ(t.len, 2);
	CHECK_EQ(t.old_bytes[0], 0x0f);
	CHECK_EQ(t.old_bytes[1], 0x90);
	CHECK_EQ(t.new_bytes[0], 0x0e);
	CHECK_EQ(t.new_bytes[1], 0x90);
}

TEST(bad_lines)
{
	struct trial t;
	static const char *const bad[] = {
		"T 1 hello",                         /* too few words */
		"T 1 hello crash 5 6",               /* six words */
		"T 1 hello melt 5",                  /* unknown kind */
		"T 1 hello crash -1",                /* negative delay */
		"T 1 hello crash 1001",              /* delay over the limit */
		"T 1 hello crash 5x",                /* not a number */
		"T 1 averyveryverylonglabel crash 5",/* label too long */
		"T 1 hello crash 5 0x10 90 91",      /* bytes for a fault */
		"T 1 hello flip 5",                  /* a mutation needs bytes */
		"T 1 hello flip 5 10 90 91",         /* address without 0x */
		"T 1 hello flip 5 0x10 909 919",     /* odd hex */
		"T 1 hello flip 5 0x10 90 9191",     /* lengths differ */
		"T 1 hello flip 5 0x10 zz 91",       /* not hex */
		"T 1 hello flip 5 0x10 -1 91",       /* a sign */
		"T 1 hello flip 5 0x10 "
		    "000102030405060708090a0b0c0d0e0f10 "
		    "000102030405060708090a0b0c0d0e0f10", /* 17 bytes */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (parse(bad[i], &t) != -1)
			FAIL("accepted \"%s\"", bad[i]);
}

TEST(split_words)
{
	char line[] = "  T\t7  hello crash 2 \r\n", *w[4];
	CHECK_EQ(fic_split(line, w, 4), 4);
	CHECK_STR(w[0], "T");
	CHECK_STR(w[1], "7");
	CHECK_STR(w[3], "crash");
	char empty[] = " \r\n";
	CHECK_EQ(fic_split(empty, w, 4), 0);
}

/* main: the kit's runner, every case in this process. */
int main(int argc, char **argv)
{
	static const struct kit_suite suite = {
		.name = "fic_host", .backend = &kit_inproc, .timeout = 10,
	};
	return kit_main(&suite, argc, argv);
}
