/* chardriver_state_check: the library's own state, checked before a
 * driver that restarts in place trusts the memory it kept; chardriver_kept:
 * VFS told again of what waits for it. */
#include "chardriver_priv.h"

/* chardriver_state_check: see chardriver.h. */
int chardriver_state_check(char *why, size_t len)
{
	int r = chardriver_watch_check(why, len);
	return r != 0 ? r : chardriver_suspended_check(why, len);
}

/* chardriver_state_corrupt: see chardriver.h. */
int chardriver_state_corrupt(char *what, size_t len)
{
	return chardriver_suspended_corrupt(what, len);
}

/* chardriver_kept: see chardriver.h. */
void chardriver_kept(void)
{
	chardriver_suspended_resync();
	chardriver_select_resync();
}
