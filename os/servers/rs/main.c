/* The reincarnation server: start-up, then the receive loop: kernel
 * signals of the services (SYSTEM), RS's alarm (CLOCK), and requests from
 * `service`, PM and the services' event framework. RS never blocks on a
 * service: it only notifies services and replies to them without
 * blocking. */
#include <stdio.h>
#include <string.h>
#include "rs.h"

/* rs_reply: answer DST (waiting in a sendrec with RS) with reply code R
 * and the payload of M, without blocking. A DST that died meanwhile is
 * ignored. */
void rs_reply(endpoint_t dst, int r, message *m)
{
	m->m_type = r;
	ipc_reply_later(dst, m, "rs");   /* leaves with the next receive */
}

/* notified: a notification from WHO. */
static void notified(endpoint_t who)
{
	if (who == SYSTEM)
		ksig_collect();
	else if (who == CLOCK) {
		timers_expired();
		self_guard_check();
	}
}

/* main: a fresh start (boot) learns the boot services; "rs restart WHY"
 * is the kernel's restart of RS in place and "rs update" the new version
 * of RS's own live update (self.c, self_update.c): both go on with the
 * table kept in memory. Then the loop; the request being handled is
 * recorded (self_inflight) and a fault injected into RS happens between
 * two requests (self_after_request). */
int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], RS_ARGV_RESTART) == 0) {
		self_restarted(argv[2]);
	} else if (argc >= 2 && strcmp(argv[1], RS_ARGV_UPDATE) == 0) {
		self_updated();
	} else {
		self_fresh();
		boot_services_init();
	}
	for (;;) {
		message m;
		if (ipc_reply_receive(ANY, &m) != 0)   /* answer + receive */
			continue;
		if (m.m_type == NOTIFY_MESSAGE) {
			notified(m.m_source);
		} else {
			endpoint_t who = m.m_source;
			self_inflight(who, m.m_type);
			upd_select(who);
			int r = rs_dispatch(&m);
			self_inflight(NONE, 0);
			if (r != NO_REPLY)
				rs_reply(who, r, &m);
		}
		timers_update();
		self_after_request();
	}
}
