/* Cases for SYS_VIRCOPY: copies within a process, between processes
 * (also on behalf of two others), across pages, overlapping; the errors,
 * with nothing copied when any part of a range is bad. */
#include <string.h>
#include "ktest.h"

#define MSG_GO 0x5701
#define BIG (3 * 4096 + 123)
#define USER_STACK_TOP 0xBFFFF000u

/* Buffers at the same addresses in the case and its forked helpers. */
static uint8_t src_buf[BIG + 64] __attribute__((aligned(4096)));
static uint8_t dst_buf[BIG + 64] __attribute__((aligned(4096)));

/* pattern: byte I of pattern SEED. */
static uint8_t pattern(uint32_t i, uint32_t seed)
{
	return (uint8_t) (i * 7u + seed + (i >> 9));
}

/* fill: BUF[0..LEN) = pattern SEED. */
static void fill(uint8_t *buf, size_t len, uint32_t seed)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = pattern((uint32_t) i, seed);
}

/* holds: whether BUF[0..LEN) is pattern SEED. */
static int holds(const uint8_t *buf, size_t len, uint32_t seed)
{
	for (size_t i = 0; i < len; i++)
		if (buf[i] != pattern((uint32_t) i, seed))
			return 0;
	return 1;
}

/* Within the caller: a copy across pages, 0 bytes (any addresses), and
 * overlapping ranges both ways (as memmove). */
TEST(vircopy_self)
{
	fill(src_buf, BIG, 1);
	memset(dst_buf, 0, sizeof(dst_buf));
	CHECK_OK(sys_vircopy(SELF, (vir_bytes) src_buf, SELF,
	    (vir_bytes) dst_buf + 5, BIG));
	CHECK(holds(dst_buf + 5, BIG, 1));
	CHECK_EQ(dst_buf[4], 0);
	CHECK_EQ(dst_buf[BIG + 5], 0);
	CHECK_OK(sys_vircopy(SELF, 0, SELF, 0, 0));
	CHECK_OK(sys_vircopy(SELF, (vir_bytes) src_buf, ktest_self(),
	    (vir_bytes) dst_buf, 0));

	fill(src_buf, BIG, 2);          /* overlap, destination above */
	CHECK_OK(sys_vircopy(SELF, (vir_bytes) src_buf, SELF,
	    (vir_bytes) src_buf + 1000, BIG - 1000));
	CHECK(holds(src_buf + 1000, BIG - 1000, 2));
	fill(src_buf + 1000, BIG - 1000, 3);   /* overlap, destination below */
	CHECK_OK(sys_vircopy(SELF, (vir_bytes) src_buf + 1000, SELF,
	    (vir_bytes) src_buf, BIG - 1000));
	CHECK(holds(src_buf, BIG - 1000, 3));
}

/* check_dst_and_exit: helper that waits for MSG_GO from the process given
 * as ARG, then exits 0 when dst_buf holds pattern 4 (else 1). */
static void check_dst_and_exit(void *arg)
{
	message m;
	CHECK_OK(ipc_receive(ARG_EP(arg), &m));
	CHECK_EQ(m.m_type, MSG_GO);
	sys_exit(holds(dst_buf, BIG, 4) ? 0 : 1);
}

/* go: send MSG_GO to EP. */
static void go(endpoint_t ep)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = MSG_GO;
	CHECK_OK(ipc_send(ep, &m));
}

/* Between processes: to a helper, from it back, and between two helpers
 * on their behalf. */
TEST(vircopy_between)
{
	endpoint_t self = ktest_self();
	endpoint_t a = ktest_spawn(check_dst_and_exit, EP_ARG(self));
	endpoint_t b = ktest_spawn(check_dst_and_exit, EP_ARG(self));
	fill(src_buf, BIG, 4);
	CHECK_OK(sys_vircopy(SELF, (vir_bytes) src_buf, a, (vir_bytes) dst_buf,
	    BIG));
	memset(src_buf, 0, sizeof(src_buf));
	CHECK_OK(sys_vircopy(a, (vir_bytes) dst_buf, SELF, (vir_bytes) src_buf,
	    BIG));
	CHECK(holds(src_buf, BIG, 4));
	CHECK_OK(sys_vircopy(a, (vir_bytes) dst_buf, b, (vir_bytes) dst_buf,
	    BIG));
	CHECK(!holds(dst_buf, BIG, 4));         /* ours was not touched */
	go(a);
	go(b);
	CHECK_EQ(ktest_reap_exit(a), 0);
	CHECK_EQ(ktest_reap_exit(b), 0);
}

