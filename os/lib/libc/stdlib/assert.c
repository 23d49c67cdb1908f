/* The failure path of assert(). */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

/* __assert_fail: see assert.h. */
void __assert_fail(const char *expr, const char *file, int line,
    const char *func)
{
	fprintf(stderr, "Assertion failed: %s (%s:%d: %s)\n", expr, file, line,
	    func);
	abort();
}
