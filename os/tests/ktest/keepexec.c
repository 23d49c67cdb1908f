/* Cases for SYS_EXEC with EXEC_KEEP_STATE (a restart in place): the
 * program starts again in the target's own memory, dead or alive; its
 * writable data is kept, its text is the image's again (a code patch is
 * undone); an image with another PT_LOAD layout is -EINVAL and changes
 * nothing. The target is ktest-payload in "keep" mode (payload/payload.c):
 * it counts its starts in .bss and .data, reports them, then fails. */
#include <stdio.h>
#include <string.h>
#include "ktest.h"
#include "payload.h"

#define PT_LOAD 1
#define PF_W    2

/* What one start of the payload in keep mode reported. */
struct keep_report {
	int runs;             /* starts counted in its .bss */
	int data;             /* its .data value (100 at the first start) */
	int marker;           /* what its text function keep_marker returned */
	unsigned long marker_addr;
};

/* spin: helper that runs without IPC until it is exec'd or removed. */
static void spin(void *arg)
{
	(void) arg;
	for (;;)
		__asm__ volatile("" ::: "memory");
}

/* expect_keep: receive the payload's keep report from FROM; check its
 * counters are RUNS and DATA and its marker 1; return it. */
static struct keep_report expect_keep(endpoint_t from, int runs, int data)
{
	message m;
	CHECK_OK(ipc_receive(from, &m));
	CHECK_EQ(m.m_type, PAYLOAD_REPORT);
	const struct payload_report *p = (const struct payload_report *) m.u.raw;
	struct keep_report k;
	if (sscanf(p->text, "keep %d %d %d %lx", &k.runs, &k.data, &k.marker,
	    &k.marker_addr) != 4)
		FAIL("payload reported \"%.44s\"", p->text);
	CHECK_EQ(k.runs, runs);
	CHECK_EQ(k.data, data);
	CHECK_EQ(k.marker, 1);
	return k;
}

/* await_end: wait until H has failed the way HOW says (keep mode): stopped
 * by SIGILL ("crash"), or exited with status 3 ("exit"). */
static void await_end(endpoint_t h, const char *how)
{
	struct ktest_end end = ktest_wait(h);
	if (strcmp(how, "exit") == 0) {
		CHECK_EQ(end.sigs, SIGBIT(SIGKEXIT));
		CHECK_EQ(end.status, 3);
	} else {
		CHECK_EQ(end.sigs, SIGBIT(SIGILL));
	}
}

/* start_keep: a helper exec'd (fresh) with the payload in keep mode HOW,
 * with PRIV_KEEP_STATE (an exit only stops it); checks its first report
 * and waits until it is dead (a signal stopped it, or it exited). */
static endpoint_t start_keep(const char *how, struct keep_report *k)
{
	static char args[64];
	endpoint_t h = ktest_spawn(spin, NULL);
	struct priv_spec spec;
	CHECK_OK(sys_privctl(h, PRIVCTL_GET, &spec));
	spec.flags |= PRIV_KEEP_STATE;
	CHECK_OK(sys_privctl(h, PRIVCTL_SET, &spec));
	snprintf(args, sizeof(args), "ktest-payload keep %s", how);
	CHECK_OK(sys_exec(h, ktest_payload_start, ktest_payload_size(), args));
	*k = expect_keep(h, 1, 100);
	await_end(h, how);
	return h;
}

/* keep_again: a keep-state exec of the payload into H in mode HOW. */
static int keep_again(endpoint_t h, const char *how)
{
	static char args[64];
	snprintf(args, sizeof(args), "ktest-payload keep %s", how);
	return sys_exec_keep(h, ktest_payload_start, ktest_payload_size(),
	    args);
}

/* A crashed process (stopped by a signal) and an exited one run again in
 * their memory: the .bss counter and the .data value go on where they
 * were, the endpoint is the same, and the process is alive again (it
 * reports), with no signal left pending. */
TEST(exec_keep_state)
{
	struct keep_report k;
	endpoint_t h = start_keep("crash", &k);
	CHECK_OK(keep_again(h, "crash"));
	expect_keep(h, 2, 101);
	await_end(h, "crash");

	/* The next one exits: with PRIV_KEEP_STATE it is only stopped, its
	 * memory stays for the manager. */
	CHECK_OK(keep_again(h, "exit"));
	expect_keep(h, 3, 102);
	await_end(h, "exit");
	CHECK_EQ(ktest_proc(h).flags & (PSTATE_SIGNALED | PSTATE_EXITED),
	    PSTATE_SIGNALED);
	CHECK_OK(keep_again(h, "exit"));
	CHECK_EQ(ktest_proc(h).flags & (PSTATE_SIGNALED | PSTATE_EXITED), 0);
	expect_keep(h, 4, 103);
	CHECK_EQ(ktest_reap_exit(h), 3);
}

/* A code patch (SYS_CODEPATCH) of the dead process's text is undone: the
 * read-only segments are loaded again from the image. */
TEST(exec_keep_restores_text)
{
	static const uint8_t old_bytes[] = { 0xb8, 0x01, 0x00, 0x00, 0x00 };
	static const uint8_t new_bytes[] = { 0xb8, 0x07, 0x00, 0x00, 0x00 };
	struct keep_report k;
	endpoint_t h = start_keep("crash", &k);
	CHECK_OK(sys_codepatch(h, k.marker_addr, old_bytes, new_bytes,
	    sizeof(old_bytes)));
	/* The patch is there: the old bytes no longer match. */
	CHECK_EQ(sys_codepatch(h, k.marker_addr, old_bytes, new_bytes,
	    sizeof(old_bytes)), -EIO);
	CHECK_OK(keep_again(h, "crash"));
	expect_keep(h, 2, 101);               /* marker 1: the image's text */
	await_end(h, "crash");
	ktest_remove(h);
}

