/* Cases for SYS_VMMAP and SYS_VMUNMAP: fresh zeroed pages, read-only
 * pages, mapping into another process, -EEXIST / -EINVAL / -ENOMEM (with
 * everything undone), unmapping with holes, device memory (the VGA text
 * buffer), and that exit frees every frame a process had. Free memory is
 * compared through GET_KINFO, which only this case changes while it runs. */
#include <string.h>
#include "ktest.h"

#define MAP_AT    0x60000000u     /* far from the program and the stack */
#define PAGE      4096u
#define USER_MAP_TOP 0xBFF00000u   /* the bottom of the stack area */
#define VGA_TEXT  0xB8000u
#define MSG_GO    0x5801

/* free_kib: free memory now. */
static uint32_t free_kib(void)
{
	struct kinfo k;
	CHECK_EQ(sys_getinfo(GET_KINFO, SELF, &k, sizeof(k)), (int) sizeof(k));
	return k.mem_free_kib;
}

/* readable: whether [ADDR, ADDR+LEN) of EP is readable (by VIRCOPY). */
static int readable(endpoint_t ep, vir_bytes addr, size_t len)
{
	static uint8_t sink[PAGE];
	return sys_vircopy(ep, addr, SELF, (vir_bytes) sink,
	    len < sizeof(sink) ? len : sizeof(sink)) == 0;
}

/* Fresh pages are zeroed and writable; the reply tells the memory left;
 * unmapping gives every frame back (page tables included). */
TEST(vmmap_fresh)
{
	uint32_t before = free_kib(), left = 0;
	CHECK_OK(sys_vmmap(SELF, MAP_AT, 3 * PAGE, 1, &left));
	CHECK_EQ(left, free_kib());
	CHECK(left <= before - 12);
	volatile uint32_t *w = (volatile uint32_t *) MAP_AT;
	for (uint32_t i = 0; i < 3 * PAGE / 4; i++)
		CHECK_EQ(w[i], 0);
	w[0] = 0x1234;
	w[3 * PAGE / 4 - 1] = 0x5678;
	CHECK_EQ(w[0] + w[3 * PAGE / 4 - 1], 0x1234 + 0x5678);
	CHECK_OK(sys_vmunmap(SELF, MAP_AT, 3 * PAGE));
	CHECK(!readable(SELF, MAP_AT, 4));
	CHECK_EQ(free_kib(), before);
	/* Mapped again: zeroed again. */
	CHECK_OK(sys_vmmap(SELF, MAP_AT, PAGE, 1, NULL));
	CHECK_EQ(w[0], 0);
	CHECK_OK(sys_vmunmap(SELF, MAP_AT, PAGE));
	CHECK_EQ(free_kib(), before);
}

/* A page of the range mapped already: -EEXIST and nothing changes (the
 * free pages before it stay unmapped, the mapped one keeps its data). */
TEST(vmmap_eexist)
{
	uint32_t before = free_kib();
	CHECK_OK(sys_vmmap(SELF, MAP_AT + 2 * PAGE, PAGE, 1, NULL));
	*(volatile uint32_t *) (MAP_AT + 2 * PAGE) = 77;
	uint32_t mid = free_kib();
	CHECK_EQ(sys_vmmap(SELF, MAP_AT, 4 * PAGE, 1, NULL), -EEXIST);
	CHECK_EQ(sys_vmmap(SELF, MAP_AT + 2 * PAGE, PAGE, 1, NULL), -EEXIST);
	CHECK_EQ(free_kib(), mid);
	CHECK(!readable(SELF, MAP_AT, PAGE));
	CHECK(!readable(SELF, MAP_AT + PAGE, PAGE));
	CHECK(!readable(SELF, MAP_AT + 3 * PAGE, PAGE));
	CHECK_EQ(*(volatile uint32_t *) (MAP_AT + 2 * PAGE), 77);
	/* The program and the stack are mapped too. */
	CHECK_EQ(sys_vmmap(SELF, 0x40000000u, PAGE, 1, NULL), -EEXIST);
	CHECK_OK(sys_vmunmap(SELF, MAP_AT, 4 * PAGE));
	CHECK_EQ(free_kib(), before);
}

