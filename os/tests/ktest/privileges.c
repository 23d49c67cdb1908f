/* Cases for privileges: who may change them (SYS_PRIVCTL), and that the
 * kernel enforces the I/O-port ranges and the IRQ mask they grant. */
#include <string.h>
#include "ktest.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71
#define RTC_IRQ    8
#define MSG_GO     0x5301

/* get_priv: our own privileges. */
static struct priv_spec get_priv(void)
{
	struct priv_spec spec;
	CHECK_OK(sys_privctl(ktest_self(), PRIVCTL_GET, &spec));
	return spec;
}

/* set_priv: install SPEC as our own privileges. */
static void set_priv(struct priv_spec *spec)
{
	CHECK_OK(sys_privctl(ktest_self(), PRIVCTL_SET, spec));
}

/* Port I/O is checked against the I/O ranges byte by byte: ports outside
 * them are -EPERM (for reads and writes, and for a wide access that runs
 * past the end of a range); with no ranges at all nothing is allowed. */
TEST(devio_denied)
{
	uint32_t v;
	struct priv_spec spec = get_priv();
	spec.nr_io = 1;
	spec.io[0].base = CMOS_DATA;
	spec.io[0].last = CMOS_DATA;
	set_priv(&spec);

	CHECK_OK(sys_in(CMOS_DATA, &v, 1));
	CHECK_EQ(sys_in(CMOS_INDEX, &v, 1), -EPERM);
	CHECK_EQ(sys_out(CMOS_INDEX, 0x8d, 1), -EPERM);
	CHECK_EQ(sys_in(CMOS_DATA, &v, 2), -EPERM);       /* 0x71-0x72 */
	CHECK_EQ(sys_in(CMOS_DATA - 1, &v, 2), -EPERM);   /* 0x70-0x71 */
	CHECK_EQ(sys_in(0x80, &v, 1), -EPERM);

	spec.nr_io = 0;
	set_priv(&spec);
	CHECK_EQ(sys_in(CMOS_DATA, &v, 1), -EPERM);
	CHECK_EQ(sys_out(CMOS_DATA, 0, 1), -EPERM);
}

/* A read-only range (IO_READ_ONLY, manifest "io 71/r") allows in and
 * refuses out: a faulty driver that only reads a device cannot change it
 * (the CMOS clock, here). Unknown range flags are -EINVAL. */
TEST(devio_read_only)
{
	uint32_t v;
	struct priv_spec spec = get_priv();
	spec.nr_io = 2;
	spec.io[0].base = CMOS_INDEX;
	spec.io[0].last = CMOS_INDEX;
	spec.io[0].flags = 0;
	spec.io[1].base = CMOS_DATA;
	spec.io[1].last = CMOS_DATA;
	spec.io[1].flags = IO_READ_ONLY;
	set_priv(&spec);

	CHECK_OK(sys_out(CMOS_INDEX, 0x00, 1));          /* select seconds */
	CHECK_OK(sys_in(CMOS_DATA, &v, 1));
	CHECK_EQ(sys_out(CMOS_DATA, 0x59, 1), -EPERM);

	spec.io[1].flags = 0x80;
	CHECK_EQ(sys_privctl(ktest_self(), PRIVCTL_SET, &spec), -EINVAL);
}

/* IRQ lines 0 (the clock), 2 (the cascade) and numbers outside 0-15 are
 * -EINVAL even with every IRQ privilege. */
TEST(irq_invalid)
{
	CHECK_EQ(sys_irqctl(IRQ_SETPOLICY, 0), -EINVAL);
	CHECK_EQ(sys_irqctl(IRQ_SETPOLICY, 2), -EINVAL);
	CHECK_EQ(sys_irqctl(IRQ_SETPOLICY, 16), -EINVAL);
	CHECK_EQ(sys_irqctl(IRQ_SETPOLICY, -1), -EINVAL);
}

