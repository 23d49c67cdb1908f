/* Cases for memory grants and the safecopy calls: reading and writing
 * through a grant, and every way a copy must be refused (bounds, revoked or
 * stale ids, the wrong grantee or access, bad buffers, no table, a dead
 * granter). The granter is a helper process driven by requests; the case
 * process is the grantee. */
#include <string.h>
#include "ktest.h"

#define G_GRANT  0x5401    /* words: offset, size, access, grantee -> id */
#define G_REVOKE 0x5402    /* words: id -> m_type = cpf_revoke's result */
#define G_PEEK   0x5403    /* words: offset, len (<= 56) -> raw bytes */
#define G_REPLY  0x5404
#define G_MAGIC  0x5405    /* words: addr, size, access, grantee, owner -> id */
#define BUF_SIZE 256

/* The granter's buffer (each process has its own copy). */
static uint8_t gbuf[BUF_SIZE];

/* pattern: the granter's initial byte at offset I. */
static uint8_t pattern(unsigned i)
{
	return (uint8_t) (i * 7 + 3);
}

/* granter: helper serving G_* requests from the process given as ARG,
 * forever (the case removes it). */
static void granter(void *arg)
{
	endpoint_t parent = ARG_EP(arg);
	for (unsigned i = 0; i < BUF_SIZE; i++)
		gbuf[i] = pattern(i);
	for (;;) {
		message m, r;
		CHECK_OK(ipc_receive(parent, &m));
		memset(&r, 0, sizeof(r));
		r.m_type = G_REPLY;
		switch (m.m_type) {
		case G_GRANT:
			r.u.words[0] = cpf_grant_direct((endpoint_t) m.u.words[3],
			    (vir_bytes) gbuf + m.u.words[0], m.u.words[1],
			    (int) m.u.words[2]);
			break;
		case G_REVOKE:
			r.m_type = cpf_revoke(m.u.words[0]);
			break;
		case G_MAGIC:
			r.u.words[0] = cpf_grant_magic((endpoint_t) m.u.words[3],
			    (endpoint_t) m.u.words[4], m.u.words[0], m.u.words[1],
			    (int) m.u.words[2]);
			break;
		case G_PEEK:
			if (m.u.words[0] + m.u.words[1] > BUF_SIZE ||
			    m.u.words[1] > PAYLOAD_SIZE)
				FAIL("bad peek");
			memcpy(r.u.raw, gbuf + m.u.words[0], m.u.words[1]);
			break;
		default:
			FAIL("granter: unknown request 0x%x", (unsigned) m.m_type);
		}
		CHECK_OK(ipc_send(parent, &r));
	}
}

/* request: send request M of TYPE to granter G and return the reply. */
static message request(endpoint_t g, int type, uint32_t w0, uint32_t w1,
    uint32_t w2, uint32_t w3)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.u.words[0] = w0;
	m.u.words[1] = w1;
	m.u.words[2] = w2;
	m.u.words[3] = w3;
	CHECK_OK(ipc_sendrec(g, &m));
	return m;
}

/* make_grant: have G grant GRANTEE ACCESS to SIZE bytes of its buffer at
 * OFFSET; return the id (which must be valid). */
static uint32_t make_grant(endpoint_t g, uint32_t offset, uint32_t size,
    int access, endpoint_t grantee)
{
	message m = request(g, G_GRANT, offset, size, (uint32_t) access,
	    (uint32_t) grantee);
	CHECK_EQ(m.m_type, G_REPLY);
	CHECK(m.u.words[0] != GRANT_INVALID);
	return m.u.words[0];
}

/* revoke: have G revoke grant ID. */
static void revoke(endpoint_t g, uint32_t id)
{
	CHECK_OK(request(g, G_REVOKE, id, 0, 0, 0).m_type);
}

/* check_granter_bytes: G's buffer at OFFSET holds the LEN bytes EXPECT. */
static void check_granter_bytes(endpoint_t g, uint32_t offset,
    const uint8_t *expect, uint32_t len)
{
	message m = request(g, G_PEEK, offset, len, 0, 0);
	for (uint32_t i = 0; i < len; i++)
		if (m.u.raw[i] != expect[i])
			FAIL("granter byte %u is 0x%02x, expected 0x%02x",
			    (unsigned) (offset + i), m.u.raw[i], expect[i]);
}

