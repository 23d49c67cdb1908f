/* Cases for the live-update slot swap (SYS_UPDATE): two servers A ("v1")
 * and B ("v2") swap program state while each slot keeps its endpoint, its
 * pending notifications and its queue of senders; requests queued at A's
 * endpoint while it was stopped reach the new code. */
#include <string.h>
#include "ktest.h"

#define MSG_REQUEST 0x5601
#define MSG_REPLY   0x5602

/* What a server replies: its version, how many notifications its own code
 * has received, the endpoint it was started at, and the endpoint it runs
 * at now (they differ once it moved to another slot). */
struct server_reply {
	char version[4];
	uint32_t notifies;
	endpoint_t born_as;
	endpoint_t now_at;
};

/* The server's state; each server process has its own copy. */
static const char *server_version;
static uint32_t server_notifies;
static endpoint_t server_born_as;

/* server: helper that answers every request with its struct server_reply
 * and counts the notifications it gets. ARG is its version string. */
static void server(void *arg)
{
	server_version = arg;
	server_notifies = 0;
	server_born_as = ktest_self();
	for (;;) {
		message m;
		CHECK_OK(ipc_receive(ANY, &m));
		if (m.m_type == NOTIFY_MESSAGE) {
			server_notifies++;
			continue;
		}
		CHECK_EQ(m.m_type, MSG_REQUEST);
		message r;
		memset(&r, 0, sizeof(r));
		r.m_type = MSG_REPLY;
		struct server_reply *reply = (struct server_reply *) r.u.raw;
		strlcpy(reply->version, server_version, sizeof(reply->version));
		reply->notifies = server_notifies;
		reply->born_as = server_born_as;
		reply->now_at = ktest_self();
		CHECK_OK(ipc_send(m.m_source, &r));
	}
}

/* ask: send a request to SERVER and return its reply. */
static struct server_reply ask(endpoint_t server_ep)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = MSG_REQUEST;
	CHECK_OK(ipc_sendrec(server_ep, &m));
	CHECK_EQ(m.m_source, server_ep);
	CHECK_EQ(m.m_type, MSG_REPLY);
	struct server_reply r;
	memcpy(&r, m.u.raw, sizeof(r));
	return r;
}

/* check_reply: R says VERSION, started at BORN_AS, now at NOW_AT. */
static void check_reply(const struct server_reply *r, const char *version,
    endpoint_t born_as, endpoint_t now_at)
{
	if (strncmp(r->version, version, sizeof(r->version)) != 0)
		FAIL("server at %d says version \"%.4s\", expected \"%s\"",
		    (int) now_at, r->version, version);
	CHECK_EQ(r->born_as, born_as);
	CHECK_EQ(r->now_at, now_at);
}

/* client: helper that sends one request to the server given as ARG and
 * checks that the new code ("v2", started as the other server) answers
 * from the same endpoint. It learns that server from its first message. */
static void client(void *arg)
{
	endpoint_t a = ARG_EP(arg);
	message m;
	CHECK_OK(ipc_receive(ANY, &m));           /* the parent: "b is ..." */
	endpoint_t b = (endpoint_t) m.u.words[0];
	struct server_reply r = ask(a);
	check_reply(&r, "v2", b, a);
}

/* The slot swap: requests and notifications queued at A while it is
 * stopped reach B's code, which now runs at A's unchanged endpoint; B's
 * endpoint runs A's old code (or is gone). */
