/* Recovery scripts: instead of restarting a failed service, RS has PM run
 * `SCRIPT LABEL REASON COUNT` (RS notifies PM; PM fetches the argv frame
 * with RS_PM_SCRIPT). The script normally calls `service restart LABEL`. */
#include <stdio.h>
#include <string.h>
#include "rs.h"

#define SCRIPT_QUEUE 8

static struct {
	char frame[RS_PATH_MAX + RS_LABEL_MAX + 32];
	uint32_t len;
} queue[SCRIPT_QUEUE];
static int q_head, q_count;

/* Append STR and its NUL to FRAME at *LEN. */
static void put(char *frame, size_t size, uint32_t *len, const char *str)
{
	size_t n = strlen(str) + 1;
	if (*len + n > size)
		return;
	memcpy(frame + *len, str, n);
	*len += (uint32_t) n;
}

/* script_queue: run S's script for a failure with REASON; COUNT is the
 * restart it would be (restarts so far + 1). */
void script_queue(struct service *s, const char *reason)
{
	if (q_count == SCRIPT_QUEUE) {
		printf("rs: %s: too many recovery scripts waiting\n", s->label);
		return;
	}
	int i = (q_head + q_count++) % SCRIPT_QUEUE;
	char count[12];
	snprintf(count, sizeof(count), "%d", s->restarts + 1);
	queue[i].len = 0;
	put(queue[i].frame, sizeof(queue[i].frame), &queue[i].len, s->script);
	put(queue[i].frame, sizeof(queue[i].frame), &queue[i].len, s->label);
	put(queue[i].frame, sizeof(queue[i].frame), &queue[i].len, reason);
	put(queue[i].frame, sizeof(queue[i].frame), &queue[i].len, count);
	ipc_notify(PM_EP);
}

/* do_pm_script: PM fetches the next script to run: the argv frame goes to
 * rs_req.addr (rs_req.len bytes); the reply is argc (4), or 0 when none
 * waits; -E2BIG when the buffer is too small. Only PM may ask (table.c:
 * anyone else gets -EPERM before this runs). */
int do_pm_script(message *m)
{
	if (q_count == 0)
		return 0;
	if (m->u.rs_req.len < queue[q_head].len)
		return -E2BIG;
	int r = sys_vircopy(SELF, (vir_bytes) queue[q_head].frame, m->m_source,
	    m->u.rs_req.addr, queue[q_head].len);
	if (r != 0)
		return r;
	q_head = (q_head + 1) % SCRIPT_QUEUE;
	q_count--;
	if (q_count)
		ipc_notify(PM_EP);
	return 4;
}