/* check_pattern: BUF holds the granter's initial bytes from OFFSET on. */
static void check_pattern(const uint8_t *buf, uint32_t offset, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++)
		if (buf[i] != pattern(offset + i))
			FAIL("copied byte %u is 0x%02x, expected 0x%02x",
			    (unsigned) i, buf[i], pattern(offset + i));
}

/* start_granter: spawn the granter for the calling case. */
static endpoint_t start_granter(void)
{
	return ktest_spawn(granter, EP_ARG(ktest_self()));
}

/* A read grant lets the grantee copy the range (or part of it, at an
 * offset) into its own memory. */
TEST(grant_read)
{
	uint8_t buf[64];
	endpoint_t g = start_granter();
	uint32_t id = make_grant(g, 0, 64, GRANT_READ, ktest_self());
	memset(buf, 0, sizeof(buf));
	CHECK_OK(sys_safecopyfrom(g, id, 0, buf, 64));
	check_pattern(buf, 0, 64);
	memset(buf, 0, sizeof(buf));
	CHECK_OK(sys_safecopyfrom(g, id, 10, buf, 20));
	check_pattern(buf, 10, 20);

	uint32_t id2 = make_grant(g, 100, 32, GRANT_READ, ktest_self());
	CHECK(id2 != id);
	CHECK_OK(sys_safecopyfrom(g, id2, 0, buf, 32));
	check_pattern(buf, 100, 32);
	ktest_remove(g);
}

/* A write grant lets the grantee copy into the range, at an offset, and
 * nothing outside what it copied changes. */
TEST(grant_write)
{
	uint8_t expect[16];
	endpoint_t g = start_granter();
	uint32_t id = make_grant(g, 32, 16, GRANT_WRITE, ktest_self());
	CHECK_OK(sys_safecopyto(g, id, 4, "phoenix", 7));
	for (unsigned i = 0; i < 16; i++)
		expect[i] = pattern(32 + i);
	memcpy(expect + 4, "phoenix", 7);
	check_granter_bytes(g, 32, expect, 16);
	ktest_remove(g);
}

/* A copy must lie within the granted range: offset + bytes beyond the size
 * is -EPERM, including when the sum wraps around 2^32. */
TEST(grant_bounds)
{
	uint8_t buf[64];
	endpoint_t g = start_granter();
	uint32_t id = make_grant(g, 64, 64, GRANT_READ | GRANT_WRITE,
	    ktest_self());
	CHECK_OK(sys_safecopyfrom(g, id, 60, buf, 4));
	check_pattern(buf, 124, 4);
	CHECK_OK(sys_safecopyfrom(g, id, 0, buf, 64));
	CHECK_EQ(sys_safecopyfrom(g, id, 60, buf, 5), -EPERM);
	CHECK_EQ(sys_safecopyfrom(g, id, 64, buf, 1), -EPERM);
	CHECK_EQ(sys_safecopyfrom(g, id, 0, buf, 65), -EPERM);
	CHECK_EQ(sys_safecopyfrom(g, id, 0xfffffff0u, buf, 0x20), -EPERM);
	CHECK_EQ(sys_safecopyto(g, id, 61, buf, 4), -EPERM);
	CHECK_EQ(sys_safecopyto(g, id, 0xfffffff0u, buf, 0x20), -EPERM);
	/* The refused writes changed nothing. */
	uint8_t expect[48];
	for (unsigned i = 0; i < sizeof(expect); i++)
		expect[i] = pattern(40 + i);
	check_granter_bytes(g, 40, expect, sizeof(expect));
	for (unsigned i = 0; i < sizeof(expect); i++)
		expect[i] = pattern(112 + i);
	check_granter_bytes(g, 112, expect, sizeof(expect));
	ktest_remove(g);
}

/* A revoked grant stops working at once, for both directions. */
TEST(grant_revoked)
{
	uint8_t buf[16];
	endpoint_t g = start_granter();
	uint32_t id = make_grant(g, 0, 16, GRANT_READ | GRANT_WRITE,
	    ktest_self());
	CHECK_OK(sys_safecopyfrom(g, id, 0, buf, 16));
	revoke(g, id);
	CHECK_EQ(sys_safecopyfrom(g, id, 0, buf, 16), -EPERM);
	CHECK_EQ(sys_safecopyto(g, id, 0, buf, 16), -EPERM);
	ktest_remove(g);
}

