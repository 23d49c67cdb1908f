/* RS_FI_PATCH: code mutation: RS writes a few bytes into the text of a
 * running service (SYS_CODEPATCH) for fault-injection campaigns. */
#include <stdio.h>
#include <string.h>
#include "rs.h"

static struct rs_fi_patch patch_buf;   /* one request at a time */

/* do_fi_patch: the caller's struct rs_fi_patch at rs_req.addr (len bytes).
 * Replies 0, -EPERM (a core service: core.c), -EINVAL (a bad request: wrong size, unterminated label, len
 * 0 or over RS_PATCH_MAX, [addr, addr+len) not inside the executable
 * segment of the service's image), -ENOENT (no such label), -EBUSY (the
 * service is not up) or -EIO (the bytes at addr are not old_bytes; nothing
 * is written). Prints "rs: LABEL code patched at 0xADDR (N bytes)". */
int do_fi_patch(message *m)
{
	struct rs_fi_patch *p = &patch_buf;
	int r = req_copy_in(m, p, sizeof(*p));
	if (r != 0)
		return r;
	if (!memchr(p->label, '\0', sizeof(p->label)))
		return -EINVAL;
	struct service *s = svc_by_label(p->label);
	if ((r = core_refuse(RS_FI_PATCH, p->label, s)) != 0)
		return r;
	if (!s && core_is_self(p->label))
		return self_fi_patch(p);
	if (!s)
		return -ENOENT;
	if (s->state != RS_STATE_UP || s->ep == NONE)
		return -EBUSY;
	if (p->len == 0 || p->len > RS_PATCH_MAX ||
	    !image_in_text(s, p->addr, p->len))
		return -EINVAL;
	r = sys_codepatch(s->ep, p->addr, p->old_bytes, p->new_bytes, p->len);
	if (r == -EIO)
		return -EIO;
	if (r != 0) {
		printf("rs: %s code patch at 0x%x failed (%d)\n", s->label,
		    (unsigned) p->addr, r);
		return r == -EFAULT ? -EINVAL : r;
	}
	printf(RS_PATCHED_FMT, s->label, (unsigned) p->addr,
	    (unsigned) p->len);
	return 0;
}
