/* Cases for what DMA drivers get from the kernel: physically contiguous
 * zeroed pages (SYS_VMMAP VMMAP_CONTIG), the physical address of the
 * caller's own memory only (SYS_UMAP), device memory ranges added to a
 * process's privileges (SYS_PRIVADD) and mapped only inside them
 * (VMMAP_PHYS), and PCI IRQ lines: lines 9-11 controlled, and a line
 * shared by two holders that is unmasked only when both have enabled it
 * again. */
#include <string.h>
#include "ktest.h"

#define MAP_AT    0x60000000u
#define PAGE      4096u
#define BAR       0xFEB00000u      /* above RAM, like QEMU's PCI BARs */
#define BAR_LEN   0x20000u         /* 128 KiB: the e1000's BAR 0 */
#define MSG_GO    0x5d01
#define MSG_GOT   0x5d02

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71
#define CMOS_NMI_OFF 0x80
#define RTC_REG_A  0x0a
#define RTC_REG_B  0x0b
#define RTC_REG_C  0x0c
#define RTC_PIE    0x40
#define RTC_RATE   0x0b            /* 32 Hz */
#define RTC_IRQ    8

static uint32_t free_kib(void)
{
	struct kinfo k;
	CHECK_EQ(sys_getinfo(GET_KINFO, SELF, &k, sizeof(k)), (int) sizeof(k));
	return k.mem_free_kib;
}

/* Contiguous pages are zeroed, usable, physically contiguous (SYS_UMAP
 * says so for any sub-range, at the right offset), and given back by
 * unmapping. */
TEST(dma_contig)
{
	uint32_t before = free_kib();
	phys_bytes phys = 0, p2 = 0;
	CHECK_OK(sys_vmmap_contig(SELF, MAP_AT, 8 * PAGE, &phys));
	CHECK(phys != 0);
	CHECK_EQ(phys & (PAGE - 1), 0);
	volatile uint32_t *w = (volatile uint32_t *) MAP_AT;
	for (uint32_t i = 0; i < 8 * PAGE / 4; i++)
		CHECK_EQ(w[i], 0);
	w[5] = 0xabcd;
	CHECK_EQ(w[5], 0xabcd);
	CHECK_OK(sys_umap((const void *) MAP_AT, 8 * PAGE, &p2));
	CHECK_EQ(p2, phys);
	CHECK_OK(sys_umap((const void *) (MAP_AT + 3 * PAGE + 100),
	    4 * PAGE, &p2));
	CHECK_EQ(p2, phys + 3 * PAGE + 100);
	CHECK(free_kib() <= before - 32);       /* and a page table */
	CHECK_EQ(sys_vmmap_contig(SELF, MAP_AT, PAGE, &p2), -EEXIST);
	CHECK_OK(sys_vmunmap(SELF, MAP_AT, 8 * PAGE));
	CHECK_EQ(free_kib(), before);
	/* A page more than all free memory: -ENOMEM, nothing kept. */
	uint32_t too_much = (before / 4 + 1) * PAGE;
	CHECK(too_much < 0xB0000000u - MAP_AT);
	CHECK_EQ(sys_vmmap_contig(SELF, MAP_AT, too_much, &p2), -ENOMEM);
	CHECK_EQ(free_kib(), before);
}

/* SYS_UMAP: len 0 is -EINVAL; unmapped, kernel and device pages are
 * -EFAULT; two pages that are not physically in order are -EINVAL. */