/* A grant made for another endpoint is -EPERM for us; one made for ANY
 * works for everyone. */
TEST(grant_grantee)
{
	uint8_t buf[16];
	endpoint_t g = start_granter();
	uint32_t other = make_grant(g, 0, 16, GRANT_READ, ktest_runner);
	CHECK_EQ(sys_safecopyfrom(g, other, 0, buf, 16), -EPERM);
	uint32_t any = make_grant(g, 0, 16, GRANT_READ, ANY);
	CHECK_OK(sys_safecopyfrom(g, any, 0, buf, 16));
	check_pattern(buf, 0, 16);
	ktest_remove(g);
}

/* The access kind must match: no writing through a read grant, no reading
 * through a write grant. */
TEST(grant_access)
{
	uint8_t buf[16];
	endpoint_t g = start_granter();
	uint32_t ro = make_grant(g, 0, 16, GRANT_READ, ktest_self());
	uint32_t wo = make_grant(g, 16, 16, GRANT_WRITE, ktest_self());
	memset(buf, 0x5a, sizeof(buf));
	CHECK_EQ(sys_safecopyto(g, ro, 0, buf, 16), -EPERM);
	CHECK_EQ(sys_safecopyfrom(g, wo, 0, buf, 16), -EPERM);
	CHECK_OK(sys_safecopyfrom(g, ro, 0, buf, 16));
	check_pattern(buf, 0, 16);
	CHECK_OK(sys_safecopyto(g, wo, 0, buf, 16));
	check_granter_bytes(g, 16, buf, 16);
	ktest_remove(g);
}

/* A revoked id stays dead when its table entry is reused by a new grant
 * (the sequence number differs); the new id works. An id whose index is
 * past the table is -EPERM too. */
TEST(grant_stale_id)
{
	uint8_t buf[16];
	endpoint_t g = start_granter();
	uint32_t old = make_grant(g, 0, 16, GRANT_READ, ktest_self());
	revoke(g, old);
	uint32_t id = make_grant(g, 0, 16, GRANT_READ, ktest_self());
	CHECK_EQ(id & 0xffff, old & 0xffff);    /* the same entry */
	CHECK(id != old);
	CHECK_EQ(sys_safecopyfrom(g, old, 0, buf, 16), -EPERM);
	CHECK_OK(sys_safecopyfrom(g, id, 0, buf, 16));
	CHECK_EQ(sys_safecopyfrom(g, (id & 0xffff0000u) | 1000, 0, buf, 16),
	    -EPERM);
	CHECK_EQ(sys_safecopyfrom(g, GRANT_INVALID, 0, buf, 16), -EPERM);
	ktest_remove(g);
}

/* Read-only memory of the grantee (its .rodata). */
static const uint8_t readonly_bytes[16] = { 1, 2, 3 };

/* A caller buffer that is not the caller's memory is -EFAULT in both
 * directions (so is a read-only one as the destination), and neither side's
 * memory changes. */
TEST(grant_bad_buffer)
{
	endpoint_t g = start_granter();
	uint32_t id = make_grant(g, 0, 32, GRANT_READ | GRANT_WRITE,
	    ktest_self());
	CHECK_EQ(sys_safecopyfrom(g, id, 0, (void *) 0x10, 16), -EFAULT);
	CHECK_EQ(sys_safecopyfrom(g, id, 0, (void *) 0xF0000000u, 16),
	    -EFAULT);
	CHECK_EQ(sys_safecopyto(g, id, 0, (void *) 0x10, 16), -EFAULT);
	CHECK_EQ(sys_safecopyto(g, id, 0, (void *) 0x00100000u, 16), -EFAULT);
	CHECK_EQ(sys_safecopyfrom(g, id, 0, (void *) (uintptr_t) readonly_bytes,
	    16), -EFAULT);
	CHECK_EQ(readonly_bytes[0], 1);
	CHECK_EQ(readonly_bytes[15], 0);
	uint8_t expect[32];
	for (unsigned i = 0; i < sizeof(expect); i++)
		expect[i] = pattern(i);
	check_granter_bytes(g, 0, expect, sizeof(expect));
	ktest_remove(g);
}

