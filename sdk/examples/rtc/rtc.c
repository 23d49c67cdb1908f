/* The rtc driver: /dev/rtc reads the date and time of the CMOS clock as
 * one line, "YYYY-MM-DD HH:MM:SS\n", like a file: a read at offset 0
 * takes a fresh reading, later offsets continue the same line, so `cat
 * /dev/rtc` prints it once and ends. Read-only: it has no write
 * operation. It keeps no state, so a restart or a live update needs
 * nothing but the SEF defaults; it shows the SDK's port I/O (kcall.h) and
 * a manifest with I/O ports. */
#include <stdio.h>
#include <string.h>
#include "driver.h"
#include "cmos.h"

#define LINE_LEN 20                   /* "YYYY-MM-DD HH:MM:SS\n" */

static char line[LINE_LEN + 1];

/* rtc_read: the read operation. Offset 0 reads the clock again. */
static int rtc_read(const struct chardriver_req *req)
{
	if (req->pos < 0 || req->pos >= LINE_LEN)
		return 0;
	if (req->pos == 0) {
		struct cmos_time t;
		int e = cmos_read(&t);
		if (e != 0) {
			log_error("cannot read the CMOS clock (%d)", e);
			return -EIO;
		}
		snprintf(line, sizeof(line), "%04d-%02d-%02d %02d:%02d:%02d\n",
		    t.year, t.month, t.day, t.hour, t.minute, t.second);
	}
	size_t n = LINE_LEN - (size_t) req->pos;
	if (n > req->size)
		n = req->size;
	int r = chardriver_copyout(req->grant, 0, line + req->pos, n);
	return r ? r : (int) n;
}

static const struct chardriver rtc_ops = {
	.read = rtc_read,
};

/* rtc_init: SEF init callback for every kind of start: nothing to
 * restore; announce the device to VFS. */
static int rtc_init(const struct sef_init_info *info)
{
	chardriver_announce(info);
	return 0;
}

int main(int argc, char *argv[])
{
	chardriver_args(argc, argv);
	sef_setcb_init_fresh(rtc_init);
	sef_startup();
	chardriver_task(&rtc_ops);
}