TEST(umap_errors)
{
	phys_bytes p;
	CHECK_EQ(sys_umap((const void *) MAP_AT, 0, &p), -EINVAL);
	CHECK_EQ(sys_umap((const void *) MAP_AT, 4, &p), -EFAULT);
	CHECK_EQ(sys_umap((const void *) 0x1000, 4, &p), -EFAULT);
	CHECK_EQ(sys_umap((const void *) 0xC0000000u, 4, &p), -EFAULT);
	CHECK_EQ(sys_umap((const void *) 0xFFFFF000u, 0x2000, &p), -EFAULT);
	/* The second page's frame is allocated first: first fit puts the
	 * first page's above it, so the two are not in order. */
	phys_bytes hi, lo;
	CHECK_OK(sys_vmmap_contig(SELF, MAP_AT + PAGE, PAGE, &lo));
	CHECK_OK(sys_vmmap_contig(SELF, MAP_AT, PAGE, &hi));
	CHECK(hi != lo - PAGE);
	CHECK_OK(sys_umap((const void *) MAP_AT, PAGE, &p));
	CHECK_EQ(p, hi);
	CHECK_EQ(sys_umap((const void *) (MAP_AT + PAGE - 4), 8, &p), -EINVAL);
	CHECK_OK(sys_vmunmap(SELF, MAP_AT, 2 * PAGE));
	/* Device memory is not the caller's memory. */
	CHECK_OK(sys_vmmap_phys(MAP_AT, 0xA0000, PAGE));
	CHECK_EQ(sys_umap((const void *) MAP_AT, 4, &p), -EFAULT);
	CHECK_OK(sys_vmunmap(SELF, MAP_AT, PAGE));
}

/* await_go: helper that waits for MSG_GO from the process given as ARG. */
static void await_go(void *arg)
{
	message m;
	CHECK_OK(ipc_receive(ARG_EP(arg), &m));
	CHECK_EQ(m.m_type, MSG_GO);
}

static void send_go(endpoint_t h)
{
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = MSG_GO;
	CHECK_OK(ipc_send(h, &m));
}

/* SYS_UMAP answers only for the caller's memory: an address mapped in
 * another process (and not in the caller) is -EFAULT. */
TEST(umap_not_others)
{
	endpoint_t h = ktest_spawn(await_go, EP_ARG(ktest_self()));
	CHECK_OK(sys_vmmap_contig(h, MAP_AT, PAGE, NULL));
	phys_bytes p;
	CHECK_EQ(sys_umap((const void *) MAP_AT, 4, &p), -EFAULT);
	send_go(h);
	CHECK_EQ(ktest_reap_exit(h), 0);
}

/* SYS_PRIVADD MEM: a page-aligned range above RAM goes into the target's
 * privileges (PRIVCTL_GET shows it; adding it again changes nothing);
 * RAM, unaligned, empty or wrapping ranges are -EINVAL; a ninth range is
 * -ENOSPC. Then device memory maps for the process only inside its
 * ranges: the BAR yes, the page after it or RAM no (-EPERM for another
 * process, as MM would ask; -EINVAL for the caller itself, as before). */
