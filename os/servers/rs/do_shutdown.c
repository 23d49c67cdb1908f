/* RS_SHUTDOWN: the system goes down: RS restarts nothing any more, for
 * good (a failed service stays dead). Root only (table.c). */
#include <stdio.h>
#include "rs.h"

int rs_shutting_down;

/* do_shutdown: always 0; the first time, one console line says so.
 * `service status` shows it too (RS_STATUS_SHUTDOWN in every record). */
int do_shutdown(message *m)
{
	(void) m;
	if (!rs_shutting_down)
		printf("rs: shutdown: restarts are off; a service that fails "
		    "stays down\n");
	rs_shutting_down = 1;
	return 0;
}
