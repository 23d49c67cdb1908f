/* Cases for the service kernel calls: port I/O, an interrupt delivered as
 * a HARDWARE notification (the CMOS real-time clock), alarms, process
 * times, SYS_GETINFO and SYS_NULL. */
#include <string.h>
#include "ktest.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71
#define CMOS_NMI_OFF 0x80      /* index bit: keep NMI disabled */
#define RTC_REG_A  0x0a        /* rate select (low nibble) */
#define RTC_REG_B  0x0b        /* bit 6 PIE: periodic interrupt enable */
#define RTC_REG_C  0x0c        /* flags; reading acknowledges (bit 6 PF) */
#define RTC_REG_D  0x0d        /* bit 7: CMOS valid */
#define RTC_PIE    0x40
#define RTC_PF     0x40
#define RTC_RATE   0x0b        /* 32768 >> (11 - 1) = 32 Hz */
#define RTC_IRQ    8

/* cmos_read: CMOS register REG. */
static uint8_t cmos_read(uint8_t reg)
{
	uint32_t v;
	CHECK_OK(sys_out(CMOS_INDEX, CMOS_NMI_OFF | reg, 1));
	CHECK_OK(sys_in(CMOS_DATA, &v, 1));
	return (uint8_t) v;
}

/* cmos_write: set CMOS register REG to VALUE. */
static void cmos_write(uint8_t reg, uint8_t value)
{
	CHECK_OK(sys_out(CMOS_INDEX, CMOS_NMI_OFF | reg, 1));
	CHECK_OK(sys_out(CMOS_DATA, value, 1));
}

/* Port I/O within the caller's ranges works: the CMOS says it is valid,
 * and a byte read comes back zero-extended. */
TEST(devio_allowed)
{
	uint32_t v = 0xdeadbeef;
	CHECK_OK(sys_out(CMOS_INDEX, CMOS_NMI_OFF | RTC_REG_D, 1));
	CHECK_OK(sys_in(CMOS_DATA, &v, 1));
	CHECK_EQ(v & ~0xffu, 0);
	CHECK(v & 0x80);
}

/* await_rtc_irq: wait (at most two seconds, by an alarm) for the next
 * HARDWARE notification and check it names the RTC line. */
static void await_rtc_irq(void)
{
	CHECK_OK(sys_setalarm(2 * ktest_hz(), 0, NULL));
	for (;;) {
		message m;
		CHECK_OK(ktest_receive_any(&m));
		if (m.m_source == CLOCK)
			FAIL("no RTC interrupt within 2 seconds");
		CHECK_EQ(m.m_source, HARDWARE);
		CHECK_EQ(m.m_type, NOTIFY_MESSAGE);
		CHECK(m.u.notify.irqs & (1u << RTC_IRQ));
		break;
	}
	CHECK_OK(sys_setalarm(0, 0, NULL));
}

/* An interrupt of a line routed with IRQ_SETPOLICY arrives as a HARDWARE
 * notification with its bit in `irqs`; the line stays masked until
 * IRQ_ENABLE, after which the next one arrives. Uses the RTC's periodic
 * interrupt (IRQ 8) and leaves the RTC as it found it. */
TEST(irq_rtc)
{
	uint8_t a = cmos_read(RTC_REG_A);
	uint8_t b = cmos_read(RTC_REG_B);
	CHECK_OK(sys_irqctl(IRQ_SETPOLICY, RTC_IRQ));
	cmos_write(RTC_REG_A, (uint8_t) ((a & 0xf0) | RTC_RATE));
	(void) cmos_read(RTC_REG_C);
	cmos_write(RTC_REG_B, b | RTC_PIE);

	await_rtc_irq();
	CHECK(cmos_read(RTC_REG_C) & RTC_PF);      /* acknowledge */
	CHECK_OK(sys_irqctl(IRQ_ENABLE, RTC_IRQ));
	await_rtc_irq();
	CHECK(cmos_read(RTC_REG_C) & RTC_PF);

	cmos_write(RTC_REG_B, b & ~RTC_PIE);
	(void) cmos_read(RTC_REG_C);
	cmos_write(RTC_REG_A, a);
	CHECK_OK(sys_irqctl(IRQ_RMPOLICY, RTC_IRQ));
}

/* await_clock: receive the next message, which must be the CLOCK
 * notification; return its timestamp. */