TEST(privadd_mem)
{
	endpoint_t h = ktest_spawn(await_go, EP_ARG(ktest_self()));
	struct priv_spec spec;
	CHECK_OK(sys_privadd(h, PRIVADD_MEM, BAR, BAR + BAR_LEN - 1));
	CHECK_OK(sys_privadd(h, PRIVADD_MEM, BAR, BAR + PAGE - 1));
	CHECK_OK(sys_privctl(h, PRIVCTL_GET, &spec));
	CHECK_EQ(spec.nr_mem, 1);
	CHECK_EQ(spec.mem[0].base, BAR);
	CHECK_EQ(spec.mem[0].last, BAR + BAR_LEN - 1);
	CHECK_EQ(sys_privadd(h, PRIVADD_MEM, 0x200000, 0x200FFF), -EINVAL);
	CHECK_EQ(sys_privadd(h, PRIVADD_MEM, 0, 0xFFF), -EINVAL);
	CHECK_EQ(sys_privadd(h, PRIVADD_MEM, BAR + 4, BAR + PAGE - 1), -EINVAL);
	CHECK_EQ(sys_privadd(h, PRIVADD_MEM, BAR, BAR + 10), -EINVAL);
	CHECK_EQ(sys_privadd(h, PRIVADD_MEM, BAR + PAGE, BAR), -EINVAL);
	CHECK_EQ(sys_privadd(h, PRIVADD_MEM, 0xFFFFF000u, 0xFFFFFFFFu), 0);
	CHECK_EQ(sys_privadd(h, 99, BAR, BAR + PAGE - 1), -EINVAL);
	CHECK_EQ(sys_privadd(NONE, PRIVADD_MEM, BAR, BAR + PAGE - 1), -EINVAL);
	for (uint32_t i = 2; i < PRIV_MEM_RANGES; i++)
		CHECK_OK(sys_privadd(h, PRIVADD_MEM, 0xF0000000u + i * PAGE,
		    0xF0000000u + i * PAGE + PAGE - 1));
	CHECK_EQ(sys_privadd(h, PRIVADD_MEM, 0xE0000000u, 0xE0000FFFu),
	    -ENOSPC);

	CHECK_OK(sys_vmmap_dev(h, MAP_AT, BAR, BAR_LEN));
	CHECK_EQ(sys_vmmap_dev(h, MAP_AT + BAR_LEN, BAR + BAR_LEN, PAGE),
	    -EPERM);
	CHECK_EQ(sys_vmmap_dev(h, MAP_AT + BAR_LEN, BAR + BAR_LEN - PAGE,
	    2 * PAGE), -EPERM);
	CHECK_EQ(sys_vmmap_dev(h, MAP_AT + BAR_LEN, 0x200000, PAGE), -EPERM);
	CHECK_EQ(sys_vmmap_dev(h, MAP_AT + BAR_LEN, 0xA0000, PAGE), -EPERM);
	/* The caller has no such range. */
	CHECK_EQ(sys_vmmap_dev(SELF, MAP_AT, BAR, PAGE), -EINVAL);
	CHECK_EQ(sys_vmmap_phys(MAP_AT, BAR, PAGE), -EINVAL);
	send_go(h);
	CHECK_EQ(ktest_reap_exit(h), 0);
}

/* A process maps its own device range (mmio_map), uncached, and not a
 * page outside it nor RAM; the device pages are not its memory for
 * SYS_UMAP. */
TEST(mmio_own_range)
{
	CHECK_OK(sys_privadd(SELF, PRIVADD_MEM, BAR, BAR + 2 * PAGE - 1));
	CHECK_OK(sys_vmmap_dev(SELF, MAP_AT, BAR, 2 * PAGE));
	phys_bytes p;
	CHECK_EQ(sys_umap((const void *) MAP_AT, 4, &p), -EFAULT);
	CHECK_EQ(sys_vmmap_dev(SELF, MAP_AT + 2 * PAGE, BAR + PAGE, 2 * PAGE),
	    -EINVAL);
	CHECK_EQ(sys_vmmap_dev(SELF, MAP_AT + 2 * PAGE, 0x100000, PAGE),
	    -EINVAL);
	CHECK_OK(sys_vmunmap(SELF, MAP_AT, 2 * PAGE));
}

/* SYS_PRIVADD IO and IRQ: the ports and the line (shareable) appear in
 * the privileges; bad ranges and lines are -EINVAL. */
