/* The data store server (DS): typed entries under string keys, owned by
 * labels, with subscriptions (abi/ds.h). It answers every request at once
 * and only ever notifies: nobody can deadlock on it. */
#include <stdio.h>
#include "syslib.h"
#include "sef.h"
#include "ds_server.h"

/* ds_init: SEF init callback (every start). A fresh DS starts empty (its
 * tables are zero at exec). A DS that kept the previous instance's memory
 * (SEF_INIT_KEPT: a restart in place or a live update) keeps every entry,
 * subscription and owner: SEF ran ds_state_check before this; nothing
 * lives outside DS's memory, so there is nothing to re-sync. It says
 * what it kept. Returns 0. */
static int ds_init(const struct sef_init_info *info)
{
	if (!(info->flags & SEF_INIT_KEPT))
		return 0;
	int live = 0, subs = 0;
	for (int i = 0; i < DS_MAX_ENTRIES; i++)
		live += store_at(i)->state == DS_LIVE;
	for (int k = 0; k < DS_MAX_SUBS; k++)
		subs += subs_at(k)->used;
	printf("ds: state kept (%s): %d entries, %d subscriptions\n",
	    info->type == SEF_INIT_LU ? "update" : "restart", live, subs);
	return 0;
}

/* main: start up with RS, then receive, dispatch and reply forever.
 * Notifications are ignored; replies go out with sendnb (the caller waits
 * in sendrec; one that does not cannot block DS). DS answers every
 * request before the next receive (sef_answers_at_once): after a restart
 * in place SEF answers -EIO to a request the previous instance dropped (a
 * campaign's mutation of the NOTIFY test below skipped every request, and
 * the kernel's text guard stopped DS at its next receive: the probe that
 * asked waited for ever). A restart in place runs main again from here in
 * the kept memory: nothing here initialises state. */
int main(void)
{
	sef_answers_at_once();
	sef_setcb_init_fresh(ds_init);
	sef_setcb_state_check(ds_state_check);
	/* A fresh start (RS's labels published again, the services' own
	 * keys lost) keeps the system running: the hook may be offered. */
	sef_setcb_state_corrupt(ds_state_corrupt);
	sef_startup();
	for (;;) {
		message m;
		if (sef_receive(ANY, &m) != 0)
			continue;
		if (m.m_type == NOTIFY_MESSAGE)
			continue;
		endpoint_t who = m.m_source;
		m.m_type = ds_dispatch(&m);
		ipc_reply_later(who, &m, NULL);  /* with the next receive */
	}
}