/* wait_forever: helper that blocks receiving from the runner (never). */
static void wait_forever(void *arg)
{
	(void) arg;
	message m;
	ipc_receive(ktest_runner, &m);
}

/* A granter that never registered a grant table is -EPERM; a granter that
 * has died is -EDEADSRCDST. */
TEST(grant_no_table_dead)
{
	uint8_t buf[16];
	endpoint_t plain = ktest_spawn(wait_forever, NULL);
	CHECK_EQ(sys_safecopyfrom(plain, 0x10000, 0, buf, 16), -EPERM);
	CHECK_EQ(sys_safecopyfrom(plain, 0, 0, buf, 16), -EPERM);
	ktest_remove(plain);

	endpoint_t g = start_granter();
	uint32_t id = make_grant(g, 0, 16, GRANT_READ, ktest_self());
	CHECK_OK(sys_safecopyfrom(g, id, 0, buf, 16));
	CHECK_OK(sys_kill(g, SIGKILL));
	ktest_reap(g);
	CHECK_EQ(sys_safecopyfrom(g, id, 0, buf, 16), -EDEADSRCDST);
}

/* A magic grant (abi/grant.h GRANT_MAGIC: a range of ANOTHER process's
 * memory) works only for a granter with PRIV_MAGIC_GRANT, which the boot
 * gives VFS's slot alone: made by anyone else (here a helper with every
 * other boot privilege) it is -EPERM both ways, whoever the grantee and
 * owner are, and neither side's memory changes. PRIVCTL_SET cannot give
 * the privilege (PRIVCTL_GET shows it was not taken), and a magic grant
 * of this process on a helper's memory stays refused too. */
TEST(grant_magic_refused)
{
	static uint8_t mine[32];
	uint8_t buf[32];
	for (unsigned i = 0; i < sizeof(mine); i++)
		mine[i] = (uint8_t) (0xa0 + i);
	endpoint_t g = start_granter();
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = G_MAGIC;
	m.u.words[0] = (uint32_t) (uintptr_t) mine;
	m.u.words[1] = sizeof(mine);
	m.u.words[2] = GRANT_READ | GRANT_WRITE;
	m.u.words[3] = (uint32_t) ktest_self();
	m.u.words[4] = (uint32_t) ktest_self();   /* the owner: this process */
	CHECK_OK(ipc_sendrec(g, &m));
	uint32_t id = m.u.words[0];
	CHECK(id != GRANT_INVALID);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(sys_safecopyfrom(g, id, 0, buf, 16), -EPERM);
	CHECK_EQ(buf[0], 0);
	CHECK_EQ(sys_safecopyto(g, id, 0, "overwrite", 9), -EPERM);
	CHECK_EQ(mine[0], 0xa0);
	ktest_remove(g);

	/* This process asks for the privilege itself (a process may set its
	 * own privileges): the call succeeds, the flag is not there, and its
	 * own magic grant on a helper's memory stays refused. */
	struct priv_spec spec;
	CHECK_OK(sys_privctl(SELF, PRIVCTL_GET, &spec));
	CHECK_EQ(spec.flags & PRIV_MAGIC_GRANT, 0);
	spec.flags |= PRIV_MAGIC_GRANT;
	CHECK_OK(sys_privctl(SELF, PRIVCTL_SET, &spec));
	CHECK_OK(sys_privctl(SELF, PRIVCTL_GET, &spec));
	CHECK_EQ(spec.flags & PRIV_MAGIC_GRANT, 0);
	g = start_granter();
	uint32_t own = cpf_grant_magic(ktest_self(), g, (vir_bytes) gbuf,
	    16, GRANT_READ | GRANT_WRITE);
	CHECK(own != GRANT_INVALID);
	CHECK_EQ(sys_safecopyfrom(ktest_self(), own, 0, buf, 16), -EPERM);
	CHECK_EQ(sys_safecopyto(ktest_self(), own, 0, "overwrite", 9), -EPERM);
	CHECK_OK(cpf_revoke(own));
	uint8_t expect[16];
	for (unsigned i = 0; i < sizeof(expect); i++)
		expect[i] = pattern(i);
	check_granter_bytes(g, 0, expect, sizeof(expect));
	ktest_remove(g);
}
