/* The network server (label `inet`, /sbin/inet): a character driver
 * (major INET_MAJOR: /dev/tcp, /dev/udp, /dev/icmp, /dev/ip) on the
 * chardriver library, and the client of the network driver (drv.c). Its
 * clock: an alarm every INET_TICK_MS at most, sooner when TCP's next
 * timer says so. */
#include <stdio.h>
#include "syslib.h"
#include "sef.h"
#include <abi/boot.h>
#include "inet.h"

#define INET_TICK_MS 100

void drv_ds_event(void);
void drv_event(void);
int drv_init(void);

static uint32_t hz = 100;
static uint32_t ticks0;

/* set_now: inet_now from the clock's ticks (NOW). */
static void set_now(uint32_t now)
{
	inet_now = (now - ticks0) * (1000u / hz);
}

/* refresh: inet_now from the clock (before work that reads it: TCP
 * measures round trips). */
static void refresh(void)
{
	struct mess_kc_times t;
	if (sys_times(SELF, &t) == 0)
		set_now(t.uptime);
}

/* arm: the next alarm: TCP's next timer, at most INET_TICK_MS away. */
static void arm(void)
{
	int32_t ms = tcpg_next();
	if (ms < 0 || ms > INET_TICK_MS)
		ms = INET_TICK_MS;
	uint32_t t = (uint32_t) ms * hz / 1000u;
	sys_setalarm(t ? t : 1, 0, NULL);
}

/* inet_alarm: the alarm rang: every timer, then the next alarm. */
static void inet_alarm(uint32_t now)
{
	set_now(now);
	inet_tick();
	arm();
}

/* inet_other: a notification: the data store (a driver came up) or the
 * driver (frames, room, link); then the work they left. Requests other
 * than VFS's are refused by the library before this. */
static int inet_other(message *m)
{
	if (m->m_type != NOTIFY_MESSAGE)
		return -EPERM;
	refresh();
	if (m->m_source == DS_EP)
		drv_ds_event();
	else if (m->m_source == inet_drv.ep)
		drv_event();
	inet_run();
	return CDEV_SUSPEND;
}

/* the requests, each followed by the work it left (inet_run) */
static int op_open(const struct chardriver_req *r)
{ refresh(); return inet_request(do_open, r); }
static int op_close(const struct chardriver_req *r)
{ refresh(); return inet_request(do_close, r); }
static int op_read(const struct chardriver_req *r)
{ refresh(); return inet_request(do_read, r); }
static int op_write(const struct chardriver_req *r)
{ refresh(); return inet_request(do_write, r); }
static int op_ioctl(const struct chardriver_req *r)
{ refresh(); return inet_request(do_ioctl, r); }

const struct chardriver inet_ops = {
	.open = op_open, .close = op_close, .read = op_read,
	.write = op_write, .ioctl = op_ioctl, .cancel = do_cancel,
	.select = do_select, .alarm = inet_alarm, .other = inet_other,
};

/* init: every start (a restart is a fresh start: sockets are gone with
 * the old instance, as on a reboot): defaults, the driver-up
 * subscription, the device files' announcement, the first alarm. */
static int init(const struct sef_init_info *info)
{
	struct mess_kc_times t;
	if (sys_times(SELF, &t) == 0 && t.hz > 0 && t.hz <= 1000) {
		hz = t.hz;
		ticks0 = t.uptime;
	}
	inet_init();
	int r = drv_init();
	if (r != 0)
		printf("inet: no driver-up events (%d)\n", r);
	r = chardriver_announce(info);
	if (r != 0)
		printf("inet: cannot announce /dev/ip (%d)\n", r);
	arm();
	printf("inet: eth0 10.0.2.15/24 gateway 10.0.2.2\n");
	return 0;
}

/* main: arguments are the library's (chardriver_args). */
int main(int argc, char *argv[])
{
	int r = chardriver_args(argc, argv);
	if (r != 0)
		printf("inet: bad arguments (%d)\n", r);
	sef_setcb_init_fresh(init);
	sef_setcb_init_restart(init);
	sef_startup();
	chardriver_task(&inet_ops);
}
