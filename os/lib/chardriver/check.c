/* The library's kept state: a driver restarted in place (or updated with
 * its memory, SEF_INIT_KEPT) keeps its suspended requests and readiness
 * watches; they are checked before they are trusted, and VFS is told
 * again about results it has not collected. */
#include "chardriver_priv.h"

/* chardriver_state_check: see chardriver.h. */
int chardriver_state_check(char *why, size_t len)
{
	int r = chardriver_suspended_check(why, len);
	return r ? r : chardriver_select_check(why, len);
}

/* chardriver_kept: see chardriver.h. */
void chardriver_kept(void)
{
	chardriver_suspended_resync();
	chardriver_select_resync();
}
