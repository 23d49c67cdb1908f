/* The in-process backend: a case runs in the runner's own process (for
 * builds without fork, such as libctest on the host); a failed check jumps
 * back to the runner. No time limit and nothing to sweep: a case that
 * crashes or hangs takes the run with it (and a TEST_SIGNAL case fails). */
#include <setjmp.h>
#include <stdio.h>
#include "kit.h"

static jmp_buf back;

/* run: see struct kit_backend. */
static int inproc_run(const struct kit_case *c, int limit, char *why,
    size_t len)
{
	(void) limit;
	if (c->signal) {
		snprintf(why, len, "must die of signal %d: not in process",
		    c->signal);
		return 0;
	}
	int status = setjmp(back);
	if (status == 0)
		kit_case_body(c);
	status--;               /* end(S) jumps back with S + 1 */
	if (status != 0)
		snprintf(why, len, "exit %d", status);
	return status == 0;
}

/* end: see struct kit_backend. */
static __attribute__((noreturn)) void inproc_end(int status)
{
	longjmp(back, status + 1);
}

const struct kit_backend kit_inproc = {
	.run = inproc_run, .end = inproc_end, .sweep = NULL,
};