TEST(update_swap)
{
	endpoint_t a = ktest_spawn(server, (void *) "v1");
	endpoint_t b = ktest_spawn(server, (void *) "v2");
	struct server_reply r = ask(a);
	check_reply(&r, "v1", a, a);
	CHECK_EQ(r.notifies, 0);
	r = ask(b);
	check_reply(&r, "v2", b, b);

	/* Stop both while they wait for requests. */
	ktest_await_state(a, PSTATE_RECEIVING);
	ktest_await_state(b, PSTATE_RECEIVING);
	CHECK_OK(sys_statectl(STATECTL_STOP, b));
	CHECK_OK(sys_statectl(STATECTL_STOP, a));
	CHECK(ktest_proc(a).flags & PSTATE_STOPPED);
	CHECK(ktest_proc(b).flags & PSTATE_STOPPED);

	/* Queue a request (from a client) and a notification at A. */
	endpoint_t c = ktest_spawn(client, EP_ARG(a));
	message m;
	memset(&m, 0, sizeof(m));
	m.u.words[0] = (uint32_t) b;
	CHECK_OK(ipc_send(c, &m));
	ktest_await_state(c, PSTATE_SENDING);
	CHECK_EQ(ktest_proc(c).blocked_on, a);
	CHECK_OK(ipc_notify(a));

	CHECK_OK(sys_update(a, b));
	CHECK_EQ(ktest_proc(a).endpoint, a);
	CHECK_EQ(ktest_proc(b).endpoint, b);
	CHECK_OK(sys_statectl(STATECTL_RESUME, a));

	/* The queued request was answered by the new code at A. */
	CHECK_EQ(ktest_reap_exit(c), 0);
	/* And so was the notification (taken in between requests; it may
	 * come after the client's request, so ask until it shows). */
	for (int i = 0; i < 5; i++) {
		r = ask(a);
		check_reply(&r, "v2", b, a);
		if (r.notifies)
			break;
	}
	CHECK_EQ(r.notifies, 1);

	/* B's endpoint now holds the old code, stopped; or it is gone. */
	struct proc_info info;
	if (sys_getinfo(GET_PROC, b, &info, sizeof(info)) >= 0) {
		if (info.flags & PSTATE_STOPPED)
			CHECK_OK(sys_statectl(STATECTL_RESUME, b));
		r = ask(b);
		check_reply(&r, "v1", a, b);
		CHECK_EQ(r.notifies, 0);
		ktest_remove(b);
	} else {
		ktest_forget(b);
	}
	ktest_remove(a);
}

/* send_to: helper that sends one message to the endpoint given as ARG. */
static void send_to(void *arg)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = MSG_REQUEST;
	ipc_send(ARG_EP(arg), &m);
}

/* sys_update refuses a process blocked sending (-EBUSY) and one that does
 * not exist; neither refusal changes anything. */
TEST(update_refused)
{
	endpoint_t a = ktest_spawn(server, (void *) "v1");
	endpoint_t b = ktest_spawn(server, (void *) "v2");
	CHECK_OK(sys_statectl(STATECTL_STOP, b));
	endpoint_t c = ktest_spawn(send_to, EP_ARG(b));
	ktest_await_state(c, PSTATE_SENDING);

	CHECK_EQ(sys_update(c, a), -EBUSY);
	CHECK_EQ(sys_update(a, c), -EBUSY);
	CHECK_FAILS(sys_update(a, 64));
	endpoint_t dead = ktest_spawn(server, (void *) "v3");
	ktest_remove(dead);
	CHECK_FAILS(sys_update(a, dead));
	CHECK_FAILS(sys_update(dead, a));

	struct server_reply r = ask(a);
	check_reply(&r, "v1", a, a);
	ktest_remove(c);
	ktest_remove(b);
	ktest_remove(a);
}

/* quit_now: helper that exits at once. */
static void quit_now(void *arg)
{
	(void) arg;
	sys_exit(3);
}

/* crash_now: helper that dies of an invalid instruction. */
static void crash_now(void *arg)
{
	(void) arg;
	__asm__ volatile("ud2");
}

/* take_over: swap server "v2" (started here) into the slot of DEAD, a
 * process that ended and was not cleared yet; the dead program lands in
 * the new server's slot, which is then cleared. */
static void take_over(endpoint_t dead)
{
	endpoint_t b = ktest_spawn(server, (void *) "v2");
	struct server_reply r = ask(b);
	check_reply(&r, "v2", b, b);
	CHECK_OK(sys_update(dead, b));
	r = ask(dead);
	check_reply(&r, "v2", b, dead);
	CHECK_OK(sys_clear(b));
	ktest_forget(b);
	CHECK_FAILS(sys_update(dead, b));
	ktest_remove(dead);
}

