/* Reading a request's struct rs_start from the caller's memory. */
#include <string.h>
#include "rs.h"

static struct rs_start start_buf;   /* one request at a time */

/* Whether the string field F (SIZE bytes) holds a NUL. */
static int terminated(const char *f, size_t size)
{
	return memchr(f, '\0', size) != NULL;
}

/* req_copy_in: copy the request's struct (rs_req.addr, len) from the
 * caller into OUT, which is SIZE bytes: len must be SIZE. Returns 0 or
 * -EINVAL (wrong size, bad address) / a copy error. */
int req_copy_in(message *m, void *out, size_t size)
{
	if (m->u.rs_req.len != size)
		return -EINVAL;
	int r = sys_vircopy(m->m_source, m->u.rs_req.addr, SELF, (vir_bytes) out,
	    size);
	return r == -EFAULT ? -EINVAL : r;
}

/* req_get_start: copy the caller's struct rs_start (rs_req.addr, len)
 * into *OUT and check its strings. Returns 0 or -EINVAL / a copy error. */
int req_get_start(message *m, struct rs_start *out)
{
	int r = req_copy_in(m, out, sizeof(*out));
	if (r != 0)
		return r;
	if (!terminated(out->label, sizeof(out->label)) ||
	    !terminated(out->binary, sizeof(out->binary)) ||
	    !terminated(out->args, sizeof(out->args)) ||
	    !terminated(out->dev, sizeof(out->dev)) ||
	    !terminated(out->script, sizeof(out->script)))
		return -EINVAL;
	return 0;
}

/* req_service: the service named by the request's rs_start.label (read
 * into *ST, or into a buffer of this file when ST is NULL). Returns it,
 * or NULL with *ERR = -EINVAL (bad request), -EPERM (a core service, or
 * RS itself, refuses this request: core.c) or -ENOENT (no such label). */
struct service *req_service(message *m, struct rs_start *st, int *err)
{
	if (!st)
		st = &start_buf;
	*err = req_get_start(m, st);
	if (*err != 0)
		return NULL;
	struct service *s = svc_by_label(st->label);
	*err = core_refuse(m->m_type, st->label, s);
	if (*err != 0)
		return NULL;
	if (!s)
		*err = -ENOENT;
	return s;
}