TEST(privadd_io_irq)
{
	endpoint_t h = ktest_spawn(await_go, EP_ARG(ktest_self()));
	struct priv_spec spec;
	CHECK_OK(sys_privctl(h, PRIVCTL_GET, &spec));
	spec.nr_io = 0;
	spec.irqs = 0;
	CHECK_OK(sys_privctl(h, PRIVCTL_SET, &spec));
	CHECK_OK(sys_privadd(h, PRIVADD_IO, 0xC000, 0xC03F));
	CHECK_OK(sys_privadd(h, PRIVADD_IO, 0xC000, 0xC00F));
	CHECK_OK(sys_privadd(h, PRIVADD_IRQ, 11, 0));
	CHECK_EQ(sys_privadd(h, PRIVADD_IO, 0xC040, 0xC000), -EINVAL);
	CHECK_EQ(sys_privadd(h, PRIVADD_IO, 0xFFF0, 0x10000), -EINVAL);
	CHECK_EQ(sys_privadd(h, PRIVADD_IRQ, 0, 0), -EINVAL);
	CHECK_EQ(sys_privadd(h, PRIVADD_IRQ, 2, 0), -EINVAL);
	CHECK_EQ(sys_privadd(h, PRIVADD_IRQ, 16, 0), -EINVAL);
	CHECK_OK(sys_privctl(h, PRIVCTL_GET, &spec));
	CHECK_EQ(spec.nr_io, 1);
	CHECK_EQ(spec.io[0].base, 0xC000);
	CHECK_EQ(spec.io[0].last, 0xC03F);
	CHECK_EQ(spec.irqs, 1u << 11);
	CHECK_EQ(spec.irqs_shared, 1u << 11);
	send_go(h);
	CHECK_EQ(ktest_reap_exit(h), 0);
}

/* Without SYS_PRIVADD / SYS_UMAP in the kernel-call mask: -ECALLDENIED. */
TEST(privadd_umap_denied)
{
	struct priv_spec spec;
	CHECK_OK(sys_privctl(ktest_self(), PRIVCTL_GET, &spec));
	int a = SYS_PRIVADD - KCALL_BASE, u = SYS_UMAP - KCALL_BASE;
	spec.kcalls[a / 32] &= ~(1u << (a % 32));
	spec.kcalls[u / 32] &= ~(1u << (u % 32));
	CHECK_OK(sys_privctl(ktest_self(), PRIVCTL_SET, &spec));
	phys_bytes p;
	CHECK_EQ(sys_privadd(SELF, PRIVADD_IRQ, 11, 0), -ECALLDENIED);
	CHECK_EQ(sys_umap(&spec, 4, &p), -ECALLDENIED);
}

/* The PCI lines 9, 10 and 11 can be routed, enabled, disabled, enabled
 * again and released. */
TEST(irq_pci_lines)
{
	for (int irq = 9; irq <= 11; irq++) {
		CHECK_OK(sys_irqctl(IRQ_SETPOLICY, irq));
		CHECK_OK(sys_irqctl(IRQ_DISABLE, irq));
		CHECK_OK(sys_irqctl(IRQ_ENABLE, irq));
		CHECK_OK(sys_irqctl(IRQ_ENABLE, irq));
		CHECK_OK(sys_irqctl(IRQ_RMPOLICY, irq));
		CHECK_EQ(sys_irqctl(IRQ_ENABLE, irq), -EPERM);
	}
}

static uint8_t cmos_read(uint8_t reg)
{
	uint32_t v;
	CHECK_OK(sys_out(CMOS_INDEX, CMOS_NMI_OFF | reg, 1));
	CHECK_OK(sys_in(CMOS_DATA, &v, 1));
	return (uint8_t) v;
}

static void cmos_write(uint8_t reg, uint8_t value)
{
	CHECK_OK(sys_out(CMOS_INDEX, CMOS_NMI_OFF | reg, 1));
	CHECK_OK(sys_out(CMOS_DATA, value, 1));
}

/* await_irq: the next HARDWARE notification (at most 2 s, by an alarm),
 * which must name the RTC line. */
static void await_irq(void)
{
	CHECK_OK(sys_setalarm(2 * ktest_hz(), 0, NULL));
	message m;
	CHECK_OK(ktest_receive_any(&m));
	if (m.m_source == CLOCK)
		FAIL("no RTC interrupt within 2 seconds");
	CHECK_EQ(m.m_source, HARDWARE);
	CHECK(m.u.notify.irqs & (1u << RTC_IRQ));
	CHECK_OK(sys_setalarm(0, 0, NULL));
}

/* await_both: the next RTC interrupt and helper H's MSG_GOT saying it got
 * it too, in either order (at most 2 s, by an alarm). */