/* A stateful restart: a new program takes over the slot (and endpoint) of
 * a process that exited, or of one a signal stopped, before the manager
 * clears it. */
TEST(update_dead_src)
{
	endpoint_t d = ktest_spawn(quit_now, NULL);
	struct ktest_end end = ktest_wait(d);
	CHECK_EQ(end.sigs, SIGBIT(SIGKEXIT));
	CHECK_EQ(end.status, 3);
	take_over(d);

	endpoint_t e = ktest_spawn(crash_now, NULL);
	end = ktest_wait(e);
	CHECK(end.sigs & SIGBIT(SIGILL));
	take_over(e);
}

/* A program killed while blocked sending (a hung driver the heartbeat
 * killed in the middle of a send) can still be taken over: its send is
 * void, and its message never reaches the receiver. */
TEST(update_killed_sender)
{
	endpoint_t b = ktest_spawn(server, (void *) "v1");
	ktest_await_state(b, PSTATE_RECEIVING);
	CHECK_OK(sys_statectl(STATECTL_STOP, b));
	endpoint_t c = ktest_spawn(send_to, EP_ARG(b));
	ktest_await_state(c, PSTATE_SENDING);
	CHECK_OK(sys_kill(c, SIGKILL));
	struct ktest_end end = ktest_wait(c);
	CHECK(end.sigs & SIGBIT(SIGKILL));
	CHECK(ktest_proc(c).flags & PSTATE_SENDING);
	take_over(c);

	/* Nothing of C's is left in B's queue: B answers our request (an
	 * answer to C's void message would go to C's removed endpoint and
	 * fail B's own check). */
	CHECK_OK(sys_statectl(STATECTL_RESUME, b));
	struct server_reply r = ask(b);
	check_reply(&r, "v1", b, b);
	ktest_remove(b);
}

/* What the caller tells its copy before the swap (written into the
 * copy's memory: the copy's own was frozen at the fork). */
static struct {
	endpoint_t other;          /* the slot the caller's program went to */
	int marker;
} swap_note;

/* A process swaps itself with its own stopped copy (SYS_UPDATE with src
 * SELF: RS's rollback of its own live update, servers/rs/self_update.c):
 * the copy resumes in the caller's slot, returning from its fork with 0,
 * with the memory of the moment it forked and the caller's address-space
 * number; the caller's program goes to the copy's slot, stopped (no
 * reply), and is cleared there. A copy that is not stopped is refused
 * (-EINVAL) and nothing changes. */
TEST(update_self_with_stopped_copy)
{
	endpoint_t me = ktest_self();
	uint32_t as_id = ktest_proc(me).as_id;
	swap_note.other = NONE;
	swap_note.marker = 1;
	endpoint_t copy = NONE;
	CHECK_OK(sys_fork_proc(SELF, FORK_STOPPED, &copy));
	if (copy == 0) {
		/* The copy, resumed in our slot after the swap. */
		CHECK_EQ(ktest_self(), me);
		CHECK_EQ(swap_note.marker, 2);
		CHECK_EQ(ktest_proc(me).as_id, as_id);
		CHECK(ktest_proc(swap_note.other).flags & PSTATE_STOPPED);
		CHECK_OK(sys_clear(swap_note.other));
		return;
	}
	endpoint_t a = ktest_spawn(server, (void *) "v1");
	CHECK_EQ(sys_update(SELF, a), -EINVAL);
	struct server_reply r = ask(a);
	check_reply(&r, "v1", a, a);
	ktest_remove(a);

	swap_note.marker = 2;
	swap_note.other = copy;
	CHECK_OK(sys_vircopy(SELF, (vir_bytes) &swap_note, copy,
	    (vir_bytes) &swap_note, sizeof(swap_note)));
	swap_note.marker = 3;
	int r2 = sys_update(SELF, copy);
	FAIL("sys_update(SELF, copy) returned %d: the copy should run on", r2);
}
