/* Cases for the IPC primitives when they succeed: send and receive in both
 * orders, receive from ANY or one endpoint, sendrec across address spaces,
 * notify, sendnb, and several queued senders. */
#include <string.h>
#include "ktest.h"

#define MSG_PING   0x5101    /* a request carrying a recognisable payload */
#define MSG_PONG   0x5102    /* its reply */
#define MSG_GO     0x5103    /* "carry on" to a waiting helper */
#define MSG_DONE   0x5104    /* "I am done" from a helper */
#define NR_SENDERS 5         /* helpers in ipc_many_senders */

/* ping: a message of type MSG_PING whose payload words are derived from
 * TAG, so a receiver can check every byte arrived. */
static message ping(uint32_t tag)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = MSG_PING;
	for (unsigned i = 0; i < PAYLOAD_SIZE / 4; i++)
		m.u.words[i] = tag * 0x01010101u + i;
	return m;
}

/* check_ping: fail unless M is a ping with tag TAG from FROM. */
static void check_ping(const message *m, endpoint_t from, uint32_t tag)
{
	CHECK_EQ(m->m_source, from);
	CHECK_EQ(m->m_type, MSG_PING);
	for (unsigned i = 0; i < PAYLOAD_SIZE / 4; i++)
		CHECK_EQ(m->u.words[i], tag * 0x01010101u + i);
}

/* receive_ping: helper that receives one ping (tag 1) from the process
 * given as ARG and checks it. */
static void receive_ping(void *arg)
{
	endpoint_t parent = ARG_EP(arg);
	message m;
	memset(&m, 0xee, sizeof(m));
	CHECK_OK(ipc_receive(parent, &m));
	check_ping(&m, parent, 1);
}

/* A receiver that is already waiting gets a message sent to it; the sender
 * does not block. */
TEST(ipc_receive_first)
{
	endpoint_t h = ktest_spawn(receive_ping, EP_ARG(ktest_self()));
	ktest_await_state(h, PSTATE_RECEIVING);
	message m = ping(1);
	CHECK_OK(ipc_send(h, &m));
	CHECK_EQ(ktest_reap_exit(h), 0);
}

/* send_ping: helper that sends one ping (tag 2) to the process given as
 * ARG. */
static void send_ping(void *arg)
{
	message m = ping(2);
	CHECK_OK(ipc_send(ARG_EP(arg), &m));
}

/* A sender blocks until the destination receives; the message then arrives
 * whole, with the kernel-filled m_source. */
TEST(ipc_send_first)
{
	endpoint_t self = ktest_self();
	endpoint_t h = ktest_spawn(send_ping, EP_ARG(self));
	ktest_await_state(h, PSTATE_SENDING);
	CHECK_EQ(ktest_proc(h).blocked_on, self);
	message m;
	memset(&m, 0, sizeof(m));
	CHECK_OK(ipc_receive(h, &m));
	check_ping(&m, h, 2);
	CHECK_EQ(ktest_reap_exit(h), 0);
}

/* send_when_receiving: helper that waits until the process given as ARG is
 * blocked receiving, then sends it a ping (tag 3). */
static void send_when_receiving(void *arg)
{
	endpoint_t parent = ARG_EP(arg);
	ktest_await_state(parent, PSTATE_RECEIVING);
	message m = ping(3);
	CHECK_OK(ipc_send(parent, &m));
}

/* A receive from ANY that is already waiting gets the next sender's
 * message. */
TEST(ipc_receive_any)
{
	endpoint_t h = ktest_spawn(send_when_receiving, EP_ARG(ktest_self()));
	message m;
	CHECK_OK(ktest_receive_any(&m));
	check_ping(&m, h, 3);
	CHECK_EQ(ktest_reap_exit(h), 0);
}

/* send_tagged: helper that sends a ping tagged with its own endpoint to
 * the process given as ARG. */
static void send_tagged(void *arg)
{
	message m = ping((uint32_t) ktest_self());
	CHECK_OK(ipc_send(ARG_EP(arg), &m));
}

/* A receive from one endpoint takes that sender's message even when another
 * sender queued first, and leaves the other queued. */
TEST(ipc_receive_specific)
{
	endpoint_t self = ktest_self();
	endpoint_t a = ktest_spawn(send_tagged, EP_ARG(self));
	ktest_await_state(a, PSTATE_SENDING);
	endpoint_t b = ktest_spawn(send_tagged, EP_ARG(self));
	ktest_await_state(b, PSTATE_SENDING);
	message m;
	CHECK_OK(ipc_receive(b, &m));
	check_ping(&m, b, (uint32_t) b);
	CHECK((ktest_proc(a).flags & PSTATE_SENDING) != 0);
	CHECK_OK(ipc_receive(a, &m));
	check_ping(&m, a, (uint32_t) a);
	CHECK_EQ(ktest_reap_exit(a), 0);
	CHECK_EQ(ktest_reap_exit(b), 0);
}