static uint32_t await_clock(void)
{
	message m;
	CHECK_OK(ktest_receive_any(&m));
	CHECK_EQ(m.m_source, CLOCK);
	CHECK_EQ(m.m_type, NOTIFY_MESSAGE);
	return m.u.notify.timestamp;
}

/* A relative alarm arrives as a CLOCK notification, not before its time. */
TEST(alarm_fires)
{
	uint32_t rem = 12345;
	uint32_t t0 = ktest_uptime();
	CHECK_OK(sys_setalarm(20, 0, &rem));
	CHECK_EQ(rem, 0);                 /* no alarm was set before */
	uint32_t stamp = await_clock();
	uint32_t t1 = ktest_uptime();
	if (t1 < t0 + 20 || stamp < t0 + 20)
		FAIL("alarm for tick %u came at tick %u (stamp %u)",
		    (unsigned) (t0 + 20), (unsigned) t1, (unsigned) stamp);
}

/* An absolute alarm arrives at (not before) the given tick. */
TEST(alarm_absolute)
{
	uint32_t when = ktest_uptime() + 15;
	CHECK_OK(sys_setalarm(when, 1, NULL));
	await_clock();
	uint32_t t1 = ktest_uptime();
	if (t1 < when)
		FAIL("alarm for tick %u came at tick %u", (unsigned) when,
		    (unsigned) t1);
}

/* Setting an alarm replaces the previous one and returns what it had
 * left; 0 cancels it, and cancelling again returns 0. The replacing
 * alarm is the one that arrives (well before the replaced one would). */
TEST(alarm_replace)
{
	uint32_t rem;
	CHECK_OK(sys_setalarm(100, 0, NULL));
	CHECK_OK(sys_setalarm(0, 0, &rem));
	if (rem == 0 || rem > 100)
		FAIL("cancelled 100-tick alarm had %u ticks left", (unsigned) rem);
	CHECK_OK(sys_setalarm(0, 0, &rem));
	CHECK_EQ(rem, 0);

	uint32_t t0 = ktest_uptime();
	CHECK_OK(sys_setalarm(500, 0, NULL));
	CHECK_OK(sys_setalarm(10, 0, &rem));
	if (rem == 0 || rem > 500)
		FAIL("replaced 500-tick alarm had %u ticks left", (unsigned) rem);
	await_clock();
	uint32_t t1 = ktest_uptime();
	CHECK(t1 >= t0 + 10);
	CHECK(t1 < t0 + 500);
}

/* busy_until: spin in user mode until tick WHEN. */
static void busy_until(uint32_t when)
{
	volatile uint32_t spins = 0;
	while (ktest_uptime() < when)
		for (int i = 0; i < 10000; i++)
			spins++;
}

/* The clock runs at 100 Hz; uptime advances; a busy process is charged
 * user time for it. Times of another process can be read too, and a bad
 * endpoint is refused. */
TEST(times_ticks)
{
	struct mess_kc_times a, b;
	CHECK_OK(sys_times(SELF, &a));
	CHECK_EQ(a.hz, 100);
	busy_until(a.uptime + 20);
	CHECK_OK(sys_times(SELF, &b));
	CHECK(b.uptime >= a.uptime + 20);
	CHECK(b.user_ticks > a.user_ticks);
	CHECK(b.user_ticks + b.sys_ticks >= a.user_ticks + a.sys_ticks);
	CHECK_EQ(b.hz, 100);

	struct mess_kc_times r;
	CHECK_OK(sys_times(ktest_runner, &r));
	CHECK(r.uptime >= b.uptime);
	CHECK_FAILS(sys_times(64, &r));
}

/* SYS_NULL does nothing and succeeds. */
TEST(null_call)
{
	for (int i = 0; i < 100; i++)
		CHECK_OK(sys_null());
}

/* GET_KINFO describes the kernel sanely. */
TEST(getinfo_kinfo)
{
	struct kinfo k;
	memset(&k, 0xff, sizeof(k));
	CHECK_EQ(sys_getinfo(GET_KINFO, SELF, &k, sizeof(k)), sizeof(k));
	CHECK_EQ(k.hz, 100);
	CHECK_EQ(k.nr_procs, PRIV_SLOTS);
	CHECK(k.mem_total_kib >= 200 * 1024);     /* the emulators have 256 MiB */
	CHECK(k.mem_total_kib <= 256 * 1024);
	CHECK(k.mem_free_kib > 0);
	CHECK(k.mem_free_kib < k.mem_total_kib);
	CHECK(k.uptime > 0);
	CHECK(k.uptime <= ktest_uptime());
	CHECK(strnlen(k.version, sizeof(k.version)) > 0);
	CHECK(strnlen(k.version, sizeof(k.version)) < sizeof(k.version));
}