/* Read-only pages read as zeros, and refuse writes by the kernel on the
 * process's behalf (-EFAULT). */
TEST(vmmap_readonly)
{
	CHECK_OK(sys_vmmap(SELF, MAP_AT, PAGE, 0, NULL));
	CHECK_EQ(*(volatile uint32_t *) MAP_AT, 0);
	uint32_t v = 1;
	CHECK_EQ(sys_vircopy(SELF, (vir_bytes) &v, SELF, MAP_AT, 4), -EFAULT);
	CHECK_OK(sys_vmunmap(SELF, MAP_AT, PAGE));
}

/* Writing a read-only mapped page faults (SIGSEGV). */
TEST_SIGNAL(vmmap_readonly_write, SIGSEGV)
{
	CHECK_OK(sys_vmmap(SELF, MAP_AT, PAGE, 0, NULL));
	*(volatile uint32_t *) MAP_AT = 1;
}

/* Bad arguments are -EINVAL (unaligned, empty, outside USER_BASE ..
 * USER_MAP_TOP, unknown flags, a physical range outside 0xA0000-0xFFFFF or
 * unaligned), bad endpoints -EINVAL / -EDEADSRCDST, device memory for
 * another process -EPERM; nothing is mapped by any of them. */
TEST(vmmap_einval)
{
	uint32_t before = free_kib();
	CHECK_EQ(sys_vmmap(SELF, MAP_AT + 1, PAGE, 1, NULL), -EINVAL);
	CHECK_EQ(sys_vmmap(SELF, MAP_AT, PAGE + 1, 1, NULL), -EINVAL);
	CHECK_EQ(sys_vmmap(SELF, MAP_AT, 0, 1, NULL), -EINVAL);
	CHECK_EQ(sys_vmmap(SELF, 0x3ffff000u, PAGE, 1, NULL), -EINVAL);
	CHECK_EQ(sys_vmmap(SELF, 0x1000, PAGE, 1, NULL), -EINVAL);
	CHECK_EQ(sys_vmmap(SELF, USER_MAP_TOP, PAGE, 1, NULL), -EINVAL);
	CHECK_EQ(sys_vmmap(SELF, USER_MAP_TOP - PAGE, 2 * PAGE, 1, NULL),
	    -EINVAL);
	CHECK_EQ(sys_vmmap(SELF, 0xC0000000u, PAGE, 1, NULL), -EINVAL);
	CHECK_EQ(sys_vmmap(SELF, MAP_AT, 0xFFFFF000u, 1, NULL), -EINVAL);
	CHECK_EQ(sys_vmmap(NONE, MAP_AT, PAGE, 1, NULL), -EINVAL);
	message m;
	memset(&m, 0, sizeof(m));
	m.u.kc_vmmap.endpoint = SELF;
	m.u.kc_vmmap.addr = MAP_AT;
	m.u.kc_vmmap.len = PAGE;
	m.u.kc_vmmap.flags = 0x100;
	CHECK_EQ(_kernel_call(SYS_VMMAP, &m), -EINVAL);
	CHECK_EQ(m.u.kc_vmmap.free_kib, before);

	CHECK_EQ(sys_vmmap_phys(MAP_AT, 0x9F000, PAGE), -EINVAL);
	CHECK_EQ(sys_vmmap_phys(MAP_AT, 0x100000, PAGE), -EINVAL);
	CHECK_EQ(sys_vmmap_phys(MAP_AT, 0xFF000, 2 * PAGE), -EINVAL);
	CHECK_EQ(sys_vmmap_phys(MAP_AT, 0xB8800, PAGE), -EINVAL);
	CHECK_EQ(sys_vmmap_phys(MAP_AT, 0x1000, PAGE), -EINVAL);
	memset(&m, 0, sizeof(m));
	m.u.kc_vmmap.endpoint = ktest_runner;
	m.u.kc_vmmap.addr = MAP_AT;
	m.u.kc_vmmap.len = PAGE;
	m.u.kc_vmmap.flags = VMMAP_PHYS;
	m.u.kc_vmmap.phys = 0xA0000;
	CHECK_EQ(_kernel_call(SYS_VMMAP, &m), -EPERM);

	CHECK_EQ(sys_vmunmap(SELF, MAP_AT + 1, PAGE), -EINVAL);
	CHECK_EQ(sys_vmunmap(SELF, MAP_AT, 5), -EINVAL);
	CHECK_EQ(sys_vmunmap(SELF, 0x1000, PAGE), -EINVAL);
	CHECK_EQ(sys_vmunmap(SELF, USER_MAP_TOP, PAGE), -EINVAL);
	CHECK_EQ(sys_vmunmap(NONE, MAP_AT, PAGE), -EINVAL);
	CHECK(!readable(SELF, MAP_AT, PAGE));
	CHECK_EQ(free_kib(), before);
}