/* Messages queued by several blocked senders are all received, each once,
 * each with its sender's payload. */
TEST(ipc_many_senders)
{
	endpoint_t self = ktest_self();
	endpoint_t h[NR_SENDERS];
	int seen[NR_SENDERS] = { 0 };
	for (int i = 0; i < NR_SENDERS; i++)
		h[i] = ktest_spawn(send_tagged, EP_ARG(self));
	for (int i = 0; i < NR_SENDERS; i++)
		ktest_await_state(h[i], PSTATE_SENDING);
	for (int n = 0; n < NR_SENDERS; n++) {
		message m;
		CHECK_OK(ktest_receive_any(&m));
		int i;
		for (i = 0; i < NR_SENDERS; i++)
			if (h[i] == m.m_source)
				break;
		if (i == NR_SENDERS)
			FAIL("message from unexpected source %d", (int) m.m_source);
		check_ping(&m, h[i], (uint32_t) h[i]);
		seen[i]++;
	}
	for (int i = 0; i < NR_SENDERS; i++) {
		CHECK_EQ(seen[i], 1);
		CHECK_EQ(ktest_reap_exit(h[i]), 0);
	}
}

/* Variables of the sendrec server: each process has its own copy. */
static volatile uint32_t scratch = 0x1111;

/* echo_server: helper that receives one ping, checks it came from the
 * process given as ARG, writes its own copy of `scratch`, and replies with
 * every payload word incremented. */
static void echo_server(void *arg)
{
	message m;
	CHECK_OK(ipc_receive(ANY, &m));
	check_ping(&m, ARG_EP(arg), 4);
	scratch = 0x2222;
	message reply;
	memset(&reply, 0, sizeof(reply));
	reply.m_type = MSG_PONG;
	for (unsigned i = 0; i < PAYLOAD_SIZE / 4; i++)
		reply.u.words[i] = m.u.words[i] + 1;
	CHECK_OK(ipc_send(m.m_source, &reply));
}

/* sendrec sends a request and receives the reply into the same buffer, from
 * a server in another address space (its writes do not reach ours). */
TEST(ipc_sendrec)
{
	endpoint_t h = ktest_spawn(echo_server, EP_ARG(ktest_self()));
	message m = ping(4);
	CHECK_OK(ipc_sendrec(h, &m));
	CHECK_EQ(m.m_source, h);
	CHECK_EQ(m.m_type, MSG_PONG);
	for (unsigned i = 0; i < PAYLOAD_SIZE / 4; i++)
		CHECK_EQ(m.u.words[i], 4 * 0x01010101u + i + 1);
	CHECK_EQ(scratch, 0x1111);
	CHECK_EQ(ktest_reap_exit(h), 0);
}

/* notify_twice_waiting: helper that notifies the process given as ARG,
 * waits for a message from it, and does that a second time. */
static void notify_twice_waiting(void *arg)
{
	endpoint_t parent = ARG_EP(arg);
	message m;
	for (int i = 0; i < 2; i++) {
		CHECK_OK(ipc_notify(parent));
		CHECK_OK(ipc_receive(parent, &m));
		CHECK_EQ(m.m_type, MSG_GO);
	}
}

/* check_notify: fail unless M is a notification from FROM stamped between
 * ticks T0 and T1. */
static void check_notify(const message *m, endpoint_t from, uint32_t t0,
    uint32_t t1)
{
	CHECK_EQ(m->m_type, NOTIFY_MESSAGE);
	CHECK_EQ(m->m_source, from);
	if (m->u.notify.timestamp < t0 || m->u.notify.timestamp > t1)
		FAIL("notify timestamp %u not within [%u, %u]",
		    (unsigned) m->u.notify.timestamp, (unsigned) t0,
		    (unsigned) t1);
}

/* A notification arrives as a NOTIFY_MESSAGE with the sender's endpoint and
 * a timestamp, both for a receive from that sender and from ANY. */
TEST(notify_delivers)
{
	uint32_t t0 = ktest_uptime();
	endpoint_t h = ktest_spawn(notify_twice_waiting, EP_ARG(ktest_self()));
	message m, go;
	memset(&go, 0, sizeof(go));
	go.m_type = MSG_GO;

	CHECK_OK(ipc_receive(h, &m));
	check_notify(&m, h, t0, ktest_uptime());
	CHECK_OK(ipc_send(h, &go));

	CHECK_OK(ktest_receive_any(&m));
	check_notify(&m, h, t0, ktest_uptime());
	CHECK_OK(ipc_send(h, &go));
	CHECK_EQ(ktest_reap_exit(h), 0);
}

