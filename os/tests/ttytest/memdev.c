/* ttytest's cases for the memory devices (no typing needed). */
#include "ttytest.h"

#define BAD_MINOR 4

TEST(memdev_open)
{
	CHECK_EQ(tt_open(tt_memdev, MEMORY_MINOR_NULL), 0);
	CHECK_EQ(tt_open(tt_memdev, MEMORY_MINOR_ZERO), 0);
	CHECK_EQ(tt_open(tt_memdev, MEMORY_MINOR_FULL), 0);
	CHECK_EQ(tt_open(tt_memdev, BAD_MINOR), -ENODEV);
	CHECK_EQ(tt_close(tt_memdev, MEMORY_MINOR_NULL), 0);
}

TEST(memdev_null)
{
	char buf[100];
	CHECK_EQ(tt_read(tt_memdev, MEMORY_MINOR_NULL, buf, sizeof(buf), 0,
	    NULL), 0);
	CHECK_EQ(tt_write(tt_memdev, MEMORY_MINOR_NULL, buf, sizeof(buf)), 100);
}

/* all_zero: whether the N bytes of BUF are 0. */
static int all_zero(const unsigned char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (buf[i])
			return 0;
	return 1;
}

TEST(memdev_zero)
{
	static unsigned char buf[5000];   /* more than one chunk */
	memset(buf, 0xaa, sizeof(buf));
	CHECK_EQ(tt_read(tt_memdev, MEMORY_MINOR_ZERO, buf, sizeof(buf), 0,
	    NULL), 5000);
	CHECK(all_zero(buf, sizeof(buf)));
	CHECK_EQ(tt_write(tt_memdev, MEMORY_MINOR_ZERO, buf, 10), 10);
}

TEST(memdev_full)
{
	unsigned char buf[64];
	memset(buf, 0xaa, sizeof(buf));
	CHECK_EQ(tt_read(tt_memdev, MEMORY_MINOR_FULL, buf, sizeof(buf), 0,
	    NULL), 64);
	CHECK(all_zero(buf, sizeof(buf)));
	CHECK_EQ(tt_write(tt_memdev, MEMORY_MINOR_FULL, buf, 1), -ENOSPC);
}

TEST(memdev_bad_minor)
{
	char buf[8];
	CHECK_EQ(tt_read(tt_memdev, BAD_MINOR, buf, sizeof(buf), 0, NULL),
	    -ENODEV);
	CHECK_EQ(tt_write(tt_memdev, BAD_MINOR, buf, sizeof(buf)), -ENODEV);
}

/* memdev_bad_grant: a read into a grant that is not ours fails (the
 * kernel refuses the safecopy). */
TEST(memdev_bad_grant)
{
	struct mess_cdev_req q = {
		.minor = MEMORY_MINOR_ZERO, .id = 900, .grant = 0x7fff0003,
		.size = 16,
	};
	CHECK_EQ(tt_call(tt_memdev, CDEV_READ, &q, NULL), -EPERM);
}

/* memdev_no_ioctl: a driver without an ioctl operation answers -ENOTTY. */
TEST(memdev_no_ioctl)
{
	struct winsize w;
	CHECK_EQ(tt_ioctl(tt_memdev, MEMORY_MINOR_NULL, TIOCGWINSZ, &w,
	    sizeof(w)), -ENOTTY);
}

/* memdev_unknown_request: requests the library does not know: -ENOSYS,
 * still as CDEV_REPLY with the request's id. */
TEST(memdev_unknown_request)
{
	struct mess_cdev_req q = { .id = 901 };
	int type;
	CHECK_EQ(tt_call(tt_memdev, CDEV_BASE + 15, &q, &type), -ENOSYS);
	CHECK_EQ(type, CDEV_REPLY);
	CHECK_EQ(tt_call(tt_memdev, 0x1234, &q, &type), -ENOSYS);
	CHECK_EQ(type, CDEV_REPLY);
}

/* memdev_status_and_cancel: nothing suspended: STATUS says so, CANCEL of
 * an unknown request -EINVAL. */
TEST(memdev_status_and_cancel)
{
	uint32_t id;
	int status;
	CHECK_EQ(tt_status(tt_memdev, &id, &status), CDEV_NO_STATUS);
	CHECK_EQ(tt_cancel(tt_memdev, 999), -EINVAL);
}

/* child_asks: in a forked child (not the process playing VFS or PM): ask
 * EP request TYPE and report the reply's status to PARENT. */
static void child_asks(endpoint_t parent, endpoint_t ep, int type)
{
	struct mess_cdev_req q = { .minor = 0, .id = 77 };
	message m = { 0 };
	m.m_type = tt_call(ep, type, &q, NULL);
	ipc_send(parent, &m);
	sys_exit(0);
}

/* asked_by_child: the status a forked child got for request TYPE to EP
 * (a large number when something else went wrong). */
static int asked_by_child(endpoint_t ep, int type)
{
	endpoint_t self = sys_self(), child;
	if (sys_fork(&child) != 0)
		return 100000;
	if (child == 0)
		child_asks(self, ep, type);
	message m;
	int r = ipc_receive(child, &m);
	/* Reap it: wait for its exit (a notification from SYSTEM). */
	for (;;) {
		endpoint_t ep2;
		sigset_k s;
		int st;
		if (sys_getksig(&ep2, &s, &st) == 0 && ep2 == child)
			break;
		message n;
		ipc_receive(SYSTEM, &n);
	}
	sys_clear(child);
	return r == 0 ? m.m_type : 100001;
}

/* not_vfs: only the process playing VFS (and PM for TTY_PM_GETSIG) may
 * ask a driver anything; the others get -EPERM. */
TEST(not_vfs)
{
	CHECK_EQ(asked_by_child(tt_memdev, CDEV_OPEN), -EPERM);
	CHECK_EQ(asked_by_child(tt_tty, CDEV_READ), -EPERM);
	CHECK_EQ(asked_by_child(tt_tty, CDEV_STATUS), -EPERM);
	CHECK_EQ(asked_by_child(tt_tty, TTY_PM_GETSIG), -EPERM);
}
