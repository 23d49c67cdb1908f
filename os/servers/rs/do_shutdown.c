/* RS_SHUTDOWN: the system goes down: RS restarts nothing any more. */
#include "rs.h"

int rs_shutting_down;

/* do_shutdown: always 0. */
int do_shutdown(message *m)
{
	(void) m;
	rs_shutting_down = 1;
	return 0;
}
