/* Host test of SEF's debug fault kinds (os/lib/sef/fi.c): `midrequest`
 * arms a crash that comes with the first request the service may cut (its
 * sender waits for the answer, is no boot service and did not ask for the
 * fault), once; a kept start disarms it; `corrupt` calls the service's
 * corrupt hook and crashes only when the hook damaged something. Built
 * with the host gcc (-m32) against fakes kept here, run by
 * os/tests/test_sef_init_host.py; the crash (`ud2`) is a SIGILL the case
 * catches (catch_crash.c). Its cases run on the test kit (os/tests/kit) in process. */
#include "../../kit/kit.h"
#undef ENOSYS
#undef ENOTEMPTY
#undef ERESTART
#undef ENETUNREACH
#undef ECONNRESET
#undef ENOBUFS
#include <stdio.h>
#include <string.h>
#include <abi/errno.h>
#include <abi/boot.h>
#include "syslib.h"
#include "sef_priv.h"

/* ---- fakes ---------------------------------------------------------------- */

/* Which senders wait for this process's answer (sef_waits_for_me). */
static endpoint_t waiting;

int sef_waits_for_me(endpoint_t ep)
{
	return ep == waiting;
}

const char *sef_label(void)
{
	return "knob";
}

/* Not reached by the debug kinds. */
int sys_setalarm(uint32_t ticks, int absolute, uint32_t *remaining)
{
	(void) ticks;
	(void) absolute;
	(void) remaining;
	__builtin_abort();
}

int ipc_receive(endpoint_t src, message *m)
{
	(void) src;
	(void) m;
	__builtin_abort();
}

int sys_in(unsigned port, uint32_t *value, int size)
{
	(void) port;
	(void) value;
	(void) size;
	__builtin_abort();
}

int ipc_sendnb(endpoint_t dst, message *m)
{
	(void) dst;
	(void) m;
	__builtin_abort();
}

endpoint_t sys_self(void)
{
	return ep_make(20, 1);
}

void sef_panic(const char *fmt, ...)
{
	(void) fmt;
	__builtin_abort();
}

void sef_exit(int status)
{
	(void) status;
	__builtin_abort();
}

/* catch_crash (catch_crash.c): 1 when RUN(ARG) crashed (SIGILL). */
int catch_crash(void (*run)(const void *), const void *arg);

/* request: M (a request from SOURCE) handed to the service. */
static void request(const void *arg)
{
	sef_fi_request(arg);
}

/* crashes_on: whether a request of type 0x1234 from SOURCE crashes. */
static int crashes_on(endpoint_t source)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_source = source;
	m.m_type = 0x1234;
	return catch_crash(request, &m);
}

/* ---- the cases ------------------------------------------------------------ */

static const endpoint_t ASKER = 0x0c0b;          /* slot 11 */
static const endpoint_t CALLER = 0x0d0c;         /* slot 12 */

TEST(midrequest_cuts_the_first_request_it_may)
{
	sef_fi_reset();
	CHECK_EQ(crashes_on(CALLER), 0);              /* not armed: nothing */
	sef_fi_inject(FI_MIDREQUEST, ASKER);          /* armed, returns */
	waiting = ASKER;
	CHECK_EQ(crashes_on(ASKER), 0);               /* the asker's */
	waiting = PM_EP;
	CHECK_EQ(crashes_on(PM_EP), 0);               /* a boot service's */
	waiting = VFS_EP;
	CHECK_EQ(crashes_on(VFS_EP), 0);
	waiting = NONE;
	CHECK_EQ(crashes_on(CALLER), 0);              /* no answer awaited */
	waiting = CALLER;
	CHECK_EQ(crashes_on(CALLER), 1);              /* cut */
	CHECK_EQ(crashes_on(CALLER), 0);              /* once */
}

TEST(a_kept_start_disarms_midrequest)
{
	sef_fi_inject(FI_MIDREQUEST, ASKER);
	sef_fi_reset();
	waiting = CALLER;
	CHECK_EQ(crashes_on(CALLER), 0);
}

/* The corrupt hook: what it did, and what it returns. */
static int hook_calls, hook_result;

static int hook(char *what, size_t len)
{
	hook_calls++;
	snprintf(what, len, "entry 3: a bit flipped");
	return hook_result;
}

static void inject(const void *arg)
{
	sef_fi_inject(*(const int *) arg, ASKER);
}

TEST(corrupt_calls_the_hook_then_crashes)
{
	static const int kind = FI_CORRUPT;
	sef_cbs.state_corrupt = NULL;
	hook_calls = 0;
	CHECK_EQ(catch_crash(inject, &kind), 0);          /* no hook: nothing */
	sef_cbs.state_corrupt = hook;
	hook_result = -ENOENT;
	CHECK_EQ(catch_crash(inject, &kind), 0);          /* nothing damaged */
	CHECK_EQ(hook_calls, 1);
	hook_result = 0;
	CHECK_EQ(catch_crash(inject, &kind), 1);          /* damaged: crash */
	CHECK_EQ(hook_calls, 2);
	sef_cbs.state_corrupt = NULL;
}

static const struct kit_suite suite = {
	.name = "sef_fi_host", .backend = &kit_inproc, .timeout = 10,
};

int main(int argc, char **argv)
{
	return kit_main(&suite, argc, argv);
}
