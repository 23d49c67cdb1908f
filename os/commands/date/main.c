/* date: the wall clock, time(), in UTC: "YYYY-MM-DD HH:MM:SS UTC", or
 * with +%s the seconds since 1970-01-01 00:00 UTC. On Phoenix it is the
 * CMOS clock the kernel read at boot plus the time since boot (without a
 * readable clock: the time since boot, a date in 1970). It cannot set
 * the clock. Status 1 when the clock cannot be read, 2 for bad usage. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* leap: whether YEAR has a 29 February. */
static int leap(long year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* print_utc: T (seconds since 1970, >= 0) as a UTC date and time. */
static void print_utc(long t)
{
	static const int month_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31,
		30, 31, 30, 31 };
	long days = t / 86400, secs = t % 86400, year = 1970;
	while (days >= (leap(year) ? 366 : 365)) {
		days -= leap(year) ? 366 : 365;
		year++;
	}
	int month = 0;
	for (;;) {
		int n = month_days[month] + (month == 1 && leap(year));
		if (days < n)
			break;
		days -= n;
		month++;
	}
	printf("%04ld-%02d-%02ld %02ld:%02ld:%02ld UTC\n", year, month + 1,
	    days + 1, secs / 3600, secs / 60 % 60, secs % 60);
}

int main(int argc, char **argv)
{
	int seconds = argc == 2 && strcmp(argv[1], "+%s") == 0;
	if (argc > 2 || (argc == 2 && !seconds)) {
		fprintf(stderr, "usage: date [+%%s]\n");
		return 2;
	}
	time_t now = time(NULL);
	if (now < 0) {
		fprintf(stderr, "date: %s\n", strerror(errno));
		return 1;
	}
	if (seconds)
		printf("%ld\n", (long) now);
	else
		print_utc((long) now);
	return 0;
}