/* More than the memory there is: -ENOMEM, and everything the call mapped
 * before running out (pages and page tables) is given back. */
TEST(vmmap_enomem)
{
	uint32_t before = free_kib();
	uint32_t len = USER_MAP_TOP - 0x48000000u;    /* about 1.9 GiB */
	CHECK(len / 1024 > before);
	uint32_t left = 0;
	CHECK_EQ(sys_vmmap(SELF, 0x48000000u, len, 1, &left), -ENOMEM);
	CHECK_EQ(left, before);
	CHECK_EQ(free_kib(), before);
	CHECK(!readable(SELF, 0x48000000u, PAGE));
	/* Memory is usable again afterwards. */
	CHECK_OK(sys_vmmap(SELF, MAP_AT, PAGE, 1, NULL));
	CHECK_OK(sys_vmunmap(SELF, MAP_AT, PAGE));
}

/* Unmapping skips holes and ranges with nothing at all; page tables left
 * empty are freed. */
TEST(vmunmap_holes)
{
	uint32_t before = free_kib();
	CHECK_OK(sys_vmmap(SELF, MAP_AT, PAGE, 1, NULL));
	CHECK_OK(sys_vmmap(SELF, MAP_AT + 2 * PAGE, PAGE, 1, NULL));
	CHECK_OK(sys_vmmap(SELF, MAP_AT + 0x800000u, PAGE, 1, NULL));
	CHECK_OK(sys_vmunmap(SELF, MAP_AT, 0x1000000u));
	CHECK(!readable(SELF, MAP_AT + 2 * PAGE, PAGE));
	CHECK_EQ(free_kib(), before);
	CHECK_OK(sys_vmunmap(SELF, 0x70000000u, 0x400000u));
	CHECK_EQ(free_kib(), before);
}

/* await_go: helper that waits for MSG_GO from the process given as ARG,
 * then exits with the word at MAP_AT (mapped for it by the case). */
static void await_go(void *arg)
{
	message m;
	CHECK_OK(ipc_receive(ARG_EP(arg), &m));
	CHECK_EQ(m.m_type, MSG_GO);
	sys_exit((int) *(volatile uint32_t *) MAP_AT);
}

/* Mapping into another process (as MM does): it sees the page, which the
 * caller fills with VIRCOPY; unmapping there works too. */
