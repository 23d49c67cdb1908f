/* Host test of MM's kept-state check (os/servers/mm/check.c, with its
 * records in proc.c): built with the host gcc (-m32) against a fake kernel
 * kept here (one process's proc_info, and the pages it has mapped, which
 * sys_vircopy can read), run by os/tests/test_mm_check_host.py. Each case
 * builds one record and corrupts one thing; the check must refuse it and
 * say what. Cases run on the test kit (os/tests/kit) in process. */
#include "../state_check.h"
#include "mm.h"

#define SLOT 20
#define AS_ID 77
#define IMAGE_END 0x40012345u
#define NR_MAPPED 8

/* ---- the fake kernel: one live process and its mapped pages ---------- */

static struct proc_info proc;
static struct { vir_bytes start, end; } mapped[NR_MAPPED];
static int nr_mapped;

int sys_getinfo(int request, endpoint_t ep, void *buf, size_t len)
{
	if (request != GET_PROC || len < sizeof(proc) || ep != proc.endpoint)
		return -EINVAL;
	memcpy(buf, &proc, sizeof(proc));
	return (int) sizeof(proc);
}

int sys_vircopy(endpoint_t src, vir_bytes src_addr, endpoint_t dst,
    vir_bytes dst_addr, size_t bytes)
{
	(void) dst;
	(void) dst_addr;
	if (src != proc.endpoint || bytes != 1)
		return -EFAULT;
	for (int i = 0; i < nr_mapped; i++)
		if (src_addr >= mapped[i].start && src_addr < mapped[i].end) {
			*(char *) dst_addr = 0;
			return 0;
		}
	return -EFAULT;
}

/* map: the kernel has [START, END) mapped. */
static void map(vir_bytes start, vir_bytes end)
{
	mapped[nr_mapped].start = start;
	mapped[nr_mapped].end = end;
	nr_mapped++;
}

/* ---- a consistent record, and the check's answer --------------------- */

/* setup: slot SLOT holds a process with a heap of 3 pages and two
 * mappings, all mapped in the fake kernel; returns its record. */
static struct mm_proc *setup(void)
{
	for (int i = 0; i < MM_NR_PROCS; i++)
		memset(mm_proc_slot(i), 0, sizeof(struct mm_proc));
	memset(&proc, 0, sizeof(proc));
	nr_mapped = 0;
	proc.endpoint = ep_make(SLOT, 3);
	proc.slot = SLOT;
	proc.as_id = AS_ID;
	proc.brk = IMAGE_END;
	struct mm_proc *p = mm_proc_slot(SLOT);
	p->ep = proc.endpoint;
	p->as_id = AS_ID;
	p->heap_start = mm_page_up(IMAGE_END);
	p->brk = p->heap_start + 2 * MM_PAGE + 100;
	map(p->heap_start, p->heap_start + 3 * MM_PAGE);
	p->nr_maps = 2;
	p->maps[0] = (struct mm_region) { 0xB0000000u, 0xB0003000u, 1 };
	p->maps[1] = (struct mm_region) { 0xB0005000u, 0xB0006000u, 0 };
	map(0xB0000000u, 0xB0003000u);
	map(0xB0005000u, 0xB0006000u);
	return p;
}

/* refused: the check refuses the state, and its reason says WHAT. */
#define refused(what) STATE_REFUSED(mm_state_check, what)

TEST(a_consistent_state_passes)
{
	setup();
	CHECK_EQ(mm_state_check(why, sizeof(why)), 0);
	CHECK_EQ(mm_count_records(), 1);
	/* A stale record (the process exec'd since) is not checked against
	 * the kernel: it starts over when MM next hears of the slot. */
	proc.as_id = AS_ID + 1;
	proc.brk = 0x40100000u;
	nr_mapped = 0;
	CHECK_EQ(mm_state_check(why, sizeof(why)), 0);
	/* Device memory is never read. */
	setup()->maps[1].writable = MM_DEVICE;
	nr_mapped = 2;
	CHECK_EQ(mm_state_check(why, sizeof(why)), 0);
}

TEST(overlapping_or_unsorted_mappings_are_refused)
{
	setup()->maps[1].start = 0xB0002000u;
	CHECK(refused("mapping 1"));
	struct mm_proc *p = setup();
	struct mm_region r = p->maps[0];
	p->maps[0] = p->maps[1];
	p->maps[1] = r;
	CHECK(refused("mapping 1"));
	setup()->maps[0].end = 0xB0000800u;
	CHECK(refused("mapping 0"));
	setup()->maps[1].end = MM_MAP_TOP + MM_PAGE;
	CHECK(refused("mapping 1"));
	setup()->maps[0].writable = 7;
	CHECK(refused("mapping 0"));
}

TEST(a_bad_heap_or_count_is_refused)
{
	struct mm_proc *p = setup();
	p->brk = p->heap_start - 1;
	CHECK(refused("heap"));
	setup()->heap_start += 12;
	CHECK(refused("heap"));
	setup()->nr_maps = MM_MAX_MAPS + 1;
	CHECK(refused("33 mappings"));
	setup()->nr_maps = -1;
	CHECK(refused("mappings"));
	p = setup();
	p->brk = p->heap_start + MM_DATA_MAX;
	map(p->heap_start, p->heap_start + MM_DATA_MAX);
	CHECK(refused("bytes used"));
}

TEST(a_record_in_another_slot_is_refused)
{
	struct mm_proc *p = setup();
	*mm_proc_slot(SLOT + 1) = *p;
	CHECK(refused("slot 21"));
}

TEST(disagreeing_with_the_kernel_is_refused)
{
	setup();
	proc.brk = IMAGE_END + MM_PAGE;
	CHECK(refused("image ends"));
	setup();
	nr_mapped = 2;             /* the mappings, not the heap */
	mapped[0] = mapped[1];
	mapped[1].start = 0xB0005000u;
	mapped[1].end = 0xB0006000u;
	CHECK(refused("heap page"));
	setup();
	mapped[1].end = 0xB0002000u;     /* the first mapping's last page */
	CHECK(refused("not mapped"));
}

STATE_CHECK_MAIN("mm_host")
