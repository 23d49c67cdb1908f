/* MM cases: brk, mmap, munmap, the per-process limits, fork's copy of the
 * record, MM_INFO, and the PM-only requests. */
#include <string.h>
#include "pmtest.h"

#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)

/* all_bytes: whether the LEN bytes at P all equal V. */
static int all_bytes(const void *p, size_t len, uint8_t v)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < len; i++)
		if (b[i] != v)
			return 0;
	return 1;
}

/* touch_child: a helper that reads the byte at ADDR (and should die). */
static int touch_child(void *arg)
{
	volatile uint8_t *p = arg;
	return *p == 0x5a ? 100 : 101;
}

/* expect_fault: reading ADDR in a child ends it with SIGSEGV. */
static void expect_fault(vir_bytes addr)
{
	int status = t_wait_status(t_child(touch_child, (void *) addr));
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGSEGV);
}

TEST(mm_brk_report)
{
	vir_bytes brk = 0, again = 0;
	CHECK_EQ(t_brk(0, &brk), 0);
	CHECK(brk >= 0x40000000u && brk < 0x80000000u);
	CHECK_EQ(brk % PAGE, 0);
	CHECK_EQ(t_brk(0, &again), 0);
	CHECK_EQ(again, brk);
}

TEST(mm_brk_grow_shrink)
{
	vir_bytes start, now;
	CHECK_EQ(t_brk(0, &start), 0);
	vir_bytes want = start + 3 * PAGE + 100;
	CHECK_EQ(t_brk(want, &now), 0);
	CHECK_EQ(now, want);
	uint8_t *heap = (uint8_t *) start;
	CHECK(all_bytes(heap, 4 * PAGE, 0));   /* fresh pages are zero */
	memset(heap, 0x5a, 4 * PAGE);
	CHECK(all_bytes(heap, 4 * PAGE, 0x5a));
	/* Shrink to one page: the pages above are gone. */
	CHECK_EQ(t_brk(start + PAGE, &now), 0);
	CHECK_EQ(now, start + PAGE);
	CHECK(all_bytes(heap, PAGE, 0x5a));
	expect_fault(start + PAGE);
	expect_fault(start + 3 * PAGE);
	/* Grow again: new pages are zero again. */
	CHECK_EQ(t_brk(start + 2 * PAGE, &now), 0);
	CHECK(all_bytes(heap + PAGE, PAGE, 0));
	CHECK_EQ(t_brk(start, &now), 0);
	CHECK_EQ(now, start);
}

TEST(mm_brk_errors)
{
	vir_bytes start, now;
	CHECK_EQ(t_brk(0, &start), 0);
	CHECK_EQ(t_brk(start - PAGE, &now), -EINVAL);
	CHECK_EQ(now, start);
	CHECK_EQ(t_brk(start + MM_DATA_MAX + PAGE, &now), -ENOMEM);
	CHECK_EQ(now, start);
	CHECK_EQ(t_brk(0xfffff000u, &now), -ENOMEM);
	/* The break may not run into a mapping. */
	vir_bytes fixed = start + 4 * PAGE;
	CHECK_EQ(t_mmap(&fixed, PAGE, RW, ANON | MAP_FIXED), 0);
	CHECK_EQ(fixed, start + 4 * PAGE);
	CHECK_EQ(t_brk(start + 5 * PAGE, &now), -ENOMEM);
	CHECK_EQ(t_brk(start + 4 * PAGE, &now), 0);
	CHECK_EQ(t_munmap(fixed, PAGE), 0);
	CHECK_EQ(t_brk(start, &now), 0);
}

TEST(mm_mmap_anonymous)
{
	vir_bytes a = 0, b = 0;
	CHECK_EQ(t_mmap(&a, 3 * PAGE, RW, ANON), 0);
	CHECK(a >= 0x80000000u && a + 3 * PAGE <= 0xBF000000u);
	CHECK_EQ(a % PAGE, 0);
	CHECK(all_bytes((void *) a, 3 * PAGE, 0));
	memset((void *) a, 0x11, 3 * PAGE);
	CHECK_EQ(t_mmap(&b, 100, RW, MAP_SHARED | MAP_ANONYMOUS), 0);
	CHECK(b + PAGE <= a || b >= a + 3 * PAGE);
	CHECK(b < a);                          /* placed top-down */
	CHECK(all_bytes((void *) b, PAGE, 0));
	CHECK(all_bytes((void *) a, 3 * PAGE, 0x11));
	CHECK_EQ(t_munmap(a, 3 * PAGE), 0);
	CHECK_EQ(t_munmap(b, PAGE), 0);
	expect_fault(a);
}