/* find_proc: the entry of EP in TAB (N entries), or NULL. */
static const struct proc_info *find_proc(const struct proc_info *tab, int n,
    endpoint_t ep)
{
	for (int i = 0; i < n; i++)
		if (tab[i].endpoint == ep)
			return &tab[i];
	return NULL;
}

/* GET_PROCTAB lists the live processes, us and the runner among them, with
 * consistent slots, names and states; a buffer too small is -E2BIG. */
TEST(getinfo_proctab)
{
	static struct proc_info tab[PRIV_SLOTS];
	endpoint_t self = ktest_self();
	/* The runner may not have reached its receive yet. */
	ktest_await_state(ktest_runner, PSTATE_RECEIVING);
	int r = sys_getinfo(GET_PROCTAB, SELF, tab, sizeof(tab));
	CHECK(r > 0);
	CHECK_EQ(r % (int) sizeof(tab[0]), 0);
	int n = r / (int) sizeof(tab[0]);
	CHECK(n >= 2);
	for (int i = 0; i < n; i++) {
		CHECK(tab[i].slot >= 0 && tab[i].slot < PRIV_SLOTS);
		CHECK_EQ(tab[i].slot, ep_slot(tab[i].endpoint));
		CHECK(strnlen(tab[i].name, sizeof(tab[i].name)) <
		    sizeof(tab[i].name));
	}
	const struct proc_info *me = find_proc(tab, n, self);
	CHECK(me != NULL);
	CHECK(strcmp(me->name, "ktest") == 0);
	CHECK_EQ(me->flags, 0);
	CHECK_EQ(me->sig_mgr, ktest_runner);
	const struct proc_info *runner = find_proc(tab, n, ktest_runner);
	CHECK(runner != NULL);
	CHECK(strcmp(runner->name, "ktest") == 0);
	CHECK(runner->flags & PSTATE_RECEIVING);
	CHECK_EQ(runner->sig_mgr, NONE);

	CHECK_EQ(sys_getinfo(GET_PROCTAB, SELF, tab, sizeof(tab[0])), -E2BIG);
}

/* wait_for_parent: helper that receives from the process given as ARG. */
static void wait_for_parent(void *arg)
{
	message m;
	CHECK_OK(ipc_receive(ARG_EP(arg), &m));
}

/* GET_PROC describes one process: SELF is the caller; a helper blocked
 * receiving from us shows that state and peer. A too-small buffer is
 * -E2BIG; an endpoint naming no process is refused. */
TEST(getinfo_proc)
{
	struct proc_info p;
	endpoint_t self = ktest_self();
	CHECK_EQ(sys_getinfo(GET_PROC, SELF, &p, sizeof(p)), sizeof(p));
	CHECK_EQ(p.endpoint, self);
	CHECK_EQ(p.slot, ep_slot(self));
	CHECK(strcmp(p.name, "ktest") == 0);
	CHECK_EQ(p.flags, 0);
	CHECK_EQ(p.sig_mgr, ktest_runner);
	CHECK_EQ(p.blocked_on, NONE);

	endpoint_t h = ktest_spawn(wait_for_parent, EP_ARG(self));
	ktest_await_state(h, PSTATE_RECEIVING);
	CHECK_EQ(sys_getinfo(GET_PROC, h, &p, sizeof(p)), sizeof(p));
	CHECK_EQ(p.endpoint, h);
	CHECK_EQ(p.flags, PSTATE_RECEIVING);
	CHECK_EQ(p.blocked_on, self);
	CHECK_EQ(p.sig_mgr, self);
	message m;
	memset(&m, 0, sizeof(m));
	CHECK_OK(ipc_send(h, &m));
	CHECK_EQ(ktest_reap_exit(h), 0);

	CHECK_EQ(sys_getinfo(GET_PROC, SELF, &p, sizeof(p) - 1), -E2BIG);
	CHECK_FAILS(sys_getinfo(GET_PROC, 64, &p, sizeof(p)));
	CHECK_FAILS(sys_getinfo(GET_PROC, h, &p, sizeof(p)));
}

