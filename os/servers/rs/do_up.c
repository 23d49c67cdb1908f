/* RS_UP: start a new service from the image and manifest `service`
 * passes. The reply comes when its init finished: 0, or the init's error
 * (the service is then brought down). A device (-dev) is one service's:
 * a second service for a bound device or major is refused, and the
 * binding stays as it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rs.h"

static struct rs_start st;

/* Check ST's fields; 0 or -EINVAL. */
static int check_start(const struct rs_start *p)
{
	if (p->label[0] == '\0' || p->binary[0] != '/' || p->image_len == 0)
		return -EINVAL;
	if (p->manifest.restart < RS_RESTART_STATEFUL ||
	    p->manifest.restart > RS_RESTART_INPLACE)
		return -EINVAL;
	if (p->period < -1 || p->manifest.period < 0)
		return -EINVAL;
	if (p->dev_major < -1 || p->dev_major > 255 ||
	    (p->dev[0] != '\0') != (p->dev_major >= 0))
		return -EINVAL;
	return 0;
}

/* do_up: -EINVAL (bad fields; a manifest with `core` or `restart never`:
 * only boot services are core), -EBUSY (the label runs already or is
 * "rs", or its device file or major is bound to a service), -ENOSPC (RS's
 * table of RS_MAX_SERVICES is full), -ENOMEM, or a start error; else no
 * reply now. */
int do_up(message *m)
{
	int r = req_get_start(m, &st);
	if (r == 0)
		r = check_start(&st);
	if (r != 0)
		return r;
	if (svc_by_label(st.label) || core_is_self(st.label))
		return -EBUSY;
	if (st.manifest.core != 0 || st.manifest.restart == RS_RESTART_NEVER) {
		printf("rs: up %s refused: only a boot service may be core or "
		    "'restart never'\n", st.label);
		return -EINVAL;
	}
	if (st.dev_major >= 0) {
		struct service *holder = svc_dev_holder(st.dev, st.dev_major);
		if (holder) {
			printf("rs: %s refused: %s (major %d) is bound to %s\n",
			    st.label, st.dev, (int) st.dev_major, holder->label);
			return -EBUSY;
		}
	}
	struct service *s = svc_alloc(st.label);
	if (!s)
		return -ENOSPC;
	strlcpy(s->binary, st.binary, sizeof(s->binary));
	strlcpy(s->args, st.args, sizeof(s->args));
	strlcpy(s->dev, st.dev, sizeof(s->dev));
	strlcpy(s->script, st.script, sizeof(s->script));
	s->dev_major = st.dev_major;
	s->flags = st.flags & RS_NO_BACKOFF;
	s->manifest = st.manifest;
	s->have_manifest = 1;
	s->period = st.period >= 0 ? st.period : st.manifest.period;
	s->policy = st.manifest.restart;
	r = image_fetch(m->m_source, st.image, st.image_len, &s->image);
	if (r == 0) {
		s->image_len = st.image_len;
		s->state = RS_STATE_STARTING;
		s->init_type = SEF_INIT_FRESH;
		r = instance_new(s, &s->ep);
	}
	if (r != 0) {
		svc_free(s);
		return r;
	}
	s->caller = m->m_source;
	return NO_REPLY;
}