TEST(mm_mmap_errors)
{
	vir_bytes a = 0;
	CHECK_EQ(t_mmap(&a, 0, RW, ANON), -EINVAL);
	CHECK_EQ(t_mmap(&a, PAGE, RW, MAP_PRIVATE), -ENODEV);
	CHECK_EQ(t_mmap(&a, PAGE, RW, MAP_ANONYMOUS), -EINVAL);
	CHECK_EQ(t_mmap(&a, PAGE, RW, ANON | 0x4000), -EINVAL);
	CHECK_EQ(t_mmap(&a, PAGE, 0x80, ANON), -EINVAL);
	CHECK_EQ(t_mmap(&a, MM_DATA_MAX + PAGE, RW, ANON), -ENOMEM);
	a = 0x90000010u;
	CHECK_EQ(t_mmap(&a, PAGE, RW, ANON | MAP_FIXED), -EINVAL);
	a = 0xBF000000u;
	CHECK_EQ(t_mmap(&a, PAGE, RW, ANON | MAP_FIXED), -EINVAL);
	CHECK_EQ(t_munmap(0x90000010u, PAGE), -EINVAL);
	CHECK_EQ(t_munmap(0x90000000u, 0), -EINVAL);
	CHECK_EQ(t_munmap(0x90000000u, PAGE), 0);   /* nothing there: fine */
}

/* mm_dma: MM_MMAP with PHYS as mm_mmap.phys; *ADDR, *PHYS get the reply's
 * address and phys. */
static int mm_dma(vir_bytes *addr, uint32_t len, int flags, phys_bytes *phys)
{
	message m = { 0 };
	m.u.mm_mmap.len = len;
	m.u.mm_mmap.prot = RW;
	m.u.mm_mmap.flags = flags;
	m.u.mm_mmap.phys = *phys;
	int r = mm_request(MM_MMAP, &m);
	if (r == 0) {
		*addr = m.u.mm_mmap.addr;
		*phys = m.u.mm_mmap.phys;
	}
	return r;
}

/* For DMA drivers (dma.h): MAP_CONTIG gives zeroed pages and their
 * physical address, placed and unmapped like any mapping; MAP_PHYS maps
 * device memory only inside the caller's privilege memory ranges (a
 * process here has none: -EPERM, nothing recorded), page-aligned, not
 * with MAP_ANONYMOUS or MAP_CONTIG. */
TEST(mm_mmap_dma)
{
	vir_bytes a = 0, b = 0;
	phys_bytes phys = 0;
	CHECK_EQ(mm_dma(&a, 3 * PAGE, ANON | MAP_CONTIG, &phys), 0);
	CHECK(a >= 0x80000000u && a % PAGE == 0);
	CHECK(phys != 0 && phys % PAGE == 0);
	CHECK(all_bytes((void *) a, 3 * PAGE, 0));
	memset((void *) a, 0x22, 3 * PAGE);
	CHECK_EQ(t_munmap(a, 3 * PAGE), 0);
	expect_fault(a);
	phys = 0xFEB00000u;
	CHECK_EQ(mm_dma(&b, PAGE, MAP_SHARED | MAP_PHYS, &phys), -EPERM);
	phys = 0xA0000u;
	CHECK_EQ(mm_dma(&b, PAGE, MAP_SHARED | MAP_PHYS, &phys), -EPERM);
	phys = 0xFEB00010u;
	CHECK_EQ(mm_dma(&b, PAGE, MAP_SHARED | MAP_PHYS, &phys), -EINVAL);
	phys = 0xFEB00000u;
	CHECK_EQ(mm_dma(&b, PAGE, MAP_SHARED | MAP_PHYS | MAP_ANONYMOUS,
	    &phys), -EINVAL);
	CHECK_EQ(mm_dma(&b, PAGE, MAP_PRIVATE | MAP_CONTIG, &phys), -ENODEV);
	/* The refused mappings left no record: the next one goes where the
	 * first went. */
	vir_bytes c = 0;
	CHECK_EQ(t_mmap(&c, 3 * PAGE, RW, ANON), 0);
	CHECK_EQ(c, a);
	CHECK_EQ(t_munmap(c, 3 * PAGE), 0);
}