/* GET_PRIV returns the same privileges as PRIVCTL_GET: those of the boot
 * process (everything), copied by fork, with the runner as manager. */
TEST(getinfo_priv)
{
	struct priv_spec a, b;
	memset(&a, 0x11, sizeof(a));
	memset(&b, 0x22, sizeof(b));
	CHECK_EQ(sys_getinfo(GET_PRIV, SELF, &a, sizeof(a)), sizeof(a));
	CHECK_OK(sys_privctl(ktest_self(), PRIVCTL_GET, &b));
	CHECK(memcmp(&a, &b, sizeof(a)) == 0);
	CHECK_EQ(a.flags, PRIV_SYSTEM | PRIV_IPC_ALL);
	CHECK_EQ(a.sig_mgr, ktest_runner);
	for (int call = KCALL_BASE; call < SYS_END_; call++) {
		int bit = call - KCALL_BASE;
		if (!(a.kcalls[bit / 32] & (1u << (bit % 32))))
			FAIL("kernel call %d missing from the boot privileges", call);
	}
	CHECK_EQ(a.irqs, 0xfffau);          /* 1-15 except 2 */
	int all_ports = 0;
	for (uint32_t i = 0; i < a.nr_io && i < PRIV_IO_RANGES; i++)
		if (a.io[i].base == 0 && a.io[i].last == 0xffff)
			all_ports = 1;
	CHECK(all_ports);
}

/* GET_BOOTIMAGE lists the boot modules: ktest, at the runner's endpoint. */
TEST(getinfo_bootimage)
{
	static struct boot_image_info img[16];
	int r = sys_getinfo(GET_BOOTIMAGE, SELF, img, sizeof(img));
	CHECK(r > 0);
	CHECK_EQ(r % (int) sizeof(img[0]), 0);
	int n = r / (int) sizeof(img[0]);
	int found = 0;
	for (int i = 0; i < n; i++) {
		if (strcmp(img[i].name, "ktest") != 0)
			continue;
		found++;
		CHECK_EQ(img[i].endpoint, ktest_runner);
		CHECK(img[i].size > 4096);
	}
	CHECK_EQ(found, 1);
}

/* SYS_GETINFO refuses a too-small buffer (-E2BIG), a buffer that is not
 * the caller's memory (-EFAULT) and an unknown request (-EINVAL). */
TEST(getinfo_errors)
{
	struct kinfo k;
	CHECK_EQ(sys_getinfo(GET_KINFO, SELF, &k, sizeof(k) - 1), -E2BIG);
	CHECK_EQ(sys_getinfo(GET_KINFO, SELF, &k, 0), -E2BIG);
	CHECK_EQ(sys_getinfo(GET_KINFO, SELF, (void *) 0x10, sizeof(k)),
	    -EFAULT);
	CHECK_EQ(sys_getinfo(GET_KINFO, SELF, (void *) 0xF0000000u,
	    sizeof(k)), -EFAULT);
	CHECK_EQ(sys_getinfo(GET_KINFO, SELF, (void *) 0x00100000u,
	    sizeof(k)), -EFAULT);
	CHECK_EQ(sys_getinfo(99, SELF, &k, sizeof(k)), -EINVAL);
}

/* A kernel call made with the direction flag set works: the kernel clears
 * DF on entry (its string copies assume it), and the caller's DF is left
 * to the caller. */
TEST(kcall_direction_flag)
{
	static struct kinfo k;
	static message m;
	memset(&k, 0, sizeof(k));
	memset(&m, 0, sizeof(m));
	m.m_type = SYS_GETINFO;
	m.u.kc_getinfo.request = GET_KINFO;
	m.u.kc_getinfo.buf = (vir_bytes) &k;
	m.u.kc_getinfo.len = sizeof(k);
	int r;
	uint32_t flags;
	__asm__ volatile("std\n\tint %2\n\tpushf\n\tpopl %1\n\tcld"
	    : "=a"(r), "=r"(flags) : "i"(KCALL_VECTOR), "c"(&m) : "memory", "cc");
	CHECK_OK(r);
	CHECK_EQ(m.u.kc_getinfo.len, sizeof(k));
	CHECK_EQ(k.hz, ktest_hz());
	CHECK(strncmp(k.version, "Phoenix", 7) == 0);
	CHECK(flags & 0x400);
}