static void await_both(endpoint_t h)
{
	int irq = 0, got = 0;
	CHECK_OK(sys_setalarm(2 * ktest_hz(), 0, NULL));
	while (!irq || !got) {
		message m;
		CHECK_OK(ktest_receive_any(&m));
		if (m.m_source == CLOCK)
			FAIL("no shared RTC interrupt within 2 seconds");
		if (m.m_source == HARDWARE) {
			CHECK(m.u.notify.irqs & (1u << RTC_IRQ));
			irq = 1;
		} else {
			CHECK_EQ(m.m_source, h);
			CHECK_EQ(m.m_type, MSG_GOT);
			got = 1;
		}
	}
	CHECK_OK(sys_setalarm(0, 0, NULL));
}

/* share_rtc: helper holding the RTC line shared; it reports each
 * interrupt to ARG and enables the line again when told MSG_GO, twice,
 * then waits for a last MSG_GO. */
static void share_rtc(void *arg)
{
	endpoint_t boss = ARG_EP(arg);
	CHECK_OK(sys_privadd(SELF, PRIVADD_IRQ, RTC_IRQ, 0));
	CHECK_OK(sys_irqctl(IRQ_SETPOLICY, RTC_IRQ));
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = MSG_GOT;
	CHECK_OK(ipc_send(boss, &m));          /* holding it */
	for (int i = 0; i < 2; i++) {
		await_irq();
		memset(&m, 0, sizeof(m));
		m.m_type = MSG_GOT;
		CHECK_OK(ipc_send(boss, &m));
		CHECK_OK(ipc_receive(boss, &m));
		CHECK_EQ(m.m_type, MSG_GO);
		CHECK_OK(sys_irqctl(IRQ_ENABLE, RTC_IRQ));
	}
	CHECK_OK(ipc_receive(boss, &m));
	CHECK_EQ(m.m_type, MSG_GO);
}

/* A line shareable for both (PRIVADD IRQ) takes a second holder instead of
 * -EBUSY; an interrupt reaches both; the line comes back only when both
 * enabled it (the next interrupt arrives after the helper's enable, the
 * last one). A holder without the shareable bit is still -EBUSY. */
TEST(irq_shared)
{
	endpoint_t h = ktest_spawn(share_rtc, EP_ARG(ktest_self()));
	message m;
	CHECK_OK(ipc_receive(h, &m));
	CHECK_EQ(m.m_type, MSG_GOT);
	CHECK_EQ(sys_irqctl(IRQ_SETPOLICY, RTC_IRQ), -EBUSY);
	CHECK_OK(sys_privadd(SELF, PRIVADD_IRQ, RTC_IRQ, 0));
	CHECK_OK(sys_irqctl(IRQ_SETPOLICY, RTC_IRQ));

	uint8_t a = cmos_read(RTC_REG_A);
	uint8_t b = cmos_read(RTC_REG_B);
	cmos_write(RTC_REG_A, (uint8_t) ((a & 0xf0) | RTC_RATE));
	(void) cmos_read(RTC_REG_C);
	cmos_write(RTC_REG_B, b | RTC_PIE);
	for (int i = 0; i < 2; i++) {
		await_both(h);                      /* we got it, and so did h */
		(void) cmos_read(RTC_REG_C);        /* acknowledge the RTC */
		CHECK_OK(sys_irqctl(IRQ_ENABLE, RTC_IRQ));
		memset(&m, 0, sizeof(m));
		m.m_type = MSG_GO;
		CHECK_OK(ipc_send(h, &m));          /* h enables it last */
	}
	cmos_write(RTC_REG_B, b & ~RTC_PIE);
	(void) cmos_read(RTC_REG_C);
	cmos_write(RTC_REG_A, a);
	CHECK_OK(sys_irqctl(IRQ_RMPOLICY, RTC_IRQ));
	send_go(h);
	CHECK_EQ(ktest_reap_exit(h), 0);
}