extern const char ktest_payload_start[];

/* A range that is bad anywhere (the guard page above the stack, a
 * read-only page as destination, kernel memory, past the user area) is
 * -EFAULT with nothing copied, not even the good part. */
TEST(vircopy_efault)
{
	/* The last 16 bytes of the stack are good, the next 16 are not. */
	vir_bytes edge = USER_STACK_TOP - 16;
	uint8_t before[16], after[16];
	CHECK_OK(sys_vircopy(SELF, edge, SELF, (vir_bytes) before, 16));
	memset(dst_buf, 0xaa, 64);
	CHECK_EQ(sys_vircopy(SELF, edge, SELF, (vir_bytes) dst_buf, 32), -EFAULT);
	for (int i = 0; i < 64; i++)
		CHECK_EQ(dst_buf[i], 0xaa);
	memset(src_buf, 0x55, 64);
	CHECK_EQ(sys_vircopy(SELF, (vir_bytes) src_buf, SELF, edge, 32), -EFAULT);
	CHECK_OK(sys_vircopy(SELF, edge, SELF, (vir_bytes) after, 16));
	CHECK(memcmp(before, after, 16) == 0);

	/* A read-only destination. */
	char head[8];
	memcpy(head, ktest_payload_start, sizeof(head));
	CHECK_EQ(sys_vircopy(SELF, (vir_bytes) src_buf, SELF,
	    (vir_bytes) ktest_payload_start, 8), -EFAULT);
	CHECK(memcmp(head, ktest_payload_start, sizeof(head)) == 0);
	CHECK_OK(sys_vircopy(SELF, (vir_bytes) ktest_payload_start, SELF,
	    (vir_bytes) dst_buf, 8));             /* but readable */

	/* Kernel memory, the top of the address space, a wrap-around. */
	CHECK_EQ(sys_vircopy(SELF, 0x100000, SELF, (vir_bytes) dst_buf, 4),
	    -EFAULT);
	CHECK_EQ(sys_vircopy(SELF, (vir_bytes) src_buf, SELF, 0x1000, 4),
	    -EFAULT);
	CHECK_EQ(sys_vircopy(SELF, (vir_bytes) src_buf, SELF, 0xC0000000u, 4),
	    -EFAULT);
	CHECK_EQ(sys_vircopy(SELF, (vir_bytes) src_buf, SELF,
	    (vir_bytes) dst_buf, 0xFFFFFFF0u), -EFAULT);
	for (int i = 8; i < 64; i++)             /* only the 8 good bytes */
		CHECK_EQ(dst_buf[i], 0xaa);
}

/* exit_now: helper that exits at once with status 0. */
static void exit_now(void *arg)
{
	(void) arg;
}

/* Endpoints that name no process (-EINVAL) or a dead one (-EDEADSRCDST);
 * without SYS_VIRCOPY in its kernel-call mask a process is refused
 * (-ECALLDENIED). */
TEST(vircopy_endpoints)
{
	vir_bytes s = (vir_bytes) src_buf, d = (vir_bytes) dst_buf;
	CHECK_EQ(sys_vircopy(NONE, s, SELF, d, 4), -EINVAL);
	CHECK_EQ(sys_vircopy(SELF, s, ANY, d, 4), -EINVAL);
	CHECK_EQ(sys_vircopy(SYSTEM, s, SELF, d, 4), -EINVAL);
	endpoint_t dead = ktest_spawn(exit_now, NULL);
	CHECK_EQ(ktest_reap_exit(dead), 0);
	CHECK_EQ(sys_vircopy(dead, s, SELF, d, 4), -EDEADSRCDST);
	CHECK_EQ(sys_vircopy(SELF, s, dead, d, 4), -EDEADSRCDST);

	struct priv_spec spec;
	CHECK_OK(sys_privctl(SELF, PRIVCTL_GET, &spec));
	uint32_t bit = SYS_VIRCOPY - KCALL_BASE;
	spec.kcalls[bit / 32] &= ~(1u << (bit % 32));
	CHECK_OK(sys_privctl(SELF, PRIVCTL_SET, &spec));
	CHECK_EQ(sys_vircopy(SELF, s, SELF, d, 4), -ECALLDENIED);
}