/* image_copy: the payload image copied into a buffer the cases may alter;
 * *PH gets its program headers and *PHNUM their count. */
static uint8_t *image_copy(uint32_t **ph, int *phnum)
{
	static uint8_t copy[320 * 1024];
	size_t n = ktest_payload_size();
	if (n > sizeof(copy))
		FAIL("the payload (%u bytes) does not fit the copy",
		    (unsigned) n);
	memcpy(copy, ktest_payload_start, n);
	uint32_t phoff;
	uint16_t count;
	memcpy(&phoff, copy + 28, sizeof(phoff));   /* e_phoff */
	memcpy(&count, copy + 44, sizeof(count));   /* e_phnum */
	*ph = (uint32_t *) (copy + phoff);          /* 8 words per header */
	*phnum = count;
	return copy;
}

/* An image whose PT_LOAD layout differs from the target's (a writable
 * segment larger, a read-only one writable) is -EINVAL and nothing
 * changes: the target is still dead in the same state, and the right image
 * then finds its memory as it was. Bad flags are -EINVAL too, and so is
 * this image on the caller itself (not its layout; RS's own update uses a
 * keep-state exec of itself with its own image); a live process with another program's layout is refused and
 * keeps running. */
TEST(exec_keep_layout_mismatch)
{
	struct keep_report k;
	endpoint_t h = start_keep("crash", &k);
	uint32_t *ph;
	int phnum;
	uint8_t *copy = image_copy(&ph, &phnum);
	size_t n = ktest_payload_size();
	int data_seg = -1, text_seg = -1;
	for (int i = 0; i < phnum; i++) {
		uint32_t *e = ph + 8 * i;           /* type offset vaddr paddr
		                                     * filesz memsz flags align */
		if (e[0] != PT_LOAD || e[5] == 0)
			continue;
		if (e[6] & PF_W)
			data_seg = i;
		else if (text_seg < 0)
			text_seg = i;
	}
	CHECK(data_seg >= 0 && text_seg >= 0);
	static const char args[] = "ktest-payload keep crash";

	ph[8 * data_seg + 5] += 4096;
	CHECK_EQ(sys_exec_keep(h, copy, n, args), -EINVAL);
	ph[8 * data_seg + 5] -= 4096;
	ph[8 * text_seg + 6] |= PF_W;
	CHECK_EQ(sys_exec_keep(h, copy, n, args), -EINVAL);
	ph[8 * text_seg + 6] &= ~(uint32_t) PF_W;
	CHECK(ktest_proc(h).flags & PSTATE_SIGNALED);

	/* Unknown flags; the caller itself with another layout. */
	message m;
	memset(&m, 0, sizeof(m));
	m.u.kc_exec.target = h;
	m.u.kc_exec.image = (vir_bytes) copy;
	m.u.kc_exec.image_len = n;
	m.u.kc_exec.frame = (vir_bytes) "x";
	m.u.kc_exec.frame_len = 2;
	m.u.kc_exec.argc = 1;
	m.u.kc_exec.flags = EXEC_KEEP_STATE | 0x100;
	CHECK_EQ(_kernel_call(SYS_EXEC, &m), -EINVAL);
	CHECK_EQ(sys_exec_keep(SELF, copy, n, args), -EINVAL);

	/* The unaltered copy: the memory was not touched. */
	CHECK_OK(sys_exec_keep(h, copy, n, args));
	expect_keep(h, 2, 101);
	await_end(h, "crash");
	ktest_remove(h);

	/* A helper running ktest's own program: not the payload's layout. */
	endpoint_t s = ktest_spawn(spin, NULL);
	CHECK_EQ(sys_exec_keep(s, copy, n, args), -EINVAL);
	CHECK_EQ(ktest_proc(s).flags, 0);
	ktest_remove(s);
}

/* A copy of a process waiting for the caller's reply (FORK_STOPPED, what a
 * keep-state live update does with the frozen old instance) runs the
 * program again in the copied memory, as the same address space (as_id:
 * MM's records of the original hold for it); the original's memory is its
 * own: after the copy ran, the original still counts one start. */
TEST(exec_keep_into_a_copy)
{
	static const char args[] = "ktest-payload keep crash";
	endpoint_t h = ktest_spawn(spin, NULL);
	CHECK_OK(sys_exec(h, ktest_payload_start, ktest_payload_size(),
	    "ktest-payload keep ask"));
	expect_keep(h, 1, 100);                 /* h now waits for our reply */
	endpoint_t copy;
	CHECK_OK(sys_fork_proc(h, FORK_STOPPED, &copy));
	CHECK(ktest_proc(copy).flags & PSTATE_STOPPED);
	CHECK(ktest_proc(copy).as_id != ktest_proc(h).as_id);
	CHECK_OK(sys_exec_keep(copy, ktest_payload_start, ktest_payload_size(),
	    args));
	CHECK_EQ(ktest_proc(copy).as_id, ktest_proc(h).as_id);
	expect_keep(copy, 2, 101);
	await_end(copy, "crash");
	ktest_remove(copy);

	/* The original: still waiting, its memory as it was. */
	CHECK(ktest_proc(h).flags & PSTATE_RECEIVING);
	message m;
	memset(&m, 0, sizeof(m));
	CHECK_OK(ipc_sendnb(h, &m));             /* the reply: it crashes */
	await_end(h, "crash");
	CHECK_OK(keep_again(h, "crash"));
	expect_keep(h, 2, 101);
	await_end(h, "crash");
	ktest_remove(h);
}
