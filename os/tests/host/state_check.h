/* What the host tests of a server's kept-state check share
 * (os/tests/host/pm/pm_host.c, mm/mm_host.c): the test kit (kit_errno.h),
 * the check's reason buffer, the refusal check and the suite's main.
 * Include it first, then the server's header. */
#ifndef HOST_STATE_CHECK_H
#define HOST_STATE_CHECK_H

#include "kit_errno.h"
#include <stdio.h>
#include <string.h>

/* The reason the check under test gives for a refusal. */
static char why[96];

/* STATE_REFUSED(CHECK, WHAT): CHECK(why, sizeof why) (a server's
 * LABEL_state_check) refuses the state with -EINVAL and its reason names
 * WHAT; otherwise says what it gave and is 0. Use it as CHECK(...)'s
 * condition. */
#define STATE_REFUSED(check, what) \
	state_refused(check, #check, what, -EINVAL)

/* state_refused: STATE_REFUSED's body; EINVAL is Phoenix's, passed in
 * from where the server's header is included. */
static inline int state_refused(int (*check)(char *, size_t),
    const char *name, const char *what, int einval)
{
	why[0] = '\0';
	int r = check(why, sizeof(why));
	if (r != einval || !strstr(why, what)) {
		printf("%s: gave %d (%s), wanted %s\n", name, r, why, what);
		return 0;
	}
	return 1;
}

/* STATE_CHECK_MAIN(NAME): the suite NAME (a string) of this file's cases,
 * in process, and its main. */
#define STATE_CHECK_MAIN(name_)                                           \
	static const struct kit_suite suite = {                           \
		.name = name_, .backend = &kit_inproc, .timeout = 10,     \
	};                                                                \
	int main(int argc, char **argv)                                   \
	{                                                                 \
		return kit_main(&suite, argc, argv);                      \
	}

#endif
