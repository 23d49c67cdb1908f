/* The wall clock: the CMOS real-time clock (MC146818, ports 0x70/0x71)
 * read once at boot into the boot time, seconds since 1970-01-01 00:00
 * UTC. The kernel never reads the chip again: the time of day is the
 * boot time plus the ticks since clock_init (SYS_TIMES and GET_KINFO
 * carry both), and the rtc driver (/dev/rtc) owns the ports after boot.
 *
 * The chip's registers hold BCD unless bit 2 of status register B says
 * binary, and 12-hour time (bit 7 of the hour: PM) unless bit 1 says 24
 * hours. While bit 7 of status register A (update in progress) is set
 * the registers may be changing; they are read after it clears, twice,
 * until two readings agree. The emulators keep UTC in the chip (QEMU's
 * default -rtc base=utc); a chip that answers nonsense (no RTC, all
 * 0xFF) leaves the boot time 0: "unknown", time() is then the seconds
 * since boot as before. */
#include "kernel.h"
#include "x86.h"

#define CMOS_INDEX    0x70     /* bit 7 also masks the NMI: kept clear */
#define CMOS_DATA     0x71

#define RTC_SECONDS   0x00
#define RTC_MINUTES   0x02
#define RTC_HOURS     0x04
#define RTC_DAY       0x07
#define RTC_MONTH     0x08
#define RTC_YEAR      0x09
#define RTC_STATUS_A  0x0a
#define RTC_STATUS_B  0x0b
#define RTC_CENTURY   0x32     /* not in every chip: 0 means 20xx */

#define RTC_A_UIP     0x80     /* update in progress */
#define RTC_B_24H     0x02
#define RTC_B_BINARY  0x04
#define RTC_HOUR_PM   0x80

#define UIP_SPINS     1000000  /* an update lasts < 2 ms: bounded wait */
#define READINGS      10       /* at most this many readings to agree */

static uint32_t boot_time;

/* cmos: the value of CMOS register R. */
static unsigned cmos(unsigned r)
{
	outb(CMOS_INDEX, (uint8_t) r);
	return inb(CMOS_DATA);
}

/* reading: the registers (seconds, minutes, hours, day, month, year,
 * century, status B) into V once no update is in progress. Returns 0,
 * or -1 when the update flag never clears. */
static int reading(unsigned v[8])
{
	static const uint8_t regs[8] = { RTC_SECONDS, RTC_MINUTES, RTC_HOURS,
		RTC_DAY, RTC_MONTH, RTC_YEAR, RTC_CENTURY, RTC_STATUS_B };
	unsigned spins = 0;
	while (cmos(RTC_STATUS_A) & RTC_A_UIP)
		if (++spins == UIP_SPINS)
			return -1;
	for (int i = 0; i < 8; i++)
		v[i] = cmos(regs[i]);
	return 0;
}

/* binary: register value X in binary (from BCD unless STATUS_B says the
 * chip keeps binary). */
static unsigned binary(unsigned x, unsigned status_b)
{
	return (status_b & RTC_B_BINARY) ? x : (x >> 4) * 10 + (x & 0x0f);
}

/* leap: whether YEAR (Gregorian) has a 29 February. */
static int leap(unsigned year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* rtc_seconds_since_1970: see kernel.h. */
uint32_t rtc_seconds_since_1970(unsigned year, unsigned month, unsigned day,
    unsigned hour, unsigned minute, unsigned second)
{
	static const uint16_t before_month[12] = { 0, 31, 59, 90, 120, 151,
		181, 212, 243, 273, 304, 334 };
	if (year < 1970 || year > 2105 || month < 1 || month > 12 ||
	    day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
		return 0;
	uint32_t days = 0;
	for (unsigned y = 1970; y < year; y++)
		days += leap(y) ? 366 : 365;
	days += before_month[month - 1] + (day - 1);
	if (month > 2 && leap(year))
		days++;
	return days * 86400u + hour * 3600u + minute * 60u + second;
}

/* rtc_init: see kernel.h. */
void rtc_init(void)
{
	unsigned a[8], b[8];
	int agreed = 0;
	if (reading(a) == 0) {
		for (int i = 0; i < READINGS && !agreed; i++) {
			if (reading(b) != 0)
				break;
			agreed = memcmp(a, b, sizeof(a)) == 0;
			memcpy(a, b, sizeof(a));
		}
	}
	if (!agreed) {
		kprintf("kernel: no CMOS clock: the time of day is the time "
		    "since boot\n");
		return;
	}
	unsigned sb = a[7];
	unsigned pm = a[2] & RTC_HOUR_PM;
	unsigned second = binary(a[0], sb), minute = binary(a[1], sb);
	unsigned hour = binary(a[2] & ~RTC_HOUR_PM, sb);
	unsigned day = binary(a[3], sb), month = binary(a[4], sb);
	unsigned year = binary(a[5], sb), century = binary(a[6], sb);
	if (!(sb & RTC_B_24H))             /* 12 hours: 12 AM is 0:00 */
		hour = hour % 12 + (pm ? 12 : 0);
	year += century >= 19 && century <= 21 ? century * 100 : 2000;
	boot_time = rtc_seconds_since_1970(year, month, day, hour, minute,
	    second);
	if (boot_time == 0) {
		kprintf("kernel: the CMOS clock reads nonsense (%02x-%02x-%02x "
		    "%02x:%02x:%02x): the time of day is the time since boot\n",
		    a[5], a[4], a[3], a[2], a[1], a[0]);
		return;
	}
	kprintf("kernel: clock %04u-%02u-%02u %02u:%02u:%02u UTC (CMOS)\n",
	    year, month, day, hour, minute, second);
}

/* rtc_boot_time: see kernel.h. */
uint32_t rtc_boot_time(void)
{
	return boot_time;
}
