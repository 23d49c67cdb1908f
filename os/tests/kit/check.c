/* The case side of the kit: failing a check, notes, the body of a case. */
#include <stdarg.h>
#include <stdio.h>
#include "kit.h"

const struct kit_suite *kit_suite;
const char *kit_current = "?";

/* vline: print "SUITE: CASE: " PREFIX FMT... as one line and flush it (the
 * case may end right after). */
static void vline(const char *prefix, const char *fmt, va_list ap)
{
	char what[320];
	vsnprintf(what, sizeof(what), fmt, ap);
	printf("%s: %s: %s%s\n", kit_suite ? kit_suite->name : "kit",
	    kit_current, prefix, what);
	fflush(stdout);
}

/* kit_note: see kit.h. */
void kit_note(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vline("", fmt, ap);
	va_end(ap);
}

/* kit_fail: see kit.h. */
void kit_fail(const char *file, int line, const char *fmt, ...)
{
	char where[160];
	va_list ap;
	snprintf(where, sizeof(where), "%s:%d: ", file, line);
	va_start(ap, fmt);
	vline(where, fmt, ap);
	va_end(ap);
	kit_suite->backend->end(1);
}

/* show: VALUE as CHECK_EQ prints it, into BUF. */
static void show(char *buf, size_t len, long long value)
{
	if (kit_suite && kit_suite->show)
		kit_suite->show(buf, len, value);
	else
		snprintf(buf, len, "%lld", value);
}

/* kit_fail_eq: see kit.h. */
void kit_fail_eq(const char *file, int line, const char *expr, long long a,
    long long b)
{
	char got[48], want[48];
	show(got, sizeof(got), a);
	show(want, sizeof(want), b);
	kit_fail(file, line, "%s: got %s, expected %s", expr, got, want);
}

/* kit_case_body: see kit.h. */
void kit_case_body(const struct kit_case *c)
{
	kit_current = c->name;
	if (kit_suite->enter)
		kit_suite->enter(c);
	c->run();
	fflush(stdout);
	kit_suite->backend->end(0);
}