/* An IRQ line outside the caller's IRQ mask is -EPERM. */
TEST(irq_denied)
{
	struct priv_spec spec = get_priv();
	CHECK(spec.irqs & (1u << RTC_IRQ));
	spec.irqs &= ~(1u << RTC_IRQ);
	set_priv(&spec);
	CHECK_EQ(sys_irqctl(IRQ_SETPOLICY, RTC_IRQ), -EPERM);
	spec.irqs = 0;
	set_priv(&spec);
	CHECK_EQ(sys_irqctl(IRQ_SETPOLICY, 5), -EPERM);
}

/* own_rtc_irq: helper that takes the RTC line, then waits for MSG_GO from
 * the process given as ARG and exits still owning it. */
static void own_rtc_irq(void *arg)
{
	message m;
	CHECK_OK(sys_irqctl(IRQ_SETPOLICY, RTC_IRQ));
	CHECK_OK(ipc_receive(ARG_EP(arg), &m));
	CHECK_EQ(m.m_type, MSG_GO);
}

/* A line owned by another live process is -EBUSY; once that process is
 * gone the line is free again. */
TEST(irq_busy)
{
	endpoint_t h = ktest_spawn(own_rtc_irq, EP_ARG(ktest_self()));
	ktest_await_state(h, PSTATE_RECEIVING);
	CHECK_EQ(sys_irqctl(IRQ_SETPOLICY, RTC_IRQ), -EBUSY);
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = MSG_GO;
	CHECK_OK(ipc_send(h, &m));
	CHECK_EQ(ktest_reap_exit(h), 0);
	CHECK_OK(sys_irqctl(IRQ_SETPOLICY, RTC_IRQ));
	CHECK_OK(sys_irqctl(IRQ_RMPOLICY, RTC_IRQ));
}

/* A process may not change the privileges of a process it does not manage
 * (here the runner, its own manager): refused with an error (the ABI does
 * not fix which). The attempt writes back the runner's current privileges,
 * so even a wrongly accepted call changes nothing. */
TEST(privctl_not_manager)
{
	struct priv_spec spec;
	int r = sys_getinfo(GET_PRIV, ktest_runner, &spec, sizeof(spec));
	CHECK_EQ(r, sizeof(spec));
	CHECK_FAILS(sys_privctl(ktest_runner, PRIVCTL_SET, &spec));
}

/* check_no_io: helper that expects the CMOS ports to be denied. */
static void check_no_io(void *arg)
{
	uint32_t v;
	message m;
	/* Wait until the parent has changed our privileges. */
	CHECK_OK(ipc_receive(ARG_EP(arg), &m));
	CHECK_EQ(sys_in(CMOS_DATA, &v, 1), -EPERM);
}

/* A signal manager may read and set the privileges of the processes it
 * manages; a forked child starts with a copy of its parent's, with the
 * parent as signal manager. */
TEST(privctl_manager)
{
	endpoint_t self = ktest_self();
	struct priv_spec mine = get_priv();
	struct priv_spec spec;
	endpoint_t h = ktest_spawn(check_no_io, EP_ARG(self));
	CHECK_OK(sys_privctl(h, PRIVCTL_GET, &spec));
	CHECK_EQ(spec.sig_mgr, self);
	CHECK_EQ(spec.flags, mine.flags);
	CHECK(memcmp(spec.kcalls, mine.kcalls, sizeof(mine.kcalls)) == 0);
	CHECK(memcmp(spec.ipc_to, mine.ipc_to, sizeof(mine.ipc_to)) == 0);
	CHECK_EQ(spec.nr_io, mine.nr_io);
	CHECK_EQ(spec.irqs, mine.irqs);

	spec.nr_io = 0;
	CHECK_OK(sys_privctl(h, PRIVCTL_SET, &spec));
	CHECK_OK(sys_privctl(h, PRIVCTL_GET, &spec));
	CHECK_EQ(spec.nr_io, 0);
	message m;
	memset(&m, 0, sizeof(m));
	m.m_type = MSG_GO;
	CHECK_OK(ipc_send(h, &m));
	CHECK_EQ(ktest_reap_exit(h), 0);
}
