/* Reading the CMOS clock: wait until no update is in progress, read every
 * register, and read again until two readings agree (an update may start
 * between the check and the reads). Registers hold BCD unless status
 * register B says binary, and 12-hour time unless it says 24. */
#include <string.h>
#include "driver.h"
#include "cmos.h"

#define CMOS_INDEX  0x70
#define CMOS_DATA   0x71

#define REG_SECONDS 0x00
#define REG_MINUTES 0x02
#define REG_HOURS   0x04
#define REG_DAY     0x07
#define REG_MONTH   0x08
#define REG_YEAR    0x09
#define REG_STATUS_A 0x0a     /* bit 7: update in progress */
#define REG_STATUS_B 0x0b     /* bit 2: binary, bit 1: 24 hours */
#define REG_CENTURY 0x32

#define TRIES 10

/* reg: the value of CMOS register R into *V. 0 or an error. */
static int reg(unsigned r, unsigned *v)
{
	uint32_t value;
	int e = sys_out(CMOS_INDEX, r, 1);
	if (e == 0)
		e = sys_in(CMOS_DATA, &value, 1);
	*v = e == 0 ? value & 0xff : 0;
	return e;
}

static unsigned from_bcd(unsigned v)
{
	return (v >> 4) * 10 + (v & 0x0f);
}

/* raw_read: every register once, after the update flag cleared. */
static int raw_read(unsigned v[8])
{
	static const unsigned regs[8] = { REG_SECONDS, REG_MINUTES,
		REG_HOURS, REG_DAY, REG_MONTH, REG_YEAR, REG_CENTURY,
		REG_STATUS_B };
	unsigned a;
	int e;
	do {
		if ((e = reg(REG_STATUS_A, &a)) != 0)
			return e;
	} while (a & 0x80);
	for (int i = 0; i < 8; i++)
		if ((e = reg(regs[i], &v[i])) != 0)
			return e;
	return 0;
}

/* cmos_read: see cmos.h. */
int cmos_read(struct cmos_time *t)
{
	unsigned a[8], b[8];
	int e = raw_read(a);
	for (int i = 0; e == 0 && i < TRIES; i++) {
		if ((e = raw_read(b)) != 0 || memcmp(a, b, sizeof(a)) == 0)
			break;
		memcpy(a, b, sizeof(a));
	}
	if (e != 0)
		return e;
	unsigned status_b = a[7];
	int pm = !(status_b & 0x02) && (a[2] & 0x80);
	unsigned v[7];
	for (int i = 0; i < 7; i++) {
		v[i] = i == 2 ? a[i] & 0x7f : a[i];
		if (!(status_b & 0x04))
			v[i] = from_bcd(v[i]);
	}
	t->second = (int) v[0];
	t->minute = (int) v[1];
	t->hour = (int) v[2];
	if (!(status_b & 0x02))               /* 12 hours: 12 AM is 0 */
		t->hour = t->hour % 12 + (pm ? 12 : 0);
	t->day = (int) v[3];
	t->month = (int) v[4];
	t->year = (int) (v[6] ? v[6] * 100 + v[5] : 2000 + v[5]);
	return 0;
}