TEST(mm_mmap_fixed_replaces)
{
	vir_bytes a = 0x90000000u;
	CHECK_EQ(t_mmap(&a, 4 * PAGE, RW, ANON | MAP_FIXED), 0);
	CHECK_EQ(a, 0x90000000u);
	memset((void *) a, 0x22, 4 * PAGE);
	vir_bytes b = a + PAGE;
	CHECK_EQ(t_mmap(&b, 2 * PAGE, RW, ANON | MAP_FIXED), 0);
	CHECK_EQ(b, a + PAGE);
	CHECK(all_bytes((void *) a, PAGE, 0x22));
	CHECK(all_bytes((void *) (a + PAGE), 2 * PAGE, 0));
	CHECK(all_bytes((void *) (a + 3 * PAGE), PAGE, 0x22));
	CHECK_EQ(t_munmap(a, 4 * PAGE), 0);
}

TEST(mm_munmap_splits)
{
	vir_bytes a = 0;
	CHECK_EQ(t_mmap(&a, 4 * PAGE, RW, ANON), 0);
	memset((void *) a, 0x33, 4 * PAGE);
	CHECK_EQ(t_munmap(a + PAGE, 2 * PAGE), 0);
	CHECK(all_bytes((void *) a, PAGE, 0x33));
	CHECK(all_bytes((void *) (a + 3 * PAGE), PAGE, 0x33));
	expect_fault(a + PAGE);
	expect_fault(a + 2 * PAGE);
	/* Unmapping a range wider than what is left takes both pieces. */
	CHECK_EQ(t_munmap(a, 4 * PAGE), 0);
	expect_fault(a);
	expect_fault(a + 3 * PAGE);
	/* The space is free again. */
	vir_bytes b = a;
	CHECK_EQ(t_mmap(&b, 4 * PAGE, RW, ANON | MAP_FIXED), 0);
	CHECK(all_bytes((void *) b, 4 * PAGE, 0));
	CHECK_EQ(t_munmap(b, 4 * PAGE), 0);
}

TEST(mm_mapping_limits)
{
	/* Alternate protections so that neighbours cannot merge. */
	vir_bytes addr[32];
	for (int i = 0; i < 32; i++) {
		addr[i] = 0;
		CHECK_EQ(t_mmap(&addr[i], PAGE, i % 2 ? PROT_READ : RW, ANON), 0);
	}
	/* addr[31] is read-only: a writable page below it cannot merge. */
	vir_bytes extra = 0;
	CHECK_EQ(t_mmap(&extra, PAGE, RW, ANON), -ENOMEM);
	/* Splitting one would need a 33rd entry too. */
	CHECK_EQ(t_munmap(addr[31], PAGE), 0);
	vir_bytes big = 0;
	CHECK_EQ(t_mmap(&big, 3 * PAGE, PROT_READ, ANON), 0);
	CHECK_EQ(t_munmap(big + PAGE, PAGE), -ENOMEM);
	for (int i = 0; i < 31; i++)
		CHECK_EQ(t_munmap(addr[i], PAGE), 0);
	CHECK_EQ(t_munmap(big, 3 * PAGE), 0);
	/* MM_DATA_MAX counts heap and mappings together. */
	vir_bytes start, now;
	CHECK_EQ(t_brk(0, &start), 0);
	CHECK_EQ(t_brk(start + MM_DATA_MAX / 2, &now), 0);
	vir_bytes half = 0;
	CHECK_EQ(t_mmap(&half, MM_DATA_MAX / 2 + PAGE, RW, ANON), -ENOMEM);
	CHECK_EQ(t_mmap(&half, MM_DATA_MAX / 4, RW, ANON), 0);
	CHECK_EQ(t_munmap(half, MM_DATA_MAX / 4), 0);
	CHECK_EQ(t_brk(start, &now), 0);
}

/* readonly_writer: a helper that writes to the read-only page at ARG. */
static int readonly_writer(void *arg)
{
	*(volatile uint8_t *) arg = 1;
	return 0;
}

TEST(mm_mmap_readonly)
{
	vir_bytes a = 0;
	CHECK_EQ(t_mmap(&a, PAGE, PROT_READ, ANON), 0);
	CHECK(all_bytes((void *) a, PAGE, 0));
	int status = t_wait_status(t_child(readonly_writer, (void *) a));
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGSEGV);
	CHECK_EQ(t_munmap(a, PAGE), 0);
}

struct fork_view {
	vir_bytes heap, map;
};

/* fork_checker: the child sees its parent's heap and mapping contents, and
 * MM knows its break and mapping (it can shrink and unmap them). */