/* notify_twice_then_send: helper that notifies the process given as ARG
 * twice, sends it MSG_DONE, waits for MSG_GO and sends MSG_DONE again. */
static void notify_twice_then_send(void *arg)
{
	endpoint_t parent = ARG_EP(arg);
	message m;
	memset(&m, 0, sizeof(m));
	CHECK_OK(ipc_notify(parent));
	CHECK_OK(ipc_notify(parent));
	m.m_type = MSG_DONE;
	CHECK_OK(ipc_send(parent, &m));
	CHECK_OK(ipc_receive(parent, &m));
	CHECK_EQ(m.m_type, MSG_GO);
	m.m_type = MSG_DONE;
	CHECK_OK(ipc_send(parent, &m));
}

/* receive_until_done: receive from H until its MSG_DONE; return how many
 * notifications came before it. */
static int receive_until_done(endpoint_t h)
{
	int notifies = 0;
	for (;;) {
		message m;
		CHECK_OK(ipc_receive(h, &m));
		CHECK_EQ(m.m_source, h);
		if (m.m_type == MSG_DONE)
			return notifies;
		CHECK_EQ(m.m_type, NOTIFY_MESSAGE);
		notifies++;
	}
}

/* Two notifications from one sender that were not received in between
 * arrive as one message. (The helper's later MSG_DONE bounds the wait.) */
TEST(notify_coalesced)
{
	endpoint_t h = ktest_spawn(notify_twice_then_send, EP_ARG(ktest_self()));
	/* Both notifies are sent once it blocks sending MSG_DONE. */
	ktest_await_state(h, PSTATE_SENDING);
	int notifies = receive_until_done(h);
	message go;
	memset(&go, 0, sizeof(go));
	go.m_type = MSG_GO;
	CHECK_OK(ipc_send(h, &go));
	notifies += receive_until_done(h);
	CHECK_EQ(notifies, 1);
	CHECK_EQ(ktest_reap_exit(h), 0);
}

/* spin: helper that runs forever without IPC. */
static void spin(void *arg)
{
	(void) arg;
	for (;;)
		__asm__ volatile("" ::: "memory");
}

/* send_then_expect_notify: helper that sends MSG_DONE to the process given
 * as ARG, then receives from it and expects a notification. */
static void send_then_expect_notify(void *arg)
{
	endpoint_t parent = ARG_EP(arg);
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = MSG_DONE;
	CHECK_OK(ipc_send(parent, &m));
	CHECK_OK(ipc_receive(parent, &m));
	CHECK_EQ(m.m_type, NOTIFY_MESSAGE);
	CHECK_EQ(m.m_source, parent);
}

/* notify never blocks: not on a busy process, not on one blocked sending
 * to the notifier (no deadlock either); the latter gets it later. */
TEST(notify_nonblocking)
{
	endpoint_t busy = ktest_spawn(spin, NULL);
	for (int i = 0; i < 3; i++)
		CHECK_OK(ipc_notify(busy));

	endpoint_t h = ktest_spawn(send_then_expect_notify,
	    EP_ARG(ktest_self()));
	ktest_await_state(h, PSTATE_SENDING);
	CHECK_OK(ipc_notify(h));
	message m;
	CHECK_OK(ipc_receive(h, &m));
	CHECK_EQ(m.m_type, MSG_DONE);
	CHECK_EQ(ktest_reap_exit(h), 0);
	ktest_remove(busy);
}

/* receive_from: helper that waits to receive from the endpoint given as
 * ARG (which never sends), so it is not waiting for anyone else. */
static void receive_from(void *arg)
{
	message m;
	ipc_receive(ARG_EP(arg), &m);
}

/* sendnb delivers only to a process waiting for the caller right now;
 * otherwise it fails with -ENOTREADY at once. */
TEST(sendnb_not_ready)
{
	message m = ping(1);
	endpoint_t busy = ktest_spawn(spin, NULL);
	CHECK_EQ(ipc_sendnb(busy, &m), -ENOTREADY);

	endpoint_t other = ktest_spawn(receive_from, EP_ARG(ktest_runner));
	ktest_await_state(other, PSTATE_RECEIVING);
	CHECK_EQ(ipc_sendnb(other, &m), -ENOTREADY);

	endpoint_t h = ktest_spawn(receive_ping, EP_ARG(ktest_self()));
	ktest_await_state(h, PSTATE_RECEIVING);
	CHECK_OK(ipc_sendnb(h, &m));
	CHECK_EQ(ktest_reap_exit(h), 0);
	ktest_remove(other);
	ktest_remove(busy);
}
