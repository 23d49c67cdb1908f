/* Cases for SYS_CODEPATCH: it writes a process's read-only text when the
 * old bytes match, and leaves memory alone on every error; a caller
 * without the call in its kernel-call mask is denied. */
#include <string.h>
#include "ktest.h"

#define USER_STACK_TOP 0xBFFFF000u

/* cp_target: returns 1 ("movl $1, %eax; ret": b8 01 00 00 00 c3); the
 * cases patch its immediate. In .text, so read-only to this process. */
int cp_target(void);
__asm__(".text\n"
    ".globl cp_target\n"
    "cp_target:\n"
    "\tmovl $1, %eax\n"
    "\tret\n");

static const uint8_t cp_old[] = { 0xb8, 0x01, 0x00, 0x00, 0x00, 0xc3 };

/* The new bytes return 7 instead; nothing else in the text changes. */
TEST(codepatch_writes_text)
{
	uint8_t new_bytes[sizeof(cp_old)];
	memcpy(new_bytes, cp_old, sizeof(cp_old));
	new_bytes[1] = 7;
	CHECK_EQ(cp_target(), 1);
	CHECK_EQ(memcmp((const void *) cp_target, cp_old, sizeof(cp_old)), 0);
	CHECK_OK(sys_codepatch(SELF, (vir_bytes) cp_target, cp_old, new_bytes,
	    sizeof(cp_old)));
	CHECK_EQ(cp_target(), 7);
	/* Back again, with SELF's real endpoint this time. */
	CHECK_OK(sys_codepatch(ktest_self(), (vir_bytes) cp_target + 1,
	    &new_bytes[1], &cp_old[1], 1));
	CHECK_EQ(cp_target(), 1);
}

/* Old bytes that differ from memory: -EIO, and nothing is written. */
TEST(codepatch_mismatch)
{
	uint8_t wrong[sizeof(cp_old)], new_bytes[sizeof(cp_old)];
	memcpy(wrong, cp_old, sizeof(cp_old));
	wrong[5] = 0x90;                 /* only the last byte differs */
	memset(new_bytes, 0xcc, sizeof(new_bytes));
	CHECK_EQ(sys_codepatch(SELF, (vir_bytes) cp_target, wrong, new_bytes,
	    sizeof(cp_old)), -EIO);
	CHECK_EQ(memcmp((const void *) cp_target, cp_old, sizeof(cp_old)), 0);
	CHECK_EQ(cp_target(), 1);
}

/* Bad lengths and endpoints are -EINVAL, addresses that are not on
 * present user pages (also a range running off the end of the stack)
 * -EFAULT; memory is unchanged. */
TEST(codepatch_errors)
{
	uint8_t buf[17];
	memset(buf, 0, sizeof(buf));
	vir_bytes at = (vir_bytes) cp_target;
	CHECK_EQ(sys_codepatch(SELF, at, cp_old, buf, 0), -EINVAL);
	message m;
	memset(&m, 0, sizeof(m));
	m.u.kc_codepatch.endpoint = SELF;
	m.u.kc_codepatch.addr = at;
	m.u.kc_codepatch.len = 17;
	CHECK_EQ(_kernel_call(SYS_CODEPATCH, &m), -EINVAL);
	CHECK_EQ(sys_codepatch(ANY, at, cp_old, buf, 1), -EINVAL);
	CHECK_EQ(sys_codepatch(NONE, at, cp_old, buf, 1), -EINVAL);
	CHECK_EQ(sys_codepatch(SELF, 0x1000, buf, buf, 1), -EFAULT);
	CHECK_EQ(sys_codepatch(SELF, 0x100000, buf, buf, 4), -EFAULT);
	CHECK_EQ(sys_codepatch(SELF, USER_STACK_TOP - 2, buf, buf, 4),
	    -EFAULT);
	CHECK_EQ(memcmp((const void *) cp_target, cp_old, sizeof(cp_old)), 0);
}

/* Without SYS_CODEPATCH in the kernel-call mask: -ECALLDENIED, and the
 * text stays as it was. */
TEST(codepatch_denied)
{
	struct priv_spec spec;
	uint8_t new_bytes[1] = { 9 };
	CHECK_OK(sys_privctl(ktest_self(), PRIVCTL_GET, &spec));
	int bit = SYS_CODEPATCH - KCALL_BASE;
	CHECK(spec.kcalls[bit / 32] & (1u << (bit % 32)));
	spec.kcalls[bit / 32] &= ~(1u << (bit % 32));
	CHECK_OK(sys_privctl(ktest_self(), PRIVCTL_SET, &spec));
	CHECK_EQ(sys_codepatch(SELF, (vir_bytes) cp_target + 1, &cp_old[1],
	    new_bytes, 1), -ECALLDENIED);
	CHECK_EQ(cp_target(), 1);
}

/* cp_sleeper: a helper that only waits (a receive nobody answers). */
static void cp_sleeper(void *arg)
{
	(void) arg;
	message m;
	for (;;)
		ipc_receive(ANY, &m);
}

/* A forked helper shares its parent's read-only text (fork, the text
 * cache): patching the helper's copy of cp_target gives it its own page;
 * the parent's text, and a later helper's, still hold the old bytes. */
TEST(codepatch_shared_text)
{
	uint8_t new_bytes[sizeof(cp_old)], seen[sizeof(cp_old)];
	memcpy(new_bytes, cp_old, sizeof(cp_old));
	new_bytes[1] = 9;
	endpoint_t h = ktest_spawn(cp_sleeper, NULL);
	ktest_await_state(h, PSTATE_RECEIVING);
	CHECK_OK(sys_codepatch(h, (vir_bytes) cp_target, cp_old, new_bytes,
	    sizeof(cp_old)));
	CHECK_OK(sys_vircopy(h, (vir_bytes) cp_target, SELF, (vir_bytes) seen,
	    sizeof(seen)));
	CHECK_EQ(memcmp(seen, new_bytes, sizeof(seen)), 0);
	CHECK_EQ(memcmp((const void *) cp_target, cp_old, sizeof(cp_old)), 0);
	CHECK_EQ(cp_target(), 1);
	endpoint_t g = ktest_spawn(cp_sleeper, NULL);
	ktest_await_state(g, PSTATE_RECEIVING);
	CHECK_OK(sys_vircopy(g, (vir_bytes) cp_target, SELF, (vir_bytes) seen,
	    sizeof(seen)));
	CHECK_EQ(memcmp(seen, cp_old, sizeof(seen)), 0);
	ktest_remove(g);
	ktest_remove(h);
}