static int fork_checker(void *arg)
{
	struct fork_view *v = arg;
	vir_bytes now;
	if (!all_bytes((void *) v->heap, PAGE, 0x44) ||
	    !all_bytes((void *) v->map, 2 * PAGE, 0x55))
		return 10;
	memset((void *) v->map, 0x66, 2 * PAGE);
	if (t_brk(0, &now) != 0 || now != v->heap + PAGE)
		return 11;
	if (t_munmap(v->map, 2 * PAGE) != 0)
		return 12;
	vir_bytes again = v->map;
	if (t_mmap(&again, 2 * PAGE, RW, ANON | MAP_FIXED) != 0)
		return 13;
	if (!all_bytes((void *) v->map, 2 * PAGE, 0))
		return 14;
	if (t_brk(v->heap, &now) != 0)
		return 15;
	return 0;
}

TEST(mm_fork_copies_the_record)
{
	struct fork_view v;
	vir_bytes now;
	CHECK_EQ(t_brk(0, &v.heap), 0);
	CHECK_EQ(t_brk(v.heap + PAGE, &now), 0);
	memset((void *) v.heap, 0x44, PAGE);
	v.map = 0;
	CHECK_EQ(t_mmap(&v.map, 2 * PAGE, RW, ANON), 0);
	memset((void *) v.map, 0x55, 2 * PAGE);
	int status = t_wait_status(t_child(fork_checker, &v));
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	/* The child's changes were its own. */
	CHECK(all_bytes((void *) v.map, 2 * PAGE, 0x55));
	CHECK_EQ(t_brk(0, &now), 0);
	CHECK_EQ(now, v.heap + PAGE);
}

TEST(mm_info)
{
	struct mess_mm_info before, after;
	CHECK_EQ(t_mminfo(&before), 0);
	CHECK(before.total_kib >= 200 * 1024);
	CHECK(before.free_kib > 0 && before.free_kib <= before.total_kib);
	vir_bytes a = 0;
	CHECK_EQ(t_mmap(&a, 64 * PAGE, RW, ANON), 0);
	CHECK_EQ(t_mminfo(&after), 0);
	CHECK_EQ(after.used_kib, before.used_kib + 256);
	CHECK(after.free_kib <= before.free_kib - 256);
	CHECK_EQ(t_munmap(a, 64 * PAGE), 0);
	CHECK_EQ(t_mminfo(&after), 0);
	CHECK_EQ(after.used_kib, before.used_kib);
}

TEST(mm_pm_requests_only_from_pm)
{
	message m = { 0 };
	m.u.mm_pm.proc = sys_self();
	m.u.mm_pm.parent = sys_self();
	CHECK_EQ(mm_request(MM_PM_FORK, &m), -EPERM);
	CHECK_EQ(mm_request(MM_PM_EXEC, &m), -EPERM);
	CHECK_EQ(mm_request(MM_PM_EXIT, &m), -EPERM);
	CHECK_EQ(mm_request(MM_BASE + 50, &m), -ENOSYS);
}

/* hog: map and touch as much as MM allows, in 16 MiB steps, then wait to
 * be killed. Returns 1 if the kernel ran out (MM passed on its -ENOMEM). */
static int hog(void *arg)
{
	(void) arg;
	t_sleep(20, NULL);         /* until all hogs are forked */
	for (;;) {
		vir_bytes a = 0;
		int r = t_mmap(&a, 16u << 20, RW, ANON);
		if (r == -ENOMEM)
			break;
		if (r != 0)
			return 2;
	}
	t_sleep(100000, NULL);
	return 0;
}

TEST(mm_out_of_memory)
{
	/* Four hogs of up to MM_DATA_MAX each are more than the machine has
	 * (256 MiB): some mmap gets the kernel's -ENOMEM, nobody panics, and
	 * the memory comes back when they are gone. */
	struct mess_mm_info before, after;
	CHECK_EQ(t_mminfo(&before), 0);
	int pids[5];
	for (int i = 0; i < 5; i++)
		pids[i] = t_child(hog, NULL);
	struct mess_mm_info during;
	for (int i = 0; i < 100; i++) {
		CHECK_EQ(t_mminfo(&during), 0);
		if (during.free_kib < 16 * 1024)
			break;
		t_sleep(5, NULL);
	}
	CHECK(during.free_kib < 16 * 1024);
	for (int i = 0; i < 5; i++) {
		CHECK_EQ(t_kill(pids[i], SIGKILL), 0);
		int status = t_wait_status(pids[i]);
		CHECK(WIFSIGNALED(status));
		CHECK_EQ(WTERMSIG(status), SIGKILL);
	}
	CHECK_EQ(t_mminfo(&after), 0);
	CHECK(after.free_kib + 64 >= before.free_kib);
}