TEST(vmmap_other)
{
	uint32_t before = free_kib();
	endpoint_t h = ktest_spawn(await_go, EP_ARG(ktest_self()));
	CHECK_OK(sys_vmmap(h, MAP_AT, 2 * PAGE, 1, NULL));
	CHECK(!readable(SELF, MAP_AT, 4));
	uint32_t v = 33;
	CHECK_OK(sys_vircopy(SELF, (vir_bytes) &v, h, MAP_AT, 4));
	CHECK_OK(sys_vmunmap(h, MAP_AT + PAGE, PAGE));
	CHECK(readable(h, MAP_AT, PAGE));
	CHECK(!readable(h, MAP_AT + PAGE, 4));
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = MSG_GO;
	CHECK_OK(ipc_send(h, &m));
	CHECK_EQ(ktest_reap_exit(h), 33);
	CHECK_EQ(free_kib(), before);
}

/* map_and_exit: helper that maps pages and device memory, forks a child
 * that shares the device page, and exits without unmapping anything. */
static void map_and_exit(void *arg)
{
	(void) arg;
	CHECK_OK(sys_vmmap(SELF, MAP_AT, 8 * PAGE, 1, NULL));
	CHECK_OK(sys_vmmap(SELF, MAP_AT + 0x1000000u, PAGE, 1, NULL));
	CHECK_OK(sys_vmmap_phys(0x70000000u, 0xA0000, 2 * PAGE));
	*(volatile uint32_t *) (MAP_AT + 7 * PAGE) = 1;
	endpoint_t c = ktest_fork();
	if (c == 0)
		sys_exit(*(volatile uint32_t *) (MAP_AT + 7 * PAGE) == 1 ? 0 : 1);
	CHECK_EQ(ktest_reap_exit(c), 0);
}

/* An exit frees every frame the process owned (program, stack, page
 * tables, mapped pages) and none of its device pages: free memory is back
 * where it was after each fork + exit and vmmap + exit cycle. */
TEST(vmmap_exit_frees)
{
	uint32_t before = free_kib();
	for (int i = 0; i < 3; i++) {
		endpoint_t c = ktest_fork();
		if (c == 0)
			sys_exit(0);
		CHECK_EQ(ktest_reap_exit(c), 0);
		CHECK_EQ(free_kib(), before);
	}
	for (int i = 0; i < 3; i++) {
		endpoint_t h = ktest_spawn(map_and_exit, NULL);
		CHECK_EQ(ktest_reap_exit(h), 0);
		CHECK_EQ(free_kib(), before);
	}
}

/* Device memory: the VGA text buffer maps (the kernel console hands the
 * screen over and says so), a fork shares it rather than copying it, and
 * unmapping it frees no frame into the pool. */
TEST(vmmap_phys_vga)
{
	uint32_t before = free_kib();
	CHECK_OK(sys_vmmap_phys(MAP_AT, VGA_TEXT, PAGE));
	volatile uint16_t *screen = (volatile uint16_t *) MAP_AT;
	uint32_t with_table = free_kib();
	CHECK(with_table <= before - 4);         /* a page table, no frame */
	CHECK(with_table >= before - 8);
	screen[0] = 0x0700 | 'K';
	CHECK_EQ(screen[0], 0x0700 | 'K');
	endpoint_t c = ktest_fork();
	if (c == 0) {
		screen[1] = 0x0700 | 'T';          /* shared with the parent */
		sys_exit(0);
	}
	CHECK_EQ(ktest_reap_exit(c), 0);
	CHECK_EQ(screen[1], 0x0700 | 'T');
	CHECK_EQ(free_kib(), with_table);
	CHECK_EQ(sys_vmmap_phys(MAP_AT, VGA_TEXT, PAGE), -EEXIST);
	CHECK_OK(sys_vmunmap(SELF, MAP_AT, PAGE));
	CHECK_EQ(free_kib(), before);
	static char log[200];
	int n = sys_getklog(log, sizeof(log) - 1, NULL);
	CHECK(n > 0);
	log[n] = '\0';
	static const char said[] = "console: VGA handed to ktest\n";
	int found = 0;
	for (int i = 0; i + (int) sizeof(said) - 1 <= n && !found; i++)
		found = memcmp(log + i, said, sizeof(said) - 1) == 0;
	CHECK(found);
}
