/* The CMOS real-time clock of the PC (ports 0x70/0x71): one consistent
 * reading of date and time. */
#ifndef CMOS_H
#define CMOS_H

struct cmos_time {
	int year, month, day;
	int hour, minute, second;
};

/* cmos_read: the clock's current date and time into *T, in binary and 24
 * hours whatever mode the chip keeps. Returns 0, or a negative error of
 * the port I/O kernel call (-EPERM when the manifest lacks the ports). */
int cmos_read(struct cmos_time *t);

#endif
